//! "Reclaimable seats": thresholds, the cost of the seats they select, and why each is idle.

use leptos::prelude::*;
use seat_core::overview::format_count;
use seat_core::reclaim::{
    parse_grace_days, parse_idle_days, Reason, ReclaimRules, ReclaimSummary, NO_ASSIGNMENT_DATES,
    RULE,
};
use seat_core::spend::PoolEffect;

/// "Reclaimable seats": the two thresholds, what the seats they select cost, why each is
/// idle, which of them only a team change can take back, and the link to exactly those seats.
#[component]
pub(crate) fn ReclaimSection(
    /// The thresholds in force (from the URL).
    #[prop(into)]
    rules: Signal<ReclaimRules>,
    /// Called with new thresholds as the user types.
    on_rules: Callback<ReclaimRules>,
    /// The figures; `None` until every seat has arrived (a partial count would mislead).
    #[prop(into)]
    summary: Signal<Option<ReclaimSummary>>,
    /// The link to the access list showing exactly the reclaimable seats.
    #[prop(into)]
    show_href: Signal<String>,
    /// What removing them does to the AI credit pool, when GitHub's bill is known.
    #[prop(into)]
    pool: Signal<Option<PoolEffect>>,
    /// Whether the seats have assignment dates (a report file may not).
    #[prop(into)]
    grace_known: Signal<bool>,
) -> impl IntoView {
    let pool_note = move || {
        pool.get()
            .and_then(|p| p.note())
            .map(|text| view! { <p class="note-box" role="note">{text}</p> })
    };
    let figure = move |pick: fn(&ReclaimSummary) -> String| {
        move || summary.with(|s| s.as_ref().map_or_else(|| "…".to_string(), pick))
    };
    let breakdown = move || {
        summary.with(|s| {
            s.as_ref().map(|s| {
                Reason::ALL
                    .into_iter()
                    .map(|r| {
                        let t = s.reason(r);
                        view! {
                            <li>{r.label(s.rules)} ": " <strong>{format_count(t.count)}</strong>
                                {format!(" seats, {}/month", t.monthly)}</li>
                        }
                    })
                    .collect_view()
            })
        })
    };
    let teams = move || {
        summary
            .with(|s| s.as_ref().and_then(ReclaimSummary::team_note))
            .map(|text| view! { <p class="note-box" role="note">{text}</p> })
    };

    view! {
        <section class="card reclaim" aria-labelledby="reclaim-heading">
            <h2 id="reclaim-heading">"Reclaimable seats"</h2>
            <p class="hint-text">{RULE}</p>
            <Thresholds rules=rules on_rules=on_rules />
            {move || (!grace_known.get()).then(|| view! {
                <p class="note-box" role="note">{NO_ASSIGNMENT_DATES}</p>
            })}
            <dl class="figures">
                <div class="figure big"><dt>"Reclaimable seats"</dt><dd>{figure(|s| format_count(s.total.count))}</dd></div>
                <div class="figure big">
                    <dt>"Monthly cost of reclaimable seats"</dt>
                    <dd>{figure(|s| s.total.monthly.to_string())}
                        <small class="muted">{figure(|s| if s.total.monthly == s.price.times(s.total.count) {
                            format!(" estimate: {}/year at {}/seat", s.total.yearly, s.price)
                        } else {
                            format!(" estimate: {}/year, each person at their plan's price", s.total.yearly)
                        })}</small>
                    </dd>
                </div>
            </dl>
            <ul class="breakdown">{breakdown}</ul>
            {teams}
            {pool_note}
            <a class="button-link" href=move || show_href.get()>"Show reclaimable seats"</a>
        </section>
    }
}

/// The two thresholds, typed in days; a value out of range is ignored until it is valid.
#[component]
fn Thresholds(rules: Signal<ReclaimRules>, on_rules: Callback<ReclaimRules>) -> impl IntoView {
    let idle_input = move |ev| {
        if let Some(idle_days) = parse_idle_days(&event_target_value(&ev)) {
            on_rules.run(ReclaimRules {
                idle_days,
                ..rules.get_untracked()
            });
        }
    };
    let grace_input = move |ev| {
        if let Some(grace_days) = parse_grace_days(&event_target_value(&ev)) {
            on_rules.run(ReclaimRules {
                grace_days,
                ..rules.get_untracked()
            });
        }
    };
    view! {
            <div class="fields thresholds">
                <div class="field">
                    <label for="reclaim-idle">"Idle for at least (days)"</label>
                    <input id="reclaim-idle" type="number" min="1" max="3650" step="1" inputmode="numeric"
                        prop:value=move || rules.with(|r| r.idle_days.to_string()) on:input=idle_input />
                </div>
                <div class="field">
                    <label for="reclaim-grace">"Grace period for new seats (days)"</label>
                    <input id="reclaim-grace" type="number" min="0" max="3650" step="1" inputmode="numeric"
                        prop:value=move || rules.with(|r| r.grace_days.to_string()) on:input=grace_input />
                </div>
            </div>
    }
}
