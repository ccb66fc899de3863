//! GitHub's secondary rate limits, enforced on demand (`/_fakehub/limits`), over real HTTP; and
//! seat-core's loader, paced at the same budget, never meeting them.

mod common;

use std::time::Duration;

use common::{header, hub, Hub};
use reqwest::{Method, Response};

const SEATS: &str = "/orgs/acme/copilot/billing/seats?per_page=1";

async fn set_limits(h: &Hub, query: &str) -> Response {
    h.admin(Method::PUT, &format!("/_fakehub/limits{query}"))
        .await
}

async fn limits(h: &Hub) -> serde_json::Value {
    h.admin(Method::GET, "/_fakehub/limits")
        .await
        .json()
        .await
        .unwrap()
}

/// Each logged request's method and the status it was answered.
async fn statuses(h: &Hub) -> Vec<(String, Option<u64>)> {
    h.log()
        .await
        .iter()
        .map(|r| {
            (
                r["method"].as_str().unwrap().to_string(),
                r["status"].as_u64(),
            )
        })
        .collect()
}

/// Asserts GitHub's secondary-limit answer, readable by a page; returns `retry-after`.
async fn assert_secondary(r: Response, status: u16) -> u64 {
    assert_eq!(r.status(), status);
    assert_eq!(header(&r, "access-control-allow-origin"), Some("*"));
    assert!(header(&r, "access-control-expose-headers")
        .unwrap()
        .contains("Retry-After"));
    assert!(header(&r, "x-github-request-id").is_some());
    let retry: u64 = header(&r, "retry-after").unwrap().parse().unwrap();
    let body: serde_json::Value = r.json().await.unwrap();
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("You have exceeded a secondary rate limit"),
        "{body}"
    );
    retry
}

#[tokio::test]
async fn off_by_default_and_set_at_run_time() {
    let h = hub().await;
    assert_eq!(limits(&h).await, serde_json::json!({ "enabled": false }));
    for _ in 0..20 {
        assert_eq!(h.get(SEATS).await.status(), 200);
    }
    // Omitted values are GitHub's.
    let r = set_limits(&h, "").await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.json::<serde_json::Value>().await.unwrap(),
        serde_json::json!({ "enabled": true, "points": 900, "window_ms": 60000, "concurrent": 100 })
    );
    let r = set_limits(&h, "?points=0").await;
    assert_eq!(r.status(), 400);
    let r = set_limits(&h, "?points=3&window_ms=x").await;
    assert_eq!(r.status(), 400);
    set_limits(&h, "?points=1&window_ms=60000").await;
    assert_eq!(h.get(SEATS).await.status(), 200);
    assert_eq!(h.get(SEATS).await.status(), 403);
    let r = h.admin(Method::DELETE, "/_fakehub/limits").await;
    assert_eq!(r.status(), 204);
    assert_eq!(limits(&h).await["enabled"], false);
    assert_eq!(h.get(SEATS).await.status(), 200);
    h.running.shutdown().await;
}

#[tokio::test]
async fn points_used_up_answer_403_with_retry_after_then_recover() {
    let h = hub().await;
    set_limits(&h, "?points=5&window_ms=1500").await;
    for _ in 0..5 {
        assert_eq!(h.get(SEATS).await.status(), 200);
    }
    let retry = assert_secondary(h.get(SEATS).await, 403).await;
    assert!((1..=2).contains(&retry), "{retry}");
    // Another token has a window of its own.
    assert_eq!(h.get_as(SEATS, Some("readonly-token")).await.status(), 200);
    // The refusal is in the log with its status, like any answer.
    let log = statuses(&h).await;
    assert_eq!(log.len(), 7);
    assert_eq!(log[5], ("GET".to_string(), Some(403)));
    assert_eq!(log[4].1, Some(200));
    tokio::time::sleep(Duration::from_secs(retry)).await;
    assert_eq!(h.get(SEATS).await.status(), 200);
    h.running.shutdown().await;
}

#[tokio::test]
async fn a_write_costs_five_points() {
    let h = hub().await;
    set_limits(&h, "?points=11&window_ms=60000").await;
    for _ in 0..2 {
        let r = h
            .request(
                Method::DELETE,
                "/orgs/acme/copilot/billing/selected_users",
                Some("good-token"),
            )
            .json(&serde_json::json!({ "selected_usernames": ["nobody-here"] }))
            .send()
            .await
            .unwrap();
        assert_ne!(r.status(), 403);
        assert_ne!(r.status(), 429);
    }
    assert_eq!(h.get(SEATS).await.status(), 200);
    let retry = assert_secondary(h.get(SEATS).await, 403).await;
    assert!((59..=60).contains(&retry), "{retry}");
    h.running.shutdown().await;
}

#[tokio::test]
async fn too_many_requests_in_flight_answer_429() {
    let h = hub().await;
    set_limits(&h, "?concurrent=1").await;
    h.admin(Method::PUT, "/_fakehub/latency?ms=400").await;
    let (a, b) = tokio::join!(h.get(SEATS), async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        h.get(SEATS).await
    });
    assert_eq!(a.status(), 200);
    assert_eq!(assert_secondary(b, 429).await, 1);
    // The first one ended: room again.
    assert_eq!(h.get(SEATS).await.status(), 200);
    h.running.shutdown().await;
}

#[tokio::test]
async fn preflights_and_admin_calls_are_not_counted() {
    let h = hub().await;
    set_limits(&h, "?points=2").await;
    for _ in 0..5 {
        let r = h
            .client
            .request(Method::OPTIONS, format!("{}{SEATS}", h.url))
            .header("origin", "http://127.0.0.1:8080")
            .header("access-control-request-method", "GET")
            .header("access-control-request-headers", "authorization")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 204);
        limits(&h).await;
    }
    assert_eq!(h.get(SEATS).await.status(), 200);
    assert_eq!(h.get(SEATS).await.status(), 200);
    assert_eq!(h.get(SEATS).await.status(), 403);
    h.running.shutdown().await;
}

#[tokio::test]
async fn the_reset_clears_the_windows_and_keeps_the_setting() {
    let h = hub().await;
    set_limits(&h, "?points=2").await;
    h.get(SEATS).await;
    h.get(SEATS).await;
    assert_eq!(h.get(SEATS).await.status(), 403);
    h.reset().await;
    assert_eq!(limits(&h).await["points"], 2);
    assert_eq!(h.get(SEATS).await.status(), 200);
    assert_eq!(h.get(SEATS).await.status(), 200);
    assert_eq!(h.get(SEATS).await.status(), 403);
    h.running.shutdown().await;
}

#[tokio::test]
async fn the_command_line_flag_turns_the_limits_on() {
    let fakehub::Command::Run(config) =
        fakehub::parse_args(["--port", "0", "--points-per-minute", "3"]).unwrap()
    else {
        panic!()
    };
    let running = fakehub::start(config).await.unwrap();
    let client = reqwest::Client::new();
    let url = format!("{}/_fakehub/limits", running.api_url());
    let v: serde_json::Value = client.get(url).send().await.unwrap().json().await.unwrap();
    assert_eq!(
        v,
        serde_json::json!({ "enabled": true, "points": 3, "window_ms": 60000, "concurrent": 100 })
    );
    running.shutdown().await;
}

// ------------------------------------------------------------------------- the paced loader

mod paced {
    use seat_core::api_base::ApiBase;
    use seat_core::loader::{Client, LoadOptions, SeatSource};

    use crate::common::seat_client::{Http, Wall};

    pub fn client<'a>(
        http: &'a Http,
        url: &str,
        points_per_minute: u32,
        minute_ms: u64,
    ) -> Client<&'a Http, Wall> {
        Client::new(
            http,
            Wall,
            ApiBase::parse(url).unwrap(),
            "good-token".into(),
            LoadOptions {
                points_per_minute,
                minute_ms,
                ..LoadOptions::default()
            },
        )
    }

    pub fn org(name: &str) -> SeatSource {
        SeatSource::Org(name.into())
    }
}

/// The loader counts 2 points a GET (with the preflight a browser sends); fakehub, which sees no
/// preflight from this client, enforces half the budget: the same limit, met exactly by the
/// pacer's count, with real network timing.
#[tokio::test]
async fn the_loader_paced_at_the_budget_never_meets_the_limit() {
    let h = hub().await;
    set_limits(&h, "?points=10&window_ms=1000").await;
    let http = common::seat_client::Http(reqwest::Client::new());
    let client = paced::client(&http, &h.url, 20, 1_000);
    let started = std::time::Instant::now();
    let report = client
        .seats(&paced::org("big-2500"), &|_| {})
        .await
        .unwrap();
    assert!(report.is_complete(), "{:?}", report.problem());
    assert_eq!(report.pages, 25);
    let log = statuses(&h).await;
    assert_eq!(log.len(), 25, "{log:?}");
    assert!(log.iter().all(|(_, s)| *s == Some(200)), "{log:?}");
    // 50 points at 20 a second: two more windows after the first.
    assert!(started.elapsed() >= Duration::from_secs(2));
    h.running.shutdown().await;
}
