//! Thin web-sys wrappers. Nothing here panics: a browser call that fails becomes an `Err` or a
//! no-op, because a panic kills a WebAssembly app.

mod abort;
mod fetch;
mod files;
pub(crate) mod router;

pub(crate) use abort::AbortOnDrop;
pub(crate) use fetch::{fetch, FetchError, Fetched};
pub(crate) use files::{allow_drop, dropped_files, input_files, PickedFile};

use chrono::{DateTime, Utc};
use wasm_bindgen::{JsCast, JsValue};

/// Now, from the browser's clock.
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// A high-resolution timestamp in ms (for measuring, never for logic).
pub(crate) fn perf_now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// Which Web Storage area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Area {
    /// `localStorage`: survives restarts. Never used for the token.
    Local,
    /// `sessionStorage`: this tab only, cleared when it closes.
    Session,
}

fn storage(area: Area) -> Option<web_sys::Storage> {
    let w = web_sys::window()?;
    match area {
        Area::Local => w.local_storage().ok().flatten(),
        Area::Session => w.session_storage().ok().flatten(),
    }
}

/// Reads a key; `None` when absent or storage is unavailable (private mode, disabled).
pub(crate) fn load(area: Area, key: &str) -> Option<String> {
    storage(area)?.get_item(key).ok().flatten()
}

/// Writes a key; storage being unavailable is not an error worth stopping for.
pub(crate) fn store(area: Area, key: &str, value: &str) {
    if let Some(s) = storage(area) {
        let _ = s.set_item(key, value);
    }
}

/// Removes a key.
pub(crate) fn remove(area: Area, key: &str) {
    if let Some(s) = storage(area) {
        let _ = s.remove_item(key);
    }
}

/// Saves `bytes` as a file through a Blob and an object URL, revoked afterwards.
pub(crate) fn download(bytes: &[u8], file_name: &str, mime: &str) -> Result<(), String> {
    let fail = |what: &str, e: JsValue| {
        format!(
            "{what}: {}",
            e.as_string().unwrap_or_else(|| format!("{e:?}"))
        )
    };
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|e| fail("could not create the file", e))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|e| fail("could not create a link", e))?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|e| fail("could not create a link", e))?
        .dyn_into()
        .map_err(|_| "could not create a link".to_string())?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_hidden(true);
    if let Some(body) = document.body() {
        let _ = body.append_child(&anchor);
        anchor.click();
        let _ = body.remove_child(&anchor);
    }
    // Revoke after the click has been handled, so the download has its URL.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 1000);
    }
    Ok(())
}

/// The path the app is served under (`""` at the root, `/repo` on GitHub Pages), from the
/// `<base href>` Trunk writes from its `public_url`: the router's base.
pub(crate) fn base_path() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("base[href]").ok().flatten())
        .and_then(|b| b.get_attribute("href"))
        .unwrap_or_default();
    base.trim_end_matches('/').to_string()
}

/// Scrolls the element with this id into view (no-op when absent).
pub(crate) fn scroll_to_id(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    {
        el.scroll_into_view();
    }
}

/// Moves the keyboard focus to the element `id`, if it is there (after a dialog closes).
pub(crate) fn focus_id(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Sets `document.title`.
pub(crate) fn set_title(title: &str) {
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        d.set_title(title);
    }
}

/// Logs the panic to the console and replaces the page with a visible error, so a bug never
/// leaves a blank or frozen page.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        // The message names the file and line; the console shows it as an error.
        web_sys::console::error_1(&info.to_string().into());
        if let Some(body) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.body())
        {
            if let Ok(el) = web_sys::window()
                .and_then(|w| w.document())
                .ok_or(())
                .and_then(|d| d.create_element("div").map_err(|_| ()))
            {
                el.set_attribute("role", "alert").ok();
                el.set_class_name("alert fatal");
                el.set_text_content(Some(seat_core::text::INTERNAL_ERROR));
                let _ = body.prepend_with_node_1(&el);
            }
        }
    }));
}

/// Whether `ev` happened on a form field (which handles its own keys, Space included).
pub(crate) fn on_form_field(ev: &web_sys::Event) -> bool {
    ev.target()
        .is_some_and(|t| t.dyn_into::<web_sys::HtmlInputElement>().is_ok())
}
