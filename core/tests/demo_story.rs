//! The demo organization (`generate::realistic`, "Try demo data" and fakehub's `acme`) tells the
//! reclaim story: a visible share of idle and never-used seats, several teams and editors.
//! Run with `--nocapture` to see the figures.

use chrono::{TimeZone, Utc};
use seat_core::charts::{activity_buckets, editor_buckets, team_buckets};
use seat_core::generate::{realistic, seat_json};
use seat_core::models::Seat;
use seat_core::money::Cents;
use seat_core::reclaim::{summarize, Reason, ReclaimRules};

#[test]
fn the_demo_org_shows_reclaimable_seats_teams_and_editors() {
    let now = Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap();
    let spec = realistic(now);
    let seats: Vec<Seat> = (0..spec.seats)
        .map(|i| serde_json::from_value(seat_json(&spec, i)).unwrap())
        .collect();
    let n = seats.len() as u64;
    for rules in [ReclaimRules::default(), ReclaimRules::new(30, 14)] {
        let s = summarize(&seats, rules, Cents::dollars(19), now);
        eprintln!(
            "{rules:?}: {} reclaimable of {n} ({}/month, {}/year); {}; via teams {} in {} teams",
            s.total.count,
            s.total.monthly,
            s.total.yearly,
            Reason::ALL
                .map(|r| format!("{} {}", r.label(rules), s.reason(r).count))
                .join(", "),
            s.via_team.count,
            s.teams.len(),
        );
        let share = s.total.count as f64 / n as f64;
        assert!((0.08..0.40).contains(&share), "reclaimable share {share}");
        for r in Reason::ALL {
            assert!(s.reason(r).count >= 10, "{r:?}: {}", s.reason(r).count);
        }
        assert!(s.via_team.count > 0 && s.teams.len() >= 3);
    }
    let activity = activity_buckets(&seats, now);
    let editors = editor_buckets(&seats);
    let teams = team_buckets(&seats);
    for chart in [&activity, &editors, &teams] {
        eprintln!(
            "{}",
            chart
                .iter()
                .map(|b| format!("{} {}", b.label, b.count))
                .collect::<Vec<_>>()
                .join(" | ")
        );
        assert_eq!(chart.iter().map(|b| b.count).sum::<u64>(), n);
    }
    assert!(
        activity.iter().all(|b| b.count > 0),
        "every activity bar shows"
    );
    assert!(
        editors.iter().filter(|b| b.count > 0).count() >= 7,
        "several editors"
    );
    assert!(teams.len() >= 6, "several teams");
}
