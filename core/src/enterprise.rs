//! Enterprise listings, one row per person.
//!
//! `GET /enterprises/{enterprise}/copilot/billing/seats` lists one seat object per granting
//! organization or enterprise team: a person granted by two organizations is listed twice, while
//! `total_seats` counts them once. [`people`] merges those objects into one [`Seat`] per person:
//! - **who**: objects with the same `assignee.id` *and* login are one person. The login is part
//!   of the key because GitHub's own enterprise example lists `octocat` and `octokitten` both
//!   with id 1 (and `total_seats: 2`); on real data one id always carries one login. A seat with
//!   no assignee, or an assignee without an id, stays its own row.
//! - **activity**: the most recent `last_activity_at`, with the editor of that same grant; the
//!   most recent `last_authenticated_at`; the earliest `created_at` (when the person first had
//!   Copilot).
//! - **pending cancellation**: only when *every* grant is pending (the latest date then), since
//!   one live grant keeps the person's access and bill going.
//! - **plan**: the highest (`enterprise` over `business` over anything else): a person holding
//!   both is billed once, and Enterprise is what they get.
//! - **where from**: the merged seat's `organization` is the first granting organization and its
//!   `assigning_team` the first team (by name); the full lists are in [`Grants`].
//!   The assignee object is the first one listed (GitHub sends the same user in each).
//!
//! Every choice is order-independent: the same objects in any order give the same people
//! (rows come in the order each person is first listed).
//!
//! Memory: the merged seats are the objects themselves, moved, not copied; only the people with
//! two or more grants get a [`Grants`] entry (one pointer per row otherwise).

use std::cmp::Ordering;
use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::models::{Organization, Seat};
use crate::money::{group_thousands, Cents};
use crate::reclaim::ReclaimRules;

/// Where one person's seat comes from, when two or more seat objects (or a report's
/// organization cell) name it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Grants {
    /// Granting organizations' logins, sorted case-insensitively, each once.
    pub organizations: Vec<Box<str>>,
    /// Granting teams' labels (organization or enterprise teams), sorted case-insensitively,
    /// each once; empty when every grant is direct.
    pub teams: Vec<Box<str>>,
    /// Seat objects merged into this row.
    pub objects: u32,
}

/// An enterprise's seats, one per person, with where each came from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct People {
    seats: Vec<Seat>,
    /// Parallel to `seats`: `None` for a person with one grant (their seat says it all).
    grants: Vec<Option<Box<Grants>>>,
    /// Seat objects read.
    objects: usize,
}

impl People {
    /// One merged seat per person, in the order each person was first listed.
    pub fn seats(&self) -> &[Seat] {
        &self.seats
    }

    /// People (rows).
    pub fn len(&self) -> usize {
        self.seats.len()
    }

    /// No one.
    pub fn is_empty(&self) -> bool {
        self.seats.is_empty()
    }

    /// Seat objects the listing had (at least [`People::len`]).
    pub fn objects(&self) -> usize {
        self.objects
    }

    /// Row `row`'s grants, when it has two or more (else its seat's `organization` and
    /// `assigning_team` are the whole story).
    pub fn grants(&self, row: usize) -> Option<&Grants> {
        self.grants.get(row).and_then(Option::as_deref)
    }

    /// Row `row`'s granting organizations, sorted case-insensitively (empty when GitHub named
    /// none, or past the end). No allocation: fit for sorting and filtering 100,000 rows.
    pub fn organizations(&self, row: usize) -> &[Box<str>] {
        if let Some(g) = self.grants(row) {
            return &g.organizations;
        }
        self.seats
            .get(row)
            .and_then(|s| s.organization.as_ref())
            .and_then(|o| o.login.as_ref())
            .map_or(&[], std::slice::from_ref)
    }

    /// What the "Organization" column shows: the organization, "3 organizations", or "".
    pub fn organization_label(&self, row: usize) -> String {
        match self.organizations(row) {
            [] => String::new(),
            [one] => one.to_string(),
            many => format!("{} organizations", many.len()),
        }
    }

    /// The CSV's `organization` cell: every organization, `; `-separated.
    pub fn organization_cell(&self, row: usize) -> String {
        self.organizations(row).join("; ")
    }

    /// Row `row`'s granting teams' labels (empty for direct grants).
    pub fn teams(&self, row: usize) -> Vec<&str> {
        match self.grants(row) {
            Some(g) => g.teams.iter().map(|t| &**t).collect(),
            None => self
                .seats
                .get(row)
                .and_then(Seat::team)
                .into_iter()
                .collect(),
        }
    }

    /// A sentence when the people listed disagree with GitHub's `total_seats` (which counts each
    /// person once), `None` when they agree or GitHub gave no total.
    pub fn consistency(&self, total_seats: Option<u64>) -> Option<String> {
        consistency(self.seats.len(), self.objects, total_seats)
    }
}

/// A sentence when `people` rows (from `objects` seat objects) disagree with GitHub's
/// `total_seats` (which counts each person once), `None` when they agree or GitHub gave no
/// total.
pub fn consistency(people: usize, objects: usize, total_seats: Option<u64>) -> Option<String> {
    let total = total_seats?;
    let people = people as u64;
    (people != total).then(|| {
        format!(
            "GitHub counts {} {} in this enterprise, but its seat list holds {} {} ({} seat objects): a seat may have been added or removed while the pages loaded, or a page is missing. Load again to get a consistent list.",
            group_thousands(total),
            if total == 1 { "seat" } else { "seats" },
            group_thousands(people),
            if people == 1 { "person" } else { "people" },
            group_thousands(objects as u64),
        )
    })
}

/// Case-insensitive (ASCII) order, then exact, so sorting is total and deterministic.
fn ci_cmp(a: &str, b: &str) -> Ordering {
    a.bytes()
        .map(|c| c.to_ascii_lowercase())
        .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
        .then_with(|| a.cmp(b))
}

/// How an enterprise's seats are counted, and what it has not.
pub const COUNTING_NOTE: &str = "GitHub lists one seat object per organization or enterprise team that grants a person a seat; each person is counted and billed once here. An enterprise has no seat breakdown of its own (added, pending or active this cycle): open an organization for those.";

/// Why the rows of the per-organization table can add up to more than the enterprise.
pub const ROWS_NOTE: &str = "A person granted a seat by two organizations is counted in each organization's row, so the rows can add up to more than the enterprise's seats. Reclaimable: the thresholds of “Reclaimable seats” below.";

/// Beside an enterprise's access list: why its seats are removed elsewhere.
pub const REMOVAL_NOTE: &str = "One row per person. Removing seats is done per organization, by its owners: GitHub has no enterprise-wide removal. To remove seats, load the organization (Account type “Organization”); the Organization column and the seat pages say which organizations grant each person.";

fn plan_rank(plan: Option<&str>) -> u8 {
    match plan {
        Some(p) if p.eq_ignore_ascii_case("enterprise") => 3,
        Some(p) if p.eq_ignore_ascii_case("business") => 2,
        Some(_) => 1,
        None => 0,
    }
}

/// `a` before `b` with `None` last, for "the first organization/team".
fn first_of(a: Option<&str>, b: Option<&str>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => ci_cmp(a, b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Team order: by label case-insensitively, then slug and URL; no team last.
fn team_cmp(a: &Seat, b: &Seat) -> Ordering {
    match (&a.assigning_team, &b.assigning_team) {
        (Some(x), Some(y)) => ci_cmp(x.label().unwrap_or(""), y.label().unwrap_or(""))
            .then_with(|| (&x.slug, &x.html_url).cmp(&(&y.slug, &y.html_url))),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Folds grant `other` into the person's merged seat (see the module docs). Commutative and
/// associative, which is what makes [`people`] order-independent.
fn merge(into: &mut Seat, other: Seat) {
    let newer_activity = (other.last_activity_at, &other.last_activity_editor)
        > (into.last_activity_at, &into.last_activity_editor);
    let (a, b) = (into.plan_type.as_deref(), other.plan_type.as_deref());
    let higher_plan = plan_rank(b)
        .cmp(&plan_rank(a))
        .then_with(|| first_of(a, b))
        .is_gt();
    let first_team = team_cmp(&other, into).is_lt();
    into.created_at = into.created_at.min(other.created_at);
    into.last_authenticated_at = into.last_authenticated_at.max(other.last_authenticated_at);
    into.pending_cancellation_date = match (
        into.pending_cancellation_date,
        other.pending_cancellation_date,
    ) {
        (Some(a), Some(b)) => Some(a.max(b)),
        _ => None,
    };
    if newer_activity {
        into.last_activity_at = other.last_activity_at;
        into.last_activity_editor = other.last_activity_editor;
    }
    if higher_plan {
        into.plan_type = other.plan_type;
    }
    if first_team {
        into.assigning_team = other.assigning_team;
    }
}

use crate::fast_hash::Fast;

/// Inserts `name` into `names` (sorted by [`ci_cmp`], case variants once, the smallest variant
/// kept so the outcome does not depend on the order names arrive in); whether it changed.
fn insert_name(names: &mut Vec<Box<str>>, name: &str) -> bool {
    let folded = |x: &str| {
        x.bytes()
            .map(|c| c.to_ascii_lowercase())
            .collect::<Vec<u8>>()
    };
    let key = folded(name);
    match names.binary_search_by(|x| folded(x).cmp(&key)) {
        Ok(at) if name < &*names[at] => {
            names[at] = name.into();
            true
        }
        Ok(_) => false,
        Err(at) => {
            names.insert(at, name.into());
            true
        }
    }
}

/// Builds [`People`] a page at a time: objects are merged into the rows as they arrive, so the
/// list can show people while an enterprise's pages are still loading. The rows live outside
/// (the app keeps them in its seat list); only [`Merger::extend`] may change them.
#[derive(Debug, Clone, Default)]
pub struct Merger {
    /// Row of each assignee id (its first login).
    by_id: HashMap<u64, u32, Fast>,
    /// Rows of an id listed with a second login (see the module docs).
    by_id_login: HashMap<(u64, Box<str>), u32>,
    /// Parallel to the rows: `None` for a person with one grant.
    grants: Vec<Option<Box<Grants>>>,
    /// Seat objects read.
    objects: usize,
}

impl Merger {
    /// Merges `objects` into `rows`: a person seen before is merged into their row, anyone
    /// else becomes a new row at the end. Returns whether an existing row changed.
    pub fn extend(
        &mut self,
        rows: &mut Vec<Seat>,
        objects: impl IntoIterator<Item = Seat>,
    ) -> bool {
        let mut changed = false;
        for seat in objects {
            self.objects += 1;
            match self.row_of(rows, &seat) {
                Some(row) => {
                    self.merge_into(rows, row, seat);
                    changed = true;
                }
                None => self.push(rows, seat),
            }
        }
        changed
    }

    /// The row of the person `seat` belongs to, if they have one; registers nothing.
    fn row_of(&mut self, rows: &[Seat], seat: &Seat) -> Option<usize> {
        let id = seat.assignee.as_ref()?.id?;
        let next = rows.len() as u32;
        let row = *self.by_id.entry(id).or_insert(next);
        if row == next {
            return None;
        }
        if rows[row as usize].login() == seat.login() {
            return Some(row as usize);
        }
        let row = *self
            .by_id_login
            .entry((id, seat.login().into()))
            .or_insert(next);
        (row != next).then_some(row as usize)
    }

    fn push(&mut self, rows: &mut Vec<Seat>, mut seat: Seat) {
        let several = seat.organizations().nth(1).is_some();
        let grants = several.then(|| {
            let mut g = Grants::default();
            g.add(&seat);
            seat.organization = g.cell();
            Box::new(g)
        });
        rows.push(seat);
        self.grants.push(grants);
    }

    fn merge_into(&mut self, rows: &mut [Seat], row: usize, seat: Seat) {
        let into = &mut rows[row];
        let g = self.grants[row].get_or_insert_with(|| {
            let mut g = Grants::default();
            g.add(into);
            Box::new(g)
        });
        g.add(&seat);
        merge(into, seat);
        into.organization = g.cell();
    }

    /// Row `row`'s grants, when it has two or more.
    pub fn grants(&self, row: usize) -> Option<&Grants> {
        self.grants.get(row).and_then(Option::as_deref)
    }

    /// Seat objects merged so far.
    pub fn objects(&self) -> usize {
        self.objects
    }

    /// The finished [`People`] of `rows` (the rows this merger built).
    pub fn into_people(self, rows: Vec<Seat>) -> People {
        People {
            seats: rows,
            grants: self.grants,
            objects: self.objects,
        }
    }
}

impl Grants {
    /// Counts one more seat object for this person.
    fn add(&mut self, seat: &Seat) {
        self.objects += 1;
        for org in seat.organizations() {
            insert_name(&mut self.organizations, org);
        }
        if let Some(team) = seat.team() {
            insert_name(&mut self.teams, team);
        }
    }

    /// The merged seat's organization: every granting organization, `; `-separated.
    fn cell(&self) -> Option<Organization> {
        (!self.organizations.is_empty()).then(|| Organization {
            login: Some(self.organizations.join("; ").into()),
        })
    }
}

/// Merges an enterprise listing's seat objects into one seat per person (see the module docs).
/// Takes the seats by value: the merged seats are the objects themselves, moved.
pub fn people(seats: Vec<Seat>) -> People {
    let mut rows = Vec::with_capacity(seats.len());
    let mut merger = Merger::default();
    merger.extend(&mut rows, seats);
    rows.shrink_to_fit();
    merger.into_people(rows)
}

/// One organization's row of the enterprise overview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganizationSummary {
    /// The organization's login; `None` for seats GitHub named no organization for.
    pub organization: Option<String>,
    /// People it grants a seat to.
    pub seats: u64,
    /// Of those, reclaimable at `now` (the [`crate::reclaim`] rules, on the merged seat).
    pub reclaimable: u64,
    /// Their monthly cost, each person at their plan's price.
    pub monthly: Cents,
}

/// The enterprise overview's figures.
///
/// A person granted by two organizations is counted **in each organization's row** (an owner
/// looking at one organization expects to see everyone it grants, and removing them takes a
/// removal in each): the rows can add up to more than the unique totals, which count each person
/// once and are what GitHub bills.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EnterpriseSummary {
    /// People (each once).
    pub people: u64,
    /// Reclaimable people (each once).
    pub reclaimable: u64,
    /// Estimated monthly cost: each person once, at their plan's price.
    pub monthly: Cents,
    /// People per plan ([`crate::overview::plan_label`]), most first, then by label.
    pub plans: Vec<(String, u64)>,
    /// Per organization, sorted by login case-insensitively; the no-organization row last.
    pub organizations: Vec<OrganizationSummary>,
}

/// The enterprise overview of `people` (merged seats: [`People::seats`]) at `now` under `rules`;
/// `price` gives a plan's monthly price per
/// seat (e.g. [`crate::overview::default_price`]).
pub fn summarize<'a>(
    people: &'a [Seat],
    rules: ReclaimRules,
    now: DateTime<Utc>,
    price: impl Fn(Option<&str>) -> Cents,
) -> EnterpriseSummary {
    let check = rules.at(now);
    let mut sum = EnterpriseSummary::default();
    let mut rows: HashMap<Option<&'a str>, OrganizationSummary, Fast> = HashMap::default();
    let mut plans: HashMap<Option<&'a str>, u64, Fast> = HashMap::default();
    for seat in people {
        *plans.entry(seat.plan_type.as_deref()).or_default() += 1;
        let reclaimable = check.reclaimable(seat);
        let cost = price(seat.plan_type.as_deref());
        sum.people += 1;
        sum.reclaimable += u64::from(reclaimable);
        sum.monthly += cost;
        let mut add = |key: Option<&'a str>| {
            let r = rows.entry(key).or_insert_with(|| OrganizationSummary {
                organization: key.map(str::to_string),
                seats: 0,
                reclaimable: 0,
                monthly: Cents::ZERO,
            });
            r.seats += 1;
            r.reclaimable += u64::from(reclaimable);
            r.monthly += cost;
        };
        let mut orgs = seat.organizations().peekable();
        if orgs.peek().is_none() {
            add(None);
        }
        orgs.for_each(|o| add(Some(o)));
    }
    let mut by_label: HashMap<String, u64> = HashMap::new();
    for (plan, n) in plans {
        *by_label
            .entry(crate::overview::plan_label(plan))
            .or_default() += n;
    }
    sum.plans = by_label.into_iter().collect();
    crate::small_sort::sort_by(&mut sum.plans, |a, b| {
        b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0))
    });
    sum.organizations = rows.into_values().collect();
    crate::small_sort::sort_by(&mut sum.organizations, |a, b| {
        first_of(a.organization.as_deref(), b.organization.as_deref())
    });
    sum
}

#[cfg(test)]
mod tests;
