//! What is loaded, with one owner: the session shown, its billing, seats and people, the load's
//! status, "now" and the bill. Everything else reads it through [`ReadSignal`]s; it changes
//! only here, through
//! - [`Dataset::begin`] (a new load starts: everything of the last one goes),
//! - [`Dataset::replace`] (the demo and report files arrive whole, as one [`Loaded`]),
//! - the streaming of a GitHub load ([`Dataset::append`], [`Dataset::progress`],
//!   [`Dataset::finish`]),
//! - a patch after a write ([`Dataset::patch_seats`], [`Dataset::patch_billing`]),
//! - the members and teams, read when asked ([`Dataset::set_members`], [`Dataset::set_teams`]),
//! - [`Dataset::clear`] (Forget token).

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use seat_core::enterprise::Merger;
use seat_core::error::ApiError;
use seat_core::loader::LoadReport;
use seat_core::members::{Listing, Member, OrgTeam};
use seat_core::models::{Billing, Seat};
use seat_core::status::{LoadStatus, SpendState};

use super::session::Session;
use crate::browser;

/// A whole loaded value: what the demo and a report file yield at once (a GitHub load
/// arrives in parts, through the same signals).
#[derive(Debug, Default)]
pub(crate) struct Loaded {
    /// The billing object (`None` where nothing tells it).
    pub billing: Option<Billing>,
    /// One row per person.
    pub seats: Vec<Seat>,
    /// For an enterprise: who each row's seat objects were.
    pub people: Merger,
    /// The bill.
    pub spend: SpendState,
    /// What the load read.
    pub report: LoadReport,
    /// How long it took.
    pub millis: f64,
}

/// The loaded data's signals (Copy handles); only this module writes them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Dataset {
    session: RwSignal<Option<Session>>,
    billing: RwSignal<Option<Billing>>,
    seats: RwSignal<Vec<Seat>>,
    people: StoredValue<Merger>,
    status: RwSignal<LoadStatus>,
    now: RwSignal<DateTime<Utc>>,
    spend: RwSignal<SpendState>,
    members: RwSignal<Listing<Member>>,
    teams: RwSignal<Listing<OrgTeam>>,
}

/// Read-only views of a [`Dataset`], for the pages.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Views {
    /// The organization and source being shown.
    pub session: ReadSignal<Option<Session>>,
    /// The billing object.
    pub billing: ReadSignal<Option<Billing>>,
    /// Every seat loaded so far, in arrival order (append-only while loading). For an
    /// enterprise, one per person: a person's later seat objects are merged into their row.
    pub seats: ReadSignal<Vec<Seat>>,
    /// Progress and outcome of the load.
    pub status: ReadSignal<LoadStatus>,
    /// "Now" for relative dates, fixed when the load starts so figures agree with each other.
    pub now: ReadSignal<DateTime<Utc>>,
    /// This month's bill, when GitHub tells it.
    pub spend: ReadSignal<SpendState>,
    /// The organization's members, once asked for.
    pub members: ReadSignal<Listing<Member>>,
    /// Its teams with their members, once asked for.
    pub teams: ReadSignal<Listing<OrgTeam>>,
}

impl Dataset {
    /// Nothing loaded.
    pub(super) fn new() -> Self {
        Self {
            session: RwSignal::new(None),
            billing: RwSignal::new(None),
            seats: RwSignal::new(Vec::new()),
            people: StoredValue::new(Merger::default()),
            status: RwSignal::new(LoadStatus::Idle),
            now: RwSignal::new(browser::now()),
            spend: RwSignal::new(SpendState::Idle),
            members: RwSignal::new(Listing::Idle),
            teams: RwSignal::new(Listing::Idle),
        }
    }

    /// The read-only views.
    pub(super) fn views(&self) -> Views {
        Views {
            session: self.session.read_only(),
            billing: self.billing.read_only(),
            seats: self.seats.read_only(),
            status: self.status.read_only(),
            now: self.now.read_only(),
            spend: self.spend.read_only(),
            members: self.members.read_only(),
            teams: self.teams.read_only(),
        }
    }

    /// Reads the people of an enterprise's rows.
    pub(crate) fn with_people<R>(&self, f: impl FnOnce(&Merger) -> R) -> R {
        self.people.with_value(f)
    }

    /// Forgets everything (Forget token).
    pub(super) fn clear(&self) {
        self.session.set(None);
        self.empty();
        self.forget_roster();
        self.status.set(LoadStatus::Idle);
        self.spend.set(SpendState::Idle);
    }

    fn empty(&self) {
        self.billing.set(None);
        self.seats.set(Vec::new());
        self.people.set_value(Merger::default());
    }

    /// Forgets the members and teams.
    pub(super) fn forget_roster(&self) {
        self.members.set(Listing::Idle);
        self.teams.set(Listing::Idle);
    }

    /// The members as read so far.
    pub(super) fn set_members(&self, members: Listing<Member>) {
        self.members.set(members);
    }

    /// The teams as read so far.
    pub(super) fn set_teams(&self, teams: Listing<OrgTeam>) {
        self.teams.set(teams);
    }

    /// A new load of `session` starts at `now`: nothing of the last one stays (but the members
    /// and teams when `keep_roster`: the seats are read again after a write), and the bill is
    /// `spend` until it is read.
    pub(super) fn begin(
        &self,
        session: Session,
        now: DateTime<Utc>,
        spend: SpendState,
        keep_roster: bool,
    ) {
        self.session.set(Some(session));
        self.empty();
        if !keep_roster {
            self.forget_roster();
        }
        self.now.set(now);
        self.spend.set(spend);
        self.status.set(LoadStatus::Loading {
            loaded: 0,
            total: None,
            note: None,
            pages: None,
            eta_ms: None,
        });
    }

    /// Everything at once (the demo, report files): `loaded` is what `session` shows, at `now`.
    pub(super) fn replace(&self, session: Session, now: DateTime<Utc>, loaded: Loaded) {
        let Loaded {
            billing,
            seats,
            people,
            spend,
            report,
            millis,
        } = loaded;
        // The demo's session and time are the ones its load began with: not shown twice.
        if self
            .session
            .with_untracked(|s| s.as_ref() != Some(&session))
        {
            self.session.set(Some(session));
        }
        if self.now.get_untracked() != now {
            self.now.set(now);
        }
        self.billing.set(billing);
        self.spend.set(spend);
        self.people.set_value(people);
        self.seats.set(seats);
        self.status.set(LoadStatus::Done { report, millis });
    }

    /// A GitHub load's next seats, into a list sized for `expected` rows; an enterprise's
    /// (`merge`) are merged into one row per person.
    pub(super) fn append(&self, batch: Vec<Seat>, expected: usize, merge: bool) {
        let people = self.people;
        self.seats.update(|s| {
            let want = expected.max(s.len() + batch.len());
            s.reserve_exact(want.saturating_sub(s.len()));
            if merge {
                people.update_value(|m| {
                    m.extend(s, batch);
                });
            } else {
                s.extend(batch);
            }
        });
    }

    /// A GitHub load's progress.
    pub(super) fn progress(&self, status: LoadStatus) {
        self.status.set(status);
    }

    /// A note on the running load (waiting for GitHub's limit, a retry).
    pub(super) fn note(&self, message: String) {
        self.status.update(|s| {
            if let LoadStatus::Loading { note, .. } = s {
                *note = Some(message);
            }
        });
    }

    /// A GitHub load's outcome: the report, or the error with nothing partial left on screen.
    pub(super) fn finish(&self, outcome: Result<LoadReport, ApiError>, millis: f64) {
        let status = match outcome {
            Ok(report) => LoadStatus::Done { report, millis },
            Err(e) => {
                // Never leave a part of the data on screen as if it were all of it.
                self.empty();
                LoadStatus::Failed(e)
            }
        };
        self.status.set(status);
    }

    /// The bill, once read.
    pub(super) fn set_spend(&self, spend: SpendState) {
        self.spend.set(spend);
    }

    /// The billing object, as GitHub sends it (during a load and after a write).
    pub(super) fn set_billing(&self, billing: Billing) {
        self.billing.set(Some(billing));
    }

    /// After a write: `f` changes the rows (GitHub's fresh seats in place of the listed ones,
    /// or the demo's simulation).
    /// `R::default()` when the page is gone.
    pub(super) fn patch_seats<R: Default>(&self, f: impl FnOnce(&mut Vec<Seat>) -> R) -> R {
        self.seats.try_update(f).unwrap_or_default()
    }

    /// After a simulated write: `f` changes the billing's figures.
    pub(super) fn patch_billing(&self, f: impl FnOnce(&mut Billing)) {
        self.billing.update(|b| {
            if let Some(b) = b {
                f(b);
            }
        });
    }
}
