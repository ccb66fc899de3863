//! Changing seats on GitHub: removing selected seats and giving access back.
//!
//! This is the only place the app writes to GitHub, so it is strict about three things:
//! - **what is sent**: [`plan_removal`] decides which selected seats can go by this call at all
//!   (a team-granted seat can only go with the team; a seat already pending cancellation or
//!   without an assignee has nothing to remove) and says why for the others;
//! - **how it is sent**: [`Client::remove_seats`] sends
//!   `DELETE /orgs/{org}/copilot/billing/selected_users` in batches of at most
//!   [`BATCH_SIZE`], one at a time, at least [`SPACING_MS`] apart (GitHub's rule for mutating
//!   requests) and within the token's points budget ([`crate::pacing`]), stops at the first refusal, and retries a batch once only after a server or
//!   network failure (the call is idempotent);
//! - **what is reported**: [`RemovalReport`] lists the logins of the batches GitHub accepted,
//!   the batch that failed and why, and the logins never sent. It never guesses the seats' new
//!   state: the app reads the seats again afterwards.
//!
//! Dropping a running [`Client::remove_seats`] future stops it: nothing more is sent.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::fmt;

use chrono::NaiveDate;
use futures::future::{select, Either};
use serde::Deserialize;

use crate::error::{classify, ApiError, Failure, RawResponse};
use crate::loader::{encode_segment, short, Client, Clock, Transport, WriteMethod};
use crate::models::{ErrorBody, Seat, SeatsCancelled};
use crate::overview::seats;
use crate::pacing::WRITE_POINTS;

pub mod confirm;
pub mod texts;

/// Most logins in one request. GitHub documents no maximum; 100 keeps each request small and
/// a failure's account short.
pub const BATCH_SIZE: usize = 100;

/// The least time between the end of one write and the start of the next (GitHub asks for
/// mutating requests one at a time, at least one second apart).
pub const SPACING_MS: u64 = 1_000;

/// What a token needs to remove or restore seats, ready to show.
pub const WRITE_PERMISSION: &str = "a classic token with the manage_billing:copilot or admin:org scope, or a fine-grained token with the organization permission \"GitHub Copilot Business\" (or \"Administration\") set to read and write, from an organization owner";

/// Why GitHub refuses to choose seats (422), for assigning seats and teams.
pub const ASSIGN_ALL: &str = "When the organization's Copilot policy gives a seat to all members, seats cannot be chosen individually: every member has one, and GitHub refuses to assign or remove seats of people or teams. Change who gets Copilot in the organization's Copilot settings (Access), or ask an owner. The same refusal comes when seat management is not configured yet or Copilot billing is not set up.";

/// Classic scopes that allow writing seats.
const WRITE_SCOPES: [&str; 2] = ["manage_billing:copilot", "admin:org"];

// ---------------------------------------------------------------------------------------------
// Planning

/// Why a selected seat will not be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// GitHub lists the seat without a user: there is no login to send.
    NoAssignee,
    /// The seat already ends on this date.
    PendingCancellation {
        /// `pending_cancellation_date`.
        date: NaiveDate,
    },
    /// The seat came through a team; GitHub refuses to remove it individually (422).
    TeamGranted {
        /// The team's name (or slug); "a team" when GitHub gave neither.
        team: String,
    },
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoAssignee => write!(
                f,
                "No assignee: GitHub lists this seat without a user, so there is no login to remove."
            ),
            Self::PendingCancellation { date } => write!(
                f,
                "Already pending cancellation: the seat ends on {}.",
                crate::time::ymd(*date)
            ),
            Self::TeamGranted { team } => write!(
                f,
                "Granted through team {team}: remove them from the team instead (GitHub refuses to remove a team's seat on its own)."
            ),
        }
    }
}

impl SkipReason {
    /// The heading of a group of seats skipped for this reason in the removal confirmation
    /// (without the date, so seats pending on different dates share one group).
    pub fn group_text(&self) -> String {
        match self {
            Self::NoAssignee => {
                "No assignee: GitHub lists these seats without a user, so there is no login to send"
                    .into()
            }
            Self::PendingCancellation { .. } => "Already pending cancellation".into(),
            Self::TeamGranted { team } => {
                format!("Granted through team {team}: remove them from the team instead")
            }
        }
    }
}

/// A selected seat that will not be sent, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedSeat {
    /// The seat's login ("" when it has no assignee).
    pub login: String,
    /// Why it is not sent.
    pub reason: SkipReason,
}

/// What removing a selection will send, and what it will not.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RemovalPlan {
    /// Logins to send, each once, in selection order.
    pub send: Vec<String>,
    /// Selected seats that will not be sent, in selection order.
    pub skipped: Vec<SkippedSeat>,
}

impl RemovalPlan {
    /// How many requests sending [`RemovalPlan::send`] takes.
    pub fn batches(&self) -> usize {
        self.send.len().div_ceil(BATCH_SIZE)
    }

    /// The seats not sent, grouped by reason (each team its own group), in order of first
    /// appearance; a seat without an assignee is "(no user)".
    pub fn skipped_groups(&self) -> Vec<(String, Vec<String>)> {
        let mut groups: Vec<(String, Vec<String>)> = Vec::new();
        for s in &self.skipped {
            let why = s.reason.group_text();
            let login = if s.login.is_empty() {
                "(no user)".to_string()
            } else {
                s.login.clone()
            };
            match groups.iter_mut().find(|(w, _)| *w == why) {
                Some((_, logins)) => logins.push(login),
                None => groups.push((why, vec![login])),
            }
        }
        groups
    }
}

/// Why this seat cannot be removed by `DELETE …/selected_users`, if it cannot.
pub fn skip_reason(seat: &Seat) -> Option<SkipReason> {
    if seat.login().is_empty() {
        return Some(SkipReason::NoAssignee);
    }
    if let Some(date) = seat.pending_cancellation_date {
        return Some(SkipReason::PendingCancellation { date });
    }
    if seat.assigning_team.is_some() {
        return Some(SkipReason::TeamGranted {
            team: seat.team().unwrap_or("a team").to_string(),
        });
    }
    None
}

/// Splits the selected seats of one organization's listing into the logins to send and the
/// seats that will not be sent, with the reason for each.
///
/// Logins are compared ASCII case-insensitively (as GitHub does; logins are ASCII) and sent once. A login is withheld
/// when any selected seat of that login cannot be removed: GitHub would refuse the whole
/// request for it.
pub fn plan_removal<'a>(selected: impl IntoIterator<Item = &'a Seat>) -> RemovalPlan {
    let mut plan = RemovalPlan::default();
    // Lowercased login → index in `send`, or None once the login is withheld.
    let mut decided: HashMap<String, Option<usize>> = HashMap::new();
    let mut withdrawn = Vec::new();
    for seat in selected {
        let login = seat.login();
        let key = login.to_ascii_lowercase();
        match skip_reason(seat) {
            Some(reason) => {
                if !login.is_empty() {
                    if let Some(Some(i)) = decided.insert(key, None) {
                        withdrawn.push(i);
                    }
                }
                plan.skipped.push(SkippedSeat {
                    login: login.to_string(),
                    reason,
                });
            }
            None => {
                if let Entry::Vacant(e) = decided.entry(key) {
                    e.insert(Some(plan.send.len()));
                    plan.send.push(login.to_string());
                }
            }
        }
    }
    if !withdrawn.is_empty() {
        crate::small_sort::sort_by(&mut withdrawn, Ord::cmp);
        let mut i = 0;
        plan.send.retain(|_| {
            let keep = withdrawn.binary_search(&i).is_err();
            i += 1;
            keep
        });
    }
    plan
}

// ---------------------------------------------------------------------------------------------
// Errors

/// Which change was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WriteOp {
    /// Removing seats (`DELETE …/selected_users`).
    #[default]
    Remove,
    /// Giving access back (`POST …/selected_users`, one login).
    Restore,
    /// Assigning seats to members (`POST …/selected_users`).
    Assign,
    /// Assigning seats to teams (`POST …/selected_teams`).
    AssignTeams,
    /// Removing teams' seats (`DELETE …/selected_teams`).
    RemoveTeams,
}

impl WriteOp {
    /// "remove seats", for "GitHub refused to …".
    fn verb(self) -> &'static str {
        match self {
            Self::Remove => "remove seats",
            Self::Restore => "give access back",
            Self::Assign => "assign seats",
            Self::AssignTeams => "assign the team's seats",
            Self::RemoveTeams => "remove the team's seats",
        }
    }
}

/// Why GitHub did not make a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteError {
    /// 403: the token may not change seats (a missing scope or permission, or its user is not
    /// an owner, or a policy).
    Forbidden {
        /// What was refused.
        op: WriteOp,
        /// GitHub's message.
        message: String,
        /// `X-Accepted-OAuth-Scopes`, if sent.
        accepted: Option<String>,
        /// `X-OAuth-Scopes` (classic tokens only), if sent.
        granted: Option<String>,
    },
    /// 422: GitHub refused the change for this organization or one of the seats.
    Refused {
        /// What was refused.
        op: WriteOp,
        /// GitHub's message.
        message: String,
    },
    /// Anything else: 401, 404, rate limits, server errors after the retry, network, timeout.
    Api(ApiError),
}

impl WriteError {
    /// Whether the same request may succeed if sent again (server, network, timeout).
    pub fn is_transient(&self) -> bool {
        matches!(self, Self::Api(e) if e.is_transient())
    }

    /// For a [`WriteError::Forbidden`] of a classic token: whether it has a scope that allows
    /// the change (then the refusal is about its user or a policy). `None` for other errors
    /// and for fine-grained tokens.
    pub fn has_write_scope(&self) -> Option<bool> {
        match self {
            Self::Forbidden {
                accepted, granted, ..
            } => {
                let granted = granted.as_deref()?;
                let accepted: Vec<&str> = accepted
                    .as_deref()
                    .map(scope_list)
                    .filter(|a| !a.is_empty())
                    .unwrap_or_else(|| WRITE_SCOPES.to_vec());
                Some(crate::error::scopes_allow(&accepted, &scope_list(granted)))
            }
            _ => None,
        }
    }
}

fn scope_list(v: &str) -> Vec<&str> {
    v.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Forbidden {
                op,
                message,
                granted,
                ..
            } => {
                write!(f, "GitHub refused to {} (403: {message}). ", op.verb())?;
                match (self.has_write_scope(), granted.as_deref()) {
                    (Some(true), Some(g)) => write!(
                        f,
                        "The token has a scope that allows it ({g}), so the refusal is about its user: only organization owners can change Copilot seats, or a policy of the organization or its enterprise blocks it."
                    ),
                    (_, Some(g)) => {
                        let g = if g.trim().is_empty() { "none" } else { g };
                        write!(
                            f,
                            "The token can read seats but not change them: a classic token needs the manage_billing:copilot or admin:org scope (this one has: {g}). Use {WRITE_PERMISSION}."
                        )
                    }
                    _ => write!(
                        f,
                        "A fine-grained token needs the organization permission \"GitHub Copilot Business\" (or \"Administration\") set to read and write, not read-only, and its owner must be an organization owner. Use {WRITE_PERMISSION}."
                    ),
                }
            }
            Self::Refused {
                op: WriteOp::Remove,
                message,
            } => write!(
                f,
                "GitHub refused the removal (422: {message}). Likely causes: the organization's Copilot seat management is set to all members (or is not configured), so seats can only change in its Copilot settings; a selected seat came through a team (remove the person from the team instead); or Copilot billing is not set up for the organization."
            ),
            Self::Refused {
                op: WriteOp::Restore,
                message,
            } => write!(
                f,
                "GitHub refused to give access back (422: {message}). Likely causes: the organization's Copilot seat management is set to all members (or is not configured), or Copilot billing is not set up for the organization."
            ),
            Self::Refused { op, message } => write!(
                f,
                "GitHub refused to {} (422: {message}). {ASSIGN_ALL}",
                op.verb()
            ),
            Self::Api(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for WriteError {}

// ---------------------------------------------------------------------------------------------
// Removing

/// Where a batched write stands, for a progress line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemovalProgress {
    /// The batch being sent or just answered (1-based).
    pub batch: usize,
    /// Batches in all.
    pub batches: usize,
    /// Logins in batches GitHub accepted so far.
    pub accepted: usize,
    /// Logins to send in all.
    pub total: usize,
    /// `seats_cancelled` (or `seats_created`) summed so far.
    pub seats_changed: u64,
    /// Ready to show ("Removing seats: batch 2 of 3…").
    pub message: String,
}

/// The batch that failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedBatch {
    /// Its number (1-based).
    pub number: usize,
    /// Its logins. After a server or network failure GitHub may or may not have applied it.
    pub logins: Vec<String>,
    /// Why.
    pub error: WriteError,
    /// How many times it was sent (2 after a retry).
    pub attempts: u32,
}

/// The account of a batched write (removing or assigning seats): exactly what GitHub
/// accepted, what failed, what was never sent.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RemovalReport {
    /// [`WriteOp::Remove`] or [`WriteOp::Assign`].
    pub op: WriteOp,
    /// Logins of the batches GitHub accepted, in the order sent.
    pub accepted: Vec<String>,
    /// GitHub's `seats_cancelled` (removing) or `seats_created` (assigning), summed over the
    /// accepted batches. Logins whose seat was already in that state do not count, so this can
    /// be below `accepted.len()`.
    pub seats_changed: u64,
    /// Accepted batches whose answer had no readable count.
    pub uncounted_batches: usize,
    /// Batches sent and accepted.
    pub batches_accepted: usize,
    /// The batch that stopped the write, if one did.
    pub failed: Option<FailedBatch>,
    /// Logins after the failed batch: never sent.
    pub not_sent: Vec<String>,
}

/// An account of assigning seats: the same fields.
pub type AssignReport = RemovalReport;

impl RemovalReport {
    /// True when every login was sent and accepted.
    pub fn is_complete(&self) -> bool {
        self.failed.is_none() && self.not_sent.is_empty()
    }

    /// What happened, in sentences ready to show.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        if !self.accepted.is_empty() {
            let mut s = match self.op {
                WriteOp::Assign => format!(
                    "GitHub accepted the assignment of {} ({}) and created {}",
                    people(self.accepted.len()),
                    requests(self.batches_accepted),
                    seats(self.seats_changed)
                ),
                _ => format!(
                    "GitHub accepted the removal of {} ({}) and set {} to pending cancellation",
                    people(self.accepted.len()),
                    requests(self.batches_accepted),
                    seats(self.seats_changed)
                ),
            };
            if self.uncounted_batches > 0 {
                s.push_str(&format!(
                    " (the answer to {} had no count)",
                    requests(self.uncounted_batches)
                ));
            }
            s.push_str(match self.op {
                WriteOp::Assign => ": GitHub bills each new seat at the organization's plan.",
                _ => ": they stay billed and usable until the end of the billing cycle.",
            });
            parts.push(s);
        }
        if let Some(f) = &self.failed {
            let mut s = format!(
                "Request {} ({}) failed: {}",
                f.number,
                people(f.logins.len()),
                f.error
            );
            if f.error.is_transient() {
                s.push_str(" GitHub may or may not have applied it: the list below shows what GitHub says now.");
            }
            parts.push(s);
        }
        if !self.not_sent.is_empty() {
            parts.push(format!(
                "Not sent: {} (nothing more was sent after the failure).",
                people(self.not_sent.len())
            ));
        }
        if parts.is_empty() {
            parts.push(match self.op {
                WriteOp::Assign => "Nothing to assign.".to_string(),
                _ => "Nothing to remove.".to_string(),
            });
        }
        parts.join(" ")
    }
}

fn requests(n: usize) -> String {
    if n == 1 {
        "1 request".to_string()
    } else {
        format!("{} requests", crate::overview::format_count(n as u64))
    }
}

fn people(n: usize) -> String {
    if n == 1 {
        "1 person".to_string()
    } else {
        format!("{} people", crate::overview::format_count(n as u64))
    }
}

/// `POST …/selected_users` and `…/selected_teams` answer.
#[derive(Deserialize)]
struct SeatsCreated {
    seats_created: u64,
}

#[derive(serde::Serialize)]
struct SelectedUsernames<'a> {
    selected_usernames: &'a [String],
}

#[derive(serde::Serialize)]
struct SelectedTeams<'a> {
    selected_teams: &'a [String],
}

impl<T: Transport, C: Clock> Client<T, C> {
    /// Removes the seats of `logins` (pass [`RemovalPlan::send`]):
    /// `DELETE /orgs/{org}/copilot/billing/selected_users` with
    /// `{"selected_usernames": [...]}`, in batches of at most [`BATCH_SIZE`], one at a time,
    /// at least [`SPACING_MS`] apart.
    ///
    /// Stops at the first batch GitHub refuses (403, 422, 401, 404, a rate limit): nothing
    /// more is sent. A server error, network failure or timeout is retried once (the call is
    /// idempotent), then stops. The report lists exactly what was accepted and what not.
    pub async fn remove_seats(
        &self,
        org: &str,
        logins: &[String],
        on_progress: &dyn Fn(RemovalProgress),
    ) -> RemovalReport {
        self.in_batches(WriteOp::Remove, org, logins, on_progress)
            .await
    }

    /// Assigns seats to `logins` (pass [`crate::members::AssignPlan::send`]):
    /// `POST /orgs/{org}/copilot/billing/selected_users` with `{"selected_usernames": [...]}`,
    /// batched, spaced and stopped exactly as [`Client::remove_seats`].
    pub async fn assign_seats(
        &self,
        org: &str,
        logins: &[String],
        on_progress: &dyn Fn(RemovalProgress),
    ) -> AssignReport {
        self.in_batches(WriteOp::Assign, org, logins, on_progress)
            .await
    }

    async fn in_batches(
        &self,
        op: WriteOp,
        org: &str,
        logins: &[String],
        on_progress: &dyn Fn(RemovalProgress),
    ) -> RemovalReport {
        let (method, doing) = match op {
            WriteOp::Assign => (WriteMethod::Post, "Assigning seats"),
            _ => (WriteMethod::Delete, "Removing seats"),
        };
        let url = self.selected_users_url(org);
        let batches: Vec<&[String]> = logins.chunks(BATCH_SIZE).collect();
        let total_batches = batches.len();
        let mut report = RemovalReport {
            op,
            ..RemovalReport::default()
        };
        let mut last_end = None;
        for (i, batch) in batches.iter().enumerate() {
            let number = i + 1;
            let progress = |report: &RemovalReport, message: String| {
                on_progress(RemovalProgress {
                    batch: number,
                    batches: total_batches,
                    accepted: report.accepted.len(),
                    total: logins.len(),
                    seats_changed: report.seats_changed,
                    message,
                })
            };
            progress(
                &report,
                format!(
                    "{doing}: request {number} of {total_batches} ({})…",
                    people(batch.len())
                ),
            );
            let body = users_body(batch);
            let (outcome, attempts) = self
                .write_with_retry(method, &url, &body, op, &mut last_end, &|e| {
                    progress(
                        &report,
                        format!(
                            "Request {number} of {total_batches}: {}; sending it once more…",
                            retry_reason(e)
                        ),
                    )
                })
                .await;
            match outcome {
                Ok(resp) => {
                    report.batches_accepted += 1;
                    report.accepted.extend(batch.iter().cloned());
                    match count_of(op, &resp.body) {
                        Some(n) => report.seats_changed += n,
                        None => report.uncounted_batches += 1,
                    }
                    progress(
                        &report,
                        format!(
                            "{doing}: {} of {} sent and accepted.",
                            report.accepted.len(),
                            logins.len()
                        ),
                    );
                }
                Err(error) => {
                    report.failed = Some(FailedBatch {
                        number,
                        logins: batch.to_vec(),
                        error,
                        attempts,
                    });
                    report.not_sent = batches[number..].concat();
                    break;
                }
            }
        }
        report
    }

    /// Assigns (`POST`, [`WriteOp::AssignTeams`]) or removes (`DELETE`,
    /// [`WriteOp::RemoveTeams`]) the seats of the teams `slugs`:
    /// `/orgs/{org}/copilot/billing/selected_teams` with `{"selected_teams": [...]}`, one
    /// request, retried once after a server or network failure. Returns GitHub's
    /// `seats_created` or `seats_cancelled`.
    pub async fn team_seats(
        &self,
        op: WriteOp,
        org: &str,
        slugs: &[String],
    ) -> Result<u64, WriteError> {
        let method = match op {
            WriteOp::RemoveTeams => WriteMethod::Delete,
            _ => WriteMethod::Post,
        };
        let url = self.base.url(&format!(
            "/orgs/{}/copilot/billing/selected_teams",
            encode_segment(org)
        ));
        let body = teams_body(slugs);
        let mut last_end = None;
        let (outcome, _) = self
            .write_with_retry(method, &url, &body, op, &mut last_end, &|_| {})
            .await;
        let resp = outcome?;
        count_of(op, &resp.body).ok_or_else(|| {
            WriteError::Api(ApiError::Malformed {
                detail: format!("answer to the request to {}: no count", op.verb()),
            })
        })
    }

    /// Gives `login` its seat back (clears a pending cancellation):
    /// `POST /orgs/{org}/copilot/billing/selected_users` with `{"selected_usernames":[login]}`.
    /// Returns GitHub's `seats_created`. Retried once after a server or network failure.
    pub async fn restore_seat(&self, org: &str, login: &str) -> Result<u64, WriteError> {
        let url = self.selected_users_url(org);
        let body = users_body(&[login.to_string()]);
        let mut last_end = None;
        let (outcome, _) = self
            .write_with_retry(
                WriteMethod::Post,
                &url,
                &body,
                WriteOp::Restore,
                &mut last_end,
                &|_| {},
            )
            .await;
        let resp = outcome?;
        serde_json::from_str::<SeatsCreated>(&resp.body)
            .map(|c| c.seats_created)
            .map_err(|e| {
                WriteError::Api(ApiError::Malformed {
                    detail: format!("answer to giving access back: {e}"),
                })
            })
    }

    fn selected_users_url(&self, org: &str) -> String {
        self.base.url(&format!(
            "/orgs/{}/copilot/billing/selected_users",
            encode_segment(org)
        ))
    }

    /// One write, sent again once after a transient failure; keeps [`SPACING_MS`] after the
    /// previous write's end (`last_end`, epoch ms). Returns the outcome and the attempts.
    async fn write_with_retry(
        &self,
        method: WriteMethod,
        url: &str,
        body: &str,
        op: WriteOp,
        last_end: &mut Option<i64>,
        on_retry: &dyn Fn(&WriteError),
    ) -> (Result<RawResponse, WriteError>, u32) {
        let mut attempts = 0;
        loop {
            if let Some(end) = *last_end {
                let waited = self.clock.now_ms().saturating_sub(end);
                let wait = (SPACING_MS as i64).saturating_sub(waited);
                if wait > 0 {
                    self.clock.sleep(wait as u64).await;
                }
            }
            attempts += 1;
            let outcome = self.write_once(method, url, body, op).await;
            *last_end = Some(self.clock.now_ms());
            match outcome {
                Err(e) if e.is_transient() && attempts < 2 => on_retry(&e),
                other => return (other, attempts),
            }
        }
    }

    async fn write_once(
        &self,
        method: WriteMethod,
        url: &str,
        body: &str,
        op: WriteOp,
    ) -> Result<RawResponse, WriteError> {
        let outcome = {
            let _permit = self.pace(WRITE_POINTS, &|_| {}).await;
            let request =
                std::pin::pin!(self.transport.send(method, url, self.token.expose(), body));
            let timer = std::pin::pin!(self.clock.sleep(self.options.timeout_ms));
            match select(request, timer).await {
                Either::Left((r, _)) => r,
                Either::Right(_) => Err(ApiError::Timeout {
                    seconds: self.options.timeout_ms / 1000,
                }),
            }
        };
        let resp = outcome.map_err(WriteError::Api)?;
        if (200..300).contains(&resp.status) {
            return Ok(resp);
        }
        Err(write_error(&resp, op, self.clock.now_ms() / 1000))
    }
}

/// GitHub's count in the answer to `op`: `seats_cancelled` for a `DELETE`, `seats_created`
/// for a `POST`.
fn count_of(op: WriteOp, body: &str) -> Option<u64> {
    match op {
        WriteOp::Remove | WriteOp::RemoveTeams => serde_json::from_str::<SeatsCancelled>(body)
            .ok()
            .map(|c| c.seats_cancelled),
        _ => serde_json::from_str::<SeatsCreated>(body)
            .ok()
            .map(|c| c.seats_created),
    }
}

fn retry_reason(e: &WriteError) -> String {
    match e {
        WriteError::Api(a) => short(a),
        other => other.to_string(),
    }
}

/// The body of a `…/selected_teams` request for `slugs`, exactly as sent.
pub fn teams_body(slugs: &[String]) -> String {
    serde_json::to_string(&SelectedTeams {
        selected_teams: slugs,
    })
    .unwrap_or_default()
}

/// The body of a `…/selected_users` request for `logins`, exactly as sent.
pub fn users_body(logins: &[String]) -> String {
    serde_json::to_string(&SelectedUsernames {
        selected_usernames: logins,
    })
    .unwrap_or_default()
}

/// What a non-2xx answer to a write means.
fn write_error(resp: &RawResponse, op: WriteOp, now_epoch: i64) -> WriteError {
    let message = || {
        let m = serde_json::from_str::<ErrorBody>(&resp.body)
            .ok()
            .and_then(|b| b.message)
            .unwrap_or_default();
        if m.is_empty() {
            format!("HTTP {}", resp.status)
        } else {
            m.chars().take(300).collect()
        }
    };
    match classify(resp, "organization", now_epoch) {
        Failure::Wait { reset_epoch, .. } => WriteError::Api(ApiError::RateLimited { reset_epoch }),
        Failure::Error(e @ ApiError::SsoRequired { .. }) => WriteError::Api(e),
        Failure::Error(_) if resp.status == 403 => WriteError::Forbidden {
            op,
            message: message(),
            accepted: resp.header("x-accepted-oauth-scopes").map(str::to_string),
            granted: resp.header("x-oauth-scopes").map(str::to_string),
        },
        Failure::Error(_) if resp.status == 422 => WriteError::Refused {
            op,
            message: message(),
        },
        Failure::Error(e) => WriteError::Api(e),
    }
}

#[cfg(test)]
mod tests;
