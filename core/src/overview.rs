//! The overview's figures: GitHub's billing numbers, the estimated cost, and what the seat list
//! says about use.

use chrono::{DateTime, Utc};

use crate::filter::Filter;
use crate::models::{Billing, Seat};
use crate::money::{group_thousands, Cents};
use crate::plan::PlanType;

pub use crate::plan::{BUSINESS_PRICE, ENTERPRISE_PRICE};

/// The list price for a `plan_type` (Business when unknown).
pub fn default_price(plan_type: Option<&str>) -> Cents {
    PlanType::parse(plan_type).map_or(BUSINESS_PRICE, |p| p.list_price())
}

/// The monthly price of one seat: the user's price when they set one, else the plan's list
/// price.
pub fn seat_price(user: Option<Cents>, plan_type: Option<&str>) -> Cents {
    user.unwrap_or_else(|| default_price(plan_type))
}

/// "Copilot Business", "Copilot Enterprise", the raw value, or "Unknown".
pub fn plan_label(plan_type: Option<&str>) -> String {
    PlanType::parse(plan_type).map_or_else(|| "Unknown".into(), |p| p.label())
}

/// Estimated monthly cost: billed seats × price per seat. An estimate: GitHub prorates added seats
/// and does not publish its own formula.
pub fn estimated_monthly_cost(billing: &Billing, price_per_seat: Cents) -> Option<Cents> {
    let total = billing.seat_breakdown.total?;
    (price_per_seat >= Cents::ZERO).then_some(price_per_seat * total)
}

/// "1,234".
pub fn format_count(n: u64) -> String {
    group_thousands(n)
}

/// `n` seats, with thousands separated ("1 seat", "1,200 seats").
pub fn seats(n: u64) -> String {
    if n == 1 {
        "1 seat".to_string()
    } else {
        format!("{} seats", format_count(n))
    }
}

/// Counts derived from the seat list, each one a [`Filter`] of the access list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UsageFigures {
    /// Seats listed.
    pub seats: usize,
    /// No activity in 30 / 60 / 90 days.
    pub idle_30: usize,
    /// See `idle_30`.
    pub idle_60: usize,
    /// See `idle_30`.
    pub idle_90: usize,
    /// Never authenticated.
    pub never_authenticated: usize,
    /// Pending cancellation.
    pub pending_cancellation: usize,
}

impl UsageFigures {
    /// Counts over `seats` at `now`, with the same rules as the filters they link to.
    pub fn from_seats(seats: &[Seat], now: DateTime<Utc>) -> Self {
        let count = |f: Filter| seats.iter().filter(|s| f.matches(s, now)).count();
        Self {
            seats: seats.len(),
            idle_30: count(Filter::IdleDays(30)),
            idle_60: count(Filter::IdleDays(60)),
            idle_90: count(Filter::IdleDays(90)),
            never_authenticated: count(Filter::NeverAuthenticated),
            pending_cancellation: count(Filter::PendingCancellation),
        }
    }
}

/// A billing setting value for people: "enabled" → "Enabled", missing → "Not set".
pub fn setting_label(value: Option<&str>) -> String {
    match value {
        None | Some("") => "Not set".into(),
        Some("assign_all") => "All members".into(),
        Some("assign_selected") => "Selected members and teams".into(),
        Some("unconfigured") => "Not configured".into(),
        Some(v) => {
            let v: String = v
                .chars()
                .take(40)
                .map(|c| if c == '_' { ' ' } else { c })
                .collect();
            // GitHub's settings are ASCII words; an ASCII capital keeps Unicode's case
            // tables (6.8 KB gzip) out of the download.
            let mut chars = v.chars();
            chars.next().map_or_else(String::new, |f| {
                std::iter::once(f.to_ascii_uppercase())
                    .chain(chars)
                    .collect()
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_example_costs_228_dollars() {
        let b = crate::models::decode_billing(include_str!(
            "../../fixtures/github-api/org-copilot-billing.json"
        ))
        .unwrap();
        let price = default_price(b.plan_type.as_deref());
        assert_eq!(price, Cents(1900));
        assert_eq!(
            estimated_monthly_cost(&b, price).unwrap().to_string(),
            "$228"
        );
        assert_eq!(plan_label(b.plan_type.as_deref()), "Copilot Business");
    }

    #[test]
    fn enterprise_price_and_edits() {
        assert_eq!(default_price(Some("enterprise")), Cents(3900));
        let mut b = Billing::default();
        assert_eq!(estimated_monthly_cost(&b, BUSINESS_PRICE), None);
        b.seat_breakdown.total = Some(1234);
        let cost =
            |p: &str| estimated_monthly_cost(&b, Cents::parse(p).unwrap()).map(|c| c.to_string());
        assert_eq!(cost("39").as_deref(), Some("$48,126"));
        assert_eq!(cost("10.5").as_deref(), Some("$12,957"));
        assert_eq!(cost("19.99").as_deref(), Some("$24,667.66"));
        assert_eq!(cost("-1"), None);
        assert_eq!(format_count(100000), "100,000");
    }

    #[test]
    fn settings_read_as_words() {
        assert_eq!(setting_label(Some("enabled")), "Enabled");
        assert_eq!(
            setting_label(Some("assign_selected")),
            "Selected members and teams"
        );
        assert_eq!(setting_label(None), "Not set");
    }
}
