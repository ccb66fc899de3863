//! Whose seats the app looks at, and what the connect form submits.

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
