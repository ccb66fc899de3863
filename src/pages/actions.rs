//! What the start page's buttons and file inputs do: connect, the demo, Forget token, Retry,
//! open and compare report files. Each replaces or stops what ran before (see `state`).

use leptos::prelude::*;

use crate::browser::PickedFile;
use crate::pages::{use_query_param, use_set_query};
use crate::state::session::{self, Account, Session, Source};
use crate::state::{reports, spawn_in, AppState};
use seat_core::session::ConnectRequest;

/// The start page's actions and the messages they leave.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Actions {
    /// Load (the connect form).
    pub on_load: Callback<ConnectRequest>,
    /// Try demo data (an organization or an enterprise).
    pub on_demo: Callback<Account>,
    /// Forget token: stops the load, forgets the session and the remembered token.
    pub on_forget: Callback<()>,
    /// Retry the current session.
    pub on_retry: Callback<()>,
    /// Open report files (the newest is shown, an earlier one compared).
    pub on_open: Callback<Vec<PickedFile>>,
    /// Compare what is shown with earlier report files.
    pub on_compare: Callback<Vec<PickedFile>>,
    /// A problem with what was typed or opened, for the connect form's alert.
    pub form_error: RwSignal<Option<String>>,
    /// A problem with a file to compare with.
    pub compare_error: RwSignal<Option<String>>,
}

/// The actions of the start page for `state`.
pub(crate) fn use_actions(state: AppState) -> Actions {
    let set_query = use_set_query();
    let form_error = RwSignal::new(None::<String>);
    let compare_error = RwSignal::new(None::<String>);
    // Weak: this page's owner must be able to drop (and clean up) when the page goes.
    let owner = Owner::current().unwrap_or_default().downgrade();

    let on_load = use_on_load(state, form_error);
    let on_demo = Callback::new({
        let set_query = set_query.clone();
        move |account: Account| {
            form_error.set(None);
            // The URL names what is shown: no organization of GitHub's for the demo.
            set_query(&[("org", None), ("enterprise", None), ("api", None)]);
            state.start_load(Session::demo(state.loaded.now.get_untracked(), account));
        }
    });
    let on_open = Callback::new(move |files: Vec<PickedFile>| {
        if files.is_empty() {
            return;
        }
        form_error.set(None);
        compare_error.set(None);
        set_query(&[
            ("org", None),
            ("enterprise", None),
            ("api", None),
            ("filter", None),
        ]);
        // Reading the files is the load now: the next Load, demo or Forget stops it.
        state.run_as_load(async move {
            if let Err(e) = reports::open(state, files).await {
                form_error.set(Some(e));
            }
        });
    });
    let on_compare = Callback::new(move |files: Vec<PickedFile>| {
        if files.is_empty() {
            return;
        }
        compare_error.set(None);
        // Tied to this page: leaving it stops the reading.
        spawn_in(&owner, async move {
            if let Err(e) = reports::compare_with(state, files).await {
                compare_error.set(Some(e));
            }
        });
    });
    Actions {
        on_load,
        on_demo,
        on_forget: Callback::new(move |()| {
            session::forget_token();
            state.clear();
        }),
        on_retry: Callback::new(move |()| state.retry()),
        on_open,
        on_compare,
        form_error,
        compare_error,
    }
}

/// `?per_page=&concurrency=&speculative_pages=&timeout_ms=&points_per_minute=&minute_ms=`:
/// knobs for tests and the benchmark.
fn url_knobs() -> session::Knobs {
    let param = |name| use_query_param(name).get_untracked();
    session::Knobs {
        per_page: param("per_page"),
        concurrency: param("concurrency"),
        speculative_pages: param("speculative_pages"),
        timeout_ms: param("timeout_ms"),
        points_per_minute: param("points_per_minute"),
        minute_ms: param("minute_ms"),
    }
}

/// Load: checks what was typed, names the organization in the URL and starts the load (or
/// says what is wrong in `form_error`).
fn use_on_load(state: AppState, form_error: RwSignal<Option<String>>) -> Callback<ConnectRequest> {
    let set_query = use_set_query();
    let knobs = url_knobs();
    Callback::new(move |req: ConnectRequest| {
        let options = session::load_options(knobs.clone());
        match session::connect(&req, options) {
            Ok(mut session) => {
                form_error.set(None);
                // GitHub's limit is per token: another Load with the same token and API
                // URL continues the budget of the one before (whose requests GitHub
                // still counts), rather than starting a fresh one.
                let earlier = state.loaded.session.with_untracked(|s| {
                    s.as_ref()
                        .filter(|s| {
                            session::continues_budget(
                                (&s.source, &s.options),
                                (&session.source, &session.options),
                            )
                        })
                        .map(|s| s.pacer.clone())
                });
                if let Some(pacer) = earlier {
                    session.pacer = pacer;
                }
                let api = match &session.source {
                    Source::Github { base, .. } => (base.origin()
                        != seat_core::api_base::GITHUB_API)
                        .then(|| base.origin().to_string()),
                    Source::Demo | Source::Report { .. } => None,
                };
                let name = |a: Account| (a == session.account).then(|| session.org.clone());
                set_query(&[
                    ("org", name(Account::Organization)),
                    ("enterprise", name(Account::Enterprise)),
                    ("api", api),
                ]);
                state.start_load(session);
            }
            Err(e) => form_error.set(Some(e)),
        }
    })
}
