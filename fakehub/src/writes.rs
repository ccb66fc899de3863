//! Assigning, removing and giving back Copilot seats, for users
//! (`POST`/`DELETE /orgs/{org}/copilot/billing/selected_users`) and for teams
//! (`POST`/`DELETE /orgs/{org}/copilot/billing/selected_teams`), remembered per organization
//! until `DELETE /_fakehub/requests` resets fakehub.
//!
//! What fakehub does, following GitHub's documentation (FACTS.md, "Writing seats", and the
//! OpenAPI excerpts of the four calls):
//! - `DELETE …/selected_users` sets `pending_cancellation_date` (the first day of next month,
//!   the start of the next billing cycle) on each named seat; the seat list, the member call and
//!   the billing breakdown's `pending_cancellation` show it from then on. `seats_cancelled`
//!   counts the seats that were not already pending; unknown logins and members without a seat
//!   count 0.
//! - **The whole request is refused (422) when any named seat came through a team**: GitHub
//!   documents the 422 for "a user's seat cannot be cancelled because it was assigned to them
//!   via a team" without saying whether the other seats are cancelled; fakehub chooses the
//!   strict reading, so nothing changes, and a client must not send team-granted seats.
//! - `POST …/selected_users` answers 201 `{"seats_created": n}`. A member without a seat gets
//!   a new one (GitHub: "the usernames of the organization members to be granted access"),
//!   listed after the generated seats: created and updated at the write's time, no activity,
//!   editor or authentication, the organization's plan, no `assigning_team`; `total_seats`,
//!   the member call and the billing breakdown (`total`, `added_this_cycle`,
//!   `inactive_this_cycle`) count it. A seat pending cancellation (one removed here, or one
//!   generated so) is given back. `n` counts the seats added and given back; GitHub does not say
//!   what a non-member or a login whose seat is active counts: fakehub counts them 0 and adds
//!   nothing.
//! - `POST …/selected_teams` (`{"selected_teams": [...]}`, team slugs or names,
//!   case-insensitively) gives every member of each team who has no seat a seat granted through
//!   that team (its `assigning_team`), and gives back the team's seats pending cancellation;
//!   201 `{"seats_created": n}` counts both. Members whose seat came otherwise keep it as it is.
//! - `DELETE …/selected_teams` sets every seat granted through each team (generated or added
//!   here) pending cancellation; 200 `{"seats_cancelled": n}` counts those not already pending.
//! - An unknown team refuses the whole team request with 422 (GitHub documents a 404 only as
//!   "Resource not found" for the organization, and no error for a team name; fakehub
//!   chooses 422, naming the teams, and changes nothing).
//! - Bodies: broken JSON is 400 "Problems parsing JSON"; a missing, empty or non-string list is
//!   422, as GitHub answers a body that fails its schema (`minItems: 1`).
//! - 422 when seat management is `assign_all` (`assign-all`) or `unconfigured` (`unconfigured`),
//!   for all four calls.
//! - `octo-examples` serves GitHub's examples byte for byte, so it keeps no writes:
//!   `DELETE …/selected_users` refuses `octocat` (team-granted in the example) and answers 0
//!   otherwise; the `POST`s answer 0, `DELETE …/selected_teams` 0 (its one team is
//!   `justice-league`; any other is 422).

use axum::http::StatusCode;
use axum::response::Response;
use chrono::SecondsFormat;
use serde_json::{json, Value};

use seat_core::generate::{self, members, Breakdown, OrgSpec};

use crate::github::Ctx;
use crate::orgs::{Data, Org};
use crate::people::EXAMPLE_TEAM;
use crate::state::{lock, AppState, OrgWrites, SeatChange};

/// The strings of a `{"<key>": [...]}` body (at least one), or GitHub's answer to a bad one.
fn names(ctx: &Ctx, body: &[u8], key: &str) -> Result<Vec<String>, Box<Response>> {
    let Ok(v) = serde_json::from_slice::<Value>(body) else {
        return Err(Box::new(
            ctx.error(StatusCode::BAD_REQUEST, "Problems parsing JSON"),
        ));
    };
    let names: Option<Vec<String>> = v[key]
        .as_array()
        .and_then(|a| a.iter().map(|n| n.as_str().map(str::to_string)).collect());
    names.filter(|n| !n.is_empty()).ok_or_else(|| {
        Box::new(ctx.error(
            StatusCode::UNPROCESSABLE_ENTITY,
            &format!("Invalid request.\n\n\"{key}\" wasn't supplied."),
        ))
    })
}

/// 422 when the organization's seat management does not allow choosing users or teams.
fn seat_management_refusal(ctx: &Ctx, org: &Org) -> Option<Response> {
    let message = match org.seat_management {
        "assign_all" => "Seat management is set to assign all members of the organization: seats cannot be assigned or removed individually.",
        "unconfigured" => "Copilot seat management has not been configured for this organization.",
        _ => return None,
    };
    Some(ctx.error(StatusCode::UNPROCESSABLE_ENTITY, message))
}

/// The names of a write's body, once the organization allows the write at all.
fn checked(ctx: &Ctx, org: &Org, body: &[u8], key: &str) -> Result<Vec<String>, Box<Response>> {
    let names = names(ctx, body, key)?;
    match seat_management_refusal(ctx, org) {
        Some(refused) => Err(Box::new(refused)),
        None => Ok(names),
    }
}

/// Whether the seat at `index` is pending cancellation now: the last write, else as generated.
fn is_pending(spec: &OrgSpec, index: usize, change: Option<&SeatChange>) -> bool {
    match change {
        Some(SeatChange::Pending(_)) => true,
        Some(SeatChange::Active) => false,
        None => generate::is_pending_cancellation(spec, index),
    }
}

/// The lowercased login of member `index` (the key of a generated seat's change).
fn key(spec: &OrgSpec, index: usize) -> String {
    generate::login(spec, index)
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// Sets member `index`'s seat pending cancellation from `date`; whether it was not already.
fn mark_pending(spec: &OrgSpec, w: &mut OrgWrites, index: usize, date: &str) -> bool {
    if index < spec.seats {
        let login = key(spec, index);
        if is_pending(spec, index, w.changes.get(&login)) {
            return false;
        }
        w.changes
            .insert(login, SeatChange::Pending(date.to_string()));
        return true;
    }
    match w.added_seat(index) {
        Some(seat) if seat.pending.is_none() => {
            seat.pending = Some(date.to_string());
            true
        }
        _ => false,
    }
}

/// Clears member `index`'s pending cancellation; whether it had one.
fn give_back(spec: &OrgSpec, w: &mut OrgWrites, index: usize) -> bool {
    if index < spec.seats {
        let login = key(spec, index);
        if !is_pending(spec, index, w.changes.get(&login)) {
            return false;
        }
        if generate::is_pending_cancellation(spec, index) {
            w.changes.insert(login, SeatChange::Active);
        } else {
            w.changes.remove(&login);
        }
        return true;
    }
    w.added_seat(index)
        .is_some_and(|seat| seat.pending.take().is_some())
}

/// The team that granted member `index`'s seat now, and whether the member has a seat at all.
fn seat_of(spec: &OrgSpec, w: &mut OrgWrites, index: usize) -> Option<Option<usize>> {
    if index < spec.seats {
        return Some(members::seat_team(spec, index));
    }
    w.added_seat(index).map(|seat| seat.team)
}

/// The write's time, as a seat's `created_at`.
fn write_time() -> String {
    chrono::Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn cancelled(ctx: &Ctx, n: usize) -> Response {
    ctx.json(StatusCode::OK, json!({ "seats_cancelled": n }).to_string())
}

fn created(ctx: &Ctx, n: usize) -> Response {
    ctx.json(
        StatusCode::CREATED,
        json!({ "seats_created": n }).to_string(),
    )
}

/// `DELETE /orgs/{org}/copilot/billing/selected_users`.
pub fn cancel(state: &AppState, ctx: &Ctx, org: &Org, body: &[u8]) -> Response {
    let names = match checked(ctx, org, body, "selected_usernames") {
        Ok(n) => n,
        Err(resp) => return *resp,
    };
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
            return cancelled(ctx, 0);
        }
        Data::Generated(spec) => spec,
    };
    let mut all = lock(&state.writes);
    let w = all.entry(org.key.clone()).or_default();
    let mut found = Vec::new();
    for name in &names {
        let Some(i) = members::index_of_member(spec, name) else {
            continue;
        };
        match seat_of(spec, w, i) {
            Some(Some(_)) => return team_error(name),
            Some(None) => found.push(i),
            None => {}
        }
    }
    let date = generate::pending_cancellation_date(state.now);
    let n = found
        .into_iter()
        .filter(|&i| mark_pending(spec, w, i, &date))
        .count();
    cancelled(ctx, n)
}

/// `POST /orgs/{org}/copilot/billing/selected_users`: 201 `{"seats_created": n}`.
pub fn assign(state: &AppState, ctx: &Ctx, org: &Org, body: &[u8]) -> Response {
    let names = match checked(ctx, org, body, "selected_usernames") {
        Ok(n) => n,
        Err(resp) => return *resp,
    };
    let Data::Generated(spec) = &org.data else {
        return created(ctx, 0);
    };
    let at = write_time();
    let mut all = lock(&state.writes);
    let w = all.entry(org.key.clone()).or_default();
    let mut n = 0;
    for name in &names {
        let Some(i) = members::index_of_member(spec, name) else {
            continue;
        };
        if seat_of(spec, w, i).is_none() {
            w.add(i, None, &at);
            n += 1;
        } else if give_back(spec, w, i) {
            n += 1;
        }
    }
    created(ctx, n)
}

/// The teams a `selected_teams` body names, or 422 naming the unknown ones.
fn teams(
    ctx: &Ctx,
    names: &[String],
    find: impl Fn(&str) -> Option<usize>,
) -> Result<Vec<usize>, Box<Response>> {
    let unknown: Vec<String> = names
        .iter()
        .filter(|n| find(n).is_none())
        .map(|n| format!("{n:?}"))
        .collect();
    if !unknown.is_empty() {
        return Err(Box::new(ctx.error(
            StatusCode::UNPROCESSABLE_ENTITY,
            &format!(
                "No team of this organization is named {} (give a team's slug or name).",
                unknown.join(", ")
            ),
        )));
    }
    Ok(names.iter().filter_map(|n| find(n)).collect())
}

/// The example organization's teams, for `octo-examples`.
fn example_team(name: &str) -> Option<usize> {
    (name.eq_ignore_ascii_case(EXAMPLE_TEAM) || name.eq_ignore_ascii_case("Justice League"))
        .then_some(0)
}

/// `POST` (`assign`) or `DELETE …/selected_teams`, given each team's members.
pub fn teams_write(
    state: &AppState,
    ctx: &Ctx,
    org: &Org,
    body: &[u8],
    assign: bool,
    team_members: &[Vec<u32>],
) -> Response {
    let names = match checked(ctx, org, body, "selected_teams") {
        Ok(n) => n,
        Err(resp) => return *resp,
    };
    let answer = |n| {
        if assign {
            created(ctx, n)
        } else {
            cancelled(ctx, n)
        }
    };
    let spec = match &org.data {
        Data::Examples => {
            return match teams(ctx, &names, example_team) {
                Ok(_) => answer(0),
                Err(resp) => *resp,
            }
        }
        Data::Generated(spec) => spec,
    };
    let teams = match teams(ctx, &names, members::team_by_name) {
        Ok(t) => t,
        Err(resp) => return *resp,
    };
    let at = write_time();
    let date = generate::pending_cancellation_date(state.now);
    let mut all = lock(&state.writes);
    let w = all.entry(org.key.clone()).or_default();
    let mut n = 0;
    for t in teams {
        for &i in team_members.get(t).map_or(&[][..], Vec::as_slice) {
            let i = i as usize;
            let changed = match (seat_of(spec, w, i), assign) {
                (None, true) => {
                    w.add(i, Some(t), &at);
                    true
                }
                (Some(Some(by)), true) if by == t => give_back(spec, w, i),
                (Some(Some(by)), false) if by == t => mark_pending(spec, w, i, &date),
                _ => false,
            };
            n += usize::from(changed);
        }
    }
    answer(n)
}

/// Puts this organization's writes on a generated seat object.
fn apply(w: &OrgWrites, seat: &mut Value) {
    let login = seat["assignee"]["login"]
        .as_str()
        .map(str::to_ascii_lowercase);
    match login.and_then(|l| w.changes.get(&l)) {
        Some(SeatChange::Pending(date)) => {
            seat["pending_cancellation_date"] = date.clone().into();
        }
        Some(SeatChange::Active) => seat["pending_cancellation_date"] = Value::Null,
        None => {}
    }
}

/// `{"total_seats", "seats"}` of one page after this organization's writes: the generated seats
/// (with their changes), then the seats added, in the order they were added.
pub fn seats_page(
    state: &AppState,
    org: &Org,
    spec: &OrgSpec,
    page: usize,
    per_page: usize,
) -> Value {
    let all = lock(&state.writes);
    let w = all.get(&org.key);
    let added = w.map_or(&[][..], |w| w.added.as_slice());
    let total = spec.seats + added.len();
    let seats: Vec<Value> = generate::page_range(total, page, per_page)
        .map(|p| match p.checked_sub(spec.seats) {
            None => {
                let mut seat = generate::seat_json(spec, p);
                if let Some(w) = w {
                    apply(w, &mut seat);
                }
                seat
            }
            Some(a) => {
                let a = &added[a];
                members::added_seat_json(spec, a.index, a.team, &a.at, a.pending.as_deref())
            }
        })
        .collect();
    json!({ "total_seats": total, "seats": seats })
}

/// How many seats the organization has after its writes (generated plus added).
pub fn total_seats(state: &AppState, org: &Org, spec: &OrgSpec) -> usize {
    spec.seats
        + lock(&state.writes)
            .get(&org.key)
            .map_or(0, |w| w.added.len())
}

/// Member `user`'s seat after this organization's writes, if the member has one.
pub fn member_seat(state: &AppState, org: &Org, spec: &OrgSpec, user: &str) -> Option<Value> {
    let i = members::index_of_member(spec, user)?;
    let all = lock(&state.writes);
    let w = all.get(&org.key);
    if i < spec.seats {
        let mut seat = generate::seat_json(spec, i);
        if let Some(w) = w {
            apply(w, &mut seat);
        }
        return Some(seat);
    }
    let w = w?;
    let a = w.added.get(*w.added_at.get(&i)?)?;
    Some(members::added_seat_json(
        spec,
        i,
        a.team,
        &a.at,
        a.pending.as_deref(),
    ))
}

/// The billing breakdown after this organization's writes, from the generated one: changed
/// pending cancellations, and the added seats (new this cycle, no activity yet).
pub fn breakdown_after(
    state: &AppState,
    org: &Org,
    spec: &OrgSpec,
    generated: Breakdown,
) -> Breakdown {
    let all = lock(&state.writes);
    let Some(w) = all.get(&org.key) else {
        return generated;
    };
    let mut b = generated;
    for (login, change) in &w.changes {
        let Some(i) = generate::index_of_login(spec, login) else {
            continue;
        };
        let was = generate::is_pending_cancellation(spec, i);
        match change {
            SeatChange::Pending(_) if !was => b.pending_cancellation += 1,
            SeatChange::Active if was => {
                b.pending_cancellation = b.pending_cancellation.saturating_sub(1);
            }
            _ => {}
        }
    }
    let added = w.added.len();
    b.total += added;
    b.added_this_cycle += added;
    b.inactive_this_cycle += added;
    b.pending_cancellation += w.added.iter().filter(|a| a.pending.is_some()).count();
    b
}
