//! An enterprise's overview: its seat list figures and one row per organization.

use leptos::prelude::*;
use seat_core::enterprise::{EnterpriseSummary, COUNTING_NOTE, ROWS_NOTE};
use seat_core::filter::Filter;
use seat_core::overview::format_count;

/// An enterprise's overview: what its seat list tells (GitHub has no enterprise
/// `/copilot/billing`, so no cycle breakdown is shown rather than zeros), and a row per
/// organization that filters the access list to it.
#[component]
pub(crate) fn EnterpriseOverview(
    /// The figures, once every seat object has arrived.
    #[prop(into)]
    summary: Signal<Option<EnterpriseSummary>>,
    /// Seat objects GitHub listed (one per granting organization or team).
    #[prop(into)]
    objects: Signal<usize>,
    /// Builds the link to the access list filtered by a [`Filter`].
    filter_href: Callback<Filter, String>,
) -> impl IntoView {
    let figure = move |f: fn(&EnterpriseSummary) -> String| {
        move || {
            summary.with(|s| match s {
                Some(s) => f(s),
                None => "…".to_string(),
            })
        }
    };
    let rows = move || {
        summary.with(|s| {
            s.as_ref()
                .map(|s| s.organizations.clone())
                .unwrap_or_default()
        })
    };
    view! {
        <section class="card overview" aria-labelledby="overview-heading">
            <h2 id="overview-heading">"Overview"</h2>
            <dl class="figures">
                <div class="figure big"><dt>"Seats assigned"</dt><dd>{figure(|s| format_count(s.people))}</dd></div>
                <div class="figure big">
                    <dt>"Estimated monthly cost"</dt>
                    <dd>{figure(|s| s.monthly.to_string())}
                        <small class="muted">{format!(" estimate: each person once, at their plan's list price ({})", seat_core::plan::list_prices())}</small>
                    </dd>
                </div>
                <div class="figure"><dt>"Plan"</dt><dd>{figure(|s| {
                    s.plans.iter().map(|(p, n)| format!("{p}: {}", format_count(*n))).collect::<Vec<_>>().join(", ")
                })}</dd></div>
                <div class="figure"><dt>"Organizations"</dt><dd>{figure(|s| format_count(s.organizations.iter().filter(|o| o.organization.is_some()).count() as u64))}</dd></div>
                <div class="figure"><dt>"Seat objects listed"</dt><dd>{move || format_count(objects.get() as u64)}</dd></div>
            </dl>
            <p class="hint-text">{COUNTING_NOTE}</p>
            <table class="org-table" aria-label="Seats by organization">
                <thead>
                    <tr>
                        <th scope="col">"Organization"</th>
                        <th scope="col" class="num">"Seats"</th>
                        <th scope="col" class="num">"Reclaimable seats"</th>
                        <th scope="col" class="num">"Monthly cost (estimate)"</th>
                    </tr>
                </thead>
                <tbody>
                    // A handful of rows, rebuilt when the figures change (the thresholds, say).
                    {move || rows().into_iter().map(|row| {
                            let name = row.organization.clone();
                            let cell = match name {
                                Some(org) => {
                                    let href = filter_href.run(Filter::Organization(org.as_str().into()));
                                    view! { <a href=href>{org}</a> }.into_any()
                                }
                                None => view! { <span class="muted">"(no organization named)"</span> }.into_any(),
                            };
                            view! {
                                <tr>
                                    <th scope="row">{cell}</th>
                                    <td class="num">{format_count(row.seats)}</td>
                                    <td class="num">{format_count(row.reclaimable)}</td>
                                    <td class="num">{row.monthly.to_string()}</td>
                                </tr>
                            }
                    }).collect_view()}
                </tbody>
            </table>
            <p class="hint-text">{ROWS_NOTE}</p>
        </section>
    }
}
