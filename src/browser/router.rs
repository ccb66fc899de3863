//! The app's two routes (`/` and `/seats/LOGIN`, under the `<base href>` path) on the History
//! API: the URL is the state, links inside the app navigate without reloading the page (the
//! token lives in memory), Back and Forward re-read the URL.
//!
//! A router of our own rather than leptos_router: the app needs two routes, a query string and
//! link interception, and leptos_router cost the first visit ≈ 20 KB gzip.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

pub(crate) use seat_core::route::Route;
use seat_core::route::{parse_query, route_of};

/// The current URL, reactive. Provided as context by [`provide`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Location {
    /// The path, base included (`/repo/seats/x`).
    pub pathname: RwSignal<String>,
    /// The query's pairs, decoded, in order.
    pub query: RwSignal<Vec<(String, String)>>,
    /// The path the app is served under (`""` at the root).
    base: StoredValue<String>,
}

impl Location {
    /// The route of the current path.
    pub(crate) fn route(&self) -> Route {
        let base = self.base.get_value();
        self.pathname.with(|p| route_of(p, &base))
    }

    /// Goes to `url` (a path with query and hash, base included): a new history entry, or the
    /// current one replaced. `scroll`: to the hash's element, else to the top.
    pub(crate) fn navigate(&self, url: &str, replace: bool, scroll: bool) {
        let Some(history) = web_sys::window().and_then(|w| w.history().ok()) else {
            return;
        };
        let done = if replace {
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url))
        } else {
            history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url))
        };
        if done.is_err() {
            return;
        }
        self.sync();
        if scroll {
            let hash = web_sys::window()
                .and_then(|w| w.location().hash().ok())
                .unwrap_or_default();
            match hash.strip_prefix('#').filter(|h| !h.is_empty()) {
                // After the new page has rendered.
                Some(id) => {
                    let id = id.to_string();
                    request_animation_frame(move || super::scroll_to_id(&id));
                }
                None => {
                    if let Some(w) = web_sys::window() {
                        w.scroll_to_with_x_and_y(0.0, 0.0);
                    }
                }
            }
        }
    }

    /// Reads the browser's URL into the signals (each only when it changed).
    fn sync(&self) {
        let Some(loc) = web_sys::window().map(|w| w.location()) else {
            return;
        };
        let path = loc.pathname().unwrap_or_default();
        let query = parse_query(&loc.search().unwrap_or_default());
        if self.pathname.with_untracked(|p| *p != path) {
            self.pathname.set(path);
        }
        if self.query.with_untracked(|q| *q != query) {
            self.query.set(query);
        }
    }
}

/// Reads the URL, provides the [`Location`] and keeps it current: Back and Forward, and clicks
/// on links to the app's own pages (which would otherwise reload it and lose the token).
pub(crate) fn provide() -> Location {
    let location = Location {
        pathname: RwSignal::new(String::new()),
        query: RwSignal::new(Vec::new()),
        base: StoredValue::new(super::base_path()),
    };
    location.sync();
    provide_context(location);
    // The app lives as long as the page: these listeners do too.
    let popstate = window_event_listener(leptos::ev::popstate, move |_| location.sync());
    let click = window_event_listener(leptos::ev::click, move |ev| {
        if let Some(url) = internal_link(&ev, &location.base.get_value()) {
            ev.prevent_default();
            location.navigate(&url, false, true);
        }
    });
    on_cleanup(move || {
        popstate.remove();
        click.remove();
    });
    location
}

/// The app's [`Location`].
pub(crate) fn use_location() -> Location {
    expect_context::<Location>()
}

/// The path, query and hash a click goes to, when it is a plain click on a link to one of the
/// app's own pages (same origin, under the base, no `target` or `download`).
fn internal_link(ev: &web_sys::MouseEvent, base: &str) -> Option<String> {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.ctrl_key()
        || ev.shift_key()
        || ev.alt_key()
    {
        return None;
    }
    let anchor = ev
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("a[href]")
        .ok()??
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .ok()?;
    if !anchor.target().is_empty() || anchor.has_attribute("download") {
        return None;
    }
    let here = web_sys::window()?.location().origin().ok()?;
    // `href` is absolute: the browser resolved it against `<base href>`.
    let url = web_sys::Url::new(&anchor.href()).ok()?;
    let path = url.pathname();
    let under_base = path == base || path.starts_with(&format!("{base}/"));
    (url.origin() == here && under_base).then(|| format!("{path}{}{}", url.search(), url.hash()))
}
