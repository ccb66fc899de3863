//! The loader against a scripted transport (recorded GitHub-shaped answers) and a fake clock.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use futures::executor::block_on;

use super::*;

/// Answers by URL from a script; each URL's answers are used in order, the last one repeats.
#[derive(Default)]
struct Script {
    answers: RefCell<HashMap<String, Vec<Result<RawResponse, ApiError>>>>,
    log: RefCell<Vec<(String, String)>>,
    /// URLs in the order their answers were given.
    answered: RefCell<Vec<String>>,
    /// Times a URL's answer is not ready when polled, by URL (1 when not set: as over a
    /// network, every request waits once, so requests sent together are all sent).
    slow: RefCell<HashMap<String, u32>>,
    /// The answer to any URL not scripted (else such a request fails the test).
    otherwise: RefCell<Option<Result<RawResponse, ApiError>>>,
}

impl Script {
    fn on(self, url: &str, answers: Vec<Result<RawResponse, ApiError>>) -> Self {
        self.answers.borrow_mut().insert(url.to_string(), answers);
        self
    }
    /// Pages `pages` answer as GitHub does past the last page.
    fn past_the_end(self, pages: std::ops::RangeInclusive<u32>, total: usize) -> Self {
        pages.fold(self, |s, p| s.on(&page_url(p), vec![past_the_end(total)]))
    }
    /// Answers every URL not scripted with `answer` (as GitHub answers the pages guessed past
    /// the last one, or refuses them all with page 1).
    fn otherwise(self, answer: Result<RawResponse, ApiError>) -> Self {
        *self.otherwise.borrow_mut() = Some(answer);
        self
    }
    /// `url` answers only after being polled `polls` more times: the others go first.
    fn slow(self, url: &str, polls: u32) -> Self {
        self.slow.borrow_mut().insert(url.to_string(), polls);
        self
    }
    fn requested(&self) -> Vec<String> {
        self.log.borrow().iter().map(|(u, _)| u.clone()).collect()
    }
    /// Asserts that no URL was asked for twice.
    fn asked_once(&self) {
        let mut requested = self.requested();
        requested.sort();
        requested.dedup();
        assert_eq!(
            requested.len(),
            self.log.borrow().len(),
            "a page asked twice"
        );
    }
}

impl Transport for &Script {
    async fn get(&self, url: &str, token: &str) -> Result<RawResponse, ApiError> {
        self.log
            .borrow_mut()
            .push((url.to_string(), token.to_string()));
        let polls = self.slow.borrow().get(url).copied().unwrap_or(1);
        for _ in 0..polls {
            yield_now().await;
        }
        self.answered.borrow_mut().push(url.to_string());
        let mut answers = self.answers.borrow_mut();
        let Some(list) = answers.get_mut(url) else {
            return self
                .otherwise
                .borrow()
                .clone()
                .unwrap_or_else(|| panic!("unscripted request {url}"));
        };
        if list.len() > 1 {
            list.remove(0)
        } else {
            list[0].clone()
        }
    }

    /// Writes are scripted under `"METHOD url"` and logged the same way.
    async fn send(
        &self,
        method: WriteMethod,
        url: &str,
        token: &str,
        _body: &str,
    ) -> Result<RawResponse, ApiError> {
        self.get(&format!("{} {url}", method.as_str()), token).await
    }
}

/// Not ready once: lets the executor poll the other requests.
async fn yield_now() {
    let mut yielded = false;
    futures::future::poll_fn(|cx| {
        if yielded {
            std::task::Poll::Ready(())
        } else {
            yielded = true;
            cx.waker().wake_by_ref();
            std::task::Poll::Pending
        }
    })
    .await
}

#[derive(Default)]
struct FakeClock {
    now: Cell<i64>,
    sleeps: RefCell<Vec<u64>>,
}

impl Clock for &FakeClock {
    fn now_ms(&self) -> i64 {
        self.now.get()
    }
    /// Resolves after a poll per started second, so that a [`Script::slow`] answer (a few
    /// polls) comes before a timeout (30 s) does.
    async fn sleep(&self, ms: u64) {
        self.sleeps.borrow_mut().push(ms);
        for _ in 0..ms / 1000 {
            yield_now().await;
        }
        self.now.set(self.now.get() + ms as i64);
    }
}

const BASE: &str = "http://127.0.0.1:8787";

fn seats_json(from: usize, n: usize, total: usize) -> String {
    let seats: Vec<String> = (from..from + n)
        .map(|i| format!(r#"{{"created_at":"2024-01-01T00:00:00Z","assignee":{{"login":"user{i}","id":{i}}}}}"#))
        .collect();
    format!(r#"{{"total_seats":{total},"seats":[{}]}}"#, seats.join(","))
}

fn ok(body: String, link: Option<String>) -> Result<RawResponse, ApiError> {
    let mut headers = vec![];
    if let Some(l) = link {
        headers.push(("link".to_string(), l));
    }
    Ok(RawResponse {
        status: 200,
        headers,
        body,
    })
}

fn status(status: u16, headers: &[(&str, &str)], body: &str) -> Result<RawResponse, ApiError> {
    Ok(RawResponse {
        status,
        headers: headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        body: body.to_string(),
    })
}

fn page_url(p: u32) -> String {
    format!("{BASE}/orgs/acme/copilot/billing/seats?per_page=100&page={p}")
}

fn links(p: u32, last: u32) -> String {
    format!(
        r#"<{}>; rel="next", <{}>; rel="last""#,
        page_url(p + 1),
        page_url(last)
    )
}

/// Three pages of a 250-seat org, with overrides for page 2, and GitHub's empty answers past
/// the end for the pages guessed with page 1.
fn three_pages(page2: Vec<Result<RawResponse, ApiError>>) -> Script {
    Script::default()
        .on(
            &page_url(1),
            vec![ok(seats_json(0, 100, 250), Some(links(1, 3)))],
        )
        .on(&page_url(2), page2)
        .on(&page_url(3), vec![ok(seats_json(200, 50, 250), None)])
        .past_the_end(4..=8, 250)
}

fn run(
    script: &Script,
    clock: &FakeClock,
    options: LoadOptions,
) -> (Result<LoadReport, ApiError>, Vec<Event>) {
    let client = Client::new(
        script,
        clock,
        ApiBase::parse(BASE).unwrap(),
        "good-token".into(),
        options,
    );
    let events = RefCell::new(Vec::new());
    let on_event = |e: Event| events.borrow_mut().push(e);
    let result = block_on(client.seats(&SeatSource::Org("acme".into()), &on_event));
    (result, events.into_inner())
}

fn seats_of(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Seats { seats, .. } => Some(
                seats
                    .iter()
                    .map(|s| s.login().to_string())
                    .collect::<Vec<_>>(),
            ),
            _ => None,
        })
        .flatten()
        .collect()
}

#[test]
fn pages_by_the_last_link_with_every_seat_once() {
    let script = three_pages(vec![ok(seats_json(100, 100, 250), Some(links(2, 3)))]);
    let clock = FakeClock::default();
    let (report, events) = run(&script, &clock, LoadOptions::default());
    let report = report.unwrap();
    assert!(report.is_complete(), "{report:?}");
    assert_eq!(
        (report.loaded, report.pages, report.total_seats),
        (250, 3, Some(250))
    );
    let mut logins = seats_of(&events);
    logins.sort();
    logins.dedup();
    assert_eq!(logins.len(), 250);
    assert!(script
        .log
        .borrow()
        .iter()
        .all(|(u, t)| u.starts_with(BASE) && t == "good-token"));
    assert_eq!(script.requested()[0], page_url(1));
}

/// GitHub's answer past the last page: no seats, the same total.
fn past_the_end(total: usize) -> Result<RawResponse, ApiError> {
    ok(seats_json(0, 0, total), None)
}

#[test]
fn guessed_pages_go_out_with_page_one_and_count_once() {
    // Page 1 is slow: its guesses (2..=8) are sent, and 2 and 3 answered, before it.
    let script =
        three_pages(vec![ok(seats_json(100, 100, 250), Some(links(2, 3)))]).slow(&page_url(1), 10);
    let (report, events) = run(&script, &FakeClock::default(), LoadOptions::default());
    let report = report.unwrap();
    assert!(report.is_complete(), "{report:?}");
    assert_eq!((report.loaded, report.pages), (250, 3));
    // Pages 2 and 3 went out with page 1 and were answered before it; no page was asked for
    // twice (the guesses held every page).
    assert_eq!(
        script.requested()[..3],
        [page_url(1), page_url(2), page_url(3)]
    );
    script.asked_once();
    assert!(script.requested().iter().all(|u| page_of(u) <= Some(8)));
    let answered = script.answered.borrow();
    let at = |u: &str| answered.iter().position(|a| a == u).unwrap();
    assert!(at(&page_url(2)) < at(&page_url(1)) && at(&page_url(3)) < at(&page_url(1)));
    let mut logins = seats_of(&events);
    assert_eq!(logins.len(), 250);
    logins.sort();
    logins.dedup();
    assert_eq!(logins.len(), 250, "every seat once");
    // Nothing is shown before page 1 says how many pages there are, and progress never
    // counts a page past the last.
    let progress: Vec<(u32, u32)> = events
        .iter()
        .filter_map(|e| match e {
            Event::Seats {
                pages_done,
                pages_total,
                ..
            } => Some((*pages_done, *pages_total)),
            _ => None,
        })
        .collect();
    assert_eq!(progress, vec![(1, 3), (2, 3), (3, 3)]);
}

#[test]
fn a_guess_that_fails_before_page_1_is_a_failed_page() {
    // Page 2 fails all its attempts while page 1 is still on its way.
    let script = three_pages(vec![status(502, &[], "")]).slow(&page_url(1), 25);
    let (report, _) = run(&script, &FakeClock::default(), LoadOptions::default());
    let report = report.unwrap();
    assert_eq!(
        report.failed,
        vec![PageFailure {
            page: Some(2),
            error: ApiError::Server { status: 502 }
        }]
    );
    assert_eq!((report.loaded, report.missing, report.pages), (150, 100, 3));
    let answered = script.answered.borrow();
    let attempts: Vec<usize> = answered
        .iter()
        .enumerate()
        .filter(|(_, u)| **u == page_url(2))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(attempts.len(), 4, "retried, then given up");
    let page1 = answered.iter().position(|u| *u == page_url(1)).unwrap();
    assert!(
        attempts[3] < page1,
        "all before page 1 answered: {answered:?}"
    );
}

#[test]
fn no_guesses_when_told_not_to() {
    let script =
        three_pages(vec![ok(seats_json(100, 100, 250), Some(links(2, 3)))]).slow(&page_url(1), 3);
    let options = LoadOptions {
        speculative_pages: 0,
        ..LoadOptions::default()
    };
    let (report, _) = run(&script, &FakeClock::default(), options);
    assert!(report.unwrap().is_complete());
    assert_eq!(script.requested()[..2], [page_url(1), page_url(2)]);
    assert_eq!(script.requested().len(), 3);
}

#[test]
fn guesses_past_a_one_page_list_are_dropped() {
    let mut script = Script::default()
        .on(&page_url(1), vec![ok(seats_json(0, 2, 2), None)])
        .slow(&page_url(1), 3);
    for p in 2..=8 {
        // Were they counted, the list would have these seats twice.
        script = script.on(&page_url(p), vec![ok(seats_json(0, 2, 2), None)]);
    }
    let (report, events) = run(&script, &FakeClock::default(), LoadOptions::default());
    let report = report.unwrap();
    assert!(report.is_complete(), "{report:?}");
    assert_eq!((report.loaded, report.pages, report.duplicates), (2, 1, 0));
    assert_eq!(seats_of(&events), vec!["user0", "user1"]);
}

#[test]
fn a_link_that_pages_otherwise_wins_over_the_guesses() {
    // GitHub's links page by 50 here: the guessed pages (by 100) hold other seats, so they
    // are dropped and the pages are read where the links say.
    let by_50 = |p: u32| format!("{BASE}/orgs/acme/copilot/billing/seats?per_page=50&page={p}");
    let mut script = Script::default()
        .on(
            &page_url(1),
            vec![ok(
                seats_json(0, 100, 200),
                Some(format!(
                    r#"<{}>; rel="next", <{}>; rel="last""#,
                    by_50(2),
                    by_50(3)
                )),
            )],
        )
        .slow(&page_url(1), 3)
        .on(&by_50(2), vec![ok(seats_json(100, 50, 200), None)])
        .on(&by_50(3), vec![ok(seats_json(150, 50, 200), None)]);
    for p in 2..=8 {
        script = script.on(&page_url(p), vec![ok(seats_json(1000, 100, 200), None)]);
    }
    let (report, events) = run(&script, &FakeClock::default(), LoadOptions::default());
    let report = report.unwrap();
    assert!(report.is_complete(), "{report:?}");
    assert_eq!(report.loaded, 200);
    assert!(seats_of(&events).iter().all(|l| l.len() <= "user199".len()));
    assert!(script.requested().contains(&by_50(3)));
}

#[test]
fn a_foreign_link_drops_the_guesses_too() {
    let foreign = r#"<https://evil.example.com/x?per_page=100&page=2>; rel="next", <https://evil.example.com/x?per_page=100&page=3>; rel="last""#;
    let mut script = Script::default()
        .on(
            &page_url(1),
            vec![ok(seats_json(0, 100, 250), Some(foreign.into()))],
        )
        .slow(&page_url(1), 3);
    for p in 2..=8 {
        script = script.on(
            &page_url(p),
            vec![ok(seats_json(p as usize * 100, 100, 250), None)],
        );
    }
    let (report, events) = run(&script, &FakeClock::default(), LoadOptions::default());
    let report = report.unwrap();
    assert!(matches!(
        report.failed[0].error,
        ApiError::ForeignLink { .. }
    ));
    assert_eq!(report.loaded, 100, "only page 1 counts");
    assert_eq!(seats_of(&events).len(), 100);
    let answered = script.answered.borrow();
    assert!(
        answered.iter().position(|u| *u == page_url(2))
            < answered.iter().position(|u| *u == page_url(1)),
        "page 2's guess was answered first, and still not counted"
    );
}

#[test]
fn one_page_without_link() {
    let script = Script::default().on(&page_url(1), vec![ok(seats_json(0, 2, 2), None)]);
    let options = LoadOptions {
        speculative_pages: 0,
        ..LoadOptions::default()
    };
    let (report, _) = run(&script, &FakeClock::default(), options);
    let report = report.unwrap();
    assert!(report.is_complete());
    assert_eq!(report.loaded, 2);
    assert_eq!(script.requested().len(), 1);
}

#[test]
fn follows_next_when_there_is_no_last() {
    let next = |p: u32| format!(r#"<{}>; rel="next""#, page_url(p));
    let script = Script::default()
        .on(
            &page_url(1),
            vec![ok(seats_json(0, 100, 250), Some(next(2)))],
        )
        .on(
            &page_url(2),
            vec![ok(seats_json(100, 100, 250), Some(next(3)))],
        )
        .on(&page_url(3), vec![ok(seats_json(200, 50, 250), None)])
        .otherwise(past_the_end(250))
        .slow(&page_url(1), 10);
    let (report, events) = run(&script, &FakeClock::default(), LoadOptions::default());
    let report = report.unwrap();
    assert!(report.is_complete(), "{report:?}");
    assert_eq!((report.loaded, report.duplicates), (250, 0));
    // Without `last` the pages are read where `next` leads: to the guesses, which are used
    // rather than asked for again.
    script.asked_once();
    assert!(script.requested().contains(&page_url(3)));
    // The page count is unknown while following `next`: so is the time left.
    assert!(events
        .iter()
        .all(|e| matches!(e, Event::Seats { eta_ms: None, .. })));
}

#[test]
fn a_foreign_link_is_refused_and_the_token_stays_home() {
    let foreign = r#"<https://evil.example.com/x?page=2>; rel="next", <https://evil.example.com/x?page=3>; rel="last""#;
    let script = Script::default().on(
        &page_url(1),
        vec![ok(seats_json(0, 100, 250), Some(foreign.into()))],
    );
    let (report, _) = run(&script, &FakeClock::default(), LoadOptions::default());
    let report = report.unwrap();
    assert!(!report.is_complete());
    assert!(matches!(
        report.failed[0].error,
        ApiError::ForeignLink { .. }
    ));
    assert!(
        report.problem().unwrap().contains("100 of 250"),
        "{:?}",
        report.problem()
    );
    // Page 1's guesses went to the API base, never further.
    assert!(script.log.borrow().iter().all(|(u, _)| u.starts_with(BASE)));
}

#[test]
fn primary_rate_limit_waits_until_reset_and_says_so() {
    let clock = FakeClock::default();
    clock.now.set(1_000_000);
    let limited = status(
        403,
        &[
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", "1041"),
        ],
        r#"{"message":"API rate limit exceeded"}"#,
    );
    let script = three_pages(vec![limited, ok(seats_json(100, 100, 250), None)]);
    let (report, events) = run(&script, &clock, LoadOptions::default());
    assert!(report.unwrap().is_complete());
    assert!(
        clock.sleeps.borrow().contains(&42_000),
        "{:?}",
        clock.sleeps.borrow()
    );
    assert!(events.iter().any(|e| matches!(e, Event::Waiting { message, .. } if message == "Waiting 42 s for GitHub's rate limit")));
}

#[test]
fn secondary_rate_limit_honours_retry_after() {
    let clock = FakeClock::default();
    let script = three_pages(vec![
        status(429, &[("retry-after", "3")], "{}"),
        ok(seats_json(100, 100, 250), None),
    ]);
    let (report, _) = run(&script, &clock, LoadOptions::default());
    assert!(report.unwrap().is_complete());
    assert!(clock.sleeps.borrow().contains(&3_000));
}

#[test]
fn a_rate_limit_too_far_away_is_an_error_not_a_hang() {
    let clock = FakeClock::default();
    let script = three_pages(vec![status(
        403,
        &[
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", "99999"),
        ],
        "{}",
    )]);
    let (report, _) = run(&script, &clock, LoadOptions::default());
    let report = report.unwrap();
    assert_eq!(
        report.failed,
        vec![PageFailure {
            page: Some(2),
            error: ApiError::RateLimited {
                reset_epoch: Some(99999)
            }
        }]
    );
    assert_eq!(report.loaded, 150);
}

#[test]
fn transient_errors_retry_with_backoff_then_succeed() {
    let clock = FakeClock::default();
    let gateway = status(502, &[], "<html>Bad Gateway</html>");
    let script = three_pages(vec![
        gateway.clone(),
        Err(ApiError::Network {
            detail: "reset".into(),
        }),
        ok(seats_json(100, 100, 250), None),
    ]);
    let (report, _) = run(&script, &clock, LoadOptions::default());
    assert!(report.unwrap().is_complete());
    let sleeps = clock.sleeps.borrow();
    let backoffs: Vec<u64> = sleeps.iter().copied().filter(|&ms| ms != 30_000).collect();
    assert_eq!(backoffs, vec![500, 1000]);
}

#[test]
fn persistent_failures_are_reported_never_passed_off_as_complete() {
    let script = three_pages(vec![status(502, &[], "")]);
    let (report, _) = run(&script, &FakeClock::default(), LoadOptions::default());
    let report = report.unwrap();
    assert!(!report.is_complete());
    assert_eq!(
        report.failed,
        vec![PageFailure {
            page: Some(2),
            error: ApiError::Server { status: 502 }
        }]
    );
    assert_eq!(report.missing, 100);
    let problem = report.problem().unwrap();
    assert!(
        problem.contains("150 of 250") && problem.contains("Page 2 failed"),
        "{problem}"
    );
    assert_eq!(
        script
            .requested()
            .iter()
            .filter(|u| **u == page_url(2))
            .count(),
        4
    );
}

#[test]
fn truncated_json_is_a_failed_page() {
    let body = seats_json(100, 100, 250);
    let script = three_pages(vec![ok(body[..body.len() / 2].to_string(), None)]);
    let (report, _) = run(&script, &FakeClock::default(), LoadOptions::default());
    let report = report.unwrap();
    assert!(
        matches!(&report.failed[0].error, ApiError::Malformed { detail } if detail.contains("seats page 2"))
    );
}

#[test]
fn repeated_seats_are_dropped_and_flagged() {
    let script = three_pages(vec![ok(seats_json(0, 100, 250), None)]);
    let (report, events) = run(&script, &FakeClock::default(), LoadOptions::default());
    let report = report.unwrap();
    assert_eq!(
        (report.duplicates, report.loaded, report.missing),
        (100, 150, 100)
    );
    assert!(report.problem().unwrap().contains("appeared twice"));
    assert_eq!(seats_of(&events).len(), 150);
}

#[test]
fn the_official_example_keeps_both_seats_with_assignee_id_1() {
    let body = include_str!("../../../fixtures/github-api/org-copilot-billing-seats.json");
    // The guesses (answered first, with GitHub's empty pages) change nothing.
    let script = Script::default()
        .on(&page_url(1), vec![ok(body.to_string(), None)])
        .otherwise(past_the_end(2))
        .slow(&page_url(1), 10);
    let (report, events) = run(&script, &FakeClock::default(), LoadOptions::default());
    assert!(report.unwrap().is_complete());
    assert_eq!(seats_of(&events), vec!["octocat", "octokitten"]);
}

#[test]
fn first_page_errors_fail_the_load_with_the_remedy() {
    // The guesses are refused too (and answered first): page 1's refusal is the outcome.
    let refused = status(401, &[], r#"{"message":"Bad credentials"}"#);
    let script = Script::default()
        .on(&page_url(1), vec![refused.clone()])
        .otherwise(refused)
        .slow(&page_url(1), 10);
    let (result, events) = run(&script, &FakeClock::default(), LoadOptions::default());
    assert_eq!(result.unwrap_err(), ApiError::BadCredentials);
    assert!(events.is_empty(), "nothing shown: {events:?}");
}

#[test]
fn an_enterprise_refused_to_a_fine_grained_token_asks_for_a_classic_one() {
    let url = format!("{BASE}/enterprises/acme-ent/copilot/billing/seats?per_page=100&page=1");
    let refusal = r#"{"message":"Resource not accessible by personal access token"}"#;
    let accepted = (
        "x-accepted-oauth-scopes",
        "manage_billing:copilot, read:enterprise",
    );
    let clock = FakeClock::default();
    let seats = |script: &Script| {
        let client = Client::new(
            script,
            &clock,
            ApiBase::parse(BASE).unwrap(),
            "t".into(),
            LoadOptions::default(),
        );
        block_on(client.seats(&SeatSource::Enterprise("acme-ent".into()), &|_| {}))
    };
    // No `X-OAuth-Scopes`: not a classic token.
    let script = Script::default().on(&url, vec![status(403, &[accepted], refusal)]);
    let e = seats(&script).unwrap_err();
    assert_eq!(
        e,
        ApiError::ClassicTokenRequired {
            enterprise: "acme-ent".into()
        }
    );
    assert!(e.to_string().contains("classic") && e.to_string().contains("read:enterprise"));
    // A classic token without the scope is told which scope it lacks.
    let script = Script::default().on(
        &url,
        vec![status(
            403,
            &[accepted, ("x-oauth-scopes", "repo")],
            refusal,
        )],
    );
    assert!(matches!(
        seats(&script).unwrap_err(),
        ApiError::MissingScope {
            granted: Some(_),
            ..
        }
    ));
}

#[test]
fn a_request_without_an_answer_times_out() {
    struct Never;
    impl Transport for Never {
        async fn get(&self, _: &str, _: &str) -> Result<RawResponse, ApiError> {
            futures::future::pending().await
        }
        async fn send(
            &self,
            _: WriteMethod,
            _: &str,
            _: &str,
            _: &str,
        ) -> Result<RawResponse, ApiError> {
            futures::future::pending().await
        }
    }
    let clock = FakeClock::default();
    let options = LoadOptions {
        max_attempts: 2,
        ..LoadOptions::default()
    };
    let client = Client::new(
        Never,
        &clock,
        ApiBase::parse(BASE).unwrap(),
        "t".into(),
        options,
    );
    let err = block_on(client.billing("acme", &|_| {})).unwrap_err();
    assert_eq!(err, ApiError::Timeout { seconds: 30 });
}

#[test]
fn the_debug_form_never_shows_the_token() {
    let clock = FakeClock::default();
    let script = Script::default();
    let client = Client::new(
        &script,
        &clock,
        ApiBase::parse(BASE).unwrap(),
        "ghp_secret".into(),
        LoadOptions::default(),
    );
    assert!(!format!("{client:?}").contains("ghp_secret"));
}

#[test]
fn member_logins_are_encoded_into_the_path() {
    let url = format!("{BASE}/orgs/acme/members/a%2F..%2Fx/copilot");
    let member = include_str!("../../../fixtures/github-api/org-member-copilot.json");
    let script = Script::default().on(&url, vec![ok(member.to_string(), None)]);
    let clock = FakeClock::default();
    let client = Client::new(
        &script,
        &clock,
        ApiBase::parse(BASE).unwrap(),
        "t".into(),
        LoadOptions::default(),
    );
    let seat = block_on(client.member_seat("acme", "a/../x", &|_| {})).unwrap();
    assert_eq!(seat.login(), "octocat");
}

#[test]
fn billing_usage_falls_back_to_the_usage_report_and_keeps_only_copilot_lines() {
    let summary = format!(
        "{BASE}/organizations/acme/settings/billing/usage/summary?year=2026&month=11&product=copilot"
    );
    let usage = format!("{BASE}/organizations/acme/settings/billing/usage?year=2026&month=11");
    let body = r#"{"usageItems":[{"product":"copilot","sku":"copilot_ai_credits","quantity":5,"netAmount":0.05},{"product":"actions","sku":"actions_linux","netAmount":8.0}]}"#;
    let script = Script::default()
        .on(
            &summary,
            vec![status(404, &[], r#"{"message":"Not Found"}"#)],
        )
        .on(&usage, vec![ok(body.to_string(), None)]);
    let clock = FakeClock::default();
    let client = Client::new(
        &script,
        &clock,
        ApiBase::parse(BASE).unwrap(),
        "t".into(),
        LoadOptions::default(),
    );
    let lines = block_on(client.copilot_usage("acme", 2026, 11)).unwrap();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].net_amount, crate::money::Cents(5));
    assert_eq!(script.requested(), [summary.clone(), usage.clone()]);

    // 404 from both: not on the enhanced billing platform.
    let script = Script::default()
        .on(&summary, vec![status(404, &[], "{}")])
        .on(&usage, vec![status(404, &[], "{}")]);
    let client = Client::new(
        &script,
        &clock,
        ApiBase::parse(BASE).unwrap(),
        "t".into(),
        LoadOptions::default(),
    );
    let e = block_on(client.copilot_usage("acme", 2026, 11)).unwrap_err();
    assert!(crate::spend::unavailable_reason(&e).contains("enhanced billing platform"));
}
