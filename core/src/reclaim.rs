//! Which seats to take back, and what they cost.
//!
//! A seat is **reclaimable** at `now` (when the data was loaded, or a report's `report_time`)
//! when all of these hold:
//! - it has an assignee (a non-empty login): a seat nobody holds cannot be taken from anyone;
//! - it is not pending cancellation (it is already on its way out);
//! - it was assigned at least `grace_days` before `now` (`created_at <= now - grace`): a new
//!   seat has had no chance to be used yet;
//! - it has no `last_activity_at`, or one more than `idle_days` before `now`
//!   (`last_activity_at < now - idle`; exactly `idle_days` ago is still in use).
//!
//! Every reclaimable seat has exactly one [`Reason`], checked in this order:
//! 1. [`Reason::NeverAuthenticated`]: `last_authenticated_at` is null;
//! 2. [`Reason::SignedInNeverUsed`]: authenticated, no `last_activity_at`, and assigned less
//!    than 90 days ago, so GitHub cannot have reset the activity (the table's "Never used");
//! 3. [`Reason::Idle`]: everything else, i.e. activity older than the idle threshold, or no
//!    activity on a seat assigned 90+ days ago. GitHub nulls `last_activity_at` after 90 idle
//!    days, so such a null means "no use in 90 days" (the table's "None in 90 days"), and it
//!    counts as idle whatever the threshold: nothing better is known.
//!
//! The three buckets are disjoint and add up to the total.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};

use crate::models::Seat;
use crate::money::{group_thousands, Cents};
use crate::time::ACTIVITY_RETENTION_DAYS;

/// The rule above, as the page says it.
pub const RULE: &str = "Seats with an assignee, not already pending cancellation, assigned at least the grace period ago, and with no activity for at least the idle threshold. Dates are as of when the data was loaded.";

/// Said when the seats have no `created_at` (a report file without it).
pub const NO_ASSIGNMENT_DATES: &str = "This report has no assignment dates (created_at), so the grace period cannot be applied: every seat counts as assigned long ago.";

/// Smallest and largest idle threshold accepted, in days.
pub const IDLE_DAYS_RANGE: std::ops::RangeInclusive<u32> = 1..=3650;
/// Smallest and largest grace period accepted, in days.
pub const GRACE_DAYS_RANGE: std::ops::RangeInclusive<u32> = 0..=3650;

/// The two thresholds of the reclaim rule (URL `idle=60&grace=30`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ReclaimRules {
    /// A seat with no activity for more than this many days is idle (default 60).
    pub idle_days: u32,
    /// A seat assigned less than this many days ago is never reclaimable (default 30).
    pub grace_days: u32,
}

impl Default for ReclaimRules {
    fn default() -> Self {
        Self {
            idle_days: Self::DEFAULT_IDLE_DAYS,
            grace_days: Self::DEFAULT_GRACE_DAYS,
        }
    }
}

impl ReclaimRules {
    /// Default idle threshold.
    pub const DEFAULT_IDLE_DAYS: u32 = 60;
    /// Default grace period.
    pub const DEFAULT_GRACE_DAYS: u32 = 30;

    /// Rules with both values clamped into [`IDLE_DAYS_RANGE`] and [`GRACE_DAYS_RANGE`].
    pub fn new(idle_days: u32, grace_days: u32) -> Self {
        Self {
            idle_days: clamp_idle(idle_days),
            grace_days: clamp_grace(grace_days),
        }
    }

    /// From the URL's `idle` and `grace` values (or the number inputs' text): each missing or
    /// unreadable value takes its default, each number is clamped into its range.
    pub fn from_params(idle: Option<&str>, grace: Option<&str>) -> Self {
        Self {
            idle_days: parse_idle_days(idle.unwrap_or_default()).unwrap_or(Self::DEFAULT_IDLE_DAYS),
            grace_days: parse_grace_days(grace.unwrap_or_default())
                .unwrap_or(Self::DEFAULT_GRACE_DAYS),
        }
    }

    /// The URL pairs `[("idle", "60"), ("grace", "30")]`.
    pub fn query_pairs(self) -> [(&'static str, String); 2] {
        [
            ("idle", self.idle_days.to_string()),
            ("grace", self.grace_days.to_string()),
        ]
    }

    /// Whether `seat` is reclaimable at `now` (see the module docs).
    #[inline]
    pub fn is_reclaimable(self, seat: &Seat, now: DateTime<Utc>) -> bool {
        self.at(now).reclaimable(seat)
    }

    /// The reason `seat` is reclaimable at `now`, or `None` when it is not.
    pub fn classify(self, seat: &Seat, now: DateTime<Utc>) -> Option<Reason> {
        self.at(now).classify(seat)
    }

    /// The rule with its instants computed once for `now`: classify many seats with it.
    pub fn at(self, now: DateTime<Utc>) -> ReclaimCheck {
        ReclaimCheck {
            assigned_by: now - Duration::days(self.grace_days.into()),
            idle_before: now - Duration::days(self.idle_days.into()),
            reset_before: now - Duration::days(ACTIVITY_RETENTION_DAYS),
        }
    }
}

/// The rule's instants, computed once per classification run rather than once per seat
/// (chrono's date arithmetic is what costs; comparisons are cheap). Made by [`ReclaimRules::at`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReclaimCheck {
    assigned_by: DateTime<Utc>,
    idle_before: DateTime<Utc>,
    reset_before: DateTime<Utc>,
}

impl ReclaimCheck {
    /// Same as [`ReclaimRules::is_reclaimable`] at the instant this was made for.
    #[inline]
    pub fn reclaimable(&self, seat: &Seat) -> bool {
        seat.pending_cancellation_date.is_none()
            && seat.created_at <= self.assigned_by
            && seat.last_activity_at.is_none_or(|t| t < self.idle_before)
            && !seat.login().is_empty()
    }

    /// Same as [`ReclaimRules::classify`] at the instant this was made for.
    #[inline]
    pub fn classify(&self, seat: &Seat) -> Option<Reason> {
        if !self.reclaimable(seat) {
            return None;
        }
        Some(if seat.last_authenticated_at.is_none() {
            Reason::NeverAuthenticated
        } else if seat.last_activity_at.is_none() && seat.created_at > self.reset_before {
            Reason::SignedInNeverUsed
        } else {
            Reason::Idle
        })
    }
}

/// Clamps an idle threshold into [`IDLE_DAYS_RANGE`].
pub fn clamp_idle(days: u32) -> u32 {
    days.clamp(*IDLE_DAYS_RANGE.start(), *IDLE_DAYS_RANGE.end())
}

/// Clamps a grace period into [`GRACE_DAYS_RANGE`].
pub fn clamp_grace(days: u32) -> u32 {
    days.clamp(*GRACE_DAYS_RANGE.start(), *GRACE_DAYS_RANGE.end())
}

/// Reads a whole number of days typed by a person or found in a URL ("60", " 60 ", "60.0"
/// is refused): `None` for anything that is not digits; huge numbers saturate before clamping.
fn parse_days(text: &str) -> Option<u64> {
    let t = text.trim();
    if t.is_empty() || t.len() > 20 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(t.parse::<u64>().unwrap_or(u64::MAX))
}

/// Parses an idle threshold and clamps it into [`IDLE_DAYS_RANGE`]; `None` when unreadable.
pub fn parse_idle_days(text: &str) -> Option<u32> {
    parse_days(text).map(|d| clamp_idle(u32::try_from(d).unwrap_or(u32::MAX)))
}

/// Parses a grace period and clamps it into [`GRACE_DAYS_RANGE`]; `None` when unreadable.
pub fn parse_grace_days(text: &str) -> Option<u32> {
    parse_days(text).map(|d| clamp_grace(u32::try_from(d).unwrap_or(u32::MAX)))
}

/// Why a seat is reclaimable. The three are disjoint (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reason {
    /// `last_authenticated_at` is null: the person never signed in to Copilot.
    NeverAuthenticated,
    /// Signed in, but no activity on a seat younger than 90 days.
    SignedInNeverUsed,
    /// Activity older than the idle threshold, or none in GitHub's 90-day memory.
    Idle,
}

impl Reason {
    /// Every reason, in display order.
    pub const ALL: [Reason; 3] = [
        Reason::NeverAuthenticated,
        Reason::SignedInNeverUsed,
        Reason::Idle,
    ];

    /// The product text; `rules` gives the idle threshold ("No use in 60+ days").
    pub fn label(self, rules: ReclaimRules) -> String {
        match self {
            Reason::NeverAuthenticated => "Never authenticated".into(),
            Reason::SignedInNeverUsed => "Signed in, never used".into(),
            Reason::Idle => format!("Used before, idle {}+ days", rules.idle_days),
        }
    }

    /// A stable key ("never-authenticated", "signed-in-never-used", "idle").
    pub fn key(self) -> &'static str {
        match self {
            Reason::NeverAuthenticated => "never-authenticated",
            Reason::SignedInNeverUsed => "signed-in-never-used",
            Reason::Idle => "idle",
        }
    }
}

/// A number of seats and what they cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    /// Seats.
    pub count: u64,
    /// Seats × monthly price per seat.
    pub monthly: Cents,
    /// Twelve months of `monthly`.
    pub yearly: Cents,
}

impl Tally {
    /// One more seat at `price` a month.
    fn add(&mut self, price: Cents) {
        self.count += 1;
        self.monthly += price;
        self.yearly += price.times(12);
    }
}

/// Reclaimable seats granted through one team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamCount {
    /// The team's label (name, else slug; "" for a team with neither). Untrusted text.
    pub team: String,
    /// Reclaimable seats it granted.
    pub count: u64,
}

/// What the "Reclaimable seats" section shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReclaimSummary {
    /// The rules used.
    pub rules: ReclaimRules,
    /// The monthly price per seat used.
    pub price: Cents,
    /// All reclaimable seats.
    pub total: Tally,
    /// Per [`Reason`], in [`Reason::ALL`] order; the counts add up to `total.count`.
    pub by_reason: [Tally; 3],
    /// Reclaimable seats granted through a team: counted and billed like any other, but they
    /// can only be taken back by changing the team (or the org's team assignments).
    pub via_team: Tally,
    /// `via_team` per team, most seats first, then by name; the counts add up to
    /// `via_team.count`.
    pub teams: Vec<TeamCount>,
}

impl ReclaimSummary {
    /// How many of the seats came through a team (naming up to five), and why only a team
    /// change takes them back; `None` when none did.
    pub fn team_note(&self) -> Option<String> {
        if self.via_team.count == 0 {
            return None;
        }
        let names: Vec<String> = self
            .teams
            .iter()
            .take(5)
            .map(|t| {
                let name = if t.team.is_empty() {
                    "unnamed team"
                } else {
                    &t.team
                };
                format!("{name} ({})", t.count)
            })
            .collect();
        let more = self.teams.len().saturating_sub(5);
        Some(format!(
            "{} of these seats were granted through a team ({}{}): they cost the same, but only changing the team's membership (or removing the team's Copilot access) takes them back.",
            group_thousands(self.via_team.count),
            names.join(", "),
            if more > 0 { format!(" and {more} more") } else { String::new() }
        ))
    }
}

impl ReclaimSummary {
    /// The tally of one reason.
    pub fn reason(&self, reason: Reason) -> Tally {
        self.by_reason[reason as usize]
    }
}

/// Classifies every seat at `now` and adds up counts and money at `price` per seat per month.
pub fn summarize(
    seats: &[Seat],
    rules: ReclaimRules,
    price: Cents,
    now: DateTime<Utc>,
) -> ReclaimSummary {
    summarize_priced(seats, rules, price, |_| price, now)
}

/// [`summarize`] with each seat at its own price (an enterprise's people, each at their plan's
/// price); `price` is the one the section names ("at $19/seat").
pub fn summarize_priced(
    seats: &[Seat],
    rules: ReclaimRules,
    price: Cents,
    price_of: impl Fn(&Seat) -> Cents,
    now: DateTime<Utc>,
) -> ReclaimSummary {
    let th = rules.at(now);
    let mut tallies = [Tally::default(); 3];
    let mut via_team = Tally::default();
    let mut teams: HashMap<&str, u64> = HashMap::new();
    for seat in seats {
        if let Some(reason) = th.classify(seat) {
            let cost = price_of(seat);
            tallies[reason as usize].add(cost);
            if let Some(team) = &seat.assigning_team {
                via_team.add(cost);
                *teams.entry(team.label().unwrap_or("")).or_insert(0) += 1;
            }
        }
    }
    let mut teams: Vec<TeamCount> = teams
        .into_iter()
        .map(|(team, count)| TeamCount {
            team: team.to_string(),
            count,
        })
        .collect();
    crate::small_sort::sort_by(&mut teams, |a, b| {
        b.count.cmp(&a.count).then_with(|| a.team.cmp(&b.team))
    });
    let mut total = Tally::default();
    for t in &tallies {
        total.count += t.count;
        total.monthly += t.monthly;
        total.yearly += t.yearly;
    }
    ReclaimSummary {
        rules,
        price,
        total,
        by_reason: tallies,
        via_team,
        teams,
    }
}

/// The rows of `order` (seat indices, in display order) that are reclaimable at `now`, in the
/// same order: the access list filtered to exactly the seats [`summarize`] counts.
pub fn reclaimable_rows(
    seats: &[Seat],
    order: &[u32],
    rules: ReclaimRules,
    now: DateTime<Utc>,
) -> Vec<u32> {
    let th = rules.at(now);
    order
        .iter()
        .copied()
        .filter(|&i| seats.get(i as usize).is_some_and(|s| th.reclaimable(s)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap()
    }

    /// A seat assigned `created` days before now, with activity and authentication `n` days
    /// before now when given.
    fn seat(created: i64, activity: Option<i64>, auth: Option<i64>) -> Seat {
        let at = |d: i64| (now() - Duration::days(d)).to_rfc3339();
        let v = serde_json::json!({
            "created_at": at(created),
            "assignee": {"login": "octocat"},
            "last_activity_at": activity.map(at),
            "last_authenticated_at": auth.map(at),
        });
        serde_json::from_value(v).unwrap()
    }

    fn rules() -> ReclaimRules {
        ReclaimRules::default()
    }

    #[test]
    fn defaults_and_url_values() {
        assert_eq!(rules(), ReclaimRules::new(60, 30));
        assert_eq!(ReclaimRules::from_params(None, None), rules());
        assert_eq!(
            ReclaimRules::from_params(Some("90"), Some("0")),
            ReclaimRules::new(90, 0)
        );
        assert_eq!(
            ReclaimRules::from_params(Some("0"), Some("99999999999999999999")),
            ReclaimRules::new(1, 3650)
        );
        assert_eq!(
            ReclaimRules::from_params(Some("-5"), Some("3.5")),
            rules(),
            "unreadable values take the defaults"
        );
        assert_eq!(parse_idle_days(" 45 "), Some(45));
        assert_eq!(parse_idle_days(""), None);
        assert_eq!(parse_idle_days("1e3"), None);
        assert_eq!(parse_grace_days("4000"), Some(3650));
        let pairs = ReclaimRules::new(45, 7).query_pairs();
        assert_eq!(
            ReclaimRules::from_params(Some(&pairs[0].1), Some(&pairs[1].1)),
            ReclaimRules::new(45, 7)
        );
    }

    #[test]
    fn idle_threshold_is_strict_at_exactly_n_days() {
        let r = rules();
        assert!(!r.is_reclaimable(&seat(200, Some(60), Some(1)), now()));
        assert!(r.is_reclaimable(&seat(200, Some(61), Some(1)), now()));
        // One second past N days is idle.
        let mut s = seat(200, Some(60), Some(1));
        s.last_activity_at = s.last_activity_at.map(|t| t - Duration::seconds(1));
        assert!(r.is_reclaimable(&s, now()));
    }

    #[test]
    fn grace_period_is_inclusive_at_exactly_g_days() {
        let r = rules();
        assert!(r.is_reclaimable(&seat(30, None, None), now()));
        let mut s = seat(30, None, None);
        s.created_at += Duration::seconds(1);
        assert!(
            !r.is_reclaimable(&s, now()),
            "assigned 1 s less than 30 days ago"
        );
        assert!(!r.is_reclaimable(&seat(29, None, None), now()));
        // Grace 0: assigned right now is already reclaimable.
        assert!(ReclaimRules::new(60, 0).is_reclaimable(&seat(0, None, None), now()));
    }

    #[test]
    fn pending_cancellation_and_null_assignee_are_never_reclaimable() {
        let mut s = seat(200, None, None);
        assert!(rules().is_reclaimable(&s, now()));
        s.pending_cancellation_date = Some(now().date_naive());
        assert!(!rules().is_reclaimable(&s, now()));
        let mut s = seat(200, None, None);
        s.assignee = None;
        assert!(!rules().is_reclaimable(&s, now()));
        let mut s = seat(200, None, None);
        s.assignee = Some(crate::models::Assignee::default());
        assert!(!rules().is_reclaimable(&s, now()), "assignee without login");
    }

    #[test]
    fn reasons_are_disjoint_and_follow_the_90_day_reset() {
        let r = rules();
        assert_eq!(
            r.classify(&seat(200, None, None), now()),
            Some(Reason::NeverAuthenticated)
        );
        assert_eq!(
            r.classify(&seat(200, Some(70), None), now()),
            Some(Reason::NeverAuthenticated),
            "odd data: activity without authentication still reads as never signed in"
        );
        assert_eq!(
            r.classify(&seat(45, None, Some(44)), now()),
            Some(Reason::SignedInNeverUsed)
        );
        assert_eq!(
            r.classify(&seat(89, None, Some(80)), now()),
            Some(Reason::SignedInNeverUsed)
        );
        // Assigned exactly 90 days ago: GitHub may have reset it, so "None in 90 days".
        assert_eq!(
            r.classify(&seat(90, None, Some(80)), now()),
            Some(Reason::Idle)
        );
        assert_eq!(
            r.classify(&seat(300, None, Some(200)), now()),
            Some(Reason::Idle)
        );
        assert_eq!(
            r.classify(&seat(300, Some(61), Some(61)), now()),
            Some(Reason::Idle)
        );
        assert_eq!(r.classify(&seat(300, Some(10), Some(10)), now()), None);
    }

    #[test]
    fn summary_adds_money_and_teams() {
        let mut seats = vec![
            seat(200, None, None),
            seat(45, None, Some(40)),
            seat(300, Some(100), Some(100)),
            seat(300, Some(1), Some(1)),
            seat(10, None, None),
        ];
        for (i, team) in [(0, "Platform"), (2, "Platform"), (1, "Data"), (3, "Data")] {
            seats[i].assigning_team = Some(crate::models::Team {
                name: Some(team.into()),
                ..Default::default()
            });
        }
        let s = summarize(&seats, rules(), Cents(1900), now());
        assert_eq!(
            s.total,
            Tally {
                count: 3,
                monthly: Cents(5700),
                yearly: Cents(68_400)
            }
        );
        assert_eq!(s.reason(Reason::NeverAuthenticated).count, 1);
        assert_eq!(s.reason(Reason::SignedInNeverUsed).count, 1);
        assert_eq!(s.reason(Reason::Idle).count, 1);
        assert_eq!(s.reason(Reason::Idle).monthly, Cents(1900));
        assert_eq!(s.via_team.count, 3);
        assert_eq!(
            s.teams,
            vec![
                TeamCount {
                    team: "Platform".into(),
                    count: 2
                },
                TeamCount {
                    team: "Data".into(),
                    count: 1
                },
            ]
        );
        let order: Vec<u32> = (0..seats.len() as u32).rev().collect();
        assert_eq!(
            reclaimable_rows(&seats, &order, rules(), now()),
            vec![2, 1, 0]
        );
        assert_eq!(
            reclaimable_rows(&seats, &[99], rules(), now()),
            Vec::<u32>::new()
        );
    }
}
