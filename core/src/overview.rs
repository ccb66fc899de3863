//! The overview's figures: GitHub's billing numbers, the estimated cost, and what the seat list
//! says about use.

use chrono::{DateTime, Utc};

use crate::models::{Billing, Seat};
use crate::table::Filter;

/// Copilot Business list price, USD per seat per month.
pub const BUSINESS_PRICE: f64 = 19.0;
/// Copilot Enterprise list price, USD per seat per month.
pub const ENTERPRISE_PRICE: f64 = 39.0;

/// The list price for a billing `plan_type` (Business when unknown).
pub fn default_price(plan_type: Option<&str>) -> f64 {
    match plan_type {
        Some(p) if p.eq_ignore_ascii_case("enterprise") => ENTERPRISE_PRICE,
        _ => BUSINESS_PRICE,
    }
}

/// "Copilot Business", "Copilot Enterprise", or the raw value.
pub fn plan_label(plan_type: Option<&str>) -> String {
    match plan_type {
        Some(p) if p.eq_ignore_ascii_case("business") => "Copilot Business".into(),
        Some(p) if p.eq_ignore_ascii_case("enterprise") => "Copilot Enterprise".into(),
        Some(p) if !p.is_empty() => p.chars().take(40).collect(),
        _ => "Unknown".into(),
    }
}

/// Estimated monthly cost: billed seats × price per seat. An estimate: GitHub prorates added seats
/// and does not publish its own formula.
pub fn estimated_monthly_cost(billing: &Billing, price_per_seat: f64) -> Option<f64> {
    let total = billing.seat_breakdown.total?;
    (price_per_seat.is_finite() && price_per_seat >= 0.0).then_some(total as f64 * price_per_seat)
}

/// "$228", "$1,234.50": whole dollars without cents.
pub fn format_usd(amount: f64) -> String {
    let cents = (amount * 100.0).round() as i64;
    let (whole, frac) = (cents / 100, cents % 100);
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if frac == 0 {
        format!("${grouped}")
    } else {
        format!("${grouped}.{frac:02}")
    }
}

/// "1,234".
pub fn format_count(n: u64) -> String {
    format_usd(n as f64).trim_start_matches('$').to_string()
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
            let mut chars = v.chars();
            chars
                .next()
                .map_or_else(String::new, |f| f.to_uppercase().chain(chars).collect())
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
        assert_eq!(price, 19.0);
        assert_eq!(
            format_usd(estimated_monthly_cost(&b, price).unwrap()),
            "$228"
        );
        assert_eq!(plan_label(b.plan_type.as_deref()), "Copilot Business");
    }

    #[test]
    fn enterprise_price_and_edits() {
        assert_eq!(default_price(Some("enterprise")), 39.0);
        let mut b = Billing::default();
        assert_eq!(estimated_monthly_cost(&b, 19.0), None);
        b.seat_breakdown.total = Some(1234);
        assert_eq!(
            format_usd(estimated_monthly_cost(&b, 39.0).unwrap()),
            "$48,126"
        );
        assert_eq!(
            format_usd(estimated_monthly_cost(&b, 10.5).unwrap()),
            "$12,957"
        );
        assert_eq!(format_usd(1234.5), "$1,234.50");
        assert_eq!(estimated_monthly_cost(&b, f64::NAN), None);
        assert_eq!(estimated_monthly_cost(&b, -1.0), None);
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
