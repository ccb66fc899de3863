//! `GET /enterprises/{enterprise}/copilot/billing/seats`: one seat object per granting
//! organization or enterprise team, so a person can appear more than once and `seats`
//! outnumbers `total_seats` (which counts each person once). Generated page by page by
//! `seat_core::generate::enterprise`.

use axum::http::StatusCode;
use axum::response::Response;
use chrono::{DateTime, Utc};
use serde_json::json;

use seat_core::generate::enterprise::{enterprise_page_json, EnterpriseSpec, Pattern};
use seat_core::generate::Plan;

use crate::github::{self, Ctx, Req};

pub const ENTERPRISE_SEATS: &str =
    include_str!("../../fixtures/github-api/enterprise-copilot-billing-seats.json");

/// Distinct people of `big-enterprise` (its `total_seats`).
pub const BIG_USERS: usize = 1_200;
/// Distinct people of `acme-enterprise`.
pub const ACME_PEOPLE: usize = 260;
/// Distinct people of `huge-enterprise`.
pub const HUGE_PEOPLE: usize = 100_000;

/// In each block of ten people, two are granted again by a second organization and one again
/// through the enterprise team: 1.3 seat objects per person.
const TWO_ORGS_AND_A_TEAM: Pattern = Pattern {
    direct: 10,
    second_org: 2,
    enterprise_team: 1,
};

fn orgs(names: &[(&str, Plan)]) -> Vec<(String, Plan)> {
    names.iter().map(|(n, p)| (n.to_string(), *p)).collect()
}

/// An enterprise whose `total_seats` says one person more than its listing holds, as when a
/// seat is added after the pages were read: the client must say the list is inconsistent.
pub const DRIFTING: &str = "drifting-enterprise";

/// The generated enterprise of that slug (case-insensitive), if any.
pub fn resolve(name: &str, now: DateTime<Utc>) -> Option<EnterpriseSpec> {
    let key = name.to_ascii_lowercase();
    let (people, organizations, pattern, null_assignee) = match key.as_str() {
        // Every fifth person again through the enterprise team: 1,440 objects.
        "big-enterprise" => (
            BIG_USERS,
            orgs(&[
                ("big-enterprise-east", Plan::Enterprise),
                ("big-enterprise-west", Plan::Enterprise),
                ("big-enterprise-labs", Plan::Enterprise),
            ]),
            Pattern {
                direct: 5,
                second_org: 0,
                enterprise_team: 1,
            },
            None,
        ),
        // 338 objects; acme-mobile pays for Copilot Enterprise. `drifting-enterprise` lists the
        // same people while its `total_seats` counts one more (see [`DRIFTING`]).
        "acme-enterprise" | DRIFTING => (
            ACME_PEOPLE,
            orgs(&[
                ("acme-web", Plan::Business),
                ("acme-data", Plan::Business),
                ("acme-mobile", Plan::Enterprise),
                ("acme-labs", Plan::Business),
            ]),
            TWO_ORGS_AND_A_TEAM,
            Some(7),
        ),
        // 130,000 objects.
        "huge-enterprise" => (
            HUGE_PEOPLE,
            (0..8)
                .map(|i| {
                    let plan = if i % 4 == 3 {
                        Plan::Enterprise
                    } else {
                        Plan::Business
                    };
                    (format!("huge-org-{i}"), plan)
                })
                .collect(),
            TWO_ORGS_AND_A_TEAM,
            Some(7),
        ),
        _ => return None,
    };
    Some(EnterpriseSpec {
        name: key,
        people,
        organizations,
        pattern,
        null_assignee,
        now,
    })
}

pub fn seats(ctx: &Ctx, enterprise: &str, req: &Req, now: DateTime<Utc>) -> Response {
    let (page, per_page) = req.paging();
    if enterprise.eq_ignore_ascii_case("octo-enterprise") {
        return if page == 1 {
            ctx.json(StatusCode::OK, ENTERPRISE_SEATS)
        } else {
            ctx.json(
                StatusCode::OK,
                json!({ "total_seats": 2, "seats": [] }).to_string(),
            )
        };
    }
    let Some(spec) = resolve(enterprise, now) else {
        return ctx.error(StatusCode::NOT_FOUND, "Not Found");
    };
    let mut body = enterprise_page_json(&spec, page, per_page);
    if enterprise.eq_ignore_ascii_case(DRIFTING) {
        body["total_seats"] = (spec.people + 1).into();
    }
    let body = body.to_string();
    let mut resp = ctx.json(StatusCode::OK, body);
    let last = seat_core::generate::last_page(spec.objects(), per_page);
    if let Some(link) = github::link_header(&req.origin(), &req.path, &req.query, page, last) {
        github::set(resp.headers_mut(), "link", &link);
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn every_enterprise_lists_each_person_and_some_twice_from_another_org() {
        let now = Utc::now();
        for (name, people, objects) in [
            ("big-enterprise", BIG_USERS, 1_440),
            ("acme-enterprise", ACME_PEOPLE, 338),
        ] {
            let spec = resolve(name, now).unwrap();
            assert_eq!(spec.objects(), objects, "{name}");
            let page = enterprise_page_json(&spec, 1, objects);
            let mut per_person: HashMap<String, Vec<String>> = HashMap::new();
            for (k, seat) in page["seats"].as_array().unwrap().iter().enumerate() {
                let who = seat["assignee"]["login"]
                    .as_str()
                    .map_or(format!("null-{k}"), str::to_string);
                per_person
                    .entry(who)
                    .or_default()
                    .push(seat["organization"]["login"].as_str().unwrap().into());
            }
            assert_eq!(per_person.len(), people, "{name}");
            assert!(per_person
                .values()
                .all(|orgs| orgs.len() == 1 || (orgs.len() == 2 && orgs[0] != orgs[1])));
        }
        assert_eq!(resolve("HUGE-enterprise", now).unwrap().objects(), 130_000);
        assert!(resolve("nobody", now).is_none());
    }
}
