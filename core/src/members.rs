//! The organization's members and teams, and which members have no Copilot seat.
//!
//! Read from `GET /orgs/{org}/members`, `GET /orgs/{org}/teams` and
//! `GET /orgs/{org}/teams/{slug}/members`, every page ([`Client::members`], [`Client::teams`]):
//! a list is used whole or not at all, so "no seat" is never said of a member on a page that
//! failed. Outside collaborators are not members (GitHub lists them elsewhere) and cannot get
//! a seat through the organization's member list.

use std::collections::HashSet;

use futures::stream::FuturesUnordered;
use futures::StreamExt;
use serde::Deserialize;

use crate::error::ApiError;
use crate::link::{page_of, parse_link_header, with_page};
use crate::loader::{encode_segment, Client, Clock, Transport};
use crate::models::{Seat, Team};
use crate::overview::format_count;

/// An item of a members or teams list, decoded with one type (one decoder in the download):
/// a member has a `login`, a team a `name` and `slug`.
#[derive(Debug, Clone, Default, Deserialize)]
struct Listed {
    #[serde(default)]
    login: Option<Box<str>>,
    #[serde(default)]
    name: Option<Box<str>>,
    #[serde(default)]
    slug: Option<Box<str>>,
    #[serde(default)]
    html_url: Option<Box<str>>,
}

impl Listed {
    fn member(self) -> Option<Member> {
        Some(Member {
            login: self.login?,
            html_url: self.html_url,
        })
    }

    fn team(self) -> Team {
        Team {
            name: self.name,
            slug: self.slug,
            html_url: self.html_url,
        }
    }
}

/// A member of the organization (GitHub's "Simple User", trimmed to what the app shows).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Member {
    /// The member's login.
    pub login: Box<str>,
    /// Profile page.
    #[serde(default)]
    pub html_url: Option<Box<str>>,
}

impl Member {
    /// A member known only by login (the demo).
    pub fn named(login: &str) -> Self {
        Self {
            login: login.into(),
            html_url: None,
        }
    }
}

/// A list read when asked for (the members, the teams): all of it or nothing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Listing<T> {
    /// Not asked for.
    #[default]
    Idle,
    /// Being read: how many items so far.
    Reading(usize),
    /// Every item.
    Ready(Vec<T>),
    /// Why it could not be read, ready to show.
    Failed(String),
}

impl<T> Listing<T> {
    /// The items, once all are read.
    pub fn ready(&self) -> Option<&[T]> {
        match self {
            Self::Ready(v) => Some(v),
            _ => None,
        }
    }
}

/// A team of the organization and its members' logins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgTeam {
    /// Name, slug and page.
    pub team: Team,
    /// Its members' logins.
    pub members: Vec<Box<str>>,
}

impl OrgTeam {
    /// The slug GitHub's writes take (the name when GitHub gave no slug).
    pub fn slug(&self) -> &str {
        slug_of(&self.team)
    }

    /// The name to show (the slug when GitHub gave no name).
    pub fn label(&self) -> &str {
        self.team.label().unwrap_or("")
    }
}

/// A team's slug, else its name: what its URLs and GitHub's writes take.
fn slug_of(team: &Team) -> &str {
    team.slug.as_deref().or(team.name.as_deref()).unwrap_or("")
}

/// The logins that hold a seat in a listing, compared as GitHub compares logins (ASCII
/// case-insensitively). A seat pending cancellation is still held.
#[derive(Debug, Clone, Default)]
pub struct Holders(HashSet<String>);

impl Holders {
    /// The holders of `seats`.
    pub fn of(seats: &[Seat]) -> Self {
        Self(
            seats
                .iter()
                .map(Seat::login)
                .filter(|l| !l.is_empty())
                .map(str::to_ascii_lowercase)
                .collect(),
        )
    }

    /// Whether `login` holds a seat.
    pub fn holds(&self, login: &str) -> bool {
        self.0.contains(&login.to_ascii_lowercase())
    }
}

/// Indices of the members who hold no seat, in GitHub's order.
pub fn without_seat(members: &[Member], holders: &Holders) -> Vec<u32> {
    (0u32..)
        .zip(members)
        .filter(|(_, m)| !holders.holds(&m.login))
        .map(|(i, _)| i)
        .collect()
}

/// The rows of the members list: `rows` (indices into `members`) whose login contains
/// `search` (case-insensitive), sorted by login (case-insensitive; descending when asked).
pub fn view(members: &[Member], rows: &[u32], search: &str, descending: bool) -> Vec<u32> {
    let needle = search.trim().to_ascii_lowercase();
    // (lowercased login, row): lowercased once, not in every comparison.
    let mut keyed: Vec<(String, u32)> = rows
        .iter()
        .filter_map(|&i| Some((members.get(i as usize)?.login.to_ascii_lowercase(), i)))
        .filter(|(l, _)| needle.is_empty() || l.contains(&needle))
        .collect();
    let login = |i: u32| members.get(i as usize).map_or("", |m| &*m.login);
    crate::small_sort::sort_by(&mut keyed, |a, b| {
        let o = a.0.cmp(&b.0).then_with(|| login(a.1).cmp(login(b.1)));
        if descending {
            o.reverse()
        } else {
            o
        }
    });
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// How many of a team's members hold a seat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Coverage {
    /// The team's members.
    pub members: usize,
    /// Of which hold a seat.
    pub with_seat: usize,
}

impl Coverage {
    /// The team's members against `holders`.
    pub fn of(team: &OrgTeam, holders: &Holders) -> Self {
        Self {
            members: team.members.len(),
            with_seat: team.members.iter().filter(|l| holders.holds(l)).count(),
        }
    }

    /// "3 of 5 members have a seat".
    pub fn text(&self) -> String {
        format!(
            "{} of {} {} a seat",
            format_count(self.with_seat as u64),
            format_count(self.members as u64),
            if self.members == 1 {
                "member has"
            } else {
                "members have"
            }
        )
    }
}

/// What assigning seats to a selection of members will send.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AssignPlan {
    /// Logins to send, each once, in selection order.
    pub send: Vec<String>,
    /// Selected logins that hold a seat by now (the list was read again): not sent.
    pub has_seat: Vec<String>,
}

impl AssignPlan {
    /// How many requests sending [`AssignPlan::send`] takes.
    pub fn batches(&self) -> usize {
        self.send.len().div_ceil(crate::writes::BATCH_SIZE)
    }
}

/// Splits the selected logins into those to send (once each, ASCII case-insensitively) and
/// those who hold a seat already.
pub fn plan_assign<'a>(
    selected: impl IntoIterator<Item = &'a str>,
    holders: &Holders,
) -> AssignPlan {
    let mut plan = AssignPlan::default();
    let mut seen = HashSet::new();
    for login in selected {
        if login.is_empty() || !seen.insert(login.to_ascii_lowercase()) {
            continue;
        }
        if holders.holds(login) {
            plan.has_seat.push(login.to_string());
        } else {
            plan.send.push(login.to_string());
        }
    }
    plan
}

/// "N members without a seat": the members list's status.
pub fn without_seat_status(n: usize) -> String {
    format!(
        "{} {} without a seat",
        format_count(n as u64),
        if n == 1 { "member" } else { "members" }
    )
}

/// Who the members list covers.
pub const OUTSIDE_COLLABORATORS: &str = "Members of the organization only: outside collaborators are not members, so they are not listed here and cannot be given a seat from this list.";

/// How team seats work.
pub const TEAM_SEATS: &str = "Team seats follow team membership: once a team is assigned, whoever joins the team gets a seat and whoever leaves it loses theirs. A seat that came through a team cannot be removed on its own.";

/// An enterprise lists no members: each organization does.
pub const PER_ORGANIZATION: &str = "Members are listed per organization: load one of the enterprise's organizations to see who in it has no seat.";

/// Members and teams are read when asked for.
pub const READ_ON_REQUEST: &str =
    "Reading every member costs one request per 100 members, so it is done when you ask.";

/// Most teams whose members are read (one request each, or more for big teams).
pub const MAX_TEAMS: usize = 200;

/// Pages of one list read at once.
const CONCURRENT_PAGES: usize = 4;

/// Most items in one page of a members or teams list.
const PER_PAGE: u32 = 100;

impl<T: Transport, C: Clock> Client<T, C> {
    /// Every member of `org` (`GET /orgs/{org}/members`), all pages or an error.
    /// `on_progress` hears the members read so far.
    pub async fn members(
        &self,
        org: &str,
        on_progress: &dyn Fn(usize),
    ) -> Result<Vec<Member>, ApiError> {
        let path = format!("/orgs/{}/members", encode_segment(org));
        let items = self
            .list_all(
                &path,
                &format!("members of organization {org}"),
                on_progress,
            )
            .await?;
        Ok(items.into_iter().filter_map(Listed::member).collect())
    }

    /// The teams of `org` with their members, at most [`MAX_TEAMS`] of them (all pages of
    /// each, or an error).
    pub async fn teams(&self, org: &str) -> Result<Vec<OrgTeam>, ApiError> {
        let org_seg = encode_segment(org);
        let what = format!("teams of organization {org}");
        let mut teams: Vec<Team> = self
            .list_all(&format!("/orgs/{org_seg}/teams"), &what, &|_| {})
            .await?
            .into_iter()
            .map(Listed::team)
            .collect();
        teams.truncate(MAX_TEAMS);
        let mut out = Vec::with_capacity(teams.len());
        for team in teams {
            let slug = slug_of(&team).to_string();
            let members = self
                .list_all(
                    &format!("/orgs/{org_seg}/teams/{}/members", encode_segment(&slug)),
                    &format!("members of team {slug} in organization {org}"),
                    &|_| {},
                )
                .await?;
            out.push(OrgTeam {
                team,
                members: members.into_iter().filter_map(|m| m.login).collect(),
            });
        }
        Ok(out)
    }

    /// Every item of a paged list at `path`: page 1, then up to its `last` page a few at a
    /// time (in order), or following `next` links where GitHub gives no `last`.
    async fn list_all(
        &self,
        path: &str,
        what: &str,
        on_progress: &dyn Fn(usize),
    ) -> Result<Vec<Listed>, ApiError> {
        let first = self.base.url(&format!("{path}?per_page={PER_PAGE}&page=1"));
        let (mut items, links) = self.list_page(&first, what).await?;
        let mut read = items.len();
        on_progress(read);
        if let Some((last_url, last)) = links
            .last
            .as_deref()
            .and_then(|u| Some((u, page_of(u)?)))
            .filter(|&(_, last)| last > 1)
        {
            if !self.base.owns(last_url) {
                return Err(ApiError::ForeignLink {
                    url: last_url.into(),
                });
            }
            // Pages arrive in any order; each goes to its slot, so the list keeps GitHub's.
            let mut slots: Vec<Option<Vec<Listed>>> = Vec::new();
            slots.resize_with(last as usize - 1, || None);
            let mut pages = 2..=last;
            let mut inflight = FuturesUnordered::new();
            loop {
                while inflight.len() < CONCURRENT_PAGES {
                    let Some(p) = pages.next() else { break };
                    let url = with_page(last_url, p);
                    inflight.push(async move { (p, self.list_page(&url, what).await) });
                }
                let Some((p, page)) = inflight.next().await else {
                    break;
                };
                let page = page?.0;
                read += page.len();
                on_progress(read);
                if let Some(slot) = slots.get_mut(p as usize - 2) {
                    *slot = Some(page);
                }
            }
            items.extend(slots.into_iter().flatten().flatten());
            return Ok(items);
        }
        let mut next = links.next;
        let mut visited = 1;
        while let Some(url) = next.take() {
            visited += 1;
            if visited > 100_000 {
                break; // A loop in the links.
            }
            let (page, links) = self.list_page(&url, what).await?;
            items.extend(page);
            on_progress(items.len());
            next = links.next;
        }
        Ok(items)
    }

    async fn list_page(
        &self,
        url: &str,
        what: &str,
    ) -> Result<(Vec<Listed>, crate::link::Links), ApiError> {
        let resp = self.get(url, what, &|_| {}).await?;
        let links = parse_link_header(resp.header("link").unwrap_or_default());
        let items = serde_json::from_str(&resp.body).map_err(|e| ApiError::Malformed {
            detail: format!("{what}: {e}"),
        })?;
        Ok((items, links))
    }
}

#[cfg(test)]
mod tests;
