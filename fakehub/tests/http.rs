//! fakehub over real HTTP: paging, `Link`, CORS, tokens, rate-limit headers, every scenario,
//! the admin endpoints, the static app listener and the binary itself.

mod common;

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use common::{header, hub, seats_len};
use reqwest::Method;
use serde_json::Value;

const BILLING: &str = include_str!("../../fixtures/github-api/org-copilot-billing.json");
const SEATS: &str = include_str!("../../fixtures/github-api/org-copilot-billing-seats.json");
const MEMBER: &str = include_str!("../../fixtures/github-api/org-member-copilot.json");
const ENTERPRISE: &str =
    include_str!("../../fixtures/github-api/enterprise-copilot-billing-seats.json");

const ALLOW_HEADERS: &str = "Authorization, Content-Type, If-Match, If-Modified-Since, If-None-Match, If-Unmodified-Since, X-GitHub-OTP, X-Requested-With";
const EXPOSE: &str = "ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset";

fn epoch() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

fn seats_path(org: &str, query: &str) -> String {
    format!("/orgs/{org}/copilot/billing/seats{query}")
}

// ----------------------------------------------------------------------------------- paging

#[tokio::test]
async fn paging_math_pages_last_page_past_end_cap_and_default() {
    let h = hub().await;
    // 1,000 seats at 100: ten full pages.
    let p1 = h
        .json(&seats_path("big-1000", "?per_page=100&page=1"))
        .await;
    assert_eq!(
        (p1["total_seats"].as_u64(), seats_len(&p1)),
        (Some(1000), 100)
    );
    let p10 = h
        .json(&seats_path("big-1000", "?per_page=100&page=10"))
        .await;
    assert_eq!(seats_len(&p10), 100);
    // Past the end: no seats, total still there.
    let p11 = h
        .get(&seats_path("big-1000", "?per_page=100&page=11"))
        .await;
    assert_eq!(p11.status(), 200);
    let v: Value = p11.json().await.unwrap();
    assert_eq!(v, serde_json::json!({ "total_seats": 1000, "seats": [] }));
    // 250 at 100: the last page holds 50.
    let p3 = h.json(&seats_path("big-250", "?per_page=100&page=3")).await;
    assert_eq!(seats_len(&p3), 50);
    // Default per_page is 50 and default page is 1.
    let r = h.get(&seats_path("big-250", "")).await;
    let link = header(&r, "link").unwrap().to_string();
    assert!(
        link.ends_with("/orgs/big-250/copilot/billing/seats?page=5>; rel=\"last\""),
        "{link}"
    );
    let v: Value = r.json().await.unwrap();
    assert_eq!(seats_len(&v), 50);
    assert_eq!(
        v["seats"][0],
        h.json(&seats_path("big-250", "?page=1&per_page=50")).await["seats"][0]
    );
    // per_page is capped at 100 (and kept as sent in Link).
    let r = h.get(&seats_path("big-1000", "?per_page=500")).await;
    let link = header(&r, "link").unwrap().to_string();
    assert!(
        link.contains("?per_page=500&page=10>; rel=\"last\""),
        "{link}"
    );
    assert_eq!(seats_len(&r.json().await.unwrap()), 100);
    // Pages do not overlap and cover every seat once.
    let mut logins = std::collections::HashSet::new();
    for page in 1..=3 {
        let v = h
            .json(&seats_path(
                "big-250",
                &format!("?per_page=100&page={page}"),
            ))
            .await;
        for s in v["seats"].as_array().unwrap() {
            assert!(logins.insert(s["assignee"]["login"].as_str().unwrap().to_string()));
        }
    }
    assert_eq!(logins.len(), 250);
}

#[tokio::test]
async fn big_orgs_up_to_two_million_page_on_demand() {
    let h = hub().await;
    let v = h
        .json(&seats_path("big-2000000", "?per_page=100&page=20000"))
        .await;
    assert_eq!(
        (v["total_seats"].as_u64(), seats_len(&v)),
        (Some(2_000_000), 100)
    );
    assert_eq!(h.get(&seats_path("big-2000001", "")).await.status(), 404);
    let acme = h.json(&seats_path("acme", "?per_page=100&page=18")).await;
    assert_eq!(acme["total_seats"], 3000);
    let nulls = acme["seats"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["assignee"].is_null())
        .count();
    assert_eq!(nulls, 1, "acme's one null assignee is seat 1717");
}

#[tokio::test]
async fn link_header_is_githubs_format_with_absolute_urls_from_the_host_header() {
    let h = hub().await;
    let r = h
        .request(
            Method::GET,
            &seats_path("big-250", "?per_page=100&page=2"),
            Some("good-token"),
        )
        .header("host", "fakehub.test:4321")
        .send()
        .await
        .unwrap();
    let base = "http://fakehub.test:4321/orgs/big-250/copilot/billing/seats?per_page=100";
    assert_eq!(
        header(&r, "link").unwrap(),
        format!(
            "<{base}&page=1>; rel=\"prev\", <{base}&page=3>; rel=\"next\", <{base}&page=3>; rel=\"last\", <{base}&page=1>; rel=\"first\""
        )
    );
    let r = h.get(&seats_path("big-250", "?per_page=100&page=1")).await;
    let own = format!("{}/orgs/big-250/copilot/billing/seats?per_page=100", h.url);
    assert_eq!(
        header(&r, "link").unwrap(),
        format!("<{own}&page=2>; rel=\"next\", <{own}&page=3>; rel=\"last\"")
    );
    let r = h.get(&seats_path("big-250", "?page=3&per_page=100")).await;
    assert_eq!(
        header(&r, "link").unwrap(),
        format!("<{own}&page=2>; rel=\"prev\", <{own}&page=1>; rel=\"first\"")
    );
    // One page holds everything: no Link at all.
    for path in [
        seats_path("big-100", "?per_page=100"),
        seats_path("empty", ""),
        seats_path("octo-examples", ""),
    ] {
        let r = h.get(&path).await;
        assert_eq!(r.status(), 200);
        assert!(r.headers().get("link").is_none(), "{path}");
    }
    let empty = h.json(&seats_path("empty", "")).await;
    assert_eq!(empty, serde_json::json!({ "total_seats": 0, "seats": [] }));
    assert_eq!(
        h.json("/orgs/empty/copilot/billing").await["seat_breakdown"]["total"],
        0
    );
}

// ------------------------------------------------------------------------------------- CORS

#[tokio::test]
async fn preflight_allows_githubs_headers_only() {
    let h = hub().await;
    let r = h
        .client
        .request(
            Method::OPTIONS,
            format!("{}{}", h.url, seats_path("acme", "?per_page=100")),
        )
        .header("origin", "http://localhost:8080")
        .header("access-control-request-method", "GET")
        .header(
            "access-control-request-headers",
            "authorization,x-github-api-version",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    assert_eq!(header(&r, "access-control-allow-origin"), Some("*"));
    assert_eq!(
        header(&r, "access-control-allow-methods"),
        Some("GET, POST, PATCH, PUT, DELETE")
    );
    assert_eq!(
        header(&r, "access-control-allow-headers"),
        Some(ALLOW_HEADERS)
    );
    assert_eq!(header(&r, "access-control-max-age"), Some("86400"));
    assert!(r
        .headers()
        .get("access-control-allow-credentials")
        .is_none());
    // What a browser would decide: X-GitHub-Api-Version and User-Agent are not allowed.
    let allowed: Vec<String> = ALLOW_HEADERS
        .split(", ")
        .map(str::to_ascii_lowercase)
        .collect();
    for forbidden in ["x-github-api-version", "user-agent"] {
        assert!(!allowed.contains(&forbidden.to_string()));
    }
    assert!(allowed.contains(&"authorization".to_string()));
    // Preflights of admin endpoints too.
    let r = h
        .client
        .request(Method::OPTIONS, format!("{}/_fakehub/latency?ms=1", h.url))
        .header("access-control-request-method", "PUT")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
}

#[tokio::test]
async fn every_response_allows_any_origin_and_exposes_githubs_headers() {
    let h = hub().await;
    let cases = [
        ("/orgs/acme/copilot/billing", Some("good-token"), 200),
        ("/orgs/acme/copilot/billing", None, 401),
        ("/orgs/nobody/copilot/billing", Some("good-token"), 404),
        ("/not/an/endpoint", Some("good-token"), 404),
        (
            "/orgs/persistent-502/copilot/billing/seats?per_page=100&page=2",
            Some("good-token"),
            502,
        ),
        ("/_fakehub/health", None, 200),
        ("/_fakehub/requests", None, 200),
    ];
    for (path, token, status) in cases {
        let r = h.get_as(path, token).await;
        assert_eq!(r.status(), status, "{path}");
        assert_eq!(
            header(&r, "access-control-allow-origin"),
            Some("*"),
            "{path}"
        );
        assert_eq!(
            header(&r, "access-control-expose-headers"),
            Some(EXPOSE),
            "{path}"
        );
        assert!(r
            .headers()
            .get("access-control-allow-credentials")
            .is_none());
    }
}

// ------------------------------------------------------------------------ tokens and limits

#[tokio::test]
async fn each_token_case() {
    let h = hub().await;
    let path = "/orgs/acme/copilot/billing";

    let r = h.get_as(path, None).await;
    assert_eq!(r.status(), 401);
    assert_eq!(
        header(&r, "content-type"),
        Some("application/json; charset=utf-8")
    );
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["message"], "Requires authentication");
    assert_eq!(v["status"], "401");
    assert!(v["documentation_url"]
        .as_str()
        .unwrap()
        .starts_with("https://docs.github.com/rest"));

    let r = h.get_as(path, Some("wrong")).await;
    assert_eq!(r.status(), 401);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["message"], "Bad credentials");
    assert_eq!(v["documentation_url"], "https://docs.github.com/rest");

    let r = h.get_as(path, Some("noscope-token")).await;
    assert_eq!(r.status(), 403);
    assert_eq!(
        header(&r, "x-accepted-oauth-scopes"),
        Some("manage_billing:copilot, read:org")
    );
    assert_eq!(header(&r, "x-oauth-scopes"), Some("repo"));
    let v: Value = r.json().await.unwrap();
    assert_eq!(
        v["message"],
        "Resource not accessible by personal access token"
    );
    assert_eq!(v["status"], "403");

    // A classic token with an accepted scope whose user is not an owner: 403 all the same,
    // with the scope headers GitHub sends every classic token (issue 11).
    let r = h.get_as(path, Some("nonowner-token")).await;
    assert_eq!(r.status(), 403);
    assert_eq!(
        header(&r, "x-accepted-oauth-scopes"),
        Some("manage_billing:copilot, read:org")
    );
    assert_eq!(header(&r, "x-oauth-scopes"), Some("read:org"));

    let r = h.get_as(path, Some("sso-token")).await;
    assert_eq!(r.status(), 403);
    let sso = header(&r, "x-github-sso").unwrap();
    assert!(
        sso.starts_with("required; url=https://github.com/orgs/acme/sso?authorization_request="),
        "{sso}"
    );
    let v: Value = r.json().await.unwrap();
    assert!(v["message"].as_str().unwrap().contains("SAML enforcement"));

    let r = h.get_as(path, Some("good-token")).await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        header(&r, "x-oauth-scopes"),
        Some("manage_billing:copilot, read:org")
    );
    // `token X` works as well as `Bearer X`.
    let r = h
        .client
        .get(format!("{}{path}", h.url))
        .header("authorization", "token good-token")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    // Enterprise SSO points at the enterprise.
    let r = h
        .get_as(
            "/enterprises/octo-enterprise/copilot/billing/seats",
            Some("sso-token"),
        )
        .await;
    assert!(header(&r, "x-github-sso")
        .unwrap()
        .contains("https://github.com/enterprises/octo-enterprise/sso"));
}

#[tokio::test]
async fn rate_limit_headers_count_down_per_token() {
    let h = hub().await;
    let mut ids = std::collections::HashSet::new();
    for n in 1..=3u64 {
        let r = h.get("/orgs/acme/copilot/billing").await;
        assert_eq!(header(&r, "x-ratelimit-limit"), Some("5000"));
        assert_eq!(
            header(&r, "x-ratelimit-remaining"),
            Some((5000 - n).to_string().as_str())
        );
        assert_eq!(header(&r, "x-ratelimit-used"), Some(n.to_string().as_str()));
        assert_eq!(header(&r, "x-ratelimit-resource"), Some("core"));
        let reset: u64 = header(&r, "x-ratelimit-reset").unwrap().parse().unwrap();
        assert!(reset > epoch() + 3_500 && reset <= epoch() + 3_600);
        assert!(ids.insert(header(&r, "x-github-request-id").unwrap().to_string()));
        assert!(r.headers().contains_key("x-oauth-scopes"));
    }
    // Another token has its own window; errors carry the headers too.
    let r = h
        .get_as("/orgs/acme/copilot/billing", Some("noscope-token"))
        .await;
    assert_eq!(header(&r, "x-ratelimit-remaining"), Some("4999"));
    let r = h.get_as("/orgs/acme/copilot/billing", None).await;
    assert_eq!(header(&r, "x-ratelimit-limit"), Some("60"));
    assert!(r.headers().contains_key("x-github-request-id"));
}

// -------------------------------------------------------------------------------- scenarios

#[tokio::test]
async fn official_examples_are_served_byte_for_byte() {
    let h = hub().await;
    for (path, fixture) in [
        ("/orgs/octo-examples/copilot/billing", BILLING),
        ("/orgs/octo-examples/copilot/billing/seats", SEATS),
        (
            "/orgs/octo-examples/copilot/billing/seats?per_page=100&page=1",
            SEATS,
        ),
        ("/orgs/octo-examples/members/octocat/copilot", MEMBER),
        (
            "/enterprises/octo-enterprise/copilot/billing/seats",
            ENTERPRISE,
        ),
    ] {
        let r = h.get(path).await;
        assert_eq!(r.status(), 200, "{path}");
        assert_eq!(
            header(&r, "content-type"),
            Some("application/json; charset=utf-8")
        );
        assert_eq!(r.text().await.unwrap(), fixture, "{path}");
    }
    let kitten = h
        .json("/orgs/octo-examples/members/octokitten/copilot")
        .await;
    assert_eq!(kitten["pending_cancellation_date"], "2021-11-01");
    assert_eq!(
        h.get("/orgs/octo-examples/members/nobody/copilot")
            .await
            .status(),
        404
    );
}

#[tokio::test]
async fn member_endpoint_finds_generated_seats_and_404s_like_github() {
    let h = hub().await;
    let page = h.json(&seats_path("acme", "?per_page=100&page=7")).await;
    let seat = &page["seats"][3];
    let login = seat["assignee"]["login"].as_str().unwrap();
    let found = h.json(&format!("/orgs/acme/members/{login}/copilot")).await;
    assert_eq!(&found, seat);
    // Logins are case-insensitive on GitHub.
    let upper = h
        .json(&format!(
            "/orgs/ACME/members/{}/copilot",
            login.to_uppercase()
        ))
        .await;
    assert_eq!(&upper, seat);
    let r = h.get("/orgs/acme/members/not-a-member/copilot").await;
    assert_eq!(r.status(), 404);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["message"], "Not Found");
    assert_eq!(v["status"], "404");
    assert!(v["documentation_url"]
        .as_str()
        .unwrap()
        .contains("get-copilot-seat-assignment-details-for-a-user"));
}

#[tokio::test]
async fn unknown_missing_and_billing_problem_orgs() {
    let h = hub().await;
    for path in [
        "/orgs/nobody/copilot/billing",
        "/orgs/nobody/copilot/billing/seats",
        "/orgs/missing/copilot/billing",
        "/orgs/missing/copilot/billing/seats",
        "/enterprises/nobody/copilot/billing/seats",
    ] {
        let r = h.get(path).await;
        assert_eq!(r.status(), 404, "{path}");
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["message"], "Not Found");
    }
    for path in [
        "/orgs/billing-problem/copilot/billing",
        "/orgs/billing-problem/copilot/billing/seats",
    ] {
        let r = h.get(path).await;
        assert_eq!(r.status(), 422, "{path}");
        let v: Value = r.json().await.unwrap();
        assert!(v["message"]
            .as_str()
            .unwrap()
            .starts_with("There is a problem with your organization's billing"));
        assert_eq!(v["status"], "422");
    }
}

#[tokio::test]
async fn plans_and_billing_counts() {
    let h = hub().await;
    let b = h.json("/orgs/enterprise-co/copilot/billing").await;
    assert_eq!(b["plan_type"], "enterprise");
    assert_eq!(b["seat_breakdown"]["total"], 250);
    let s = h.json(&seats_path("enterprise-co", "?per_page=100")).await;
    assert!(s["seats"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["plan_type"] == "enterprise"));
    let acme = h.json("/orgs/acme/copilot/billing").await;
    assert_eq!(acme["seat_breakdown"]["total"], 3000);
    assert_eq!(acme["plan_type"], "business");
    assert_eq!(acme["seat_management_setting"], "assign_selected");
}

/// The scenarios that take seconds run side by side: the suite waits for the slowest only.
#[tokio::test]
async fn timed_scenarios() {
    let h = hub().await;
    tokio::join!(
        rate_limited_answers_403_until_reset_then_ok(&h),
        secondary_limited_answers_429_with_retry_after(&h),
        timeout_never_answers(&h),
        slow_takes_three_seconds(&h),
    );
    shutdown_does_not_wait_for_a_hanging_request(h).await;
}

async fn rate_limited_answers_403_until_reset_then_ok(h: &common::Hub) {
    let p1 = h
        .get(&seats_path("rate-limited", "?per_page=100&page=1"))
        .await;
    assert_eq!(p1.status(), 200);
    let path = seats_path("rate-limited", "?per_page=100&page=2");
    let r = h.get(&path).await;
    assert_eq!(r.status(), 403);
    assert_eq!(header(&r, "x-ratelimit-remaining"), Some("0"));
    let reset: u64 = header(&r, "x-ratelimit-reset").unwrap().parse().unwrap();
    assert!(
        reset > epoch() && reset <= epoch() + 4,
        "reset {reset} now {}",
        epoch()
    );
    let v: Value = r.json().await.unwrap();
    assert!(v["message"]
        .as_str()
        .unwrap()
        .starts_with("API rate limit exceeded for user ID 1"));
    // Asking again before the reset is still limited.
    assert_eq!(h.get(&path).await.status(), 403);
    while epoch() < reset {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(h.get(&path).await.status(), 200);
}

async fn secondary_limited_answers_429_with_retry_after(h: &common::Hub) {
    let path = seats_path("secondary-limited", "?per_page=100&page=2");
    let r = h.get(&path).await;
    assert_eq!(r.status(), 429);
    assert_eq!(header(&r, "retry-after"), Some("1"));
    let v: Value = r.json().await.unwrap();
    assert!(v["message"]
        .as_str()
        .unwrap()
        .contains("secondary rate limit"));
    tokio::time::sleep(Duration::from_millis(1_100)).await;
    assert_eq!(h.get(&path).await.status(), 200);
    assert_eq!(
        h.get(&seats_path("secondary-limited", "?per_page=100&page=1"))
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn flaky_persistent_502_truncated_and_repeat() {
    let h = hub().await;
    let flaky = seats_path("flaky", "?per_page=100&page=2");
    for _ in 0..2 {
        let r = h.get(&flaky).await;
        assert_eq!(r.status(), 502);
        assert!(header(&r, "content-type").unwrap().starts_with("text/html"));
        assert!(r.text().await.unwrap().contains("Bad Gateway"));
    }
    assert_eq!(h.get(&flaky).await.status(), 200);
    assert_eq!(
        h.get(&seats_path("flaky", "?per_page=100&page=3"))
            .await
            .status(),
        200
    );

    for _ in 0..3 {
        assert_eq!(
            h.get(&seats_path("persistent-502", "?per_page=100&page=2"))
                .await
                .status(),
            502
        );
    }
    assert_eq!(
        h.get(&seats_path("persistent-502", "?per_page=100&page=1"))
            .await
            .status(),
        200
    );

    let whole = h
        .get(&seats_path("big-250", "?per_page=100&page=2"))
        .await
        .text()
        .await
        .unwrap();
    let r = h
        .get(&seats_path("truncated", "?per_page=100&page=2"))
        .await;
    assert_eq!(r.status(), 200);
    let body = r.text().await.unwrap();
    assert!(serde_json::from_str::<Value>(&body).is_err());
    assert!(body.len() > whole.len() / 3 && body.len() < whole.len() * 2 / 3);

    let p1 = h.json(&seats_path("repeat", "?per_page=100&page=1")).await;
    let p2 = h.json(&seats_path("repeat", "?per_page=100&page=2")).await;
    assert_eq!(p1["seats"], p2["seats"]);
    let p3 = h.json(&seats_path("repeat", "?per_page=100&page=3")).await;
    assert_eq!(seats_len(&p3), 50);
}

#[tokio::test]
async fn dropped_closes_the_connection_mid_body() {
    let h = hub().await;
    let r = h.get(&seats_path("dropped", "?per_page=100&page=2")).await;
    assert_eq!(r.status(), 200);
    assert!(r.bytes().await.is_err(), "the body must fail");
    assert_eq!(
        h.get(&seats_path("dropped", "?per_page=100&page=1"))
            .await
            .status(),
        200
    );
}

async fn timeout_never_answers(h: &common::Hub) {
    let started = Instant::now();
    let r = h
        .request(
            Method::GET,
            &seats_path("timeout", "?per_page=100&page=2"),
            Some("good-token"),
        )
        .timeout(Duration::from_millis(1_500))
        .send()
        .await;
    assert!(r.unwrap_err().is_timeout());
    assert!(started.elapsed() >= Duration::from_millis(1_400));
    assert_eq!(
        h.get(&seats_path("timeout", "?per_page=100&page=1"))
            .await
            .status(),
        200
    );
}

async fn slow_takes_three_seconds(h: &common::Hub) {
    let started = Instant::now();
    assert_eq!(h.get("/orgs/slow/copilot/billing").await.status(), 200);
    assert!(started.elapsed() >= Duration::from_secs(3));
}

async fn shutdown_does_not_wait_for_a_hanging_request(h: common::Hub) {
    let hanging = {
        let client = h.client.clone();
        let url = format!("{}{}", h.url, seats_path("timeout", "?per_page=100&page=2"));
        tokio::spawn(async move {
            client
                .get(url)
                .header("authorization", "Bearer good-token")
                .send()
                .await
        })
    };
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = Instant::now();
    h.running.shutdown().await;
    assert!(started.elapsed() < Duration::from_secs(3));
    let _ = hanging.await;
}

#[tokio::test]
async fn foreign_link_points_away_from_the_api() {
    let h = hub().await;
    let r = h
        .get(&seats_path("foreign-link", "?per_page=100&page=1"))
        .await;
    assert_eq!(
        header(&r, "link").unwrap(),
        "<https://evil.example.com/orgs/foreign-link/copilot/billing/seats?per_page=100&page=2>; rel=\"next\", <https://evil.example.com/orgs/foreign-link/copilot/billing/seats?per_page=100&page=3>; rel=\"last\""
    );
}

#[tokio::test]
async fn big_enterprise_lists_some_users_twice() {
    let h = hub().await;
    let pages = h
        .all_pages("/enterprises/big-enterprise/copilot/billing/seats?per_page=100")
        .await;
    let total = pages.last().unwrap()["total_seats"].as_u64().unwrap();
    let seats: u64 = pages.iter().map(|v| seats_len(v) as u64).sum();
    assert!(pages
        .iter()
        .all(|v| v["seats"][0]["organization"]["login"].is_string()));
    assert_eq!(total, 1_200);
    assert_eq!(
        seats, 1_440,
        "seats outnumber total_seats: never stop paging by count"
    );
}

#[tokio::test]
async fn cancelling_seats() {
    let h = hub().await;
    let cancel = |body: String, org: &str| {
        h.request(
            Method::DELETE,
            &format!("/orgs/{org}/copilot/billing/selected_users"),
            Some("good-token"),
        )
        .header("content-type", "application/json")
        .body(body)
    };
    let page = h.json(&seats_path("big-250", "?per_page=100")).await;
    let seats = page["seats"].as_array().unwrap();
    let free = seats
        .iter()
        .find(|s| s.get("assigning_team").is_none() && s["pending_cancellation_date"].is_null())
        .unwrap();
    let login = free["assignee"]["login"].as_str().unwrap();
    let team = seats
        .iter()
        .find(|s| s.get("assigning_team").is_some())
        .unwrap()["assignee"]["login"]
        .as_str()
        .unwrap();
    let before = h.json("/orgs/big-250/copilot/billing").await["seat_breakdown"]
        ["pending_cancellation"]
        .as_u64()
        .unwrap();

    let body = format!(r#"{{"selected_usernames": ["{login}", "not-a-member"]}}"#);
    let r = cancel(body.clone(), "big-250").send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.json::<Value>().await.unwrap(),
        serde_json::json!({ "seats_cancelled": 1 })
    );
    // Cancelling again changes nothing.
    let r = cancel(body, "big-250").send().await.unwrap();
    assert_eq!(r.json::<Value>().await.unwrap()["seats_cancelled"], 0);
    let seat = h
        .json(&format!("/orgs/big-250/members/{login}/copilot"))
        .await;
    assert!(seat["pending_cancellation_date"].is_string());
    let after = h.json("/orgs/big-250/copilot/billing").await["seat_breakdown"]
        ["pending_cancellation"]
        .as_u64()
        .unwrap();
    assert_eq!(after, before + 1);
    let listed = h.json(&seats_path("big-250", "?per_page=100")).await;
    let listed = listed["seats"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["assignee"]["login"] == login)
        .unwrap()
        .clone();
    assert_eq!(
        listed["pending_cancellation_date"],
        seat["pending_cancellation_date"]
    );

    let r = cancel(
        format!(r#"{{"selected_usernames": ["{team}"]}}"#),
        "big-250",
    )
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 422, "team-granted seats cannot be cancelled");
    let r = cancel(
        format!(r#"{{"selected_usernames": ["{login}"]}}"#),
        "assign-all",
    )
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 422, "assign_all");
    assert_eq!(
        h.json("/orgs/assign-all/copilot/billing").await["seat_management_setting"],
        "assign_all"
    );
    assert_eq!(
        cancel("{".into(), "big-250").send().await.unwrap().status(),
        400
    );
    assert_eq!(
        cancel("{}".into(), "big-250")
            .send()
            .await
            .unwrap()
            .status(),
        422
    );
    let r = cancel(
        r#"{"selected_usernames": ["octocat"]}"#.into(),
        "octo-examples",
    )
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 422);
    let r = h
        .request(
            Method::DELETE,
            "/orgs/big-250/copilot/billing/selected_users",
            None,
        )
        .body(r#"{"selected_usernames": ["x"]}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

// ---------------------------------------------------------------------------------- admin

#[tokio::test]
async fn request_log_and_reset() {
    let h = hub().await;
    h.get(&seats_path("flaky", "?per_page=100&page=2")).await;
    h.get_as("/orgs/acme/copilot/billing", Some("noscope-token"))
        .await;
    h.client
        .request(
            Method::OPTIONS,
            format!("{}/orgs/acme/copilot/billing", h.url),
        )
        .header("access-control-request-method", "GET")
        .send()
        .await
        .unwrap();
    h.get("/_fakehub/health").await;
    let log: Vec<Value> = h
        .client
        .get(format!("{}/_fakehub/requests", h.url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(log.len(), 3, "admin requests are not logged: {log:?}");
    assert_eq!(log[0]["method"], "GET");
    assert_eq!(log[0]["path"], "/orgs/flaky/copilot/billing/seats");
    assert_eq!(log[0]["query"], "per_page=100&page=2");
    assert_eq!(log[0]["headers"]["authorization"], "Bearer good-token");
    assert_eq!(log[1]["headers"]["authorization"], "Bearer noscope-token");
    assert_eq!(log[2]["method"], "OPTIONS");
    assert!(log[2]["headers"].get("authorization").is_none());

    // The second flaky request would be the last 502; after a reset it is the first again.
    h.reset().await;
    let log: Vec<Value> = h
        .client
        .get(format!("{}/_fakehub/requests", h.url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(log.is_empty());
    assert_eq!(
        h.get(&seats_path("flaky", "?per_page=100&page=2"))
            .await
            .status(),
        502
    );
    assert_eq!(
        h.get(&seats_path("flaky", "?per_page=100&page=2"))
            .await
            .status(),
        502
    );
    assert_eq!(
        h.get(&seats_path("flaky", "?per_page=100&page=2"))
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn latency_is_added_and_overlaps() {
    let h = hub().await;
    let health = h
        .client
        .get(format!("{}/_fakehub/health", h.url))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
    assert_eq!(health.text().await.unwrap(), "ok");
    let r = h
        .client
        .put(format!("{}/_fakehub/latency?ms=300", h.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        h.client
            .put(format!("{}/_fakehub/latency?ms=x", h.url))
            .send()
            .await
            .unwrap()
            .status(),
        400
    );
    let (p1, p2) = (
        seats_path("acme", "?per_page=100&page=1"),
        seats_path("acme", "?per_page=100&page=2"),
    );
    let started = Instant::now();
    let (a, b, c) = tokio::join!(h.get("/orgs/acme/copilot/billing"), h.get(&p1), h.get(&p2));
    let took = started.elapsed();
    assert!([a.status(), b.status(), c.status()]
        .iter()
        .all(|s| *s == 200));
    assert!(took >= Duration::from_millis(300), "{took:?}");
    assert!(
        took < Duration::from_millis(850),
        "concurrent requests overlap: {took:?}"
    );
    // Admin endpoints are not delayed.
    let started = Instant::now();
    h.client
        .get(format!("{}/_fakehub/health", h.url))
        .send()
        .await
        .unwrap();
    assert!(started.elapsed() < Duration::from_millis(250));
}

// ------------------------------------------------------------------------- app and binary

#[tokio::test]
async fn app_listener_serves_wasm_and_falls_back_to_index() {
    let dir = std::env::temp_dir().join(format!("fakehub-app-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>app</title>").unwrap();
    std::fs::write(dir.join("assets/app_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(dir.join("assets/app.js"), "export {}").unwrap();
    let running = fakehub::start(fakehub::Config {
        port: 0,
        app_port: 0,
        app_dir: Some(dir.clone()),
        ..fakehub::Config::default()
    })
    .await
    .unwrap();
    let app = format!("http://{}", running.app_addr.unwrap());
    let client = reqwest::Client::new();
    let r = client
        .get(format!("{app}/assets/app_bg.wasm"))
        .send()
        .await
        .unwrap();
    assert_eq!(header(&r, "content-type"), Some("application/wasm"));
    let r = client
        .get(format!("{app}/assets/app.js"))
        .send()
        .await
        .unwrap();
    assert!(header(&r, "content-type").unwrap().contains("javascript"));
    for deep in ["/", "/seats/octocat", "/org/acme/seats?sort=last_activity"] {
        let r = client.get(format!("{app}{deep}")).send().await.unwrap();
        assert_eq!(r.status(), 200, "{deep}");
        assert!(header(&r, "content-type").unwrap().starts_with("text/html"));
        assert!(r.text().await.unwrap().contains("<title>app</title>"));
    }
    running.shutdown().await;
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn a_sub_path_is_served_the_way_github_pages_does() {
    let dir = std::env::temp_dir().join(format!("fakehub-pages-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<title>index</title>").unwrap();
    std::fs::write(dir.join("404.html"), "<title>not found page</title>").unwrap();
    std::fs::write(dir.join("app.js"), "export {}").unwrap();
    let running = fakehub::start(fakehub::Config {
        port: 0,
        app_port: 0,
        app_dir: Some(dir.clone()),
        app_base: "/repo/".into(),
        ..fakehub::Config::default()
    })
    .await
    .unwrap();
    let app = format!("http://{}", running.app_addr.unwrap());
    let client = reqwest::Client::new();
    let r = client.get(format!("{app}/repo/")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("index"));
    let r = client
        .get(format!("{app}/repo/app.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = client
        .get(format!("{app}/repo/seats/octocat"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        404,
        "GitHub Pages answers a deep link with its 404 page"
    );
    assert!(r.text().await.unwrap().contains("not found page"));
    let r = client.get(format!("{app}/app.js")).send().await.unwrap();
    assert_eq!(r.status(), 404, "nothing is served outside the sub-path");
    running.shutdown().await;
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn binary_prints_its_address_and_stops_on_sigterm() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_fakehub"))
        .args(["--port", "0", "--latency-ms", "0"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim()
        .strip_prefix("fakehub API listening on ")
        .expect(&line)
        .to_string();
    assert!(url.starts_with("http://127.0.0.1:"), "{line}");
    let rt = tokio::runtime::Runtime::new().unwrap();
    let body = rt.block_on(async {
        reqwest::get(format!("{url}/_fakehub/health"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    });
    assert_eq!(body, "ok");
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "{status}");
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "fakehub did not stop on SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let bad = Command::new(env!("CARGO_BIN_EXE_fakehub"))
        .arg("--bogus")
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}
