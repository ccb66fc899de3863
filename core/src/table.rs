//! The access list's state and rows: sort by any column in either direction, search by login,
//! and the overview's filters. Rows are indices into the seat list, so a view of 100,000 seats is
//! 400 KB and never copies a seat.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Datelike, Duration, Utc};

use crate::charts::{seat_team, ActivityBucket, ActivityCutoffs};
use crate::compare::Change;
use crate::editor::{editor_family, EditorFamily};
use crate::models::Seat;
use crate::reclaim::{ReclaimCheck, ReclaimRules};

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

/// A subset of seats the overview, the reclaim section and the charts link to.
///
/// Cheap to clone (team names are shared `Arc<str>`), no longer `Copy`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
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
    /// Reclaimable under these rules (`filter=reclaimable&idle=60&grace=30`).
    Reclaimable(ReclaimRules),
    /// One bar of "Days since last activity" (`filter=activity-8-30`).
    Activity(ActivityBucket),
    /// One bar of "Editors in use" (`filter=editor-vscode`).
    Editor(EditorFamily),
    /// Seats granted through the team with this label (`filter=team:NAME`, the name verbatim;
    /// `""` is a team with neither name nor slug).
    Team(Arc<str>),
    /// Seats granted through a team not in this list: "Other teams" of "Seats by team"
    /// (`filter=other-teams:A,B`, each name with `\` and `,` escaped by a `\`).
    OtherTeams(Arc<[Arc<str>]>),
    /// Seats not granted through a team (`filter=assigned-directly`).
    AssignedDirectly,
    /// Seats one organization grants (an enterprise's people: any of their organizations,
    /// case-insensitively; `filter=org:NAME`).
    Organization(Arc<str>),
    /// One kind of change against an earlier report (`filter=change-new`, ...). Which seats
    /// belong to it is not a property of a seat but of a comparison: [`filter_rows`] keeps none,
    /// and the app lists the comparison's rows instead.
    Changed(Change),
}

const TEAM_PREFIX: &str = "team:";
const ORG_PREFIX: &str = "org:";
const OTHER_TEAMS_PREFIX: &str = "other-teams:";

/// `a\,b` style list: each item with `\` and `,` escaped, joined by `,`.
fn join_escaped(items: &[Arc<str>]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        for c in item.chars() {
            if matches!(c, '\\' | ',') {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// Inverse of [`join_escaped`] (an empty text is an empty list; a trailing lone `\` is kept).
fn split_escaped(text: &str) -> Vec<Arc<str>> {
    if text.is_empty() {
        return Vec::new();
    }
    let mut items = Vec::new();
    let mut cur = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => cur.push(chars.next().unwrap_or('\\')),
            ',' => items.push(Arc::from(std::mem::take(&mut cur))),
            c => cur.push(c),
        }
    }
    items.push(Arc::from(cur));
    items
}

impl Filter {
    /// The URL form of `filter=` (`idle-30`, `reclaimable`, `activity-8-30`, `editor-vscode`,
    /// `team:Platform`, `other-teams:A,B`, `assigned-directly`; "" for all seats). The rules of
    /// `Reclaimable` travel in their own parameters: see [`Filter::query_pairs`].
    pub fn key(&self) -> String {
        match self {
            Filter::All => String::new(),
            Filter::IdleDays(d) => format!("idle-{d}"),
            Filter::NeverAuthenticated => "never-authenticated".into(),
            Filter::PendingCancellation => "pending-cancellation".into(),
            Filter::Reclaimable(_) => "reclaimable".into(),
            Filter::Activity(b) => format!("activity-{}", b.key()),
            Filter::Editor(f) => format!("editor-{}", f.key()),
            Filter::Team(t) => format!("{TEAM_PREFIX}{t}"),
            Filter::OtherTeams(top) => format!("{OTHER_TEAMS_PREFIX}{}", join_escaped(top)),
            Filter::AssignedDirectly => "assigned-directly".into(),
            Filter::Organization(o) => format!("{ORG_PREFIX}{o}"),
            Filter::Changed(c) => c.key().into(),
        }
    }

    /// Parses [`Filter::key`]; unknown text means no filter. `reclaimable` gets the default
    /// rules: use [`Filter::from_query`] to read `idle` and `grace` as well.
    pub fn from_key(key: &str) -> Self {
        Self::from_query(key, None, None)
    }

    /// Parses the URL's `filter`, `idle` and `grace` values (the last two only matter for
    /// `reclaimable`; missing or unreadable ones take their defaults, numbers are clamped).
    pub fn from_query(key: &str, idle: Option<&str>, grace: Option<&str>) -> Self {
        if let Some(team) = key.strip_prefix(TEAM_PREFIX) {
            return Filter::Team(Arc::from(team));
        }
        if let Some(org) = key.strip_prefix(ORG_PREFIX) {
            return Filter::Organization(Arc::from(org));
        }
        if let Some(list) = key.strip_prefix(OTHER_TEAMS_PREFIX) {
            return Filter::OtherTeams(split_escaped(list).into());
        }
        match key {
            "never-authenticated" => Filter::NeverAuthenticated,
            "pending-cancellation" => Filter::PendingCancellation,
            "assigned-directly" => Filter::AssignedDirectly,
            "reclaimable" => Filter::Reclaimable(ReclaimRules::from_params(idle, grace)),
            k => {
                if let Some(b) = k.strip_prefix("activity-") {
                    return ActivityBucket::from_key(b).map_or(Filter::All, Filter::Activity);
                }
                if let Some(c) = Change::from_key(k) {
                    return Filter::Changed(c);
                }
                if let Some(f) = k.strip_prefix("editor-") {
                    return EditorFamily::from_key(f).map_or(Filter::All, Filter::Editor);
                }
                k.strip_prefix("idle-")
                    .and_then(|d| d.parse().ok())
                    .filter(|d| (1..=3650).contains(d))
                    .map_or(Filter::All, Filter::IdleDays)
            }
        }
    }

    /// Every URL pair this filter needs: `[("filter", key)]`, plus `idle` and `grace` for
    /// `Reclaimable`; empty for all seats. `from_query` of these gives the filter back.
    pub fn query_pairs(&self) -> Vec<(&'static str, String)> {
        match self {
            Filter::All => Vec::new(),
            Filter::Reclaimable(rules) => {
                let [idle, grace] = rules.query_pairs();
                vec![("filter", self.key()), idle, grace]
            }
            _ => vec![("filter", self.key())],
        }
    }

    /// A human description ("No activity in 30 days").
    pub fn label(&self) -> String {
        match self {
            Filter::All => "All seats".into(),
            Filter::IdleDays(d) => format!("No activity in {d} days"),
            Filter::NeverAuthenticated => "Never authenticated".into(),
            Filter::PendingCancellation => "Pending cancellation".into(),
            Filter::Reclaimable(r) => format!(
                "Reclaimable seats (idle {}+ days, assigned {}+ days ago)",
                r.idle_days, r.grace_days
            ),
            Filter::Activity(ActivityBucket::NoneIn90Days) => "No activity in 90 days".into(),
            Filter::Activity(ActivityBucket::NeverUsed) => "Never used".into(),
            Filter::Activity(b) => format!("Last activity {} ago", b.label()),
            Filter::Editor(f) => format!("Editor: {}", f.label()),
            Filter::Team(t) => format!("Team: {}", crate::charts::team_label(t)),
            Filter::OtherTeams(_) => "Other teams".into(),
            Filter::AssignedDirectly => "Assigned directly".into(),
            Filter::Organization(o) => format!("Organization: {o}"),
            Filter::Changed(c) => format!("{} since the earlier report", c.label()),
        }
    }

    /// Whether `seat` is in this subset at `now`. To test many seats, use [`Filter::at`].
    pub fn matches(&self, seat: &Seat, now: DateTime<Utc>) -> bool {
        self.at(now).matches(seat)
    }

    /// This filter with its instants computed once for `now`.
    pub fn at(&self, now: DateTime<Utc>) -> FilterAt<'_> {
        let prepared = match self {
            Filter::IdleDays(d) => Prepared::IdleBefore(now - Duration::days((*d).into())),
            Filter::Reclaimable(rules) => Prepared::Reclaim(rules.at(now)),
            Filter::Activity(b) => Prepared::Activity(ActivityCutoffs::new(now), *b),
            _ => Prepared::Plain,
        };
        FilterAt {
            filter: self,
            prepared,
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Prepared {
    Plain,
    IdleBefore(DateTime<Utc>),
    Reclaim(ReclaimCheck),
    Activity(ActivityCutoffs, ActivityBucket),
}

/// A [`Filter`] ready to test many seats at one instant (made by [`Filter::at`]).
#[derive(Debug, Clone, Copy)]
pub struct FilterAt<'a> {
    filter: &'a Filter,
    prepared: Prepared,
}

impl FilterAt<'_> {
    /// Whether `seat` is in the subset.
    #[inline]
    pub fn matches(&self, seat: &Seat) -> bool {
        match (self.prepared, self.filter) {
            (Prepared::IdleBefore(before), _) => seat.last_activity_at.is_none_or(|t| t < before),
            (Prepared::Reclaim(check), _) => check.reclaimable(seat),
            (Prepared::Activity(cutoffs, b), _) => cutoffs.bucket(seat) == b,
            (Prepared::Plain, f) => match f {
                Filter::NeverAuthenticated => seat.last_authenticated_at.is_none(),
                Filter::PendingCancellation => seat.pending_cancellation_date.is_some(),
                Filter::Editor(f) => editor_family(seat.last_activity_editor.as_deref()) == *f,
                Filter::Team(t) => seat_team(seat) == Some(&**t),
                Filter::OtherTeams(top) => {
                    seat_team(seat).is_some_and(|t| !top.iter().any(|name| &**name == t))
                }
                Filter::AssignedDirectly => seat.assigning_team.is_none(),
                Filter::Organization(o) => crate::enterprise::organizations_of(seat)
                    .any(|name| name.eq_ignore_ascii_case(o)),
                Filter::Changed(_) => false,
                // Prepared above; `All` keeps everything.
                Filter::All
                | Filter::IdleDays(_)
                | Filter::Reclaimable(_)
                | Filter::Activity(_) => true,
            },
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
        use crate::charts::ActivityBucket;
        use crate::editor::EditorFamily;
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
