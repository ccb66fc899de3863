//! `/`: connect, overview and the access list. Sort, direction, search and filter live in the
//! URL so a view can be shared and Back works; the token never does.

use leptos::prelude::*;
use seat_core::api_base::{validate_org, ApiBase, GITHUB_API};
use seat_core::loader::LoadOptions;
use seat_core::overview::UsageFigures;
use seat_core::report::{file_name, write_report};
use seat_core::table::{filter_rows, sorted_order, Column, Direction, Filter, SeatIndex};

use crate::browser::{self, Area};
use crate::components::connect_form::{ConnectForm, ConnectRequest};
use crate::components::load_status::LoadStatusView;
use crate::components::overview_card::OverviewCard;
use crate::components::seat_table::{SeatTable, ACTIVITY_NOTE};
use crate::pages::{query_string, use_query_param, use_set_query};
use crate::state::{AppState, LoadStatus, Session, Source, API_KEY, ORG_KEY, TOKEN_KEY};

/// The default sort: least recent use first, the seats to review.
pub const DEFAULT_SORT: Column = Column::LastActivity;

/// Connect, overview, access list.
#[component]
pub fn HomePage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let set_query = use_set_query();
    let q_org = use_query_param("org");
    let q_api = use_query_param("api");
    let sort = Memo::new({
        let p = use_query_param("sort");
        move |_| {
            p.get()
                .and_then(|s| Column::from_key(&s))
                .unwrap_or(DEFAULT_SORT)
        }
    });
    let direction = Memo::new({
        let p = use_query_param("dir");
        move |_| {
            p.get()
                .and_then(|s| Direction::from_key(&s))
                .unwrap_or_default()
        }
    });
    let search = Memo::new({
        let p = use_query_param("q");
        move |_| p.get().unwrap_or_default()
    });
    let filter = Memo::new({
        let p = use_query_param("filter");
        move |_| p.get().map(|f| Filter::from_key(&f)).unwrap_or_default()
    });

    // Advanced: `?per_page=50&concurrency=1` reproduce a naive client (for the benchmark);
    // `?timeout_ms=2000` shortens the per-request time limit (the end-to-end timeout test).
    let q_per_page = use_query_param("per_page");
    let q_concurrency = use_query_param("concurrency");
    let q_timeout = use_query_param("timeout_ms");
    let load_options = move || {
        let mut options = LoadOptions::default();
        if let Some(p) = q_per_page
            .get_untracked()
            .and_then(|p| p.parse::<u32>().ok())
        {
            options.per_page = p.clamp(1, 100);
        }
        if let Some(t) = q_timeout
            .get_untracked()
            .and_then(|t| t.parse::<u64>().ok())
        {
            options.timeout_ms = t.clamp(1_000, 120_000);
        }
        if let Some(c) = q_concurrency
            .get_untracked()
            .and_then(|c| c.parse::<usize>().ok())
        {
            options.concurrency = c.clamp(1, 16);
        }
        options
    };
    let initial_org = q_org
        .get_untracked()
        .or_else(|| browser::load(Area::Local, ORG_KEY))
        .unwrap_or_default();
    let initial_api = q_api
        .get_untracked()
        .or_else(|| browser::load(Area::Local, API_KEY))
        .unwrap_or_else(|| GITHUB_API.to_string());
    let initial_token = browser::load(Area::Session, TOKEN_KEY).unwrap_or_default();
    let form_error = RwSignal::new(None::<String>);

    let on_load = Callback::new({
        let set_query = set_query.clone();
        move |req: ConnectRequest| {
            let checked = validate_org(&req.org).map(str::to_string).and_then(|org| {
                let base = ApiBase::parse(&req.api)?;
                Ok((org, base))
            });
            let (org, base) = match checked {
                Ok(ok) => ok,
                Err(e) => return form_error.set(Some(e.to_string())),
            };
            let Some(token) = seat_core::token::Token::new(&req.token) else {
                return form_error.set(Some(
                    "Token: paste a GitHub token first (or press “Try demo data” to look around without one).".into(),
                ));
            };
            form_error.set(None);
            browser::store(Area::Local, ORG_KEY, &org);
            browser::store(Area::Local, API_KEY, base.origin());
            if req.remember {
                browser::store(Area::Session, TOKEN_KEY, token.expose());
            } else {
                browser::remove(Area::Session, TOKEN_KEY);
            }
            let api = (base.origin() != GITHUB_API).then(|| base.origin().to_string());
            set_query(&[("org", Some(org.clone())), ("api", api)]);
            state.start_load(Session {
                org,
                source: Source::Github { base, token },
                options: load_options(),
            });
        }
    });
    let on_demo = Callback::new(move |()| {
        form_error.set(None);
        state.start_load(Session {
            org: crate::state::demo_spec(state.now.get_untracked()).name,
            source: Source::Demo,
            options: LoadOptions::default(),
        });
    });
    let on_forget = Callback::new(move |()| {
        browser::remove(Area::Session, TOKEN_KEY);
        state.clear();
    });
    let on_retry = Callback::new(move |()| {
        if let Some(session) = state.session.get_untracked() {
            state.start_load(session);
        }
    });
    let busy = Signal::derive(move || matches!(state.status.get(), LoadStatus::Loading { .. }));

    // Derived, not synchronized: the sorted order follows the seats and the sort; the rows
    // follow the order, the search and the filter.
    let index = Memo::new(move |_| state.seats.with(|s| SeatIndex::new(s)));
    let order = Memo::new(move |_| {
        index.with(|ix| {
            state
                .seats
                .with(|s| sorted_order(s, ix, sort.get(), direction.get()))
        })
    });
    let rows = Memo::new(move |_| {
        let now = state.now.get();
        order.with(|o| {
            index.with(|ix| {
                state
                    .seats
                    .with(|s| filter_rows(s, ix, o, &search.get(), filter.get(), now))
            })
        })
    });
    let complete = move || matches!(state.status.get(), LoadStatus::Done { ref report, .. } if report.is_complete());
    let usage = Signal::derive(move || {
        complete().then(|| {
            state
                .seats
                .with(|s| UsageFigures::from_seats(s, state.now.get()))
        })
    });

    let on_sort = Callback::new({
        let set_query = set_query.clone();
        move |column: Column| {
            let dir = if column == sort.get_untracked() {
                direction.get_untracked().flip()
            } else {
                Direction::Asc
            };
            set_query(&[
                ("sort", Some(column.key().to_string())),
                ("dir", Some(dir.key().to_string())),
            ]);
        }
    });
    // The detail link carries the list's query (org, sort, search, ...) so "All seats" returns
    // to the same view.
    let list_query = Memo::new({
        let location = leptos_router::hooks::use_location();
        move |_| location.query.with(crate::pages::pairs)
    });
    let seat_href = Callback::new(move |login: String| {
        format!(
            "seats/{}{}",
            js_sys::encode_uri_component(&login),
            list_query.with_untracked(|q| query_string(q))
        )
    });
    let filter_href = Callback::new(move |f: Filter| {
        let mut pairs: Vec<(String, String)> = vec![];
        if let Some(o) = q_org.get_untracked() {
            pairs.push(("org".into(), o));
        }
        if let Some(a) = q_api.get_untracked() {
            pairs.push(("api".into(), a));
        }
        pairs.push(("filter".into(), f.key()));
        format!("./{}#seats", query_string(&pairs))
    });

    let csv_note = RwSignal::new(None::<String>);
    let download = move |_| {
        let org = state
            .session
            .get_untracked()
            .map(|s| s.org)
            .unwrap_or_default();
        let started = browser::perf_now();
        let report_time = browser::now();
        let result = rows.with_untracked(|r| {
            state
                .seats
                .with_untracked(|s| write_report(s, r, report_time))
        });
        match result {
            Ok(bytes) => match browser::download(
                &bytes,
                &file_name(&org, report_time),
                "text/csv;charset=utf-8",
            ) {
                Ok(()) => csv_note.set(Some(format!(
                    "Saved {} rows ({:.0} KB) in {:.0} ms.",
                    rows.with_untracked(Vec::len),
                    bytes.len() as f64 / 1024.0,
                    browser::perf_now() - started
                ))),
                Err(e) => csv_note.set(Some(format!(
                    "The download failed ({e}). Try again, or allow downloads for this page."
                ))),
            },
            Err(e) => csv_note.set(Some(format!("The CSV could not be written ({e})."))),
        }
    };

    Effect::new(move |_| {
        let title = match state.session.get() {
            Some(s) => format!("{} · Copilot Seat Review", s.org),
            None => "Copilot Seat Review".to_string(),
        };
        browser::set_title(&title);
    });

    let set_search = set_query.clone();
    let clear_filter = set_query.clone();
    view! {
        <ConnectForm org=initial_org api=initial_api token=initial_token on_load=on_load on_demo=on_demo
            on_forget=on_forget error=form_error busy=busy />
        {move || state.session.get().filter(|s| s.is_demo()).map(|_| view! {
            <p class="banner" role="note">"Demo data: a made-up organization generated in your browser. Nothing was fetched from GitHub."</p>
        })}
        <LoadStatusView status=state.status on_retry=on_retry />
        {move || state.billing.get().map(|b| view! {
            <OverviewCard billing=b usage=usage price=state.price filter_href=filter_href />
        })}
        <Show when=move || state.session.get().is_some() && !matches!(state.status.get(), LoadStatus::Failed(_))>
            <section class="card seats" id="seats" aria-labelledby="seats-heading">
                <h2 id="seats-heading">"Access list"</h2>
                <div class="toolbar">
                    <div class="field search">
                        <label for="seat-search">"Search"</label>
                        <input id="seat-search" type="text" enterkeyhint="search" placeholder="login" spellcheck="false" autocapitalize="off"
                            prop:value=move || search.get()
                            on:input={
                                let set_search = set_search.clone();
                                move |ev| set_search(&[("q", Some(event_target_value(&ev)))])
                            } />
                    </div>
                    {
                        let clear_filter = clear_filter.clone();
                        move || (filter.get() != Filter::All).then(|| {
                            let clear_filter = clear_filter.clone();
                            view! {
                                <span class="chip">{filter.get().label()}
                                    <button type="button" class="link" on:click=move |_| clear_filter(&[("filter", None)])>"Show all seats"</button>
                                </span>
                            }
                        })
                    }
                    <p role="status" class="count">{move || format!("{} seats", rows.with(Vec::len))}</p>
                    <button type="button" on:click=download disabled=move || rows.with(Vec::is_empty)>"Download CSV"</button>
                </div>
                {move || csv_note.get().map(|n| view! { <p class="muted small">{n}</p> })}
                <details class="hint-text">
                    <summary>"Why do some seats show no activity?"</summary>
                    <p>{ACTIVITY_NOTE}</p>
                </details>
                <SeatTable seats=state.seats rows=rows sort=sort direction=direction on_sort=on_sort
                    seat_href=seat_href now=state.now />
            </section>
        </Show>
    }
}
