//! Removing and giving back Copilot seats (`DELETE`/`POST /orgs/{org}/copilot/billing/selected_users`),
//! remembered per organization until `DELETE /_fakehub/requests` resets fakehub.
//!
//! What fakehub does, following GitHub's documentation (FACTS.md, "Writing seats"):
//! - `DELETE` sets `pending_cancellation_date` (the first day of next month, the start of the
//!   next billing cycle) on each named seat; the seat list, the member call and the billing
//!   breakdown's `pending_cancellation` show it from then on. `seats_cancelled` counts the seats
//!   that were not already pending; unknown logins count 0.
//! - **The whole request is refused (422) when any named seat came through a team**: GitHub
//!   documents the 422 for "a user's seat cannot be cancelled because it was assigned to them
//!   via a team" without saying whether the other seats are cancelled; fakehub chooses the
//!   strict reading, so nothing changes, and a client must not send team-granted seats.
//! - 422 when seat management is `assign_all` (`assign-all`) or `unconfigured` (`unconfigured`),
//!   for `DELETE` and `POST` alike.
//! - `POST` clears a pending cancellation (one made here, or one generated with the seat) and
//!   answers 201 `{"seats_created": n}`, n counting the seats it gave back. **It never adds a
//!   seat**: a generated organization's seat list is fixed, so a login without a seat (or one
//!   whose seat is active) counts 0.
//! - `octo-examples` serves GitHub's examples byte for byte, so it keeps no writes: `DELETE`
//!   refuses `octocat` (team-granted in the example) and answers 0 otherwise; `POST` answers 0.

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{json, Value};

use seat_core::generate::{self, OrgSpec};

use crate::github::Ctx;
use crate::orgs::{Data, Org};
use crate::state::{lock, AppState, SeatChange};

/// The logins of a `{"selected_usernames": [...]}` body, or GitHub's answer to a bad one.
fn usernames(ctx: &Ctx, body: &[u8]) -> Result<Vec<String>, Box<Response>> {
    let Ok(v) = serde_json::from_slice::<Value>(body) else {
        return Err(Box::new(
            ctx.error(StatusCode::BAD_REQUEST, "Problems parsing JSON"),
        ));
    };
    let names: Option<Vec<String>> = v["selected_usernames"]
        .as_array()
        .and_then(|a| a.iter().map(|n| n.as_str().map(str::to_string)).collect());
    names.filter(|n| !n.is_empty()).ok_or_else(|| {
        Box::new(ctx.error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Invalid request.\n\n\"selected_usernames\" wasn't supplied.",
        ))
    })
}

/// 422 when the organization's seat management does not allow choosing users.
fn seat_management_refusal(ctx: &Ctx, org: &Org) -> Option<Response> {
    let message = match org.seat_management {
        "assign_all" => "Seat management is set to assign all members of the organization: seats cannot be assigned or removed individually.",
        "unconfigured" => "Copilot seat management has not been configured for this organization.",
        _ => return None,
    };
    Some(ctx.error(StatusCode::UNPROCESSABLE_ENTITY, message))
}

/// Whether the seat at `index` is pending cancellation now: the last write, else as generated.
fn is_pending(spec: &OrgSpec, index: usize, change: Option<&SeatChange>) -> bool {
    match change {
        Some(SeatChange::Pending(_)) => true,
        Some(SeatChange::Active) => false,
        None => generate::is_pending_cancellation(spec, index),
    }
}

/// `DELETE /orgs/{org}/copilot/billing/selected_users`.
pub fn cancel(state: &AppState, ctx: &Ctx, org: &Org, body: &[u8]) -> Response {
    let names = match usernames(ctx, body) {
        Ok(n) => n,
        Err(resp) => return *resp,
    };
    if let Some(refused) = seat_management_refusal(ctx, org) {
        return refused;
    }
    let team_error = |login: &str| {
        ctx.error(
            StatusCode::UNPROCESSABLE_ENTITY,
            &format!("The seat of {login} was assigned through a team and cannot be cancelled individually. Remove the user from the team instead."),
        )
    };
    let spec = match &org.data {
        Data::Examples => {
            if let Some(n) = names.iter().find(|n| n.eq_ignore_ascii_case("octocat")) {
                return team_error(n);
            }
            return ctx.json(StatusCode::OK, json!({ "seats_cancelled": 0 }).to_string());
        }
        Data::Generated(spec) => spec,
    };
    let mut found = Vec::new();
    for name in &names {
        if let Some(i) = generate::index_of_login(spec, name) {
            if generate::is_team_granted(spec, i) {
                return team_error(name);
            }
            found.push((name.to_ascii_lowercase(), i));
        }
    }
    let date = generate::pending_cancellation_date(state.now);
    let mut changes = lock(&state.changes);
    let map = changes.entry(org.key.clone()).or_default();
    let mut n = 0;
    for (login, i) in found {
        if !is_pending(spec, i, map.get(&login)) {
            map.insert(login, SeatChange::Pending(date.clone()));
            n += 1;
        }
    }
    ctx.json(StatusCode::OK, json!({ "seats_cancelled": n }).to_string())
}

/// `POST /orgs/{org}/copilot/billing/selected_users`: 201 `{"seats_created": n}`.
pub fn restore(state: &AppState, ctx: &Ctx, org: &Org, body: &[u8]) -> Response {
    let names = match usernames(ctx, body) {
        Ok(n) => n,
        Err(resp) => return *resp,
    };
    if let Some(refused) = seat_management_refusal(ctx, org) {
        return refused;
    }
    let created = |n: usize| {
        ctx.json(
            StatusCode::CREATED,
            json!({ "seats_created": n }).to_string(),
        )
    };
    let spec = match &org.data {
        Data::Examples => return created(0),
        Data::Generated(spec) => spec,
    };
    let mut changes = lock(&state.changes);
    let map = changes.entry(org.key.clone()).or_default();
    let mut n = 0;
    for name in &names {
        let Some(i) = generate::index_of_login(spec, name) else {
            continue;
        };
        let login = name.to_ascii_lowercase();
        if is_pending(spec, i, map.get(&login)) {
            if generate::is_pending_cancellation(spec, i) {
                map.insert(login, SeatChange::Active);
            } else {
                map.remove(&login);
            }
            n += 1;
        }
    }
    created(n)
}

/// Puts this organization's seat writes on seat objects (a page, or one member's seat).
pub fn apply_changes(state: &AppState, org: &Org, seats: &mut [Value]) {
    let changes = lock(&state.changes);
    let Some(map) = changes.get(&org.key) else {
        return;
    };
    for seat in seats {
        let login = seat["assignee"]["login"]
            .as_str()
            .map(str::to_ascii_lowercase);
        match login.and_then(|l| map.get(&l)) {
            Some(SeatChange::Pending(date)) => {
                seat["pending_cancellation_date"] = date.clone().into();
            }
            Some(SeatChange::Active) => seat["pending_cancellation_date"] = Value::Null,
            None => {}
        }
    }
}

/// The billing breakdown's `pending_cancellation` after this organization's writes, from the
/// generated count.
pub fn pending_count(state: &AppState, org: &Org, spec: &OrgSpec, generated: usize) -> usize {
    let changes = lock(&state.changes);
    let Some(map) = changes.get(&org.key) else {
        return generated;
    };
    let mut count = generated;
    for (login, change) in map {
        let Some(i) = generate::index_of_login(spec, login) else {
            continue;
        };
        let was = generate::is_pending_cancellation(spec, i);
        match change {
            SeatChange::Pending(_) if !was => count += 1,
            SeatChange::Active if was => count = count.saturating_sub(1),
            _ => {}
        }
    }
    count
}
