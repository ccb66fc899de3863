//! The pacer in virtual time: a clock whose sleeps wake in deadline order, a transport that
//! takes `latency` ms of that time per request, and whole loads of up to 1,000 pages.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use futures::task::ArcWake;
use proptest::prelude::*;

use super::*;
use crate::api_base::ApiBase;
use crate::error::{ApiError, RawResponse};
use crate::loader::{
    Client, Clock, Event, LoadOptions, LoadReport, SeatSource, Transport, WriteMethod,
};

// ------------------------------------------------------------------------- virtual time

#[derive(Default)]
struct SimInner {
    now: Cell<i64>,
    next: Cell<u64>,
    timers: RefCell<BTreeMap<(i64, u64), Waker>>,
}

/// A clock in virtual time: [`drive`] moves it to the next deadline when nothing else can run.
#[derive(Clone, Default)]
struct Sim(Rc<SimInner>);

struct Sleep {
    sim: Sim,
    key: (i64, u64),
}

impl Future for Sleep {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.sim.0.now.get() >= self.key.0 {
            self.sim.0.timers.borrow_mut().remove(&self.key);
            Poll::Ready(())
        } else {
            self.sim
                .0
                .timers
                .borrow_mut()
                .insert(self.key, cx.waker().clone());
            Poll::Pending
        }
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        // A timeout that lost its race must not pull time forward.
        self.sim.0.timers.borrow_mut().remove(&self.key);
    }
}

impl Clock for Sim {
    fn now_ms(&self) -> i64 {
        self.0.now.get()
    }
    fn sleep(&self, ms: u64) -> impl Future<Output = ()> {
        let id = self.0.next.get();
        self.0.next.set(id + 1);
        Sleep {
            sim: self.clone(),
            key: (self.0.now.get() + ms as i64, id),
        }
    }
}

struct Flag(AtomicBool);

impl ArcWake for Flag {
    fn wake_by_ref(arc_self: &Arc<Self>) {
        arc_self.0.store(true, Ordering::SeqCst);
    }
}

/// Runs `fut` to completion, moving virtual time to the next deadline whenever nothing is ready.
fn drive<F: Future>(sim: &Sim, fut: F) -> F::Output {
    let flag = Arc::new(Flag(AtomicBool::new(false)));
    let waker = futures::task::waker(flag.clone());
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
        if flag.0.swap(false, Ordering::SeqCst) {
            continue;
        }
        let (&(at, _), _) = sim
            .0
            .timers
            .borrow()
            .first_key_value()
            .expect("a deadlock: nothing ready and no timer");
        sim.0.now.set(sim.0.now.get().max(at));
        let due: Vec<Waker> = {
            let mut timers = sim.0.timers.borrow_mut();
            let later = timers.split_off(&(at + 1, 0));
            std::mem::replace(&mut *timers, later)
                .into_values()
                .collect()
        };
        due.into_iter().for_each(Waker::wake);
    }
}

// ------------------------------------------------------------------------- a GitHub of N pages

const BASE: &str = "http://127.0.0.1:8787";

/// `pages` pages of one seat each; every request takes `latency` ms; logs when each was sent.
struct Hub {
    sim: Sim,
    pages: u32,
    latency: u64,
    sent: RefCell<Vec<i64>>,
    /// Answers to send first, whatever the URL (then the pages).
    script: RefCell<Vec<RawResponse>>,
}

impl Hub {
    fn new(sim: &Sim, pages: u32, latency: u64) -> Self {
        Hub {
            sim: sim.clone(),
            pages,
            latency,
            sent: RefCell::default(),
            script: RefCell::default(),
        }
    }
}

fn page_url(p: u32) -> String {
    format!("{BASE}/orgs/acme/copilot/billing/seats?per_page=100&page={p}")
}

impl Transport for &Hub {
    async fn get(&self, url: &str, _token: &str) -> Result<RawResponse, ApiError> {
        self.sent.borrow_mut().push(self.sim.now_ms());
        self.sim.sleep(self.latency).await;
        if !self.script.borrow().is_empty() {
            return Ok(self.script.borrow_mut().remove(0));
        }
        let page: u32 = url.rsplit('=').next().unwrap().parse().unwrap();
        let body = format!(
            r#"{{"total_seats":{},"seats":[{{"created_at":"2024-01-01T00:00:00Z","assignee":{{"login":"user{page}","id":{page}}}}}]}}"#,
            self.pages
        );
        let mut headers = vec![];
        if page == 1 && self.pages > 1 {
            headers.push((
                "link".to_string(),
                format!(
                    r#"<{}>; rel="next", <{}>; rel="last""#,
                    page_url(2),
                    page_url(self.pages)
                ),
            ));
        }
        Ok(RawResponse {
            status: 200,
            headers,
            body,
        })
    }

    async fn send(
        &self,
        _: WriteMethod,
        url: &str,
        token: &str,
        _: &str,
    ) -> Result<RawResponse, ApiError> {
        self.get(url, token).await
    }
}

struct Run {
    report: LoadReport,
    events: Vec<Event>,
    /// Virtual ms from start to end.
    took: i64,
}

fn load(hub: &Hub, options: LoadOptions) -> Run {
    let client = Client::new(
        hub,
        hub.sim.clone(),
        ApiBase::parse(BASE).unwrap(),
        "good-token".into(),
        options,
    );
    let events = RefCell::new(Vec::new());
    let on_event = |e: Event| events.borrow_mut().push(e);
    let start = hub.sim.now_ms();
    let report = drive(
        &hub.sim,
        client.seats(&SeatSource::Org("acme".into()), &on_event),
    )
    .unwrap();
    Run {
        report,
        events: events.into_inner(),
        took: hub.sim.now_ms() - start,
    }
}

fn options(points_per_minute: u32, minute_ms: u64, concurrency: usize) -> LoadOptions {
    LoadOptions {
        points_per_minute,
        minute_ms,
        concurrency,
        ..LoadOptions::default()
    }
}

/// The most points any window of `minute` ms holds, for requests sent at `sent` costing
/// `points` each.
fn busiest_window(sent: &[i64], minute: i64, points: u32) -> u32 {
    let mut sent = sent.to_vec();
    sent.sort_unstable();
    let mut most = 0;
    let mut from = 0;
    for (i, &t) in sent.iter().enumerate() {
        while sent[from] <= t - minute {
            from += 1;
        }
        most = most.max((i - from + 1) as u32 * points);
    }
    most
}

fn waits(events: &[Event]) -> Vec<&str> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Waiting { message, .. } => Some(message.as_str()),
            _ => None,
        })
        .collect()
}

fn etas(events: &[Event]) -> Vec<(u32, Option<u64>)> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Seats {
                pages_done, eta_ms, ..
            } => Some((*pages_done, *eta_ms)),
            _ => None,
        })
        .collect()
}

// ------------------------------------------------------------------------- tests

#[test]
fn a_100000_seat_load_keeps_the_budget_and_ends_near_the_floor() {
    let sim = Sim::default();
    let hub = Hub::new(&sim, 1_000, 50);
    let run = load(&hub, options(900, 60_000, 6));
    assert!(run.report.is_complete(), "{:?}", run.report.problem());
    let sent = hub.sent.borrow();
    assert_eq!(sent.len(), 1_000);
    assert!(busiest_window(&sent, 60_000, GET_POINTS) <= 900);
    // The floor: 2,000 points at 900 a minute.
    let floor = 2_000.0 / 900.0 * 60_000.0;
    assert!(
        (run.took as f64) <= 1.1 * floor,
        "{} ms, floor {floor}",
        run.took
    );
    let waits = waits(&run.events);
    assert!(!waits.is_empty());
    assert!(
        waits[0].starts_with("Pacing requests under GitHub's limit of 900 points a minute"),
        "{waits:?}"
    );
    // Announced once per pause, not once per waiting request.
    assert!(waits.len() <= 4, "{waits:?}");
}

#[test]
fn a_load_within_the_budget_never_waits() {
    let sim = Sim::default();
    let hub = Hub::new(&sim, 100, 50);
    let run = load(&hub, options(900, 60_000, 6));
    assert!(run.report.is_complete());
    assert!(waits(&run.events).is_empty());
    // Page 1 and 5 guessed pages at once, then the other 94 six at a time: no round trip is
    // spent waiting for page 1 alone.
    assert_eq!(run.took, 100_u64.div_ceil(6) as i64 * 50);
}

#[test]
fn a_budget_of_0_never_paces() {
    let sim = Sim::default();
    let hub = Hub::new(&sim, 1_000, 10);
    let run = load(&hub, options(0, 60_000, 6));
    assert!(run.report.is_complete());
    assert!(waits(&run.events).is_empty());
    assert_eq!(run.took, 1_000_u64.div_ceil(6) as i64 * 10);
}

#[test]
fn the_eta_counts_the_pages_to_come_at_the_pace_allowed() {
    let sim = Sim::default();
    let hub = Hub::new(&sim, 1_000, 50);
    let run = load(&hub, options(900, 60_000, 6));
    let all = etas(&run.events);
    assert_eq!(all.last(), Some(&(1_000, Some(0))));
    // After page 1 (at 50 ms), the estimate is within 5% of what the load then took.
    let (done, first) = all[0];
    assert_eq!(done, 1);
    let left = (run.took - 50) as f64;
    let first = first.unwrap() as f64;
    assert!(
        (first - left).abs() <= 0.05 * left,
        "eta {first}, took {left}"
    );
    // Halfway, too.
    let half = run
        .events
        .iter()
        .position(|e| {
            matches!(
                e,
                Event::Seats {
                    pages_done: 500,
                    ..
                }
            )
        })
        .unwrap();
    let Event::Seats {
        eta_ms: Some(eta), ..
    } = run.events[half]
    else {
        panic!()
    };
    assert!(eta > 30_000, "{eta}");

    // Without pacing: the pages left, 6 at a time.
    let sim = Sim::default();
    let hub = Hub::new(&sim, 100, 40);
    let run = load(&hub, options(0, 60_000, 6));
    assert_eq!(etas(&run.events)[0], (1, Some(99_u64.div_ceil(6) * 40)));
}

#[test]
fn the_eta_is_unknown_before_an_answer() {
    let pacer = Pacer::new(900, 60_000);
    assert_eq!(pacer.eta_ms(0, 10, GET_POINTS, 6), None);
    let Gate::Go(id) = pacer.try_acquire(0, GET_POINTS) else {
        panic!()
    };
    pacer.release(id, 100, 100);
    assert_eq!(pacer.eta_ms(100, 12, GET_POINTS, 6), Some(200));
}

#[test]
fn the_points_are_free_a_window_after_the_answer_not_the_send() {
    let pacer = Pacer::new(4, 1_000);
    let Gate::Go(a) = pacer.try_acquire(0, 2) else {
        panic!()
    };
    let Gate::Go(_) = pacer.try_acquire(0, 2) else {
        panic!()
    };
    // Both in flight: room only a window after an answer, at the earliest.
    assert_eq!(pacer.try_acquire(10, 2), Gate::Pacing(1_000));
    pacer.release(a, 300, 300);
    assert_eq!(pacer.try_acquire(400, 2), Gate::Pacing(900));
    assert!(matches!(pacer.try_acquire(1_300, 2), Gate::Go(_)));
    // A request dearer than the budget goes alone.
    let pacer = Pacer::new(1, 1_000);
    assert!(matches!(pacer.try_acquire(0, 6), Gate::Go(_)));
}

#[test]
fn a_secondary_limit_without_retry_after_waits_a_minute_then_backs_off() {
    let sim = Sim::default();
    let hub = Hub::new(&sim, 3, 0);
    let limited = RawResponse {
        status: 403,
        headers: vec![],
        body: r#"{"message":"You have exceeded a secondary rate limit."}"#.into(),
    };
    hub.script.replace(vec![limited.clone(), limited]);
    let run = load(&hub, options(900, 1_000, 6));
    assert!(run.report.is_complete());
    let waits = waits(&run.events);
    assert_eq!(
        waits,
        [
            "Waiting 1 s for GitHub's rate limit",
            "Waiting 2 s for GitHub's rate limit"
        ]
    );
    assert_eq!(run.took, 3_000);
}

#[test]
fn a_secondary_limit_holds_every_request_of_the_token() {
    let sim = Sim::default();
    let hub = Hub::new(&sim, 3, 10);
    let limited = RawResponse {
        status: 429,
        headers: vec![("retry-after".into(), "5".into())],
        body: "{}".into(),
    };
    let answered = RawResponse {
        status: 200,
        headers: vec![],
        body: "{}".into(),
    };
    hub.script.replace(vec![limited, answered.clone()]);
    let client = Client::new(
        &hub,
        sim.clone(),
        ApiBase::parse(BASE).unwrap(),
        "t".into(),
        options(900, 60_000, 6),
    );
    let _ = drive(&sim, client.billing("acme", &|_| {}));
    let sent = hub.sent.borrow().clone();
    // The limited request, then its retry 5 s after the answer.
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[1] - sent[0], 10 + 5_000);
    hub.script.replace(vec![answered]);
    // Another request of the same client waits out the hold as well.
    client.pacer().hold_until(sim.now_ms() + 3_000);
    let before = sim.now_ms();
    let _ = drive(&sim, client.billing("acme", &|_| {}));
    assert_eq!(hub.sent.borrow()[2], before + 3_000);
}

#[test]
fn clients_of_one_token_can_share_a_pacer() {
    let sim = Sim::default();
    let hub = Hub::new(&sim, 40, 0);
    let pacer = Arc::new(Pacer::new(100, 60_000));
    for _ in 0..2 {
        let client = Client::sharing(
            &hub,
            sim.clone(),
            ApiBase::parse(BASE).unwrap(),
            "t".into(),
            options(100, 60_000, 6),
            pacer.clone(),
        );
        drive(&sim, client.seats(&SeatSource::Org("acme".into()), &|_| {})).unwrap();
    }
    // 80 requests, 160 points: the second load waited for the first one's window.
    assert!(busiest_window(&hub.sent.borrow(), 60_000, GET_POINTS) <= 100);
    assert!(sim.now_ms() >= 60_000);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// No window of `minute_ms` ever holds more than the budget, whatever the load's size,
    /// the budget, the concurrency and the latency; and every page arrives, asked for once
    /// (plus, for a list shorter than page 1's guesses, at most those guesses past its end).
    #[test]
    fn no_window_holds_more_than_the_budget(
        pages in 1u32..300,
        budget in 2u32..200,
        concurrency in 1usize..10,
        latency in 0u64..300,
        minute in 100u64..5_000,
    ) {
        let sim = Sim::default();
        let hub = Hub::new(&sim, pages, latency);
        let run = load(&hub, options(budget, minute, concurrency));
        prop_assert!(run.report.is_complete());
        let sent = hub.sent.borrow();
        let options = options(budget, minute, concurrency);
        let guesses = options.speculative_pages.min(concurrency as u32 - 1);
        prop_assert!(
            (pages as usize..=pages.max(1 + guesses) as usize).contains(&sent.len()),
            "{} requests for {} pages",
            sent.len(),
            pages
        );
        let most = busiest_window(&sent, minute as i64, GET_POINTS);
        prop_assert!(most <= budget.max(GET_POINTS), "{} points in a window", most);
    }
}

#[test]
fn a_write_costs_six_points() {
    let sim = Sim::default();
    let hub = Hub::new(&sim, 1, 0);
    let created = RawResponse {
        status: 201,
        headers: vec![],
        body: r#"{"seats_created":1}"#.into(),
    };
    hub.script
        .replace(vec![created.clone(), created.clone(), created]);
    let client = Client::new(
        &hub,
        sim.clone(),
        ApiBase::parse(BASE).unwrap(),
        "t".into(),
        options(12, 60_000, 6),
    );
    for _ in 0..3 {
        assert_eq!(drive(&sim, client.restore_seat("acme", "octocat")), Ok(1));
    }
    // Two writes fill the budget of 12: the third waits a minute after the first's answer.
    let sent = hub.sent.borrow();
    assert_eq!(sent[..], [0, 0, 60_000]);
}
