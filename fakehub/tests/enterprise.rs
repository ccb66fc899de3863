//! Enterprise seat lists (issue 14): GitHub's paging, one seat object per granting organization
//! or enterprise team validated against GitHub's schema, `total_seats` counting each person
//! once, and the classic-token-only rule.

mod common;

use common::{assert_schema, header, hub, Hub};
use seat_core::models::{decode_seats_page, Seat};
use serde_json::Value;

const OPERATION: &str = "GET-enterprises-enterprise-copilot-billing-seats";

/// GitHub's schema of the page, less the one field fakehub adds on purpose: a few seats carry
/// `future_field` (GitHub adds fields over time and clients must ignore them), which the
/// schema's `additionalProperties: false` would refuse.
fn assert_page_schema(page: &Value) {
    let mut page = page.clone();
    for seat in page["seats"].as_array_mut().unwrap() {
        seat.as_object_mut().unwrap().remove("future_field");
    }
    assert_schema(OPERATION, 200, &page);
}

fn path(enterprise: &str, query: &str) -> String {
    format!("/enterprises/{enterprise}/copilot/billing/seats{query}")
}

/// Every page, each checked against GitHub's schema.
async fn all_pages(h: &Hub, enterprise: &str) -> Vec<Value> {
    let pages = h.all_pages(&path(enterprise, "?per_page=100")).await;
    pages.iter().for_each(assert_page_schema);
    pages
}

#[tokio::test]
async fn acme_enterprise_lists_people_once_per_grant_and_merges_to_total_seats() {
    let h = hub().await;
    let pages = all_pages(&h, "acme-enterprise").await;
    assert_eq!(pages.len(), 4, "338 objects, 100 a page");
    let seats: Vec<&Value> = pages
        .iter()
        .flat_map(|p| p["seats"].as_array().unwrap())
        .collect();
    assert_eq!(seats.len(), 338);
    assert!(pages.iter().all(|p| p["total_seats"] == 260));
    assert_eq!(seats.iter().filter(|s| s["assignee"].is_null()).count(), 1);
    assert!(seats
        .iter()
        .any(|s| s["assigning_team"]["slug"] == "ent:all-copilot-users"));
    let orgs: std::collections::BTreeSet<&str> = seats
        .iter()
        .map(|s| s["organization"]["login"].as_str().unwrap())
        .collect();
    assert_eq!(
        orgs.into_iter().collect::<Vec<_>>(),
        ["acme-data", "acme-labs", "acme-mobile", "acme-web"]
    );

    // Decoded and merged by the app's core: one row per person, as many as total_seats.
    let decoded: Vec<Seat> = pages
        .iter()
        .flat_map(|p| decode_seats_page(&p.to_string()).unwrap().seats)
        .collect();
    let people = seat_core::enterprise::people(decoded.clone());
    assert_eq!(people.len(), 260);
    assert_eq!(people.consistency(Some(260)), None);
    let twice = (0..people.len())
        .filter(|&r| people.organizations(r).len() == 2)
        .count();
    assert_eq!(
        twice,
        26 * 3,
        "three of every ten people have a second grant"
    );
    // A person granted by two organizations keeps the newest activity of the two.
    let row = (0..people.len())
        .find(|&r| people.organizations(r).len() == 2)
        .unwrap();
    let person = &people.seats()[row];
    let newest = decoded
        .iter()
        .filter(|s| s.login() == person.login())
        .map(|s| s.last_activity_at)
        .max()
        .flatten();
    assert_eq!(person.last_activity_at, newest);
}

#[tokio::test]
async fn paging_follows_githubs_rules() {
    let h = hub().await;
    // per_page is capped at 100; the Link header keeps the query and names the last page.
    let r = h
        .get(&path("acme-enterprise", "?per_page=500&page=2"))
        .await;
    assert_eq!(r.status(), 200);
    let link = header(&r, "link").unwrap().to_string();
    assert!(
        link.contains("per_page=500&page=4>; rel=\"last\""),
        "{link}"
    );
    assert!(link.contains("page=1>; rel=\"prev\""), "{link}");
    let v: Value = r.json().await.unwrap();
    assert_eq!(common::seats_len(&v), 100);
    // The default is 50 a page.
    let v = h.json(&path("acme-enterprise", "")).await;
    assert_eq!(common::seats_len(&v), 50);
    // Past the end: an empty page, the same total.
    let v = h.json(&path("acme-enterprise", "?page=99")).await;
    assert_eq!(common::seats_len(&v), 0);
    assert_eq!(v["total_seats"], 260);
    // Enterprise slugs are case-insensitive, unknown ones 404.
    assert_eq!(h.get(&path("ACME-Enterprise", "")).await.status(), 200);
    assert_eq!(h.get(&path("nobody", "")).await.status(), 404);
}

#[tokio::test]
async fn huge_enterprise_has_100000_people_in_130000_objects() {
    let h = hub().await;
    let r = h.get(&path("huge-enterprise", "?per_page=100")).await;
    let link = header(&r, "link").unwrap().to_string();
    assert!(
        link.ends_with("per_page=100&page=1300>; rel=\"last\""),
        "{link}"
    );
    let v: Value = r.json().await.unwrap();
    assert_page_schema(&v);
    assert_eq!(v["total_seats"], 100_000);
    let last = h
        .json(&path("huge-enterprise", "?per_page=100&page=1300"))
        .await;
    assert_page_schema(&last);
    assert_eq!(common::seats_len(&last), 100);
    let past = h
        .json(&path("huge-enterprise", "?per_page=100&page=1301"))
        .await;
    assert_eq!(common::seats_len(&past), 0);
}

#[tokio::test]
async fn only_classic_tokens_with_an_enterprise_scope_read_enterprise_seats() {
    let h = hub().await;
    let p = path("acme-enterprise", "");
    for token in ["fine-grained-token", "nobilling-token"] {
        let r = h.get_as(&p, Some(token)).await;
        assert_eq!(r.status(), 403, "{token}");
        assert_eq!(
            header(&r, "x-oauth-scopes"),
            None,
            "{token} is fine-grained"
        );
        assert_eq!(header(&r, "x-accepted-oauth-scopes"), None);
        let v: Value = r.json().await.unwrap();
        assert_eq!(
            v["message"],
            "Resource not accessible by personal access token"
        );
        assert!(v["documentation_url"]
            .as_str()
            .unwrap()
            .contains("list-all-copilot-seat-assignments-for-an-enterprise"));
    }
    // The same fine-grained token reads an organization's seats.
    let r = h
        .get_as(
            "/orgs/acme/copilot/billing/seats",
            Some("fine-grained-token"),
        )
        .await;
    assert_eq!(r.status(), 200);
    // A classic token with read:org only lacks the scope, and the headers say which it needs.
    let r = h.get_as(&p, Some("readonly-token")).await;
    assert_eq!(r.status(), 403);
    assert_eq!(
        header(&r, "x-accepted-oauth-scopes"),
        Some("manage_billing:copilot, read:enterprise")
    );
    assert_eq!(header(&r, "x-oauth-scopes"), Some("read:org"));
    let r = h.get_as(&p, Some("good-token")).await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        header(&r, "x-accepted-oauth-scopes"),
        Some("manage_billing:copilot, read:enterprise")
    );
    assert_eq!(h.get_as(&p, None).await.status(), 401);
}
