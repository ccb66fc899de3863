//! "This month" on a seat page: a person's AI credits and premium requests.

use leptos::prelude::*;
use seat_core::overview::format_count;

/// One person's Copilot usage this month, as GitHub's billing reports it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum UserUsage {
    /// Being read.
    Loading,
    /// AI credits and premium requests used this month.
    Known {
        /// AI credits.
        credits: u64,
        /// Premium requests.
        requests: u64,
    },
    /// Why it is not shown, in one sentence.
    Unavailable(String),
}

/// "This month": a person's AI credits and premium requests.
#[component]
pub(crate) fn UserUsageView(
    /// What is known.
    #[prop(into)]
    usage: Signal<UserUsage>,
) -> impl IntoView {
    view! {
        <section class="usage-month" aria-labelledby="user-usage-heading">
            <h3 id="user-usage-heading">"This month"</h3>
            {move || match usage.get() {
                UserUsage::Loading => view! { <p class="muted" aria-busy="true">"Reading this person's usage from GitHub…"</p> }.into_any(),
                UserUsage::Known { credits, requests } => view! {
                    <dl class="fields-list">
                        <dt>"AI credits used"</dt><dd>{format!("{} credits", format_count(credits))}</dd>
                        <dt>"Premium requests"</dt><dd>{format_count(requests)}</dd>
                    </dl>
                }.into_any(),
                UserUsage::Unavailable(why) => view! { <p class="note-box" role="note">{why}</p> }.into_any(),
            }}
        </section>
    }
}
