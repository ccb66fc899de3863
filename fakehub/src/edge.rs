//! What happens to every request before routing: the request log (with the status answered),
//! the secondary limits when they are on, the added latency, and api.github.com's CORS answers.

use std::collections::BTreeMap;
use std::sync::atomic::Ordering;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::api::secondary_limited;
use crate::github::Ctx;
use crate::limits::{self, Refusal};
use crate::state::{lock, AppState, LoggedRequest};

/// The largest request body fakehub accepts (GitHub's limits are far larger; nothing here needs
/// more).
const MAX_BODY: usize = 1 << 20;

/// Methods api.github.com's preflight allows.
pub const ALLOW_METHODS: &str = "GET, POST, PATCH, PUT, DELETE";
/// The only request headers api.github.com's preflight allows (`Accept` is CORS-safelisted, so a
/// browser never asks). `X-GitHub-Api-Version` and `User-Agent` are not among them.
pub const ALLOW_HEADERS: &str = "Authorization, Content-Type, If-Match, If-Modified-Since, If-None-Match, If-Unmodified-Since, X-GitHub-OTP, X-Requested-With";
/// Response headers api.github.com lets a page read.
pub const EXPOSE_HEADERS: &str = "ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset";

/// Logs, limits and delays API requests, answers preflights, and puts CORS headers on every
/// response (limited ones included: a page must be able to read them).
pub async fn edge(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let admin = req.uri().path().starts_with("/_fakehub");
    let mut logged = None;
    let mut refused = None;
    let mut _in_flight = None;
    let req = if admin {
        req
    } else {
        // The body is read here to be logged, and handed on unchanged.
        let (parts, body) = req.into_parts();
        let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
            return (
                StatusCode::PAYLOAD_TOO_LARGE,
                axum::Json(serde_json::json!({ "message": "fakehub: request body too large" })),
            )
                .into_response();
        };
        logged = Some({
            let mut log = lock(&state.log);
            let at = (state.log_epoch.load(Ordering::Relaxed), log.len());
            log.push(LoggedRequest {
                method: parts.method.to_string(),
                path: parts.uri.path().to_string(),
                query: parts.uri.query().unwrap_or("").to_string(),
                headers: header_map(&parts.headers),
                at_ms: std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_millis() as u64),
                body: (!bytes.is_empty()).then(|| String::from_utf8_lossy(&bytes).into_owned()),
                status: None,
            });
            at
        });
        // A CORS preflight carries no token (the browser never sends `Authorization` with
        // it), so it is not counted against one.
        if parts.method != Method::OPTIONS {
            match limits::admit(&state.secondary, &parts.method, &parts.headers) {
                Ok(counted) => _in_flight = counted,
                Err(refusal) => refused = Some(refusal),
            }
        }
        let ms = state.latency();
        if ms > 0 {
            tokio::time::sleep(Duration::from_millis(ms)).await;
        }
        Request::from_parts(parts, Body::from(bytes))
    };
    let mut resp = match refused {
        Some(refusal) => {
            let ctx = Ctx::new(&state, req.headers(), crate::api::DOCS_SECONDARY);
            match refusal {
                Refusal::Points { retry_after_s } => {
                    secondary_limited(&ctx, StatusCode::FORBIDDEN, retry_after_s)
                }
                Refusal::Concurrency => secondary_limited(&ctx, StatusCode::TOO_MANY_REQUESTS, 1),
            }
        }
        None if req.method() == Method::OPTIONS => preflight(),
        None => next.run(req).await,
    };
    if let Some((epoch, i)) = logged {
        let mut log = lock(&state.log);
        if state.log_epoch.load(Ordering::Relaxed) == epoch {
            if let Some(entry) = log.get_mut(i) {
                entry.status = Some(resp.status().as_u16());
            }
        }
    }
    let h = resp.headers_mut();
    h.insert("access-control-allow-origin", HeaderValue::from_static("*"));
    h.insert(
        "access-control-expose-headers",
        HeaderValue::from_static(EXPOSE_HEADERS),
    );
    resp
}

/// api.github.com answers every preflight the same way, whatever was asked: a browser compares
/// the lists and fails the request itself when a header it wants to send is missing.
fn preflight() -> Response {
    let mut resp = Response::new(Body::empty());
    *resp.status_mut() = StatusCode::NO_CONTENT;
    let h = resp.headers_mut();
    h.insert(
        "access-control-allow-methods",
        HeaderValue::from_static(ALLOW_METHODS),
    );
    h.insert(
        "access-control-allow-headers",
        HeaderValue::from_static(ALLOW_HEADERS),
    );
    h.insert("access-control-max-age", HeaderValue::from_static("86400"));
    h.insert(
        "vary",
        HeaderValue::from_static("Accept-Encoding, Accept, X-Requested-With"),
    );
    resp
}

fn header_map(headers: &HeaderMap) -> BTreeMap<String, String> {
    let mut map: BTreeMap<String, String> = BTreeMap::new();
    for (name, value) in headers {
        let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
        map.entry(name.as_str().to_string())
            .and_modify(|v| {
                v.push_str(", ");
                v.push_str(&value);
            })
            .or_insert(value);
    }
    map
}
