//! How seats group for the charts and their filters: the bars of "Days since last activity"
//! and the team a seat counts under. Below both [`crate::filter`] and [`crate::charts`].

use chrono::{DateTime, Duration, Utc};

use crate::models::Seat;
use crate::time::ACTIVITY_RETENTION_DAYS;

/// A bar of "Days since last activity".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActivityBucket {
    /// Last activity 0–7 whole days ago (a timestamp in the future counts as 0).
    Days0To7,
    /// 8–30 days ago.
    Days8To30,
    /// 31–60 days ago.
    Days31To60,
    /// 61–90 days ago.
    Days61To90,
    /// No activity in GitHub's 90-day memory: a null `last_activity_at` on a seat assigned
    /// 90+ days ago (the table's "None in 90 days"), or a timestamp more than 90 days old.
    NoneIn90Days,
    /// A null `last_activity_at` on a seat assigned less than 90 days ago (the table's
    /// "Never used").
    NeverUsed,
}

impl ActivityBucket {
    /// Every bucket, in the chart's order.
    pub const ALL: [ActivityBucket; 6] = [
        ActivityBucket::Days0To7,
        ActivityBucket::Days8To30,
        ActivityBucket::Days31To60,
        ActivityBucket::Days61To90,
        ActivityBucket::NoneIn90Days,
        ActivityBucket::NeverUsed,
    ];

    /// The bucket of `seat` at `now`: whole days since `last_activity_at`
    /// ([`crate::time::days_since`]). To bucket many seats, use [`ActivityCutoffs`].
    pub fn of(seat: &Seat, now: DateTime<Utc>) -> Self {
        ActivityCutoffs::new(now).bucket(seat)
    }

    /// The product text ("0–7 days", "None in 90 days", "Never used").
    pub fn label(self) -> &'static str {
        match self {
            ActivityBucket::Days0To7 => "0–7 days",
            ActivityBucket::Days8To30 => "8–30 days",
            ActivityBucket::Days31To60 => "31–60 days",
            ActivityBucket::Days61To90 => "61–90 days",
            ActivityBucket::NoneIn90Days => "None in 90 days",
            ActivityBucket::NeverUsed => "Never used",
        }
    }

    /// The stable URL form ("0-7"; the filter key adds `activity-`).
    pub fn key(self) -> &'static str {
        match self {
            ActivityBucket::Days0To7 => "0-7",
            ActivityBucket::Days8To30 => "8-30",
            ActivityBucket::Days31To60 => "31-60",
            ActivityBucket::Days61To90 => "61-90",
            ActivityBucket::NoneIn90Days => "none-90",
            ActivityBucket::NeverUsed => "never",
        }
    }

    /// Parses [`ActivityBucket::key`].
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|b| b.key() == key)
    }
}

/// The instants that separate the [`ActivityBucket`]s at one `now`, computed once: bucketing
/// is then a few comparisons per seat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActivityCutoffs {
    /// `days_since(t) <= d` exactly when `t > now - (d + 1) days`: one instant per upper bound
    /// 7, 30, 60, 90.
    after: [DateTime<Utc>; 4],
    /// Seats assigned after this are younger than GitHub's 90-day reset.
    reset: DateTime<Utc>,
}

impl ActivityCutoffs {
    /// The cutoffs at `now`.
    pub fn new(now: DateTime<Utc>) -> Self {
        let before = |d: i64| now - Duration::days(d);
        Self {
            after: [before(8), before(31), before(61), before(91)],
            reset: before(ACTIVITY_RETENTION_DAYS),
        }
    }

    /// The bucket of `seat`.
    #[inline]
    pub fn bucket(&self, seat: &Seat) -> ActivityBucket {
        match seat.last_activity_at {
            Some(t) if t > self.after[0] => ActivityBucket::Days0To7,
            Some(t) if t > self.after[1] => ActivityBucket::Days8To30,
            Some(t) if t > self.after[2] => ActivityBucket::Days31To60,
            Some(t) if t > self.after[3] => ActivityBucket::Days61To90,
            Some(_) => ActivityBucket::NoneIn90Days,
            // The same rule as `table::missing_activity_label`.
            None if seat.created_at > self.reset => ActivityBucket::NeverUsed,
            None => ActivityBucket::NoneIn90Days,
        }
    }
}

/// The team a seat counts under in "Seats by team": `None` when assigned directly; a granting
/// team with neither name nor slug is `""`.
pub fn seat_team(seat: &Seat) -> Option<&str> {
    seat.assigning_team
        .as_ref()
        .map(|t| t.label().unwrap_or(""))
}

/// A team's bar label: its name, or "Unnamed team" for `""`.
pub fn team_label(team: &str) -> String {
    if team.is_empty() {
        "Unnamed team".into()
    } else {
        team.into()
    }
}
