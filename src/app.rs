//! The root component: state context, router, page frame.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::pages::home_page::HomePage;
use crate::pages::seat_page::SeatPage;
use crate::state::AppState;

/// The router base: the path the app is served under (`/` locally, `/repo/` on GitHub Pages),
/// read from the `<base href>` Trunk writes from its `public_url`.
fn router_base() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("base[href]").ok().flatten())
        .and_then(|b| b.get_attribute("href"))
        .unwrap_or_default();
    base.trim_end_matches('/').to_string()
}

/// The app.
#[component]
pub fn App() -> impl IntoView {
    provide_context(AppState::new());
    view! {
        <Router base=router_base()>
            <header class="topbar">
                <h1 class="brand"><a href="./">"Copilot Seat Review"</a></h1>
                <span class="tagline">"See how your organization's Copilot seats are used. Runs in your browser; talks only to GitHub."</span>
            </header>
            <main id="main">
                <Routes fallback=|| view! { <p role="alert" class="alert">"No such page. " <a href="./">"Go to the start page"</a> "."</p> }>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/seats/:login") view=SeatPage />
                </Routes>
            </main>
        </Router>
    }
}
