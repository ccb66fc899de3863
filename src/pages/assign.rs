//! Members without a seat and the teams: reading them, ticking members, "Assign seats", the
//! team buttons, their confirmations and the writes they start (see `state::writes`).

use leptos::prelude::*;
use seat_core::members::{self, plan_assign, AssignPlan, Coverage, Holders, Listing};
use seat_core::money::Cents;
use seat_core::selection::Selection;
use seat_core::spend::Spend;
use seat_core::time::first_of_next_month;
use seat_core::writes::{confirm, texts};

use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::members_section::{MembersSection, TeamRow};
use crate::components::seat_table::Pick;
use crate::components::when::When;
use crate::state::session::Session;
use crate::state::writes;
use crate::state::AppState;

/// What a confirmation is for.
#[derive(Debug, Clone)]
enum Asked {
    /// Seats for the ticked members.
    Members(AssignPlan),
    /// A team's seats, assigned (`true`) or removed.
    Team(bool, TeamRow),
}

/// The members section with its wiring, and the confirmation of what it asks.
#[component]
pub(crate) fn MembersPanel(
    /// Whether the seats are on screen.
    shown: Signal<bool>,
    /// Every seat loaded.
    complete: Signal<bool>,
    /// The price per seat in force.
    #[prop(into)]
    price: Signal<Cents>,
    /// This month's bill, when known.
    month: Memo<Option<Spend>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let loaded = state.loaded;
    let without = Memo::new(move |_| {
        loaded
            .members
            .with(|m| {
                let m = m.ready()?;
                Some(
                    loaded
                        .seats
                        .with(|s| members::without_seat(m, &Holders::of(s))),
                )
            })
            .unwrap_or_default()
    });
    let teams = Memo::new(move |_| {
        loaded.teams.with(|t| match t {
            Listing::Ready(teams) => Listing::Ready(loaded.seats.with(|s| team_rows(teams, s))),
            Listing::Idle => Listing::Idle,
            Listing::Reading(n) => Listing::Reading(*n),
            Listing::Failed(e) => Listing::Failed(e.clone()),
        })
    });
    let picked = state.writes.picked;
    let on_pick = Callback::new(move |pick: Pick| {
        picked.update(|sel| match pick {
            Pick::One(i, on) => sel.set(i, on),
            Pick::Rows(rows, on) => sel.set_all(&rows, on),
            Pick::Clear => *sel = Selection::default(),
        });
    });
    let can_write = Signal::derive(move || complete.get() && !state.writes.running());
    let asked = RwSignal::new(None::<(Session, Asked)>);
    let on_assign = Callback::new(move |()| {
        let Some(session) = loaded.session.get_untracked() else {
            return;
        };
        let plan = picked.with_untracked(|sel| {
            loaded.members.with_untracked(|m| {
                let m = m.ready().unwrap_or_default();
                loaded.seats.with_untracked(|s| {
                    plan_assign(
                        sel.iter()
                            .filter_map(|i| m.get(i as usize))
                            .map(|m| &*m.login),
                        &Holders::of(s),
                    )
                })
            })
        });
        asked.set(Some((session, Asked::Members(plan))));
    });
    let on_team = Callback::new(move |(assign, slug): (bool, String)| {
        let Some(session) = loaded.session.get_untracked() else {
            return;
        };
        let row = teams.with_untracked(|t| {
            t.ready()
                .and_then(|rows| rows.iter().find(|r| r.slug == slug).cloned())
        });
        if let Some(row) = row {
            asked.set(Some((session, Asked::Team(assign, row))));
        }
    });
    let session_is =
        move |f: fn(&Session) -> bool| loaded.session.with(|s| s.as_ref().is_some_and(f));
    view! {
        <When when=move || shown.get() && session_is(Session::is_enterprise)>
            <p class="hint-text" role="note">{members::PER_ORGANIZATION}</p>
        </When>
        <When when=move || shown.get() && complete.get() && session_is(Session::can_write)>
        <MembersSection members=loaded.members without=without teams=teams
            on_read=Callback::new(move |()| state.read_roster()) picked=picked on_pick=on_pick
            can_write=can_write on_assign=on_assign on_team=on_team status=state.writes.assigned />
        </When>
        <AssignConfirmation asked=asked price=price month=month />
    }
}

/// Each team with its coverage and the seats it grants (not pending cancellation).
fn team_rows(teams: &[members::OrgTeam], seats: &[seat_core::models::Seat]) -> Vec<TeamRow> {
    let holders = Holders::of(seats);
    teams
        .iter()
        .map(|t| {
            let slug = t.slug().to_string();
            let granted = seats
                .iter()
                .filter(|s| s.pending_cancellation_date.is_none())
                .filter(|s| {
                    s.assigning_team
                        .as_ref()
                        .and_then(|a| a.slug.as_deref().or(a.name.as_deref()))
                        .is_some_and(|a| a.eq_ignore_ascii_case(&slug))
                })
                .count();
            TeamRow {
                label: t.label().to_string(),
                coverage: Coverage::of(t, &holders),
                granted,
                slug,
            }
        })
        .collect()
}

/// The confirmation of what was asked, while there is one: only its confirm button sends.
#[component]
fn AssignConfirmation(
    asked: RwSignal<Option<(Session, Asked)>>,
    price: Signal<Cents>,
    month: Memo<Option<Spend>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let close = move || {
        asked.set(None);
        crate::browser::focus_id("assign-selected");
    };
    let on_cancel = Callback::new(move |()| close());
    let on_confirm = Callback::new(move |()| {
        let confirmed = asked.get_untracked();
        close();
        match confirmed {
            Some((session, Asked::Members(plan))) => writes::assign(state, &session, plan.send),
            Some((session, Asked::Team(assign, row))) => {
                writes::team(state, &session, assign, row.slug, row.label);
            }
            None => {}
        }
    });
    move || {
        let (session, what) = asked.get()?;
        let (org, simulated) = (session.org.clone(), session.is_demo());
        let price = price.get_untracked();
        let content = match what {
            Asked::Members(plan) => {
                let plan_type = state
                    .loaded
                    .billing
                    .with_untracked(|b| b.as_ref().and_then(|b| b.plan_type.clone()));
                let pool = month
                    .get_untracked()
                    .map(|_| texts::assign_pool(plan.send.len(), plan_type.as_deref()));
                confirm::assign(&org, &plan, price, pool, simulated)
            }
            Asked::Team(assign, row) => {
                let effect = if assign {
                    let c = row.coverage;
                    texts::team_assign_effect(c.members - c.with_seat, c.members, price)
                } else {
                    let end = first_of_next_month(state.loaded.now.get_untracked().date_naive());
                    texts::team_remove_effect(row.granted, price, end)
                };
                confirm::team(&org, assign, &row.slug, &row.label, effect, simulated)
            }
        };
        Some(view! { <ConfirmDialog content=content on_confirm=on_confirm on_cancel=on_cancel /> })
    }
}
