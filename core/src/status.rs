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

/// The wait a load is in ("Waiting 2 s for GitHub's rate limit"), kept until it ends: other
/// pages still arrive while one page waits, and their progress must not wipe the note while
/// the wait it describes is still going on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WaitNote(Option<(String, f64)>);

impl WaitNote {
    /// A wait of `seconds` begins at `now_ms`. While a longer one is still going on (another
    /// page waiting for GitHub's limit), its note stays: a short retry must not cut it short.
    pub fn start(&mut self, message: String, seconds: u64, now_ms: f64) {
        let until = now_ms + seconds as f64 * 1000.0;
        if self.0.as_ref().is_some_and(|(_, end)| *end > until) {
            return;
        }
        self.0 = Some((message, until));
    }

    /// The note to show at `now_ms`: the wait's message until it ends, then none.
    pub fn at(&mut self, now_ms: f64) -> Option<String> {
        if self.0.as_ref().is_some_and(|(_, until)| now_ms >= *until) {
            self.0 = None;
        }
        self.0.as_ref().map(|(message, _)| message.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::WaitNote;

    #[test]
    fn a_wait_note_lasts_as_long_as_the_wait() {
        let mut note = WaitNote::default();
        assert_eq!(note.at(0.0), None);
        note.start("Waiting 2 s for GitHub's rate limit".into(), 2, 1_000.0);
        let shown = Some("Waiting 2 s for GitHub's rate limit".to_string());
        assert_eq!(note.at(1_000.0), shown, "at once");
        assert_eq!(
            note.at(2_999.0),
            shown,
            "pages arriving during the wait keep it"
        );
        assert_eq!(note.at(3_000.0), None, "gone when the wait ends");
        assert_eq!(note.at(2_000.0), None, "and it does not come back");
    }

    #[test]
    fn the_wait_that_ends_last_is_said() {
        let mut note = WaitNote::default();
        let limit = Some("Waiting 5 s for GitHub's rate limit");
        note.start("Retrying in 0.5 s (attempt 1 of 4): 502".into(), 1, 0.0);
        note.start("Waiting 5 s for GitHub's rate limit".into(), 5, 500.0);
        assert_eq!(note.at(4_000.0).as_deref(), limit);
        note.start("Retrying in 0.5 s (attempt 1 of 4): 502".into(), 1, 4_100.0);
        assert_eq!(
            note.at(4_200.0).as_deref(),
            limit,
            "a short retry does not cut it short"
        );
        assert_eq!(note.at(5_500.0), None);
        note.start("Retrying in 1.0 s (attempt 2 of 4): 502".into(), 1, 5_600.0);
        let retry = Some("Retrying in 1.0 s (attempt 2 of 4): 502");
        assert_eq!(note.at(5_700.0).as_deref(), retry);
    }
}
