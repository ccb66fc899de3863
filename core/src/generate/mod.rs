//! Realistic, deterministic Copilot organizations: fakehub's data and the in-browser demo's.
//!
//! Every seat is a pure function of the [`OrgSpec`] and its index, so any page of a
//! 2,000,000-seat organization costs O(page) to make and nothing is held in memory. Nothing here
//! reads a clock or does I/O: the caller passes `now`, which keeps it wasm-friendly and testable.
//!
//! The data is shaped like GitHub's official examples (`fixtures/github-api/`) and deliberately
//! awkward where real data is: null activity, null assignees, team names that are CSV- and
//! formula-injection bait, untrusted editor strings, mixed RFC 3339 offsets, unknown fields.

mod editors;
pub mod enterprise;
mod logins;
pub mod members;
mod stamps;
mod teams;

use editors::editor;
use logins::user_id;
pub use logins::{index_of_login, login};
pub use stamps::pending_cancellation_date;
use stamps::{cycle_start, offset, timestamp};
use teams::{team_json, TEAMS};

use std::ops::Range;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, SecondsFormat, Utc};
use serde_json::{Map, Value};

/// The Copilot plan an organization pays for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Plan {
    /// Copilot Business.
    Business,
    /// Copilot Enterprise.
    Enterprise,
}

impl Plan {
    /// GitHub's `plan_type` value: `business` or `enterprise`.
    pub fn as_str(self) -> &'static str {
        match self {
            Plan::Business => "business",
            Plan::Enterprise => "enterprise",
        }
    }
}

/// What to generate: an organization's name, size, seed, plan and the moment it is seen at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgSpec {
    /// The organization's login (used in team URLs).
    pub name: String,
    /// How many seats it has.
    pub seats: usize,
    /// Seed of every random choice: same spec, same seats.
    pub seed: u64,
    /// The organization's plan; seats carry it (a few say `unknown` or omit it).
    pub plan: Plan,
    /// The seat whose `assignee` is null (a deleted account that is still billed), if any.
    pub null_assignee: Option<usize>,
    /// "Now": every timestamp is placed relative to it.
    pub now: DateTime<Utc>,
}

impl OrgSpec {
    /// A spec whose seed is derived from the name, so each named organization has its own data.
    pub fn named(name: &str, seats: usize, plan: Plan, now: DateTime<Utc>) -> Self {
        OrgSpec {
            name: name.to_string(),
            seats,
            seed: seed_for(name),
            plan,
            null_assignee: None,
            now,
        }
    }
}

/// A stable seed for a name (FNV-1a), the same on every platform.
pub fn seed_for(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Name of the realistic organization.
pub const REALISTIC_NAME: &str = "acme";
/// Seat count of the realistic organization.
pub const REALISTIC_SEATS: usize = 3_000;
/// Seed of the realistic organization.
pub const REALISTIC_SEED: u64 = 0x5EA7_C0DE_2026;
/// The one seat of the realistic organization whose `assignee` is null (a deleted account that
/// is still billed): [`realistic`] sets it as its [`OrgSpec::null_assignee`].
pub const REALISTIC_NULL_ASSIGNEE: usize = 1_717;

/// "acme": 3,000 Copilot Business seats with every kind of awkward data, and exactly one seat
/// (index [`REALISTIC_NULL_ASSIGNEE`]) whose assignee is null.
pub fn realistic(now: DateTime<Utc>) -> OrgSpec {
    OrgSpec {
        name: REALISTIC_NAME.to_string(),
        seats: REALISTIC_SEATS,
        seed: REALISTIC_SEED,
        plan: Plan::Business,
        null_assignee: Some(REALISTIC_NULL_ASSIGNEE),
        now,
    }
}

fn has_null_assignee(spec: &OrgSpec, index: usize) -> bool {
    spec.null_assignee == Some(index)
}

// ---------------------------------------------------------------------------------------------
// Randomness: one small PRNG per seat, seeded from (seed, index) alone.

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Seeded from (seed, index, stream) only: seats never depend on one another.
fn rng(seed: u64, index: usize, stream: u64) -> oorandom::Rand64 {
    let a = splitmix(seed ^ splitmix(index as u64 ^ stream.rotate_left(32)));
    let b = splitmix(a ^ stream);
    oorandom::Rand64::new((u128::from(a) << 64) | u128::from(b))
}

/// A uniform integer in `range` (which must be non-empty).
fn between(r: &mut oorandom::Rand64, range: Range<i64>) -> i64 {
    let span = (range.end - range.start).max(1) as u64;
    range.start + r.rand_range(0..span) as i64
}

fn chance(r: &mut oorandom::Rand64, p: f64) -> bool {
    r.rand_float() < p
}

fn pick<'a, T>(r: &mut oorandom::Rand64, items: &'a [T]) -> &'a T {
    &items[r.rand_range(0..items.len() as u64) as usize]
}

// ---------------------------------------------------------------------------------------------
// The facts of a seat that the billing counts need: cheap (no strings), drawn first.

const DAY: i64 = 86_400;
const RETENTION: i64 = 90 * DAY;

const STREAM_SEAT: u64 = 1;
const STREAM_LOGIN: u64 = 2;

struct Facts {
    created: i64,
    updated: i64,
    activity: Option<i64>,
    authenticated: Option<i64>,
    pending: bool,
    team: Option<usize>,
}

fn facts(spec: &OrgSpec, index: usize) -> (Facts, oorandom::Rand64) {
    let now = spec.now.timestamp();
    let mut r = rng(spec.seed, index, STREAM_SEAT);
    let kind = r.rand_float();
    // 5% never used (assigned recently, no activity yet); 5% idle for over 90 days, which GitHub
    // reports as a null `last_activity_at` too.
    let never_used = kind < 0.05;
    let idle = !never_used && kind < 0.10;
    let created = if never_used {
        now - between(&mut r, DAY..89 * DAY)
    } else if idle {
        now - between(&mut r, 120 * DAY..1_000 * DAY)
    } else if chance(&mut r, 0.12) {
        now - between(&mut r, 2 * DAY..89 * DAY)
    } else {
        now - between(&mut r, 91 * DAY..1_100 * DAY)
    };
    let activity = if never_used || idle {
        None
    } else {
        let roll = r.rand_float();
        let age = if roll < 0.55 {
            between(&mut r, 60..3 * DAY)
        } else if roll < 0.80 {
            between(&mut r, 3 * DAY..30 * DAY)
        } else {
            between(&mut r, 30 * DAY..RETENTION - DAY)
        };
        Some((now - age).max(created + 600))
    };
    let authenticated = match activity {
        None if never_used => {
            if chance(&mut r, 0.40) {
                None
            } else {
                Some(between(&mut r, created..now))
            }
        }
        None => {
            if chance(&mut r, 0.04) {
                None
            } else {
                Some(between(&mut r, created..(now - RETENTION).max(created + 1)))
            }
        }
        Some(active) => {
            if chance(&mut r, 0.032) {
                None
            } else if chance(&mut r, 0.8) {
                Some((active - between(&mut r, 0..8 * 3_600)).max(created))
            } else {
                Some(between(&mut r, active..now.max(active + 1)))
            }
        }
    };
    let pending = chance(&mut r, 0.03);
    let team = if chance(&mut r, 0.30) {
        Some(r.rand_range(0..TEAMS.len() as u64) as usize)
    } else {
        None
    };
    let updated = between(&mut r, created..now.max(created + 1));
    (
        Facts {
            created,
            updated,
            activity,
            authenticated,
            pending,
            team,
        },
        r,
    )
}

// ---------------------------------------------------------------------------------------------
// The seat.

fn user_json(spec: &OrgSpec, index: usize, login: &str, r: &mut oorandom::Rand64) -> Value {
    let id = user_id(spec, index);
    let api = format!("https://api.github.com/users/{login}");
    let mut m = Map::new();
    m.insert("login".into(), login.into());
    m.insert("id".into(), id.into());
    m.insert(
        "node_id".into(),
        base64(format!("04:User{id}").as_bytes()).into(),
    );
    m.insert(
        "avatar_url".into(),
        format!("https://avatars.githubusercontent.com/u/{id}?v=4").into(),
    );
    m.insert("gravatar_id".into(), "".into());
    m.insert("url".into(), api.clone().into());
    m.insert(
        "html_url".into(),
        format!("https://github.com/{login}").into(),
    );
    m.insert("followers_url".into(), format!("{api}/followers").into());
    m.insert(
        "following_url".into(),
        format!("{api}/following{{/other_user}}").into(),
    );
    m.insert(
        "gists_url".into(),
        format!("{api}/gists{{/gist_id}}").into(),
    );
    m.insert(
        "starred_url".into(),
        format!("{api}/starred{{/owner}}{{/repo}}").into(),
    );
    m.insert(
        "subscriptions_url".into(),
        format!("{api}/subscriptions").into(),
    );
    m.insert("organizations_url".into(), format!("{api}/orgs").into());
    m.insert("repos_url".into(), format!("{api}/repos").into());
    m.insert(
        "events_url".into(),
        format!("{api}/events{{/privacy}}").into(),
    );
    m.insert(
        "received_events_url".into(),
        format!("{api}/received_events").into(),
    );
    m.insert("type".into(), "User".into());
    m.insert("site_admin".into(), false.into());
    if chance(r, 0.3) {
        // Newer responses carry it; older clients have never heard of it.
        m.insert("user_view_type".into(), "public".into());
    }
    Value::Object(m)
}

/// Seat `index` of the organization, shaped like GitHub's `copilot-seat-details`.
///
/// Deterministic in (spec, index) alone. `index` should be below `spec.seats`, though any index
/// yields a seat.
pub fn seat_json(spec: &OrgSpec, index: usize) -> Value {
    let (f, mut r) = facts(spec, index);
    let editor_value = match f.activity {
        // "Some null editor with non-null activity": telemetry that forgot to say where.
        Some(_) if chance(&mut r, 0.05) => None,
        Some(_) => Some(editor(&mut r)),
        None if chance(&mut r, 0.9) => None,
        None => Some(editor(&mut r)),
    };
    let seat_offset = offset(&mut r);
    // A few seats mix offsets between their own timestamps.
    let mixed = chance(&mut r, 0.05);
    let ts = |epoch: i64, r: &mut oorandom::Rand64| {
        let o = if mixed { offset(r) } else { seat_offset };
        timestamp(epoch, o)
    };
    let plan_roll = r.rand_range(0..100);
    let future_field = chance(&mut r, 0.02);
    let org_null = chance(&mut r, 0.01);

    let mut m = Map::new();
    m.insert("created_at".into(), ts(f.created, &mut r).into());
    m.insert("updated_at".into(), ts(f.updated, &mut r).into());
    m.insert(
        "pending_cancellation_date".into(),
        if f.pending {
            pending_cancellation_date(spec.now).into()
        } else {
            Value::Null
        },
    );
    m.insert(
        "last_activity_at".into(),
        f.activity.map_or(Value::Null, |t| ts(t, &mut r).into()),
    );
    m.insert(
        "last_activity_editor".into(),
        editor_value.map_or(Value::Null, Value::from),
    );
    m.insert(
        "last_authenticated_at".into(),
        f.authenticated
            .map_or(Value::Null, |t| ts(t, &mut r).into()),
    );
    match plan_roll {
        // GitHub's second official example seat has no plan_type at all.
        0 => {}
        1 => {
            m.insert("plan_type".into(), "unknown".into());
        }
        _ => {
            m.insert("plan_type".into(), spec.plan.as_str().into());
        }
    }
    let assignee = match login(spec, index) {
        Some(name) => user_json(spec, index, &name, &mut r),
        None => Value::Null,
    };
    m.insert("assignee".into(), assignee);
    if let Some(team) = f.team {
        m.insert("assigning_team".into(), team_json(spec, team));
    }
    if org_null {
        m.insert("organization".into(), Value::Null);
    }
    if future_field {
        // Fields GitHub may add tomorrow: clients must ignore them.
        let mut x = Map::new();
        x.insert("x".into(), 1.into());
        m.insert("future_field".into(), Value::Object(x));
    }
    Value::Object(m)
}

/// Whether seat `index` was granted through a team (such seats cannot be cancelled one by one).
pub fn is_team_granted(spec: &OrgSpec, index: usize) -> bool {
    facts(spec, index).0.team.is_some()
}

/// Whether seat `index` is already pending cancellation.
pub fn is_pending_cancellation(spec: &OrgSpec, index: usize) -> bool {
    facts(spec, index).0.pending
}

/// Seat counts of the organization as GitHub's billing object reports them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Breakdown {
    /// All seats.
    pub total: usize,
    /// Seats created since the start of the current (calendar-month) cycle.
    pub added_this_cycle: usize,
    /// Invitations not yet accepted (not seats in the list).
    pub pending_invitation: usize,
    /// Seats with a pending cancellation date.
    pub pending_cancellation: usize,
    /// Seats with activity since the start of the cycle.
    pub active_this_cycle: usize,
    /// The others.
    pub inactive_this_cycle: usize,
}

/// Counts every seat's facts: O(seats), but cheap (no strings); about 0.1 s for 2,000,000 seats
/// in release builds, so callers serving huge organizations may want to cache it.
pub fn breakdown(spec: &OrgSpec) -> Breakdown {
    let start = cycle_start(spec.now);
    let mut b = Breakdown {
        total: spec.seats,
        ..Breakdown::default()
    };
    for index in 0..spec.seats {
        let (f, _) = facts(spec, index);
        b.added_this_cycle += usize::from(f.created >= start);
        b.pending_cancellation += usize::from(f.pending);
        b.active_this_cycle += usize::from(f.activity.is_some_and(|t| t >= start));
    }
    b.inactive_this_cycle = b.total - b.active_this_cycle;
    b.pending_invitation = if spec.seats == 0 {
        0
    } else {
        spec.seats / 150 + (spec.seed % 3) as usize
    };
    b
}

/// The billing object for a breakdown, shaped like GitHub's `copilot-organization-details`.
pub fn billing_json_from(spec: &OrgSpec, b: &Breakdown) -> Value {
    let mut sb = Map::new();
    sb.insert("total".into(), b.total.into());
    sb.insert("added_this_cycle".into(), b.added_this_cycle.into());
    sb.insert("pending_invitation".into(), b.pending_invitation.into());
    sb.insert("pending_cancellation".into(), b.pending_cancellation.into());
    sb.insert("active_this_cycle".into(), b.active_this_cycle.into());
    sb.insert("inactive_this_cycle".into(), b.inactive_this_cycle.into());
    let mut m = Map::new();
    m.insert("seat_breakdown".into(), Value::Object(sb));
    m.insert("seat_management_setting".into(), "assign_selected".into());
    m.insert("ide_chat".into(), "enabled".into());
    m.insert(
        "platform_chat".into(),
        if spec.seed.is_multiple_of(4) {
            "disabled"
        } else {
            "enabled"
        }
        .into(),
    );
    m.insert("cli".into(), "enabled".into());
    m.insert(
        "public_code_suggestions".into(),
        if spec.seed.is_multiple_of(2) {
            "allow"
        } else {
            "block"
        }
        .into(),
    );
    m.insert("plan_type".into(), spec.plan.as_str().into());
    Value::Object(m)
}

/// `GET /orgs/{org}/copilot/billing` for the organization. O(seats): see [`breakdown`].
pub fn billing_json(spec: &OrgSpec) -> Value {
    billing_json_from(spec, &breakdown(spec))
}

/// Number of the last page (1 when there are no seats).
pub fn last_page(total: usize, per_page: usize) -> usize {
    if per_page == 0 {
        return 1;
    }
    total.div_ceil(per_page).max(1)
}

/// The seat indexes on `page` (1-based; 0 counts as 1); empty past the end.
pub fn page_range(total: usize, page: usize, per_page: usize) -> Range<usize> {
    let start = page
        .max(1)
        .saturating_sub(1)
        .saturating_mul(per_page)
        .min(total);
    start..start.saturating_add(per_page).min(total)
}

/// `GET /orgs/{org}/copilot/billing/seats?page=&per_page=`: `{"total_seats": N, "seats": [...]}`.
/// `per_page` is taken as given (GitHub caps it at 100; the caller does that).
pub fn seats_page_json(spec: &OrgSpec, page: usize, per_page: usize) -> Value {
    page_json(spec.seats, spec.seats, page, per_page, |i| {
        seat_json(spec, i)
    })
}

/// `{"total_seats": total_seats, "seats": [seat(i) for i on the page of `objects`]}`.
fn page_json(
    total_seats: usize,
    objects: usize,
    page: usize,
    per_page: usize,
    seat: impl Fn(usize) -> Value,
) -> Value {
    let seats: Vec<Value> = page_range(objects, page, per_page).map(seat).collect();
    let mut m = Map::new();
    m.insert("total_seats".into(), total_seats.into());
    m.insert("seats".into(), Value::Array(seats));
    Value::Object(m)
}

/// Standard base64 with padding (GitHub's classic node ids are `base64("04:User1")`).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * k)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::logins::{FIRST, LAST};
    use super::*;
    use chrono::TimeZone;
    use std::collections::HashSet;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap()
    }

    fn share(seats: &[Value], pred: impl Fn(&Value) -> bool) -> f64 {
        seats.iter().filter(|s| pred(s)).count() as f64 / seats.len() as f64
    }

    #[test]
    fn same_spec_same_seats_and_pages_agree_with_single_seats() {
        let spec = realistic(now());
        assert_eq!(seat_json(&spec, 42), seat_json(&spec, 42));
        assert_eq!(billing_json(&spec), billing_json(&spec));
        let page = seats_page_json(&spec, 3, 100);
        assert_eq!(page["total_seats"], 3_000);
        assert_eq!(page["seats"][0], seat_json(&spec, 200));
        assert_eq!(page["seats"][99], seat_json(&spec, 299));
        let other = OrgSpec {
            seed: 7,
            null_assignee: None,
            ..spec.clone()
        };
        assert_ne!(seat_json(&spec, 42), seat_json(&other, 42));
    }

    #[test]
    fn paging_math() {
        assert_eq!(last_page(0, 100), 1);
        assert_eq!(last_page(250, 100), 3);
        assert_eq!(last_page(300, 100), 3);
        assert_eq!(page_range(250, 3, 100), 200..250);
        assert_eq!(page_range(250, 4, 100), 250..250);
        assert_eq!(page_range(250, 0, 100), 0..100);
        assert_eq!(page_range(5, usize::MAX, usize::MAX), 5..5);
        let spec = OrgSpec::named("x", 250, Plan::Business, now());
        assert_eq!(
            seats_page_json(&spec, 3, 100)["seats"]
                .as_array()
                .unwrap()
                .len(),
            50
        );
        assert_eq!(
            seats_page_json(&spec, 9, 100)["seats"]
                .as_array()
                .unwrap()
                .len(),
            0
        );
        assert_eq!(seats_page_json(&spec, 9, 100)["total_seats"], 250);
    }

    #[test]
    fn logins_are_unique_case_insensitively_and_valid_github_logins() {
        for spec in [
            realistic(now()),
            OrgSpec::named("big-250000", 250_000, Plan::Business, now()),
            OrgSpec::named("other", 10_000, Plan::Enterprise, now()),
        ] {
            let mut seen = HashSet::new();
            for i in 0..spec.seats {
                let Some(l) = login(&spec, i) else { continue };
                assert!(l.len() <= 39, "{l}");
                assert!(
                    l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
                    "{l}"
                );
                assert!(
                    !l.starts_with('-') && !l.ends_with('-') && !l.contains("--"),
                    "{l}"
                );
                assert!(
                    seen.insert(l.to_ascii_lowercase()),
                    "duplicate login {l} at {i}"
                );
            }
        }
    }

    #[test]
    fn concatenated_name_pairs_never_collide() {
        // Guards the `AliceSmith` style: "ann"+"asmith" must never equal "anna"+"smith".
        let mut seen = HashSet::new();
        for f in FIRST {
            for l in LAST {
                assert!(seen.insert(format!("{f}{l}")));
            }
        }
        for f in FIRST {
            assert!(!LAST.contains(&f), "{f} is both a first and a last name");
        }
    }

    #[test]
    fn logins_map_back_to_their_index() {
        let spec = realistic(now());
        let big = OrgSpec::named("big-100000", 100_000, Plan::Business, now());
        // Every style, with and without the cycle number (which starts at 2,400).
        for (spec, indexes) in [
            (&spec, 0..3_000),
            (&big, 0..12_000),
            (&big, 99_000..100_000),
        ] {
            for i in indexes {
                if let Some(l) = login(spec, i) {
                    assert_eq!(index_of_login(spec, &l), Some(i), "{l}");
                    assert_eq!(
                        index_of_login(spec, &l.to_ascii_uppercase()),
                        Some(i),
                        "{l}"
                    );
                }
            }
        }
        assert_eq!(index_of_login(&spec, "octocat"), None);
        assert_eq!(
            index_of_login(&spec, "alice-smith99999999999999999999999"),
            None
        );
        // A login of a bigger org is not a seat of a smaller one.
        let small = OrgSpec {
            seats: 10,
            ..big.clone()
        };
        assert_eq!(index_of_login(&small, &login(&big, 99_999).unwrap()), None);
    }

    #[test]
    fn realistic_has_exactly_one_null_assignee_and_others_none() {
        let spec = realistic(now());
        let nulls: Vec<usize> = (0..spec.seats)
            .filter(|&i| seat_json(&spec, i)["assignee"].is_null())
            .collect();
        assert_eq!(nulls, vec![REALISTIC_NULL_ASSIGNEE]);
        let other = OrgSpec::named("acme-like", 3_000, Plan::Business, now());
        assert!((0..other.seats).all(|i| seat_json(&other, i)["assignee"].is_object()));
    }

    #[test]
    fn proportions_roughly_hold() {
        let spec = realistic(now());
        let seats: Vec<Value> = (0..spec.seats).map(|i| seat_json(&spec, i)).collect();
        let null_activity = share(&seats, |s| s["last_activity_at"].is_null());
        assert!((0.08..0.12).contains(&null_activity), "{null_activity}");
        let never_used = share(&seats, |s| {
            let created = DateTime::parse_from_rfc3339(s["created_at"].as_str().unwrap()).unwrap();
            s["last_activity_at"].is_null() && (now() - created.with_timezone(&Utc)).num_days() < 90
        });
        assert!((0.035..0.065).contains(&never_used), "{never_used}");
        let null_editor_active = share(&seats, |s| {
            s["last_activity_editor"].is_null() && !s["last_activity_at"].is_null()
        });
        assert!(
            (0.02..0.08).contains(&null_editor_active),
            "{null_editor_active}"
        );
        let null_auth = share(&seats, |s| s["last_authenticated_at"].is_null());
        assert!((0.03..0.07).contains(&null_auth), "{null_auth}");
        let pending = share(&seats, |s| !s["pending_cancellation_date"].is_null());
        assert!((0.015..0.045).contains(&pending), "{pending}");
        let team = share(&seats, |s| s.get("assigning_team").is_some());
        assert!((0.26..0.34).contains(&team), "{team}");
        let unknown_plan = share(&seats, |s| {
            s.get("plan_type").is_some_and(|p| p == "unknown")
        });
        assert!(unknown_plan > 0.0 && unknown_plan < 0.03, "{unknown_plan}");
        assert!(share(&seats, |s| s.get("future_field").is_some()) > 0.0);
        assert!(share(&seats, |s| s["created_at"].as_str().unwrap().ends_with('Z')) > 0.3);
        for offset in ["+05:30", "-06:00", "+09:00"] {
            assert!(
                share(&seats, |s| s["created_at"]
                    .as_str()
                    .unwrap()
                    .ends_with(offset))
                    > 0.02
            );
        }
        let editors: HashSet<&str> = seats
            .iter()
            .filter_map(|s| s["last_activity_editor"].as_str())
            .collect();
        for needle in [
            "vscode/",
            "/copilot-chat/",
            "JetBrains-IU/",
            "JetBrains-PY/",
            "VisualStudio/",
            "Xcode/",
            "neovim/",
            "Eclipse/",
        ] {
            assert!(editors.iter().any(|e| e.contains(needle)), "no {needle}");
        }
        for exact in [
            "copilot-cli",
            "copilot-chat-platform",
            "copilot_pr_review",
            "github.com",
            "vscode",
            "/",
            "=cmd|' /C calc'!A0",
        ] {
            assert!(editors.contains(exact), "no {exact}");
        }
        let teams: HashSet<&str> = seats
            .iter()
            .filter_map(|s| s.get("assigning_team").and_then(|t| t["name"].as_str()))
            .collect();
        for first in ['=', '+', '-', '@'] {
            assert!(
                teams.iter().any(|t| t.starts_with(first)),
                "no team starting with {first}"
            );
        }
        for needle in [",", "\"", "\n", "🚀", "É"] {
            assert!(
                teams.iter().any(|t| t.contains(needle)),
                "no team containing {needle:?}"
            );
        }
        let mixed_case = share(&seats, |s| {
            s["assignee"]["login"]
                .as_str()
                .is_some_and(|l| l.chars().any(|c| c.is_ascii_uppercase()))
        });
        assert!(mixed_case > 0.1, "{mixed_case}");
        let digits = share(&seats, |s| {
            s["assignee"]["login"]
                .as_str()
                .is_some_and(|l| l.chars().any(|c| c.is_ascii_digit()))
        });
        assert!(digits > 0.1, "{digits}");
    }

    #[test]
    fn values_are_strings_or_null_as_github_sends_them() {
        let spec = realistic(now());
        for i in 0..spec.seats {
            let s = seat_json(&spec, i);
            let created = s["created_at"].as_str().expect("created_at is a string");
            let created = DateTime::parse_from_rfc3339(created)
                .unwrap()
                .with_timezone(&Utc);
            assert!(created < now());
            for key in ["updated_at", "last_activity_at", "last_authenticated_at"] {
                match &s[key] {
                    Value::Null => {}
                    Value::String(t) => {
                        let t = DateTime::parse_from_rfc3339(t).unwrap().with_timezone(&Utc);
                        assert!(t >= created && t <= now(), "{key} of seat {i} out of range");
                    }
                    other => panic!("{key} is {other}"),
                }
            }
            if let Some(activity) = s["last_activity_at"].as_str() {
                let t = DateTime::parse_from_rfc3339(activity)
                    .unwrap()
                    .with_timezone(&Utc);
                assert!(
                    (now() - t).num_days() < 90,
                    "activity older than 90 days is null on GitHub"
                );
            }
            match &s["pending_cancellation_date"] {
                Value::Null => {}
                Value::String(d) => {
                    NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
                }
                other => panic!("pending_cancellation_date is {other}"),
            }
            assert!(s["last_activity_editor"].is_null() || s["last_activity_editor"].is_string());
            assert!(s.get("plan_type").is_none_or(|p| p.is_string()));
            if let Some(a) = s["assignee"].as_object() {
                assert!(a["id"].is_u64());
                assert_eq!(a["type"], "User");
                assert_eq!(a["site_admin"], false);
                for (k, v) in a {
                    if k.ends_with("url") {
                        assert!(v.as_str().unwrap().starts_with("https://"), "{k}");
                    }
                }
            }
        }
    }

    #[test]
    fn seats_have_the_official_examples_keys() {
        let example: Value = serde_json::from_str(include_str!(
            "../../../fixtures/github-api/org-copilot-billing-seats.json"
        ))
        .unwrap();
        let official = &example["seats"][0];
        let spec = realistic(now());
        let team_seat = (0..spec.seats)
            .map(|i| seat_json(&spec, i))
            .find(|s| {
                s.get("assigning_team").is_some()
                    && s.get("plan_type").is_some()
                    && s["assignee"].is_object()
            })
            .unwrap();
        for (key, value) in official.as_object().unwrap() {
            assert!(team_seat.get(key).is_some(), "seat lacks {key}");
            if let Some(inner) = value.as_object() {
                for k in inner.keys() {
                    assert!(team_seat[key].get(k).is_some(), "{key} lacks {k}");
                }
            }
        }
    }

    #[test]
    fn billing_counts_come_from_the_seats() {
        let spec = realistic(now());
        let billing = billing_json(&spec);
        let sb = &billing["seat_breakdown"];
        assert_eq!(sb["total"], 3_000);
        assert_eq!(billing["plan_type"], "business");
        let pending = (0..spec.seats)
            .filter(|&i| !seat_json(&spec, i)["pending_cancellation_date"].is_null())
            .count();
        assert_eq!(sb["pending_cancellation"], pending);
        assert_eq!(
            sb["active_this_cycle"].as_u64().unwrap() + sb["inactive_this_cycle"].as_u64().unwrap(),
            3_000
        );
        let enterprise = OrgSpec::named("e", 0, Plan::Enterprise, now());
        let b = billing_json(&enterprise);
        assert_eq!(b["plan_type"], "enterprise");
        assert_eq!(b["seat_breakdown"]["total"], 0);
        assert_eq!(b["seat_breakdown"]["pending_invitation"], 0);
    }

    #[test]
    fn pending_date_is_next_cycle() {
        assert_eq!(pending_cancellation_date(now()), "2026-12-01");
        let december = Utc.with_ymd_and_hms(2026, 12, 31, 23, 0, 0).unwrap();
        assert_eq!(pending_cancellation_date(december), "2027-01-01");
    }

    #[test]
    fn node_ids_match_githubs_encoding() {
        assert_eq!(base64(b"04:User1"), "MDQ6VXNlcjE=");
        assert_eq!(base64(b"04:Team1"), "MDQ6VGVhbTE=");
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"ab"), "YWI=");
    }
}
