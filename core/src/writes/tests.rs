//! Writes against a scripted transport that records every request (method, URL, token, body,
//! and the fake clock's time when it was sent).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

use futures::executor::block_on;

use super::*;
use crate::api_base::ApiBase;
use crate::loader::LoadOptions;

const BASE: &str = "http://127.0.0.1:8787";
const URL: &str = "http://127.0.0.1:8787/orgs/acme/copilot/billing/selected_users";

#[derive(Default)]
struct FakeClock {
    now: Cell<i64>,
}

impl Clock for &FakeClock {
    fn now_ms(&self) -> i64 {
        self.now.get()
    }
    async fn sleep(&self, ms: u64) {
        self.now.set(self.now.get() + ms as i64);
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Sent {
    method: WriteMethod,
    url: String,
    token: String,
    body: String,
    at_ms: i64,
}

/// Answers writes in order from a queue (the last answer repeats); GETs are not expected.
struct Recorder<'a> {
    clock: &'a FakeClock,
    answers: RefCell<VecDeque<Result<RawResponse, ApiError>>>,
    sent: RefCell<Vec<Sent>>,
    /// Each request takes this long (fake time).
    latency_ms: u64,
}

impl<'a> Recorder<'a> {
    fn new(clock: &'a FakeClock, answers: Vec<Result<RawResponse, ApiError>>) -> Self {
        Self {
            clock,
            answers: RefCell::new(answers.into()),
            sent: RefCell::default(),
            latency_ms: 0,
        }
    }

    fn bodies(&self) -> Vec<Vec<String>> {
        self.sent
            .borrow()
            .iter()
            .map(|s| {
                let v: serde_json::Value = serde_json::from_str(&s.body).unwrap();
                v["selected_usernames"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|n| n.as_str().unwrap().to_string())
                    .collect()
            })
            .collect()
    }
}

impl Transport for &Recorder<'_> {
    async fn get(&self, url: &str, _: &str) -> Result<RawResponse, ApiError> {
        panic!("a write must not GET ({url})")
    }

    async fn send(
        &self,
        method: WriteMethod,
        url: &str,
        token: &str,
        body: &str,
    ) -> Result<RawResponse, ApiError> {
        self.sent.borrow_mut().push(Sent {
            method,
            url: url.to_string(),
            token: token.to_string(),
            body: body.to_string(),
            at_ms: self.clock.now.get(),
        });
        self.clock
            .now
            .set(self.clock.now.get() + self.latency_ms as i64);
        let mut answers = self.answers.borrow_mut();
        if answers.len() > 1 {
            answers.pop_front().unwrap()
        } else {
            answers.front().cloned().expect("a scripted answer")
        }
    }
}

fn answer(status: u16, headers: &[(&str, &str)], body: &str) -> Result<RawResponse, ApiError> {
    Ok(RawResponse {
        status,
        headers: headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        body: body.to_string(),
    })
}

fn cancelled(n: u64) -> Result<RawResponse, ApiError> {
    answer(200, &[], &format!(r#"{{"seats_cancelled":{n}}}"#))
}

fn client<'a>(
    recorder: &'a Recorder<'a>,
    clock: &'a FakeClock,
) -> Client<&'a Recorder<'a>, &'a FakeClock> {
    Client::new(
        recorder,
        clock,
        ApiBase::parse(BASE).unwrap(),
        "write-token".into(),
        LoadOptions::default(),
    )
}

fn logins(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("user-{i}")).collect()
}

fn remove(
    recorder: &Recorder<'_>,
    clock: &FakeClock,
    logins: &[String],
) -> (RemovalReport, Vec<RemovalProgress>) {
    let events = RefCell::new(Vec::new());
    let report = block_on(
        client(recorder, clock).remove_seats("acme", logins, &|p| events.borrow_mut().push(p)),
    );
    (report, events.into_inner())
}

#[test]
fn two_hundred_fifty_logins_go_in_batches_of_100_100_50_at_least_a_second_apart() {
    let clock = FakeClock::default();
    let mut recorder = Recorder::new(&clock, vec![cancelled(100), cancelled(99), cancelled(50)]);
    recorder.latency_ms = 300;
    let all = logins(250);
    let (report, events) = remove(&recorder, &clock, &all);

    let sent = recorder.sent.borrow().clone();
    assert_eq!(sent.len(), 3);
    for s in &sent {
        assert_eq!(s.method, WriteMethod::Delete);
        assert_eq!(s.url, URL);
        assert_eq!(s.token, "write-token");
    }
    // Bodies exact, byte for byte.
    let expected: Vec<String> = all
        .chunks(100)
        .map(|c| {
            let names: Vec<String> = c.iter().map(|l| format!("\"{l}\"")).collect();
            format!(r#"{{"selected_usernames":[{}]}}"#, names.join(","))
        })
        .collect();
    let bodies: Vec<String> = sent.iter().map(|s| s.body.clone()).collect();
    assert_eq!(bodies, expected);
    assert_eq!(
        recorder.bodies().iter().map(Vec::len).collect::<Vec<_>>(),
        [100, 100, 50]
    );
    // At least a second between the end of one and the start of the next.
    for pair in sent.windows(2) {
        let gap = pair[1].at_ms - (pair[0].at_ms + 300);
        assert!(gap >= 1_000, "gap {gap} ms");
    }
    assert_eq!(report.accepted, all);
    assert_eq!(report.seats_changed, 249);
    assert_eq!(report.batches_accepted, 3);
    assert!(report.is_complete());
    assert!(report.not_sent.is_empty());
    let last = events.last().unwrap();
    assert_eq!(
        (
            last.batch,
            last.batches,
            last.accepted,
            last.total,
            last.seats_changed
        ),
        (3, 3, 250, 250, 249)
    );
    assert!(
        report.summary().contains("250 people"),
        "{}",
        report.summary()
    );
    assert!(
        report.summary().contains("249 seats"),
        "{}",
        report.summary()
    );
}

#[test]
fn a_403_stops_at_once_and_names_the_missing_scope() {
    let clock = FakeClock::default();
    let recorder = Recorder::new(
        &clock,
        vec![answer(
            403,
            &[
                (
                    "x-accepted-oauth-scopes",
                    "admin:org, manage_billing:copilot",
                ),
                ("x-oauth-scopes", "read:org"),
            ],
            r#"{"message":"Resource not accessible by personal access token"}"#,
        )],
    );
    let all = logins(250);
    let (report, _) = remove(&recorder, &clock, &all);
    assert_eq!(recorder.sent.borrow().len(), 1, "nothing more is sent");
    assert!(report.accepted.is_empty());
    let failed = report.failed.clone().unwrap();
    assert_eq!((failed.number, failed.attempts), (1, 1));
    assert_eq!(failed.logins, all[..100]);
    assert_eq!(report.not_sent, all[100..]);
    assert_eq!(failed.error.has_write_scope(), Some(false));
    let text = failed.error.to_string();
    assert!(
        text.contains("manage_billing:copilot or admin:org"),
        "{text}"
    );
    assert!(text.contains("this one has: read:org"), "{text}");
    assert!(text.contains("GitHub Copilot Business"), "{text}");
    assert!(
        report.summary().contains("Not sent: 150 people"),
        "{}",
        report.summary()
    );

    // The scope is there: the user is not an owner.
    let e = write_error(
        &RawResponse {
            status: 403,
            headers: vec![
                (
                    "x-accepted-oauth-scopes".into(),
                    "admin:org, manage_billing:copilot".into(),
                ),
                ("x-oauth-scopes".into(), "manage_billing:copilot".into()),
            ],
            body: "{}".into(),
        },
        WriteOp::Remove,
        0,
    );
    assert_eq!(e.has_write_scope(), Some(true));
    assert!(e.to_string().contains("only organization owners"), "{e}");
    // A fine-grained token: no scope headers.
    let e = write_error(
        &RawResponse {
            status: 403,
            headers: vec![],
            body: r#"{"message":"Resource not accessible by personal access token"}"#.into(),
        },
        WriteOp::Remove,
        0,
    );
    assert_eq!(e.has_write_scope(), None);
    assert!(e.to_string().contains("read and write"), "{e}");
}

#[test]
fn a_422_stops_with_githubs_message_and_the_likely_causes() {
    let clock = FakeClock::default();
    let recorder = Recorder::new(
        &clock,
        vec![
            cancelled(100),
            answer(
                422,
                &[],
                r#"{"message":"Seat management is set to assign all members"}"#,
            ),
            cancelled(50),
        ],
    );
    let all = logins(250);
    let (report, _) = remove(&recorder, &clock, &all);
    assert_eq!(recorder.sent.borrow().len(), 2);
    assert_eq!(report.accepted, all[..100]);
    assert_eq!(report.seats_changed, 100);
    let failed = report.failed.clone().unwrap();
    assert_eq!((failed.number, failed.attempts), (2, 1));
    assert_eq!(report.not_sent, all[200..]);
    assert!(matches!(failed.error, WriteError::Refused { .. }));
    let text = failed.error.to_string();
    assert!(
        text.contains("Seat management is set to assign all members"),
        "{text}"
    );
    assert!(text.contains("through a team"), "{text}");
    assert!(text.contains("billing"), "{text}");
    assert!(!report.is_complete());
}

#[test]
fn a_server_error_is_retried_once_then_stops_with_done_and_not_done() {
    let clock = FakeClock::default();
    let recorder = Recorder::new(
        &clock,
        vec![
            cancelled(100),
            answer(502, &[], "<html>Bad Gateway</html>"),
            answer(502, &[], "<html>Bad Gateway</html>"),
            cancelled(50),
        ],
    );
    let all = logins(250);
    let (report, events) = remove(&recorder, &clock, &all);
    let sent = recorder.sent.borrow().clone();
    assert_eq!(sent.len(), 3, "batch 2 sent twice, batch 3 never");
    assert_eq!(
        sent[1].body, sent[2].body,
        "the retry resends the same batch"
    );
    assert!(sent[2].at_ms - sent[1].at_ms >= 1_000);
    assert_eq!(report.accepted, all[..100]);
    let failed = report.failed.clone().unwrap();
    assert_eq!((failed.number, failed.attempts), (2, 2));
    assert_eq!(failed.logins, all[100..200]);
    assert_eq!(
        failed.error,
        WriteError::Api(ApiError::Server { status: 502 })
    );
    assert_eq!(report.not_sent, all[200..]);
    assert!(events.iter().any(|e| e.message.contains("once more")));
    assert!(
        report.summary().contains("may or may not"),
        "{}",
        report.summary()
    );

    // A single failure is absorbed by the retry.
    let clock = FakeClock::default();
    let recorder = Recorder::new(
        &clock,
        vec![
            Err(ApiError::Network {
                detail: "Failed to fetch".into(),
            }),
            cancelled(3),
        ],
    );
    let (report, _) = remove(&recorder, &clock, &logins(3));
    assert!(report.is_complete());
    assert_eq!(report.seats_changed, 3);
    assert_eq!(recorder.sent.borrow().len(), 2);
}

#[test]
fn nothing_selected_sends_nothing_and_an_unreadable_200_still_counts_as_accepted() {
    let clock = FakeClock::default();
    let recorder = Recorder::new(&clock, vec![answer(200, &[], "")]);
    let (report, events) = remove(&recorder, &clock, &[]);
    assert!(recorder.sent.borrow().is_empty());
    assert!(events.is_empty());
    assert!(report.is_complete());
    assert_eq!(report.summary(), "Nothing to remove.");

    let (report, _) = remove(&recorder, &clock, &logins(2));
    assert_eq!(report.accepted.len(), 2);
    assert_eq!(report.uncounted_batches, 1);
    assert!(report.summary().contains("had no count"));
}

#[test]
fn restore_posts_one_login_and_returns_seats_created() {
    let clock = FakeClock::default();
    let recorder = Recorder::new(&clock, vec![answer(201, &[], r#"{"seats_created":1}"#)]);
    let n = block_on(client(&recorder, &clock).restore_seat("acme", "Octo-Cat")).unwrap();
    assert_eq!(n, 1);
    let sent = recorder.sent.borrow().clone();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].method, WriteMethod::Post);
    assert_eq!(sent[0].url, URL);
    assert_eq!(sent[0].body, r#"{"selected_usernames":["Octo-Cat"]}"#);

    let recorder = Recorder::new(
        &clock,
        vec![answer(422, &[], r#"{"message":"Copilot is not enabled"}"#)],
    );
    let e = block_on(client(&recorder, &clock).restore_seat("acme", "x")).unwrap_err();
    assert!(matches!(
        e,
        WriteError::Refused {
            op: WriteOp::Restore,
            ..
        }
    ));
    assert!(e.to_string().contains("Copilot is not enabled"));
    assert!(!e.to_string().contains("team"), "{e}");
}

#[test]
fn odd_org_names_stay_in_their_path_segment() {
    let clock = FakeClock::default();
    let recorder = Recorder::new(&clock, vec![cancelled(1)]);
    block_on(client(&recorder, &clock).remove_seats("a/../b", &logins(1), &|_| {}));
    assert_eq!(
        recorder.sent.borrow()[0].url,
        format!("{BASE}/orgs/a%2F..%2Fb/copilot/billing/selected_users")
    );
}

// ------------------------------------------------------------------------------- planning

fn seat(json: &str) -> Seat {
    crate::models::decode_seat(json).unwrap()
}

#[test]
fn the_plan_says_why_each_withheld_seat_is_not_sent() {
    let free = seat(r#"{"created_at":"2024-01-01T00:00:00Z","assignee":{"login":"ann"}}"#);
    let team = seat(
        r#"{"created_at":"2024-01-01T00:00:00Z","assignee":{"login":"bob"},"assigning_team":{"name":"Justice League","slug":"justice-league"}}"#,
    );
    let pending = seat(
        r#"{"created_at":"2024-01-01T00:00:00Z","assignee":{"login":"cy"},"pending_cancellation_date":"2026-12-01"}"#,
    );
    let nobody = seat(r#"{"created_at":"2024-01-01T00:00:00Z","assignee":null}"#);
    let twice = seat(r#"{"created_at":"2024-01-01T00:00:00Z","assignee":{"login":"ANN"}}"#);
    let plan = plan_removal([&free, &team, &pending, &nobody, &twice]);
    assert_eq!(plan.send, ["ann"]);
    assert_eq!(plan.batches(), 1);
    let reasons: Vec<String> = plan.skipped.iter().map(|s| s.reason.to_string()).collect();
    assert_eq!(plan.skipped[0].login, "bob");
    assert!(
        reasons[0].contains("team Justice League")
            && reasons[0].contains("remove them from the team instead"),
        "{reasons:?}"
    );
    assert!(
        reasons[1].contains("pending cancellation") && reasons[1].contains("2026-12-01"),
        "{reasons:?}"
    );
    assert!(reasons[2].contains("No assignee"), "{reasons:?}");
    assert_eq!(plan.skipped.len(), 3);
}

// ------------------------------------------------------------------------------- assigning

fn created(n: u64) -> Result<RawResponse, ApiError> {
    answer(201, &[], &format!(r#"{{"seats_created":{n}}}"#))
}

#[test]
fn assigning_posts_the_logins_in_spaced_batches_and_reports_seats_created() {
    let clock = FakeClock::default();
    let recorder = Recorder::new(&clock, vec![created(100), created(30)]);
    let all = logins(130);
    let report = block_on(client(&recorder, &clock).assign_seats("acme", &all, &|_| {}));
    let sent = recorder.sent.borrow().clone();
    assert_eq!(sent.len(), 2);
    assert!(sent
        .iter()
        .all(|s| s.method == WriteMethod::Post && s.url == URL));
    assert_eq!(sent[0].body, users_body(&all[..100]));
    assert_eq!(sent[1].body, users_body(&all[100..]));
    assert!(sent[1].at_ms - sent[0].at_ms >= 1_000);
    assert_eq!(report.op, WriteOp::Assign);
    assert_eq!(report.seats_changed, 130);
    assert!(report.is_complete());
    assert_eq!(
        report.summary(),
        "GitHub accepted the assignment of 130 people (2 requests) and created 130 seats: GitHub bills each new seat at the organization's plan."
    );
}

#[test]
fn an_assign_all_organization_stops_the_assignment_at_the_first_422() {
    let clock = FakeClock::default();
    let recorder = Recorder::new(
        &clock,
        vec![answer(
            422,
            &[],
            r#"{"message":"Seat management is set to assign all members"}"#,
        )],
    );
    let report = block_on(client(&recorder, &clock).assign_seats("acme", &logins(150), &|_| {}));
    assert_eq!(recorder.sent.borrow().len(), 1, "nothing more is sent");
    assert_eq!(report.not_sent.len(), 50);
    let text = report.summary();
    assert!(
        text.contains(
            "GitHub refused to assign seats (422: Seat management is set to assign all members)"
        ),
        "{text}"
    );
    assert!(
        text.contains("seats cannot be chosen individually"),
        "{text}"
    );
    assert!(text.contains("Not sent: 50 people"), "{text}");
}

#[test]
fn a_read_only_token_is_told_what_assigning_needs() {
    let clock = FakeClock::default();
    let recorder = Recorder::new(
        &clock,
        vec![answer(
            403,
            &[
                ("x-oauth-scopes", "read:org"),
                (
                    "x-accepted-oauth-scopes",
                    "manage_billing:copilot, admin:org",
                ),
            ],
            r#"{"message":"Resource not accessible by personal access token"}"#,
        )],
    );
    let report = block_on(client(&recorder, &clock).assign_seats("acme", &logins(3), &|_| {}));
    let text = report.summary();
    assert!(
        text.starts_with("Request 1 (3 people) failed: GitHub refused to assign seats (403"),
        "{text}"
    );
    assert!(
        text.contains("manage_billing:copilot or admin:org scope (this one has: read:org)"),
        "{text}"
    );
}

#[test]
fn team_writes_send_the_slugs_and_return_githubs_count() {
    let clock = FakeClock::default();
    let teams_url = format!("{BASE}/orgs/acme/copilot/billing/selected_teams");
    let recorder = Recorder::new(&clock, vec![created(4), cancelled(3)]);
    let c = client(&recorder, &clock);
    let slugs = vec!["mobile".to_string()];
    assert_eq!(
        block_on(c.team_seats(WriteOp::AssignTeams, "acme", &slugs)),
        Ok(4)
    );
    assert_eq!(
        block_on(c.team_seats(WriteOp::RemoveTeams, "acme", &slugs)),
        Ok(3)
    );
    let sent = recorder.sent.borrow().clone();
    assert_eq!(
        sent.iter()
            .map(|s| (s.method, s.url.clone(), s.body.clone()))
            .collect::<Vec<_>>(),
        [
            (
                WriteMethod::Post,
                teams_url.clone(),
                r#"{"selected_teams":["mobile"]}"#.to_string()
            ),
            (
                WriteMethod::Delete,
                teams_url,
                r#"{"selected_teams":["mobile"]}"#.to_string()
            ),
        ]
    );
    let recorder = Recorder::new(
        &clock,
        vec![answer(422, &[], r#"{"message":"assign_all"}"#)],
    );
    let e = block_on(client(&recorder, &clock).team_seats(WriteOp::AssignTeams, "acme", &slugs))
        .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("GitHub refused to assign the team's seats (422: assign_all)."),
        "{e}"
    );
}
