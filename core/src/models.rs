//! GitHub's Copilot objects, decoded leniently.
//!
//! Only `created_at` is required on a seat; everything else may be null or absent, unknown fields
//! are ignored, and timestamps with any RFC 3339 offset are normalised to UTC. The structs keep
//! only what the app shows: GitHub's user objects carry a dozen URLs nobody reads, and dropping
//! them at decode time is what keeps 100,000 seats small.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Deserializer};

/// `GET /orgs/{org}/copilot/billing`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct Billing {
    /// Seat counts for the current billing cycle.
    #[serde(default)]
    pub seat_breakdown: SeatBreakdown,
    /// `assign_all`, `assign_selected`, `disabled` or `unconfigured`.
    #[serde(default)]
    pub seat_management_setting: Option<String>,
    /// `enabled`, `disabled` or `unconfigured`.
    #[serde(default)]
    pub ide_chat: Option<String>,
    /// `enabled`, `disabled` or `unconfigured`.
    #[serde(default)]
    pub platform_chat: Option<String>,
    /// `enabled`, `disabled` or `unconfigured`.
    #[serde(default)]
    pub cli: Option<String>,
    /// `allow`, `block` or `unconfigured`.
    #[serde(default)]
    pub public_code_suggestions: Option<String>,
    /// `business` or `enterprise`.
    #[serde(default)]
    pub plan_type: Option<String>,
}

/// The `seat_breakdown` of [`Billing`]. GitHub's own example has active + inactive ≠ total:
/// never assume invariants between these counts.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
pub struct SeatBreakdown {
    /// Seats billed this cycle.
    #[serde(default)]
    pub total: Option<u64>,
    /// Seats added this cycle.
    #[serde(default)]
    pub added_this_cycle: Option<u64>,
    /// Seats waiting for the user to accept an invitation.
    #[serde(default)]
    pub pending_invitation: Option<u64>,
    /// Seats that end with the current cycle.
    #[serde(default)]
    pub pending_cancellation: Option<u64>,
    /// Seats used this cycle.
    #[serde(default)]
    pub active_this_cycle: Option<u64>,
    /// Seats not used this cycle.
    #[serde(default)]
    pub inactive_this_cycle: Option<u64>,
}

/// One page of `GET /orgs/{org}/copilot/billing/seats`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct SeatsPage {
    /// Seats billed in the organization (the same on every page).
    #[serde(default)]
    pub total_seats: Option<u64>,
    /// The seats on this page.
    pub seats: Vec<Seat>,
}

/// A user holding a seat (GitHub's "Simple User", trimmed to what the app shows).
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
pub struct Assignee {
    /// The user's login.
    #[serde(default)]
    pub login: Option<Box<str>>,
    /// GitHub's numeric user id. Not unique per seat: both official example seats have id 1.
    #[serde(default)]
    pub id: Option<u64>,
    /// Avatar image.
    #[serde(default)]
    pub avatar_url: Option<Box<str>>,
    /// Profile page.
    #[serde(default)]
    pub html_url: Option<Box<str>>,
    /// `User`, `Organization`, ...
    #[serde(default, rename = "type")]
    pub kind: Option<Box<str>>,
}

impl Assignee {
    /// The avatar URL when it is on GitHub's own hosts: only those get an `<img>` (anything
    /// else stays text, and the page's CSP agrees).
    pub fn trusted_avatar(&self) -> Option<&str> {
        self.avatar_url.as_deref().filter(|u| {
            u.starts_with("https://avatars.githubusercontent.com/")
                || u.starts_with("https://github.com/")
        })
    }
}

/// The team (or enterprise team) that granted a seat.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
pub struct Team {
    /// Display name, typed by people: untrusted text.
    #[serde(default)]
    pub name: Option<Box<str>>,
    /// URL-safe name.
    #[serde(default)]
    pub slug: Option<Box<str>>,
    /// The team's page on GitHub.
    #[serde(default)]
    pub html_url: Option<Box<str>>,
}

impl Team {
    /// The best human label: name, else slug.
    pub fn label(&self) -> Option<&str> {
        self.name.as_deref().or(self.slug.as_deref())
    }
}

/// The organization a seat belongs to (enterprise listings).
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
pub struct Organization {
    /// The organization's login.
    #[serde(default)]
    pub login: Option<Box<str>>,
}

/// A Copilot seat.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Seat {
    /// When the seat was assigned. The one required field.
    #[serde(deserialize_with = "utc")]
    pub created_at: DateTime<Utc>,
    /// The user; `null` happens (a deleted or unresolvable account), and the seat is still billed.
    #[serde(default)]
    pub assignee: Option<Assignee>,
    /// Set for team-granted seats.
    #[serde(default)]
    pub assigning_team: Option<Team>,
    /// Set in enterprise listings.
    #[serde(default)]
    pub organization: Option<Organization>,
    /// The seat ends on this date (billed until then).
    #[serde(default, deserialize_with = "date_opt")]
    pub pending_cancellation_date: Option<NaiveDate>,
    /// Last Copilot use. GitHub resets it to null after 90 idle days.
    #[serde(default, deserialize_with = "utc_opt")]
    pub last_activity_at: Option<DateTime<Utc>>,
    /// `editor/version/plugin/version`, client-supplied: untrusted text.
    #[serde(default)]
    pub last_activity_editor: Option<Box<str>>,
    /// Last time the user authenticated with Copilot.
    #[serde(default, deserialize_with = "utc_opt")]
    pub last_authenticated_at: Option<DateTime<Utc>>,
    /// `business`, `enterprise` or `unknown`.
    #[serde(default)]
    pub plan_type: Option<Box<str>>,
}

impl Seat {
    /// A seat's organizations: its login, or each name of a report's `; `-separated cell
    /// (GitHub logins never hold `;`).
    pub fn organizations(&self) -> impl Iterator<Item = &str> {
        self.organization
            .as_ref()
            .and_then(|o| o.login.as_deref())
            .into_iter()
            .flat_map(|l| l.split(';'))
            .map(str::trim)
            .filter(|l| !l.is_empty())
    }

    /// What a seat's `created_at` is when it came from a report without that column: the Unix
    /// epoch, shown as unknown and written back as an empty cell. Rules that need it say so
    /// (see [`crate::report_read::Columns`]).
    pub const UNKNOWN_CREATED_AT: DateTime<Utc> = DateTime::UNIX_EPOCH;

    /// Whether the assignment date is known (see [`Self::UNKNOWN_CREATED_AT`]).
    pub fn created_known(&self) -> bool {
        self.created_at != Self::UNKNOWN_CREATED_AT
    }

    /// The assignee's login, or "" for a seat whose assignee is null.
    pub fn login(&self) -> &str {
        self.assignee
            .as_ref()
            .and_then(|a| a.login.as_deref())
            .unwrap_or("")
    }

    /// The assigning team's label, if team-granted.
    pub fn team(&self) -> Option<&str> {
        self.assigning_team.as_ref().and_then(Team::label)
    }
}

/// GitHub's error body: `{"message": "...", "documentation_url": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
pub struct ErrorBody {
    /// What GitHub says went wrong.
    #[serde(default)]
    pub message: Option<String>,
    /// Where GitHub documents it.
    #[serde(default)]
    pub documentation_url: Option<String>,
}

/// `DELETE /orgs/{org}/copilot/billing/selected_users` answer.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
pub struct SeatsCancelled {
    /// How many seats went to "pending cancellation".
    pub seats_cancelled: u64,
}

fn parse_utc(s: &str) -> Result<DateTime<Utc>, String> {
    crate::time::parse_rfc3339(s).ok_or_else(|| format!("timestamp {s:?} is not RFC 3339"))
}

fn utc<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
    let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
    parse_utc(&s).map_err(serde::de::Error::custom)
}

fn utc_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
    match Option::<std::borrow::Cow<'de, str>>::deserialize(d)? {
        None => Ok(None),
        Some(s) if s.is_empty() => Ok(None),
        Some(s) => parse_utc(&s).map(Some).map_err(serde::de::Error::custom),
    }
}

/// `YYYY-MM-DD`; a full timestamp is accepted too and reduced to its UTC date.
fn date_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    match Option::<std::borrow::Cow<'de, str>>::deserialize(d)? {
        None => Ok(None),
        Some(s) if s.is_empty() => Ok(None),
        Some(s) => crate::time::parse_ymd(&s)
            .ok_or(())
            .or_else(|_| parse_utc(&s).map(|t| t.date_naive()))
            .map(Some)
            .map_err(|_| serde::de::Error::custom(format!("date {s:?} is not YYYY-MM-DD"))),
    }
}

/// Decodes a seats page; the error names what was wrong.
pub fn decode_seats_page(body: &str) -> Result<SeatsPage, serde_json::Error> {
    serde_json::from_str(body)
}

/// Decodes a billing object.
pub fn decode_billing(body: &str) -> Result<Billing, serde_json::Error> {
    serde_json::from_str(body)
}

/// Decodes one seat (`GET /orgs/{org}/members/{login}/copilot`).
pub fn decode_seat(body: &str) -> Result<Seat, serde_json::Error> {
    serde_json::from_str(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    const SEATS: &str = include_str!("../../fixtures/github-api/org-copilot-billing-seats.json");
    const ENTERPRISE: &str =
        include_str!("../../fixtures/github-api/enterprise-copilot-billing-seats.json");
    const BILLING: &str = include_str!("../../fixtures/github-api/org-copilot-billing.json");
    const MEMBER: &str = include_str!("../../fixtures/github-api/org-member-copilot.json");
    const CANCELLED: &str =
        include_str!("../../fixtures/github-api/org-selected-users-delete-200.json");

    #[test]
    fn official_billing_example_decodes_value_for_value() {
        let b = decode_billing(BILLING).unwrap();
        assert_eq!(
            b.seat_breakdown,
            SeatBreakdown {
                total: Some(12),
                added_this_cycle: Some(9),
                pending_invitation: Some(0),
                pending_cancellation: Some(0),
                active_this_cycle: Some(12),
                inactive_this_cycle: Some(11),
            }
        );
        assert_eq!(
            b.seat_management_setting.as_deref(),
            Some("assign_selected")
        );
        assert_eq!(b.ide_chat.as_deref(), Some("enabled"));
        assert_eq!(b.platform_chat.as_deref(), Some("enabled"));
        assert_eq!(b.cli.as_deref(), Some("enabled"));
        assert_eq!(b.public_code_suggestions.as_deref(), Some("block"));
        assert_eq!(b.plan_type.as_deref(), Some("business"));
    }

    #[test]
    fn official_seats_example_keeps_both_seats_with_the_same_assignee_id() {
        for body in [SEATS, ENTERPRISE] {
            let page = decode_seats_page(body).unwrap();
            assert_eq!(page.total_seats, Some(2));
            assert_eq!(page.seats.len(), 2);
            let a = &page.seats[0];
            assert_eq!(a.login(), "octocat");
            assert_eq!(a.assignee.as_ref().unwrap().id, Some(1));
            assert_eq!(page.seats[1].assignee.as_ref().unwrap().id, Some(1));
            // -06:00 normalised to UTC.
            assert_eq!(
                a.created_at,
                Utc.with_ymd_and_hms(2021, 8, 4, 0, 0, 0).unwrap()
            );
            assert_eq!(
                a.last_activity_at,
                Some(Utc.with_ymd_and_hms(2021, 10, 14, 6, 53, 32).unwrap())
            );
            assert_eq!(
                a.last_activity_editor.as_deref(),
                Some("vscode/1.77.3/copilot/1.86.82")
            );
            assert_eq!(a.plan_type.as_deref(), Some("business"));
            assert_eq!(a.team(), Some("Justice League"));
            assert_eq!(a.pending_cancellation_date, None);
            let b = &page.seats[1];
            assert_eq!(
                b.pending_cancellation_date,
                NaiveDate::from_ymd_opt(2021, 11, 1)
            );
            assert_eq!(b.plan_type, None);
            assert_eq!(b.assigning_team, None);
        }
    }

    #[test]
    fn official_member_example_decodes() {
        let s = decode_seat(MEMBER).unwrap();
        assert_eq!(s.login(), "octocat");
        assert_eq!(
            s.assignee.as_ref().unwrap().avatar_url.as_deref(),
            Some("https://github.com/images/error/octocat_happy.gif")
        );
        assert_eq!(
            s.assigning_team.as_ref().unwrap().slug.as_deref(),
            Some("justice-league")
        );
        assert_eq!(
            s.last_authenticated_at,
            Some(Utc.with_ymd_and_hms(2021, 10, 14, 6, 53, 32).unwrap())
        );
    }

    #[test]
    fn official_cancel_example_decodes() {
        let c: SeatsCancelled = serde_json::from_str(CANCELLED).unwrap();
        assert_eq!(c.seats_cancelled, 5);
    }

    #[test]
    fn nulls_absent_fields_and_unknown_fields_are_accepted() {
        let page = decode_seats_page(
            r#"{"seats":[{"created_at":"2024-01-01T00:00:00Z","assignee":null,
                "last_activity_at":null,"future":{"x":[1,2]},"assigning_team":{"name":"=1+1"}}]}"#,
        )
        .unwrap();
        assert_eq!(page.total_seats, None);
        let s = &page.seats[0];
        assert_eq!(s.login(), "");
        assert_eq!(s.last_activity_at, None);
        assert_eq!(s.team(), Some("=1+1"));
    }

    #[test]
    fn what_github_never_sends_is_rejected_with_a_reason() {
        let missing = decode_seats_page(r#"{"seats":[{"assignee":null}]}"#).unwrap_err();
        assert!(missing.to_string().contains("created_at"), "{missing}");
        let bad_time = decode_seats_page(r#"{"seats":[{"created_at":"yesterday"}]}"#).unwrap_err();
        assert!(bad_time.to_string().contains("RFC 3339"), "{bad_time}");
        assert!(decode_seats_page(r#"{"total_seats": 3, "seats": [{"created_at""#).is_err());
        assert!(decode_seats_page("[]").is_err());
        assert!(decode_billing("null").is_err());
    }
}
