//! What changed between two reports (or a report and the seats loaded now): new seats, removed
//! seats, newly idle, back in use. Active = `last_activity_at` within the 30 days before that
//! report's time; idle = not active. Logins compare case-insensitively (GitHub's rule).

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};

use crate::models::Seat;

/// Days of activity that count as "active" at a report's time.
pub const ACTIVE_DAYS: i64 = 30;

/// What "active" and "idle" mean in a comparison (the rule of [`ACTIVE_DAYS`]).
pub const ACTIVE_DEFINITION: &str =
    "Active: last activity within the 30 days before each report's time; idle: not active.";

/// Whether `seat` was active at `time`.
pub fn is_active(seat: &Seat, time: DateTime<Utc>) -> bool {
    seat.last_activity_at
        .is_some_and(|t| t >= time - Duration::days(ACTIVE_DAYS))
}

/// A kind of change; each is a filter of the access list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Change {
    /// In the current list, not in the earlier one.
    New,
    /// In the earlier list, not in the current one (listed from the earlier report).
    Removed,
    /// Active in the earlier report, idle now.
    NewlyIdle,
    /// Idle in the earlier report, active now.
    BackInUse,
}

impl Change {
    /// Every change, in display order.
    pub const ALL: [Change; 4] = [
        Change::New,
        Change::Removed,
        Change::NewlyIdle,
        Change::BackInUse,
    ];

    /// The figure's name (the UI contract).
    pub fn label(self) -> &'static str {
        match self {
            Change::New => "New seats",
            Change::Removed => "Removed seats",
            Change::NewlyIdle => "Newly idle",
            Change::BackInUse => "Back in use",
        }
    }

    /// The URL form (`filter=change-new`).
    pub fn key(self) -> &'static str {
        match self {
            Change::New => "change-new",
            Change::Removed => "change-removed",
            Change::NewlyIdle => "change-newly-idle",
            Change::BackInUse => "change-back-in-use",
        }
    }

    /// Parses [`Change::key`].
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == key)
    }
}

/// The changes: seat indices into the current list, except `removed`, which indexes the
/// earlier list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Comparison {
    /// New seats (current indices).
    pub new: Vec<u32>,
    /// Removed seats (earlier indices).
    pub removed: Vec<u32>,
    /// Newly idle (current indices).
    pub newly_idle: Vec<u32>,
    /// Back in use (current indices).
    pub back_in_use: Vec<u32>,
}

impl Comparison {
    /// The indices of one kind of change.
    pub fn of(&self, change: Change) -> &[u32] {
        match change {
            Change::New => &self.new,
            Change::Removed => &self.removed,
            Change::NewlyIdle => &self.newly_idle,
            Change::BackInUse => &self.back_in_use,
        }
    }
}

/// Lowercased login → index, on the fast hash (logins are GitHub's, not an attacker's choice).
fn by_login(seats: &[Seat]) -> HashMap<String, u32, crate::fast_hash::Fast> {
    seats
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.login().is_empty())
        .map(|(i, s)| (s.login().to_ascii_lowercase(), i as u32))
        .collect()
}

/// Compares `current` (at `current_time`) with `earlier` (at `earlier_time`). Seats without a
/// login cannot be matched and are left out of every figure.
pub fn compare(
    current: &[Seat],
    current_time: DateTime<Utc>,
    earlier: &[Seat],
    earlier_time: DateTime<Utc>,
) -> Comparison {
    let before = by_login(earlier);
    let now = by_login(current);
    let mut c = Comparison::default();
    for (i, seat) in current.iter().enumerate() {
        if seat.login().is_empty() {
            continue;
        }
        match before.get(&seat.login().to_ascii_lowercase()) {
            None => c.new.push(i as u32),
            Some(&j) => {
                let was = is_active(&earlier[j as usize], earlier_time);
                let is = is_active(seat, current_time);
                if was && !is {
                    c.newly_idle.push(i as u32);
                } else if !was && is {
                    c.back_in_use.push(i as u32);
                }
            }
        }
    }
    c.removed = earlier
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            !s.login().is_empty() && !now.contains_key(&s.login().to_ascii_lowercase())
        })
        .map(|(j, _)| j as u32)
        .collect();
    c
}

/// One point of the trend: a report's time, its seats and its active seats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrendPoint {
    /// The report's time.
    pub time: DateTime<Utc>,
    /// Seats in it.
    pub seats: usize,
    /// Active seats at its time.
    pub active: usize,
}

/// The trend over several reports, oldest first.
pub fn trend(reports: &[(&[Seat], DateTime<Utc>)]) -> Vec<TrendPoint> {
    let mut points: Vec<TrendPoint> = reports
        .iter()
        .map(|(seats, time)| TrendPoint {
            time: *time,
            seats: seats.len(),
            active: seats.iter().filter(|s| is_active(s, *time)).count(),
        })
        .collect();
    crate::small_sort::sort_by_key(&mut points, |p| p.time);
    points
}

/// An earlier report and what changed since.
#[derive(Debug, Clone, PartialEq)]
pub struct Compared {
    /// Its file's name.
    pub file: String,
    /// Its time.
    pub time: DateTime<Utc>,
    /// The four changes.
    pub result: Comparison,
    /// Seats and active seats per report, oldest first (three or more reports make a trend).
    pub trend: Vec<TrendPoint>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn seat(login: &str, days_ago: Option<i64>, at: DateTime<Utc>) -> Seat {
        let json = serde_json::json!({
            "created_at": "2024-01-01T00:00:00Z",
            "assignee": { "login": login },
            "last_activity_at": days_ago.map(|d| (at - Duration::days(d)).to_rfc3339()),
        });
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn the_four_changes() {
        let t0 = Utc.with_ymd_and_hms(2026, 10, 1, 0, 0, 0).unwrap();
        let t1 = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
        let earlier = vec![
            seat("gone", Some(1), t0),
            seat("Steady", Some(2), t0),
            seat("dozed", Some(3), t0),
            seat("woke", None, t0),
            seat("edge", Some(30), t0),
        ];
        let current = vec![
            seat("steady", Some(1), t1),
            seat("dozed", Some(31), t1),
            seat("woke", Some(0), t1),
            seat("fresh", None, t1),
            seat("edge", Some(30), t1),
            seat("", None, t1),
        ];
        let c = compare(&current, t1, &earlier, t0);
        assert_eq!(c.new, [3]);
        assert_eq!(c.removed, [0]);
        assert_eq!(c.newly_idle, [1]);
        assert_eq!(c.back_in_use, [2]);
        assert_eq!(
            Change::from_key(Change::BackInUse.key()),
            Some(Change::BackInUse)
        );
        let points = trend(&[(&current, t1), (&earlier, t0)]);
        assert_eq!(points[0].time, t0);
        assert_eq!((points[0].seats, points[0].active), (5, 4));
        assert_eq!((points[1].seats, points[1].active), (6, 3));
    }
}
