//! The members and teams of the organization shown, read when asked: from GitHub every page
//! (the members, then the teams with their members), each list whole or not at all; the demo's
//! are made in the page. The read is a [`Task`]: another Load, the demo or Forget token stops
//! it.

use leptos::prelude::*;
use seat_core::members::{Listing, Member, OrgTeam};

use super::session::{demo_spec, Session};
use super::task::Task;
use super::AppState;

/// Starts reading `session`'s members and teams into `state`; `None` when there is nothing to
/// run (the demo's are there at once; a report file has none).
pub(super) fn read(state: AppState, session: Session) -> Option<Task> {
    if session.is_demo() {
        let (members, teams) = demo(&state);
        state.data.set_members(Listing::Ready(members));
        state.data.set_teams(Listing::Ready(teams));
        return None;
    }
    let client = session.client()?;
    state.data.set_members(Listing::Reading(0));
    state.data.set_teams(Listing::Idle);
    let org = session.org.clone();
    Some(Task::spawn(async move {
        let members = client
            .members(&org, &|n| state.data.set_members(Listing::Reading(n)))
            .await;
        state.data.set_members(match members {
            Ok(m) => Listing::Ready(m),
            Err(e) => Listing::Failed(e.to_string()),
        });
        state.data.set_teams(Listing::Reading(0));
        state.data.set_teams(match client.teams(&org).await {
            Ok(t) => Listing::Ready(t),
            Err(e) => Listing::Failed(e.to_string()),
        });
    }))
}

/// The demo organization's members and teams, generated as fakehub generates them.
fn demo(state: &AppState) -> (Vec<Member>, Vec<OrgTeam>) {
    use seat_core::generate::{login, members as gen};
    let spec = demo_spec(state.loaded.now.get_untracked());
    let mut members = Vec::new();
    let mut teams: Vec<OrgTeam> = (0..gen::team_count())
        .map(|t| OrgTeam {
            team: seat_core::models::Team {
                name: Some(gen::team_name(t).into()),
                slug: Some(gen::team_slug(t).into()),
                html_url: None,
            },
            members: Vec::new(),
        })
        .collect();
    for i in gen::member_indices(&spec) {
        let Some(name) = login(&spec, i) else {
            continue;
        };
        for t in gen::teams_of(&spec, i) {
            if let Some(team) = teams.get_mut(t) {
                team.members.push(name.as_str().into());
            }
        }
        members.push(Member::named(&name));
    }
    (members, teams)
}
