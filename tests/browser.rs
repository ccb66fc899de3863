//! Browser tier: runs in headless Chromium through wasm-bindgen-test. The client talks real HTTP
//! to fakehub (URL from `FAKEHUB_URL` at build time, set by `./dev test`), so CORS, exposed
//! headers and fetch behave as they do against api.github.com; components are mounted into the
//! real DOM.

use leptos::prelude::*;
use seat_core::api_base::ApiBase;
use seat_core::error::ApiError;
use seat_core::loader::{Client, LoadOptions, SeatSource};
use seat_core::models::decode_seats_page;
use seat_core::table::{Column, Direction};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use copilot_seat_review::api::{BrowserClock, FetchTransport, GithubClient};
use copilot_seat_review::components::seat_table::{Pick, SeatTable, ROW_HEIGHT};
use seat_core::selection::Selection;

wasm_bindgen_test_configure!(run_in_browser);

fn fakehub() -> &'static str {
    option_env!("FAKEHUB_URL").unwrap_or("http://127.0.0.1:8787")
}

fn client(token: &str) -> GithubClient {
    let options = LoadOptions {
        backoff_ms: 50,
        ..LoadOptions::default()
    };
    Client::new(
        FetchTransport,
        BrowserClock,
        ApiBase::parse(fakehub()).unwrap(),
        token.into(),
        options,
    )
}

#[wasm_bindgen_test]
async fn loads_the_official_examples_through_cors() {
    let c = client("good-token");
    let billing = c.billing("octo-examples", &|_| {}).await.unwrap();
    assert_eq!(billing.seat_breakdown.total, Some(12));
    let seats = std::cell::RefCell::new(Vec::new());
    let report = c
        .seats(&SeatSource::Org("octo-examples".into()), &|e| {
            if let seat_core::loader::Event::Seats { seats: s, .. } = e {
                seats.borrow_mut().extend(s);
            }
        })
        .await
        .unwrap();
    assert!(report.is_complete(), "{report:?}");
    let logins: Vec<String> = seats
        .borrow()
        .iter()
        .map(|s| s.login().to_string())
        .collect();
    assert_eq!(logins, ["octocat", "octokitten"]);
    let member = c
        .member_seat("octo-examples", "octocat", &|_| {})
        .await
        .unwrap();
    assert_eq!(member.login(), "octocat");
}

#[wasm_bindgen_test]
async fn pages_a_generated_org_concurrently_with_the_link_header() {
    let c = client("good-token");
    let count = std::cell::Cell::new(0usize);
    let report = c
        .seats(&SeatSource::Org("big-1234".into()), &|e| {
            if let seat_core::loader::Event::Seats { seats, .. } = e {
                count.set(count.get() + seats.len());
            }
        })
        .await
        .unwrap();
    assert!(report.is_complete(), "{report:?}");
    assert_eq!((report.pages, report.loaded, count.get()), (13, 1234, 1234));
}

#[wasm_bindgen_test]
async fn errors_arrive_with_the_headers_cors_exposes() {
    assert_eq!(
        client("wrong").billing("acme", &|_| {}).await.unwrap_err(),
        ApiError::BadCredentials
    );
    match client("noscope-token")
        .billing("acme", &|_| {})
        .await
        .unwrap_err()
    {
        ApiError::MissingScope { accepted, .. } => {
            assert!(accepted
                .unwrap_or_default()
                .contains("manage_billing:copilot"))
        }
        other => panic!("expected MissingScope, got {other:?}"),
    }
    assert!(matches!(
        client("sso-token")
            .billing("acme", &|_| {})
            .await
            .unwrap_err(),
        ApiError::SsoRequired { url: Some(_) }
    ));
    assert!(matches!(
        client("good-token")
            .billing("missing", &|_| {})
            .await
            .unwrap_err(),
        ApiError::NotFound { .. }
    ));
    assert!(matches!(
        client("good-token")
            .billing("billing-problem", &|_| {})
            .await
            .unwrap_err(),
        ApiError::Unprocessable { .. }
    ));
}

#[wasm_bindgen_test]
async fn an_unreachable_api_is_a_network_error_not_a_panic() {
    let options = LoadOptions {
        max_attempts: 1,
        ..LoadOptions::default()
    };
    let c: GithubClient = Client::new(
        FetchTransport,
        BrowserClock,
        ApiBase::parse("http://127.0.0.1:9").unwrap(),
        "t".into(),
        options,
    );
    let err = c.billing("acme", &|_| {}).await.unwrap_err();
    assert!(matches!(err, ApiError::Network { .. }), "{err:?}");
    assert!(err.to_string().contains("Check your connection"));
}

/// A component mounted for one test; dropping it unmounts it and removes its element, so no
/// test runs beside the tables (and their effects and listeners) of the tests before it.
struct Mounted {
    host: web_sys::Element,
    _handle: Box<dyn std::any::Any>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.host.remove();
    }
}

impl std::ops::Deref for Mounted {
    type Target = web_sys::Element;
    fn deref(&self) -> &web_sys::Element {
        &self.host
    }
}

fn mount_table(seats: Vec<seat_core::models::Seat>, rows: Vec<u32>) -> Mounted {
    mount_selectable(seats, rows, false, RwSignal::new(Selection::default()))
}

/// The table with rows that can be ticked into `selected` when `selectable`.
fn mount_selectable(
    seats: Vec<seat_core::models::Seat>,
    rows: Vec<u32>,
    selectable: bool,
    selected: RwSignal<Selection>,
) -> Mounted {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let host_el: web_sys::HtmlElement = host.clone().unchecked_into();
    let seats = RwSignal::new(seats);
    let handle = leptos::mount::mount_to(host_el, move || {
        view! {
            <SeatTable seats=seats rows=Signal::stored(rows.clone()) sort=Signal::stored(Column::LastActivity)
                direction=Signal::stored(Direction::Asc) on_sort=Callback::new(|_| {})
                seat_href=Callback::new(|l: String| format!("seats/{l}"))
                now=Signal::stored(copilot_seat_review::browser::now())
                selectable=Signal::stored(selectable) selected=selected enterprise=Signal::stored(false)
                on_pick=Callback::new(move |p| selected.update(|s| match p {
                    Pick::One(i, on) => s.set(i, on),
                    Pick::Rows(r, on) => s.set_all(&r, on),
                    Pick::Clear => *s = Selection::default(),
                })) />
        }
    });
    Mounted {
        host,
        _handle: Box::new(handle),
    }
}

#[wasm_bindgen_test]
async fn select_all_ticks_every_row_of_the_view_not_only_those_on_screen() {
    // Effects (the checkboxes' checked/indeterminate) run after the current task.
    let settle = || gloo_timers::future::TimeoutFuture::new(20);
    let page = include_str!("../fixtures/github-api/org-copilot-billing-seats.json");
    let template = decode_seats_page(page).unwrap().seats;
    let seats: Vec<_> = (0..5_000).map(|i| template[i % 2].clone()).collect();
    // The view: every other seat.
    let rows: Vec<u32> = (0..5_000).step_by(2).collect();
    let selected = RwSignal::new(Selection::default());
    let host = mount_selectable(seats, rows, true, selected);
    let all: web_sys::HtmlInputElement = host
        .query_selector("input[aria-label='Select all']")
        .unwrap()
        .expect("a Select all checkbox")
        .unchecked_into();
    all.click();
    settle().await;
    assert_eq!(selected.get_untracked().len(), 2_500);
    assert!(selected.get_untracked().contains(4_998));
    assert!(!selected.get_untracked().contains(1));
    assert!(all.checked(), "every row of the view is ticked");
    // Untick one row: the header becomes indeterminate.
    let first: web_sys::HtmlInputElement = host
        .query_selector("tbody input[type=checkbox]")
        .unwrap()
        .expect("a row checkbox")
        .unchecked_into();
    assert!(first
        .get_attribute("aria-label")
        .is_some_and(|l| l.starts_with("Select ")));
    first.click();
    settle().await;
    assert_eq!(selected.get_untracked().len(), 2_499);
    assert!(all.indeterminate() && !all.checked());
    all.click();
    settle().await;
    assert_eq!(selected.get_untracked().len(), 2_500);
    all.click();
    settle().await;
    assert!(
        selected.get_untracked().is_empty(),
        "a second click unticks the view"
    );
}

#[wasm_bindgen_test]
fn the_table_renders_only_the_rows_on_screen() {
    let page = include_str!("../fixtures/github-api/org-copilot-billing-seats.json");
    let template = decode_seats_page(page).unwrap().seats;
    let seats: Vec<_> = (0..20_000).map(|i| template[i % 2].clone()).collect();
    let rows: Vec<u32> = (0..20_000).collect();
    let host = mount_table(seats, rows);
    let table = host
        .query_selector("table[aria-label=Seats]")
        .unwrap()
        .expect("a table named Seats");
    assert_eq!(
        table.get_attribute("aria-rowcount").as_deref(),
        Some("20001")
    );
    let rendered = host
        .query_selector_all("tbody tr[aria-rowindex]")
        .unwrap()
        .length();
    assert!(
        rendered > 5 && rendered < 100,
        "rendered {rendered} rows of 20,000"
    );
    let sorted = host
        .query_selector("th[aria-sort=ascending]")
        .unwrap()
        .expect("a sorted header");
    assert_eq!(
        sorted
            .text_content()
            .unwrap_or_default()
            .trim_end_matches(['▲', '▼']),
        "Last activity"
    );
    let headers = host.query_selector_all("th button").unwrap().length();
    assert_eq!(headers, 8);
    // The bottom spacer stands in for the rest, so the scrollbar is true to size.
    let spacer: web_sys::HtmlElement = host
        .query_selector("tbody tr.spacer:last-child td")
        .unwrap()
        .unwrap()
        .unchecked_into();
    let expected = (20_000 - rendered) as f64 * ROW_HEIGHT;
    let actual: f64 = spacer
        .style()
        .get_property_value("height")
        .unwrap()
        .trim_end_matches("px")
        .parse()
        .unwrap();
    assert!((actual - expected).abs() < 1.0, "{actual} vs {expected}");
}

#[wasm_bindgen_test]
fn a_seat_without_assignee_keeps_its_row_without_a_link() {
    let seat =
        seat_core::models::decode_seat(r#"{"created_at":"2024-01-01T00:00:00Z","assignee":null}"#)
            .unwrap();
    let host = mount_table(vec![seat], vec![0]);
    let cell = host.query_selector("tbody td.col-user").unwrap().unwrap();
    assert_eq!(cell.text_content().unwrap(), "(no user)");
    assert!(cell.query_selector("a").unwrap().is_none());
}
