//! `/`: connect, overview and the access list. The access list's view lives in the URL so it
//! can be shared and Back works; the token never does.

use leptos::prelude::*;
use seat_core::compare::Change;
use seat_core::overview::{default_price, UsageFigures};
use seat_core::query::TableQuery;
use seat_core::reclaim::summarize;
use seat_core::spend::{pool_effect, spend};
use seat_core::table::Filter;

use crate::browser::PickedFile;
use crate::components::access_list::AccessList;
use crate::components::changes_section::ChangesSection;
use crate::components::connect_form::{ConnectForm, ConnectRequest};
use crate::components::load_status::LoadStatusView;
use crate::components::overview_card::OverviewCard;
use crate::components::reclaim_section::ReclaimSection;
use crate::components::spend_card::SpendCard;
use crate::components::usage_charts::UsageCharts;
use crate::export::download_report;
use crate::pages::{query_string, use_query_param, use_set_query, use_table_query, use_view_href};
use crate::state::reports;
use crate::state::session::{self, Session, Source};
use crate::state::until_cleanup;
use crate::state::{AppState, LoadStatus, SpendState};
use futures::FutureExt;

/// Connect, overview, access list.
#[component]
pub fn HomePage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let query = use_table_query();
    let set_query = use_set_query();
    let view_href = use_view_href();
    let param = |name| use_query_param(name).get_untracked();
    let (org, api, token) = session::form_defaults(param("org"), param("api"));
    let knobs = (param("per_page"), param("concurrency"), param("timeout_ms"));
    let form_error = RwSignal::new(None::<String>);

    let on_load = Callback::new({
        let set_query = set_query.clone();
        move |req: ConnectRequest| {
            let (per_page, concurrency, timeout) = knobs.clone();
            let options = session::load_options(per_page, concurrency, timeout);
            match session::connect(&req, options) {
                Ok(session) => {
                    form_error.set(None);
                    let api = match &session.source {
                        session::Source::Github { base, .. } => (base.origin()
                            != seat_core::api_base::GITHUB_API)
                            .then(|| base.origin().to_string()),
                        session::Source::Demo | session::Source::Report { .. } => None,
                    };
                    set_query(&[("org", Some(session.org.clone())), ("api", api)]);
                    state.start_load(session);
                }
                Err(e) => form_error.set(Some(e)),
            }
        }
    });
    let on_demo = Callback::new({
        let set_query = set_query.clone();
        move |()| {
            form_error.set(None);
            // The URL names what is shown: no organization of GitHub's for the demo.
            set_query(&[("org", None), ("api", None)]);
            state.start_load(Session::demo(state.now.get_untracked()));
        }
    });
    let on_forget = Callback::new(move |()| {
        session::forget_token();
        state.clear();
    });
    let on_retry = Callback::new(move |()| state.retry());
    // Reports from files: read in the page (never sent), the newest shown, an earlier one
    // compared. A failure names the file and the line.
    let compare_error = RwSignal::new(None::<String>);
    let owner = Owner::current().unwrap_or_default();
    let on_open = Callback::new({
        let set_query = set_query.clone();
        move |files: Vec<PickedFile>| {
            if files.is_empty() {
                return;
            }
            form_error.set(None);
            compare_error.set(None);
            set_query(&[("org", None), ("api", None), ("filter", None)]);
            state.run_as_load(async move {
                if let Err(e) = reports::open(state, files).await {
                    form_error.set(Some(e));
                }
            });
        }
    });
    let on_compare = Callback::new(move |files: Vec<PickedFile>| {
        if files.is_empty() {
            return;
        }
        compare_error.set(None);
        // Tied to this page: leaving it stops the reading.
        owner.with(|| {
            leptos::task::spawn_local(
                until_cleanup(async move {
                    if let Err(e) = reports::compare_with(state, files).await {
                        compare_error.set(Some(e));
                    }
                })
                .map(|_| ()),
            );
        });
    });
    let on_query = Callback::new({
        let set_query = set_query.clone();
        move |q: TableQuery| set_query(&q.to_pairs())
    });
    let on_price = Callback::new(move |p| state.price.set(p));

    // Figures from the seat list wait for the whole list: a partial count would mislead.
    let complete = move || state.status.with(LoadStatus::is_complete);
    let usage = Signal::derive(move || {
        complete().then(|| {
            state
                .seats
                .with(|s| UsageFigures::from_seats(s, state.now.get()))
        })
    });
    // The list's view with another filter (thresholds kept, search cleared).
    let view_of = move |f: Filter| {
        let rules = query.with_untracked(|q| q.rules);
        TableQuery {
            rules,
            ..TableQuery::default()
        }
        .filtered(f)
    };
    let filter_href = Callback::new(move |f: Filter| view_href.run(view_of(f)));
    let on_filter = Callback::new({
        let set_query = set_query.clone();
        move |f: Filter| {
            set_query(&view_of(f).to_pairs());
            crate::browser::scroll_to_id("seats");
        }
    });
    let price = Signal::derive(move || {
        state.price.get().unwrap_or_else(|| {
            state
                .billing
                .with(|b| default_price(b.as_ref().and_then(|b| b.plan_type.as_deref())))
        })
    });
    // A memo: the summary re-runs when the thresholds change, not on every keystroke.
    let rules = Memo::new(move |_| query.with(|q| q.rules));
    let on_rules = Callback::new({
        let set_query = set_query.clone();
        move |r| set_query(&query.with_untracked(|q| q.with_rules(r)).to_pairs())
    });
    let reclaim = Memo::new(move |_| {
        complete().then(|| {
            let (rules, price, now) = (rules.get(), price.get(), state.now.get());
            state.seats.with(|s| summarize(s, rules, price, now))
        })
    });
    // The bill: GitHub's lines against the pool of the billed seats.
    let plan = move || {
        state
            .billing
            .with(|b| b.as_ref().and_then(|b| b.plan_type.clone()))
    };
    let billed_seats = move || {
        state
            .billing
            .with(|b| b.as_ref().and_then(|b| b.seat_breakdown.total))
    };
    let month = Memo::new(move |_| {
        let seats = billed_seats()?;
        state.spend.with(|s| match s {
            SpendState::Ready(lines) => {
                Some(spend(lines, seats, plan().as_deref(), state.now.get()))
            }
            _ => None,
        })
    });
    let seat_estimate = Signal::derive(move || billed_seats().map(|n| price.get() * n));
    let overage = Signal::derive(move || month.with(|m| m.as_ref().map(|m| m.projected_overage)));
    let pool = Signal::derive(move || {
        let (month, summary) = (month.get()?, reclaim.get()?);
        Some(pool_effect(
            &month,
            summary.total.count,
            plan().as_deref(),
            price.get(),
        ))
    });
    let show_reclaimable =
        Signal::derive(move || view_href.run(view_of(Filter::Reclaimable(rules.get()))));
    // The detail link carries the list's query (org, sort, search, ...) so "All seats" returns
    // to the same view.
    let location = leptos_router::hooks::use_location();
    let seat_href = Callback::new(move |login: String| {
        let query = location.query.with_untracked(crate::pages::pairs);
        format!(
            "seats/{}{}",
            js_sys::encode_uri_component(&login),
            query_string(&query)
        )
    });
    let on_download = Callback::new(move |rows: Vec<u32>| {
        let org = state
            .session
            .with_untracked(|s| s.as_ref().map(|s| s.org.clone()));
        state
            .seats
            .with_untracked(|s| download_report(&org.unwrap_or_default(), s, &rows))
    });

    Effect::new(move |_| {
        let title = match state.session.with(|s| s.as_ref().map(|s| s.org.clone())) {
            Some(org) => format!("{org} · Copilot Seat Review"),
            None => "Copilot Seat Review".to_string(),
        };
        crate::browser::set_title(&title);
    });
    let demo = move || {
        state
            .session
            .with(|s| s.as_ref().is_some_and(Session::is_demo))
    };
    let report_banner = move || {
        state.session.with(|s| match s.as_ref().map(|s| &s.source) {
            Some(Source::Report { file, time, .. }) => Some(format!(
                "Report {file}, made {}. Read in this page from your file; nothing was sent anywhere.",
                seat_core::time::minute_utc(*time)
            )),
            _ => None,
        })
    };
    let grace_known = Signal::derive(move || {
        state.session.with(|s| {
            !matches!(
                s.as_ref().map(|s| &s.source),
                Some(Source::Report {
                    created_known: false,
                    ..
                })
            )
        })
    });
    // A change of the comparison lists its seats; the removed ones from the earlier report.
    let change = Memo::new(move |_| match query.with(|q| q.filter.clone()) {
        Filter::Changed(c) => Some(c),
        _ => None,
    });
    let restrict = Signal::derive(move || {
        let c = change.get()?;
        Some(state.comparison.with(|cmp| {
            cmp.as_ref()
                .map(|cmp| cmp.result.of(c).to_vec())
                .unwrap_or_default()
        }))
    });
    let list_seats = Signal::derive(move || {
        if change.get() == Some(Change::Removed) {
            state
                .comparison
                .with(|c| c.as_ref().map(|c| c.seats.clone()).unwrap_or_default())
        } else {
            state.seats.get()
        }
    });
    let shown = move || {
        state.session.with(Option::is_some) && !matches!(state.status.get(), LoadStatus::Failed(_))
    };

    // Report files dropped anywhere on the page open like the "Open a report" input.
    view! {
        <div class="home" on:dragover=move |ev| crate::browser::allow_drop(&ev)
            on:drop=move |ev| on_open.run(crate::browser::dropped_files(&ev))>
        <ConnectForm org=org api=api token=token on_load=on_load on_demo=on_demo
            on_forget=on_forget on_open=on_open error=form_error />
        {move || report_banner().map(|b| view! { <p class="banner" role="note">{b}</p> })}
        {move || demo().then(|| view! {
            <p class="banner" role="note">"Demo data: a made-up organization generated in your browser. Nothing was fetched from GitHub."</p>
        })}
        <LoadStatusView status=state.status on_retry=on_retry />
        {move || state.billing.get().map(|b| view! {
            <OverviewCard billing=b usage=usage price=state.price on_price=on_price filter_href=filter_href overage=overage />
        })}
        <Show when=move || state.billing.with(Option::is_some)>
            <SpendCard state=state.spend spend=month seat_estimate=seat_estimate />
        </Show>
        <Show when=shown>
            <ReclaimSection rules=rules on_rules=on_rules summary=reclaim show_href=show_reclaimable pool=pool grace_known=grace_known />
        </Show>
        <Show when=move || shown() && complete()>
            <UsageCharts seats=state.seats now=state.now href=filter_href on_select=on_filter />
        </Show>
        <Show when=move || shown() && complete()>
            <ChangesSection comparison=state.comparison on_open=on_compare href=filter_href error=compare_error />
        </Show>
        <Show when=shown>
            <AccessList seats=list_seats query=query on_query=on_query now=state.now
                seat_href=seat_href on_download=on_download restrict=restrict />
        </Show>
        </div>
    }
}
