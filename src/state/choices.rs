//! The user's state beside the loaded data, each part a small `Copy` handle with its own
//! context, so a page takes what it uses: the price per seat, the writes (the selection they
//! act on, where the last one stands, the running one) and the comparison with an earlier
//! report. [`super::AppState`] stops the writes and forgets the comparison when a load starts,
//! and forgets all three on Forget token.

use leptos::prelude::*;
use seat_core::compare::Compared;
use seat_core::models::Seat;
use seat_core::money::Cents;
use seat_core::selection::Selection;
use seat_core::status::WriteStatus;

use super::task::Task;

/// The user's price per seat, overriding the plan's list price.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Price(pub RwSignal<Option<Cents>>);

/// The seats ticked in the access list and the writes made with them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Writes {
    /// The seats ticked in the access list (indices into the loaded seats).
    pub selected: RwSignal<Selection>,
    /// The last write: under way or what GitHub did.
    pub status: RwSignal<WriteStatus>,
    /// The members ticked in the members list (indices into the loaded members).
    pub picked: RwSignal<Selection>,
    /// The last assignment (of members or a team): under way or what GitHub did.
    pub assigned: RwSignal<WriteStatus>,
    /// The running write; Forget token, another Load or the demo stop it.
    task: StoredValue<Option<Task>>,
}

impl Writes {
    fn new() -> Self {
        Self {
            selected: RwSignal::new(Selection::default()),
            status: RwSignal::new(WriteStatus::Idle),
            picked: RwSignal::new(Selection::default()),
            assigned: RwSignal::new(WriteStatus::Idle),
            task: StoredValue::new(None),
        }
    }

    /// Runs `task` as the write, replacing (and stopping) the one before.
    pub(crate) fn run(&self, task: Task) {
        self.task.set_value(Some(task));
    }

    /// Stops a running write (nothing more is sent) and forgets its outcome and the selection.
    pub(crate) fn stop(&self) {
        self.task.set_value(None);
        self.status.set(WriteStatus::Idle);
        self.selected.set(Selection::default());
        self.assigned.set(WriteStatus::Idle);
        self.picked.set(Selection::default());
    }

    /// Whether a write is under way (one at a time: GitHub asks for writes one after another).
    pub(crate) fn running(&self) -> bool {
        matches!(self.status.get(), WriteStatus::Running(_))
            || matches!(self.assigned.get(), WriteStatus::Running(_))
    }
}

/// The comparison with an earlier report, once one is opened.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Comparison {
    /// What changed since the earlier report.
    pub compared: RwSignal<Option<Compared>>,
    /// The earlier report's seats (the removed seats are listed from them).
    pub earlier_seats: RwSignal<Vec<Seat>>,
}

impl Comparison {
    fn new() -> Self {
        Self {
            compared: RwSignal::new(None),
            earlier_seats: RwSignal::new(Vec::new()),
        }
    }

    /// Shows `compared`, with the earlier report's `seats`.
    pub(crate) fn set(&self, compared: Compared, seats: Vec<Seat>) {
        self.earlier_seats.set(seats);
        self.compared.set(Some(compared));
    }

    /// Forgets the earlier report.
    pub(crate) fn forget(&self) {
        self.compared.set(None);
        self.earlier_seats.set(Vec::new());
    }
}

/// The three, fresh.
pub(super) fn new() -> (Price, Writes, Comparison) {
    (Price(RwSignal::new(None)), Writes::new(), Comparison::new())
}

/// Provides each as a context of its own.
pub(super) fn provide(price: Price, writes: Writes, comparison: Comparison) {
    provide_context(price);
    provide_context(writes);
    provide_context(comparison);
}
