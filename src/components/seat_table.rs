//! The virtualized seat table: only the rows on screen are in the DOM.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use seat_core::editor::parse_editor;
use seat_core::models::Seat;
use seat_core::plan::PlanType;
use seat_core::selection::{Coverage, Selection};
use seat_core::table::{missing_activity_label, Column, Direction, ACTIVITY_NOTE};
use seat_core::time::{ago, iso_utc};

/// Every row is this tall (CSS matches), so the rows on screen follow from the scroll offset.
pub const ROW_HEIGHT: f64 = 40.0;
/// Rows rendered above and below the visible ones, so fast scrolling shows no gaps.
const OVERSCAN: usize = 8;

/// A change to the selection asked from the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick {
    /// Tick or untick one seat (an index into the seats).
    One(u32, bool),
    /// Tick or untick every seat of the view ("Select all").
    Rows(Vec<u32>, bool),
    /// Untick everything.
    Clear,
}

/// The access list: a virtualized `<table>` named "Seats" with sortable headers. Only the rows
/// on screen are in the DOM, so 100,000 seats scroll as smoothly as 20.
#[component]
pub fn SeatTable(
    /// All seats (rows index into it).
    #[prop(into)]
    seats: Signal<Vec<Seat>>,
    /// The rows of the current view, in order.
    #[prop(into)]
    rows: Signal<Vec<u32>>,
    /// The sorted column.
    #[prop(into)]
    sort: Signal<Column>,
    /// The sort direction.
    #[prop(into)]
    direction: Signal<Direction>,
    /// Called with the header the user clicked.
    on_sort: Callback<Column>,
    /// Builds a seat's detail link from its login.
    seat_href: Callback<String, String>,
    /// "Now", for relative dates.
    #[prop(into)]
    now: Signal<DateTime<Utc>>,
    /// Whether rows can be selected (seats at GitHub or the demo, not a report file).
    #[prop(into)]
    selectable: Signal<bool>,
    /// The ticked seats.
    #[prop(into)]
    selected: Signal<Selection>,
    /// Called with the tick the user asked for.
    on_pick: Callback<Pick>,
    /// An enterprise's people: an "Organization" column after "User".
    #[prop(into)]
    enterprise: Signal<bool>,
) -> impl IntoView {
    let scroll_top = RwSignal::new(0.0_f64);
    let scroller = NodeRef::<leptos::html::Div>::new();
    let viewport = use_viewport(scroller);

    let total = move || rows.with(Vec::len);
    let window = visible_window(rows, scroll_top, viewport);
    // Bumped whenever the seats change: a seat changed in place (a removal read back from
    // GitHub) must render again even where its row's position and index stay the same.
    let version = Memo::new(move |prev: Option<&u64>| {
        seats.track();
        prev.map_or(0, |v| v.wrapping_add(1))
    });
    let visible = move || {
        let (first, last) = window.get();
        let v = version.get();
        rows.with(|r| {
            r[first..last]
                .iter()
                .enumerate()
                .map(|(k, &i)| (first + k, i, v))
                .collect::<Vec<_>>()
        })
    };
    // Integers: rows are a whole number of pixels tall.
    let row = ROW_HEIGHT as usize;
    let top_pad = move || format!("{}px", window.get().0 * row);
    let bottom_pad = move || format!("{}px", (total() - window.get().1) * row);

    let header = move |column: Column| view! { <SortHeader column=column sort=sort direction=direction on_sort=on_sort /> };
    let select_all = move || {
        selectable
            .get()
            .then(|| view! { <SelectAllHeader what="seat" rows=rows selected=selected on_pick=on_pick /> })
    };
    let headers = move || {
        let columns: &[Column] = if enterprise.get() {
            &Column::ENTERPRISE
        } else {
            &Column::ALL
        };
        columns.iter().copied().map(header).collect_view()
    };
    let columns =
        move || (8 + usize::from(selectable.get()) + usize::from(enterprise.get())).to_string();

    view! {
        <div class="table-scroll" node_ref=scroller tabindex="0" aria-label="Seats, scrollable"
            on:scroll=move |_| if let Some(el) = scroller.get_untracked() { scroll_top.set(f64::from(el.scroll_top())) }>
            <table aria-label="Seats" aria-rowcount=move || (total() + 1).to_string()>
                <thead>
                    <tr aria-rowindex="1">{select_all}{headers}</tr>
                </thead>
                <tbody>
                    <tr class="spacer" aria-hidden="true"><td colspan=columns style:height=top_pad></td></tr>
                    <For each=visible key=|row| *row let:((position, index, _version))>
                        {seats.with_untracked(|all| all.get(index as usize).cloned()).map(|seat| {
                            let pick = selectable.get_untracked().then_some((index, selected, on_pick));
                            view! { <SeatRow seat=seat position=position seat_href=seat_href now=now.get_untracked() pick=pick enterprise=enterprise.get_untracked() /> }
                        })}
                    </For>
                    <tr class="spacer" aria-hidden="true"><td colspan=columns style:height=bottom_pad></td></tr>
                </tbody>
            </table>
        </div>
    }
}

/// The rows on screen at this scroll position, with `OVERSCAN` more on each side: `first..last`.
fn visible_window(
    rows: Signal<Vec<u32>>,
    scroll_top: RwSignal<f64>,
    viewport: RwSignal<f64>,
) -> Memo<(usize, usize)> {
    Memo::new(move |_| {
        let n = rows.with(Vec::len);
        let first = ((scroll_top.get() / ROW_HEIGHT).floor() as usize)
            .saturating_sub(OVERSCAN)
            .min(n);
        let count = (viewport.get() / ROW_HEIGHT).ceil() as usize + 2 * OVERSCAN;
        (first, (first + count).min(n))
    })
}

/// The viewport's height, measured once mounted and on resize (a push outward from the DOM).
/// The listener goes with the table: left behind, it read a disposed NodeRef and panicked on
/// the first resize after visiting a seat page (issue 11).
fn use_viewport(scroller: NodeRef<leptos::html::Div>) -> RwSignal<f64> {
    let viewport = RwSignal::new(640.0_f64);
    Effect::new(move |_| {
        if let Some(el) = scroller.get() {
            viewport.set(f64::from(el.client_height()).max(ROW_HEIGHT));
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| {
        if let Some(el) = scroller.try_get_untracked().flatten() {
            viewport.try_set(f64::from(el.client_height()).max(ROW_HEIGHT));
        }
    });
    on_cleanup(move || resize.remove());
    viewport
}

/// A column header whose button sorts by it; `aria-sort` tells which one is sorted.
#[component]
fn SortHeader(
    column: Column,
    sort: Signal<Column>,
    direction: Signal<Direction>,
    on_sort: Callback<Column>,
) -> impl IntoView {
    let aria = move || {
        if sort.get() == column {
            direction.get().aria()
        } else {
            "none"
        }
    };
    let arrow = move || match (sort.get() == column, direction.get()) {
        (true, Direction::Asc) => "▲",
        (true, Direction::Desc) => "▼",
        _ => "",
    };
    view! {
        <th scope="col" aria-sort=aria class=format!("col-{}", column.key())>
            <button type="button" on:click=move |_| on_sort.run(column)>
                {column.label()}
                <span class="arrow" aria-hidden="true">{arrow}</span>
            </button>
        </th>
    }
}

/// "Select all": the header checkbox covers the whole view (of `what`: "seat", "member"), not
/// only the rows on screen.
#[component]
pub(crate) fn SelectAllHeader(
    what: &'static str,
    rows: Signal<Vec<u32>>,
    selected: Signal<Selection>,
    on_pick: Callback<Pick>,
) -> impl IntoView {
    let coverage = Memo::new(move |_| rows.with(|r| selected.with(|s| s.coverage(r))));
    view! {
        <th scope="col" class="col-select">
            <input type="checkbox" aria-label="Select all"
                title=move || format!("Select every {what} in this view ({}), not only the rows on screen", rows.with(Vec::len))
                prop:checked=move || coverage.get() == Coverage::All
                prop:indeterminate=move || coverage.get() == Coverage::Some
                on:change=move |_| {
                    let on = coverage.get_untracked() != Coverage::All;
                    on_pick.run(Pick::Rows(rows.get_untracked(), on));
                } />
        </th>
    }
}

/// One row of the access list.
#[component]
fn SeatRow(
    /// The seat.
    seat: Seat,
    /// Its 0-based position in the view (for `aria-rowindex`).
    position: usize,
    /// Builds a seat's detail link.
    seat_href: Callback<String, String>,
    /// "Now", for relative dates.
    now: DateTime<Utc>,
    /// When rows can be selected: the seat's index, the selection and where ticks go.
    pick: Option<(u32, Signal<Selection>, Callback<Pick>)>,
    /// Whether to show the "Organization" cell.
    enterprise: bool,
) -> impl IntoView {
    let login = seat.login().to_string();
    let user = if login.is_empty() {
        view! { <span class="muted" title=seat_core::table::NO_USER_NOTE>"(no user)"</span> }
            .into_any()
    } else {
        view! { <a href=seat_href.run(login.clone())>{login.clone()}</a> }.into_any()
    };
    let activity = match seat.last_activity_at {
        Some(t) => time_ago(t, now),
        None => view! {
            <span class="missing" title=ACTIVITY_NOTE>{missing_activity_label(&seat, now)}</span>
        }
        .into_any(),
    };
    let authenticated = match seat.last_authenticated_at {
        Some(t) => time_ago(t, now),
        None => view! { <span class="missing">"Never"</span> }.into_any(),
    };
    let raw_editor = seat
        .last_activity_editor
        .as_deref()
        .unwrap_or_default()
        .to_string();
    let editor = parse_editor(seat.last_activity_editor.as_deref()).label();
    let team = seat.team().unwrap_or("—").to_string();
    let plan =
        PlanType::parse(seat.plan_type.as_deref()).map_or("—".into(), |p| p.short_label(20));
    let assigned = if seat.created_known() {
        seat_core::time::ymd(seat.created_at.date_naive())
    } else {
        "—".to_string()
    };
    let cancel = seat
        .pending_cancellation_date
        .map_or_else(|| "—".to_string(), seat_core::time::ymd);
    let checkbox = pick.map(|(index, selected, on_pick)| {
        view! { <RowCheckbox login=login.clone() index=index selected=selected on_pick=on_pick /> }
    });
    // Space on the row (its link, say) ticks its checkbox, as on GitHub's lists; the checkbox
    // itself handles Space natively.
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let Some((index, selected, on_pick)) = pick else {
            return;
        };
        if ev.key() == " " && !crate::browser::on_form_field(&ev) {
            ev.prevent_default();
            on_pick.run(Pick::One(
                index,
                !selected.with_untracked(|s| s.contains(index)),
            ));
        }
    };
    let organization = enterprise.then(|| {
        let orgs: Vec<&str> = seat.organizations().collect();
        let label = match orgs.as_slice() {
            [] => "—".to_string(),
            [one] => one.to_string(),
            many => format!("{} organizations", many.len()),
        };
        view! { <td class="col-org" title=orgs.join(", ")>{label}</td> }
    });
    view! {
        <tr aria-rowindex=(position + 2).to_string() on:keydown=on_key>
            {checkbox}
            <td class="col-user">{user}</td>
            {organization}
            <td>{activity}</td>
            <td>{authenticated}</td>
            <td title=raw_editor>{editor}</td>
            <td class="col-team" title=team.clone()>{team.clone()}</td>
            <td><time datetime=iso_utc(seat.created_at)>{assigned}</time></td>
            <td>{plan}</td>
            <td>{cancel}</td>
        </tr>
    }
}

/// "3 days ago", with the exact UTC time as its `datetime` and tooltip.
fn time_ago(t: DateTime<Utc>, now: DateTime<Utc>) -> AnyView {
    view! { <time datetime=iso_utc(t) title=iso_utc(t)>{ago(t, now)}</time> }.into_any()
}

/// A row's "Select LOGIN" checkbox.
#[component]
fn RowCheckbox(
    login: String,
    index: u32,
    selected: Signal<Selection>,
    on_pick: Callback<Pick>,
) -> impl IntoView {
    let name = if login.is_empty() {
        "Select (no user)".to_string()
    } else {
        format!("Select {login}")
    };
    view! {
        <td class="col-select">
            <input type="checkbox" aria-label=name
                prop:checked=move || selected.with(|s| s.contains(index))
                on:change=move |ev| on_pick.run(Pick::One(index, event_target_checked(&ev))) />
        </td>
    }
}
