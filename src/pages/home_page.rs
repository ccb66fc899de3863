//! `/`: connect, overview and the access list. The access list's view lives in the URL so it
//! can be shared and Back works; the token never does.

use leptos::prelude::*;
use seat_core::enterprise::EnterpriseSummary;
use seat_core::filter::Filter;
use seat_core::query::TableQuery;
use seat_core::reclaim::ReclaimRules;

use crate::components::access_list::AccessList;
use crate::components::changes_section::ChangesSection;
use crate::components::connect_form::ConnectForm;
use crate::components::enterprise_overview::EnterpriseOverview;
use crate::components::load_status::LoadStatusView;
use crate::components::overview_card::OverviewCard;
use crate::components::reclaim_section::ReclaimSection;
use crate::components::spend_card::SpendCard;
use crate::components::usage_charts::UsageCharts;
use crate::components::when::When;
use crate::export::download_report;
use crate::pages::actions::use_actions;
use crate::pages::assign::MembersPanel;
use crate::pages::figures::{use_figures, Figures};
use crate::pages::removal::{use_removal, RemovalConfirmation};
use crate::pages::{query_string, use_query_param, use_set_query, use_table_query, use_view_href};
use crate::state::choices::{Comparison, Price, Writes};
use crate::state::session::{self, Account, Source};
use crate::state::{AppState, LoadStatus};

/// Connect, overview, the bill, reclaimable seats, charts, comparison and the access list.
#[component]
pub(crate) fn HomePage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let (user_price, writes, comparison) = (
        expect_context::<Price>(),
        expect_context::<Writes>(),
        expect_context::<Comparison>(),
    );
    let query = use_table_query();
    let (account, org, api, token) = form_defaults();
    let enterprise = Memo::new(move |_| {
        state
            .loaded
            .session
            .with(|s| s.as_ref().is_some_and(session::Session::is_enterprise))
    });
    let actions = use_actions(state);
    let Figures {
        complete,
        usage,
        rules,
        reclaim,
        month,
        seat_estimate,
        overage,
        pool,
        grace_known,
        restrict,
        removed,
        price,
        ..
    } = use_figures(state, query);
    let removal = use_removal(state, complete, removed);
    let links = use_links(query, rules);
    let filter_href = links.filter_href;
    let on_price = Callback::new(move |p| user_price.0.set(p));
    let on_download = use_download(state, enterprise);
    let EnterpriseFigures {
        summary: enterprise_summary,
        objects,
        consistency,
    } = use_enterprise_figures(state, enterprise, complete, rules);

    use_title(state);
    let banner = move || {
        state
            .loaded
            .session
            .with(|s| s.as_ref().and_then(|s| source_note(&s.source)))
    };
    let shown = move || {
        state.loaded.session.with(Option::is_some)
            && !matches!(state.loaded.status.get(), LoadStatus::Failed(_))
    };

    // Report files dropped anywhere on the page open like the "Open a report" input.
    view! {
        <div class="home" on:dragover=move |ev| crate::browser::allow_drop(&ev)
            on:drop=move |ev| actions.on_open.run(crate::browser::dropped_files(&ev))>
        <ConnectForm account=account org=org api=api token=token on_load=actions.on_load on_demo=actions.on_demo
            on_forget=actions.on_forget on_open=actions.on_open error=actions.form_error />
        {move || banner().map(|b| view! { <p class="banner" role="note">{b}</p> })}
        <LoadStatusView status=state.loaded.status on_retry=actions.on_retry />
        {move || consistency().map(|m| view! { <div class="alert" role="alert"><p>{m}</p></div> })}
        <When when=move || enterprise.get() && shown()>
            <EnterpriseOverview summary=enterprise_summary objects=objects filter_href=filter_href />
        </When>
        {move || state.loaded.billing.get().map(|b| view! {
            <OverviewCard billing=b usage=usage price=user_price.0 on_price=on_price filter_href=filter_href overage=overage />
        })}
        <When when=move || state.loaded.billing.with(Option::is_some)>
            <SpendCard state=state.loaded.spend spend=month seat_estimate=seat_estimate />
        </When>
        <When when=shown>
            <ReclaimSection rules=rules on_rules=links.on_rules summary=reclaim show_href=links.show_reclaimable pool=pool grace_known=grace_known />
        </When>
        <When when=move || shown() && complete.get()>
            <UsageCharts seats=state.loaded.seats now=state.loaded.now href=filter_href on_select=links.on_filter />
        </When>
        <When when=move || shown() && complete.get()>
            <ChangesSection comparison=comparison.compared on_open=actions.on_compare href=filter_href error=actions.compare_error />
        </When>
        <When when=shown>
            // Rebuilt only when the list switches between the current and the earlier seats.
            {move || {
                let seats = if removed.get() { comparison.earlier_seats.read_only() } else { state.loaded.seats };
                view! {
                    <AccessList seats=seats query=query on_query=links.on_query now=state.loaded.now
                        seat_href=links.seat_href on_download=on_download restrict=restrict
                        selectable=removal.selectable selected=writes.selected on_pick=removal.on_pick
                        can_remove=removal.can_remove on_remove=removal.on_remove write=writes.status enterprise=enterprise />
                }
            }}
        </When>
        <RemovalConfirmation plan=removal.plan price=price />
        <MembersPanel shown=Signal::derive(shown) complete=complete price=price month=month />
        </div>
    }
}

/// The list's links and view changes: each keeps the URL the state of the view.
#[derive(Clone, Copy)]
struct Links {
    on_query: Callback<TableQuery>,
    filter_href: Callback<Filter, String>,
    on_filter: Callback<Filter>,
    on_rules: Callback<ReclaimRules>,
    show_reclaimable: Signal<String>,
    seat_href: Callback<String, String>,
}

fn use_links(query: Memo<TableQuery>, rules: Memo<ReclaimRules>) -> Links {
    let set_query = use_set_query();
    let view_href = use_view_href();
    let on_query = Callback::new({
        let set_query = set_query.clone();
        move |q: TableQuery| set_query(&q.to_pairs())
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
    let on_rules =
        Callback::new(move |r| set_query(&query.with_untracked(|q| q.with_rules(r)).to_pairs()));
    let show_reclaimable =
        Signal::derive(move || view_href.run(view_of(Filter::Reclaimable(rules.get()))));
    // The detail link carries the list's query (org, sort, search, ...) so "All seats" returns
    // to the same view.
    let location = crate::browser::router::use_location();
    let seat_href = Callback::new(move |login: String| {
        let query = location.query.get_untracked();
        format!(
            "seats/{}{}",
            js_sys::encode_uri_component(&login),
            query_string(&query)
        )
    });
    Links {
        on_query,
        filter_href,
        on_filter,
        on_rules,
        show_reclaimable,
        seat_href,
    }
}

/// An enterprise's overview figures and the check of its people against `total_seats`.
struct EnterpriseFigures<C> {
    summary: Memo<Option<EnterpriseSummary>>,
    objects: Signal<usize>,
    consistency: C,
}

fn use_enterprise_figures(
    state: AppState,
    enterprise: Memo<bool>,
    complete: Signal<bool>,
    rules: Memo<ReclaimRules>,
) -> EnterpriseFigures<impl Fn() -> Option<String> + Copy + 'static> {
    // An enterprise's figures, from its people once all have arrived.
    let summary = Memo::new(move |_| {
        (enterprise.get() && complete.get()).then(|| {
            let (rules, now, price) = (rules.get(), state.loaded.now.get(), state.price.0.get());
            state.loaded.seats.with(|s| {
                seat_core::enterprise::summarize(s, rules, now, |plan| {
                    seat_core::overview::seat_price(price, plan)
                })
            })
        })
    });
    let objects = Signal::derive(move || match state.loaded.status.get() {
        LoadStatus::Done { report, .. } => report.loaded,
        LoadStatus::Loading { loaded, .. } => loaded,
        _ => 0,
    });
    // GitHub's `total_seats` counts each person once: the people listed should match it.
    let consistency = move || {
        if !enterprise.get() {
            return None;
        }
        let LoadStatus::Done { report, .. } = state.loaded.status.get() else {
            return None;
        };
        if !report.is_complete() {
            return None; // The load's own alert says what is missing.
        }
        seat_core::enterprise::consistency(
            state.loaded.seats.with(Vec::len),
            report.loaded,
            report.total_seats,
        )
    };

    EnterpriseFigures {
        summary,
        objects,
        consistency,
    }
}

/// The tab's title names the organization shown.
fn use_title(state: AppState) {
    Effect::new(move |_| {
        let title = match state
            .loaded
            .session
            .with(|s| s.as_ref().map(|s| s.org.clone()))
        {
            Some(org) => format!("{org} · Copilot Seat Review"),
            None => "Copilot Seat Review".to_string(),
        };
        crate::browser::set_title(&title);
    });
}

/// The note above the figures when they come from no GitHub organization.
fn source_note(source: &Source) -> Option<String> {
    match source {
        Source::Demo => Some(seat_core::session::DEMO_NOTE.to_string()),
        Source::Report { file, time, .. } => Some(seat_core::session::report_note(file, *time)),
        Source::Github { .. } => None,
    }
}

/// The connect form's account, organization, API URL and token: from the URL, else what the
/// form remembers.
fn form_defaults() -> (Account, String, String, String) {
    let param = |name| use_query_param(name).get_untracked();
    let enterprise = param("enterprise");
    let account = if enterprise.is_some() {
        Account::Enterprise
    } else {
        Account::Organization
    };
    let (org, api, token) =
        session::form_defaults(enterprise.or_else(|| param("org")), param("api"));
    (account, org, api, token)
}

/// "Download CSV": the report of the listed rows, made in the page; the answer says what
/// happened (rows, size and time, or why it failed and what to do).
fn use_download(state: AppState, enterprise: Memo<bool>) -> Callback<Vec<u32>, String> {
    Callback::new(move |rows: Vec<u32>| {
        let org = state
            .loaded
            .session
            .with_untracked(|s| s.as_ref().map(|s| s.org.clone()));
        let enterprise = enterprise.get_untracked();
        state
            .loaded
            .seats
            .with_untracked(|s| download_report(&org.unwrap_or_default(), s, &rows, enterprise))
    })
}
