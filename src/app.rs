//! The root component: state context, router, page frame.

use leptos::prelude::*;

use crate::browser::router::{self, Route};
use crate::pages::home_page::HomePage;
use crate::pages::seat_page::SeatPage;
use crate::state::AppState;

/// Which page is shown (the seat page reads its login from the URL itself, so going from one
/// seat to another keeps the page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Page {
    Home,
    Seat,
    NotFound,
}

/// The app.
#[component]
pub fn App() -> impl IntoView {
    AppState::new().provide();
    let location = router::provide();
    let page = Memo::new(move |_| match location.route() {
        Route::Home => Page::Home,
        Route::Seat(_) => Page::Seat,
        Route::NotFound => Page::NotFound,
    });
    view! {
        <header class="topbar">
            <h1 class="brand"><a href="./">"Copilot Seat Review"</a></h1>
            <span class="tagline">{seat_core::text::TAGLINE}</span>
        </header>
        <main id="main">
            {move || match page.get() {
                Page::Home => view! { <HomePage /> }.into_any(),
                Page::Seat => view! { <SeatPage /> }.into_any(),
                Page::NotFound => view! { <p role="alert" class="alert">"No such page. " <a href="./">"Go to the start page"</a> "."</p> }.into_any(),
            }}
        </main>
    }
}
