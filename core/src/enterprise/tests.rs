use super::*;
use crate::generate::enterprise::{enterprise_seat_json, EnterpriseSpec, Pattern};
use crate::generate::Plan;
use crate::overview::default_price;
use chrono::{Duration, NaiveDate, TimeZone};
use proptest::prelude::*;
use std::collections::{BTreeSet, HashSet};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap()
}

/// A seat object of person `id` granted by `org` (and `team`), with activity and authentication
/// `days` before now and assigned `created` days before now.
fn grant(id: u64, org: &str, team: Option<&str>, activity: Option<i64>, created: i64) -> Seat {
    let at = |d: i64| (now() - Duration::days(d)).to_rfc3339();
    serde_json::from_value(serde_json::json!({
        "created_at": at(created),
        "assignee": {"login": format!("user-{id}"), "id": id},
        "organization": {"login": org},
        "assigning_team": team.map(|t| serde_json::json!({"name": t})),
        "last_activity_at": activity.map(at),
        "last_activity_editor": activity.map(|d| format!("vscode/1.{d}.0/copilot/1.0.0")),
        "last_authenticated_at": activity.map(at),
        "plan_type": "business",
    }))
    .unwrap()
}

#[test]
fn a_person_granted_by_two_orgs_and_a_team_is_one_row_with_the_newest_activity() {
    let seats = vec![
        grant(1, "zeta", None, Some(40), 300),
        grant(2, "alpha", None, Some(1), 20),
        grant(1, "Alpha", Some("Platform"), Some(3), 100),
        grant(1, "beta", Some("ent:all"), None, 500),
    ];
    let p = people(seats);
    assert_eq!(p.len(), 2);
    assert_eq!(p.objects(), 4);
    let one = &p.seats()[0];
    assert_eq!(one.login(), "user-1");
    assert_eq!(one.last_activity_at, Some(now() - Duration::days(3)));
    assert_eq!(
        one.last_activity_editor.as_deref(),
        Some("vscode/1.3.0/copilot/1.0.0"),
        "the editor of the newest activity"
    );
    assert_eq!(one.last_authenticated_at, Some(now() - Duration::days(3)));
    assert_eq!(
        one.created_at,
        now() - Duration::days(500),
        "earliest grant"
    );
    assert_eq!(
        p.organizations(0),
        ["Alpha".into(), "beta".into(), "zeta".into()]
    );
    assert_eq!(p.organization_label(0), "3 organizations");
    assert_eq!(p.organization_cell(0), "Alpha; beta; zeta");
    assert_eq!(p.teams(0), ["ent:all", "Platform"]);
    assert_eq!(one.team(), Some("ent:all"), "the first team by name");
    assert_eq!(
        one.organization.as_ref().unwrap().login.as_deref(),
        Some("Alpha; beta; zeta"),
        "the seat names every organization, as the report's cell does"
    );
    assert_eq!(p.grants(0).unwrap().objects, 3);
    // A person listed once keeps their seat as it was, with no side entry.
    assert_eq!(p.grants(1), None);
    assert_eq!(p.organizations(1), ["alpha".into()]);
    assert_eq!(p.organization_label(1), "alpha");
    assert_eq!(p.teams(1), Vec::<&str>::new());
    assert_eq!(p.organizations(9), [] as [Box<str>; 0]);
}

#[test]
fn pending_only_when_every_grant_is_and_the_highest_plan_wins() {
    let date = |d| NaiveDate::from_ymd_opt(2026, 12, d);
    let mut a = grant(1, "a", None, Some(5), 100);
    let mut b = grant(1, "b", None, Some(6), 100);
    a.pending_cancellation_date = date(1);
    let p = people(vec![a.clone(), b.clone()]);
    assert_eq!(
        p.seats()[0].pending_cancellation_date,
        None,
        "one live grant keeps the seat"
    );
    b.pending_cancellation_date = date(2);
    b.plan_type = Some("enterprise".into());
    let p = people(vec![a.clone(), b.clone()]);
    assert_eq!(p.seats()[0].pending_cancellation_date, date(2));
    assert_eq!(p.seats()[0].plan_type.as_deref(), Some("enterprise"));
    let p = people(vec![b, a]);
    assert_eq!(p.seats()[0].plan_type.as_deref(), Some("enterprise"));
}

#[test]
fn null_assignees_and_missing_ids_stay_their_own_rows() {
    let mut null = grant(0, "a", None, None, 10);
    null.assignee = None;
    let mut no_id = grant(5, "a", None, None, 10);
    no_id.assignee.as_mut().unwrap().id = None;
    let p = people(vec![null.clone(), null, no_id.clone(), no_id]);
    assert_eq!(p.len(), 4);
    assert!((0..4).all(|r| p.grants(r).is_none()));
}

/// GitHub's enterprise example lists octocat and octokitten both with id 1, and counts 2 seats:
/// keyed by id alone they would be one person and the status would cry inconsistency.
#[test]
fn the_official_example_is_two_people_and_consistent() {
    let page = crate::models::decode_seats_page(include_str!(
        "../../../fixtures/github-api/enterprise-copilot-billing-seats.json"
    ))
    .unwrap();
    let p = people(page.seats);
    assert_eq!(p.len(), 2);
    assert_eq!(p.consistency(page.total_seats), None);
    assert_eq!(
        p.organizations(0),
        [] as [Box<str>; 0],
        "the example names no org"
    );
}

#[test]
fn one_id_with_two_logins_is_two_people_each_merged() {
    let kitten = |org| {
        let mut s = grant(1, org, None, None, 10);
        s.assignee.as_mut().unwrap().login = Some("octokitten".into());
        s
    };
    let (k1, k2) = (kitten("b"), kitten("c"));
    let p = people(vec![
        grant(1, "a", None, None, 10),
        k1,
        grant(1, "d", None, None, 10),
        k2,
    ]);
    assert_eq!(p.len(), 2);
    assert_eq!(p.organization_cell(0), "a; d");
    assert_eq!(p.seats()[1].login(), "octokitten");
    assert_eq!(p.organization_cell(1), "b; c");
}

#[test]
fn consistency_says_when_people_and_total_seats_disagree() {
    let p = people(vec![
        grant(1, "a", None, None, 1),
        grant(1, "b", None, None, 1),
        grant(2, "a", None, None, 1),
    ]);
    assert_eq!(p.consistency(Some(2)), None);
    assert_eq!(p.consistency(None), None);
    let s = p.consistency(Some(1_500)).unwrap();
    assert!(
        s.starts_with("GitHub counts 1,500 seats in this enterprise, but its seat list holds 2 people (3 seat objects)"),
        "{s}"
    );
    assert!(s.contains("Load again"), "{s}");
}

#[test]
fn a_reports_organization_cell_is_read_back_as_its_organizations() {
    let mut s = grant(1, "x", None, Some(1), 10);
    s.assignee.as_mut().unwrap().id = None;
    s.organization = Some(Organization {
        login: Some("zeta; Alpha".into()),
    });
    let p = people(vec![s]);
    assert_eq!(p.organizations(0), ["Alpha".into(), "zeta".into()]);
    assert_eq!(
        p.seats()[0].organization.as_ref().unwrap().login.as_deref(),
        Some("Alpha; zeta")
    );
}

#[test]
fn the_overview_counts_each_person_once_and_in_each_of_their_orgs() {
    let mut seats = vec![
        // Idle for 200 days in a (business) and b (enterprise): reclaimable, $39 once.
        grant(1, "a", None, Some(200), 400),
        grant(1, "b", None, None, 400),
        // Active in a.
        grant(2, "a", None, Some(1), 400),
        // Idle, b only, but pending cancellation: not reclaimable.
        grant(3, "b", None, Some(100), 400),
        // No assignee and no organization.
        grant(4, "a", None, None, 400),
    ];
    seats[1].plan_type = Some("enterprise".into());
    seats[3].pending_cancellation_date = NaiveDate::from_ymd_opt(2026, 12, 1);
    seats[4].assignee = None;
    seats[4].organization = None;
    let p = people(seats);
    let s = summarize(p.seats(), ReclaimRules::default(), now(), default_price);
    assert_eq!(s.people, 4);
    assert_eq!(s.reclaimable, 1);
    assert_eq!(s.monthly, Cents(3900 + 1900 * 3));
    let row = |o: Option<&str>| {
        s.organizations
            .iter()
            .find(|r| r.organization.as_deref() == o)
            .unwrap()
            .clone()
    };
    assert_eq!(
        s.organizations
            .iter()
            .map(|r| r.organization.clone())
            .collect::<Vec<_>>(),
        [Some("a".to_string()), Some("b".to_string()), None]
    );
    let a = row(Some("a"));
    assert_eq!(
        (a.seats, a.reclaimable, a.monthly),
        (2, 1, Cents(3900 + 1900))
    );
    let b = row(Some("b"));
    assert_eq!(
        (b.seats, b.reclaimable, b.monthly),
        (2, 1, Cents(3900 + 1900))
    );
    let none = row(None);
    assert_eq!((none.seats, none.reclaimable), (1, 0));
    let rows: u64 = s.organizations.iter().map(|r| r.seats).sum();
    assert_eq!(
        rows, 5,
        "person 1 is in two rows: rows sum to more than the 4 people"
    );
}

#[test]
fn a_generated_enterprise_merges_to_total_seats() {
    let spec = EnterpriseSpec {
        name: "gen".into(),
        people: 1_000,
        organizations: vec![
            ("gen-a".into(), Plan::Business),
            ("gen-b".into(), Plan::Enterprise),
            ("gen-c".into(), Plan::Business),
        ],
        pattern: Pattern {
            direct: 10,
            second_org: 2,
            enterprise_team: 1,
        },
        null_assignee: Some(7),
        now: now(),
    };
    let seats: Vec<Seat> = (0..spec.objects())
        .map(|k| serde_json::from_value(enterprise_seat_json(&spec, k)).unwrap())
        .collect();
    assert_eq!(seats.len(), 1_300);
    let p = people(seats);
    assert_eq!(p.len(), 1_000);
    assert_eq!(p.consistency(Some(1_000)), None);
    let several = (0..p.len())
        .filter(|&r| p.organizations(r).len() == 2)
        .count();
    assert_eq!(several, 300);
    let s = summarize(p.seats(), ReclaimRules::default(), now(), default_price);
    assert_eq!(s.organizations.len(), 3);
    let rows: u64 = s.organizations.iter().map(|r| r.seats).sum();
    assert_eq!(rows, 1_300);
}

// ------------------------------------------------------------------------------ properties

/// A seat object: person `id` (0 = no assignee), organization, activity and pending flags.
fn arb_seat() -> impl Strategy<Value = Seat> {
    (
        0u64..12,
        0usize..4,
        proptest::option::of(0i64..200),
        proptest::option::of(0i64..200),
        0i64..400,
        any::<bool>(),
        proptest::option::of(0usize..3),
        0usize..3,
    )
        .prop_map(|(id, org, act, auth, created, pending, team, plan)| {
            let at = |d: i64| now() - Duration::days(d);
            Seat {
                created_at: at(created),
                assignee: (id > 0).then(|| crate::models::Assignee {
                    login: Some(format!("user-{id}").into()),
                    id: Some(id),
                    ..Default::default()
                }),
                assigning_team: team.map(|t| crate::models::Team {
                    name: Some(["Platform", "data", "ent:all"][t].into()),
                    ..Default::default()
                }),
                organization: Some(Organization {
                    login: Some(["acme", "Beta", "corp", "acme-labs"][org].into()),
                }),
                pending_cancellation_date: pending.then(|| at(created).date_naive()),
                last_activity_at: act.map(at),
                last_activity_editor: act.map(|d| format!("vscode/{}", d % 3).into()),
                last_authenticated_at: auth.map(at),
                plan_type: [None, Some("business".into()), Some("enterprise".into())][plan].clone(),
            }
        })
}

/// People compared regardless of row order.
fn canonical(p: &People) -> Vec<String> {
    let mut rows: Vec<String> = (0..p.len())
        .map(|r| format!("{:?} {:?}", p.seats()[r], p.grants(r)))
        .collect();
    rows.sort();
    rows
}

proptest! {
    #[test]
    fn people_follow_the_rules(seats in proptest::collection::vec(arb_seat(), 0..60), seed in any::<u64>()) {
        let p = people(seats.clone());
        let ids: HashSet<u64> = seats.iter().filter_map(|s| s.assignee.as_ref()?.id).collect();
        let anonymous = seats.iter().filter(|s| s.assignee.is_none()).count();
        prop_assert_eq!(p.len(), ids.len() + anonymous);
        prop_assert_eq!(p.objects(), seats.len());
        for (row, person) in p.seats().iter().enumerate() {
            let Some(id) = person.assignee.as_ref().and_then(|a| a.id) else { continue };
            let grants: Vec<&Seat> = seats.iter().filter(|s| s.assignee.as_ref().and_then(|a| a.id) == Some(id)).collect();
            prop_assert_eq!(person.last_activity_at, grants.iter().map(|s| s.last_activity_at).max().flatten());
            prop_assert_eq!(person.last_authenticated_at, grants.iter().map(|s| s.last_authenticated_at).max().flatten());
            prop_assert_eq!(person.created_at, grants.iter().map(|s| s.created_at).min().unwrap());
            prop_assert_eq!(person.pending_cancellation_date.is_some(), grants.iter().all(|s| s.pending_cancellation_date.is_some()));
            let want: BTreeSet<String> = grants.iter().filter_map(|s| s.organization.as_ref()?.login.as_deref()).map(str::to_ascii_lowercase).collect();
            let got: Vec<String> = p.organizations(row).iter().map(|o| o.to_ascii_lowercase()).collect();
            prop_assert_eq!(got, want.into_iter().collect::<Vec<_>>(), "exactly the granting orgs, sorted, once");
        }
        // Any order of the same objects gives the same people.
        let mut shuffled = seats;
        let mut rng = oorandom::Rand64::new(u128::from(seed));
        for i in (1..shuffled.len()).rev() {
            shuffled.swap(i, rng.rand_range(0..(i as u64 + 1)) as usize);
        }
        prop_assert_eq!(canonical(&people(shuffled)), canonical(&p));
    }
}

proptest! {
    /// Pages merged as they arrive give exactly the people of the whole listing at once, and
    /// the merger says when a page changed a row shown before.
    #[test]
    fn merging_page_by_page_equals_merging_at_once(
        seats in proptest::collection::vec(arb_seat(), 0..60),
        cuts in proptest::collection::vec(0usize..60, 0..6),
    ) {
        let whole = people(seats.clone());
        let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(seats.len())).collect();
        cuts.push(seats.len());
        cuts.sort_unstable();
        let mut merger = Merger::default();
        let mut rows = Vec::new();
        let mut from = 0;
        for to in cuts {
            let before: Vec<Seat> = rows.clone();
            let changed = merger.extend(&mut rows, seats[from..to].iter().cloned());
            prop_assert!(changed || rows[..before.len()] == before[..], "a changed row is reported");
            from = to;
        }
        prop_assert_eq!(merger.objects(), seats.len());
        let paged = merger.into_people(rows);
        prop_assert_eq!(paged.seats(), whole.seats(), "same rows, same order");
        prop_assert_eq!(canonical(&paged), canonical(&whole));
    }
}
