//! The only code that talks HTTP: a fetch [`Transport`] and a browser [`Clock`] for
//! `seat_core`'s loader, which owns the rules (token origin, paging, retries, rate limits).

use seat_core::error::{ApiError, RawResponse};
use seat_core::loader::{Client, Clock, Transport, WriteMethod};

use crate::browser::{fetch, FetchError, Fetched};

/// Fetch through the browser. Sends `Accept` and `Authorization` (and `Content-Type:
/// application/json` on writes) only: all pass GitHub's CORS preflight (a `User-Agent` or
/// `X-GitHub-Api-Version` header would not). No cookies, no cache, no referrer; dropping the
/// future (a timeout, a cancelled load, a page that went away) aborts the request.
#[derive(Debug, Clone, Copy, Default)]
pub struct FetchTransport;

const ACCEPT: (&str, &str) = ("Accept", "application/vnd.github+json");

impl Transport for FetchTransport {
    async fn get(&self, url: &str, token: &str) -> Result<RawResponse, ApiError> {
        let auth = bearer(token);
        let mut headers = vec![ACCEPT];
        if !token.is_empty() {
            headers.push(("Authorization", &auth));
        }
        answer(fetch("GET", url, &headers, None).await)
    }

    async fn send(
        &self,
        method: WriteMethod,
        url: &str,
        token: &str,
        body: &str,
    ) -> Result<RawResponse, ApiError> {
        let auth = bearer(token);
        let headers = [
            ACCEPT,
            ("Authorization", &auth),
            ("Content-Type", "application/json"),
        ];
        answer(fetch(method.as_str(), url, &headers, Some(body)).await)
    }
}

fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}

/// Status, lowercased headers and the body of an answer, or what went wrong.
fn answer(fetched: Result<Fetched, FetchError>) -> Result<RawResponse, ApiError> {
    match fetched {
        Ok(f) => {
            // Bytes, not text: skips a UTF-16 round trip through a JS string, which at 100,000
            // seats (≈140 MB of JSON) is a large part of the decoding time.
            let body = String::from_utf8(f.body).map_err(|_| ApiError::Malformed {
                detail: "the answer is not UTF-8 text".into(),
            })?;
            Ok(RawResponse {
                status: f.status,
                headers: f.headers,
                body,
            })
        }
        // Fetch says only "Failed to fetch" for offline, DNS, TLS and CORS refusals alike.
        Err(FetchError::Send(e)) => Err(ApiError::Network { detail: short(&e) }),
        Err(FetchError::Read(e)) => Err(ApiError::Network {
            detail: format!(
                "the connection dropped while reading the answer: {}",
                short(&e)
            ),
        }),
    }
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
