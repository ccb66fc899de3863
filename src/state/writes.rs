//! Removing the selected seats and giving access back: the app's only writes to GitHub.
//!
//! `seat_core::writes` decides what is sent and how (batches, spacing, the one retry) and
//! accounts for what GitHub answered; here the account is shown, and the seats are read again
//! from GitHub so the list shows what GitHub now says, never a local guess. The demo simulates
//! both writes in the page and says so.

use leptos::prelude::*;
use seat_core::models::Seat;
use seat_core::time::first_of_next_month;
use seat_core::writes::texts;

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
