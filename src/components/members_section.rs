//! Members without a seat and the teams: read when asked, searchable and sortable by login,
//! with ticks for "Assign seats" and a button per team to assign or remove its seats.

use leptos::prelude::*;
use seat_core::members::{self, Listing, Member};
use seat_core::overview::format_count;
use seat_core::selection::Selection;
use seat_core::status::WriteStatus;
use seat_core::writes::texts;

use crate::components::access_list::WriteOutcome;
use crate::components::seat_table::{Pick, SelectAllHeader};
use crate::components::when::When;

/// Rows drawn at most; "Select all" still covers the whole view.
const SHOWN: usize = 500;

/// A team's row: what it is and what its seats are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TeamRow {
    /// The slug GitHub's writes take.
    pub slug: String,
    /// The name shown.
    pub label: String,
    /// Its members, and how many hold a seat.
    pub coverage: members::Coverage,
    /// Seats the team grants that are not pending cancellation.
    pub granted: usize,
}

/// The members of the organization who hold no seat, and its teams.
#[component]
pub(crate) fn MembersSection(
    /// Every member, once read. (Signals are taken as they are, not as `Signal<T>`: each
    /// wrapper type costs the download its own copy of the reactive code.)
    members: ReadSignal<Listing<Member>>,
    /// Indices of the members without a seat.
    without: Memo<Vec<u32>>,
    /// The teams' rows, once read.
    teams: Memo<Listing<TeamRow>>,
    /// Reads the members and teams.
    on_read: Callback<()>,
    /// The ticked members.
    picked: RwSignal<Selection>,
    /// Applies a tick.
    on_pick: Callback<Pick>,
    /// Whether a write can start now.
    #[prop(into)]
    can_write: Signal<bool>,
    /// "Assign seats": opens the confirmation.
    on_assign: Callback<()>,
    /// A team's button: (assign?, slug).
    on_team: Callback<(bool, String)>,
    /// The last assignment's progress or outcome.
    status: RwSignal<WriteStatus>,
) -> impl IntoView {
    let search = RwSignal::new(String::new());
    let descending = RwSignal::new(false);
    let rows = Memo::new(move |_| {
        let (s, d) = (search.get(), descending.get());
        members.with(|m| {
            let all = m.ready().unwrap_or_default();
            without.with(|w| members::view(all, w, &s, d))
        })
    });
    let reading = move || {
        match members.get() {
        Listing::Idle => Some(view! {
            <p class="hint-text">{members::READ_ON_REQUEST}</p>
            <button type="button" on:click=move |_| on_read.run(())>"Find members without a seat"</button>
        }.into_any()),
        Listing::Reading(n) => Some(view! {
            <p class="progress" aria-live="polite">{format!("Reading members: {}…", format_count(n as u64))}</p>
        }.into_any()),
        Listing::Failed(e) => Some(view! {
            <div class="alert" role="alert"><p>{format!("The members could not be read: {e}")}</p>
                <button type="button" on:click=move |_| on_read.run(())>"Read members again"</button></div>
        }.into_any()),
        Listing::Ready(_) => None,
    }
    };
    view! {
        <section class="card members" id="members" aria-labelledby="members-heading">
            <h2 id="members-heading">"Members without a seat"</h2>
            <p class="hint-text">{members::OUTSIDE_COLLABORATORS}</p>
            {reading}
            <WriteOutcome write=status.into() />
            <When when=move || members.with(|m| m.ready().is_some())>
                <div class="toolbar">
                    <div class="field search">
                        <label for="member-search">"Search members"</label>
                        <input id="member-search" type="text" enterkeyhint="search" placeholder="login" spellcheck="false" autocapitalize="off"
                            prop:value=move || search.get() on:input=move |ev| search.set(event_target_value(&ev)) />
                    </div>
                    <p role="status" class="count">{move || members::without_seat_status(rows.with(Vec::len))}</p>
                    <span class="selected-count" aria-live="polite">{move || format!("{} selected", format_count(picked.with(Selection::len) as u64))}</span>
                    <button type="button" id="assign-selected" on:click=move |_| on_assign.run(())
                        disabled=move || picked.with(Selection::is_empty) || !can_write.get()>"Assign seats"</button>
                </div>
                <MemberTable members=members rows=rows descending=descending picked=picked on_pick=on_pick />
            </When>
            <TeamsList teams=teams can_write=can_write on_team=on_team />
        </section>
    }
}

/// The members of the view (the first [`SHOWN`]), with a tick each.
#[component]
fn MemberTable(
    members: ReadSignal<Listing<Member>>,
    rows: Memo<Vec<u32>>,
    descending: RwSignal<bool>,
    picked: RwSignal<Selection>,
    on_pick: Callback<Pick>,
) -> impl IntoView {
    let body = move || {
        members.with(|m| {
            let all = m.ready().unwrap_or_default();
            rows.with(|r| {
                r.iter()
                    .take(SHOWN)
                    .filter_map(|&i| {
                        let login = all.get(i as usize)?.login.to_string();
                        let label = format!("Select {login}");
                        Some(view! {
                            <tr>
                                <td class="col-select"><input type="checkbox" aria-label=label
                                    prop:checked=move || picked.with(|s| s.contains(i))
                                    on:change=move |ev| on_pick.run(Pick::One(i, event_target_checked(&ev))) /></td>
                                <td>{login}</td>
                            </tr>
                        })
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <table class="members-table" aria-label="Members without a seat">
            <thead><tr>
                <SelectAllHeader what="member" rows=rows.into() selected=picked.into() on_pick=on_pick />
                <th scope="col" aria-sort=move || if descending.get() { "descending" } else { "ascending" }>
                    <button type="button" on:click=move |_| descending.update(|d| *d = !*d)>"Login"
                        <span class="arrow" aria-hidden="true">{move || if descending.get() { "▼" } else { "▲" }}</span></button>
                </th>
            </tr></thead>
            <tbody>{body}</tbody>
        </table>
        {move || {
            let n = rows.with(Vec::len);
            (n > SHOWN).then(|| view! {
                <p class="muted small">{format!("Showing the first {SHOWN} of {}: search to narrow the list. \"Select all\" covers all of them.", format_count(n as u64))}</p>
            })
        }}
    }
}

/// The teams, with how many of their members hold a seat and a button to assign or remove
/// each team's seats.
#[component]
fn TeamsList(
    teams: Memo<Listing<TeamRow>>,
    can_write: Signal<bool>,
    on_team: Callback<(bool, String)>,
) -> impl IntoView {
    let rows = move || {
        match teams.get() {
        Listing::Idle => ().into_any(),
        Listing::Reading(_) => view! { <p class="progress" aria-live="polite">"Reading teams…"</p> }.into_any(),
        Listing::Failed(e) => view! { <div class="alert" role="alert"><p>{format!("The teams could not be read: {e}")}</p></div> }.into_any(),
        Listing::Ready(rows) if rows.is_empty() => view! { <p class="muted">"The organization has no teams."</p> }.into_any(),
        Listing::Ready(rows) => view! {
            <table class="teams-table" aria-label="Teams">
                <thead><tr><th scope="col">"Team"</th><th scope="col">"Members with a seat"</th>
                    <th scope="col">"Seats through the team"</th><th scope="col">"Change"</th></tr></thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let missing = row.coverage.members - row.coverage.with_seat;
                        let (assign_slug, remove_slug) = (row.slug.clone(), row.slug.clone());
                        view! {
                            <tr>
                                <td>{row.label.clone()}</td>
                                <td>{row.coverage.text()}</td>
                                <td>{format_count(row.granted as u64)}</td>
                                <td class="actions">
                                    {(missing > 0 || row.granted == 0).then(|| view! {
                                        <button type="button" disabled=move || !can_write.get()
                                            on:click=move |_| on_team.run((true, assign_slug.clone()))>{texts::team_button(true, &row.label)}</button>
                                    })}
                                    {(row.granted > 0).then(|| view! {
                                        <button type="button" class="danger" disabled=move || !can_write.get()
                                            on:click=move |_| on_team.run((false, remove_slug.clone()))>{texts::team_button(false, &row.label)}</button>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        }.into_any(),
    }
    };
    view! {
        <h3>"Teams"</h3>
        <p class="hint-text">{members::TEAM_SEATS}</p>
        {rows}
    }
}
