use leptos::prelude::*;

use crate::components::error_alert::ErrorAlert;
use crate::state::LoadStatus;

/// Progress while seats arrive, and the honest outcome after: an alert for a failure, a
/// warning for an incomplete list.
#[component]
pub fn LoadStatusView(
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
        } => {
            let label = match total {
                Some(t) => format!("Loading seats: {loaded} of {t}"),
                None => format!("Loading seats: {loaded}"),
            };
            view! {
                <div class="progress">
                    <progress aria-label="Loading seats" max=total.unwrap_or(0).max(1).to_string() value=loaded.to_string()></progress>
                    <span>{label}</span>
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
