//! Realistic, deterministic enterprises, listed the way
//! `GET /enterprises/{enterprise}/copilot/billing/seats` lists them: one seat object per
//! granting organization or enterprise team, so some people appear two or more times while
//! `total_seats` counts each person once.
//!
//! Like the organizations of [`super`], every seat object is a pure function of the
//! [`EnterpriseSpec`] and its index: any page of a 130,000-object enterprise costs O(page).
//!
//! The listing is made of blocks. A block lists [`Pattern::direct`] people, each through their
//! own organization; then the first [`Pattern::second_org`] of them again, granted directly by
//! another organization; then the next [`Pattern::enterprise_team`] of them again, through an
//! enterprise team synced to another organization. The copies carry their own assignment date,
//! activity and authentication (each grant has its own), the same user object.

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use serde_json::{json, Value};

use super::{seat_json, splitmix, OrgSpec, Plan};

/// How people repeat in the listing (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pattern {
    /// People per block, each listed through their own organization.
    pub direct: usize,
    /// Of those, how many are listed again through a second organization.
    pub second_org: usize,
    /// After those, how many are listed again through an enterprise team.
    pub enterprise_team: usize,
}

impl Pattern {
    /// Copies per block, never more than the people of the block.
    fn copies(self) -> usize {
        (self.second_org + self.enterprise_team).min(self.direct)
    }
}

/// What to generate: an enterprise's slug, people, organizations (each with its plan), the
/// repetition pattern and "now".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnterpriseSpec {
    /// The enterprise's slug.
    pub name: String,
    /// Distinct people holding a seat (GitHub's `total_seats`).
    pub people: usize,
    /// Organization logins and their plans; person `p` belongs to `organizations[p % n]`.
    pub organizations: Vec<(String, Plan)>,
    /// How people repeat.
    pub pattern: Pattern,
    /// A person whose seat has a null assignee (a deleted account, still billed). Only honoured
    /// for a person listed once, so `total_seats` still counts every row.
    pub null_assignee: Option<usize>,
    /// "Now": every timestamp is placed relative to it.
    pub now: DateTime<Utc>,
}

/// How a seat object grants its seat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grant {
    /// Through the person's own organization (index into [`EnterpriseSpec::organizations`]).
    Own(usize),
    /// Directly, by another organization.
    SecondOrg(usize),
    /// Through the enterprise team, synced to that organization.
    EnterpriseTeam(usize),
}

impl Grant {
    /// The granting organization's index.
    pub fn organization(self) -> usize {
        match self {
            Grant::Own(o) | Grant::SecondOrg(o) | Grant::EnterpriseTeam(o) => o,
        }
    }
}

impl EnterpriseSpec {
    /// The organizations' spec people are drawn from (logins, ids, first seats).
    fn people_spec(&self) -> OrgSpec {
        OrgSpec::named(&self.name, self.people, Plan::Business, self.now)
    }

    fn direct(&self) -> usize {
        self.pattern.direct.max(1)
    }

    fn block_len(&self) -> usize {
        self.direct() + self.pattern.copies()
    }

    /// Seat objects in the listing.
    pub fn objects(&self) -> usize {
        let (full, rest) = (self.people / self.direct(), self.people % self.direct());
        full * self.block_len() + rest + rest.min(self.pattern.copies())
    }

    /// The person and the grant of seat object `k`, or `None` past the end.
    pub fn object(&self, k: usize) -> Option<(usize, Grant)> {
        if k >= self.objects() || self.organizations.is_empty() {
            return None;
        }
        let (block, r) = (k / self.block_len(), k % self.block_len());
        let first = block * self.direct();
        let listed = (self.people - first).min(self.direct());
        let n = self.organizations.len();
        if r < listed {
            let person = first + r;
            return Some((person, Grant::Own(person % n)));
        }
        let copy = r - listed;
        let person = first + copy;
        Some(if copy < self.pattern.second_org {
            (
                person,
                Grant::SecondOrg((person + 1 + copy % (n - 1).max(1)) % n),
            )
        } else {
            (person, Grant::EnterpriseTeam((person + 1) % n))
        })
    }

    /// How many seat objects list `person` (1 for most, 2 for the copied ones).
    pub fn grants_of(&self, person: usize) -> usize {
        if person >= self.people {
            return 0;
        }
        let (block, r) = (person / self.direct(), person % self.direct());
        let listed = (self.people - block * self.direct()).min(self.direct());
        1 + usize::from(r < self.pattern.copies().min(listed))
    }

    fn is_null_assignee(&self, person: usize) -> bool {
        self.null_assignee == Some(person) && self.grants_of(person) == 1
    }
}

fn iso(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// GitHub's "Organization Simple" for organization `i` of the enterprise.
pub fn organization_json(spec: &EnterpriseSpec, i: usize) -> Value {
    let login = spec.organizations.get(i).map_or("", |(l, _)| l.as_str());
    let id = 9_100_000 + splitmix(super::seed_for(login)) % 1_000_000;
    let api = format!("https://api.github.com/orgs/{login}");
    json!({
        "login": login,
        "id": id,
        "node_id": format!("O_kgDOAIrW{id:X}"),
        "url": api,
        "repos_url": format!("{api}/repos"),
        "events_url": format!("{api}/events"),
        "hooks_url": format!("{api}/hooks"),
        "issues_url": format!("{api}/issues"),
        "members_url": format!("{api}/members{{/member}}"),
        "public_members_url": format!("{api}/public_members{{/member}}"),
        "avatar_url": format!("https://avatars.githubusercontent.com/u/{id}?v=4"),
        "description": if i % 3 == 2 { Value::Null } else { format!("Part of {}", spec.name).into() },
    })
}

/// GitHub's "Enterprise Team" object (it differs from an organization's team).
pub fn enterprise_team_json(spec: &EnterpriseSpec) -> Value {
    let (ent, now) = (&spec.name, spec.now);
    let url = format!("https://api.github.com/enterprises/{ent}/teams/ent:all-copilot-users");
    json!({
        "id": 77,
        "name": "All Copilot users",
        "slug": "ent:all-copilot-users",
        "url": url,
        "sync_to_organizations": "all",
        "group_id": null,
        "html_url": format!("https://github.com/enterprises/{ent}/teams/ent:all-copilot-users"),
        "members_url": format!("{url}/memberships{{/member}}"),
        "created_at": iso(now - Duration::days(400)),
        "updated_at": iso(now - Duration::days(10)),
    })
}

/// Seat object `k` of the listing (`Value::Null` past the end).
pub fn enterprise_seat_json(spec: &EnterpriseSpec, k: usize) -> Value {
    let Some((person, grant)) = spec.object(k) else {
        return Value::Null;
    };
    let people = spec.people_spec();
    let org = grant.organization();
    let mut seat = seat_json(&people, person);
    if let Grant::SecondOrg(_) | Grant::EnterpriseTeam(_) = grant {
        // Same user, but the grant has its own dates, activity and team: drawn from another seed.
        let other = OrgSpec {
            seed: splitmix(people.seed ^ (k as u64 + 1)),
            ..people.clone()
        };
        let mut copy = seat_json(&other, person);
        // Moved, not cloned; a field the copy lacks becomes null (the schema allows it), which
        // keeps map removal and value cloning out of the app's demo.
        for field in [
            "created_at",
            "updated_at",
            "pending_cancellation_date",
            "last_activity_at",
            "last_activity_editor",
            "last_authenticated_at",
            "assigning_team",
        ] {
            seat[field] = copy[field].take();
        }
    }
    if let Grant::EnterpriseTeam(_) = grant {
        seat["assigning_team"] = enterprise_team_json(spec);
    } else if let Some(team) = seat
        .get_mut("assigning_team")
        .and_then(Value::as_object_mut)
    {
        // An organization's team: GitHub's schema wants its `type`, and it lives in that org.
        let login = spec.organizations.get(org).map_or("", |(l, _)| l.as_str());
        let slug = team
            .get("slug")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        team.insert("type".into(), "organization".into());
        team.insert(
            "html_url".into(),
            format!("https://github.com/orgs/{login}/teams/{slug}").into(),
        );
    }
    // The organization's plan, keeping the generator's `unknown` and absent plans.
    if seat.get("plan_type").and_then(Value::as_str) == Some(Plan::Business.as_str()) {
        let plan = spec
            .organizations
            .get(org)
            .map_or(Plan::Business, |(_, p)| *p);
        seat["plan_type"] = plan.as_str().into();
    }
    seat["organization"] = organization_json(spec, org);
    if spec.is_null_assignee(person) {
        seat["assignee"] = Value::Null;
    }
    seat
}

/// `GET /enterprises/{enterprise}/copilot/billing/seats?page=&per_page=`:
/// `{"total_seats": people, "seats": [...]}`. `per_page` is taken as given (the caller caps it).
pub fn enterprise_page_json(spec: &EnterpriseSpec, page: usize, per_page: usize) -> Value {
    super::page_json(spec.people, spec.objects(), page, per_page, |k| {
        enterprise_seat_json(spec, k)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use std::collections::{HashMap, HashSet};

    fn spec(people: usize) -> EnterpriseSpec {
        EnterpriseSpec {
            name: "test-ent".into(),
            people,
            organizations: vec![
                ("ent-web".into(), Plan::Business),
                ("ent-data".into(), Plan::Enterprise),
                ("ent-labs".into(), Plan::Business),
            ],
            pattern: Pattern {
                direct: 10,
                second_org: 2,
                enterprise_team: 1,
            },
            null_assignee: Some(7),
            now: Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap(),
        }
    }

    #[test]
    fn every_person_is_listed_and_the_copies_come_from_other_orgs() {
        for people in [0, 1, 3, 10, 11, 12, 13, 257] {
            let s = spec(people);
            let mut grants: HashMap<usize, Vec<Grant>> = HashMap::new();
            for k in 0..s.objects() {
                let (p, g) = s.object(k).unwrap();
                grants.entry(p).or_default().push(g);
            }
            assert_eq!(s.object(s.objects()), None);
            assert_eq!(grants.len(), people, "{people}");
            for (p, g) in &grants {
                assert_eq!(g.len(), s.grants_of(*p), "{people} {p}");
                assert!(matches!(g[0], Grant::Own(_)));
                let orgs: HashSet<usize> = g.iter().map(|g| g.organization()).collect();
                assert_eq!(orgs.len(), g.len(), "each copy from another org");
            }
        }
        let s = spec(100_000);
        assert_eq!(s.objects(), 130_000);
    }

    #[test]
    fn copies_keep_the_user_and_change_the_grant() {
        let s = spec(30);
        let seats: Vec<Value> = (0..s.objects())
            .map(|k| enterprise_seat_json(&s, k))
            .collect();
        let by_login = |login: &str| -> Vec<&Value> {
            seats
                .iter()
                .filter(|v| v["assignee"]["login"] == login)
                .collect()
        };
        let first = seats[0]["assignee"]["login"].as_str().unwrap();
        let two = by_login(first);
        assert_eq!(two.len(), 2);
        assert_eq!(two[0]["assignee"], two[1]["assignee"]);
        assert_ne!(two[0]["organization"], two[1]["organization"]);
        let team_copy = seats
            .iter()
            .find(|v| v["assigning_team"]["slug"] == "ent:all-copilot-users")
            .unwrap();
        assert_eq!(
            by_login(team_copy["assignee"]["login"].as_str().unwrap()).len(),
            2
        );
        let nulls = seats.iter().filter(|v| v["assignee"].is_null()).count();
        assert_eq!(nulls, 1);
        assert!(seats.iter().all(|v| v["organization"]["login"].is_string()));
        assert!(seats.iter().any(|v| v["plan_type"] == "enterprise"));
        let page = enterprise_page_json(&s, 2, 10);
        assert_eq!(page["total_seats"], 30);
        assert_eq!(page["seats"][0], seats[10]);
    }
}
