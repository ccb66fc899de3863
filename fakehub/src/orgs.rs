//! The organizations fakehub knows: each name stages one situation.

use chrono::{DateTime, Utc};
use seat_core::generate::{self, OrgSpec, Plan};

/// Largest `big-N`.
pub const MAX_BIG: usize = 2_000_000;
/// Seats of each fault scenario: 3 pages at `per_page=100`.
pub const FAULT_SEATS: usize = 250;

/// What goes wrong in an organization (on the seats endpoint, page 2 and later, unless said).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    None,
    /// Pages ≥ 2: a primary rate limit, one window per organization from its first request for
    /// a page ≥ 2, lifting 4 s later.
    RateLimited,
    /// First request of each page ≥ 2: secondary rate limit, 429 with `retry-after: 1`.
    SecondaryLimited,
    /// First two requests of page 2: 502.
    Flaky,
    /// Page 2: 200 with half of its JSON.
    Truncated,
    /// Every organization endpoint: 404.
    Missing,
    /// Billing, seats, member and writes: 422 (billing problem); the member and team lists answer.
    BillingProblem,
    /// Every request: 3 s more.
    Slow,
    /// Page 2: no answer within 60 s.
    Timeout,
    /// Page 2: connection closed mid-body.
    Dropped,
    /// Page 1: `Link` points to another host.
    ForeignLink,
    /// Page 2: page 1's seats again.
    Repeat,
    /// Page 2: always 502.
    Persistent502,
}

/// Where an organization's data comes from.
#[derive(Debug, Clone)]
pub enum Data {
    /// GitHub's official examples, served byte for byte.
    Examples,
    /// Generated seats.
    Generated(OrgSpec),
}

/// A known organization.
#[derive(Debug, Clone)]
pub struct Org {
    /// Lowercased name (GitHub logins are case-insensitive).
    pub key: String,
    pub data: Data,
    pub fault: Fault,
    /// `seat_management_setting` of its billing.
    pub seat_management: &'static str,
}

/// Finds an organization by name, case-insensitively.
pub fn resolve(name: &str, now: DateTime<Utc>) -> Option<Org> {
    let key = name.to_ascii_lowercase();
    let generated =
        |seats: usize, plan: Plan| Data::Generated(OrgSpec::named(&key, seats, plan, now));
    let fault = |f: Fault| (generated(FAULT_SEATS, Plan::Business), f);
    let (data, fault) = match key.as_str() {
        "octo-examples" => (Data::Examples, Fault::None),
        "acme" => (Data::Generated(generate::realistic(now)), Fault::None),
        // Billing usage: over its AI credit pool; not on the enhanced billing platform.
        "overspend" => (generated(300, Plan::Business), Fault::None),
        "legacy-billing" => (generated(FAULT_SEATS, Plan::Business), Fault::None),
        "empty" => (generated(0, Plan::Business), Fault::None),
        "enterprise-co" => (generated(250, Plan::Enterprise), Fault::None),
        "assign-all" => (generated(FAULT_SEATS, Plan::Business), Fault::None),
        "unconfigured" => (generated(FAULT_SEATS, Plan::Business), Fault::None),
        "rate-limited" => fault(Fault::RateLimited),
        "secondary-limited" => fault(Fault::SecondaryLimited),
        "flaky" => fault(Fault::Flaky),
        "truncated" => fault(Fault::Truncated),
        "missing" => fault(Fault::Missing),
        "billing-problem" => fault(Fault::BillingProblem),
        "slow" => fault(Fault::Slow),
        "timeout" => fault(Fault::Timeout),
        "dropped" => fault(Fault::Dropped),
        "foreign-link" => fault(Fault::ForeignLink),
        "repeat" => fault(Fault::Repeat),
        "persistent-502" => fault(Fault::Persistent502),
        other => {
            let n = other.strip_prefix("big-")?;
            // Canonical numbers only, so each size has one name.
            let seats: usize = n.parse().ok().filter(|s: &usize| s.to_string() == n)?;
            if seats > MAX_BIG {
                return None;
            }
            (generated(seats, Plan::Business), Fault::None)
        }
    };
    let seat_management = match key.as_str() {
        "assign-all" => "assign_all",
        "unconfigured" => "unconfigured",
        _ => "assign_selected",
    };
    Some(Org {
        key,
        data,
        fault,
        seat_management,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_resolve_case_insensitively_and_big_is_bounded() {
        let now = Utc::now();
        assert!(matches!(
            resolve("Octo-Examples", now).unwrap().data,
            Data::Examples
        ));
        let Data::Generated(spec) = resolve("ACME", now).unwrap().data else {
            panic!()
        };
        assert_eq!(spec, generate::realistic(now));
        let Data::Generated(spec) = resolve("big-100000", now).unwrap().data else {
            panic!()
        };
        assert_eq!(spec.seats, 100_000);
        assert!(resolve("big-2000000", now).is_some());
        assert!(resolve("big-2000001", now).is_none());
        assert!(resolve("big-010", now).is_none());
        assert!(resolve("big-", now).is_none());
        assert!(resolve("nobody", now).is_none());
        assert_eq!(resolve("flaky", now).unwrap().fault, Fault::Flaky);
        assert_eq!(
            resolve("assign-all", now).unwrap().seat_management,
            "assign_all"
        );
        assert_eq!(
            resolve("unconfigured", now).unwrap().seat_management,
            "unconfigured"
        );
        let Data::Generated(spec) = resolve("enterprise-co", now).unwrap().data else {
            panic!()
        };
        assert_eq!((spec.seats, spec.plan), (250, Plan::Enterprise));
    }
}
