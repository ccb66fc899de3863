//! App-wide state, provided as context, and what owns the work it starts.
//!
//! - [`session`]: who is looked at and with which token (the [`Token`] type never prints).
//! - [`dataset`]: what is loaded, and the only code that changes it.
//! - [`choices`]: the user's price, selection and writes, and comparison, each its own context.
//! - [`load`]: the load that fills the state.
//! - [`task`]: the one cancellable task (loads, writes, file reads).
//! - [`writes`]: removing the selected seats, giving access back, assigning seats.
//! - [`roster`]: the members and teams, read when asked.
//!
//! [`Token`]: seat_core::token::Token

pub(crate) mod choices;
pub(crate) mod dataset;
pub(crate) mod load;
pub(crate) mod reports;
pub(crate) mod roster;
pub(crate) mod session;
pub(crate) mod task;
pub(crate) mod writes;

use std::future::Future;

use choices::{Comparison, Price, Writes};
use leptos::prelude::*;
use seat_core::enterprise::Merger;
use seat_core::selection::Selection;

use crate::browser;
pub(crate) use seat_core::status::{LoadStatus, SpendState};

use dataset::{Dataset, Views};
use session::Session;
use task::Task;

/// App-wide state, provided as context. Copy handles only.
///
/// What is loaded has one owner, the [`Dataset`]: the pages read it through `loaded`'s
/// `ReadSignal`s and change it only through the methods here and in [`load`], [`reports`] and
/// [`writes`]. The rest is the user's choices on the page.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AppState {
    /// What is loaded, read-only.
    pub loaded: Views,
    /// The user's per-seat price, overriding the plan's list price.
    pub price: Price,
    /// The selection and the writes made with it.
    pub writes: Writes,
    /// The comparison with an earlier report, once one is opened.
    pub comparison: Comparison,
    /// The loaded data's owner.
    data: Dataset,
    /// The running load; replacing or clearing it stops the old one.
    load: StoredValue<Option<Task>>,
    /// The running read of the members and teams.
    roster: StoredValue<Option<Task>>,
}

impl AppState {
    /// Fresh state.
    pub(crate) fn new() -> Self {
        let data = Dataset::new();
        let (price, writes, comparison) = choices::new();
        Self {
            loaded: data.views(),
            price,
            writes,
            comparison,
            data,
            load: StoredValue::new(None),
            roster: StoredValue::new(None),
        }
    }

    /// Provides the state as context: the whole, and each of the user's choices on its own.
    pub(crate) fn provide(self) {
        provide_context(self);
        choices::provide(self.price, self.writes, self.comparison);
    }

    /// Reads the people behind an enterprise's rows.
    pub(crate) fn with_people<R>(&self, f: impl FnOnce(&Merger) -> R) -> R {
        self.data.with_people(f)
    }

    /// Stops the load and forgets the organization (and the token, which lives in the session).
    pub(crate) fn clear(&self) {
        self.load.set_value(None);
        self.roster.set_value(None);
        self.writes.stop();
        self.data.clear();
        self.price.0.set(None);
        self.comparison.forget();
    }

    /// Starts loading `session`'s billing and seats, replacing (and stopping) whatever ran,
    /// a removal included.
    pub(crate) fn start_load(&self, session: Session) {
        self.writes.stop();
        self.begin_load(session, false);
    }

    /// Reads the list again after a removal: the removal's account stays on screen; the
    /// selection goes (its indices belong to the old list).
    fn reload_after_write(&self) {
        if let Some(session) = self.loaded.session.get_untracked() {
            self.writes.selected.set(Selection::default());
            self.begin_load(session, true);
        }
    }

    /// Reads the members and teams of the organization shown (see [`roster`]), replacing a
    /// read under way.
    pub(crate) fn read_roster(&self) {
        self.roster.set_value(None);
        if let Some(session) = self.loaded.session.get_untracked() {
            self.roster.set_value(roster::read(*self, session));
        }
    }

    fn begin_load(&self, session: Session, keep_roster: bool) {
        self.load.set_value(None);
        if !keep_roster {
            self.roster.set_value(None);
        }
        // GitHub's requests go out before the page redraws for the new load: spawned before
        // the resets below, the task runs ahead of the render they wake (and, when it runs,
        // reads the state they leave). The demo is made at once, into the reset state.
        let handle = load::start(*self, &session);
        // No enterprise `/copilot/billing` exists, and the bill is per organization: an
        // enterprise's seats are all there is to read.
        let spend = if session.is_enterprise() {
            SpendState::Idle
        } else {
            SpendState::Loading
        };
        self.data
            .begin(session.clone(), browser::now(), spend, keep_roster);
        self.comparison.forget();
        if session.is_demo() {
            load::demo(*self, &session);
        }
        self.load.set_value(handle);
    }
    /// Runs `task` as the load (reading report files): it replaces whatever ran, and the next
    /// Load, demo or Forget stops it.
    pub(crate) fn run_as_load(&self, task: impl Future<Output = ()> + 'static) {
        self.writes.stop();
        self.load.set_value(None);
        self.load.set_value(Some(Task::spawn(task)));
    }

    /// Loads the current session again (Retry).
    pub(crate) fn retry(&self) {
        if let Some(session) = self.loaded.session.get_untracked() {
            self.start_load(session);
        }
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

/// Runs `task` under the owner `weak` points to, until that owner cleans up (see
/// [`until_cleanup`]); nothing when it is gone. Callbacks keep a weak owner: a strong `Owner`
/// captured by a callback that the owner itself stores is a cycle, and the owner, with its
/// cleanups (aborting requests, removing listeners), would never be dropped.
pub(crate) fn spawn_in(
    weak: &leptos::reactive::owner::WeakOwner,
    task: impl Future<Output = ()> + 'static,
) {
    if let Some(owner) = weak.upgrade() {
        owner.with(|| {
            leptos::task::spawn_local(async move {
                until_cleanup(task).await;
            });
        });
    }
}

/// Runs `task` until the current reactive owner cleans up (a component unmounts, a resource
/// runs again): then it stops where it is, and dropping it aborts its requests. `None` when it
/// was stopped.
pub(crate) fn until_cleanup<F: Future + 'static>(
    task: F,
) -> impl Future<Output = Option<F::Output>> {
    let (task, handle) = futures::future::abortable(task);
    on_cleanup(move || handle.abort());
    async move { task.await.ok() }
}

/// A value read by an async task, read again whenever what `read` tracks changes or
/// [`Fetched::refetch`] is called: `None` while a read is under way. Each read runs until the
/// next one starts or the owner cleans up (see [`until_cleanup`]), so leaving the page, or
/// another login, stops the request and aborts it.
///
/// (Leptos's `LocalResource` does this too, but it brings the async-derived machinery and its
/// transitions into the download for the two reads of the seat page: 11.3 KB gzip.)
pub(crate) struct Fetched<T: 'static> {
    value: RwSignal<Option<T>>,
    again: Trigger,
}

impl<T: 'static> Clone for Fetched<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for Fetched<T> {}

impl<T: Clone + Send + Sync + 'static> Fetched<T> {
    /// Starts reading with `read`, whose signals (read before its future starts) are tracked.
    pub(crate) fn new<F: Future<Output = T> + 'static>(read: impl Fn() -> F + 'static) -> Self {
        let (value, again) = (RwSignal::new(None), Trigger::new());
        Effect::new(move |_| {
            again.track();
            value.set(None);
            let task = until_cleanup(read());
            leptos::task::spawn_local(async move {
                if let Some(v) = task.await {
                    value.set(Some(v));
                }
            });
        });
        Self { value, again }
    }

    /// The value read last, `None` while a read is under way.
    pub(crate) fn get(&self) -> Option<T> {
        self.value.get()
    }

    /// Reads again.
    pub(crate) fn refetch(&self) {
        self.again.notify();
    }
}
