//! Who and what is being looked at: the organization, where its data comes from (GitHub with a
//! token, or the in-browser demo), and what the connect form remembers. The token travels only
//! as a [`Token`], which never prints.

use chrono::{DateTime, Utc};
use seat_core::api_base::{validate_enterprise, validate_org, ApiBase, GITHUB_API};
use seat_core::generate::{self, OrgSpec, Plan};
use seat_core::loader::{Client, LoadOptions};
use seat_core::pacing::Pacer;
pub use seat_core::session::{Account, ConnectRequest};
use seat_core::token::Token;

use crate::api::{BrowserClock, FetchTransport, GithubClient};
use crate::browser::{self, Area};

/// localStorage key of the last organization.
pub const ORG_KEY: &str = "copilot-seat-review.org";
/// localStorage key of the last API URL.
pub const API_KEY: &str = "copilot-seat-review.api";
/// sessionStorage key of the token, only when the user ticks "Remember on this device".
pub const TOKEN_KEY: &str = "copilot-seat-review.token";

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

/// The request budget of a session (GitHub's secondary limit), shared by its loads, its seat
/// pages and its writes. Two handles are equal when they are the same budget.
#[derive(Debug, Clone)]
pub struct SharedPacer(std::sync::Arc<Pacer>);

impl SharedPacer {
    /// A fresh budget under `options`.
    pub fn new(options: &LoadOptions) -> Self {
        Self(std::sync::Arc::new(Pacer::new(
            options.points_per_minute,
            options.minute_ms,
        )))
    }
}

impl PartialEq for SharedPacer {
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for SharedPacer {}

/// What is being looked at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The organization's login, or the enterprise's slug.
    pub org: String,
    /// Whether `org` is an organization or an enterprise.
    pub account: Account,
    /// Where the data comes from.
    pub source: Source,
    /// Paging and retry knobs (defaults suit GitHub; see [`load_options`]).
    pub options: LoadOptions,
    /// GitHub's points budget, shared by every request of this session.
    pub pacer: SharedPacer,
}

impl Session {
    /// The GitHub client for this session, or `None` in demo mode.
    pub fn client(&self) -> Option<GithubClient> {
        match &self.source {
            Source::Github { base, token } => Some(
                Client::new(
                    FetchTransport,
                    BrowserClock,
                    base.clone(),
                    token.clone(),
                    self.options.clone(),
                )
                .with_pacer(self.pacer.0.clone()),
            ),
            Source::Demo | Source::Report { .. } => None,
        }
    }

    /// Whether this is the in-browser demo.
    pub fn is_demo(&self) -> bool {
        self.source == Source::Demo
    }

    /// Whether this is an enterprise (one row per person, an "Organization" column).
    pub fn is_enterprise(&self) -> bool {
        self.account == Account::Enterprise
    }

    /// Whether seats can be removed and given back: an organization's, at GitHub or simulated
    /// in the demo (a report file is only a file; an enterprise's seats are removed in each
    /// organization, by its owners).
    pub fn can_write(&self) -> bool {
        !self.is_enterprise() && matches!(self.source, Source::Github { .. } | Source::Demo)
    }

    /// Whether the data is in the page (the demo or a report file), not at GitHub.
    pub fn is_local(&self) -> bool {
        !matches!(self.source, Source::Github { .. })
    }

    /// A session of `org` with a fresh request budget under `options`.
    pub fn new(org: String, account: Account, source: Source, options: LoadOptions) -> Self {
        Self {
            org,
            account,
            source,
            pacer: SharedPacer::new(&options),
            options,
        }
    }

    /// The demo organization, or the demo enterprise.
    pub fn demo(now: DateTime<Utc>, account: Account) -> Self {
        let org = match account {
            Account::Organization => demo_spec(now).name,
            Account::Enterprise => DEMO_ENTERPRISE.to_string(),
        };
        Self::new(org, account, Source::Demo, LoadOptions::default())
    }
}

/// The demo enterprise's slug.
pub const DEMO_ENTERPRISE: &str = "demo-enterprise";

/// Checks what was typed and, when it can work, remembers the organization and API URL (and the
/// token, only if asked) and returns the session to load. The error is ready to show.
pub fn connect(req: &ConnectRequest, options: LoadOptions) -> Result<Session, String> {
    let org = match req.account {
        Account::Organization => validate_org(&req.org),
        Account::Enterprise => validate_enterprise(&req.org),
    }
    .map_err(|e| e.to_string())?
    .to_string();
    let base = ApiBase::parse(&req.api).map_err(|e| e.to_string())?;
    let token = Token::new(&req.token).ok_or_else(|| {
        "Token: paste a GitHub token first (or press “Try demo data” to look around without one)."
            .to_string()
    })?;
    browser::store(Area::Local, ORG_KEY, &org);
    browser::store(Area::Local, API_KEY, base.origin());
    if req.remember {
        browser::store(Area::Session, TOKEN_KEY, token.expose());
    } else {
        browser::remove(Area::Session, TOKEN_KEY);
    }
    Ok(Session::new(
        org,
        req.account,
        Source::Github { base, token },
        options,
    ))
}

/// Removes the remembered token ("Forget token").
pub fn forget_token() {
    browser::remove(Area::Session, TOKEN_KEY);
}

/// What the connect form starts with: the URL's organization and API URL, else the remembered
/// ones, and the token only if the user asked to be remembered.
pub fn form_defaults(org: Option<String>, api: Option<String>) -> (String, String, String) {
    (
        org.or_else(|| browser::load(Area::Local, ORG_KEY))
            .unwrap_or_default(),
        api.or_else(|| browser::load(Area::Local, API_KEY))
            .unwrap_or_else(|| GITHUB_API.to_string()),
        browser::load(Area::Session, TOKEN_KEY).unwrap_or_default(),
    )
}

/// After a reload the in-memory session is gone; when the user ticked "Remember on this
/// device", it can be rebuilt from the URL's organization, the remembered API URL and the token
/// in sessionStorage. Without that tick there is nothing to rebuild from, by design.
pub fn remembered_session(
    org: Option<String>,
    enterprise: Option<String>,
    api: Option<String>,
) -> Option<Session> {
    let token = Token::new(&browser::load(Area::Session, TOKEN_KEY)?)?;
    let (account, org) = match enterprise {
        Some(slug) => (
            Account::Enterprise,
            validate_enterprise(&slug).ok()?.to_string(),
        ),
        None => {
            let org = org.or_else(|| browser::load(Area::Local, ORG_KEY))?;
            (Account::Organization, validate_org(&org).ok()?.to_string())
        }
    };
    let api = api.or_else(|| browser::load(Area::Local, API_KEY))?;
    let base = ApiBase::parse(&api).ok()?;
    Some(Session::new(
        org,
        account,
        Source::Github { base, token },
        LoadOptions::default(),
    ))
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

/// The demo enterprise's spec at `now`: 640 people in four organizations, one in ten granted
/// again by a second organization and one in ten again through an enterprise team.
pub fn demo_enterprise_spec(now: DateTime<Utc>) -> generate::enterprise::EnterpriseSpec {
    generate::enterprise::EnterpriseSpec {
        name: DEMO_ENTERPRISE.into(),
        people: 640,
        organizations: [
            ("demo-web", Plan::Business),
            ("demo-data", Plan::Business),
            ("demo-mobile", Plan::Enterprise),
            ("demo-labs", Plan::Business),
        ]
        .into_iter()
        .map(|(o, p)| (o.to_string(), p))
        .collect(),
        pattern: generate::enterprise::Pattern {
            direct: 10,
            second_org: 1,
            enterprise_team: 1,
        },
        null_assignee: Some(7),
        now,
    }
}

/// The demo organization's spec at `now`.
pub fn demo_spec(now: DateTime<Utc>) -> OrgSpec {
    OrgSpec {
        name: "demo-org".into(),
        plan: Plan::Business,
        ..generate::realistic(now)
    }
}
