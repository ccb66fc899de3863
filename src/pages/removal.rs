//! Selecting seats and removing them: the selection, "Remove selected seats", its confirmation
//! and the write it starts (see `state::writes`).

use leptos::prelude::*;
use seat_core::money::Cents;
use seat_core::selection::Selection;
use seat_core::time::first_of_next_month;
use seat_core::writes::{confirm, plan_removal, RemovalPlan};

use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::seat_table::Pick;
use crate::state::session::Session;
use crate::state::writes;
use crate::state::AppState;

/// The access list's selection and removal wiring.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Removal {
    /// Whether rows can be ticked: seats at GitHub or the demo's, in the current list.
    pub selectable: Signal<bool>,
    /// Applies a tick.
    pub on_pick: Callback<Pick>,
    /// Whether "Remove selected seats" can start now.
    pub can_remove: Signal<bool>,
    /// "Remove selected seats": plans the removal and opens the confirmation.
    pub on_remove: Callback<()>,
    /// The plan being confirmed and the session it is for, while the dialog is open.
    pub plan: RwSignal<Option<(Session, RemovalPlan)>>,
}

/// The removal wiring for `state`. `complete`: every seat loaded; `earlier`: the list shows an
/// earlier report's seats (nothing to remove there).
pub(crate) fn use_removal(state: AppState, complete: Signal<bool>, earlier: Memo<bool>) -> Removal {
    let selectable = Signal::derive(move || {
        !earlier.get()
            && state
                .loaded
                .session
                .with(|s| s.as_ref().is_some_and(Session::can_write))
    });
    let on_pick = Callback::new(move |pick: Pick| {
        state.writes.selected.update(|sel| match pick {
            Pick::One(i, on) => sel.set(i, on),
            Pick::Rows(rows, on) => sel.set_all(&rows, on),
            Pick::Clear => *sel = Selection::default(),
        });
    });
    let can_remove = Signal::derive(move || complete.get() && !state.writes.running());
    let plan = RwSignal::new(None::<(Session, RemovalPlan)>);
    let on_remove = Callback::new(move |()| {
        let Some(session) = state.loaded.session.get_untracked() else {
            return;
        };
        let p = state.writes.selected.with_untracked(|sel| {
            state.loaded.seats.with_untracked(|seats| {
                plan_removal(sel.iter().filter_map(|i| seats.get(i as usize)))
            })
        });
        plan.set(Some((session, p)));
    });
    Removal {
        selectable,
        on_pick,
        can_remove,
        on_remove,
        plan,
    }
}

/// The confirmation of `plan`, while there is one. "Remove N seats" sends exactly the plan's
/// logins; Cancel and Escape send nothing.
#[component]
pub(crate) fn RemovalConfirmation(
    /// The plan to confirm, and the session it is for.
    plan: RwSignal<Option<(Session, RemovalPlan)>>,
    /// The price per seat in force.
    #[prop(into)]
    price: Signal<Cents>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let close = move || {
        plan.set(None);
        crate::browser::focus_id("remove-selected");
    };
    let on_cancel = Callback::new(move |()| close());
    let on_confirm = Callback::new(move |()| {
        let confirmed = plan.get_untracked();
        close();
        if let Some((session, p)) = confirmed {
            writes::remove(state, &session, p.send);
        }
    });
    move || {
        plan.get().map(|(session, p)| {
            let (org, simulated) = (session.org.clone(), session.is_demo());
            let cycle_end = first_of_next_month(state.loaded.now.get_untracked().date_naive());
            let content = confirm::removal(&org, &p, price.get_untracked(), cycle_end, simulated);
            view! { <ConfirmDialog content=content on_confirm=on_confirm on_cancel=on_cancel /> }
        })
    }
}
