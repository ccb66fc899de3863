//! Whose seats the app looks at and where they come from, what the connect form submits, and
//! the load options a session runs with.

use crate::api_base::ApiBase;
use crate::loader::LoadOptions;
use crate::token::Token;

/// Whose seats: an organization's, or an enterprise's (every organization of it, each person
/// once).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Account {
    /// `GET /orgs/{org}/copilot/billing/seats` and the organization's billing.
    #[default]
    Organization,
    /// `GET /enterprises/{enterprise}/copilot/billing/seats`: one row per person.
    Enterprise,
}

impl Account {
    /// The "Account type" option, and the name field's label.
    pub fn label(self) -> &'static str {
        match self {
            Account::Organization => "Organization",
            Account::Enterprise => "Enterprise",
        }
    }

    /// The URL parameter that names it (`?org=` or `?enterprise=`).
    pub fn param(self) -> &'static str {
        match self {
            Account::Organization => "org",
            Account::Enterprise => "enterprise",
        }
    }

    /// The select's value back (anything else is an organization).
    pub fn from_value(value: &str) -> Self {
        if value == "enterprise" {
            Account::Enterprise
        } else {
            Account::Organization
        }
    }
}

/// What the connect form submits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectRequest {
    /// Organization or enterprise.
    pub account: Account,
    /// Organization login or enterprise slug as typed.
    pub org: String,
    /// Token as typed.
    pub token: String,
    /// API URL as typed.
    pub api: String,
    /// Keep the token in sessionStorage.
    pub remember: bool,
}

/// Above the demo's figures.
pub const DEMO_NOTE: &str =
    "Demo data: a made-up organization generated in your browser. Nothing was fetched from GitHub.";

/// Above a report file's figures.
pub fn report_note(file: &str, time: chrono::DateTime<chrono::Utc>) -> String {
    format!(
        "Report {file}, made {}. Read in this page from your file; nothing was sent anywhere.",
        crate::time::minute_utc(time)
    )
}

/// Where the data comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// GitHub's API (or fakehub) with the user's token.
    Github {
        /// The validated API URL.
        base: ApiBase,
        /// The token; in memory only, and `Debug` prints a redaction.
        token: Token,
    },
    /// An organization generated in the browser; no network.
    Demo,
    /// An activity report opened from a file; no network.
    Report {
        /// The file's name.
        file: String,
        /// The report's time ("now" for every rule).
        time: chrono::DateTime<chrono::Utc>,
        /// Whether it has assignment dates (the grace period needs them).
        created_known: bool,
    },
}

/// Load knobs from the URL, for tests and the benchmark (see [`load_options`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Knobs {
    /// `?per_page=`.
    pub per_page: Option<String>,
    /// `?concurrency=`.
    pub concurrency: Option<String>,
    /// `?speculative_pages=`.
    pub speculative_pages: Option<String>,
    /// `?timeout_ms=`.
    pub timeout_ms: Option<String>,
    /// `?points_per_minute=`.
    pub points_per_minute: Option<String>,
    /// `?minute_ms=`.
    pub minute_ms: Option<String>,
}

/// Load knobs from the URL, for tests and the benchmark: `?per_page=50&concurrency=1` reproduce
/// a naive client; `?speculative_pages=0` makes the load wait for page 1 before it asks for
/// more; `?timeout_ms=2000` shortens the per-request time limit;
/// `?points_per_minute=N` changes the pacing budget (0: no pacing, to measure the page's own
/// speed) and `?minute_ms=W` its window (a scaled minute). Out-of-range values are clamped.
pub fn load_options(knobs: Knobs) -> LoadOptions {
    let Knobs {
        per_page,
        concurrency,
        speculative_pages,
        timeout_ms,
        points_per_minute,
        minute_ms,
    } = knobs;
    let mut options = LoadOptions::default();
    if let Some(p) = per_page.and_then(|p| p.parse::<u32>().ok()) {
        options.per_page = p.clamp(1, 100);
    }
    if let Some(c) = concurrency.and_then(|c| c.parse::<usize>().ok()) {
        options.concurrency = c.clamp(1, 16);
    }
    if let Some(s) = speculative_pages.and_then(|s| s.parse::<u32>().ok()) {
        options.speculative_pages = s.min(15);
    }
    if let Some(t) = timeout_ms.and_then(|t| t.parse::<u64>().ok()) {
        options.timeout_ms = t.clamp(1_000, 120_000);
    }
    if let Some(p) = points_per_minute.and_then(|p| p.parse::<u32>().ok()) {
        options.points_per_minute = p.min(100_000);
    }
    if let Some(m) = minute_ms.and_then(|m| m.parse::<u64>().ok()) {
        options.minute_ms = m.clamp(100, 600_000);
    }
    options
}

/// Whether a new Load continues the pacing budget of the session before it: GitHub's limit is
/// per token, so the same token at the same API URL with the same options keeps the budget
/// (GitHub still counts the earlier requests) instead of starting a fresh one.
pub fn continues_budget(earlier: (&Source, &LoadOptions), next: (&Source, &LoadOptions)) -> bool {
    earlier.0 == next.0 && earlier.1 == next.1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn github(token: &str, api: &str) -> Source {
        Source::Github {
            base: ApiBase::parse(api).unwrap(),
            token: Token::new(token).unwrap(),
        }
    }

    #[test]
    fn knobs_are_clamped_and_junk_is_ignored() {
        let o = load_options(Knobs {
            per_page: Some("500".into()),
            concurrency: Some("0".into()),
            speculative_pages: Some("99".into()),
            timeout_ms: Some("5".into()),
            points_per_minute: Some("x".into()),
            minute_ms: Some("1".into()),
        });
        let d = LoadOptions::default();
        assert_eq!(
            (o.per_page, o.concurrency, o.speculative_pages, o.timeout_ms),
            (100, 1, 15, 1_000)
        );
        assert_eq!(
            (o.points_per_minute, o.minute_ms),
            (d.points_per_minute, 100)
        );
        assert_eq!(load_options(Knobs::default()), d);
    }

    #[test]
    fn the_same_token_api_and_options_continue_the_budget() {
        let o = LoadOptions::default();
        let a = github("ghp_one", "https://api.github.com");
        assert!(continues_budget(
            (&a, &o),
            (&github("ghp_one", "https://api.github.com"), &o)
        ));
        assert!(!continues_budget(
            (&a, &o),
            (&github("ghp_two", "https://api.github.com"), &o)
        ));
        assert!(!continues_budget(
            (&a, &o),
            (&github("ghp_one", "http://127.0.0.1:8787"), &o)
        ));
        let paced_faster = LoadOptions {
            points_per_minute: 60,
            ..o.clone()
        };
        assert!(!continues_budget((&a, &o), (&a, &paced_faster)));
        assert!(!continues_budget((&Source::Demo, &o), (&a, &o)));
    }
}
