//! Load progress and its outcome: an alert for a failure, a warning for an incomplete list.

use leptos::prelude::*;

use seat_core::overview::format_count;

use crate::components::error_alert::ErrorAlert;
use seat_core::status::LoadStatus;

/// Progress while seats arrive, and the honest outcome after: an alert for a failure, a
/// warning for an incomplete list.
#[component]
pub(crate) fn LoadStatusView(
    /// The load's state.
    #[prop(into)]
    status: Signal<LoadStatus>,
    /// Starts the load again.
    on_retry: Callback<()>,
) -> impl IntoView {
    move || match status.get() {
        LoadStatus::Idle => ().into_any(),
        LoadStatus::Loading {
            loaded,
            total,
            note,
            pages,
            eta_ms,
        } => {
            let label = match (pages, total) {
                // An enterprise lists a person once per granting organization or team: its
                // objects are no count of its people, the pages are the progress.
                (Some((done, of)), Some(t)) => format!(
                    "Loading seats: page {done} of {of}, {} seat objects for {} people",
                    format_count(loaded as u64),
                    format_count(t)
                ),
                (Some((done, of)), None) => format!("Loading seats: page {done} of {of}"),
                (None, Some(t)) => format!(
                    "Loading seats: {} of {}",
                    format_count(loaded as u64),
                    format_count(t)
                ),
                (None, None) => format!("Loading seats: {}", format_count(loaded as u64)),
            };
            // Said only when it is worth saying (a paced or slow load), in whole seconds.
            let eta = eta_ms.filter(|ms| *ms >= 3_000).map(|ms| {
                let s = ms.div_ceil(1000);
                if s >= 120 {
                    format!("about {} min left", s.div_ceil(60))
                } else {
                    format!("about {s} s left")
                }
            });
            let (value, max) = match (pages, total) {
                (Some((done, of)), _) => (u64::from(done), u64::from(of)),
                (None, t) => (loaded as u64, t.unwrap_or(0)),
            };
            view! {
                <div class="progress">
                    <progress aria-label="Loading seats" max=max.max(1).to_string() value=value.to_string()></progress>
                    <span>{label}</span>
                    {eta.map(|e| view! { <span class="eta">{e}</span> })}
                    {note.map(|n| view! { <span class="note">{n}</span> })}
                </div>
            }
            .into_any()
        }
        LoadStatus::Done { report, .. } => match report.problem() {
            Some(problem) => view! { <ErrorAlert message=problem on_retry=on_retry /> }.into_any(),
            None => ().into_any(),
        },
        LoadStatus::Failed(error) => {
            view! { <ErrorAlert message=error.to_string() on_retry=on_retry /> }.into_any()
        }
    }
}
