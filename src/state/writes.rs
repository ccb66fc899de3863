//! Removing the selected seats, giving access back and assigning seats (to members and teams):
//! the app's only writes to GitHub.
//!
//! `seat_core::writes` decides what is sent and how (batches, spacing, the one retry) and
//! accounts for what GitHub answered; here the account is shown, and the seats are read again
//! from GitHub so the list shows what GitHub now says, never a local guess. The demo simulates
//! both writes in the page and says so.

use leptos::prelude::*;
use seat_core::models::{Assignee, Seat, Team};
use seat_core::time::first_of_next_month;
use seat_core::writes::{texts, WriteOp};

pub(crate) use seat_core::status::WriteStatus;

use super::session::Session;
use super::task::Task;
use super::AppState;
use crate::api::GithubClient;

/// After a removal, at most this many seats are read again one by one (and never more than
/// the list has pages); past that the whole list is read again.
const REREAD_ONE_BY_ONE: usize = 25;

/// Logins as GitHub compares them (ASCII case-insensitively: logins are ASCII), sorted for
/// lookups in lists of 100,000.
struct Logins(Vec<String>);

impl Logins {
    fn new<'a>(logins: impl IntoIterator<Item = &'a String>) -> Self {
        let mut v: Vec<String> = logins.into_iter().map(|l| l.to_ascii_lowercase()).collect();
        v.sort_unstable();
        v.dedup();
        Self(v)
    }

    fn contains(&self, login: &str) -> bool {
        self.0.binary_search(&login.to_ascii_lowercase()).is_ok()
    }
}

/// Removes the seats of `logins` (a [`seat_core::writes::RemovalPlan`]'s `send`, which the
/// user confirmed for `session`): the demo simulates it; GitHub gets the batched `DELETE`s,
/// then the changed seats are read again. Forget token, another Load or the demo stop it.
/// Nothing is sent when the page no longer shows `session`.
pub(crate) fn remove(state: AppState, session: &Session, logins: Vec<String>) {
    if logins.is_empty() {
        return;
    }
    if !state
        .loaded
        .session
        .with_untracked(|s| s.as_ref() == Some(session))
    {
        state.writes.status.set(WriteStatus::Done {
            message: texts::STALE_CONFIRMATION.into(),
            complete: false,
        });
        return;
    }
    let session = session.clone();
    if session.is_demo() {
        simulate_removal(state, &logins);
        return;
    }
    let Some(client) = session.client() else {
        return;
    };
    state
        .writes
        .status
        .set(WriteStatus::Running(texts::removing(logins.len())));
    let task = async move {
        let org = session.org.clone();
        let report = client
            .remove_seats(&org, &logins, &|p| {
                state.writes.status.set(WriteStatus::Running(p.message));
            })
            .await;
        unselect(state, &report.accepted);
        // The seats GitHub changed, or may have (a batch that failed in transit).
        let mut changed = report.accepted.clone();
        if let Some(failed) = report.failed.as_ref().filter(|f| f.error.is_transient()) {
            changed.extend(failed.logins.iter().cloned());
        }
        let mut message = report.summary();
        if !changed.is_empty() {
            state
                .writes
                .status
                .set(WriteStatus::Running(texts::REREADING.into()));
            message.push(' ');
            message.push_str(&reread(state, &client, &session, &changed).await);
        }
        state.writes.status.set(WriteStatus::Done {
            message,
            complete: report.is_complete(),
        });
    };
    state.writes.run(Task::spawn(task));
}

/// Reads `logins`' seats and the billing again and puts them in the list: one request per seat
/// (one at a time) while that is at most [`REREAD_ONE_BY_ONE`] and fewer than the list's
/// pages; else the whole list is read again.
async fn reread(
    state: AppState,
    client: &GithubClient,
    session: &Session,
    logins: &[String],
) -> String {
    let pages = state
        .loaded
        .seats
        .with_untracked(Vec::len)
        .div_ceil(session.options.per_page.max(1) as usize);
    if logins.len() > pages.min(REREAD_ONE_BY_ONE) {
        state.reload_after_write();
        return texts::REREAD_WHOLE_LIST.into();
    }
    let org = session.org.as_str();
    let mut fresh = Vec::new();
    let mut failed = Vec::new();
    for login in logins {
        match client.member_seat(org, login, &|_| {}).await {
            Ok(seat) => fresh.push(seat),
            Err(e) => failed.push(format!("{login} ({})", seat_core::loader::short(&e))),
        }
    }
    let billing = client.billing(org, &|_| {}).await;
    replace_seats(state, fresh);
    let billing_ok = billing.is_ok();
    if let Ok(b) = billing {
        state.data.set_billing(b);
    }
    texts::reread_outcome(&failed, billing_ok)
}

/// Puts GitHub's fresh seats (a few) in place of the listed ones of the same login.
fn replace_seats(state: AppState, fresh: Vec<Seat>) {
    if fresh.is_empty() {
        return;
    }
    state.data.patch_seats(|all| {
        for seat in all.iter_mut() {
            if let Some(new) = fresh
                .iter()
                .find(|f| f.login().eq_ignore_ascii_case(seat.login()))
            {
                *seat = new.clone();
            }
        }
    });
}

/// Unticks the seats of `logins`: they are pending cancellation now, nothing more to do.
fn unselect(state: AppState, logins: &[String]) {
    if logins.is_empty() {
        return;
    }
    let gone = Logins::new(logins);
    let indices: Vec<u32> = state.writes.selected.with_untracked(|sel| {
        state.loaded.seats.with_untracked(|seats| {
            sel.iter()
                .filter(|&i| {
                    seats
                        .get(i as usize)
                        .is_some_and(|s| gone.contains(s.login()))
                })
                .collect()
        })
    });
    state
        .writes
        .selected
        .update(|sel| sel.set_all(&indices, false));
}

/// The demo's removal: what GitHub would do, in the page, labelled as simulated.
fn simulate_removal(state: AppState, logins: &[String]) {
    let end = first_of_next_month(state.loaded.now.get_untracked().date_naive());
    let names = Logins::new(logins);
    let cancelled = state.data.patch_seats(|all| {
        let mut cancelled = 0u64;
        for seat in all.iter_mut() {
            if seat.pending_cancellation_date.is_none() && names.contains(seat.login()) {
                seat.pending_cancellation_date = Some(end);
                cancelled += 1;
            }
        }
        cancelled
    });
    adjust_pending(state, cancelled as i64);
    unselect(state, logins);
    state.writes.status.set(WriteStatus::Done {
        message: texts::simulated_removal(cancelled, end),
        complete: true,
    });
}

/// Moves the overview's "Pending cancellation" by `delta` (the demo only: GitHub's figure is
/// read again after a real write).
fn adjust_pending(state: AppState, delta: i64) {
    state.data.patch_billing(|b| {
        let now = b.seat_breakdown.pending_cancellation.unwrap_or(0) as i64;
        b.seat_breakdown.pending_cancellation = Some((now + delta).max(0) as u64);
    });
}

/// Gives `login` access back in `session`'s organization and returns what happened, ready to
/// show. The list's row follows what GitHub says afterwards.
pub(crate) async fn restore(
    state: AppState,
    session: Session,
    login: String,
) -> Result<String, String> {
    if session.is_demo() {
        let restored = state.data.patch_seats(|all| {
            all.iter_mut()
                .find(|s| s.login().eq_ignore_ascii_case(&login))
                .is_some_and(|seat| seat.pending_cancellation_date.take().is_some())
        });
        if restored {
            adjust_pending(state, -1);
        }
        return Ok(texts::simulated_restore(&login));
    }
    let client = session
        .client()
        .ok_or_else(|| texts::FROM_REPORT_FILE.to_string())?;
    let created = client
        .restore_seat(&session.org, &login)
        .await
        .map_err(|e| e.to_string())?;
    // The list (when it shows this organization) follows what GitHub says now.
    let same_org = state
        .loaded
        .session
        .with_untracked(|s| s.as_ref().is_some_and(|s| s == &session));
    if same_org {
        if let Ok(seat) = client.member_seat(&session.org, &login, &|_| {}).await {
            replace_seats(state, vec![seat]);
        }
        if let Ok(b) = client.billing(&session.org, &|_| {}).await {
            state.data.set_billing(b);
        }
    }
    Ok(texts::restored(&login, created))
}

/// Whether the page still shows `session` (a confirmation may outlive it).
fn still_shown(state: AppState, session: &Session) -> bool {
    state
        .loaded
        .session
        .with_untracked(|s| s.as_ref() == Some(session))
}

/// Assigns seats to `logins` (an [`seat_core::members::AssignPlan`]'s `send`, which the user
/// confirmed for `session`): the demo simulates it; GitHub gets the batched `POST`s, then the
/// whole list is read again, so new seats show as GitHub lists them. Nothing is sent when the
/// page no longer shows `session`.
pub(crate) fn assign(state: AppState, session: &Session, logins: Vec<String>) {
    if logins.is_empty() {
        return;
    }
    if !still_shown(state, session) {
        state.writes.assigned.set(WriteStatus::Done {
            message: texts::STALE_CONFIRMATION.into(),
            complete: false,
        });
        return;
    }
    if session.is_demo() {
        let created = add_demo_seats(state, &logins, None);
        unpick(state, &logins);
        state.writes.assigned.set(WriteStatus::Done {
            message: texts::simulated_assign(created),
            complete: true,
        });
        return;
    }
    let Some(client) = session.client() else {
        return;
    };
    state
        .writes
        .assigned
        .set(WriteStatus::Running(texts::assigning(logins.len())));
    spawn_assign(state, client, session.org.clone(), Job::Users(logins));
}

/// What an assignment sends.
enum Job {
    /// Seats for these logins (`POST …/selected_users`).
    Users(Vec<String>),
    /// A team's seats: assigned (`true`) or removed, by slug, shown as the label.
    Team(bool, String, String),
}

/// Sends `job` as the write (one task type for every assignment), reports what GitHub said,
/// then reads the whole list again when anything may have changed.
fn spawn_assign(state: AppState, client: crate::api::GithubClient, org: String, job: Job) {
    let status = state.writes.assigned;
    let task = async move {
        let (message, complete, changed) = match job {
            Job::Users(logins) => {
                let report = client
                    .assign_seats(&org, &logins, &|p| {
                        status.set(WriteStatus::Running(p.message))
                    })
                    .await;
                unpick(state, &report.accepted);
                let changed = !report.accepted.is_empty()
                    || report
                        .failed
                        .as_ref()
                        .is_some_and(|f| f.error.is_transient());
                (report.summary(), report.is_complete(), changed)
            }
            Job::Team(assign, slug, label) => {
                let op = if assign {
                    WriteOp::AssignTeams
                } else {
                    WriteOp::RemoveTeams
                };
                match client.team_seats(op, &org, &[slug]).await {
                    Ok(n) => (texts::team_outcome(assign, &label, n), true, true),
                    Err(e) if e.is_transient() => (
                        format!("{e} GitHub may or may not have applied it."),
                        false,
                        true,
                    ),
                    Err(e) => (format!("{e} Nothing was changed."), false, false),
                }
            }
        };
        let message = if changed {
            format!("{message} {}", texts::REREAD_WHOLE_LIST)
        } else {
            message
        };
        status.set(WriteStatus::Done { message, complete });
        if changed {
            state.reload_after_write();
        }
    };
    state.writes.run(Task::spawn(task));
}

/// Assigns (`assign`) or removes the seats of the team `slug` (shown as `label`), confirmed
/// for `session`: the demo simulates it; GitHub gets one `POST` or `DELETE …/selected_teams`,
/// then the whole list is read again.
pub(crate) fn team(state: AppState, session: &Session, assign: bool, slug: String, label: String) {
    let status = state.writes.assigned;
    if !still_shown(state, session) {
        status.set(WriteStatus::Done {
            message: texts::STALE_CONFIRMATION.into(),
            complete: false,
        });
        return;
    }
    if session.is_demo() {
        let n = simulate_team(state, assign, &slug, &label);
        status.set(WriteStatus::Done {
            message: texts::simulated_team(assign, &label, n),
            complete: true,
        });
        return;
    }
    let Some(client) = session.client() else {
        return;
    };
    status.set(WriteStatus::Running(
        texts::team_button(assign, &label) + "…",
    ));
    spawn_assign(
        state,
        client,
        session.org.clone(),
        Job::Team(assign, slug, label),
    );
}

/// Unticks the members of `logins`: they hold a seat now.
fn unpick(state: AppState, logins: &[String]) {
    let done = Logins::new(logins);
    let indices: Vec<u32> = state.writes.picked.with_untracked(|sel| {
        state.loaded.members.with_untracked(|m| {
            let members = m.ready().unwrap_or_default();
            sel.iter()
                .filter(|&i| {
                    members
                        .get(i as usize)
                        .is_some_and(|m| done.contains(&m.login))
                })
                .collect()
        })
    });
    state
        .writes
        .picked
        .update(|sel| sel.set_all(&indices, false));
}

/// The demo's new seats for `logins` (through `team` when given), as GitHub would list them:
/// assigned now, not used yet. Returns how many were created.
fn add_demo_seats(state: AppState, logins: &[String], team: Option<Team>) -> u64 {
    let now = state.loaded.now.get_untracked();
    let plan = state
        .loaded
        .billing
        .with_untracked(|b| b.as_ref().and_then(|b| b.plan_type.clone()));
    let created = state.data.patch_seats(|all| {
        let held = Logins::new(
            all.iter()
                .map(|s| s.login().to_string())
                .collect::<Vec<_>>()
                .iter(),
        );
        let new: Vec<Seat> = logins
            .iter()
            .filter(|l| !held.contains(l))
            .map(|login| Seat {
                created_at: now,
                assignee: Some(Assignee {
                    login: Some(login.as_str().into()),
                    ..Assignee::default()
                }),
                assigning_team: team.clone(),
                organization: None,
                pending_cancellation_date: None,
                last_activity_at: None,
                last_activity_editor: None,
                last_authenticated_at: None,
                plan_type: plan.as_deref().map(Into::into),
            })
            .collect();
        let n = new.len() as u64;
        all.extend(new);
        n
    });
    state.data.patch_billing(|b| {
        let add = |v: &mut Option<u64>| *v = Some(v.unwrap_or(0) + created);
        add(&mut b.seat_breakdown.total);
        add(&mut b.seat_breakdown.added_this_cycle);
        add(&mut b.seat_breakdown.inactive_this_cycle);
    });
    created
}

/// The demo's team write: assigning gives the team's members without a seat one through the
/// team and keeps its seats; removing sets the seats it granted to pending cancellation.
fn simulate_team(state: AppState, assign: bool, slug: &str, label: &str) -> u64 {
    let of_team = |s: &Seat| {
        s.assigning_team
            .as_ref()
            .and_then(|t| t.slug.as_deref())
            .is_some_and(|t| t.eq_ignore_ascii_case(slug))
    };
    if assign {
        let members: Vec<String> = state.loaded.teams.with_untracked(|t| {
            t.ready()
                .unwrap_or_default()
                .iter()
                .filter(|t| t.slug().eq_ignore_ascii_case(slug))
                .flat_map(|t| t.members.iter().map(|m| m.to_string()))
                .collect()
        });
        let team = Team {
            name: Some(label.into()),
            slug: Some(slug.into()),
            html_url: None,
        };
        let given_back = state.data.patch_seats(|all| {
            let mut n = 0u64;
            for s in all.iter_mut().filter(|s| of_team(s)) {
                n += u64::from(s.pending_cancellation_date.take().is_some());
            }
            n
        });
        adjust_pending(state, -(given_back as i64));
        return add_demo_seats(state, &members, Some(team)) + given_back;
    }
    let end = first_of_next_month(state.loaded.now.get_untracked().date_naive());
    let cancelled = state.data.patch_seats(|all| {
        let mut n = 0u64;
        for s in all
            .iter_mut()
            .filter(|s| of_team(s) && s.pending_cancellation_date.is_none())
        {
            s.pending_cancellation_date = Some(end);
            n += 1;
        }
        n
    });
    adjust_pending(state, cancelled as i64);
    cancelled
}
