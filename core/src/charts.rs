//! The charts' numbers: "Days since last activity", "Editors in use" and "Seats by team".
//! Every bar is a [`Bucket`] whose [`Filter`] selects exactly the seats it counts, so a bar can
//! link to the access list (`?filter=KEY`), and the buckets of a chart add up to the seat count.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::editor::{editor_family, EditorFamily};
use crate::filter::Filter;
use crate::groups::{seat_team, team_label, ActivityBucket, ActivityCutoffs};
use crate::models::Seat;

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
    crate::small_sort::sort_by(&mut teams, |a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
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
    use chrono::{Duration, TimeZone};

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
