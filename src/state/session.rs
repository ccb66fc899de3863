//! Who and what is being looked at: the organization, where its data comes from (GitHub with a
//! token, or the in-browser demo), and what the connect form remembers. The token travels only
//! as a [`Token`], which never prints.

use chrono::{DateTime, Utc};
use seat_core::api_base::{validate_enterprise, validate_org, ApiBase, GITHUB_API};
use seat_core::generate::{self, OrgSpec, Plan};
use seat_core::loader::{Client, LoadOptions};
use seat_core::pacing::Pacer;
pub(crate) use seat_core::session::{
    continues_budget, load_options, Account, ConnectRequest, Knobs, Source,
};
use seat_core::token::Token;

use crate::api::{BrowserClock, FetchTransport, GithubClient};
use crate::browser::{self, Area};

/// localStorage key of the last organization.
pub(crate) const ORG_KEY: &str = "copilot-seat-review.org";
/// localStorage key of the last API URL.
pub(crate) const API_KEY: &str = "copilot-seat-review.api";
/// sessionStorage key of the token, only when the user ticks "Remember on this device".
pub(crate) const TOKEN_KEY: &str = "copilot-seat-review.token";

/// The request budget of a session (GitHub's secondary limit), shared by its loads, its seat
/// pages and its writes. Two handles are equal when they are the same budget.
#[derive(Debug, Clone)]
pub(crate) struct SharedPacer(std::sync::Arc<Pacer>);

impl SharedPacer {
    /// A fresh budget under `options`.
    pub(crate) fn new(options: &LoadOptions) -> Self {
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
pub(crate) struct Session {
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
    pub(crate) fn client(&self) -> Option<GithubClient> {
        match &self.source {
            Source::Github { base, token } => Some(Client::sharing(
                FetchTransport,
                BrowserClock,
                base.clone(),
                token.clone(),
                self.options.clone(),
                self.pacer.0.clone(),
            )),
            Source::Demo | Source::Report { .. } => None,
        }
    }

    /// Whether this is the in-browser demo.
    pub(crate) fn is_demo(&self) -> bool {
        self.source == Source::Demo
    }

    /// Whether this is an enterprise (one row per person, an "Organization" column).
    pub(crate) fn is_enterprise(&self) -> bool {
        self.account == Account::Enterprise
    }

    /// Whether seats can be removed and given back: an organization's, at GitHub or simulated
    /// in the demo (a report file is only a file; an enterprise's seats are removed in each
    /// organization, by its owners).
    pub(crate) fn can_write(&self) -> bool {
        !self.is_enterprise() && matches!(self.source, Source::Github { .. } | Source::Demo)
    }

    /// Whether the data is in the page (the demo or a report file), not at GitHub.
    pub(crate) fn is_local(&self) -> bool {
        !matches!(self.source, Source::Github { .. })
    }

    /// A session of `org` with a fresh request budget under `options`.
    pub(crate) fn new(org: String, account: Account, source: Source, options: LoadOptions) -> Self {
        Self {
            org,
            account,
            source,
            pacer: SharedPacer::new(&options),
            options,
        }
    }

    /// The demo organization, or the demo enterprise.
    pub(crate) fn demo(now: DateTime<Utc>, account: Account) -> Self {
        let org = match account {
            Account::Organization => demo_spec(now).name,
            Account::Enterprise => DEMO_ENTERPRISE.to_string(),
        };
        Self::new(org, account, Source::Demo, LoadOptions::default())
    }
}

/// The demo enterprise's slug.
pub(crate) const DEMO_ENTERPRISE: &str = "demo-enterprise";

/// Checks what was typed and, when it can work, remembers the organization and API URL (and the
/// token, only if asked) and returns the session to load. The error is ready to show.
pub(crate) fn connect(req: &ConnectRequest, options: LoadOptions) -> Result<Session, String> {
    let org = match req.account {
        Account::Organization => validate_org(&req.org),
        Account::Enterprise => validate_enterprise(&req.org),
    }
    .map_err(|e| e.to_string())?
    .to_string();
    let base = ApiBase::parse(&req.api).map_err(|e| e.to_string())?;
    let token = Token::new(&req.token).ok_or_else(|| seat_core::token::MISSING.to_string())?;
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
pub(crate) fn forget_token() {
    browser::remove(Area::Session, TOKEN_KEY);
}

/// What the connect form starts with: the URL's organization and API URL, else the remembered
/// ones, and the token only if the user asked to be remembered.
pub(crate) fn form_defaults(org: Option<String>, api: Option<String>) -> (String, String, String) {
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
pub(crate) fn remembered_session(
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

/// The demo enterprise's spec at `now`: 640 people in four organizations, one in ten granted
/// again by a second organization and one in ten again through an enterprise team.
pub(crate) fn demo_enterprise_spec(now: DateTime<Utc>) -> generate::enterprise::EnterpriseSpec {
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
pub(crate) fn demo_spec(now: DateTime<Utc>) -> OrgSpec {
    OrgSpec {
        name: "demo-org".into(),
        plan: Plan::Business,
        // The demo's people are all there: no deleted account among them.
        null_assignee: None,
        ..generate::realistic(now)
    }
}
