//! Usage charts: days since last activity, editors, seats by team; each bar filters the list.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use seat_core::charts::{activity_buckets, editor_buckets, team_buckets};
use seat_core::filter::Filter;
use seat_core::models::Seat;

use crate::components::bar_chart::BarChart;

/// Usage at a glance: days since last activity, editors in use, seats by team. Each bar
/// filters the access list to its seats.
#[component]
pub(crate) fn UsageCharts(
    /// Every seat (the charts wait for the whole list).
    #[prop(into)]
    seats: Signal<Vec<Seat>>,
    /// "Now", for days since activity.
    #[prop(into)]
    now: Signal<DateTime<Utc>>,
    /// Builds the link to the access list filtered to one bar.
    href: Callback<Filter, String>,
    /// Called when a bar is clicked.
    on_select: Callback<Filter>,
) -> impl IntoView {
    let activity = Memo::new(move |_| seats.with(|s| activity_buckets(s, now.get())));
    let editors = Memo::new(move |_| seats.with(|s| editor_buckets(s)));
    let teams = Memo::new(move |_| seats.with(|s| team_buckets(s)));
    view! {
        <section class="card charts" aria-labelledby="charts-heading">
            <h2 id="charts-heading">"Usage at a glance"</h2>
            <div class="chart-grid">
                <BarChart title="Days since last activity" bars=activity href=href on_select=on_select />
                <BarChart title="Editors in use" bars=editors href=href on_select=on_select />
                <BarChart title="Seats by team" bars=teams href=href on_select=on_select />
            </div>
        </section>
    }
}
