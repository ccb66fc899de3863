//! The subsets of seats the overview, the reclaim section, the charts and the URL name: a
//! [`Filter`], its URL key and label, and the test of one seat.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};

use crate::compare::Change;
use crate::editor::{editor_family, EditorFamily};
use crate::groups::{seat_team, team_label, ActivityBucket, ActivityCutoffs};
use crate::models::Seat;
use crate::reclaim::{ReclaimCheck, ReclaimRules};

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
            Filter::Team(t) => format!("Team: {}", team_label(t)),
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
                Filter::Organization(o) => seat
                    .organizations()
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
