//! What Copilot really costs since AI credits (2026-06-01): the bill from GitHub's billing
//! usage API beside the seat estimate.
//!
//! Each Business seat adds 1,900 AI credits a month to a pool the organization shares
//! (Enterprise: 3,900); credits beyond the pool are billed at $0.01 each. Amounts arrive as JSON
//! numbers and become [`Cents`] once, at decode time; every sum after that is in integers.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Deserializer};

use crate::error::ApiError;
use crate::money::{group_thousands, Cents};

/// AI credits a Copilot Business seat adds to the pool each month.
pub const BUSINESS_POOL_CREDITS: u64 = 1_900;
/// AI credits a Copilot Enterprise seat adds to the pool each month.
pub const ENTERPRISE_POOL_CREDITS: u64 = 3_900;
/// What one AI credit costs beyond the pool.
pub const CREDIT_PRICE: Cents = Cents(1);

/// The pool a seat of `plan_type` adds (Business when unknown).
pub fn pool_per_seat(plan_type: Option<&str>) -> u64 {
    match plan_type {
        Some(p) if p.eq_ignore_ascii_case("enterprise") => ENTERPRISE_POOL_CREDITS,
        _ => BUSINESS_POOL_CREDITS,
    }
}

fn cents<'de, D: Deserializer<'de>>(d: D) -> Result<Cents, D::Error> {
    let v = Option::<f64>::deserialize(d)?;
    Ok(v.and_then(Cents::from_f64).unwrap_or_default())
}

fn quantity<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    let v = Option::<f64>::deserialize(d)?;
    Ok(v.filter(|q| q.is_finite() && *q >= 0.0).unwrap_or(0.0))
}

/// One usage line of any of GitHub's billing usage reports (summary, usage, AI credits,
/// premium requests), decoded leniently: the summary says `grossQuantity`, the usage report
/// `quantity`; both are read.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UsageLine {
    /// `copilot`, `Copilot`, `actions`, ...
    #[serde(default)]
    pub product: String,
    /// `copilot_for_business`, `copilot_ai_credits`, ...
    #[serde(default)]
    pub sku: String,
    /// The model, on AI credit and premium request lines.
    #[serde(default)]
    pub model: Option<String>,
    /// `credits`, `requests`, ...
    #[serde(default)]
    pub unit_type: String,
    /// Units used before discounts (`grossQuantity`).
    #[serde(default, deserialize_with = "quantity")]
    pub gross_quantity: f64,
    /// Units used (the usage report's `quantity`).
    #[serde(default, deserialize_with = "quantity")]
    pub quantity: f64,
    /// Before discounts.
    #[serde(default, deserialize_with = "cents")]
    pub gross_amount: Cents,
    /// Discounts (the included pool shows up here).
    #[serde(default, deserialize_with = "cents")]
    pub discount_amount: Cents,
    /// What is billed.
    #[serde(default, deserialize_with = "cents")]
    pub net_amount: Cents,
}

impl UsageLine {
    /// Units used, whichever report this line came from.
    pub fn units(&self) -> f64 {
        self.gross_quantity.max(self.quantity)
    }

    /// Whether this is a Copilot line.
    pub fn is_copilot(&self) -> bool {
        self.product.eq_ignore_ascii_case("copilot")
    }

    /// What the line bills for.
    pub fn kind(&self) -> LineKind {
        let sku = self.sku.to_ascii_lowercase();
        let unit = self.unit_type.to_ascii_lowercase();
        if sku.contains("credit") || unit.contains("credit") {
            LineKind::AiCredits
        } else if sku.contains("premium") || unit.contains("request") {
            LineKind::PremiumRequests
        } else {
            LineKind::Seats
        }
    }
}

/// What a Copilot usage line bills for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// `copilot_for_business`, `copilot_enterprise`: the seats.
    Seats,
    /// `copilot_ai_credits`: usage measured in AI credits.
    AiCredits,
    /// Premium requests (the pre-credit unit; still reported per user).
    PremiumRequests,
}

/// A billing usage report: its lines.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UsageReport {
    /// Every line.
    #[serde(default)]
    pub usage_items: Vec<UsageLine>,
}

/// Decodes any of the billing usage reports.
pub fn decode_usage(body: &str) -> Result<UsageReport, serde_json::Error> {
    serde_json::from_str(body)
}

/// The Copilot bill of this month so far, and where it is heading.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Spend {
    /// Net amount of every Copilot line ("Billed so far").
    pub billed: Cents,
    /// Of which seats.
    pub billed_seats: Cents,
    /// Of which AI credits (beyond the pool; the pool is a discount).
    pub billed_credits: Cents,
    /// Of which anything else (premium requests).
    pub billed_other: Cents,
    /// AI credits used this month.
    pub credits_used: u64,
    /// The pool: seats × credits per seat.
    pub included_credits: u64,
    /// Credits used by month end at this month's pace.
    pub projected_credits: u64,
    /// What credits beyond the pool will cost this month at this pace.
    pub projected_overage: Cents,
}

/// Elapsed and total days of `now`'s month, as fractions of a day. At least one day has
/// elapsed, so a projection on the 1st at 00:05 is not a wild multiple of a few minutes.
pub fn month_progress(now: DateTime<Utc>) -> (f64, f64) {
    let start = NaiveDate::from_ymd_opt(now.year(), now.month(), 1).unwrap_or_default();
    let next = crate::time::first_of_next_month(start);
    let days = (next - start).num_days().max(1) as f64;
    let start = start.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    let elapsed = ((now - start).num_seconds() as f64 / 86_400.0).clamp(1.0, days);
    (elapsed, days)
}

/// The overage cost of `credits` against a pool of `pool` credits.
pub fn overage(credits: u64, pool: u64) -> Cents {
    CREDIT_PRICE.times(credits.saturating_sub(pool))
}

/// Adds up a month's Copilot lines against a pool of `seats` × [`pool_per_seat`] credits, and
/// projects the credits to month end linearly: used × days in month ÷ days elapsed.
pub fn spend(
    lines: &[UsageLine],
    seats: u64,
    plan_type: Option<&str>,
    now: DateTime<Utc>,
) -> Spend {
    let mut s = Spend {
        included_credits: seats.saturating_mul(pool_per_seat(plan_type)),
        ..Spend::default()
    };
    let mut credits = 0.0;
    for line in lines.iter().filter(|l| l.is_copilot()) {
        s.billed += line.net_amount;
        match line.kind() {
            LineKind::Seats => s.billed_seats += line.net_amount,
            LineKind::AiCredits => {
                s.billed_credits += line.net_amount;
                credits += line.units();
            }
            LineKind::PremiumRequests => s.billed_other += line.net_amount,
        }
    }
    s.credits_used = credits.round() as u64;
    let (elapsed, days) = month_progress(now);
    s.projected_credits = (credits * days / elapsed).round() as u64;
    s.projected_overage = overage(s.projected_credits, s.included_credits);
    s
}

/// What removing seats does to the pool, at this month's pace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PoolEffect {
    /// Credits the pool loses.
    pub credits_removed: u64,
    /// Projected overage before.
    pub overage_before: Cents,
    /// Projected overage after.
    pub overage_after: Cents,
    /// Seat money saved a month.
    pub seat_saving: Cents,
    /// Seat saving minus the extra overage (can be negative).
    pub net_saving: Cents,
}

impl PoolEffect {
    /// What removing the seats does to the AI credit pool, in a sentence; `None` when they add
    /// no credits to it.
    pub fn note(&self) -> Option<String> {
        if self.credits_removed == 0 {
            return None;
        }
        let extra = self.overage_after - self.overage_before;
        Some(if extra > Cents::ZERO {
            format!(
                "Removing them shrinks the shared AI credit pool by {} credits. At this month's pace that {} overage: {} more a month, so the net saving is {} a month (not {}).",
                group_thousands(self.credits_removed),
                if self.overage_before > Cents::ZERO { "raises the" } else { "creates an" },
                extra,
                self.net_saving,
                self.seat_saving
            )
        } else {
            format!(
                "Removing them shrinks the shared AI credit pool by {} credits; at this month's pace the rest stay within it, so the saving is the full {} a month.",
                group_thousands(self.credits_removed),
                self.seat_saving
            )
        })
    }
}

/// Removing `seats` seats at `price` each from the pool of `spend`, at this month's pace.
pub fn pool_effect(spend: &Spend, seats: u64, plan_type: Option<&str>, price: Cents) -> PoolEffect {
    let credits_removed = seats.saturating_mul(pool_per_seat(plan_type));
    let pool_after = spend.included_credits.saturating_sub(credits_removed);
    let overage_after = overage(spend.projected_credits, pool_after);
    let seat_saving = price.times(seats);
    PoolEffect {
        credits_removed,
        overage_before: spend.projected_overage,
        overage_after,
        seat_saving,
        net_saving: seat_saving - (overage_after - spend.projected_overage),
    }
}

/// A person's usage in an enterprise: it lives in each organization's billing reports.
pub const USAGE_IN_ORGANIZATIONS: &str = "Usage per person is read from each organization's billing reports: open this person's seat in one of their organizations to see it.";

/// A person's usage in the demo.
pub const DEMO_HAS_NO_USAGE: &str =
    "Usage is read from GitHub's billing reports; the demo has none per person.";

/// "1,900 credits".
pub fn credits(n: u64) -> String {
    format!("{} credits", group_thousands(n))
}

/// Where the month's AI credits are heading at this pace, and what that bills on top of the
/// seats.
pub fn pace(s: &Spend) -> String {
    if s.projected_credits > s.included_credits {
        format!(
            "At this month's pace {} will be used: {} over the pool, about {} billed on top of the seats.",
            credits(s.projected_credits),
            credits(s.projected_credits - s.included_credits),
            s.projected_overage
        )
    } else {
        format!(
            "At this month's pace {} will be used: within the pool, nothing billed for AI credits.",
            credits(s.projected_credits)
        )
    }
}

/// Why a report file comes without the bill.
pub const FROM_REPORT_FILE: &str =
    "Opened from a file: GitHub's bill is read only when loading from GitHub with a token.";

/// Why GitHub could not tell what was billed, in one sentence with what would enable it.
pub fn unavailable_reason(error: &ApiError) -> String {
    match error {
        ApiError::NotFound { .. } => "GitHub has no usage report for this organization: it is not on GitHub's enhanced billing platform, where usage-based Copilot billing lives. The seat estimate above is all that can be shown.".into(),
        ApiError::MissingScope { .. } | ApiError::Forbidden { .. } => "GitHub did not show the bill to this token: billing usage needs an organization owner (or billing manager) and, for a fine-grained token, the organization permission “Administration” (read); a classic token needs the admin:org scope.".into(),
        ApiError::BadCredentials => "GitHub refused the token for the billing report (401).".into(),
        e if e.is_transient() => "GitHub's billing report is unavailable right now (it answered with a server error or did not answer); the seat figures are unaffected. Try again later.".into(),
        e => format!("GitHub's billing report could not be read: {e}"),
    }
}

/// Usage lines for a generated organization this month: seats billed pro rata so far, and AI
/// credits used at `pace` × the pool over the month (0.4 stays under it, 1.5 goes over), the pool
/// shown as a discount. Deterministic in its inputs: fakehub serves it and the demo shows it.
pub fn generated_lines(
    seats: u64,
    plan_type: &str,
    price: Cents,
    pace: f64,
    now: DateTime<Utc>,
) -> Vec<UsageLine> {
    let (elapsed, days) = month_progress(now);
    let fraction = elapsed / days;
    let seat_amount = Cents((price.times(seats).0 as f64 * fraction).round() as i64);
    let pool = seats * pool_per_seat(Some(plan_type));
    let used = (pool as f64 * pace * fraction).round() as u64;
    let gross = CREDIT_PRICE.times(used);
    let discount = CREDIT_PRICE.times(used.min(pool));
    let seat_sku = if plan_type == "enterprise" {
        "copilot_enterprise"
    } else {
        "copilot_for_business"
    };
    vec![
        UsageLine {
            product: "copilot".into(),
            sku: seat_sku.into(),
            unit_type: "user-months".into(),
            gross_quantity: seats as f64,
            gross_amount: seat_amount,
            net_amount: seat_amount,
            ..UsageLine::default()
        },
        UsageLine {
            product: "copilot".into(),
            sku: "copilot_ai_credits".into(),
            unit_type: "credits".into(),
            gross_quantity: used as f64,
            gross_amount: gross,
            discount_amount: discount,
            net_amount: gross - discount,
            ..UsageLine::default()
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_pace_says_whether_credits_are_billed_on_top() {
        let over = Spend {
            projected_credits: 2_400,
            included_credits: 1_900,
            projected_overage: Cents(2_000),
            ..Spend::default()
        };
        assert_eq!(
            pace(&over),
            "At this month's pace 2,400 credits will be used: 500 credits over the pool, about $20 billed on top of the seats."
        );
        let within = Spend {
            projected_credits: 1_000,
            included_credits: 1_900,
            ..Spend::default()
        };
        assert!(pace(&within).ends_with("within the pool, nothing billed for AI credits."));
    }

    fn line(sku: &str, units: f64, net: i64) -> UsageLine {
        UsageLine {
            product: "copilot".into(),
            sku: sku.into(),
            gross_quantity: units,
            net_amount: Cents(net),
            ..UsageLine::default()
        }
    }

    #[test]
    fn decodes_githubs_example_shapes() {
        let summary = r#"{"timePeriod":{"year":2025},"organization":"GitHub","usageItems":[{"product":"Copilot","sku":"Copilot AI Credits","model":"GPT-5","unitType":"credits","pricePerUnit":0.01,"grossQuantity":100,"grossAmount":1.0,"discountQuantity":0,"discountAmount":0.0,"netQuantity":100,"netAmount":1.0}]}"#;
        let r = decode_usage(summary).unwrap();
        assert_eq!(r.usage_items[0].net_amount, Cents(100));
        assert_eq!(r.usage_items[0].kind(), LineKind::AiCredits);
        assert!(r.usage_items[0].is_copilot());
        let usage = r#"{"usageItems":[{"date":"2026-11-01","product":"copilot","sku":"copilot_for_business","quantity":3,"unitType":"user-months","pricePerUnit":19,"grossAmount":57.0,"discountAmount":0,"netAmount":57.0,"organizationName":"acme","repositoryName":null}]}"#;
        let r = decode_usage(usage).unwrap();
        assert_eq!(r.usage_items[0].units(), 3.0);
        assert_eq!(r.usage_items[0].kind(), LineKind::Seats);
        assert!(decode_usage("{}").unwrap().usage_items.is_empty());
    }

    #[test]
    fn an_org_under_its_pool_and_one_over_it_to_the_cent() {
        // The 15th of a 30-day month at 00:00: 14 days elapsed.
        let now = Utc.with_ymd_and_hms(2026, 11, 15, 0, 0, 0).unwrap();
        assert_eq!(month_progress(now), (14.0, 30.0));
        let lines = [
            line("copilot_for_business", 10.0, 8_867),
            line("copilot_ai_credits", 7_000.0, 0),
            UsageLine {
                product: "actions".into(),
                net_amount: Cents(999_999),
                ..UsageLine::default()
            },
        ];
        let s = spend(&lines, 10, Some("business"), now);
        assert_eq!(s.billed, Cents(8_867));
        assert_eq!((s.billed_seats, s.billed_credits), (Cents(8_867), Cents(0)));
        assert_eq!(s.included_credits, 19_000);
        assert_eq!(s.credits_used, 7_000);
        assert_eq!(s.projected_credits, 15_000); // 7,000 × 30 / 14
        assert_eq!(s.projected_overage, Cents(0));
        // Removing 3 seats leaves 13,300 credits: 1,700 over at this pace.
        let e = pool_effect(&s, 3, Some("business"), Cents(1_900));
        assert_eq!(e.credits_removed, 5_700);
        assert_eq!(e.overage_after, Cents(1_700));
        assert_eq!(e.net_saving, Cents(5_700 - 1_700));

        let over = [line("copilot_ai_credits", 28_000.0, 9_000)];
        let s = spend(&over, 10, Some("business"), now);
        assert_eq!(s.billed_credits, Cents(9_000));
        assert_eq!(s.projected_credits, 60_000);
        assert_eq!(s.projected_overage, Cents(41_000));
        let e = pool_effect(&s, 1, Some("enterprise"), Cents(3_900));
        assert_eq!(e.overage_after - e.overage_before, Cents(3_900));
        assert_eq!(e.net_saving, Cents(0));
    }

    #[test]
    fn day_one_and_month_ends_do_not_divide_by_zero() {
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 0, 5, 0).unwrap();
        assert_eq!(month_progress(now), (1.0, 31.0));
        let now = Utc.with_ymd_and_hms(2026, 2, 28, 23, 59, 59).unwrap();
        let (e, d) = month_progress(now);
        assert_eq!(d, 28.0);
        assert!(e <= 28.0 && e > 27.9);
        let s = spend(&[], 0, None, now);
        assert_eq!(s, Spend { ..Spend::default() });
    }

    #[test]
    fn generated_lines_are_consistent_with_the_pool() {
        let now = Utc.with_ymd_and_hms(2026, 11, 16, 0, 0, 0).unwrap();
        let under = generated_lines(100, "business", Cents(1_900), 0.4, now);
        let s = spend(&under, 100, Some("business"), now);
        assert_eq!(
            s.billed_credits,
            Cents(0),
            "under the pool nothing is billed for credits"
        );
        assert!(s.projected_credits < s.included_credits);
        let over = generated_lines(100, "business", Cents(1_900), 3.0, now);
        let s = spend(&over, 100, Some("business"), now);
        assert!(s.billed_credits > Cents(0));
        assert!(s.projected_overage > Cents(0));
    }

    #[test]
    fn each_failure_has_its_sentence() {
        let nf = unavailable_reason(&ApiError::NotFound { what: "x".into() });
        assert!(nf.contains("enhanced billing platform"), "{nf}");
        let fb = unavailable_reason(&ApiError::Forbidden {
            message: "x".into(),
        });
        assert!(fb.contains("Administration"), "{fb}");
        let sv = unavailable_reason(&ApiError::Server { status: 503 });
        assert!(sv.contains("unavailable"), "{sv}");
    }
}
