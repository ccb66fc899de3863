//! `/seats/:login`: one seat from `GET /orgs/{org}/members/{login}/copilot` (or from the demo
//! data), every field shown.

use chrono::Datelike;
use leptos::prelude::*;
use seat_core::editor::parse_editor;
use seat_core::error::ApiError;
use seat_core::models::Seat;
use seat_core::spend::{unavailable_reason, DEMO_HAS_NO_USAGE, USAGE_IN_ORGANIZATIONS};
use seat_core::table::missing_activity_label;
use seat_core::text::CONNECT_FIRST;
use seat_core::time::{ago, days_since, iso_utc};

use crate::components::error_alert::ErrorAlert;
use crate::components::restore_access::RestoreAccess;
use crate::components::rich_text::RichText;
use crate::components::user_usage::{UserUsage, UserUsageView};
use crate::pages::use_query_param;
use crate::state::session::{remembered_session, Session};
use crate::state::{AppState, Fetched};
use seat_core::table::ACTIVITY_NOTE;

/// Activity older than this many days gets the troubleshooting note.
const STALE_DAYS: i64 = 7;

/// What the page found for a login.
#[derive(Debug, Clone, PartialEq)]
enum Lookup {
    /// No session to ask with (the token was in memory only and the page reloaded).
    NoSession,
    /// GitHub's (or the demo's) seat.
    Found(Box<Seat>),
    /// What went wrong, with the remedy.
    Failed(ApiError),
}

/// The seat detail page.
#[component]
pub(crate) fn SeatPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let location = crate::browser::router::use_location();
    let login = Memo::new(move |_| match location.route() {
        crate::browser::router::Route::Seat(login) => login,
        _ => String::new(),
    });
    let session = use_page_session(state);
    let seat = use_seat_lookup(state, login, session);
    let user_usage = use_user_usage(login, session);
    // Giving access back: the request belongs to this page (leaving it stops it); its outcome
    // stays above the details, which are read again from GitHub afterwards.
    let restoring = RwSignal::new(false);
    let restore_note = RwSignal::new(None::<Result<String, String>>);
    Effect::new(move |_| {
        login.track();
        restore_note.set(None);
    });
    // Weak: a strong owner in this callback would keep the page (and its requests) alive.
    let owner = Owner::current().unwrap_or_default().downgrade();
    let on_restore = Callback::new(move |who: String| {
        let Some(session) = session.get_untracked() else {
            return;
        };
        restoring.set(true);
        restore_note.set(None);
        crate::state::spawn_in(&owner, async move {
            let outcome = crate::state::writes::restore(state, session, who).await;
            restoring.set(false);
            restore_note.set(Some(outcome));
            seat.refetch();
        });
    });
    let can_write = move || session.with(|s| s.as_ref().is_some_and(Session::can_write));
    // Back to the list with the view it came from (its query travels on the detail URL).
    let back_href = format!(
        "./{}",
        crate::pages::query_string(&crate::pages::current_query())
    );
    Effect::new(move |_| crate::browser::set_title(&format!("{} · Copilot seat", login.get())));

    view! {
        // `#seats` lands on the access list.
        <nav class="crumbs"><a href=format!("{back_href}#seats")>"← All seats"</a></nav>
        <section class="card detail" aria-labelledby="seat-heading">
            <h2 id="seat-heading">{move || format!("Copilot seat of {}", login.get())}</h2>
            {move || restore_note.get().map(|outcome| match outcome {
                Ok(m) => view! { <p class="note-box" role="note">{m}</p> }.into_any(),
                Err(m) => view! { <ErrorAlert message=m /> }.into_any(),
            })}
            {move || match seat.get() {
                None => view! { <p class="muted" aria-busy="true">"Loading the seat…"</p> }.into_any(),
                Some(Lookup::NoSession) => view! {
                    <div role="alert" class="alert">
                        <p><RichText spans=CONNECT_FIRST href=back_href.clone() /></p>
                    </div>
                }.into_any(),
                Some(Lookup::Failed(e)) => view! {
                    <ErrorAlert message=e.to_string() on_retry=Callback::new(move |()| seat.refetch()) />
                }.into_any(),
                Some(Lookup::Found(s)) => view! {
                    {(s.pending_cancellation_date.is_some() && can_write()).then(|| {
                        let (org, simulated) = session.with_untracked(|s| s.as_ref().map(|s| (s.org.clone(), s.is_demo())).unwrap_or_default());
                        view! { <RestoreAccess login=s.login().to_string() org=org simulated=simulated busy=restoring on_confirm=on_restore /> }
                    })}
                    <SeatDetails seat=*s.clone() demo=session.with_untracked(|s| s.as_ref().is_some_and(Session::is_demo))
                        enterprise=session.with_untracked(|s| s.as_ref().is_some_and(Session::is_enterprise)) />
                    {session.with_untracked(|s| s.as_ref().is_some_and(Session::is_enterprise)).then(|| view! { <Grants seat=*s.clone() /> })}
                    <UserUsageView usage=user_usage />
                }.into_any(),
            }}
        </section>
    }
}

/// The session this page asks with. After a reload the in-memory session is gone; a remembered
/// one is rebuilt here, for this page only, without writing the app's state while rendering.
/// The seat belongs to the organization in the URL: the app's session is used only when it is
/// that organization (the demo has none), so a stale link never asks another organization
/// about this login.
fn use_page_session(state: AppState) -> Memo<Option<Session>> {
    let (q_org, q_enterprise, q_api) = (
        use_query_param("org"),
        use_query_param("enterprise"),
        use_query_param("api"),
    );
    Memo::new(move |_| {
        let (url_org, url_enterprise) = (q_org.get(), q_enterprise.get());
        let matches = |s: &Session| match (&url_org, &url_enterprise) {
            (_, Some(slug)) => {
                !s.is_demo() && s.is_enterprise() && s.org.eq_ignore_ascii_case(slug)
            }
            (Some(org), None) => {
                !s.is_demo() && !s.is_enterprise() && s.org.eq_ignore_ascii_case(org)
            }
            (None, None) => s.is_local(),
        };
        state.loaded.session.get().filter(matches).or_else(|| {
            (url_org.is_some() || url_enterprise.is_some())
                .then(|| remembered_session(url_org, url_enterprise, q_api.get()))
                .flatten()
        })
    })
}

/// The seat of `login`: asked of GitHub for an organization, found in the loaded list for an
/// enterprise or the demo. Leaving the page (or another login) stops the request and aborts it.
fn use_seat_lookup(
    state: AppState,
    login: Memo<String>,
    session: Memo<Option<Session>>,
) -> Fetched<Lookup> {
    Fetched::new(move || {
        let login = login.get();
        let session = session.get();
        async move {
            let Some(session) = session else {
                return Lookup::NoSession;
            };
            let found = match session.client() {
                // GitHub has no per-person call for an enterprise: its seat list is the source.
                Some(client) if !session.is_enterprise() => {
                    client.member_seat(&session.org, &login, &|_| {}).await
                }
                _ => state
                    .loaded.seats
                    .with_untracked(|s| s.iter().find(|s| s.login() == login).cloned())
                    .ok_or(ApiError::NotFound {
                        what: if session.is_enterprise() && state.loaded.seats.with_untracked(Vec::is_empty) {
                            format!("seat for {login} in enterprise {} (its seat list is not loaded: go to the start page and press Load)", session.org)
                        } else {
                            format!("seat for {login} in {}", session.org)
                        },
                    }),
            };
            match found {
                Ok(seat) => Lookup::Found(Box::new(seat)),
                Err(e) => Lookup::Failed(e),
            }
        }
    })
}

/// This person's AI credits and premium requests, read when the page opens: two requests for
/// one person, never one per seat of the list.
fn use_user_usage(login: Memo<String>, session: Memo<Option<Session>>) -> Signal<UserUsage> {
    let usage = Fetched::new(move || {
        let login = login.get();
        let session = session.get();
        async move {
            if session.as_ref().is_some_and(Session::is_enterprise) {
                return UserUsage::Unavailable(USAGE_IN_ORGANIZATIONS.into());
            }
            let Some(client) = session.as_ref().and_then(Session::client) else {
                return UserUsage::Unavailable(DEMO_HAS_NO_USAGE.into());
            };
            let org = session.map(|s| s.org).unwrap_or_default();
            let now = crate::browser::now();
            let (credits, requests) = futures::join!(
                client.user_usage("ai_credit", &org, &login, now.year(), now.month()),
                client.user_usage("premium_request", &org, &login, now.year(), now.month())
            );
            let units = |lines: Vec<seat_core::spend::UsageLine>| {
                lines
                    .iter()
                    .map(seat_core::spend::UsageLine::units)
                    .sum::<f64>()
                    .round() as u64
            };
            match (credits, requests) {
                (Ok(c), Ok(r)) => UserUsage::Known {
                    credits: units(c),
                    requests: units(r),
                },
                (Err(e), _) | (_, Err(e)) => UserUsage::Unavailable(unavailable_reason(&e)),
            }
        }
    });
    Signal::derive(move || usage.get().unwrap_or(UserUsage::Loading))
}

/// Every field of one seat.
#[component]
fn SeatDetails(
    /// The seat.
    seat: Seat,
    /// Whether the seat is made up (no avatar request for a real account's picture).
    demo: bool,
    /// An enterprise's person: their organizations are listed under "Where this seat comes
    /// from", not here.
    enterprise: bool,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let now = state.loaded.now.get_untracked().max(crate::browser::now());
    let assignee = seat.assignee.clone().unwrap_or_default();
    let login = seat.login().to_string();
    let surface = parse_editor(seat.last_activity_editor.as_deref());
    let when = |t: Option<chrono::DateTime<chrono::Utc>>, none: &str| match t {
        Some(t) => format!("{} ({})", iso_utc(t), ago(t, now)),
        None => none.to_string(),
    };
    let stale = seat
        .last_activity_at
        .is_none_or(|t| days_since(t, now) >= STALE_DAYS);
    let team = seat.assigning_team.clone();
    let avatar = assignee
        .trusted_avatar()
        // Demo people are made up: no request for a real account's picture.
        .filter(|_| !demo)
        .map(str::to_string);
    view! {
        <div class="who">
            {avatar.map(|src| view! { <img class="avatar" src=src alt="" width="64" height="64" referrerpolicy="no-referrer" /> })}
            <div>
                <p class="login">{if login.is_empty() { "(no user)".to_string() } else { login.clone() }}</p>
                {assignee.html_url.as_deref().filter(|u| u.starts_with("https://")).map(|u| view! {
                    <a href=u.to_string() rel="noopener noreferrer" target="_blank">"Profile on GitHub"</a>
                })}
            </div>
        </div>
        <dl class="fields-list">
            <dt>"Plan"</dt><dd>{seat.plan_type.as_deref().unwrap_or("Not given").to_string()}</dd>
            <dt>"Assigning team"</dt>
            <dd>{match team {
                Some(t) => {
                    let label = t.label().unwrap_or("(unnamed team)").to_string();
                    match t.html_url.as_deref().filter(|u| u.starts_with("https://")) {
                        Some(u) => view! { <a href=u.to_string() rel="noopener noreferrer" target="_blank">{label}</a> }.into_any(),
                        None => view! { <span>{label}</span> }.into_any(),
                    }
                }
                None => view! { <span>"Assigned directly (not through a team)"</span> }.into_any(),
            }}</dd>
            <dt>"Assigned"</dt><dd>{when(Some(seat.created_at), "")}</dd>
            <dt>"Last activity"</dt><dd>{when(seat.last_activity_at, missing_activity_label(&seat, now))}</dd>
            <dt>"Editor"</dt>
            <dd>{surface.label()}
                {seat.last_activity_editor.as_deref().map(|raw| view! { " " <code class="raw">{raw.to_string()}</code> })}
                {surface.plugin.clone().map(|p| view! { <span class="muted">{format!(" (plugin {p})")}</span> })}
            </dd>
            <dt>"Last authenticated"</dt><dd>{when(seat.last_authenticated_at, "Never")}</dd>
            <dt>"Pending cancellation"</dt>
            <dd>{seat.pending_cancellation_date.map_or_else(|| "No".to_string(), |d| format!("Ends on {}", seat_core::time::ymd(d)))}</dd>
            {seat.organization.as_ref().and_then(|o| o.login.clone()).filter(|_| !enterprise).map(|o| view! { <dt>"Organization"</dt><dd>{o.to_string()}</dd> })}
        </dl>
        {stale.then(|| view! { <p class="note-box" role="note"><strong>"Activity looks stale? "</strong>{ACTIVITY_NOTE}</p> })}
    }
}

/// Where an enterprise's person gets their seat: every organization (each a link to the list
/// filtered to it) and every team, from the seat objects GitHub listed.
#[component]
fn Grants(
    /// The person's merged seat.
    seat: Seat,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let row = state.loaded.seats.with_untracked(|all| {
        all.iter()
            .position(|s| s.login() == seat.login() && s.assignee == seat.assignee)
    });
    let (teams, objects): (Vec<String>, u32) = row
        .and_then(|r| {
            state.with_people(|m| {
                m.grants(r)
                    .map(|g| (g.teams.iter().map(|t| t.to_string()).collect(), g.objects))
            })
        })
        .unwrap_or_else(|| (seat.team().map(str::to_string).into_iter().collect(), 1));
    let organizations: Vec<String> = seat.organizations().map(str::to_string).collect();
    // The list's view from this page's URL, searched for nobody and filtered to the organization.
    let (query, view_href) = (
        crate::pages::use_table_query(),
        crate::pages::use_view_href(),
    );
    let href = move |org: &str| {
        view_href.run(query.with_untracked(|q| {
            q.searching("")
                .filtered(seat_core::filter::Filter::Organization(org.into()))
        }))
    };
    view! {
        <h3>"Where this seat comes from"</h3>
        <p class="hint-text">{seat_core::text::seat_objects(objects as usize)}</p>
        <dl class="fields-list">
            <dt>{if organizations.len() == 1 { "Granting organization" } else { "Granting organizations" }}</dt>
            <dd><ul class="plain">
                {organizations.iter().map(|o| view! { <li><a href=href(o)>{o.clone()}</a></li> }).collect_view()}
            </ul></dd>
            <dt>{if teams.len() == 1 { "Granting team" } else { "Granting teams" }}</dt>
            <dd>{if teams.is_empty() {
                view! { <span>"None: assigned directly by each organization"</span> }.into_any()
            } else {
                view! { <ul class="plain">{teams.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul> }.into_any()
            }}</dd>
        </dl>
    }
}
