//! `/_fakehub/*`: not GitHub; what tests and benchmarks use to watch and steer the fake.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;
use std::sync::atomic::Ordering;

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

/// `GET /_fakehub/health`: `ok`.
pub async fn health() -> &'static str {
    "ok"
}
