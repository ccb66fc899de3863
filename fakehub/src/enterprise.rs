//! `GET /enterprises/{enterprise}/copilot/billing/seats`: one seat object per granting
//! organization or team, so a user can appear more than once and `seats` outnumbers
//! `total_seats`.

use axum::http::StatusCode;
use axum::response::Response;
use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use seat_core::generate::{self, OrgSpec, Plan};

use crate::api::Req;
use crate::github::{self, Ctx};

pub const ENTERPRISE_SEATS: &str =
    include_str!("../../fixtures/github-api/enterprise-copilot-billing-seats.json");

/// Distinct users of `big-enterprise` (its `total_seats`).
pub const BIG_USERS: usize = 1_200;
/// Every fifth user holds a second seat through another organization.
const GROUP: usize = 5;
const ORGS: [&str; 3] = [
    "big-enterprise-east",
    "big-enterprise-west",
    "big-enterprise-labs",
];

/// Seat objects `big-enterprise` lists: 1,440 for 1,200 users.
pub fn big_entries() -> usize {
    BIG_USERS + BIG_USERS.div_ceil(GROUP)
}

pub fn seats(ctx: &Ctx, enterprise: &str, req: &Req, now: DateTime<Utc>) -> Response {
    let (page, per_page) = req.paging();
    match enterprise.to_ascii_lowercase().as_str() {
        "octo-enterprise" => {
            if page == 1 {
                ctx.json(StatusCode::OK, ENTERPRISE_SEATS)
            } else {
                ctx.json(
                    StatusCode::OK,
                    json!({ "total_seats": 2, "seats": [] }).to_string(),
                )
            }
        }
        "big-enterprise" => {
            let spec = OrgSpec::named("big-enterprise", BIG_USERS, Plan::Enterprise, now);
            let entries = big_entries();
            let seats: Vec<Value> = generate::page_range(entries, page, per_page)
                .map(|k| entry(&spec, k, now))
                .collect();
            let body = json!({ "total_seats": BIG_USERS, "seats": seats }).to_string();
            let mut resp = ctx.json(StatusCode::OK, body);
            let last = generate::last_page(entries, per_page);
            if let Some(link) =
                github::link_header(&req.origin(), &req.path, &req.query, page, last)
            {
                github::set(resp.headers_mut(), "link", &link);
            }
            resp
        }
        _ => ctx.error(StatusCode::NOT_FOUND, "Not Found"),
    }
}

/// Seat object `k`: in each run of six, five users through their own organization, then the
/// first of them again through an enterprise team of another organization.
fn entry(spec: &OrgSpec, k: usize, now: DateTime<Utc>) -> Value {
    let (block, r) = (k / (GROUP + 1), k % (GROUP + 1));
    let duplicate = r == GROUP;
    let user = block * GROUP + if duplicate { 0 } else { r };
    let mut seat = generate::seat_json(spec, user);
    let org = if duplicate {
        (user + 1) % ORGS.len()
    } else {
        user % ORGS.len()
    };
    seat["organization"] = organization(org);
    if duplicate {
        let created = now - chrono::Duration::days(30 + (user % 200) as i64);
        seat["created_at"] = created.format("%Y-%m-%dT%H:%M:%SZ").to_string().into();
        seat["assigning_team"] = enterprise_team(now);
    }
    seat
}

fn organization(i: usize) -> Value {
    let login = ORGS[i];
    let id = 9_100_000 + i as u64;
    let api = format!("https://api.github.com/orgs/{login}");
    json!({
        "login": login,
        "id": id,
        "node_id": format!("O_kgDOAIrW{id:X}"),
        "url": api,
        "repos_url": format!("{api}/repos"),
        "events_url": format!("{api}/events"),
        "hooks_url": format!("{api}/hooks"),
        "issues_url": format!("{api}/issues"),
        "members_url": format!("{api}/members{{/member}}"),
        "public_members_url": format!("{api}/public_members{{/member}}"),
        "avatar_url": format!("https://avatars.githubusercontent.com/u/{id}?v=4"),
        "description": if i == 2 { Value::Null } else { "Part of big-enterprise".into() },
    })
}

/// GitHub's "Enterprise Team" object, which differs from an organization team.
fn enterprise_team(now: DateTime<Utc>) -> Value {
    json!({
        "id": 77,
        "name": "All Copilot users",
        "slug": "ent:all-copilot-users",
        "url": "https://api.github.com/enterprises/big-enterprise/teams/ent:all-copilot-users",
        "sync_to_organizations": "all",
        "group_id": null,
        "html_url": "https://github.com/enterprises/big-enterprise/teams/ent:all-copilot-users",
        "members_url": "https://api.github.com/enterprises/big-enterprise/teams/ent:all-copilot-users/memberships{/member}",
        "created_at": (now - chrono::Duration::days(400)).format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        "updated_at": (now - chrono::Duration::days(10)).format("%Y-%m-%dT%H:%M:%SZ").to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn big_enterprise_lists_every_user_and_some_twice() {
        let now = Utc::now();
        let spec = OrgSpec::named("big-enterprise", BIG_USERS, Plan::Enterprise, now);
        let mut per_login: HashMap<String, Vec<String>> = HashMap::new();
        for k in 0..big_entries() {
            let e = entry(&spec, k, now);
            let login = e["assignee"]["login"].as_str().unwrap().to_string();
            per_login
                .entry(login)
                .or_default()
                .push(e["organization"]["login"].as_str().unwrap().into());
        }
        assert_eq!(per_login.len(), BIG_USERS);
        let twice: Vec<_> = per_login.values().filter(|orgs| orgs.len() == 2).collect();
        assert_eq!(twice.len(), BIG_USERS / GROUP);
        assert!(
            twice.iter().all(|orgs| orgs[0] != orgs[1]),
            "one seat per granting org"
        );
        assert!(per_login.values().all(|orgs| orgs.len() <= 2));
    }
}
