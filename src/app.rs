//! The root component: state context, router, page frame.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::pages::home_page::HomePage;
use crate::pages::seat_page::SeatPage;
use crate::state::AppState;

/// The app.
#[component]
pub fn App() -> impl IntoView {
    provide_context(AppState::new());
    view! {
        <Router base=crate::browser::base_path()>
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
