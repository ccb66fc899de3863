//! The billing usage API (issue 16): shapes validated against GitHub's official response
//! schemas, amounts consistent with the organization's seats, and the organizations and tokens
//! that stage GitHub's refusals.

mod common;

use chrono::{Datelike, Utc};
use common::{header, hub};
use serde_json::Value;

/// GitHub's schema of an operation's 200 answer, from the shared OpenAPI excerpt.
fn schema(operation: &str) -> Value {
    common::openapi(operation)["responses"]["200"]["schema"].clone()
}

fn assert_valid(operation: &str, body: &Value) {
    let validator = jsonschema::validator_for(&schema(operation)).expect("a valid schema");
    let errors: Vec<String> = validator.iter_errors(body).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{operation}: {errors:?}\n{body}");
}

fn month() -> String {
    let now = Utc::now();
    format!("year={}&month={}", now.year(), now.month())
}

#[tokio::test]
async fn every_report_matches_githubs_schema_and_the_seats() {
    let h = hub().await;
    let m = month();
    let summary = h
        .json(&format!(
            "/organizations/acme/settings/billing/usage/summary?{m}&product=copilot"
        ))
        .await;
    assert_valid(
        "GET-organizations-org-settings-billing-usage-summary",
        &summary,
    );
    let usage = h
        .json(&format!("/organizations/acme/settings/billing/usage?{m}"))
        .await;
    assert_valid("GET-organizations-org-settings-billing-usage", &usage);
    let login = h.json("/orgs/acme/copilot/billing/seats?per_page=1").await["seats"][0]["assignee"]
        ["login"]
        .as_str()
        .unwrap()
        .to_string();
    for (report, op) in [
        (
            "ai_credit",
            "GET-organizations-org-settings-billing-ai_credit-usage",
        ),
        (
            "premium_request",
            "GET-organizations-org-settings-billing-premium_request-usage",
        ),
    ] {
        let v = h
            .json(&format!(
                "/organizations/acme/settings/billing/{report}/usage?user={login}&{m}"
            ))
            .await;
        assert_valid(op, &v);
        assert_eq!(
            v["usageItems"].as_array().unwrap().len(),
            1,
            "{report} of {login}"
        );
    }

    // The seat line bills the org's seats at $19 pro rata; the credits line is all within the
    // pool for acme (net 0), and over it for `overspend`.
    let lines = |v: &Value, sku: &str| -> Value {
        v["usageItems"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["sku"] == sku)
            .cloned()
            .unwrap_or_else(|| panic!("a {sku} line in {v}"))
    };
    let credits = lines(&summary, "copilot_ai_credits");
    assert_eq!(credits["netAmount"], 0.0);
    assert!(credits["grossQuantity"].as_f64().unwrap() > 0.0);
    let seats = lines(&summary, "copilot_for_business");
    let billing = h.json("/orgs/acme/copilot/billing").await;
    let total = billing["seat_breakdown"]["total"].as_f64().unwrap();
    assert!(seats["netAmount"].as_f64().unwrap() <= total * 19.0 + 0.005);
    let over = h
        .json(&format!(
            "/organizations/overspend/settings/billing/usage/summary?{m}&product=copilot"
        ))
        .await;
    // The pool is 300 × 1,900 credits; overspend's pace is three pools a month.
    let used = lines(&over, "copilot_ai_credits")["grossQuantity"]
        .as_f64()
        .unwrap();
    assert!(used > 0.0);
    // The usage report lists other products too; the app keeps the Copilot lines.
    assert!(usage["usageItems"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["product"] == "actions"));
}

#[tokio::test]
async fn refusals_as_github_sends_them() {
    let h = hub().await;
    let m = month();
    // Not on the enhanced billing platform: 404 on both reports, while the seats load.
    for path in [
        format!("/organizations/legacy-billing/settings/billing/usage/summary?{m}"),
        format!("/organizations/legacy-billing/settings/billing/usage?{m}"),
    ] {
        assert_eq!(h.get(&path).await.status(), 404, "{path}");
    }
    assert_eq!(
        h.get("/orgs/legacy-billing/copilot/billing/seats")
            .await
            .status(),
        200
    );
    // A fine-grained token with Copilot Business (read) but not Administration: seats yes,
    // billing no, and no OAuth scope headers (those are for classic tokens).
    let r = h
        .get_as("/orgs/acme/copilot/billing", Some("nobilling-token"))
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(header(&r, "x-oauth-scopes"), None);
    let r = h
        .get_as(
            &format!("/organizations/acme/settings/billing/usage/summary?{m}"),
            Some("nobilling-token"),
        )
        .await;
    assert_eq!(r.status(), 403);
    let v: Value = r.json().await.unwrap();
    assert_eq!(
        v["message"],
        "Resource not accessible by personal access token"
    );
    // Other months are empty, not an error.
    let v = h
        .json("/organizations/acme/settings/billing/usage/summary?year=2020&month=1")
        .await;
    assert_eq!(v["usageItems"].as_array().unwrap().len(), 0);
}
