//! Members, teams and the assign plan; the paged lists against a scripted transport.

use std::cell::RefCell;

use futures::executor::block_on;

use super::*;
use crate::api_base::ApiBase;
use crate::error::RawResponse;
use crate::loader::{LoadOptions, WriteMethod};

fn seat(login: &str) -> Seat {
    crate::models::decode_seat(&format!(
        r#"{{"created_at":"2024-01-01T00:00:00Z","assignee":{{"login":"{login}"}}}}"#
    ))
    .unwrap()
}

fn members(logins: &[&str]) -> Vec<Member> {
    logins.iter().map(|l| Member::named(l)).collect()
}

#[test]
fn members_without_a_seat_are_found_case_insensitively() {
    let m = members(&["ann", "Bob", "cy", "dee"]);
    let holders = Holders::of(&[seat("ANN"), seat("dee"), seat("zed")]);
    assert_eq!(without_seat(&m, &holders), [1, 2]);
    assert_eq!(without_seat_status(2), "2 members without a seat");
    assert_eq!(without_seat_status(1), "1 member without a seat");
}

#[test]
fn the_view_searches_and_sorts_by_login_either_way() {
    let m = members(&["delta", "Alpha", "charlie", "bravo", "alpha2"]);
    let all: Vec<u32> = (0..5).collect();
    assert_eq!(view(&m, &all, "", false), [1, 4, 3, 2, 0]);
    assert_eq!(view(&m, &all, "", true), [0, 2, 3, 4, 1]);
    assert_eq!(view(&m, &all, " ALP ", false), [1, 4]);
    assert_eq!(view(&m, &[0, 2], "", false), [2, 0]);
    assert!(
        view(&m, &[9], "", false).is_empty(),
        "out-of-range rows are dropped"
    );
}

#[test]
fn the_plan_sends_each_login_once_and_skips_seat_holders() {
    let holders = Holders::of(&[seat("cy")]);
    let plan = plan_assign(["ann", "ANN", "cy", "", "bob"], &holders);
    assert_eq!(plan.send, ["ann", "bob"]);
    assert_eq!(plan.has_seat, ["cy"]);
    assert_eq!(plan.batches(), 1);
    let many: Vec<String> = (0..201).map(|i| format!("u{i}")).collect();
    assert_eq!(
        plan_assign(many.iter().map(String::as_str), &holders).batches(),
        3
    );
}

#[test]
fn a_teams_coverage_counts_its_members_with_a_seat() {
    let team = OrgTeam {
        team: Team {
            name: Some("Mobile".into()),
            slug: Some("mobile".into()),
            html_url: None,
        },
        members: vec!["ann".into(), "bob".into(), "cy".into()],
    };
    let c = Coverage::of(&team, &Holders::of(&[seat("Bob")]));
    assert_eq!((c.members, c.with_seat), (3, 1));
    assert_eq!(c.text(), "1 of 3 members have a seat");
    assert_eq!((team.slug(), team.label()), ("mobile", "Mobile"));
}

// ------------------------------------------------------------------------------- reading

const BASE: &str = "http://127.0.0.1:8787";

struct Clock0;

impl Clock for Clock0 {
    fn now_ms(&self) -> i64 {
        0
    }
    async fn sleep(&self, _: u64) {}
}

/// Answers GETs by URL; records them.
struct Pages {
    answer: Box<dyn Fn(&str) -> RawResponse>,
    asked: RefCell<Vec<String>>,
}

impl Transport for &Pages {
    async fn get(&self, url: &str, _: &str) -> Result<RawResponse, ApiError> {
        self.asked.borrow_mut().push(url.to_string());
        Ok((self.answer)(url))
    }
    async fn send(
        &self,
        _: WriteMethod,
        url: &str,
        _: &str,
        _: &str,
    ) -> Result<RawResponse, ApiError> {
        panic!("a read must not write ({url})")
    }
}

fn page_of_members(from: usize, n: usize, link: &str) -> RawResponse {
    let body: Vec<String> = (from..from + n)
        .map(|i| format!(r#"{{"login":"m{i}","id":{i},"type":"User"}}"#))
        .collect();
    RawResponse {
        status: 200,
        headers: vec![("link".into(), link.into())],
        body: format!("[{}]", body.join(",")),
    }
}

fn client(pages: &Pages) -> Client<&Pages, Clock0> {
    let options = LoadOptions {
        max_attempts: 1,
        ..LoadOptions::default()
    };
    Client::new(
        pages,
        Clock0,
        ApiBase::parse(BASE).unwrap(),
        "t".into(),
        options,
    )
}

fn link(path: &str, next: Option<u32>, last: u32) -> String {
    let mut parts = Vec::new();
    if let Some(n) = next {
        parts.push(format!(
            r#"<{BASE}{path}?per_page=100&page={n}>; rel="next""#
        ));
    }
    parts.push(format!(
        r#"<{BASE}{path}?per_page=100&page={last}>; rel="last""#
    ));
    parts.join(", ")
}

#[test]
fn every_page_of_members_is_read_in_order() {
    let path = "/orgs/acme/members";
    let pages = Pages {
        answer: Box::new(move |url| {
            let p = crate::link::page_of(url).unwrap() as usize;
            let n = if p == 3 { 20 } else { 100 };
            page_of_members(
                (p - 1) * 100,
                n,
                &link(path, (p < 3).then_some(p as u32 + 1), 3),
            )
        }),
        asked: RefCell::default(),
    };
    let seen = RefCell::new(Vec::new());
    let got = block_on(client(&pages).members("acme", &|n| seen.borrow_mut().push(n))).unwrap();
    assert_eq!(got.len(), 220);
    assert!(got
        .iter()
        .enumerate()
        .all(|(i, m)| *m.login == *format!("m{i}")));
    assert_eq!(seen.into_inner(), [100, 200, 220]);
    let asked = pages.asked.borrow();
    assert_eq!(asked[0], format!("{BASE}{path}?per_page=100&page=1"));
    assert_eq!(asked.len(), 3);
}

#[test]
fn a_failed_page_fails_the_whole_list() {
    let path = "/orgs/acme/members";
    let pages = Pages {
        answer: Box::new(move |url| {
            if url.ends_with("page=2") {
                RawResponse {
                    status: 404,
                    headers: vec![],
                    body: r#"{"message":"Not Found"}"#.into(),
                }
            } else {
                page_of_members(0, 100, &link(path, Some(2), 3))
            }
        }),
        asked: RefCell::default(),
    };
    assert!(block_on(client(&pages).members("acme", &|_| {})).is_err());
}

#[test]
fn a_list_with_only_next_links_is_followed_and_a_foreign_link_refused() {
    let pages = Pages {
        answer: Box::new(|url| {
            let p = crate::link::page_of(url).unwrap() as usize;
            let link = if p == 1 {
                format!(r#"<{BASE}/orgs/acme/teams?page=2>; rel="next""#)
            } else {
                String::new()
            };
            RawResponse {
                status: 200,
                headers: vec![("link".into(), link)],
                body: format!(r#"[{{"name":"T{p}","slug":"t{p}"}}]"#),
            }
        }),
        asked: RefCell::default(),
    };
    let teams = block_on(client(&pages).list_all("/orgs/acme/teams", "teams", &|_| {})).unwrap();
    assert_eq!(
        teams
            .into_iter()
            .map(|t| t.team().slug.unwrap())
            .collect::<Vec<_>>(),
        [Box::from("t1"), Box::from("t2")]
    );

    let foreign = Pages {
        answer: Box::new(|_| RawResponse {
            status: 200,
            headers: vec![(
                "link".into(),
                r#"<https://evil.example.com/x?page=9>; rel="last""#.into(),
            )],
            body: "[]".into(),
        }),
        asked: RefCell::default(),
    };
    let e = block_on(client(&foreign).members("acme", &|_| {})).unwrap_err();
    assert!(matches!(e, ApiError::ForeignLink { .. }), "{e:?}");
    assert_eq!(
        foreign.asked.borrow().len(),
        1,
        "the token never goes to the other host"
    );
}

#[test]
fn teams_come_with_their_members() {
    let pages = Pages {
        answer: Box::new(|url| {
            let body = if url.contains("/teams/mobile/members") {
                r#"[{"login":"ann"},{"login":"bob"}]"#
            } else if url.contains("/teams/web/members") {
                "[]"
            } else {
                r#"[{"name":"Mobile","slug":"mobile"},{"name":"Web","slug":"web"}]"#
            };
            RawResponse {
                status: 200,
                headers: vec![],
                body: body.into(),
            }
        }),
        asked: RefCell::default(),
    };
    let teams = block_on(client(&pages).teams("acme")).unwrap();
    assert_eq!(teams.len(), 2);
    assert_eq!(teams[0].members, vec![Box::from("ann"), Box::from("bob")]);
    assert!(teams[1].members.is_empty());
}
