//! An error alert: what happened and what to do, with an optional Retry.

use leptos::prelude::*;

/// An error in `role="alert"`: what happened and what to do, with an optional Retry button.
#[component]
pub(crate) fn ErrorAlert(
    /// The message (the error's `Display`, which carries the remedy).
    #[prop(into)]
    message: Signal<String>,
    /// Called when the user presses Retry; no button when absent.
    #[prop(optional)]
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
    view! {
        <div role="alert" class="alert">
            <p>{move || message.get()}</p>
            {on_retry.map(|retry| view! { <button type="button" on:click=move |_| retry.run(())>"Retry"</button> })}
        </div>
    }
}
