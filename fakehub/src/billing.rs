//! GitHub's billing usage API for Copilot (since 2026-06-01): the usage summary, the usage
//! report, and per-user AI credit and premium request reports, with amounts consistent with each
//! organization's seats. `acme` stays under its AI credit pool, `overspend` goes over it,
//! `legacy-billing` is not on the enhanced billing platform (404, while its seats load).

use axum::http::StatusCode;
use axum::response::Response;
use chrono::{DateTime, Datelike, Utc};
use serde_json::{json, Value};

use seat_core::generate::{self, OrgSpec};
use seat_core::money::Cents;
use seat_core::spend::{self, UsageLine};

use crate::github::Ctx;
use crate::orgs::{Data, Org};

pub const DOCS_USAGE: &str = "https://docs.github.com/rest/billing/usage";

/// Which report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Report {
    /// `GET /organizations/{org}/settings/billing/usage/summary`
    Summary,
    /// `GET /organizations/{org}/settings/billing/usage`
    Usage,
    /// `GET /organizations/{org}/settings/billing/ai_credit/usage`
    AiCredit,
    /// `GET /organizations/{org}/settings/billing/premium_request/usage`
    PremiumRequest,
}

/// AI credits used over a whole month, as a multiple of the pool.
fn pace(org: &Org) -> f64 {
    if org.key == "overspend" {
        3.0
    } else {
        0.4
    }
}

fn cents(c: Cents) -> Value {
    json!(c.0 as f64 / 100.0)
}

pub(crate) fn query_value<'a>(query: &'a str, name: &str) -> Option<&'a str> {
    query
        .split('&')
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// What the bill is made from: the organization's name, seats and plan.
struct Billed<'a> {
    name: &'a str,
    seats: u64,
    plan: &'static str,
    spec: Option<&'a OrgSpec>,
}

/// The organization's Copilot lines of `now`'s month.
fn lines(b: &Billed, org: &Org, now: DateTime<Utc>) -> Vec<UsageLine> {
    let price = seat_core::overview::default_price(Some(b.plan));
    spend::generated_lines(b.seats, b.plan, price, pace(org), now)
}

fn summary_item(l: &UsageLine, price_per_unit: f64) -> Value {
    json!({
        "product": l.product, "sku": l.sku, "unitType": l.unit_type,
        "pricePerUnit": price_per_unit,
        "grossQuantity": l.gross_quantity, "grossAmount": cents(l.gross_amount),
        "discountQuantity": 0, "discountAmount": cents(l.discount_amount),
        "netQuantity": l.gross_quantity, "netAmount": cents(l.net_amount),
    })
}

/// Answers one billing usage report for `org` (whose seats are generated).
pub fn answer(ctx: &Ctx, org: &Org, report: &Report, query: &str, now: DateTime<Utc>) -> Response {
    if org.key == "legacy-billing" {
        return ctx.error_with_docs(StatusCode::NOT_FOUND, "Not Found", DOCS_USAGE);
    }
    let b = match &org.data {
        Data::Generated(spec) => Billed {
            name: &spec.name,
            seats: spec.seats as u64,
            plan: spec.plan.as_str(),
            spec: Some(spec),
        },
        // GitHub's example organization: its billing example's 12 seats of Business.
        Data::Examples => Billed {
            name: "octo-examples",
            seats: 12,
            plan: "business",
            spec: None,
        },
    };
    let year = query_value(query, "year")
        .and_then(|y| y.parse().ok())
        .unwrap_or(now.year());
    let month = query_value(query, "month")
        .and_then(|m| m.parse().ok())
        .unwrap_or(now.month());
    // Only this month has usage in fakehub; earlier months are empty, later ones too.
    let current = year == now.year() && month == now.month();
    let period = json!({ "year": year, "month": month });
    let body = match report {
        Report::Summary => {
            let items: Vec<Value> = if current {
                lines(&b, org, now)
                    .iter()
                    .map(|l| summary_item(l, if l.sku.contains("credit") { 0.01 } else { 19.0 }))
                    .collect()
            } else {
                vec![]
            };
            json!({ "timePeriod": period, "organization": b.name, "product": "copilot", "usageItems": items })
        }
        Report::Usage => {
            let date = format!("{year:04}-{month:02}-01T00:00:00Z");
            let mut items: Vec<Value> = if current {
                lines(&b, org, now)
                    .iter()
                    .map(|l| {
                        json!({
                            "date": date, "product": l.product, "sku": l.sku,
                            "quantity": l.gross_quantity, "unitType": l.unit_type,
                            "pricePerUnit": if l.sku.contains("credit") { 0.01 } else { 19.0 },
                            "grossAmount": cents(l.gross_amount), "discountAmount": cents(l.discount_amount),
                            "netAmount": cents(l.net_amount), "organizationName": b.name,
                        })
                    })
                    .collect()
            } else {
                vec![]
            };
            // The usage report lists every product; the app keeps the Copilot lines.
            items.push(json!({
                "date": date, "product": "actions", "sku": "actions_linux", "quantity": 1000,
                "unitType": "minutes", "pricePerUnit": 0.008, "grossAmount": 8.0,
                "discountAmount": 8.0, "netAmount": 0.0, "organizationName": b.name,
            }));
            json!({ "usageItems": items })
        }
        Report::AiCredit | Report::PremiumRequest => {
            let user = query_value(query, "user")
                .unwrap_or_default()
                .to_ascii_lowercase();
            let known = match b.spec {
                Some(spec) => generate::index_of_login(spec, &user).is_some(),
                None => ["octocat", "octokitten"].contains(&user.as_str()),
            };
            let seed = generate::seed_for(&user);
            let (sku, unit, price, units) = if *report == Report::AiCredit {
                ("copilot_ai_credits", "credits", 0.01, seed % 4_000)
            } else {
                ("copilot_premium_request", "requests", 0.04, seed % 400)
            };
            let items: Vec<Value> = if known && current {
                let gross = Cents((units as f64 * price * 100.0).round() as i64);
                vec![json!({
                    "product": "copilot", "sku": sku, "model": "GPT-5", "unitType": unit,
                    "pricePerUnit": price, "grossQuantity": units, "grossAmount": cents(gross),
                    "discountQuantity": units, "discountAmount": cents(gross),
                    "netQuantity": 0, "netAmount": 0.0,
                })]
            } else {
                vec![]
            };
            json!({ "timePeriod": period, "organization": b.name, "user": user, "usageItems": items })
        }
    };
    ctx.json(StatusCode::OK, body.to_string())
}
