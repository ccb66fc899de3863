//! Shared app state (provided as context) and the load that fills it.
//!
//! Seats arrive page by page; they are buffered and flushed into the signal at most every
//! [`FLUSH_MS`], so the table's sort memo runs a few times per load instead of once per page.

use std::cell::RefCell;
use std::rc::Rc;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use seat_core::api_base::ApiBase;
use seat_core::error::ApiError;
use seat_core::generate::{self, OrgSpec, Plan};
use seat_core::loader::{Client, Event, LoadOptions, LoadReport, SeatSource};
use seat_core::models::{Billing, Seat};
use seat_core::token::Token;

use crate::api::{BrowserClock, FetchTransport, GithubClient};
use crate::browser;

/// localStorage key of the last organization.
pub const ORG_KEY: &str = "copilot-seat-review.org";
/// localStorage key of the last API URL.
pub const API_KEY: &str = "copilot-seat-review.api";
/// sessionStorage key of the token, only when the user ticks "Remember on this device".
pub const TOKEN_KEY: &str = "copilot-seat-review.token";

/// How often buffered seats are shown while loading.
pub const FLUSH_MS: f64 = 250.0;

/// Where the data comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// GitHub's API (or fakehub) with the user's token.
    Github {
        /// The validated API URL.
        base: ApiBase,
        /// The token; held in memory only, and never printed.
        token: Token,
    },
    /// An organization generated in the browser; no network.
    Demo,
}

/// What is being looked at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The organization's login.
    pub org: String,
    /// Where the data comes from.
    pub source: Source,
    /// Paging and retry knobs (defaults suit GitHub; `?per_page=&concurrency=` override them,
    /// which the benchmark uses to run the naive client).
    pub options: LoadOptions,
}

impl Session {
    /// The GitHub client for this session, or `None` in demo mode.
    pub fn client(&self, options: LoadOptions) -> Option<GithubClient> {
        match &self.source {
            Source::Github { base, token } => Some(Client::new(
                FetchTransport,
                BrowserClock,
                base.clone(),
                token.clone(),
                options,
            )),
            Source::Demo => None,
        }
    }

    /// Whether this is the in-browser demo.
    pub fn is_demo(&self) -> bool {
        self.source == Source::Demo
    }
}

/// After a reload the in-memory session is gone; when the user ticked "Remember on this
/// device", it is rebuilt from the URL's organization, the remembered API URL and the token in
/// sessionStorage. Without that tick there is nothing to rebuild from, by design.
pub fn remembered_session(org: Option<String>, api: Option<String>) -> Option<Session> {
    use crate::browser::{load, Area};
    let token = Token::new(&load(Area::Session, TOKEN_KEY)?)?;
    let org = org.or_else(|| load(Area::Local, ORG_KEY))?;
    let org = seat_core::api_base::validate_org(&org).ok()?.to_string();
    let api = api.or_else(|| load(Area::Local, API_KEY))?;
    let base = ApiBase::parse(&api).ok()?;
    Some(Session {
        org,
        source: Source::Github { base, token },
        options: LoadOptions::default(),
    })
}

/// The demo organization's spec at `now`.
pub fn demo_spec(now: DateTime<Utc>) -> OrgSpec {
    OrgSpec {
        name: "demo-org".into(),
        plan: Plan::Business,
        ..generate::realistic(now)
    }
}

/// The state of the seat load.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum LoadStatus {
    /// Nothing asked yet.
    #[default]
    Idle,
    /// Pages arriving.
    Loading {
        /// Seats received so far.
        loaded: usize,
        /// GitHub's `total_seats`, once known.
        total: Option<u64>,
        /// A wait in progress ("Waiting 42 s for GitHub's rate limit").
        note: Option<String>,
    },
    /// Finished; the report says whether everything arrived.
    Done {
        /// The loader's account.
        report: LoadReport,
        /// Milliseconds from Load to the last seat.
        millis: f64,
    },
    /// Nothing usable: the error says what to do.
    Failed(ApiError),
}

/// App-wide state, provided as context. Copy handles only.
#[derive(Debug, Clone, Copy)]
pub struct AppState {
    /// The organization and source being shown.
    pub session: RwSignal<Option<Session>>,
    /// The billing object.
    pub billing: RwSignal<Option<Billing>>,
    /// Every seat loaded so far, in arrival order (append-only while loading).
    pub seats: RwSignal<Vec<Seat>>,
    /// Progress and outcome of the load.
    pub status: RwSignal<LoadStatus>,
    /// "Now" for relative dates, fixed when the load starts so figures agree with each other.
    pub now: RwSignal<DateTime<Utc>>,
    /// The user's per-seat price, overriding the plan's list price.
    pub price: RwSignal<Option<f64>>,
    /// Incremented per load; a stale load's pages are dropped.
    generation: StoredValue<u64>,
}

impl AppState {
    /// Fresh state.
    pub fn new() -> Self {
        Self {
            session: RwSignal::new(None),
            billing: RwSignal::new(None),
            seats: RwSignal::new(Vec::new()),
            status: RwSignal::new(LoadStatus::Idle),
            now: RwSignal::new(browser::now()),
            price: RwSignal::new(None),
            generation: StoredValue::new(0),
        }
    }

    /// Forgets the loaded organization (the token too, since it lives in the session).
    pub fn clear(&self) {
        self.generation.update_value(|g| *g += 1);
        self.session.set(None);
        self.billing.set(None);
        self.seats.set(Vec::new());
        self.status.set(LoadStatus::Idle);
        self.price.set(None);
    }

    /// Starts loading `session`'s billing and seats, replacing what was shown.
    pub fn start_load(&self, session: Session) {
        let state = *self;
        state.generation.update_value(|g| *g += 1);
        let generation = state.generation.get_value();
        let current = move || state.generation.get_value() == generation;
        state.session.set(Some(session.clone()));
        state.billing.set(None);
        state.seats.set(Vec::new());
        state.now.set(browser::now());
        state.status.set(LoadStatus::Loading {
            loaded: 0,
            total: None,
            note: None,
        });
        let started = browser::perf_now();

        if session.is_demo() {
            let spec = demo_spec(state.now.get_untracked());
            let billing = serde_json::from_value(generate::billing_json(&spec)).ok();
            let seats: Vec<Seat> = (0..spec.seats)
                .filter_map(|i| serde_json::from_value(generate::seat_json(&spec, i)).ok())
                .collect();
            let report = LoadReport {
                total_seats: Some(spec.seats as u64),
                pages: 1,
                loaded: seats.len(),
                missing: (spec.seats - seats.len()) as u64,
                ..LoadReport::default()
            };
            state.billing.set(billing);
            state.seats.set(seats);
            state.status.set(LoadStatus::Done {
                report,
                millis: browser::perf_now() - started,
            });
            return;
        }

        let Some(client) = session.client(session.options.clone()) else {
            return;
        };
        let org = session.org.clone();
        leptos::task::spawn_local(async move {
            let buffer: Rc<RefCell<Vec<Seat>>> = Rc::default();
            let last_flush = Rc::new(RefCell::new(started));
            // GitHub's total, once known: the list is allocated once at its final size instead of
            // doubling its way there, which keeps the wasm heap from ratcheting up across reloads.
            let expected: Rc<std::cell::Cell<usize>> = Rc::default();
            let flush = {
                let buffer = buffer.clone();
                let expected = expected.clone();
                move || {
                    let mut pending = buffer.borrow_mut();
                    if !pending.is_empty() && current() {
                        let batch = std::mem::take(&mut *pending);
                        state.seats.update(|s| {
                            let want = expected.get().max(s.len() + batch.len());
                            s.reserve_exact(want.saturating_sub(s.len()));
                            s.extend(batch);
                        });
                    }
                }
            };
            let on_event = {
                let buffer = buffer.clone();
                let flush = flush.clone();
                move |event: Event| {
                    if !current() {
                        return;
                    }
                    match event {
                        Event::Seats {
                            seats, total_seats, ..
                        } => {
                            // Bounded: a hostile total must not reserve gigabytes.
                            let total = total_seats.unwrap_or(0).min(2_000_000) as usize;
                            expected.set(expected.get().max(total));
                            buffer.borrow_mut().extend(seats);
                            let loaded =
                                state.seats.with_untracked(Vec::len) + buffer.borrow().len();
                            let now = browser::perf_now();
                            if now - *last_flush.borrow() >= FLUSH_MS {
                                *last_flush.borrow_mut() = now;
                                flush();
                            }
                            state.status.set(LoadStatus::Loading {
                                loaded,
                                total: total_seats,
                                note: None,
                            });
                        }
                        Event::Waiting { message, .. } => state.status.update(|s| {
                            if let LoadStatus::Loading { note, .. } = s {
                                *note = Some(message);
                            }
                        }),
                    }
                }
            };
            let source = SeatSource::Org(org.clone());
            // The overview shows as soon as billing arrives, while seats keep coming.
            let billing = async {
                let billing = client.billing(&org, &on_event).await?;
                if current() {
                    state.billing.set(Some(billing));
                }
                Ok::<(), ApiError>(())
            };
            let (billing, seats) = futures::join!(billing, client.seats(&source, &on_event));
            if !current() {
                return;
            }
            flush();
            let outcome = match (billing, seats) {
                (Ok(()), Ok(report)) => LoadStatus::Done {
                    report,
                    millis: browser::perf_now() - started,
                },
                (Err(e), _) | (_, Err(e)) => {
                    // Never leave a part of the data on screen as if it were all of it.
                    state.seats.set(Vec::new());
                    state.billing.set(None);
                    LoadStatus::Failed(e)
                }
            };
            state.status.set(outcome);
        });
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}
