//! What the start page derives from the loaded data: each figure a memo or signal over the
//! state and the URL's view, never a copy kept in step by hand.

use leptos::prelude::*;
use seat_core::compare::Change;
use seat_core::filter::Filter;
use seat_core::money::Cents;
use seat_core::overview::{seat_price, UsageFigures};
use seat_core::query::TableQuery;
use seat_core::reclaim::{summarize_priced, ReclaimRules, ReclaimSummary};
use seat_core::spend::{pool_effect, spend, PoolEffect, Spend};

use crate::state::session::Source;
use crate::state::{AppState, LoadStatus, SpendState};

/// The start page's figures.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Figures {
    /// Every seat arrived: figures from the list wait for it (a partial count would mislead).
    pub complete: Signal<bool>,
    /// The overview's counts from the seat list.
    pub usage: Signal<Option<UsageFigures>>,
    /// The price per seat in force: the user's, else the plan's list price.
    pub price: Signal<Cents>,
    /// The reclaim thresholds (a memo: the summary re-runs when they change, not per keystroke).
    pub rules: Memo<ReclaimRules>,
    /// The reclaim section's figures.
    pub reclaim: Memo<Option<ReclaimSummary>>,
    /// This month's bill against the pool.
    pub month: Memo<Option<Spend>>,
    /// Seats × price.
    pub seat_estimate: Signal<Option<Cents>>,
    /// Projected AI credit overage.
    pub overage: Signal<Option<Cents>>,
    /// What removing the reclaimable seats does to the pool.
    pub pool: Signal<Option<PoolEffect>>,
    /// Whether the seats have assignment dates (a report file may not).
    pub grace_known: Signal<bool>,
    /// A comparison's change the list is filtered to: only these seats…
    pub restrict: Signal<Option<Vec<u32>>>,
    /// …of the earlier report's seats (the removed ones), not the current list's.
    pub removed: Memo<bool>,
}

/// Derives the figures of `state` under the view `query`.
pub(crate) fn use_figures(state: AppState, query: Memo<TableQuery>) -> Figures {
    let complete = Signal::derive(move || state.loaded.status.with(LoadStatus::is_complete));
    // Memos: read by several views, computed once per change.
    let usage = Memo::new(move |_| {
        complete.get().then(|| {
            state
                .loaded
                .seats
                .with(|s| UsageFigures::from_seats(s, state.loaded.now.get()))
        })
    });
    let plan = move || {
        state
            .loaded
            .billing
            .with(|b| b.as_ref().and_then(|b| b.plan_type.clone()))
    };
    let billed_seats = move || {
        state
            .loaded
            .billing
            .with(|b| b.as_ref().and_then(|b| b.seat_breakdown.total))
    };
    let price = Signal::derive(move || seat_price(state.price.0.get(), plan().as_deref()));
    let rules = Memo::new(move |_| query.with(|q| q.rules));
    let reclaim = use_reclaim(state, complete, rules, price);
    // The bill: GitHub's lines against the pool of the billed seats.
    let month = Memo::new(move |_| {
        let seats = billed_seats()?;
        state.loaded.spend.with(|s| match s {
            SpendState::Ready(lines) => Some(spend(
                lines,
                seats,
                plan().as_deref(),
                state.loaded.now.get(),
            )),
            _ => None,
        })
    });
    let pool = Signal::derive(move || {
        let (month, summary) = (month.get()?, reclaim.get()?);
        Some(pool_effect(
            &month,
            summary.total.count,
            plan().as_deref(),
            price.get(),
        ))
    });
    let grace_known = Signal::derive(move || {
        state.loaded.session.with(|s| {
            !matches!(
                s.as_ref().map(|s| &s.source),
                Some(Source::Report {
                    created_known: false,
                    ..
                })
            )
        })
    });
    let change = Memo::new(move |_| match query.with(|q| q.filter.clone()) {
        Filter::Changed(c) => Some(c),
        _ => None,
    });
    let restrict = Memo::new(move |_| {
        let c = change.get()?;
        Some(state.comparison.compared.with(|cmp| {
            cmp.as_ref()
                .map(|cmp| cmp.result.of(c).to_vec())
                .unwrap_or_default()
        }))
    });
    let removed = Memo::new(move |_| change.get() == Some(Change::Removed));
    Figures {
        complete,
        usage: usage.into(),
        price,
        rules,
        reclaim,
        month,
        seat_estimate: Signal::derive(move || billed_seats().map(|n| price.get() * n)),
        overage: Signal::derive(move || month.with(|m| m.as_ref().map(|m| m.projected_overage))),
        pool,
        grace_known,
        restrict: restrict.into(),
        removed,
    }
}

/// The reclaimable seats under `rules` and what they cost, once every seat has arrived.
fn use_reclaim(
    state: AppState,
    complete: Signal<bool>,
    rules: Memo<ReclaimRules>,
    price: Signal<Cents>,
) -> Memo<Option<ReclaimSummary>> {
    Memo::new(move |_| {
        complete.get().then(|| {
            let (rules, price, now) = (rules.get(), price.get(), state.loaded.now.get());
            // An enterprise's people are each billed at their own plan's price (unless the
            // user set one price); an organization has one plan.
            let user = state.price.0.get();
            let enterprise = state
                .loaded
                .session
                .with(|s| s.as_ref().is_some_and(|s| s.is_enterprise()));
            state.loaded.seats.with(|s| {
                summarize_priced(
                    s,
                    rules,
                    price,
                    |seat| {
                        if enterprise {
                            seat_price(user, seat.plan_type.as_deref())
                        } else {
                            price
                        }
                    },
                    now,
                )
            })
        })
    })
}
