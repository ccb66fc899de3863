//! What fakehub remembers between requests: the request log, fault counters, rate-limit windows
//! (hourly, and the secondary limits' when they are on),
//! the seat writes made through the API (per organization: changes to generated seats, and the
//! seats added), cached billing counts and team memberships. Never generated seats themselves.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Utc};
use seat_core::generate::Breakdown;
use serde::Serialize;
use tokio::sync::watch;

pub use crate::limits::lock;
use crate::limits::Secondary;

/// One API request as fakehub saw it (`GET /_fakehub/requests`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct LoggedRequest {
    /// `GET`, `OPTIONS`, ...
    pub method: String,
    /// Path without the query.
    pub path: String,
    /// The raw query string, `""` when there is none.
    pub query: String,
    /// Every header, lowercased name to value (repeated headers joined with `, `),
    /// `authorization` included so tests can check where a token went.
    pub headers: BTreeMap<String, String>,
    /// When fakehub received it: milliseconds since the Unix epoch (tests check the spacing
    /// of writes with it).
    #[serde(default)]
    pub at_ms: u64,
    /// The request body as text (writes), absent when empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// The status fakehub answered, once it answered (absent while in flight, and for an
    /// answer that never came).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
}

/// What a write did to one seat, overriding the generated data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeatChange {
    /// Removed (`DELETE …/selected_users`): pending cancellation from this `YYYY-MM-DD`.
    Pending(String),
    /// Given back (`POST …/selected_users`): no pending cancellation, whatever was generated.
    Active,
}

/// A seat added through the API (`POST …/selected_users` or `…/selected_teams`) to a member who
/// had none; the seat list shows it after the generated seats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddedSeat {
    /// The member's index (`seat_core::generate::members`).
    pub index: usize,
    /// The team it was granted through (`…/selected_teams`), `None` for a user's own seat.
    pub team: Option<usize>,
    /// When it was added (RFC 3339): its `created_at` and `updated_at`.
    pub at: String,
    /// Its `pending_cancellation_date` once removed.
    pub pending: Option<String>,
}

/// What the API did to one organization's seats.
#[derive(Debug, Default)]
pub struct OrgWrites {
    /// Generated seats: lowercased login → what the last write did.
    pub changes: HashMap<String, SeatChange>,
    /// Seats added, in the order they were added.
    pub added: Vec<AddedSeat>,
    /// Member index → its position in `added`.
    pub added_at: HashMap<usize, usize>,
}

impl OrgWrites {
    /// The added seat of member `index`, if any.
    pub fn added_seat(&mut self, index: usize) -> Option<&mut AddedSeat> {
        let at = *self.added_at.get(&index)?;
        self.added.get_mut(at)
    }

    /// Adds a seat for member `index` (who has none).
    pub fn add(&mut self, index: usize, team: Option<usize>, at: &str) {
        self.added_at.insert(index, self.added.len());
        self.added.push(AddedSeat {
            index,
            team,
            at: at.to_string(),
            pending: None,
        });
    }
}

/// Members of each team of an organization (ascending member indices), computed once.
pub type TeamMembers = Arc<Vec<Vec<u32>>>;

/// Shared state handle.
pub type AppState = Arc<Shared>;

/// A rate-limit window of one token.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub used: u64,
    pub reset: u64,
}

/// Per-(organization, page) fault bookkeeping, reset by `DELETE /_fakehub/requests`.
#[derive(Debug, Default)]
pub struct Faults {
    /// Requests seen per (org, page) on the seats endpoint.
    pub counts: HashMap<(String, usize), u32>,
    /// `rate-limited`: the epoch second the primary limit lifts.
    pub limited_until: HashMap<String, u64>,
    /// `secondary-limited`: when each page may be asked again.
    pub retry_at: HashMap<(String, usize), Instant>,
}

/// Everything behind the [`AppState`] handle.
pub struct Shared {
    /// "Now" of every generated organization: fixed at start, so data stays put while it runs.
    pub now: DateTime<Utc>,
    pub latency_ms: AtomicU64,
    pub log: Mutex<Vec<LoggedRequest>>,
    /// Resets so far: an index into `log` taken before one is stale after it.
    pub log_epoch: AtomicU64,
    pub faults: Mutex<Faults>,
    pub rate: Mutex<HashMap<String, Window>>,
    /// The secondary limits (off unless set) and each token's window.
    pub secondary: Mutex<Secondary>,
    /// Seat writes: organization key → what the API did to its seats.
    pub writes: Mutex<HashMap<String, OrgWrites>>,
    /// Billing counts of generated organizations as generated (O(seats) to compute).
    pub breakdowns: Mutex<HashMap<String, Breakdown>>,
    /// Team members of generated organizations (O(members) to compute; writes do not change
    /// them).
    pub team_members: Mutex<HashMap<String, TeamMembers>>,
    pub request_counter: AtomicU64,
    /// Becomes true when the server stops; hanging scenarios watch it.
    pub stopped: watch::Receiver<bool>,
}

impl Shared {
    /// Fresh state, "now" read once here.
    pub fn new(latency_ms: u64, stopped: watch::Receiver<bool>) -> AppState {
        let now = DateTime::from_timestamp(Utc::now().timestamp(), 0).unwrap_or_else(Utc::now);
        Arc::new(Shared {
            now,
            latency_ms: AtomicU64::new(latency_ms),
            log: Mutex::default(),
            log_epoch: AtomicU64::new(0),
            faults: Mutex::default(),
            rate: Mutex::default(),
            secondary: Mutex::default(),
            writes: Mutex::default(),
            breakdowns: Mutex::default(),
            team_members: Mutex::default(),
            request_counter: AtomicU64::new(0),
            stopped,
        })
    }

    pub fn latency(&self) -> u64 {
        self.latency_ms.load(Ordering::Relaxed)
    }

    /// Clears the request log, fault counters, rate-limit windows (the secondary limits' too;
    /// their setting stays) and seat writes (added seats included): every organization is as
    /// generated again.
    pub fn reset(&self) {
        {
            let mut log = lock(&self.log);
            log.clear();
            self.log_epoch.fetch_add(1, Ordering::Relaxed);
        }
        lock(&self.secondary).clear_windows();
        *lock(&self.faults) = Faults::default();
        lock(&self.rate).clear();
        lock(&self.writes).clear();
    }

    /// A GitHub-looking request id, unique per request.
    pub fn request_id(&self) -> String {
        let n = self.request_counter.fetch_add(1, Ordering::Relaxed) + 1;
        let h = n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        format!(
            "{:04X}:{:04X}:{:06X}:{:07X}:{:08X}",
            (h >> 48) & 0xFFFF,
            (h >> 32) & 0xFFFF,
            (h >> 8) & 0xFF_FFFF,
            n & 0xFFF_FFFF,
            self.now.timestamp() as u64 & 0xFFFF_FFFF
        )
    }
}

/// Seconds since the Unix epoch, from the wall clock.
pub fn epoch_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}
