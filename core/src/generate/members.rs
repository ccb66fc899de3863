//! An organization's members and teams, consistent with its generated seats.
//!
//! Member indices extend the seat indices: `0..spec.seats` are the seat holders (except the seat
//! whose assignee is null: a deleted account is no member), then [`extra_members`] members who
//! have no Copilot seat as generated. Every member's login is [`login`]`(spec, index)`, unique for
//! any index, so a member is found again by [`index_of_member`].
//!
//! Teams are the 18 that grant seats in generation (a seat's `assigning_team`), then a few that
//! grant none. A seat granted through team `t` makes its holder a member of `t`, and a team that
//! grants seats has no member without one, so the members without a seat belong only to the teams
//! that grant none. Outside collaborators are not members and do not appear here.
//!
//! Like the seats, everything is a pure function of (spec, index): cheap, panic-free, no clock.

use super::logins::index_below;
use super::teams::EXTRA_TEAMS;
pub use super::teams::{team_count, team_json, team_name, team_slug};
use super::*;

const STREAM_MEMBER: u64 = 3;
const STREAM_TEAMS: u64 = 4;

/// How many members of the organization have no Copilot seat as generated. They are member
/// indices `spec.seats .. spec.seats + extra_members(spec)`; their logins are `login(spec, i)`.
pub fn extra_members(spec: &OrgSpec) -> usize {
    spec.seats / 20 + 3
}

/// One past the last member index.
fn member_end(spec: &OrgSpec) -> usize {
    spec.seats.saturating_add(extra_members(spec))
}

/// Whether member index `index` is a member: below [`member_end`] and not the null assignee.
pub fn is_member(spec: &OrgSpec, index: usize) -> bool {
    index < member_end(spec) && !has_null_assignee(spec, index)
}

/// How many members the organization has (the length of [`member_indices`]).
pub fn member_count(spec: &OrgSpec) -> usize {
    let null = spec.null_assignee.is_some_and(|n| n < spec.seats);
    member_end(spec) - usize::from(null)
}

/// The member index at `position` of [`member_indices`] (O(1), for paging), if any.
pub fn member_at(spec: &OrgSpec, position: usize) -> Option<usize> {
    if position >= member_count(spec) {
        return None;
    }
    match spec.null_assignee {
        Some(n) if n < spec.seats && position >= n => Some(position + 1),
        _ => Some(position),
    }
}

/// Every member index in the order GitHub lists them: the seat holders (except the seat whose
/// assignee is null — a deleted account is no member), then the extra members.
pub fn member_indices(spec: &OrgSpec) -> impl Iterator<Item = usize> {
    let null = spec.null_assignee;
    (0..member_end(spec)).filter(move |&i| Some(i) != null)
}

/// The member index whose login is `login_name` (case-insensitive, as on GitHub), seat holders
/// and members without a seat alike; `None` for anyone else.
pub fn index_of_member(spec: &OrgSpec, login_name: &str) -> Option<usize> {
    index_below(spec, login_name, member_end(spec))
}

/// The member as GitHub's "Simple User": for a seat holder, the same object as its seat's
/// `assignee`; `null` for the null-assignee seat.
pub fn member_json(spec: &OrgSpec, index: usize) -> Value {
    if index < spec.seats {
        return seat_json(spec, index)["assignee"].take();
    }
    match login(spec, index) {
        Some(name) => user_json(
            spec,
            index,
            &name,
            &mut rng(spec.seed, index, STREAM_MEMBER),
        ),
        None => Value::Null,
    }
}

/// The teams member `index` belongs to, ascending (empty for a non-member): a seat granted
/// through team `t` makes its holder a member of `t`; a seat holder may be in one more team of
/// any kind; a member without a seat is in none, one or two of the teams that grant no seat.
pub fn teams_of(spec: &OrgSpec, index: usize) -> Vec<usize> {
    if !is_member(spec, index) {
        return Vec::new();
    }
    let mut r = rng(spec.seed, index, STREAM_TEAMS);
    let extra =
        |r: &mut oorandom::Rand64| TEAMS.len() + r.rand_range(0..EXTRA_TEAMS.len() as u64) as usize;
    let mut teams = Vec::with_capacity(2);
    if index < spec.seats {
        teams.extend(facts(spec, index).0.team);
        if chance(&mut r, 0.2) {
            teams.push(r.rand_range(0..team_count() as u64) as usize);
        }
    } else {
        if chance(&mut r, 0.6) {
            teams.push(extra(&mut r));
        }
        if chance(&mut r, 0.25) {
            teams.push(extra(&mut r));
        }
    }
    teams.sort_unstable();
    teams.dedup();
    teams
}

/// The team that granted member `index`'s generated seat, if it has one and it came through a
/// team.
pub fn seat_team(spec: &OrgSpec, index: usize) -> Option<usize> {
    if index < spec.seats {
        facts(spec, index).0.team
    } else {
        None
    }
}

/// Whether `team` grants seats as generated (one of the seats' `assigning_team`s).
pub fn team_grants_seats(team: usize) -> bool {
    team < TEAMS.len()
}

/// The team whose slug or name is `name` (case-insensitively), if any.
pub fn team_by_name(name: &str) -> Option<usize> {
    (0..team_count()).find(|&t| {
        team_slug(t).eq_ignore_ascii_case(name) || team_name(t).eq_ignore_ascii_case(name)
    })
}

/// A seat assigned through the API to member `index` at `at` (an RFC 3339 time): created and
/// updated then, no activity, editor or authentication yet, the organization's plan, granted
/// through `team` when given; `pending` is its `pending_cancellation_date`.
pub fn added_seat_json(
    spec: &OrgSpec,
    index: usize,
    team: Option<usize>,
    at: &str,
    pending: Option<&str>,
) -> Value {
    let mut m = Map::new();
    m.insert("created_at".into(), at.into());
    m.insert("updated_at".into(), at.into());
    m.insert(
        "pending_cancellation_date".into(),
        pending.map_or(Value::Null, Value::from),
    );
    m.insert("last_activity_at".into(), Value::Null);
    m.insert("last_activity_editor".into(), Value::Null);
    m.insert("last_authenticated_at".into(), Value::Null);
    m.insert("plan_type".into(), spec.plan.as_str().into());
    m.insert("assignee".into(), member_json(spec, index));
    if let Some(team) = team {
        m.insert("assigning_team".into(), team_json(spec, team));
    }
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use std::collections::HashSet;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap()
    }

    fn specs() -> [OrgSpec; 3] {
        [
            realistic(now()),
            OrgSpec::named("rate-limited", 250, Plan::Business, now()),
            OrgSpec::named("big-20000", 20_000, Plan::Business, now()),
        ]
    }

    #[test]
    fn members_are_the_seat_holders_then_the_extras() {
        let acme = realistic(now());
        assert_eq!(extra_members(&acme), 153);
        let members: Vec<usize> = member_indices(&acme).collect();
        assert_eq!(members.len(), 3_000 - 1 + 153);
        assert_eq!(members.len(), member_count(&acme));
        assert!(!members.contains(&REALISTIC_NULL_ASSIGNEE));
        assert_eq!(members.last(), Some(&3_152));
        for (p, &i) in members.iter().enumerate() {
            assert_eq!(member_at(&acme, p), Some(i));
        }
        assert_eq!(member_at(&acme, members.len()), None);
        let empty = OrgSpec::named("empty", 0, Plan::Business, now());
        assert_eq!(extra_members(&empty), 3);
        assert_eq!(member_indices(&empty).collect::<Vec<_>>(), vec![0, 1, 2]);
        assert!(member_json(&acme, REALISTIC_NULL_ASSIGNEE).is_null());
    }

    #[test]
    fn logins_are_unique_across_seats_and_extras_and_map_back() {
        for spec in specs() {
            let mut seen = HashSet::new();
            for i in member_indices(&spec) {
                let l = login(&spec, i).unwrap();
                assert!(seen.insert(l.to_ascii_lowercase()), "duplicate {l} at {i}");
                assert_eq!(index_of_member(&spec, &l), Some(i), "{l}");
                assert_eq!(index_of_member(&spec, &l.to_ascii_uppercase()), Some(i));
                // A seat login is found as a seat; an extra member's is not.
                let seat = index_of_login(&spec, &l);
                assert_eq!(seat, (i < spec.seats).then_some(i), "{l}");
                let user = member_json(&spec, i);
                assert_eq!(user["login"], l.as_str());
                assert_eq!(user["type"], "User");
            }
            let past = login(&spec, member_count(&spec) + 10).unwrap();
            assert_eq!(index_of_member(&spec, &past), None);
            assert_eq!(index_of_member(&spec, "octocat"), None);
        }
    }

    #[test]
    fn a_seat_holder_is_the_same_user_in_the_seat_and_the_member_list() {
        let spec = realistic(now());
        for i in [0, 42, 2_999] {
            assert_eq!(member_json(&spec, i), seat_json(&spec, i)["assignee"]);
        }
    }

    #[test]
    fn team_membership_follows_the_seats() {
        for spec in specs() {
            let mut seatless_in_team = 0;
            let mut members_of = vec![0usize; team_count()];
            for i in member_indices(&spec) {
                let teams = teams_of(&spec, i);
                assert!(teams.windows(2).all(|w| w[0] < w[1]), "{teams:?}");
                assert!(teams.iter().all(|&t| t < team_count()));
                for &t in &teams {
                    members_of[t] += 1;
                }
                if i < spec.seats {
                    let seat = seat_json(&spec, i);
                    if let Some(slug) = seat.get("assigning_team").map(|t| &t["slug"]) {
                        let t = team_by_name(slug.as_str().unwrap()).unwrap();
                        assert!(teams.contains(&t), "seat {i} granted by {t}: {teams:?}");
                    }
                } else {
                    assert!(
                        teams.iter().all(|&t| !team_grants_seats(t)),
                        "seatless {i} in a granting team: {teams:?}"
                    );
                    seatless_in_team += usize::from(!teams.is_empty());
                }
            }
            let extra = extra_members(&spec);
            assert!(
                seatless_in_team * 2 >= extra,
                "{seatless_in_team} of {extra} seatless members in a team"
            );
            assert!(
                (TEAMS.len()..team_count()).all(|t| members_of[t] > 0),
                "{members_of:?}"
            );
            assert!(teams_of(&spec, member_count(&spec) + 5).is_empty());
        }
        assert!(teams_of(&realistic(now()), REALISTIC_NULL_ASSIGNEE).is_empty());
    }

    #[test]
    fn the_same_spec_gives_the_same_members_and_teams() {
        let a = realistic(now());
        let b = realistic(now());
        for i in [0, 1_000, 3_000, 3_100] {
            assert_eq!(member_json(&a, i), member_json(&b, i));
            assert_eq!(teams_of(&a, i), teams_of(&b, i));
        }
        let other = OrgSpec::named("other", 3_000, Plan::Business, now());
        assert_ne!(member_json(&a, 3_100), member_json(&other, 3_100));
    }

    #[test]
    fn teams_have_unique_slugs_and_githubs_required_fields() {
        assert_eq!(team_count(), TEAMS.len() + EXTRA_TEAMS.len());
        assert!((2..=4).contains(&EXTRA_TEAMS.len()));
        let spec = realistic(now());
        let slugs: HashSet<String> = (0..team_count()).map(team_slug).collect();
        assert_eq!(slugs.len(), team_count());
        for t in 0..team_count() {
            let team = team_json(&spec, t);
            assert_eq!(team["slug"], team_slug(t).as_str());
            assert_eq!(team["name"], team_name(t));
            assert_eq!(team["type"], "organization");
            assert_eq!(team_by_name(&team_slug(t).to_uppercase()), Some(t));
            assert_eq!(team_by_name(team_name(t)), Some(t));
            assert_eq!(team_grants_seats(t), t < TEAMS.len());
        }
        assert_eq!(team_by_name("nobody"), None);
        // Past the end: no panic.
        assert_eq!(team_name(99), "");
        assert_eq!(team_slug(99), "team-99");
        assert!(team_json(&spec, 99).is_object());
    }

    #[test]
    fn an_added_seat_is_new_and_unused() {
        let spec = realistic(now());
        let seat = added_seat_json(&spec, 3_050, Some(19), "2026-11-24T13:00:00Z", None);
        assert_eq!(seat["created_at"], "2026-11-24T13:00:00Z");
        assert_eq!(seat["updated_at"], "2026-11-24T13:00:00Z");
        for key in [
            "pending_cancellation_date",
            "last_activity_at",
            "last_activity_editor",
            "last_authenticated_at",
        ] {
            assert!(seat[key].is_null(), "{key}");
        }
        assert_eq!(seat["plan_type"], "business");
        assert_eq!(seat["assignee"], member_json(&spec, 3_050));
        assert_eq!(seat["assigning_team"], team_json(&spec, 19));
        let direct = added_seat_json(&spec, 3_050, None, "x", Some("2026-12-01"));
        assert!(direct.get("assigning_team").is_none());
        assert_eq!(direct["pending_cancellation_date"], "2026-12-01");
    }
}
