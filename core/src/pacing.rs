//! Pacing under GitHub's secondary rate limit: at most `points_per_minute` points (a GET costs
//! 1, a write 5, and GitHub may count the browser's CORS preflight too) in any window of a
//! minute, for one token.
//!
//! The [`Pacer`] is a sliding log of the points granted. A grant holds its points while its
//! request is in flight and for a whole window after the answer arrived, so however long a
//! request takes to reach GitHub, no window of GitHub's clock can hold more than the budget:
//! for two requests A (answered at `a`) and B sent after A's points were freed, B left at
//! `a + minute` or later, and A reached GitHub before `a`. A load that fits in the budget is
//! not slowed at all; a larger one goes out a budget's worth at a time, each a minute after
//! the previous answers.
//!
//! The pacer also keeps what the ETA needs (the observed request time) and the hold after a
//! secondary limit arrived anyway: every request waits until it lifts.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};
use std::sync::{Mutex, MutexGuard};

/// What a GET costs under the pacer: the request, and the CORS preflight the browser sends
/// before it (every page URL is new to the browser's preflight cache, and GitHub may count it).
pub const GET_POINTS: u32 = 2;
/// What a write (`POST`, `DELETE`) costs: 5, and its preflight.
pub const WRITE_POINTS: u32 = 6;

/// A wait for the pacer shorter than this is not announced.
pub(crate) const ANNOUNCE_MS: u64 = 1_000;

/// The points budget of one token, shared by every request of the clients that hold it.
#[derive(Debug)]
pub struct Pacer {
    points_per_minute: u32,
    minute_ms: u64,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    /// Points granted and not yet freed, oldest first.
    grants: VecDeque<Grant>,
    next_id: u64,
    in_flight: usize,
    /// No request is sent before this (epoch ms): a secondary limit arrived.
    hold_until: i64,
    /// The latest wake-up time already announced.
    announced_until: i64,
    /// Requests answered (or abandoned), and their summed time in ms.
    observed: u64,
    observed_ms: u64,
}

#[derive(Debug, Clone, Copy)]
struct Grant {
    id: u64,
    points: u32,
    /// When its points are free again: `None` while the request is in flight.
    frees_at: Option<i64>,
}

/// The pacer's answer to a request that wants to go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gate {
    /// Send it; release the grant with this id when the answer arrives.
    Go(u64),
    /// The budget is spent: look again in this many ms.
    Pacing(u64),
    /// A secondary limit holds every request for this many ms.
    Held(u64),
}

impl Pacer {
    /// A budget of `points_per_minute` in any `minute_ms` (0 points: no pacing).
    pub fn new(points_per_minute: u32, minute_ms: u64) -> Self {
        Self {
            points_per_minute,
            minute_ms,
            state: Mutex::default(),
        }
    }

    /// The budget (0: no pacing).
    pub fn points_per_minute(&self) -> u32 {
        self.points_per_minute
    }

    /// The window's length in ms.
    pub fn minute_ms(&self) -> u64 {
        self.minute_ms
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Grants `points` at `now` if the window has room for them, else says how long to wait.
    pub(crate) fn try_acquire(&self, now: i64, points: u32) -> Gate {
        let mut s = self.state();
        if now < s.hold_until {
            return Gate::Held((s.hold_until - now) as u64);
        }
        let budget = self.points_per_minute;
        let id = s.next_id;
        if budget == 0 {
            s.next_id += 1;
            s.in_flight += 1;
            return Gate::Go(id);
        }
        // A request dearer than the whole budget goes alone.
        let points = points.min(budget);
        s.grants.retain(|g| g.frees_at.is_none_or(|t| t > now));
        let used: u32 = s.grants.iter().map(|g| g.points).sum();
        if used + points <= budget {
            s.next_id += 1;
            s.in_flight += 1;
            s.grants.push_back(Grant {
                id,
                points,
                frees_at: None,
            });
            return Gate::Go(id);
        }
        let need = used + points - budget;
        let mut frees: Vec<(i64, u32)> = s
            .grants
            .iter()
            .filter_map(|g| Some((g.frees_at?, g.points)))
            .collect();
        crate::small_sort::sort_by(&mut frees, Ord::cmp);
        let mut freed = 0;
        for &(at, p) in &frees {
            freed += p;
            if freed >= need {
                return Gate::Pacing((at - now) as u64);
            }
        }
        // Requests in flight hold the rest: their points are free a window after their answer
        // at the earliest.
        let last = frees.last().map_or(0, |&(at, _)| (at - now) as u64);
        Gate::Pacing(last.max(self.minute_ms).max(1))
    }

    /// The answer to grant `id` arrived (or the request was abandoned) at `now`, `took_ms` after
    /// it was sent.
    pub(crate) fn release(&self, id: u64, now: i64, took_ms: u64) {
        let mut s = self.state();
        s.in_flight = s.in_flight.saturating_sub(1);
        s.observed += 1;
        s.observed_ms += took_ms;
        let frees_at = now + self.minute_ms as i64;
        if let Some(g) = s.grants.iter_mut().find(|g| g.id == id) {
            g.frees_at = Some(frees_at);
        }
    }

    /// Holds every request until `until` (epoch ms).
    pub(crate) fn hold_until(&self, until: i64) {
        let mut s = self.state();
        s.hold_until = s.hold_until.max(until);
    }

    /// Whether a pacing wait until `until` is news (not announced yet by a request waiting as
    /// long).
    pub(crate) fn announce(&self, until: i64) -> bool {
        let mut s = self.state();
        if until > s.announced_until {
            s.announced_until = until;
            true
        } else {
            false
        }
    }

    /// The mean time of a request so far, `None` before the first answer.
    pub fn request_ms(&self) -> Option<u64> {
        let s = self.state();
        (s.observed > 0).then(|| s.observed_ms / s.observed)
    }

    /// Estimated ms until `requests` more requests of `points` each, sent `concurrency` at a
    /// time (the ones in flight among them), have their answers: the pace of the budget, the
    /// grants still in the window and the observed request time. `None` before an answer
    /// arrived.
    pub fn eta_ms(&self, now: i64, requests: u32, points: u32, concurrency: usize) -> Option<u64> {
        let took = self.request_ms()? as i64;
        let s = self.state();
        let in_flight = s.in_flight.min(requests as usize);
        let to_send = requests as usize - in_flight;
        let concurrency = concurrency.max(1);
        // Each slot: when it is free to send (the ones in flight answer about `took` from now).
        let mut slots: BinaryHeap<Reverse<i64>> = (0..concurrency)
            .map(|i| Reverse(if i < in_flight { now + took } else { now }))
            .collect();
        let mut end = if in_flight > 0 { now + took } else { now };
        let budget = self.points_per_minute;
        let minute = self.minute_ms as i64;
        // Points in the window and when they are free, soonest first.
        let mut window: BinaryHeap<Reverse<(i64, u32)>> = s
            .grants
            .iter()
            .filter(|g| g.frees_at.is_none_or(|t| t > now))
            .map(|g| Reverse((g.frees_at.unwrap_or(now + took + minute), g.points)))
            .collect();
        drop(s);
        let points = points.min(budget.max(1));
        let mut used: u32 = window.iter().map(|Reverse((_, p))| p).sum();
        for _ in 0..to_send {
            let Reverse(mut at) = slots.pop().unwrap_or(Reverse(now));
            if budget > 0 {
                while let Some(&Reverse((frees, p))) = window.peek() {
                    if frees > at && used + points <= budget {
                        break;
                    }
                    at = at.max(frees);
                    used -= p;
                    window.pop();
                }
                used += points;
                window.push(Reverse((at + took + minute, points)));
            }
            slots.push(Reverse(at + took));
            end = end.max(at + took);
        }
        Some((end - now).max(0) as u64)
    }
}

/// "Pacing requests under GitHub's limit of 900 points a minute (next in 55 s)".
pub(crate) fn pacing_message(pacer: &Pacer, wait_ms: u64) -> String {
    let per = if pacer.minute_ms == 60_000 {
        "a minute".to_string()
    } else {
        // Integers only: float formatting costs the first visit ~4 KB.
        let (s, ms) = (pacer.minute_ms / 1000, pacer.minute_ms % 1000);
        if ms == 0 {
            format!("per {s} s")
        } else {
            format!("per {s}.{} s", format!("{ms:03}").trim_end_matches('0'))
        }
    };
    format!(
        "Pacing requests under GitHub's limit of {} points {per} (next in {} s)",
        pacer.points_per_minute,
        wait_ms.div_ceil(1000)
    )
}

#[cfg(test)]
mod tests;
