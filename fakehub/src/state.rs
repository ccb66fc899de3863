//! What fakehub remembers between requests: the request log, fault counters, rate-limit windows
//! (hourly, and the secondary limits' when they are on),
//! the seat changes made through the API (per organization) and cached billing counts. Never
//! seats themselves.

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
    /// Seat writes: organization key → lowercased login → what the last write did.
    pub changes: Mutex<HashMap<String, HashMap<String, SeatChange>>>,
    /// Billing counts of generated organizations (O(seats) to compute).
    pub breakdowns: Mutex<HashMap<String, Breakdown>>,
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
            changes: Mutex::default(),
            breakdowns: Mutex::default(),
            request_counter: AtomicU64::new(0),
            stopped,
        })
    }

    pub fn latency(&self) -> u64 {
        self.latency_ms.load(Ordering::Relaxed)
    }

    /// Clears the request log, fault counters, rate-limit windows (the secondary limits' too;
    /// their setting stays) and seat writes: every organization is as generated again.
    pub fn reset(&self) {
        {
            let mut log = lock(&self.log);
            log.clear();
            self.log_epoch.fetch_add(1, Ordering::Relaxed);
        }
        lock(&self.secondary).clear_windows();
        *lock(&self.faults) = Faults::default();
        lock(&self.rate).clear();
        lock(&self.changes).clear();
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
