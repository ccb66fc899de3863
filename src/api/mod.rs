//! The only code that talks HTTP: a gloo-net [`Transport`] and a browser [`Clock`] for
//! `seat_core`'s loader, which owns the rules (token origin, paging, retries, rate limits).

use gloo_net::http::{Request, RequestBuilder, Response};
use seat_core::error::{ApiError, RawResponse};
use seat_core::loader::{Client, Clock, Transport, WriteMethod};
use web_sys::{ReferrerPolicy, RequestCache, RequestCredentials};

/// Fetch through the browser. Sends `Accept` and `Authorization` (and `Content-Type:
/// application/json` on writes) only: all pass GitHub's CORS preflight (a `User-Agent` or
/// `X-GitHub-Api-Version` header would not).
#[derive(Debug, Clone, Copy, Default)]
pub struct FetchTransport;

impl Transport for FetchTransport {
    async fn get(&self, url: &str, token: &str) -> Result<RawResponse, ApiError> {
        // Dropping this future (a timeout, a cancelled load, a page that went away) aborts the
        // fetch instead of leaving it running unseen.
        let abort = crate::browser::AbortOnDrop::new();
        let request = prepare(Request::get(url), token, &abort);
        let response = request.send().await.map_err(network)?;
        read(response).await
    }

    async fn send(
        &self,
        method: WriteMethod,
        url: &str,
        token: &str,
        body: &str,
    ) -> Result<RawResponse, ApiError> {
        let abort = crate::browser::AbortOnDrop::new();
        let builder = match method {
            WriteMethod::Delete => Request::delete(url),
            WriteMethod::Post => Request::post(url),
        };
        let request = prepare(builder, token, &abort)
            .header("Content-Type", "application/json")
            .body(body)
            .map_err(network)?;
        let response = request.send().await.map_err(network)?;
        read(response).await
    }
}

/// The settings every request shares: GitHub's media type, no cookies, no cache, no referrer,
/// the abort signal, and the token when there is one.
fn prepare(
    builder: RequestBuilder,
    token: &str,
    abort: &crate::browser::AbortOnDrop,
) -> RequestBuilder {
    let builder = builder
        .header("Accept", "application/vnd.github+json")
        .credentials(RequestCredentials::Omit)
        .cache(RequestCache::NoStore)
        .referrer_policy(ReferrerPolicy::NoReferrer)
        .abort_signal(abort.signal().as_ref());
    if token.is_empty() {
        builder
    } else {
        builder.header("Authorization", &format!("Bearer {token}"))
    }
}

fn network(e: gloo_net::Error) -> ApiError {
    ApiError::Network {
        // Fetch says only "Failed to fetch" for offline, DNS, TLS and CORS refusals alike.
        detail: short(&e.to_string()),
    }
}

/// Status, lowercased headers and the body of an answer.
async fn read(response: Response) -> Result<RawResponse, ApiError> {
    let status = response.status();
    let headers = response
        .headers()
        .entries()
        .map(|(k, v)| (k.to_ascii_lowercase(), v))
        .collect();
    // Bytes, not text: skips a UTF-16 round trip through a JS string, which at 100,000
    // seats (≈140 MB of JSON) is a large part of the decoding time.
    let bytes = response.binary().await.map_err(|e| ApiError::Network {
        detail: format!(
            "the connection dropped while reading the answer: {}",
            short(&e.to_string())
        ),
    })?;
    let body = String::from_utf8(bytes).map_err(|_| ApiError::Malformed {
        detail: "the answer is not UTF-8 text".into(),
    })?;
    Ok(RawResponse {
        status,
        headers,
        body,
    })
}

fn short(s: &str) -> String {
    s.chars().take(200).collect()
}

/// `Date.now()` and `setTimeout`.
#[derive(Debug, Clone, Copy, Default)]
pub struct BrowserClock;

impl Clock for BrowserClock {
    fn now_ms(&self) -> i64 {
        js_sys::Date::now() as i64
    }
    async fn sleep(&self, ms: u64) {
        gloo_timers::future::TimeoutFuture::new(ms.min(u32::MAX as u64) as u32).await;
    }
}

/// The client the app uses.
pub type GithubClient = Client<FetchTransport, BrowserClock>;
