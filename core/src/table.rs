//! The access list's state and rows: sort by any column in either direction, search by login,
//! and the overview's filters. Rows are indices into the seat list, so a view of 100,000 seats is
//! 400 KB and never copies a seat.

use std::cmp::Ordering;

use chrono::{DateTime, Duration, Utc};

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
        }
    }

    /// Parses [`Column::key`].
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == key)
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

/// A subset of seats the overview links to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Filter {
    /// Every seat.
    #[default]
    All,
    /// No activity in the last N days (including none recorded).
    IdleDays(u32),
    /// `last_authenticated_at` is null.
    NeverAuthenticated,
    /// Has a pending cancellation date.
    PendingCancellation,
}

impl Filter {
    /// The URL form (`?filter=idle-30`).
    pub fn key(self) -> String {
        match self {
            Filter::All => String::new(),
            Filter::IdleDays(d) => format!("idle-{d}"),
            Filter::NeverAuthenticated => "never-authenticated".into(),
            Filter::PendingCancellation => "pending-cancellation".into(),
        }
    }
    /// Parses [`Filter::key`]; unknown text means no filter.
    pub fn from_key(key: &str) -> Self {
        match key {
            "never-authenticated" => Filter::NeverAuthenticated,
            "pending-cancellation" => Filter::PendingCancellation,
            k => k
                .strip_prefix("idle-")
                .and_then(|d| d.parse().ok())
                .filter(|d| (1..=3650).contains(d))
                .map_or(Filter::All, Filter::IdleDays),
        }
    }
    /// A human description ("No activity in 30 days").
    pub fn label(self) -> String {
        match self {
            Filter::All => "All seats".into(),
            Filter::IdleDays(d) => format!("No activity in {d} days"),
            Filter::NeverAuthenticated => "Never authenticated".into(),
            Filter::PendingCancellation => "Pending cancellation".into(),
        }
    }
    /// Whether `seat` is in this subset at `now`.
    pub fn matches(self, seat: &Seat, now: DateTime<Utc>) -> bool {
        match self {
            Filter::All => true,
            Filter::IdleDays(d) => seat
                .last_activity_at
                .is_none_or(|t| t < now - Duration::days(d.into())),
            Filter::NeverAuthenticated => seat.last_authenticated_at.is_none(),
            Filter::PendingCancellation => seat.pending_cancellation_date.is_some(),
        }
    }
}

/// ASCII case-insensitive comparison without allocating (logins are ASCII; other text still
/// gets a total, stable order).
pub fn cmp_ci(a: &str, b: &str) -> Ordering {
    a.bytes()
        .map(|c| c.to_ascii_lowercase())
        .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

fn cmp_opt<T: Ord>(a: Option<T>, b: Option<T>) -> Ordering {
    // None sorts before Some: a missing timestamp counts as older than any timestamp.
    a.cmp(&b)
}

fn cmp_text(a: Option<&str>, b: Option<&str>) -> Ordering {
    match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(a), Some(b)) => cmp_ci(a, b),
    }
}

/// Compares two seats by `column` ascending (no tie-break).
pub fn cmp_column(column: Column, a: &Seat, b: &Seat) -> Ordering {
    match column {
        Column::User => cmp_ci(a.login(), b.login()),
        Column::LastActivity => cmp_opt(a.last_activity_at, b.last_activity_at),
        Column::LastAuthenticated => cmp_opt(a.last_authenticated_at, b.last_authenticated_at),
        Column::Editor => cmp_text(
            a.last_activity_editor.as_deref(),
            b.last_activity_editor.as_deref(),
        ),
        Column::Team => cmp_text(a.team(), b.team()),
        Column::Assigned => a.created_at.cmp(&b.created_at),
        Column::Plan => cmp_text(a.plan_type.as_deref(), b.plan_type.as_deref()),
        Column::PendingCancellation => {
            cmp_opt(a.pending_cancellation_date, b.pending_cancellation_date)
        }
    }
}

/// Every seat's index, sorted by `column` in `direction`; ties by login (case-insensitive,
/// ascending in both directions), then by position, so the order is total and stable.
pub fn sorted_order(seats: &[Seat], column: Column, direction: Direction) -> Vec<u32> {
    let mut order: Vec<u32> = (0..seats.len() as u32).collect();
    order.sort_unstable_by(|&i, &j| {
        let (a, b) = (&seats[i as usize], &seats[j as usize]);
        let primary = cmp_column(column, a, b);
        let primary = if direction == Direction::Desc {
            primary.reverse()
        } else {
            primary
        };
        primary
            .then_with(|| cmp_ci(a.login(), b.login()))
            .then(i.cmp(&j))
    });
    order
}

/// Whether `login` contains `needle_lower` (already lowercased ASCII), ignoring ASCII case.
fn contains_ci(login: &str, needle_lower: &[u8]) -> bool {
    needle_lower.is_empty()
        || login
            .as_bytes()
            .windows(needle_lower.len())
            .any(|w| w.eq_ignore_ascii_case(needle_lower))
}

/// The rows of the current view: `order` kept where the login matches `search` and the seat is
/// in `filter`.
pub fn filter_rows(
    seats: &[Seat],
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
    order
        .iter()
        .copied()
        .filter(|&i| {
            let s = &seats[i as usize];
            contains_ci(s.login(), needle) && filter.matches(s, now)
        })
        .collect()
}

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
        let asc = sorted_order(&seats, Column::LastActivity, Direction::Asc);
        assert_eq!(
            logins(&seats, &asc),
            ["aaron", "Bob", "dave", "alice", "carol"]
        );
        let desc = sorted_order(&seats, Column::LastActivity, Direction::Desc);
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
                let order = sorted_order(&seats, column, dir);
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
        let by_user = sorted_order(&seats, Column::User, Direction::Asc);
        assert_eq!(logins(&seats, &by_user), ["a", "a", "b", "C"]);
    }

    #[test]
    fn search_is_case_insensitive_substring_and_keeps_order() {
        let seats = vec![
            seat("Octo-Cat", None),
            seat("dog", None),
            seat("octopus", None),
        ];
        let order = sorted_order(&seats, Column::User, Direction::Desc);
        let now = Utc.with_ymd_and_hms(2024, 3, 1, 0, 0, 0).unwrap();
        assert_eq!(
            logins(
                &seats,
                &filter_rows(&seats, &order, " OCTO ", Filter::All, now)
            ),
            ["octopus", "Octo-Cat"]
        );
        assert_eq!(filter_rows(&seats, &order, "", Filter::All, now), order);
        assert!(filter_rows(&seats, &order, "zzz", Filter::All, now).is_empty());
    }

    #[test]
    fn filters_match_the_overview_counts() {
        let seats = vec![seat("a", Some(28)), seat("b", Some(1)), seat("c", None)];
        let now = Utc.with_ymd_and_hms(2024, 3, 20, 0, 0, 0).unwrap();
        let order = sorted_order(&seats, Column::User, Direction::Asc);
        assert_eq!(
            logins(
                &seats,
                &filter_rows(&seats, &order, "", Filter::IdleDays(30), now)
            ),
            ["b", "c"]
        );
        assert_eq!(
            logins(
                &seats,
                &filter_rows(&seats, &order, "", Filter::IdleDays(60), now)
            ),
            ["c"]
        );
        assert_eq!(
            filter_rows(&seats, &order, "", Filter::NeverAuthenticated, now).len(),
            3
        );
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
