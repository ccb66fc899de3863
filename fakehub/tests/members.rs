//! Members, teams and assigning seats (issue 25): the member and team lists paged like GitHub's
//! and checked against its schemas, seats added for users and teams and removed per team, the
//! seat list, member call and billing counts that follow, the refusals, and the reset.

mod common;

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use common::{assert_read_only_refusal, assert_schema, header, hub, next_month, Hub};
use reqwest::Method;
use serde_json::{json, Value};

const MEMBERS_OP: &str = "GET-orgs-org-members";
const TEAMS_OP: &str = "GET-orgs-org-teams";
const TEAM_MEMBERS_OP: &str = "GET-orgs-org-teams-team_slug-members";
const MEMBER_SEAT_OP: &str = "GET-orgs-org-members-username-copilot";
const ASSIGN_TEAMS_OP: &str = "POST-orgs-org-copilot-billing-selected_teams";
const CANCEL_TEAMS_OP: &str = "DELETE-orgs-org-copilot-billing-selected_teams";
const ASSIGN_USERS_OP: &str = "POST-orgs-org-copilot-billing-selected_users";

fn login(user: &Value) -> String {
    user["login"].as_str().expect("a login").to_string()
}

/// Every item of a paged list, each page checked against `op`'s schema.
async fn list(h: &Hub, path: &str, op: &str) -> Vec<Value> {
    let sep = if path.contains('?') { '&' } else { '?' };
    let pages = h.all_pages(&format!("{path}{sep}per_page=100")).await;
    let mut items = Vec::new();
    for page in pages {
        assert_schema(op, 200, &page);
        items.extend(page.as_array().unwrap().iter().cloned());
    }
    items
}

/// Every seat, in the seat list's order.
async fn seats(h: &Hub, org: &str) -> Vec<Value> {
    let pages = h
        .all_pages(&format!("/orgs/{org}/copilot/billing/seats?per_page=100"))
        .await;
    pages
        .iter()
        .flat_map(|p| p["seats"].as_array().unwrap().clone())
        .collect()
}

fn seat_logins(seats: &[Value]) -> HashSet<String> {
    seats
        .iter()
        .filter(|s| s["assignee"].is_object())
        .map(|s| login(&s["assignee"]).to_ascii_lowercase())
        .collect()
}

async fn breakdown(h: &Hub, org: &str) -> Value {
    h.json(&format!("/orgs/{org}/copilot/billing")).await["seat_breakdown"].clone()
}

fn count(b: &Value, key: &str) -> u64 {
    b[key].as_u64().unwrap()
}

async fn write(h: &Hub, method: Method, path: &str, token: &str, body: &str) -> (u16, Value) {
    let r = raw_write(h, method, path, token, body).await;
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

/// A `selected_teams` write as `good-token`.
async fn teams_write(h: &Hub, method: Method, org: &str, teams: &[&str]) -> (u16, Value) {
    write(
        h,
        method,
        &teams_path(org),
        "good-token",
        &teams_body(teams),
    )
    .await
}

/// A `selected_users` write as `good-token`.
async fn users_write(h: &Hub, method: Method, org: &str, logins: &[&str]) -> (u16, Value) {
    write(
        h,
        method,
        &users_path(org),
        "good-token",
        &users_body(logins),
    )
    .await
}

async fn raw_write(
    h: &Hub,
    method: Method,
    path: &str,
    token: &str,
    body: &str,
) -> reqwest::Response {
    h.request(method, path, Some(token))
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap()
}

fn users_path(org: &str) -> String {
    format!("/orgs/{org}/copilot/billing/selected_users")
}

fn teams_path(org: &str) -> String {
    format!("/orgs/{org}/copilot/billing/selected_teams")
}

fn users_body(logins: &[&str]) -> String {
    json!({ "selected_usernames": logins }).to_string()
}

fn teams_body(teams: &[&str]) -> String {
    json!({ "selected_teams": teams }).to_string()
}

// ------------------------------------------------------------------------------- the lists

#[tokio::test]
async fn members_page_like_githubs_lists_and_match_the_schema() {
    let h = hub().await;
    // Default 30 a page, Link to the next and the last (3,152 members: 106 pages).
    let r = h.get("/orgs/acme/members").await;
    assert_eq!(r.status(), 200);
    let link = header(&r, "link").unwrap().to_string();
    assert!(
        link.contains("/orgs/acme/members?page=2>; rel=\"next\""),
        "{link}"
    );
    assert!(link.contains("page=106>; rel=\"last\""), "{link}");
    let first: Value = r.json().await.unwrap();
    assert_eq!(first.as_array().unwrap().len(), 30);
    assert_schema(MEMBERS_OP, 200, &first);
    // per_page is capped at 100; the last page has prev and first.
    let r = h.get("/orgs/acme/members?per_page=500&page=32").await;
    let link = header(&r, "link").unwrap().to_string();
    assert!(
        link.contains("per_page=500&page=31>; rel=\"prev\""),
        "{link}"
    );
    assert!(
        link.contains("per_page=500&page=1>; rel=\"first\""),
        "{link}"
    );
    assert!(!link.contains("rel=\"next\""), "{link}");
    assert_eq!(
        r.json::<Value>().await.unwrap().as_array().unwrap().len(),
        52
    );
    let past: Value = h.json("/orgs/acme/members?per_page=100&page=33").await;
    assert_eq!(past, json!([]));

    // Every member once: the seat holders (not the null assignee) and 153 without a seat.
    let members = list(&h, "/orgs/acme/members", MEMBERS_OP).await;
    assert_eq!(members.len(), 3_000 - 1 + 153);
    let logins: HashSet<String> = members
        .iter()
        .map(|m| login(m).to_ascii_lowercase())
        .collect();
    assert_eq!(logins.len(), members.len());
    let seated = seat_logins(&seats(&h, "acme").await);
    assert_eq!(seated.len(), 2_999);
    assert!(seated.is_subset(&logins));
    assert_eq!(logins.difference(&seated).count(), 153);
    // The same Simple User as the seat's assignee.
    let seat = h
        .json(&format!(
            "/orgs/acme/members/{}/copilot",
            login(&members[0])
        ))
        .await;
    assert_eq!(seat["assignee"], members[0]);

    // role and filter.
    let admins = h.json("/orgs/acme/members?role=admin").await;
    assert_eq!(admins.as_array().unwrap().len(), 2);
    let r = h
        .get("/orgs/acme/members?role=member&per_page=100&page=32")
        .await;
    assert_eq!(
        r.json::<Value>().await.unwrap().as_array().unwrap().len(),
        50
    );
    assert_eq!(
        h.json("/orgs/acme/members?filter=2fa_disabled").await,
        json!([])
    );
    assert_eq!(
        h.json("/orgs/acme/members?filter=all&role=all").await,
        first
    );
    let r = h.get("/orgs/acme/members?role=owner").await;
    assert_eq!(r.status(), 422);
    assert_eq!(r.json::<Value>().await.unwrap()["status"], "422");

    // Sizes of the other organizations.
    assert_eq!(
        list(&h, "/orgs/rate-limited/members", MEMBERS_OP)
            .await
            .len(),
        250 + 15
    );
    let all = list(&h, "/orgs/assign-all/members", MEMBERS_OP).await;
    assert_eq!(all.len(), 250, "in assign-all every member has a seat");
    let seated = seat_logins(&seats(&h, "assign-all").await);
    assert!(all
        .iter()
        .all(|m| seated.contains(&login(m).to_ascii_lowercase())));
    assert_eq!(list(&h, "/orgs/empty/members", MEMBERS_OP).await.len(), 3);
    let examples = h.json("/orgs/octo-examples/members").await;
    let names: Vec<String> = examples.as_array().unwrap().iter().map(login).collect();
    assert_eq!(names, ["octocat", "octokitten"]);
}

#[tokio::test]
async fn teams_and_their_members_follow_the_seats_and_match_the_schemas() {
    let h = hub().await;
    let r = h.get("/orgs/acme/teams?per_page=10").await;
    assert!(header(&r, "link")
        .unwrap()
        .contains("page=3>; rel=\"last\""));
    let teams = list(&h, "/orgs/acme/teams", TEAMS_OP).await;
    assert_eq!(teams.len(), 21);
    let slugs: Vec<String> = teams
        .iter()
        .map(|t| t["slug"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(slugs.iter().collect::<HashSet<_>>().len(), 21);

    let all_seats = seats(&h, "acme").await;
    let seated = seat_logins(&all_seats);
    let mut granted: HashMap<String, HashSet<String>> = HashMap::new();
    for s in &all_seats {
        if let Some(t) = s.get("assigning_team") {
            let slug = t["slug"].as_str().unwrap().to_string();
            granted
                .entry(slug)
                .or_default()
                .insert(login(&s["assignee"]).to_ascii_lowercase());
        }
    }
    assert_eq!(granted.len(), 18, "the first 18 teams grant seats");
    let mut seatless_in_teams = HashSet::new();
    for slug in &slugs {
        let members = list(
            &h,
            &format!("/orgs/acme/teams/{slug}/members"),
            TEAM_MEMBERS_OP,
        )
        .await;
        let logins: HashSet<String> = members
            .iter()
            .map(|m| login(m).to_ascii_lowercase())
            .collect();
        assert_eq!(logins.len(), members.len(), "{slug}");
        let seatless: HashSet<&String> = logins.difference(&seated).collect();
        match granted.get(slug) {
            Some(holders) => {
                assert!(
                    holders.is_subset(&logins),
                    "{slug}: a team's seat holders are its members"
                );
                assert!(
                    seatless.is_empty(),
                    "{slug} grants seats: all its members have one"
                );
            }
            None => {
                assert!(!seatless.is_empty(), "{slug}");
                seatless_in_teams.extend(seatless.into_iter().cloned());
            }
        }
    }
    assert!(
        seatless_in_teams.len() * 2 >= 153,
        "{}",
        seatless_in_teams.len()
    );

    // Slugs are case-insensitive; an unknown team is 404.
    let upper = h.json("/orgs/acme/teams/ENGINEERING/members").await;
    assert_eq!(upper, h.json("/orgs/acme/teams/engineering/members").await);
    let r = h.get("/orgs/acme/teams/nobody/members").await;
    assert_eq!(r.status(), 404);
    assert_eq!(r.json::<Value>().await.unwrap()["message"], "Not Found");
    assert_eq!(
        h.json("/orgs/acme/teams/engineering/members?role=maintainer")
            .await,
        json!([])
    );

    // GitHub's example organization: its one team, with octocat.
    let teams = h.json("/orgs/octo-examples/teams").await;
    assert_eq!(teams[0]["slug"], "justice-league");
    let members = h
        .json("/orgs/octo-examples/teams/justice-league/members")
        .await;
    assert_eq!(
        members
            .as_array()
            .unwrap()
            .iter()
            .map(login)
            .collect::<Vec<_>>(),
        ["octocat"]
    );
}

#[tokio::test]
async fn the_lists_take_read_org_or_the_members_permission() {
    let h = hub().await;
    for path in [
        "/orgs/acme/members",
        "/orgs/acme/teams",
        "/orgs/acme/teams/engineering/members",
    ] {
        for token in [
            "good-token",
            "readonly-token",
            "nonowner-token",
            "fine-grained-token",
        ] {
            let r = h.get_as(path, Some(token)).await;
            assert_eq!(r.status(), 200, "{path} {token}");
        }
        let r = h.get_as(path, Some("nobilling-token")).await;
        assert_eq!(r.status(), 403, "{path}: no Members permission");
        assert_eq!(header(&r, "x-accepted-oauth-scopes"), None);
        let r = h.get_as(path, Some("noscope-token")).await;
        assert_eq!(r.status(), 403, "{path}");
        assert_eq!(header(&r, "x-oauth-scopes"), Some("repo"));
        assert_eq!(
            header(&r, "x-accepted-oauth-scopes"),
            Some("admin:org, read:org, write:org")
        );
        assert_eq!(h.get_as(path, None).await.status(), 401);
        assert_eq!(h.get_as(path, Some("sso-token")).await.status(), 403);
    }
    // The billing problem is the billing's: members still list; a missing org is 404.
    assert_eq!(h.get("/orgs/billing-problem/members").await.status(), 200);
    assert_eq!(h.get("/orgs/missing/members").await.status(), 404);
    assert_eq!(h.get("/orgs/nobody/teams").await.status(), 404);
}

#[tokio::test]
async fn big_organizations_list_members_and_teams_quickly() {
    let h = hub().await;
    let started = Instant::now();
    let r = h
        .get("/orgs/big-100000/members?per_page=100&page=1051")
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.json::<Value>().await.unwrap().as_array().unwrap().len(),
        3,
        "100,000 seat holders and 5,003 members without a seat"
    );
    let members = h
        .json("/orgs/big-100000/teams/research/members?per_page=100&page=3")
        .await;
    assert_eq!(members.as_array().unwrap().len(), 100);
    // Cached: the second team costs no more scan.
    h.json("/orgs/big-100000/teams/engineering/members").await;
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
}

// ---------------------------------------------------------------------------------- writes

/// Three members of acme without a seat.
async fn seatless(h: &Hub, org: &str, n: usize) -> Vec<String> {
    let members = list(h, &format!("/orgs/{org}/members"), MEMBERS_OP).await;
    let seated = seat_logins(&seats(h, org).await);
    members
        .iter()
        .map(login)
        .filter(|l| !seated.contains(&l.to_ascii_lowercase()))
        .take(n)
        .collect()
}

#[tokio::test]
async fn assigning_users_adds_seats_after_the_generated_ones_until_a_reset() {
    let h = hub().await;
    let new = seatless(&h, "acme", 2).await;
    let active = seats(&h, "acme")
        .await
        .iter()
        .find(|s| s["pending_cancellation_date"].is_null() && s["assignee"].is_object())
        .map(|s| login(&s["assignee"]))
        .unwrap();
    let before = breakdown(&h, "acme").await;
    assert_eq!(
        h.get(&format!("/orgs/acme/members/{}/copilot", new[0]))
            .await
            .status(),
        404,
        "no seat yet"
    );

    let started = Utc::now() - chrono::Duration::seconds(2);
    let upper = new[1].to_uppercase();
    let (status, v) = users_write(
        &h,
        Method::POST,
        "acme",
        &[&new[0], &new[1], &upper, "nobody-here", &active],
    )
    .await;
    assert_eq!(status, 201);
    assert_schema(ASSIGN_USERS_OP, 201, &v);
    assert_eq!(
        v,
        json!({ "seats_created": 2 }),
        "a non-member and an active seat count 0"
    );

    // The seat list grows, the new seats last, in order.
    let page = h
        .json("/orgs/acme/copilot/billing/seats?per_page=100&page=31")
        .await;
    assert_eq!(page["total_seats"], 3_002);
    let last: Vec<String> = page["seats"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| login(&s["assignee"]))
        .collect();
    assert_eq!(last.len(), 2);
    assert_eq!(last, new);
    let r = h.get("/orgs/acme/copilot/billing/seats?per_page=100").await;
    assert!(header(&r, "link")
        .unwrap()
        .contains("page=31>; rel=\"last\""));

    // The member call: a new, unused seat of the org's plan, no team.
    let seat = h
        .json(&format!("/orgs/acme/members/{}/copilot", new[0]))
        .await;
    assert_schema(MEMBER_SEAT_OP, 200, &seat);
    let created = DateTime::parse_from_rfc3339(seat["created_at"].as_str().unwrap()).unwrap();
    assert!(created >= started && created <= Utc::now() + chrono::Duration::seconds(2));
    assert_eq!(seat["updated_at"], seat["created_at"]);
    for key in [
        "last_activity_at",
        "last_activity_editor",
        "last_authenticated_at",
        "pending_cancellation_date",
    ] {
        assert!(seat[key].is_null(), "{key}");
    }
    assert_eq!(seat["plan_type"], "business");
    assert!(seat.get("assigning_team").is_none());
    let members = list(&h, "/orgs/acme/members", MEMBERS_OP).await;
    assert!(members.contains(&seat["assignee"]));

    // The billing counts.
    let after = breakdown(&h, "acme").await;
    for key in ["total", "added_this_cycle", "inactive_this_cycle"] {
        assert_eq!(count(&after, key), count(&before, key) + 2, "{key}");
    }
    assert_eq!(after["active_this_cycle"], before["active_this_cycle"]);

    // Removed, then given back, like a generated seat.
    let (_, v) = users_write(&h, Method::DELETE, "acme", &[&new[0]]).await;
    assert_eq!(v["seats_cancelled"], 1);
    let seat = h
        .json(&format!("/orgs/acme/members/{}/copilot", new[0]))
        .await;
    assert_eq!(seat["pending_cancellation_date"], next_month());
    assert_eq!(
        count(&breakdown(&h, "acme").await, "pending_cancellation"),
        count(&before, "pending_cancellation") + 1
    );
    let (_, v) = users_write(&h, Method::POST, "acme", &[&new[0]]).await;
    assert_eq!(v["seats_created"], 1);
    assert_eq!(breakdown(&h, "acme").await, after);

    // The reset forgets the new seats.
    h.reset().await;
    assert_eq!(breakdown(&h, "acme").await, before);
    assert_eq!(
        h.json("/orgs/acme/copilot/billing/seats").await["total_seats"],
        3_000
    );
    assert_eq!(
        h.get(&format!("/orgs/acme/members/{}/copilot", new[0]))
            .await
            .status(),
        404
    );
}

#[tokio::test]
async fn assigning_and_removing_a_team_grants_and_cancels_its_seats() {
    let h = hub().await;
    let all_seats = seats(&h, "big-250").await;
    let seated = seat_logins(&all_seats);
    let before = breakdown(&h, "big-250").await;
    let team_members = list(&h, "/orgs/big-250/teams/research/members", TEAM_MEMBERS_OP).await;
    let seatless: Vec<String> = team_members
        .iter()
        .map(login)
        .filter(|l| !seated.contains(&l.to_ascii_lowercase()))
        .collect();
    assert!(!seatless.is_empty());

    // By name, case-insensitively.
    let (status, v) = teams_write(&h, Method::POST, "big-250", &["RESEARCH"]).await;
    assert_eq!(status, 201);
    assert_schema(ASSIGN_TEAMS_OP, 201, &v);
    assert_eq!(v["seats_created"], seatless.len());
    let now = seats(&h, "big-250").await;
    assert_eq!(now.len(), 250 + seatless.len());
    for s in &now[250..] {
        assert_eq!(s["assigning_team"]["slug"], "research");
        assert!(seatless.contains(&login(&s["assignee"])));
    }
    let b = breakdown(&h, "big-250").await;
    assert_eq!(
        count(&b, "total"),
        count(&before, "total") + seatless.len() as u64
    );
    // Again: everyone has a seat now.
    let (_, v) = teams_write(&h, Method::POST, "big-250", &["research"]).await;
    assert_eq!(v["seats_created"], 0);
    // A team seat cannot be removed on its own.
    let (status, v) = users_write(&h, Method::DELETE, "big-250", &[&seatless[0]]).await;
    assert_eq!(status, 422, "{v}");

    // Removing the team: the seats it granted (not the other seats of its members) go pending.
    let (status, v) = teams_write(&h, Method::DELETE, "big-250", &["research"]).await;
    assert_eq!(status, 200);
    assert_schema(CANCEL_TEAMS_OP, 200, &v);
    assert_eq!(v["seats_cancelled"], seatless.len());
    let seat = h
        .json(&format!("/orgs/big-250/members/{}/copilot", seatless[0]))
        .await;
    assert_eq!(seat["pending_cancellation_date"], next_month());
    assert_eq!(seat["assigning_team"]["slug"], "research");
    assert_eq!(
        count(&breakdown(&h, "big-250").await, "pending_cancellation"),
        count(&before, "pending_cancellation") + seatless.len() as u64
    );
    let (_, v) = teams_write(&h, Method::DELETE, "big-250", &["research"]).await;
    assert_eq!(v["seats_cancelled"], 0);
    // Assigning it again gives them back.
    let (_, v) = teams_write(&h, Method::POST, "big-250", &["research"]).await;
    assert_eq!(v["seats_created"], seatless.len());

    // A team that grants seats as generated (the one with most): its seats not already pending
    // go pending.
    let mut by_team: HashMap<String, Vec<&Value>> = HashMap::new();
    for s in &all_seats {
        if let Some(slug) = s.get("assigning_team").and_then(|t| t["slug"].as_str()) {
            by_team.entry(slug.to_string()).or_default().push(s);
        }
    }
    let (slug, granted) = by_team.iter().max_by_key(|(_, s)| s.len()).unwrap();
    let of_team = |s: &&Value| {
        s.get("assigning_team")
            .is_some_and(|t| t["slug"] == slug.as_str())
    };
    let active = granted
        .iter()
        .filter(|s| s["pending_cancellation_date"].is_null())
        .count();
    assert!(active > 0);
    let (_, v) = teams_write(&h, Method::DELETE, "big-250", &[&slug.to_uppercase()]).await;
    assert_eq!(v["seats_cancelled"], active);
    let listed = seats(&h, "big-250").await;
    assert!(listed
        .iter()
        .filter(of_team)
        .all(|s| s["pending_cancellation_date"].is_string()));
    let (_, v) = teams_write(&h, Method::POST, "big-250", &[slug]).await;
    assert_eq!(
        v["seats_created"],
        granted.len(),
        "given back, generated pending ones too"
    );

    h.reset().await;
    assert_eq!(breakdown(&h, "big-250").await, before);
    assert_eq!(seats(&h, "big-250").await, all_seats);
}

#[tokio::test]
async fn team_writes_refuse_bad_bodies_unknown_teams_settings_and_read_only_tokens() {
    let h = hub().await;
    let before = breakdown(&h, "big-250").await;
    for method in [Method::POST, Method::DELETE] {
        let path = teams_path("big-250");
        let (status, v) = write(&h, method.clone(), &path, "good-token", "{not json").await;
        assert_eq!(
            (status, v["message"].as_str()),
            (400, Some("Problems parsing JSON"))
        );
        for body in [
            "{}",
            r#"{"selected_teams": []}"#,
            r#"{"selected_teams": [1]}"#,
            r#"{"selected_teams": "research"}"#,
        ] {
            let (status, v) = write(&h, method.clone(), &path, "good-token", body).await;
            assert_eq!(status, 422, "{method} {body}");
            assert!(
                v["message"].as_str().unwrap().contains("selected_teams"),
                "{v}"
            );
        }
        let (status, v) = write(
            &h,
            method.clone(),
            &path,
            "good-token",
            &teams_body(&["research", "no-such-team"]),
        )
        .await;
        assert_eq!(status, 422);
        assert!(
            v["message"].as_str().unwrap().contains("\"no-such-team\""),
            "{v}"
        );

        // Read-only tokens: 403 with the write scopes, as for the users' writes.
        let r = raw_write(
            &h,
            method.clone(),
            &path,
            "readonly-token",
            &teams_body(&["research"]),
        )
        .await;
        assert_read_only_refusal(r, "teams-").await;
        for token in ["fine-grained-token", "nobilling-token", "nonowner-token"] {
            let r = raw_write(&h, method.clone(), &path, token, &teams_body(&["research"])).await;
            assert_eq!(r.status(), 403, "{token}");
        }

        // assign-all and unconfigured refuse all four writes.
        for org in ["assign-all", "unconfigured"] {
            let (status, v) = teams_write(&h, method.clone(), org, &["research"]).await;
            assert_eq!(status, 422, "{org} {method}");
            assert!(
                v["message"].as_str().unwrap().contains("eat management"),
                "{v}"
            );
            let someone = seatless(&h, "unconfigured", 1).await;
            let (status, _) = users_write(&h, method.clone(), org, &[&someone[0]]).await;
            assert_eq!(status, 422, "{org} {method}");
        }
    }
    assert_eq!(breakdown(&h, "big-250").await, before, "nothing changed");

    // octo-examples keeps no writes.
    let (status, v) = teams_write(&h, Method::POST, "octo-examples", &["Justice League"]).await;
    assert_eq!((status, v), (201, json!({ "seats_created": 0 })));
    let (status, v) = teams_write(&h, Method::DELETE, "octo-examples", &["justice-league"]).await;
    assert_eq!((status, v), (200, json!({ "seats_cancelled": 0 })));
    let (status, _) = teams_write(&h, Method::POST, "octo-examples", &["research"]).await;
    assert_eq!(status, 422);
    let (status, v) = users_write(&h, Method::POST, "octo-examples", &["octokitten"]).await;
    assert_eq!((status, v), (201, json!({ "seats_created": 0 })));
}
