//! The access list's state and rows: sort by any column in either direction, search by login,
//! and the overview's filters. Rows are indices into the seat list, so a view of 100,000 seats is
//! 400 KB and never copies a seat.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, Utc};

use crate::filter::Filter;
use crate::models::Seat;

/// A sortable column, in the order of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// The assignee's login.
    User,
    /// `last_activity_at`.
    LastActivity,
    /// `last_authenticated_at`.
    LastAuthenticated,
    /// `last_activity_editor`.
    Editor,
    /// The assigning team.
    Team,
    /// `created_at`.
    Assigned,
    /// `plan_type`.
    Plan,
    /// `pending_cancellation_date`.
    PendingCancellation,
    /// The granting organizations (enterprise listings only: not in [`Column::ALL`]).
    Organization,
}

impl Column {
    /// Every column, in table order.
    pub const ALL: [Column; 8] = [
        Column::User,
        Column::LastActivity,
        Column::LastAuthenticated,
        Column::Editor,
        Column::Team,
        Column::Assigned,
        Column::Plan,
        Column::PendingCancellation,
    ];

    /// An enterprise's columns: [`Column::ALL`] with "Organization" after "User".
    pub const ENTERPRISE: [Column; 9] = [
        Column::User,
        Column::Organization,
        Column::LastActivity,
        Column::LastAuthenticated,
        Column::Editor,
        Column::Team,
        Column::Assigned,
        Column::Plan,
        Column::PendingCancellation,
    ];

    /// The header's label (the UI contract's accessible name).
    pub fn label(self) -> &'static str {
        match self {
            Column::User => "User",
            Column::LastActivity => "Last activity",
            Column::LastAuthenticated => "Last authenticated",
            Column::Editor => "Editor",
            Column::Team => "Team",
            Column::Assigned => "Assigned",
            Column::Plan => "Plan",
            Column::PendingCancellation => "Pending cancellation",
            Column::Organization => "Organization",
        }
    }

    /// The URL form (`?sort=last_activity`).
    pub fn key(self) -> &'static str {
        match self {
            Column::User => "user",
            Column::LastActivity => "last_activity",
            Column::LastAuthenticated => "last_authenticated",
            Column::Editor => "editor",
            Column::Team => "team",
            Column::Assigned => "assigned",
            Column::Plan => "plan",
            Column::PendingCancellation => "pending_cancellation",
            Column::Organization => "organization",
        }
    }

    /// Parses [`Column::key`].
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ENTERPRISE.into_iter().find(|c| c.key() == key)
    }
}

/// Sort direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Direction {
    /// Ascending: A→Z, oldest (and missing) first.
    #[default]
    Asc,
    /// Descending.
    Desc,
}

impl Direction {
    /// `asc` / `desc`.
    pub fn key(self) -> &'static str {
        match self {
            Direction::Asc => "asc",
            Direction::Desc => "desc",
        }
    }
    /// Parses [`Direction::key`].
    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "asc" => Some(Direction::Asc),
            "desc" => Some(Direction::Desc),
            _ => None,
        }
    }
    /// The other one.
    pub fn flip(self) -> Self {
        match self {
            Direction::Asc => Direction::Desc,
            Direction::Desc => Direction::Asc,
        }
    }
    /// The `aria-sort` value.
    pub fn aria(self) -> &'static str {
        match self {
            Direction::Asc => "ascending",
            Direction::Desc => "descending",
        }
    }
}

/// Per-list precomputation for sorting and search: every login ASCII-folded once into one
/// buffer, and each seat's rank in login order. Built once when the seat list changes; every
/// sort then runs on integers and every search on contiguous memory, which is what keeps
/// 100,000 seats inside a frame or two.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeatIndex {
    folded: String,
    starts: Vec<u32>,
    /// Unique rank by (folded login, position).
    rank: Vec<u32>,
    /// Dense rank by folded login alone (equal logins share it).
    group: Vec<u32>,
}

impl SeatIndex {
    /// Indexes `seats`.
    pub fn new(seats: &[Seat]) -> Self {
        let mut folded = String::with_capacity(seats.len() * 12);
        let mut starts = Vec::with_capacity(seats.len() + 1);
        starts.push(0);
        for s in seats {
            folded.extend(s.login().chars().map(|c| c.to_ascii_lowercase()));
            starts.push(folded.len() as u32);
        }
        let mut index = Self {
            folded,
            starts,
            rank: Vec::new(),
            group: Vec::new(),
        };
        let mut by_login: Vec<u32> = (0..seats.len() as u32).collect();
        by_login.sort_unstable_by(|&a, &b| index.login(a).cmp(index.login(b)).then(a.cmp(&b)));
        index.rank = vec![0; seats.len()];
        index.group = vec![0; seats.len()];
        let mut group = 0;
        for (r, &i) in by_login.iter().enumerate() {
            if r > 0 && index.login(by_login[r - 1]) != index.login(i) {
                group += 1;
            }
            index.rank[i as usize] = r as u32;
            index.group[i as usize] = group;
        }
        index
    }

    /// Seats indexed.
    pub fn len(&self) -> usize {
        self.rank.len()
    }

    /// Whether no seat is indexed.
    pub fn is_empty(&self) -> bool {
        self.rank.is_empty()
    }

    /// Seat `i`'s login, ASCII-lowercased.
    pub fn login(&self, i: u32) -> &str {
        let i = i as usize;
        &self.folded[self.starts[i] as usize..self.starts[i + 1] as usize]
    }
}

/// Ranks of the distinct values of a text column, compared case-insensitively (equal after
/// folding share a rank); `None` is -1, before any value.
fn text_keys(seats: &[Seat], value: fn(&Seat) -> Option<&str>) -> Vec<i64> {
    // One hash per seat: each seat gets its distinct value's slot; the slots get ranks.
    let mut slot_of: HashMap<&str, u32, crate::fast_hash::Fast> = HashMap::default();
    let mut distinct: Vec<&str> = Vec::new();
    let slots: Vec<u32> = seats
        .iter()
        .map(|s| match value(s) {
            None => u32::MAX,
            Some(v) => *slot_of.entry(v).or_insert_with(|| {
                distinct.push(v);
                (distinct.len() - 1) as u32
            }),
        })
        .collect();
    let mut order: Vec<(Cow<'_, str>, u32)> = distinct
        .iter()
        .enumerate()
        .map(|(slot, v)| {
            let folded = if v.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(v.to_ascii_lowercase())
            } else {
                Cow::Borrowed(*v)
            };
            (folded, slot as u32)
        })
        .collect();
    order.sort_unstable();
    let mut rank_of = vec![0i64; distinct.len()];
    let mut rank = -1;
    for (k, (folded, slot)) in order.iter().enumerate() {
        if k == 0 || order[k - 1].0 != *folded {
            rank += 1;
        }
        rank_of[*slot as usize] = rank;
    }
    slots
        .into_iter()
        .map(|slot| rank_of.get(slot as usize).copied().unwrap_or(-1))
        .collect()
}

/// Every seat's index, sorted by `column` in `direction`; ties by login (case-insensitive,
/// ascending in both directions), then by position, so the order is total and stable. A missing
/// value sorts before any value (a missing timestamp counts as older than any timestamp).
/// `index` must be `SeatIndex::new(seats)`.
pub fn sorted_order(
    seats: &[Seat],
    index: &SeatIndex,
    column: Column,
    direction: Direction,
) -> Vec<u32> {
    debug_assert_eq!(seats.len(), index.len());
    let millis = |t: Option<DateTime<Utc>>| t.map_or(i64::MIN, |t| t.timestamp_millis());
    let keys: Vec<i64> = match column {
        Column::User => index.group.iter().map(|&g| i64::from(g)).collect(),
        Column::LastActivity => seats.iter().map(|s| millis(s.last_activity_at)).collect(),
        Column::LastAuthenticated => seats
            .iter()
            .map(|s| millis(s.last_authenticated_at))
            .collect(),
        Column::Assigned => seats.iter().map(|s| millis(Some(s.created_at))).collect(),
        Column::PendingCancellation => seats
            .iter()
            .map(|s| {
                s.pending_cancellation_date
                    .map_or(i64::MIN, |d| i64::from(d.num_days_from_ce()))
            })
            .collect(),
        Column::Editor => text_keys(seats, |s| s.last_activity_editor.as_deref()),
        Column::Team => text_keys(seats, Seat::team),
        Column::Plan => text_keys(seats, |s| s.plan_type.as_deref()),
        Column::Organization => text_keys(seats, |s| {
            s.organization.as_ref().and_then(|o| o.login.as_deref())
        }),
    };
    // `!key` reverses an i64 order without overflow; the login rank stays ascending.
    let flip = direction == Direction::Desc;
    let mut tuples: Vec<(i64, u32, u32)> = keys
        .into_iter()
        .zip(&index.rank)
        .enumerate()
        .map(|(i, (k, &r))| (if flip { !k } else { k }, r, i as u32))
        .collect();
    tuples.sort_unstable();
    tuples.into_iter().map(|(_, _, i)| i).collect()
}

/// Whether `login` contains `needle_lower` (already lowercased ASCII), ignoring ASCII case.
fn contains_ci(login: &str, needle_lower: &[u8]) -> bool {
    let Some((&first, rest)) = needle_lower.split_first() else {
        return true;
    };
    let hay = login.as_bytes(); // already folded
    if hay.len() < needle_lower.len() {
        return false;
    }
    // Check the first byte before comparing the rest: most positions fail there.
    (0..=hay.len() - needle_lower.len())
        .any(|i| hay[i] == first && &hay[i + 1..i + needle_lower.len()] == rest)
}

/// The rows of the current view: `order` kept where the login matches `search` and the seat is
/// in `filter`.
pub fn filter_rows(
    seats: &[Seat],
    index: &SeatIndex,
    order: &[u32],
    search: &str,
    filter: Filter,
    now: DateTime<Utc>,
) -> Vec<u32> {
    let needle = search.trim().to_ascii_lowercase();
    let needle = needle.as_bytes();
    if needle.is_empty() && filter == Filter::All {
        return order.to_vec();
    }
    let filter = filter.at(now);
    order
        .iter()
        .copied()
        .filter(|&i| contains_ci(index.login(i), needle) && filter.matches(&seats[i as usize]))
        .collect()
}

/// The "(no user)" cell's explanation: GitHub sent the seat with a null assignee.
pub const NO_USER_NOTE: &str =
    "GitHub returned this seat without a user (a deleted account is still billed until removed)";

/// GitHub's troubleshooting advice for a stale or missing `last_activity_at`.
pub const ACTIVITY_NOTE: &str = "GitHub resets last activity after 90 days without use, and it can lag up to 24 hours. If you believe it should be more recent, wait 24 hours and check again; then ask the user to check that telemetry is enabled in their IDE settings.";

/// How the Last activity cell reads for a seat with no `last_activity_at`: GitHub resets it after
/// 90 idle days, so a seat older than that reads "None in 90 days"; a younger one "Never used".
pub fn missing_activity_label(seat: &Seat, now: DateTime<Utc>) -> &'static str {
    if seat.created_at > now - Duration::days(crate::time::ACTIVITY_RETENTION_DAYS) {
        "Never used"
    } else {
        "None in 90 days"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use std::sync::Arc;

    fn seat(login: &str, activity: Option<i64>) -> Seat {
        let json = format!(
            r#"{{"created_at":"2024-01-01T00:00:00Z","assignee":{{"login":"{login}"}},"last_activity_at":{}}}"#,
            activity.map_or("null".to_string(), |d| format!(
                "\"2024-02-{d:02}T00:00:00+02:00\""
            ))
        );
        crate::models::decode_seat(&json).unwrap()
    }

    fn logins(seats: &[Seat], order: &[u32]) -> Vec<String> {
        order
            .iter()
            .map(|&i| seats[i as usize].login().to_string())
            .collect()
    }

    #[test]
    fn last_activity_ascending_puts_missing_first_and_ties_by_login() {
        let seats = vec![
            seat("carol", Some(5)),
            seat("Bob", None),
            seat("alice", Some(5)),
            seat("dave", Some(1)),
            seat("aaron", None),
        ];
        let asc = sorted_order(
            &seats,
            &SeatIndex::new(&seats),
            Column::LastActivity,
            Direction::Asc,
        );
        assert_eq!(
            logins(&seats, &asc),
            ["aaron", "Bob", "dave", "alice", "carol"]
        );
        let desc = sorted_order(
            &seats,
            &SeatIndex::new(&seats),
            Column::LastActivity,
            Direction::Desc,
        );
        assert_eq!(
            logins(&seats, &desc),
            ["alice", "carol", "dave", "aaron", "Bob"]
        );
    }

    #[test]
    fn every_column_gives_a_total_order_in_both_directions() {
        let seats = vec![
            seat("b", None),
            seat("a", None),
            seat("a", None),
            seat("C", Some(3)),
        ];
        for column in Column::ALL {
            for dir in [Direction::Asc, Direction::Desc] {
                let order = sorted_order(&seats, &SeatIndex::new(&seats), column, dir);
                let mut sorted = order.clone();
                sorted.sort_unstable();
                assert_eq!(
                    sorted,
                    vec![0, 1, 2, 3],
                    "{column:?} {dir:?} is a permutation"
                );
                // Identical seats keep their positions' order.
                let pos = |i: u32| order.iter().position(|&x| x == i).unwrap();
                assert!(pos(1) < pos(2), "{column:?} {dir:?}");
            }
        }
        let by_user = sorted_order(
            &seats,
            &SeatIndex::new(&seats),
            Column::User,
            Direction::Asc,
        );
        assert_eq!(logins(&seats, &by_user), ["a", "a", "b", "C"]);
    }

    #[test]
    fn search_is_case_insensitive_substring_and_keeps_order() {
        let seats = vec![
            seat("Octo-Cat", None),
            seat("dog", None),
            seat("octopus", None),
        ];
        let order = sorted_order(
            &seats,
            &SeatIndex::new(&seats),
            Column::User,
            Direction::Desc,
        );
        let now = Utc.with_ymd_and_hms(2024, 3, 1, 0, 0, 0).unwrap();
        assert_eq!(
            logins(
                &seats,
                &filter_rows(
                    &seats,
                    &SeatIndex::new(&seats),
                    &order,
                    " OCTO ",
                    Filter::All,
                    now
                )
            ),
            ["octopus", "Octo-Cat"]
        );
        assert_eq!(
            filter_rows(
                &seats,
                &SeatIndex::new(&seats),
                &order,
                "",
                Filter::All,
                now
            ),
            order
        );
        assert!(filter_rows(
            &seats,
            &SeatIndex::new(&seats),
            &order,
            "zzz",
            Filter::All,
            now
        )
        .is_empty());
    }

    #[test]
    fn every_filter_key_round_trips() {
        use crate::editor::EditorFamily;
        use crate::groups::ActivityBucket;
        use crate::reclaim::ReclaimRules;
        let mut filters = vec![
            Filter::All,
            Filter::IdleDays(45),
            Filter::NeverAuthenticated,
            Filter::PendingCancellation,
            Filter::AssignedDirectly,
            Filter::Team(Arc::from("")),
            Filter::Team(Arc::from("Platform & Infra, \\ team:x ü")),
            Filter::Organization(Arc::from("acme-east")),
            Filter::Organization(Arc::from("")),
            Filter::OtherTeams(Arc::from(Vec::<Arc<str>>::new())),
            Filter::OtherTeams(Arc::from(vec![
                Arc::from("a,b"),
                Arc::from("c\\"),
                Arc::from(""),
                Arc::from("team:d"),
            ])),
        ];
        filters.extend(ActivityBucket::ALL.map(Filter::Activity));
        filters.extend(EditorFamily::ALL.map(Filter::Editor));
        for f in filters {
            assert_eq!(Filter::from_key(&f.key()), f, "{:?}", f.key());
        }
        let r = Filter::Reclaimable(ReclaimRules::new(45, 7));
        assert_eq!(r.key(), "reclaimable");
        let pairs = r.query_pairs();
        let get = |k: &str| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.as_str());
        assert_eq!(
            Filter::from_query(get("filter").unwrap(), get("idle"), get("grace")),
            r
        );
        assert_eq!(
            Filter::from_key("reclaimable"),
            Filter::Reclaimable(ReclaimRules::default())
        );
        assert_eq!(Filter::All.query_pairs(), vec![]);
        for junk in [
            "activity-",
            "activity-9-9",
            "editor-emacs",
            "idle-0",
            "nonsense",
        ] {
            assert_eq!(Filter::from_key(junk), Filter::All, "{junk}");
        }
    }

    #[test]
    fn filters_match_the_overview_counts() {
        let seats = vec![seat("a", Some(28)), seat("b", Some(1)), seat("c", None)];
        let now = Utc.with_ymd_and_hms(2024, 3, 20, 0, 0, 0).unwrap();
        let index = SeatIndex::new(&seats);
        let order = sorted_order(&seats, &index, Column::User, Direction::Asc);
        let view = |f: Filter| logins(&seats, &filter_rows(&seats, &index, &order, "", f, now));
        assert_eq!(view(Filter::IdleDays(30)), ["b", "c"]);
        assert_eq!(view(Filter::IdleDays(60)), ["c"]);
        assert_eq!(view(Filter::NeverAuthenticated).len(), 3);
        for f in [
            Filter::All,
            Filter::IdleDays(30),
            Filter::NeverAuthenticated,
            Filter::PendingCancellation,
        ] {
            assert_eq!(Filter::from_key(&f.key()), f);
        }
        assert_eq!(Filter::from_key("idle-0"), Filter::All);
        assert_eq!(Filter::from_key("<script>"), Filter::All);
    }

    #[test]
    fn keys_round_trip() {
        for c in Column::ALL {
            assert_eq!(Column::from_key(c.key()), Some(c));
        }
        assert_eq!(Direction::from_key("desc"), Some(Direction::Desc));
        assert_eq!(Column::from_key("x"), None);
    }

    #[test]
    fn missing_activity_reads_by_seat_age() {
        let s = seat("a", None);
        assert_eq!(
            missing_activity_label(&s, Utc.with_ymd_and_hms(2024, 2, 1, 0, 0, 0).unwrap()),
            "Never used"
        );
        assert_eq!(
            missing_activity_label(&s, Utc.with_ymd_and_hms(2024, 6, 1, 0, 0, 0).unwrap()),
            "None in 90 days"
        );
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;
    use std::cmp::Ordering;

    /// The rule of DESIGN.md, written the slow, obvious way.
    fn reference(seats: &[Seat], column: Column, direction: Direction) -> Vec<u32> {
        let text = |v: Option<&str>| v.map(str::to_ascii_lowercase);
        let cmp = |a: &Seat, b: &Seat| -> Ordering {
            match column {
                Column::User => text(Some(a.login())).cmp(&text(Some(b.login()))),
                Column::LastActivity => a.last_activity_at.cmp(&b.last_activity_at),
                Column::LastAuthenticated => a.last_authenticated_at.cmp(&b.last_authenticated_at),
                Column::Editor => text(a.last_activity_editor.as_deref())
                    .cmp(&text(b.last_activity_editor.as_deref())),
                Column::Team => text(a.team()).cmp(&text(b.team())),
                Column::Assigned => a.created_at.cmp(&b.created_at),
                Column::Plan => text(a.plan_type.as_deref()).cmp(&text(b.plan_type.as_deref())),
                Column::PendingCancellation => a
                    .pending_cancellation_date
                    .cmp(&b.pending_cancellation_date),
                Column::Organization => {
                    let org = |s: &Seat| text(s.organization.as_ref()?.login.as_deref());
                    org(a).cmp(&org(b))
                }
            }
        };
        let mut order: Vec<u32> = (0..seats.len() as u32).collect();
        order.sort_by(|&i, &j| {
            let (a, b) = (&seats[i as usize], &seats[j as usize]);
            let primary = if direction == Direction::Desc {
                cmp(a, b).reverse()
            } else {
                cmp(a, b)
            };
            primary
                .then_with(|| {
                    a.login()
                        .to_ascii_lowercase()
                        .cmp(&b.login().to_ascii_lowercase())
                })
                .then(i.cmp(&j))
        });
        order
    }

    fn seat_strategy() -> impl Strategy<Value = Seat> {
        let login = prop::option::of("[a-cA-C]{0,3}");
        let time = prop::option::of(0i64..5);
        let text = prop::option::of("[a-bA-B=]{0,2}");
        (
            login,
            time.clone(),
            time,
            text.clone(),
            text.clone(),
            text,
            0i64..3,
            prop::option::of(0u32..3),
        )
            .prop_map(|(login, act, auth, editor, team, plan, created, cancel)| {
                let day = |d: i64| format!("2024-01-{:02}T00:00:00Z", d + 1);
                let v = serde_json::json!({
                    "created_at": day(created),
                    "assignee": login.map(|l| serde_json::json!({"login": l})),
                    "last_activity_at": act.map(day),
                    "last_authenticated_at": auth.map(day),
                    "last_activity_editor": editor,
                    "assigning_team": team.map(|t| serde_json::json!({"name": t})),
                    "plan_type": plan,
                    "pending_cancellation_date": cancel.map(|d| format!("2024-02-{:02}", d + 1)),
                });
                serde_json::from_value(v).unwrap()
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        /// The fast integer-key sort agrees with the obvious comparator on every column.
        #[test]
        fn fast_sort_matches_the_rule(seats in prop::collection::vec(seat_strategy(), 0..40)) {
            let index = SeatIndex::new(&seats);
            for column in Column::ENTERPRISE {
                for direction in [Direction::Asc, Direction::Desc] {
                    prop_assert_eq!(sorted_order(&seats, &index, column, direction), reference(&seats, column, direction), "{:?} {:?}", column, direction);
                }
            }
        }

        /// Search keeps exactly the seats whose login contains the term, ignoring ASCII case.
        #[test]
        fn search_matches_substring(seats in prop::collection::vec(seat_strategy(), 0..40), term in "[a-cA-C]{0,2}") {
            let index = SeatIndex::new(&seats);
            let order: Vec<u32> = (0..seats.len() as u32).collect();
            let now = chrono::Utc::now();
            let got = filter_rows(&seats, &index, &order, &term, Filter::All, now);
            let want: Vec<u32> = order.iter().copied().filter(|&i| seats[i as usize].login().to_ascii_lowercase().contains(&term.to_ascii_lowercase())).collect();
            prop_assert_eq!(got, want);
        }
    }
}
