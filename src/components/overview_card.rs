//! The overview: billing figures, the estimated monthly cost, Copilot settings and usage links.

use leptos::prelude::*;
use seat_core::filter::Filter;
use seat_core::models::Billing;
use seat_core::money::Cents;
use seat_core::overview::{
    estimated_monthly_cost, format_count, plan_label, seat_price, setting_label, UsageFigures,
};

/// The overview: GitHub's billing figures, the estimated monthly cost with an editable price,
/// the Copilot settings, and usage figures from the seat list, each linking to those seats.
#[component]
pub(crate) fn OverviewCard(
    /// The billing object.
    #[prop(into)]
    billing: Signal<Billing>,
    /// Figures derived from the seat list (`None` until the list is complete).
    #[prop(into)]
    usage: Signal<Option<UsageFigures>>,
    /// The user's price per seat, overriding the plan's list price (`None`: the list price).
    #[prop(into)]
    price: Signal<Option<Cents>>,
    /// Called with the price the user typed (`None` when the field holds no valid amount).
    on_price: Callback<Option<Cents>>,
    /// Builds the link to the access list filtered by a [`Filter`].
    filter_href: Callback<Filter, String>,
    /// AI credits beyond the pool at this month's pace, once GitHub's bill is known.
    #[prop(into)]
    overage: Signal<Option<Cents>>,
) -> impl IntoView {
    let plan = move || billing.with(|b| b.plan_type.clone());
    let effective_price = move || seat_price(price.get(), plan().as_deref());
    let count = move |f: fn(&Billing) -> Option<u64>| {
        move || billing.with(|b| f(b).map_or_else(|| "—".to_string(), format_count))
    };
    let cost = move || {
        billing
            .with(|b| estimated_monthly_cost(b, effective_price()))
            .map(|c| c + overage.get().unwrap_or_default())
            .map_or_else(|| "—".to_string(), |c| c.to_string())
    };
    let usage_item = move |label: &'static str,
                           filter: Filter,
                           pick: fn(&UsageFigures) -> usize| {
        view! {
            <dt>{label}</dt>
            <dd>
                {move || match usage.get() {
                    Some(u) => view! { <a href=filter_href.run(filter.clone())>{format_count(pick(&u) as u64)}</a> }.into_any(),
                    None => view! { <span class="muted">"…"</span> }.into_any(),
                }}
            </dd>
        }
    };

    view! {
        <section class="card overview" aria-labelledby="overview-heading">
            <h2 id="overview-heading">"Overview"</h2>
            <dl class="figures">
                <div class="figure big"><dt>"Seats assigned"</dt><dd>{count(|b| b.seat_breakdown.total)}</dd></div>
                <div class="figure big">
                    <dt>"Estimated monthly cost"</dt>
                    <dd>
                        {cost}
                        <small class="muted">{move || match overage.get() {
                            Some(o) if o > Cents::ZERO => format!(" estimate: seats × {}/seat + {o} projected AI credit overage", effective_price()),
                            _ => format!(" estimate: seats × {}/seat", effective_price()),
                        }}</small>
                    </dd>
                </div>
                <div class="figure"><dt>"Plan"</dt><dd>{move || plan_label(plan().as_deref())}</dd></div>
                <div class="figure"><dt>"Added this cycle"</dt><dd>{count(|b| b.seat_breakdown.added_this_cycle)}</dd></div>
                <div class="figure"><dt>"Pending invitation"</dt><dd>{count(|b| b.seat_breakdown.pending_invitation)}</dd></div>
                <div class="figure"><dt>"Pending cancellation"</dt><dd>{count(|b| b.seat_breakdown.pending_cancellation)}</dd></div>
                <div class="figure"><dt>"Active this cycle"</dt><dd>{count(|b| b.seat_breakdown.active_this_cycle)}</dd></div>
                <div class="figure"><dt>"Inactive this cycle"</dt><dd>{count(|b| b.seat_breakdown.inactive_this_cycle)}</dd></div>
            </dl>
            <div class="price">
                <label for="price-per-seat">"Price per seat per month (USD)"</label>
                <input id="price-per-seat" type="number" min="0" step="0.01" inputmode="decimal"
                    prop:value=move || seat_price(price.get_untracked(), plan().as_deref()).to_decimal()
                    on:input=move |ev| on_price.run(Cents::parse(&event_target_value(&ev)).filter(|p| *p >= Cents::ZERO)) />
                <small class="muted">{seat_core::plan::price_note()}</small>
            </div>
            <div class="two-col">
            <div>
            <h3>"Usage from the seat list"</h3>
            <dl class="usage">
                {usage_item("No activity in 30 days", Filter::IdleDays(30), |u| u.idle_30)}
                {usage_item("No activity in 60 days", Filter::IdleDays(60), |u| u.idle_60)}
                {usage_item("No activity in 90 days", Filter::IdleDays(90), |u| u.idle_90)}
                {usage_item("Never authenticated", Filter::NeverAuthenticated, |u| u.never_authenticated)}
                {usage_item("Seats pending cancellation", Filter::PendingCancellation, |u| u.pending_cancellation)}
            </dl>
            </div>
            <div>
            <h3>"Settings"</h3>
            <dl class="settings">
                <dt>"Seat management"</dt><dd>{move || billing.with(|b| setting_label(b.seat_management_setting.as_deref()))}</dd>
                <dt>"Copilot Chat in the IDE"</dt><dd>{move || billing.with(|b| setting_label(b.ide_chat.as_deref()))}</dd>
                <dt>"Copilot Chat on GitHub.com"</dt><dd>{move || billing.with(|b| setting_label(b.platform_chat.as_deref()))}</dd>
                <dt>"Copilot in the CLI"</dt><dd>{move || billing.with(|b| setting_label(b.cli.as_deref()))}</dd>
                <dt>"Suggestions matching public code"</dt><dd>{move || billing.with(|b| setting_label(b.public_code_suggestions.as_deref()))}</dd>
            </dl>
            </div>
            </div>
        </section>
    }
}
