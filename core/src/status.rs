//! What the app shows about its work: how a load stands, whether the month's bill is known, and
//! where a write stands. Plain data, so that views take it as props and tests build it.

use crate::error::ApiError;
use crate::loader::LoadReport;
use crate::spend::UsageLine;

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
        /// For an enterprise, pages read and known: its seat objects outnumber its people, so
        /// `loaded` (objects) of `total` (people) is no measure of progress.
        pages: Option<(u32, u32)>,
        /// The loader's estimate of the time left, in ms (pages to come, the pace GitHub's
        /// limit allows, the time requests take).
        eta_ms: Option<u64>,
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

/// The month's bill from GitHub's billing usage API, loaded beside the seats.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum SpendState {
    /// Not asked (no session).
    #[default]
    Idle,
    /// Asked, not answered yet.
    Loading,
    /// This month's Copilot lines.
    Ready(Vec<UsageLine>),
    /// Why GitHub could not tell, in one sentence with what would enable it.
    Unavailable(String),
}

impl LoadStatus {
    /// Whether every seat arrived and the count adds up.
    pub fn is_complete(&self) -> bool {
        matches!(self, Self::Done { report, .. } if report.is_complete())
    }
}

/// Where the last removal stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum WriteStatus {
    /// Nothing sent.
    #[default]
    Idle,
    /// Requests under way: the progress line.
    Running(String),
    /// Finished: what GitHub did (or the demo simulated).
    Done {
        /// Ready to show.
        message: String,
        /// Whether everything asked was done.
        complete: bool,
    },
}
