//! GitHub's secondary rate limits, enforced per token when turned on (off by default, so every
//! other test and benchmark runs unlimited): at most `points` points in any window of
//! `window_ms` (GET and HEAD cost 1, POST, PATCH, PUT and DELETE 5) and at most `concurrent`
//! requests in flight. Over the points: 403 with `retry-after` (whole seconds until the window
//! admits the request); over the concurrency: 429 with `retry-after: 1`. Both with GitHub's
//! secondary-limit message.
//!
//! A request is counted when it arrives, after the request log and before the added latency;
//! a refused request costs nothing. The token is the `Authorization` header as sent (requests
//! without one share a window). A CORS preflight (`OPTIONS`) carries no token, so it is never
//! counted against one; `/_fakehub/*` and the app's static files are never limited.

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::http::{header, HeaderMap, Method};
use serde::Serialize;

/// The limits, as set by `PUT /_fakehub/limits` or `--points-per-minute`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Limits {
    /// Points allowed in any window.
    pub points: u64,
    /// The window, in ms.
    pub window_ms: u64,
    /// Requests in flight allowed per token.
    pub concurrent: u64,
}

impl Default for Limits {
    /// GitHub's: 900 points a minute, 100 concurrent requests.
    fn default() -> Self {
        Limits {
            points: 900,
            window_ms: 60_000,
            concurrent: 100,
        }
    }
}

/// The setting and what each token used.
#[derive(Debug, Default)]
pub struct Secondary {
    pub setting: Option<Limits>,
    tokens: HashMap<String, TokenUse>,
}

#[derive(Debug, Default)]
struct TokenUse {
    /// Points counted and when, oldest first.
    log: VecDeque<(Instant, u64)>,
    in_flight: u64,
}

impl Secondary {
    /// Forgets the points counted (requests in flight stay counted until they end).
    pub fn clear_windows(&mut self) {
        for t in self.tokens.values_mut() {
            t.log.clear();
        }
        self.tokens.retain(|_, t| t.in_flight > 0);
    }
}

/// Why a request was refused, and how long to wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Over the points of the window: 403.
    Points { retry_after_s: u64 },
    /// Over the requests in flight: 429.
    Concurrency,
}

/// A counted request in flight; dropping it ends it.
pub struct InFlight<'a> {
    secondary: &'a Mutex<Secondary>,
    token: String,
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        if let Some(t) = lock(self.secondary).tokens.get_mut(&self.token) {
            t.in_flight = t.in_flight.saturating_sub(1);
        }
    }
}

/// The mutex's value, also after a panic elsewhere poisoned it (fakehub's state stays usable).
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// What a method costs.
fn points(method: &Method) -> u64 {
    if method == Method::GET || method == Method::HEAD {
        1
    } else {
        5
    }
}

/// Counts a request (not a preflight: the caller skips `OPTIONS`). `Ok(None)` when the limits
/// are off.
pub fn admit<'a>(
    shared: &'a Mutex<Secondary>,
    method: &Method,
    headers: &HeaderMap,
) -> Result<Option<InFlight<'a>>, Refusal> {
    let mut secondary = lock(shared);
    let Some(limits) = secondary.setting else {
        return Ok(None);
    };
    let token = headers
        .get(header::AUTHORIZATION)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .unwrap_or_default();
    let now = Instant::now();
    let window = Duration::from_millis(limits.window_ms);
    let t = secondary.tokens.entry(token.clone()).or_default();
    while t.log.front().is_some_and(|&(at, _)| now >= at + window) {
        t.log.pop_front();
    }
    if t.in_flight >= limits.concurrent {
        return Err(Refusal::Concurrency);
    }
    let cost = points(method);
    let used: u64 = t.log.iter().map(|&(_, p)| p).sum();
    if used + cost > limits.points {
        // The window admits it once enough of the oldest points have left it.
        let need = used + cost - limits.points;
        let mut freed = 0;
        let mut free_at = now + window;
        for &(at, p) in &t.log {
            freed += p;
            if freed >= need {
                free_at = at + window;
                break;
            }
        }
        let ms = free_at.saturating_duration_since(now).as_millis() as u64;
        return Err(Refusal::Points {
            retry_after_s: ms.div_ceil(1000).max(1),
        });
    }
    t.log.push_back((now, cost));
    t.in_flight += 1;
    Ok(Some(InFlight {
        secondary: shared,
        token,
    }))
}
