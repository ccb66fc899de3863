//! The charts' numbers: "Days since last activity", "Editors in use" and "Seats by team".
//! Every bar is a [`Bucket`] whose [`Filter`] selects exactly the seats it counts, so a bar can
//! link to the access list (`?filter=KEY`), and the buckets of a chart add up to the seat count.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};

use crate::editor::{editor_family, EditorFamily};
use crate::models::Seat;
use crate::table::Filter;
use crate::time::ACTIVITY_RETENTION_DAYS;

/// How many teams "Seats by team" names before "Other teams".
pub const TOP_TEAMS: usize = 10;

/// One bar of a chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    /// The product text ("8–30 days", "VS Code", a team's name).
    pub label: String,
    /// Seats in the bar.
    pub count: u64,
    /// The access list filter selecting exactly these seats.
    pub filter: Filter,
}

impl Bucket {
    /// The bar's URL key (`?filter=KEY`), i.e. `self.filter.key()`.
    pub fn key(&self) -> String {
        self.filter.key()
    }
}

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

/// "Days since last activity": the six buckets of [`ActivityBucket::ALL`], zeros included.
pub fn activity_buckets(seats: &[Seat], now: DateTime<Utc>) -> Vec<Bucket> {
    let cutoffs = ActivityCutoffs::new(now);
    let mut counts = [0u64; 6];
    for seat in seats {
        counts[cutoffs.bucket(seat) as usize] += 1;
    }
    ActivityBucket::ALL
        .into_iter()
        .map(|b| Bucket {
            label: b.label().into(),
            count: counts[b as usize],
            filter: Filter::Activity(b),
        })
        .collect()
}

/// "Editors in use": seats by the family of their `last_activity_editor`, the ten families of
/// [`EditorFamily::ALL`] in order, zeros included.
pub fn editor_buckets(seats: &[Seat]) -> Vec<Bucket> {
    let mut counts = [0u64; 10];
    for seat in seats {
        counts[editor_family(seat.last_activity_editor.as_deref()) as usize] += 1;
    }
    EditorFamily::ALL
        .into_iter()
        .map(|f| Bucket {
            label: f.label().into(),
            count: counts[f as usize],
            filter: Filter::Editor(f),
        })
        .collect()
}

/// "Seats by team": the [`TOP_TEAMS`] teams granting the most seats (most first, ties by name),
/// then "Other teams" (only when there are more teams), then "Assigned directly" (always).
pub fn team_buckets(seats: &[Seat]) -> Vec<Bucket> {
    let mut direct = 0u64;
    let mut teams: HashMap<&str, u64> = HashMap::new();
    for seat in seats {
        match seat_team(seat) {
            Some(team) => *teams.entry(team).or_insert(0) += 1,
            None => direct += 1,
        }
    }
    let mut teams: Vec<(&str, u64)> = teams.into_iter().collect();
    teams.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let rest = teams.split_off(teams.len().min(TOP_TEAMS));
    let top: Arc<[Arc<str>]> = teams.iter().map(|(t, _)| Arc::from(*t)).collect();
    let mut buckets: Vec<Bucket> = top
        .iter()
        .zip(&teams)
        .map(|(name, (_, count))| Bucket {
            label: team_label(name),
            count: *count,
            filter: Filter::Team(name.clone()),
        })
        .collect();
    if !rest.is_empty() {
        buckets.push(Bucket {
            label: "Other teams".into(),
            count: rest.iter().map(|(_, c)| c).sum(),
            filter: Filter::OtherTeams(top),
        });
    }
    buckets.push(Bucket {
        label: "Assigned directly".into(),
        count: direct,
        filter: Filter::AssignedDirectly,
    });
    buckets
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap()
    }

    fn seat(created: i64, activity: Option<i64>) -> Seat {
        let at = |d: i64| (now() - Duration::days(d)).to_rfc3339();
        serde_json::from_value(serde_json::json!({
            "created_at": at(created),
            "assignee": {"login": "a"},
            "last_activity_at": activity.map(at),
        }))
        .unwrap()
    }

    #[test]
    fn activity_boundaries() {
        let b = |created, activity| ActivityBucket::of(&seat(created, activity), now());
        assert_eq!(b(400, Some(0)), ActivityBucket::Days0To7);
        assert_eq!(b(400, Some(-3)), ActivityBucket::Days0To7, "future");
        assert_eq!(b(400, Some(7)), ActivityBucket::Days0To7);
        assert_eq!(b(400, Some(8)), ActivityBucket::Days8To30);
        assert_eq!(b(400, Some(30)), ActivityBucket::Days8To30);
        assert_eq!(b(400, Some(31)), ActivityBucket::Days31To60);
        assert_eq!(b(400, Some(60)), ActivityBucket::Days31To60);
        assert_eq!(b(400, Some(61)), ActivityBucket::Days61To90);
        assert_eq!(b(400, Some(90)), ActivityBucket::Days61To90);
        assert_eq!(b(400, Some(91)), ActivityBucket::NoneIn90Days);
        assert_eq!(b(90, None), ActivityBucket::NoneIn90Days);
        assert_eq!(b(89, None), ActivityBucket::NeverUsed);
        // The cutoffs agree with whole days since, a second either side of each day.
        for d in -2..100 {
            for s in -1..=1 {
                let mut x = seat(400, Some(0));
                let t = now() - Duration::days(d) + Duration::seconds(s);
                x.last_activity_at = Some(t);
                let want = match crate::time::days_since(t, now()) {
                    0..=7 => ActivityBucket::Days0To7,
                    8..=30 => ActivityBucket::Days8To30,
                    31..=60 => ActivityBucket::Days31To60,
                    61..=90 => ActivityBucket::Days61To90,
                    _ => ActivityBucket::NoneIn90Days,
                };
                assert_eq!(ActivityBucket::of(&x, now()), want, "{d} days {s} s");
            }
        }
        for (created, label) in [(90, "None in 90 days"), (89, "Never used")] {
            let s = seat(created, None);
            assert_eq!(ActivityBucket::of(&s, now()).label(), label);
            assert_eq!(crate::table::missing_activity_label(&s, now()), label);
        }
    }

    #[test]
    fn teams_top_ten_other_and_direct() {
        let mut seats = Vec::new();
        // Team k grants k + 1 seats: t0..t11, twelve teams; plus 3 direct seats.
        for k in 0..12u64 {
            for _ in 0..=k {
                let mut s = seat(10, None);
                s.assigning_team = Some(crate::models::Team {
                    name: Some(format!("t{k}").into()),
                    ..Default::default()
                });
                seats.push(s);
            }
        }
        seats.extend((0..3).map(|_| seat(10, None)));
        let buckets = team_buckets(&seats);
        assert_eq!(buckets.len(), TOP_TEAMS + 2);
        assert_eq!(buckets[0].label, "t11");
        assert_eq!(buckets[0].count, 12);
        assert_eq!(buckets[10].label, "Other teams");
        assert_eq!(buckets[10].count, 1 + 2);
        assert_eq!(buckets[11].label, "Assigned directly");
        assert_eq!(buckets[11].count, 3);
        let total: u64 = buckets.iter().map(|b| b.count).sum();
        assert_eq!(total, seats.len() as u64);
        for b in &buckets {
            let matched = seats.iter().filter(|s| b.filter.matches(s, now())).count();
            assert_eq!(matched as u64, b.count, "{}", b.label);
            assert_eq!(Filter::from_key(&b.key()), b.filter, "{}", b.key());
        }
        // Few teams: no "Other teams" bar.
        let few = team_buckets(&seats[..3]);
        assert_eq!(
            few.iter().map(|b| b.label.as_str()).collect::<Vec<_>>(),
            ["t1", "t0", "Assigned directly"]
        );
    }
}
