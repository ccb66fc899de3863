//! `fetch` through web-sys: the one way the app reaches the network. What is sent and how a
//! failure reads are decided in `api` (and `seat_core`); this only speaks the browser's API.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, ReferrerPolicy, Request, RequestCache, RequestCredentials, RequestInit};

use super::AbortOnDrop;

/// An answer: status, headers (names lowercased) and the body's bytes.
#[derive(Debug)]
pub(crate) struct Fetched {
    /// HTTP status.
    pub status: u16,
    /// Every header the browser lets the page see.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

/// Why a fetch failed before an answer was read (`Err` text from the browser).
#[derive(Debug)]
pub(crate) enum FetchError {
    /// No answer: offline, DNS, TLS, a CORS refusal (the browser says only "Failed to fetch").
    Send(String),
    /// The answer's body could not be read to its end.
    Read(String),
}

/// Sends `method url` with `headers` (and `body`): no cookies, no cache, no referrer, aborted
/// when the returned future is dropped.
pub(crate) async fn fetch(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Result<Fetched, FetchError> {
    let mut abort = AbortOnDrop::new();
    let send = |e: JsValue| FetchError::Send(message(&e));
    let init = RequestInit::new();
    init.set_method(method);
    init.set_credentials(RequestCredentials::Omit);
    init.set_cache(RequestCache::NoStore);
    init.set_referrer_policy(ReferrerPolicy::NoReferrer);
    init.set_signal(abort.signal().as_ref());
    let h = Headers::new().map_err(send)?;
    for (name, value) in headers {
        h.set(name, value).map_err(send)?;
    }
    init.set_headers(&h);
    if let Some(body) = body {
        init.set_body(&JsValue::from_str(body));
    }
    let request = Request::new_with_str_and_init(url, &init).map_err(send)?;
    let window = web_sys::window().ok_or_else(|| FetchError::Send("no window".into()))?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(send)?
        .dyn_into()
        .map_err(send)?;
    let mut names = Vec::new();
    if let Ok(Some(entries)) = js_sys::try_iter(&response.headers()) {
        for entry in entries.flatten() {
            let pair: Array = entry.unchecked_into();
            if let (Some(k), Some(v)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
                names.push((k.to_ascii_lowercase(), v));
            }
        }
    }
    let read = |e: JsValue| FetchError::Read(message(&e));
    let buffer = JsFuture::from(response.array_buffer().map_err(read)?)
        .await
        .map_err(read)?;
    abort.disarm();
    Ok(Fetched {
        status: response.status(),
        headers: names,
        body: Uint8Array::new(&buffer).to_vec(),
    })
}

fn message(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "the browser refused the request".into())
}
