//! The load: billing and every seat of a session, page by page, as a task that ends with its
//! [`Task`]. Dropping the task handle (Forget token, another Load, the demo) stops the task
//! where it is; dropping the task drops its requests, which aborts them, so nothing carrying the
//! token starts afterwards.

use std::cell::{Cell, RefCell};

use chrono::Datelike;
use leptos::prelude::*;
use seat_core::enterprise::Merger;
use seat_core::error::ApiError;
use seat_core::generate;
use seat_core::loader::{Event, LoadReport, SeatSource};
use seat_core::models::{decode_billing, decode_seat, Seat};
use seat_core::overview::BUSINESS_PRICE;
use seat_core::spend::{generated_lines, unavailable_reason};
use seat_core::status::WaitNote;

use super::dataset::Loaded;
use super::session::{demo_spec, Session};
use super::task::Task;
use super::{AppState, LoadStatus, SpendState};
use crate::api::GithubClient;
use crate::browser;

/// How often buffered seats are shown while loading: each flush re-derives the table (index and
/// sort of every seat so far), so not once per page, and less often as the list grows: 250 ms,
/// plus 1 ms per 200 seats loaded (750 ms at 100,000), which keeps the re-sorting to a fifth of
/// the time.
pub(crate) const FLUSH_MS: f64 = 250.0;

/// The progress line changes at most this often (each change is a layout and a paint; a
/// 100,000-seat load has 1,000 pages).
const PROGRESS_MS: f64 = 100.0;

fn flush_interval(loaded: usize) -> f64 {
    FLUSH_MS + loaded as f64 / 200.0
}

/// Fills `state` with the demo of `session` (an organization or an enterprise), at once.
pub(super) fn demo(state: AppState, session: &Session) {
    let started = browser::perf_now();
    if session.is_enterprise() {
        load_demo_enterprise(state, session.clone(), started);
    } else {
        load_demo(state, session.clone(), started);
    }
}

/// Starts loading `session`'s seats from GitHub into `state`; `None` when it reads nothing
/// from GitHub (the demo, a report).
pub(super) fn start(state: AppState, session: &Session) -> Option<Task> {
    let started = browser::perf_now();
    let client = session.client()?;
    let org = session.org.clone();
    if session.is_enterprise() {
        return Some(Task::spawn(async move {
            load_enterprise(state, &client, &org, started).await;
        }));
    }
    Some(Task::spawn(async move {
        // The bill is read beside the seats and never delays them; its failure is one
        // sentence in its own section, never the load's.
        let spend = async {
            let now = state.loaded.now.get_untracked();
            let outcome = match client.copilot_usage(&org, now.year(), now.month()).await {
                Ok(lines) => SpendState::Ready(lines),
                Err(e) => SpendState::Unavailable(unavailable_reason(&e)),
            };
            state.data.set_spend(outcome);
        };
        let seats = load_seats(state, &client, &org, started);
        futures::join!(spend, seats);
    }))
}

/// Every seat object of enterprise `slug` into `state`, one row per person, then the outcome.
async fn load_enterprise(state: AppState, client: &GithubClient, slug: &str, started: f64) {
    let buffer = SeatBuffer::new(state, started, true);
    let on_event = |event: Event| buffer.on_event(event);
    let source = SeatSource::Enterprise(slug.to_string());
    let seats = client.seats(&source, &on_event).await;
    buffer.flush();
    settle().await;
    finish(state, seats, started);
}

/// Lets the last flush (the list indexed and sorted again) render in its own task before the
/// outcome starts the completion work (figures, charts): two shorter tasks, not one long one.
async fn settle() {
    use seat_core::loader::Clock;
    crate::api::BrowserClock.sleep(0).await;
}

/// The load's outcome: the report, or the error with nothing partial left on screen.
fn finish(state: AppState, outcome: Result<LoadReport, ApiError>, started: f64) {
    state.data.finish(outcome, browser::perf_now() - started);
}

/// Billing and every seat of `org` into `state`, then the outcome.
async fn load_seats(state: AppState, client: &GithubClient, org: &str, started: f64) {
    let buffer = SeatBuffer::new(state, started, false);
    let on_event = |event: Event| buffer.on_event(event);
    // The overview shows as soon as billing arrives, while seats keep coming.
    let billing = async {
        let billing = client.billing(org, &on_event).await?;
        state.data.set_billing(billing);
        Ok::<(), ApiError>(())
    };
    let source = SeatSource::Org(org.to_string());
    let (billing, seats) = futures::join!(billing, client.seats(&source, &on_event));
    buffer.flush();
    settle().await;
    finish(state, billing.and(seats), started);
}

/// The demo enterprise: its seat objects through the same decoder and merge as GitHub's.
fn load_demo_enterprise(state: AppState, session: Session, started: f64) {
    let now = state.loaded.now.get_untracked();
    let spec = super::session::demo_enterprise_spec(now);
    let objects: Vec<Seat> = (0..spec.objects())
        .filter_map(|k| {
            decode_seat(
                &seat_core::generate::enterprise::enterprise_seat_json(&spec, k).to_string(),
            )
            .ok()
        })
        .collect();
    let report = LoadReport {
        total_seats: Some(spec.people as u64),
        pages: 1,
        loaded: objects.len(),
        ..LoadReport::default()
    };
    let mut rows = Vec::with_capacity(spec.people);
    let mut people = Merger::default();
    people.extend(&mut rows, objects);
    let loaded = Loaded {
        billing: None,
        seats: rows,
        people,
        spend: SpendState::Idle,
        report,
        millis: browser::perf_now() - started,
    };
    state.data.replace(session, now, loaded);
}

fn load_demo(state: AppState, session: Session, started: f64) {
    let now = state.loaded.now.get_untracked();
    let spec = demo_spec(now);
    // Through text and the same decoders as GitHub's answers: a second (Value-based) decoder
    // for the demo alone would cost the first visit ~10 KB.
    let billing = decode_billing(&generate::billing_json(&spec).to_string()).ok();
    let seats: Vec<Seat> = (0..spec.seats)
        .filter_map(|i| decode_seat(&generate::seat_json(&spec, i).to_string()).ok())
        .collect();
    let report = LoadReport {
        total_seats: Some(spec.seats as u64),
        pages: 1,
        loaded: seats.len(),
        missing: (spec.seats - seats.len()) as u64,
        ..LoadReport::default()
    };
    // The demo's bill: seats pro rata and AI credits at 60 % of the pool's pace.
    let lines = generated_lines(
        spec.seats as u64,
        spec.plan.as_str(),
        BUSINESS_PRICE,
        0.6,
        now,
    );
    let loaded = Loaded {
        billing,
        seats,
        people: Merger::default(),
        spend: SpendState::Ready(lines),
        report,
        millis: browser::perf_now() - started,
    };
    state.data.replace(session, now, loaded);
}

/// Seats arrive a page at a time; they are kept here and moved into the shared list at most
/// every [`FLUSH_MS`], so the table's memos run a few times per load, not once per page.
struct SeatBuffer {
    state: AppState,
    pending: RefCell<Vec<Seat>>,
    last_flush: Cell<f64>,
    last_progress: Cell<f64>,
    /// GitHub's total, once known: the list is allocated once at its final size instead of
    /// doubling its way there, which keeps the wasm heap from ratcheting up across reloads.
    expected: Cell<usize>,
    /// An enterprise's listing: objects are merged into one row per person.
    enterprise: bool,
    /// Seat objects received: the progress (for an organization, the seats shown and
    /// pending; an enterprise's objects outnumber its rows).
    received: Cell<usize>,
    /// The wait in progress ("Waiting 2 s for GitHub's rate limit") and when it ends: other
    /// pages still arrive while one waits, and their progress must not wipe the note early.
    waiting: RefCell<WaitNote>,
}

impl SeatBuffer {
    fn new(state: AppState, started: f64, enterprise: bool) -> Self {
        Self {
            state,
            pending: RefCell::default(),
            last_flush: Cell::new(started),
            // The first page always shows: it brings GitHub's total.
            last_progress: Cell::new(f64::NEG_INFINITY),
            expected: Cell::new(0),
            enterprise,
            received: Cell::new(0),
            waiting: RefCell::default(),
        }
    }

    fn on_event(&self, event: Event) {
        match event {
            Event::Seats {
                seats,
                total_seats,
                pages_done,
                pages_total,
                eta_ms,
            } => {
                self.received.set(self.received.get() + seats.len());
                // Bounded: a hostile total must not reserve gigabytes.
                let total = total_seats.unwrap_or(0).min(2_000_000) as usize;
                self.expected.set(self.expected.get().max(total));
                self.pending.borrow_mut().extend(seats);
                let shown = self.state.loaded.seats.with_untracked(Vec::len);
                let loaded = self.received.get();
                let now = browser::perf_now();
                // The first seats show at once (waiting for the flush interval held them back
                // 250 ms at any latency); later ones are batched.
                let flushed = shown == 0 || now - self.last_flush.get() >= flush_interval(shown);
                if flushed {
                    self.last_flush.set(now);
                    self.flush();
                }
                if flushed || now - self.last_progress.get() >= PROGRESS_MS {
                    self.last_progress.set(now);
                    self.state.data.progress(LoadStatus::Loading {
                        loaded,
                        total: total_seats,
                        note: self.waiting.borrow_mut().at(now),
                        pages: self.enterprise.then_some((pages_done, pages_total)),
                        eta_ms,
                    });
                }
            }
            Event::Waiting { seconds, message } => {
                let now = browser::perf_now();
                let mut waiting = self.waiting.borrow_mut();
                waiting.start(message, seconds, now);
                if let Some(note) = waiting.at(now) {
                    self.state.data.note(note);
                }
            }
        }
    }

    fn flush(&self) {
        let batch = std::mem::take(&mut *self.pending.borrow_mut());
        if batch.is_empty() {
            return;
        }
        self.state
            .data
            .append(batch, self.expected.get(), self.enterprise);
    }
}
