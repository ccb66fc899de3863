//! The reclaim classification and the chart buckets against naive references, on random seat
//! lists whose timestamps crowd the thresholds (exactly N days, exactly G days, 90 days, a
//! second either side). Each property records how many cases it tried in
//! `target/property-cases/`, like `hostile_input.rs`.

use std::collections::HashMap;

use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;

mod common;
use common::Counter;
use seat_core::charts::{activity_buckets, editor_buckets, team_buckets};
use seat_core::editor::{editor_family, parse_editor, EditorFamily, UNSPECIFIED};
use seat_core::filter::Filter;
use seat_core::models::Seat;
use seat_core::money::Cents;
use seat_core::reclaim::{reclaimable_rows, summarize, Reason, ReclaimRules};

const CASES: u32 = 1_000;

fn config() -> ProptestConfig {
    common::config(CASES)
}

static RECLAIM: Counter = Counter::new("reclaim");
static CHARTS: Counter = Counter::new("charts");
static FAMILY: Counter = Counter::new("editor-family");

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap()
}

/// An instant near a threshold: a day count from a list that includes the default thresholds
/// and GitHub's 90-day reset, plus -1, 0 or +1 second.
fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    let days = prop_oneof![
        prop::sample::select(vec![
            -1i64, 0, 7, 8, 29, 30, 31, 59, 60, 61, 89, 90, 91, 120
        ]),
        0i64..200,
    ];
    (days, -1i64..=1).prop_map(|(d, s)| now() - Duration::days(d) + Duration::seconds(s))
}

fn seat_strategy() -> impl Strategy<Value = Seat> {
    let login = prop_oneof![
        3 => Just(Some("octocat".to_string())),
        1 => Just(Some(String::new())),
        1 => Just(None),
    ];
    let editor = prop::option::of(prop_oneof![
        prop::sample::select(vec![
            "vscode/1.9",
            "JetBrains-IU/2024",
            "VisualStudio/17",
            "Xcode/16",
            "neovim/0.10",
            "vim",
            "eclipse/4",
            "copilot-cli",
            "copilot-chat-platform",
            "github.com",
            "emacs",
            "Zed/1",
            "",
            "//",
        ])
        .prop_map(str::to_string),
        ".{0,12}",
    ]);
    let team = prop::option::of(prop::option::of("[a-d,\\\\]{0,2}"));
    (
        login,
        instant(),
        prop::option::of(instant()),
        prop::option::of(instant()),
        any::<bool>(),
        editor,
        team,
    )
        .prop_map(|(login, created, activity, auth, pending, editor, team)| {
            let v = serde_json::json!({
                "created_at": created.to_rfc3339(),
                "assignee": login.map(|l| serde_json::json!({"login": l})),
                "last_activity_at": activity.map(|t| t.to_rfc3339()),
                "last_authenticated_at": auth.map(|t| t.to_rfc3339()),
                "pending_cancellation_date": pending.then_some("2026-12-01"),
                "last_activity_editor": editor,
                "assigning_team": team.map(|t| serde_json::json!({"name": t})),
            });
            serde_json::from_value(v).unwrap()
        })
}

fn rules_strategy() -> impl Strategy<Value = ReclaimRules> {
    (
        prop::sample::select(vec![1u32, 7, 30, 60, 90, 120]),
        prop::sample::select(vec![0u32, 1, 30, 60]),
    )
        .prop_map(|(idle, grace)| ReclaimRules::new(idle, grace))
}

/// The rule as the issue states it, in seconds, written without the library's helpers.
fn naive_reason(s: &Seat, r: ReclaimRules, now: DateTime<Utc>) -> Option<Reason> {
    let secs = |t: DateTime<Utc>| (now - t).num_seconds();
    let day = 86_400i64;
    let has_login = s
        .assignee
        .as_ref()
        .and_then(|a| a.login.as_ref())
        .is_some_and(|l| !l.is_empty());
    let old_enough = secs(s.created_at) >= i64::from(r.grace_days) * day;
    let idle = match s.last_activity_at {
        None => true,
        Some(t) => secs(t) > i64::from(r.idle_days) * day,
    };
    if !(has_login && s.pending_cancellation_date.is_none() && old_enough && idle) {
        return None;
    }
    Some(if s.last_authenticated_at.is_none() {
        Reason::NeverAuthenticated
    } else if s.last_activity_at.is_none() && secs(s.created_at) < 90 * day {
        Reason::SignedInNeverUsed
    } else {
        Reason::Idle
    })
}

proptest! {
    #![proptest_config(config())]

    /// The fast classification, its summary, its rows and its filter agree with the naive rule.
    #[test]
    fn classification_matches_the_naive_rule(
        seats in prop::collection::vec(seat_strategy(), 0..60),
        rules in rules_strategy(),
        price in 0i64..5_000,
    ) {
        RECLAIM.tick();
        let now = now();
        let price = Cents(price);
        let naive: Vec<Option<Reason>> = seats.iter().map(|s| naive_reason(s, rules, now)).collect();
        for (s, want) in seats.iter().zip(&naive) {
            prop_assert_eq!(rules.classify(s, now), *want);
            prop_assert_eq!(rules.is_reclaimable(s, now), want.is_some());
        }
        let summary = summarize(&seats, rules, price, now);
        let total = naive.iter().flatten().count() as u64;
        prop_assert_eq!(summary.total.count, total);
        prop_assert_eq!(summary.total.monthly, Cents(price.0 * total as i64));
        prop_assert_eq!(summary.total.yearly, Cents(price.0 * total as i64 * 12));
        let mut by_reason = 0;
        for reason in Reason::ALL {
            let n = naive.iter().filter(|r| **r == Some(reason)).count() as u64;
            prop_assert_eq!(summary.reason(reason).count, n);
            prop_assert_eq!(summary.reason(reason).monthly, Cents(price.0 * n as i64));
            by_reason += summary.reason(reason).count;
        }
        prop_assert_eq!(by_reason, total);
        // Team-granted reclaimable seats, per team label.
        let mut teams: HashMap<String, u64> = HashMap::new();
        for (s, r) in seats.iter().zip(&naive) {
            if let (Some(team), Some(_)) = (&s.assigning_team, r) {
                *teams.entry(team.label().unwrap_or("").to_string()).or_default() += 1;
            }
        }
        prop_assert_eq!(summary.via_team.count, teams.values().sum::<u64>());
        prop_assert_eq!(summary.teams.len(), teams.len());
        for t in &summary.teams {
            prop_assert_eq!(Some(&t.count), teams.get(&t.team));
        }
        prop_assert!(summary.teams.windows(2).all(|w| w[0].count >= w[1].count));
        // Rows in any order keep that order; the filter selects the same seats.
        let order: Vec<u32> = (0..seats.len() as u32).rev().collect();
        let want: Vec<u32> = order.iter().copied().filter(|&i| naive[i as usize].is_some()).collect();
        prop_assert_eq!(&reclaimable_rows(&seats, &order, rules, now), &want);
        let filter = Filter::Reclaimable(rules);
        let matched: Vec<u32> = order.iter().copied().filter(|&i| filter.matches(&seats[i as usize], now)).collect();
        prop_assert_eq!(&matched, &want);
        let back = filter.query_pairs();
        let get = |k: &str| back.iter().find(|(n, _)| *n == k).map(|(_, v)| v.as_str());
        prop_assert_eq!(Filter::from_query(get("filter").unwrap_or(""), get("idle"), get("grace")), filter);
    }

    /// Every chart's buckets add up to the seat count, each bucket's filter selects exactly its
    /// seats, and its key reads back as the same filter.
    #[test]
    fn buckets_partition_the_seats(seats in prop::collection::vec(seat_strategy(), 0..60)) {
        CHARTS.tick();
        let now = now();
        for buckets in [activity_buckets(&seats, now), editor_buckets(&seats), team_buckets(&seats)] {
            prop_assert_eq!(buckets.iter().map(|b| b.count).sum::<u64>(), seats.len() as u64);
            for b in &buckets {
                let n = seats.iter().filter(|s| b.filter.matches(s, now)).count() as u64;
                prop_assert_eq!(n, b.count, "{}", b.label);
                prop_assert_eq!(Filter::from_key(&b.key()), b.filter.clone());
            }
            // No seat is in two buckets.
            for s in &seats {
                prop_assert_eq!(buckets.iter().filter(|b| b.filter.matches(s, now)).count(), 1);
            }
        }
    }

    /// The non-allocating family reader agrees with the parser on what is unreadable.
    #[test]
    fn editor_family_agrees_with_the_parser(raw in prop::option::of(".{0,40}")) {
        FAMILY.tick();
        let family = editor_family(raw.as_deref());
        let name = parse_editor(raw.as_deref()).name;
        prop_assert_eq!(family == EditorFamily::Unknown, name == UNSPECIFIED, "{:?}", raw);
    }
}
