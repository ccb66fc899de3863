//! A file input for report CSVs, read in the page and sent nowhere.

use leptos::prelude::*;

use crate::browser::PickedFile;

/// A labelled file input for report CSVs (several at once): the files go to `on_open`, read in
/// the page and sent nowhere.
#[component]
pub(crate) fn ReportPicker(
    /// The input's id (its label points at it).
    id: &'static str,
    /// The accessible name ("Open a report").
    label: &'static str,
    /// One sentence under it.
    hint: &'static str,
    /// Called with the chosen files.
    on_open: Callback<Vec<PickedFile>>,
) -> impl IntoView {
    view! {
        <div class="open-report">
            <label for=id>{label}</label>
            <input id=id type="file" accept=".csv,text/csv" multiple
                on:change=move |ev| on_open.run(crate::browser::input_files(&ev)) />
            <small class="muted">{hint}</small>
        </div>
    }
}
