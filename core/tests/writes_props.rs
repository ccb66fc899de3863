//! The removal planner on random selections with duplicate logins in mixed case, team-granted,
//! pending and assignee-less seats: it never sends a seat that cannot go and sends every other
//! selected login exactly once. Records its cases in `target/property-cases/`.

use std::collections::HashSet;

use proptest::prelude::*;

mod common;
use common::Counter;
use seat_core::models::{decode_seat, Seat};
use seat_core::writes::{plan_removal, skip_reason, SkipReason, BATCH_SIZE};

static PLAN: Counter = Counter::new("removal-plan");

fn any_seat() -> impl Strategy<Value = Seat> {
    // Few logins, in mixed case, so duplicates happen often.
    (
        prop::option::of(prop::sample::select(vec![
            "ann",
            "Ann",
            "bob",
            "cy",
            "dee",
            "ed",
            "BOB",
            "a-very-long-login-39-characters-long-x",
        ])),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(login, team, pending)| {
            let assignee = login.map_or("null".to_string(), |l| format!(r#"{{"login":"{l}"}}"#));
            let team = if team {
                r#","assigning_team":{"slug":"t"}"#
            } else {
                ""
            };
            let pending = if pending {
                r#","pending_cancellation_date":"2026-12-01""#
            } else {
                ""
            };
            decode_seat(&format!(
                r#"{{"created_at":"2024-01-01T00:00:00Z","assignee":{assignee}{team}{pending}}}"#
            ))
            .expect("a valid seat")
        })
}

proptest! {
    #![proptest_config(common::config(2_000))]

    /// Never a team-granted, pending or assignee-less seat's login; every other selected login
    /// exactly once (unless a seat of the same login cannot go: GitHub would refuse the whole
    /// request); every withheld seat is listed with its reason.
    #[test]
    fn the_planner_sends_exactly_the_removable_logins(selected in prop::collection::vec(any_seat(), 0..40)) {
        PLAN.tick();
        let plan = plan_removal(&selected);
        let blocked: HashSet<String> = selected
            .iter()
            .filter(|s| skip_reason(s).is_some())
            .map(|s| s.login().to_lowercase())
            .collect();
        let expected: HashSet<String> = selected
            .iter()
            .filter(|s| skip_reason(s).is_none())
            .map(|s| s.login().to_lowercase())
            .filter(|l| !blocked.contains(l))
            .collect();
        let sent: Vec<String> = plan.send.iter().map(|l| l.to_lowercase()).collect();
        let unique: HashSet<String> = sent.iter().cloned().collect();
        prop_assert_eq!(unique.len(), sent.len(), "a login sent twice: {:?}", sent);
        prop_assert_eq!(&unique, &expected);
        for seat in &selected {
            if seat.assigning_team.is_some() || seat.pending_cancellation_date.is_some() || seat.login().is_empty() {
                prop_assert!(!sent.contains(&seat.login().to_lowercase()), "{:?} was sent", seat.login());
            }
        }
        prop_assert_eq!(
            plan.skipped.len(),
            selected.iter().filter(|s| skip_reason(s).is_some()).count()
        );
        for s in &plan.skipped {
            prop_assert_eq!(s.login.is_empty(), s.reason == SkipReason::NoAssignee);
        }
        prop_assert_eq!(plan.batches(), plan.send.len().div_ceil(BATCH_SIZE));
    }
}
