//! `/_fakehub/*`: not GitHub; what tests and benchmarks use to watch and steer the fake.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;
use std::sync::atomic::Ordering;

use crate::limits::Limits;
use crate::state::{lock, AppState};

/// `GET /_fakehub/requests`: every API request since the last reset, oldest first.
pub async fn list_requests(State(state): State<AppState>) -> Response {
    Json(lock(&state.log).clone()).into_response()
}

/// `DELETE /_fakehub/requests`: the reset. Forgets the log, fault counters, rate-limit
/// windows and every seat write (removals and restores), so each test starts from the same
/// fake.
pub async fn clear_requests(State(state): State<AppState>) -> StatusCode {
    state.reset();
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
pub struct LatencyQuery {
    ms: Option<String>,
}

/// `PUT /_fakehub/latency?ms=100`: latency added to every API request from now on.
pub async fn set_latency(State(state): State<AppState>, Query(q): Query<LatencyQuery>) -> Response {
    match q.ms.as_deref().map(str::parse::<u64>) {
        Some(Ok(ms)) => {
            state.latency_ms.store(ms, Ordering::Relaxed);
            Json(json!({ "latency_ms": ms })).into_response()
        }
        _ => (
            StatusCode::BAD_REQUEST,
            Json(json!({ "message": "use ?ms=N (milliseconds, >= 0)" })),
        )
            .into_response(),
    }
}

/// `GET /_fakehub/latency`.
pub async fn get_latency(State(state): State<AppState>) -> Response {
    Json(json!({ "latency_ms": state.latency() })).into_response()
}

#[derive(Deserialize)]
pub struct LimitsQuery {
    points: Option<String>,
    window_ms: Option<String>,
    concurrent: Option<String>,
}

/// `PUT /_fakehub/limits?points=900&window_ms=60000&concurrent=100`: enforce GitHub's
/// secondary limits per token from now on (each omitted value: GitHub's). Answers as `GET`.
pub async fn set_limits(State(state): State<AppState>, Query(q): Query<LimitsQuery>) -> Response {
    let default = Limits::default();
    let value = |v: Option<String>, default: u64| match v {
        None => Some(default),
        Some(v) => v.parse::<u64>().ok().filter(|&n| n > 0),
    };
    let (Some(points), Some(window_ms), Some(concurrent)) = (
        value(q.points, default.points),
        value(q.window_ms, default.window_ms),
        value(q.concurrent, default.concurrent),
    ) else {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({ "message": "use ?points=N&window_ms=N&concurrent=N (each a whole number > 0; omitted: 900, 60000, 100)" })),
        )
            .into_response();
    };
    lock(&state.secondary).setting = Some(Limits {
        points,
        window_ms,
        concurrent,
    });
    get_limits(State(state)).await
}

/// `DELETE /_fakehub/limits`: no secondary limits (the default), windows forgotten.
pub async fn clear_limits(State(state): State<AppState>) -> StatusCode {
    let mut secondary = lock(&state.secondary);
    secondary.setting = None;
    secondary.clear_windows();
    StatusCode::NO_CONTENT
}

/// `GET /_fakehub/limits`: `{"enabled":false}`, or
/// `{"enabled":true,"points":900,"window_ms":60000,"concurrent":100}`.
pub async fn get_limits(State(state): State<AppState>) -> Response {
    let body = match lock(&state.secondary).setting {
        None => json!({ "enabled": false }),
        Some(l) => json!({
            "enabled": true,
            "points": l.points,
            "window_ms": l.window_ms,
            "concurrent": l.concurrent,
        }),
    };
    Json(body).into_response()
}

/// `GET /_fakehub/health`: `ok`.
pub async fn health() -> &'static str {
    "ok"
}
