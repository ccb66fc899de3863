//! Who and what is being looked at: the organization, where its data comes from (GitHub with a
//! token, or the in-browser demo), and what the connect form remembers. The token travels only
//! as a [`Token`], which never prints.

use chrono::{DateTime, Utc};
use seat_core::api_base::{validate_org, ApiBase, GITHUB_API};
use seat_core::generate::{self, OrgSpec, Plan};
use seat_core::loader::{Client, LoadOptions};
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

/// What is being looked at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The organization's login.
    pub org: String,
    /// Where the data comes from.
    pub source: Source,
    /// Paging and retry knobs (defaults suit GitHub; see [`load_options`]).
    pub options: LoadOptions,
}

impl Session {
    /// The GitHub client for this session, or `None` in demo mode.
    pub fn client(&self) -> Option<GithubClient> {
        match &self.source {
            Source::Github { base, token } => Some(Client::new(
                FetchTransport,
                BrowserClock,
                base.clone(),
                token.clone(),
                self.options.clone(),
            )),
            Source::Demo | Source::Report { .. } => None,
        }
    }

    /// Whether this is the in-browser demo.
    pub fn is_demo(&self) -> bool {
        self.source == Source::Demo
    }

    /// Whether seats can be removed and given back: at GitHub, or simulated in the demo (a
    /// report file is only a file).
    pub fn can_write(&self) -> bool {
        matches!(self.source, Source::Github { .. } | Source::Demo)
    }

    /// Whether the data is in the page (the demo or a report file), not at GitHub.
    pub fn is_local(&self) -> bool {
        !matches!(self.source, Source::Github { .. })
    }

    /// The demo organization.
    pub fn demo(now: DateTime<Utc>) -> Self {
        Self {
            org: demo_spec(now).name,
            source: Source::Demo,
            options: LoadOptions::default(),
        }
    }
}

/// What the connect form submits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectRequest {
    /// Organization login as typed.
    pub org: String,
    /// Token as typed.
    pub token: String,
    /// API URL as typed.
    pub api: String,
    /// Keep the token in sessionStorage.
    pub remember: bool,
}

/// Checks what was typed and, when it can work, remembers the organization and API URL (and the
/// token, only if asked) and returns the session to load. The error is ready to show.
pub fn connect(req: &ConnectRequest, options: LoadOptions) -> Result<Session, String> {
    let org = validate_org(&req.org)
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
    Ok(Session {
        org,
        source: Source::Github { base, token },
        options,
    })
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
pub fn remembered_session(org: Option<String>, api: Option<String>) -> Option<Session> {
    let token = Token::new(&browser::load(Area::Session, TOKEN_KEY)?)?;
    let org = org.or_else(|| browser::load(Area::Local, ORG_KEY))?;
    let org = validate_org(&org).ok()?.to_string();
    let api = api.or_else(|| browser::load(Area::Local, API_KEY))?;
    let base = ApiBase::parse(&api).ok()?;
    Some(Session {
        org,
        source: Source::Github { base, token },
        options: LoadOptions::default(),
    })
}

/// Load knobs from the URL, for tests and the benchmark: `?per_page=50&concurrency=1` reproduce
/// a naive client; `?timeout_ms=2000` shortens the per-request time limit. Out-of-range values
/// are clamped.
pub fn load_options(
    per_page: Option<String>,
    concurrency: Option<String>,
    timeout_ms: Option<String>,
) -> LoadOptions {
    let mut options = LoadOptions::default();
    if let Some(p) = per_page.and_then(|p| p.parse::<u32>().ok()) {
        options.per_page = p.clamp(1, 100);
    }
    if let Some(c) = concurrency.and_then(|c| c.parse::<usize>().ok()) {
        options.concurrency = c.clamp(1, 16);
    }
    if let Some(t) = timeout_ms.and_then(|t| t.parse::<u64>().ok()) {
        options.timeout_ms = t.clamp(1_000, 120_000);
    }
    options
}

/// The demo organization's spec at `now`.
pub fn demo_spec(now: DateTime<Utc>) -> OrgSpec {
    OrgSpec {
        name: "demo-org".into(),
        plan: Plan::Business,
        ..generate::realistic(now)
    }
}
