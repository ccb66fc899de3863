//! Removing and giving back seats (issue 13) and the tokens that may or may not (issues 11, 13):
//! fakehub's answers checked against GitHub's schemas, and seat-core's client driven against
//! fakehub over real HTTP, the way the app drives it.

mod common;

use std::collections::HashSet;
use std::time::{Duration, Instant};

use common::seat_client::{Http, Wall};
use common::{assert_read_only_refusal, assert_schema, header, hub, next_month, Hub};
use reqwest::Method;
use serde_json::Value;

use seat_core::api_base::ApiBase;
use seat_core::error::ApiError;
use seat_core::loader::{Client, Event, LoadOptions, SeatSource};
use seat_core::models::Seat;
use seat_core::writes::{plan_removal, WriteError};

const DELETE_OP: &str = "DELETE-orgs-org-copilot-billing-selected_users";
const POST_OP: &str = "POST-orgs-org-copilot-billing-selected_users";

fn selected_users(org: &str) -> String {
    format!("/orgs/{org}/copilot/billing/selected_users")
}

async fn write(
    h: &Hub,
    method: Method,
    org: &str,
    token: &str,
    logins: &[&str],
) -> reqwest::Response {
    let body = serde_json::json!({ "selected_usernames": logins }).to_string();
    h.request(method, &selected_users(org), Some(token))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap()
}

async fn seats(h: &Hub, org: &str) -> Vec<Value> {
    let mut all = Vec::new();
    for page in 1.. {
        let v = h
            .json(&format!(
                "/orgs/{org}/copilot/billing/seats?per_page=100&page={page}"
            ))
            .await;
        let s = v["seats"].as_array().unwrap().clone();
        if s.is_empty() {
            break;
        }
        all.extend(s);
    }
    all
}

fn login(seat: &Value) -> &str {
    seat["assignee"]["login"].as_str().unwrap_or("")
}

async fn pending_count(h: &Hub, org: &str) -> u64 {
    h.json(&format!("/orgs/{org}/copilot/billing")).await["seat_breakdown"]["pending_cancellation"]
        .as_u64()
        .unwrap()
}

#[tokio::test]
async fn remove_and_restore_change_what_later_reads_show_until_a_reset() {
    let h = hub().await;
    let list = seats(&h, "big-250").await;
    let free: Vec<&str> = list
        .iter()
        .filter(|s| s.get("assigning_team").is_none() && s["pending_cancellation_date"].is_null())
        .map(login)
        .take(3)
        .collect();
    let generated_pending = list
        .iter()
        .find(|s| s.get("assigning_team").is_none() && s["pending_cancellation_date"].is_string())
        .map(login)
        .expect("a generated pending seat");
    let before = pending_count(&h, "big-250").await;

    // Remove three (one twice, in another case: counted once) and an unknown login.
    let upper = free[0].to_uppercase();
    let r = write(
        &h,
        Method::DELETE,
        "big-250",
        "good-token",
        &[free[0], free[1], free[2], &upper, "nobody-here"],
    )
    .await;
    assert_eq!(r.status(), 200);
    let v: Value = r.json().await.unwrap();
    assert_schema(DELETE_OP, 200, &v);
    assert_eq!(v, serde_json::json!({ "seats_cancelled": 3 }));
    assert_eq!(pending_count(&h, "big-250").await, before + 3);
    let member = h
        .json(&format!("/orgs/big-250/members/{}/copilot", free[1]))
        .await;
    assert_eq!(member["pending_cancellation_date"], next_month());
    let listed = seats(&h, "big-250").await;
    for l in &free {
        let s = listed.iter().find(|s| login(s) == *l).unwrap();
        assert_eq!(s["pending_cancellation_date"], next_month(), "{l}");
    }

    // The request log holds the body as sent.
    let log: Vec<Value> = h
        .client
        .get(format!("{}/_fakehub/requests", h.url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let delete = log.iter().find(|r| r["method"] == "DELETE").unwrap();
    let sent: Value = serde_json::from_str(delete["body"].as_str().unwrap()).unwrap();
    assert_eq!(sent["selected_usernames"][3], upper.as_str());
    assert!(log
        .iter()
        .filter(|r| r["method"] == "GET")
        .all(|r| r.get("body").is_none()));

    // Restore one removed here and one generated as pending; an active one counts 0.
    let r = write(
        &h,
        Method::POST,
        "big-250",
        "good-token",
        &[free[0], generated_pending, free[1]],
    )
    .await;
    assert_eq!(r.status(), 201);
    let v: Value = r.json().await.unwrap();
    assert_schema(POST_OP, 201, &v);
    assert_eq!(v["seats_created"], 3);
    let r = write(
        &h,
        Method::POST,
        "big-250",
        "good-token",
        &[free[0], "nobody-here"],
    )
    .await;
    let v: Value = r.json().await.unwrap();
    assert_schema(POST_OP, 201, &v);
    assert_eq!(
        v["seats_created"], 0,
        "active seats and unknown logins: no seat is added"
    );
    assert_eq!(pending_count(&h, "big-250").await, before);
    for l in [free[0], generated_pending] {
        let m = h.json(&format!("/orgs/big-250/members/{l}/copilot")).await;
        assert!(m["pending_cancellation_date"].is_null(), "{l}: {m}");
    }
    // Removing a given-back generated pending seat again counts it again.
    let r = write(
        &h,
        Method::DELETE,
        "big-250",
        "good-token",
        &[generated_pending],
    )
    .await;
    assert_eq!(r.json::<Value>().await.unwrap()["seats_cancelled"], 1);

    // Per organization: another organization is untouched.
    let other = seats(&h, "big-260").await;
    assert!(other
        .iter()
        .all(|s| !free.contains(&login(s)) || s["pending_cancellation_date"].is_null()));

    // The reset forgets every write.
    h.reset().await;
    assert_eq!(pending_count(&h, "big-250").await, before);
    let m = h
        .json(&format!("/orgs/big-250/members/{}/copilot", free[2]))
        .await;
    assert!(m["pending_cancellation_date"].is_null());
    let m = h
        .json(&format!(
            "/orgs/big-250/members/{generated_pending}/copilot"
        ))
        .await;
    assert!(m["pending_cancellation_date"].is_string());
}

#[tokio::test]
async fn a_team_seat_refuses_the_whole_request_and_so_do_assign_all_and_unconfigured() {
    let h = hub().await;
    let list = seats(&h, "big-250").await;
    let free = list
        .iter()
        .find(|s| s.get("assigning_team").is_none() && s["pending_cancellation_date"].is_null())
        .map(login)
        .unwrap();
    let team = list
        .iter()
        .find(|s| s.get("assigning_team").is_some())
        .map(login)
        .unwrap();
    let before = pending_count(&h, "big-250").await;
    let r = write(&h, Method::DELETE, "big-250", "good-token", &[free, team]).await;
    assert_eq!(r.status(), 422);
    let v: Value = r.json().await.unwrap();
    assert!(
        v["message"].as_str().unwrap().contains("through a team"),
        "{v}"
    );
    assert_eq!(
        pending_count(&h, "big-250").await,
        before,
        "nothing changed"
    );
    let m = h
        .json(&format!("/orgs/big-250/members/{free}/copilot"))
        .await;
    assert!(m["pending_cancellation_date"].is_null());

    for (org, setting) in [
        ("assign-all", "assign_all"),
        ("unconfigured", "unconfigured"),
    ] {
        assert_eq!(
            h.json(&format!("/orgs/{org}/copilot/billing")).await["seat_management_setting"],
            setting
        );
        let someone = seats(&h, org)
            .await
            .iter()
            .map(|s| login(s).to_string())
            .find(|l| !l.is_empty())
            .unwrap();
        for method in [Method::DELETE, Method::POST] {
            let r = write(&h, method.clone(), org, "good-token", &[&someone]).await;
            assert_eq!(r.status(), 422, "{org} {method}");
            let v: Value = r.json().await.unwrap();
            assert!(!v["message"].as_str().unwrap().is_empty());
        }
    }
    // An empty list and broken JSON, as GitHub answers them.
    let r = write(&h, Method::POST, "big-250", "good-token", &[]).await;
    assert_eq!(r.status(), 422);
}

#[tokio::test]
async fn read_only_tokens_read_and_get_403_on_writes_with_the_scope_headers() {
    let h = hub().await;
    let someone = login(&seats(&h, "big-250").await[0]).to_string();
    let before = pending_count(&h, "big-250").await;

    let r = h
        .get_as("/orgs/big-250/copilot/billing", Some("readonly-token"))
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(header(&r, "x-oauth-scopes"), Some("read:org"));
    assert_eq!(
        header(&r, "x-accepted-oauth-scopes"),
        Some("manage_billing:copilot, read:org")
    );
    for method in [Method::DELETE, Method::POST] {
        let r = write(&h, method, "big-250", "readonly-token", &[&someone]).await;
        assert_read_only_refusal(r, "copilot-user-management#").await;
    }
    // A fine-grained token with read permissions: 403, and no OAuth scope headers.
    let r = write(
        &h,
        Method::DELETE,
        "big-250",
        "nobilling-token",
        &[&someone],
    )
    .await;
    assert_eq!(r.status(), 403);
    assert_eq!(header(&r, "x-accepted-oauth-scopes"), None);
    // A non-owner cannot write either; good-token gets the write scopes header on a 200.
    let r = write(&h, Method::DELETE, "big-250", "nonowner-token", &[&someone]).await;
    assert_eq!(r.status(), 403);
    assert_eq!(
        pending_count(&h, "big-250").await,
        before,
        "nothing changed"
    );
    let r = write(&h, Method::POST, "big-250", "good-token", &[&someone]).await;
    assert_eq!(r.status(), 201);
    assert_eq!(
        header(&r, "x-accepted-oauth-scopes"),
        Some("admin:org, manage_billing:copilot")
    );
}

// ------------------------------------------------------- seat-core's client against fakehub

fn client<'a>(h: &Hub, http: &'a Http, token: &str) -> Client<&'a Http, Wall> {
    Client::new(
        http,
        Wall,
        ApiBase::parse(&h.url).unwrap(),
        token.into(),
        LoadOptions::default(),
    )
}

async fn load(c: &Client<&Http, Wall>, org: &str) -> Vec<Seat> {
    let seats = std::cell::RefCell::new(Vec::new());
    let report = c
        .seats(&SeatSource::Org(org.into()), &|e| {
            if let Event::Seats { seats: s, .. } = e {
                seats.borrow_mut().extend(s);
            }
        })
        .await
        .unwrap();
    assert!(report.is_complete());
    seats.into_inner()
}

async fn logged(h: &Hub) -> Vec<Value> {
    h.client
        .get(format!("{}/_fakehub/requests", h.url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_client_removes_every_removable_seat_of_a_selection_in_paced_batches() {
    let h = hub().await;
    let http = Http(reqwest::Client::new());
    let c = client(&h, &http, "good-token");
    let all = load(&c, "big-400").await;
    let plan = plan_removal(&all);
    assert!(plan.send.len() > 200, "{} removable", plan.send.len());
    assert!(!plan.skipped.is_empty());
    let before = pending_count(&h, "big-400").await;
    h.reset().await;

    let started = Instant::now();
    let report = c.remove_seats("big-400", &plan.send, &|_| {}).await;
    let took = started.elapsed();
    assert!(report.is_complete(), "{}", report.summary());
    assert_eq!(report.accepted, plan.send);
    assert_eq!(report.seats_changed, plan.send.len() as u64);
    let batches = plan.send.len().div_ceil(100);
    assert!(
        took >= Duration::from_secs(batches as u64 - 1),
        "{took:?} for {batches} requests"
    );

    // Exactly the planned logins went out, each once, ≤ 100 a request, none team-granted.
    let log = logged(&h).await;
    let bodies: Vec<Vec<String>> = log
        .iter()
        .filter(|r| r["method"] == "DELETE")
        .map(|r| {
            let v: Value = serde_json::from_str(r["body"].as_str().unwrap()).unwrap();
            v["selected_usernames"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| l.as_str().unwrap().to_string())
                .collect()
        })
        .collect();
    assert_eq!(bodies.len(), batches);
    assert!(bodies.iter().all(|b| b.len() <= 100));
    let sent: Vec<String> = bodies.concat();
    assert_eq!(sent, plan.send);
    let team: HashSet<&str> = all
        .iter()
        .filter(|s| s.assigning_team.is_some())
        .map(Seat::login)
        .collect();
    assert!(sent.iter().all(|l| !team.contains(l.as_str())));

    // What GitHub says now: every sent seat is pending from next month.
    let after = load(&c, "big-400").await;
    let sent: HashSet<&str> = plan.send.iter().map(String::as_str).collect();
    for s in after.iter().filter(|s| sent.contains(s.login())) {
        assert_eq!(
            s.pending_cancellation_date.map(|d| d.to_string()),
            Some(next_month())
        );
    }
    assert_eq!(
        pending_count(&h, "big-400").await,
        before + plan.send.len() as u64
    );

    // Restore access for one.
    assert_eq!(c.restore_seat("big-400", &plan.send[0]).await, Ok(1));
    let seat = c
        .member_seat("big-400", &plan.send[0], &|_| {})
        .await
        .unwrap();
    assert_eq!(seat.pending_cancellation_date, None);
}

#[tokio::test]
async fn the_client_explains_read_only_and_non_owner_refusals() {
    let h = hub().await;
    let http = Http(reqwest::Client::new());

    // read:org reads seats, but removing needs manage_billing:copilot or admin:org.
    let c = client(&h, &http, "readonly-token");
    let all = load(&c, "big-250").await;
    let plan = plan_removal(&all);
    h.reset().await;
    let report = c.remove_seats("big-250", &plan.send, &|_| {}).await;
    let failed = report.failed.clone().unwrap();
    assert_eq!(failed.number, 1);
    assert!(report.accepted.is_empty());
    assert_eq!(report.not_sent.len(), plan.send.len() - failed.logins.len());
    assert_eq!(failed.error.has_write_scope(), Some(false));
    assert!(matches!(failed.error, WriteError::Forbidden { .. }));
    let text = failed.error.to_string();
    assert!(
        text.contains("manage_billing:copilot or admin:org"),
        "{text}"
    );
    assert_eq!(logged(&h).await.len(), 1, "nothing more was sent");

    // nonowner-token has read:org, an accepted scope: not a missing scope, an owner question.
    let c = client(&h, &http, "nonowner-token");
    let e = c.billing("acme", &|_| {}).await.unwrap_err();
    assert!(matches!(e, ApiError::Forbidden { .. }), "{e:?}");
    let text = e.to_string();
    assert!(text.contains("only organization owners"), "{text}");
    assert!(
        text.contains("GitHub Copilot Business") && text.contains("Administration"),
        "{text}"
    );
    let e = c
        .seats(&SeatSource::Org("acme".into()), &|_| {})
        .await
        .unwrap_err();
    assert!(matches!(e, ApiError::Forbidden { .. }), "{e:?}");
    // noscope-token (repo) lacks every accepted scope.
    let c = client(&h, &http, "noscope-token");
    let e = c.billing("acme", &|_| {}).await.unwrap_err();
    assert!(matches!(e, ApiError::MissingScope { .. }), "{e:?}");
}
