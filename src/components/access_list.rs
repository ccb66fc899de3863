//! The access list section: search, filter, count, CSV download, and the seat table of the view.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use seat_core::filter::Filter;
use seat_core::models::Seat;
use seat_core::overview::format_count;
use seat_core::query::TableQuery;
use seat_core::selection::Selection;
use seat_core::table::{filter_rows, sorted_order, SeatIndex};

use crate::components::seat_table::{Pick, SeatTable};
use seat_core::status::WriteStatus;
use seat_core::table::ACTIVITY_NOTE;

/// The access list: search, the active filter, the count, Download CSV, and the table of the
/// current view. The rows are derived from the seats and the view, never copied.
#[component]
pub(crate) fn AccessList(
    /// Every seat loaded (rows index into it).
    #[prop(into)]
    seats: Signal<Vec<Seat>>,
    /// The view: sort, direction, search, filter.
    #[prop(into)]
    query: Signal<TableQuery>,
    /// Called with the view the user asked for.
    on_query: Callback<TableQuery>,
    /// "Now", for relative dates and idle filters.
    #[prop(into)]
    now: Signal<DateTime<Utc>>,
    /// Builds a seat's detail link from its login.
    seat_href: Callback<String, String>,
    /// Saves the rows of the current view as CSV and returns what happened.
    on_download: Callback<Vec<u32>, String>,
    /// When set, only these seats (indices into `seats`) are in the view: a comparison's
    /// change, which is not a property of a seat.
    #[prop(into)]
    restrict: Signal<Option<Vec<u32>>>,
    /// Whether seats can be selected and removed (GitHub's or the demo's, not a report's).
    #[prop(into)]
    selectable: Signal<bool>,
    /// The ticked seats.
    #[prop(into)]
    selected: Signal<Selection>,
    /// Called with the tick the user asked for.
    on_pick: Callback<Pick>,
    /// Whether removal can start now (every seat loaded, no removal running).
    #[prop(into)]
    can_remove: Signal<bool>,
    /// "Remove selected seats": opens the confirmation.
    on_remove: Callback<()>,
    /// The last removal's progress or outcome.
    #[prop(into)]
    write: Signal<WriteStatus>,
    /// An enterprise's people: the "Organization" column.
    #[prop(into)]
    enterprise: Signal<bool>,
) -> impl IntoView {
    let index = Memo::new(move |_| seats.with(|s| SeatIndex::new(s)));
    // Each memo depends on the part of the view it uses: a keystroke in Search must not sort
    // 100,000 seats again.
    let sort = Memo::new(move |_| query.with(|q| q.sort));
    let direction = Memo::new(move |_| query.with(|q| q.direction));
    let subset = Memo::new(move |_| query.with(|q| (q.search.clone(), q.filter.clone())));
    let order = Memo::new(move |_| {
        let (sort, direction) = (sort.get(), direction.get());
        index.with(|ix| seats.with(|s| sorted_order(s, ix, sort, direction)))
    });
    let rows = view_rows(seats, index, order, subset, now, restrict);
    let csv_note = RwSignal::new(None::<String>);
    let download = move |_| csv_note.set(Some(on_download.run(rows.get_untracked())));
    let on_sort =
        Callback::new(move |column| on_query.run(query.with_untracked(|q| q.sorted_by(column))));

    view! {
        <section class="card seats" id="seats" aria-labelledby="seats-heading">
            <h2 id="seats-heading">"Access list"</h2>
            <div class="toolbar">
                <div class="field search">
                    <label for="seat-search">"Search"</label>
                    <input id="seat-search" type="text" enterkeyhint="search" placeholder="login" spellcheck="false" autocapitalize="off"
                        prop:value=move || query.with(|q| q.search.clone())
                        on:input=move |ev| on_query.run(query.with_untracked(|q| q.searching(&event_target_value(&ev)))) />
                </div>
                {move || {
                    let filter = query.with(|q| q.filter.clone());
                    (filter != Filter::All).then(|| view! {
                        <span class="chip">{filter.label()}
                            <button type="button" class="link"
                                on:click=move |_| on_query.run(query.with_untracked(|q| q.filtered(Filter::All)))>
                                "Show all seats"
                            </button>
                        </span>
                    })
                }}
                <p role="status" class="count">{move || format!("{} seats", format_count(rows.with(Vec::len) as u64))}</p>
                <button type="button" on:click=download disabled=move || rows.with(Vec::is_empty)>"Download CSV"</button>
            </div>
            {move || selectable.get().then(|| view! { <SelectionBar selected=selected can_remove=can_remove on_remove=on_remove on_pick=on_pick /> })}
            <WriteOutcome write=write />
            {move || csv_note.get().map(|n| view! { <p class="muted small">{n}</p> })}
            {move || enterprise.get().then(|| view! {
                <p class="hint-text" role="note">{seat_core::enterprise::REMOVAL_NOTE}</p>
            })}
            <details class="hint-text">
                <summary>"Why do some seats show no activity?"</summary>
                <p>{ACTIVITY_NOTE}</p>
            </details>
            <SeatTable seats=seats rows=rows sort=sort direction=direction on_sort=on_sort
                seat_href=seat_href now=now selectable=selectable selected=selected on_pick=on_pick
                enterprise=enterprise />
        </section>
    }
}

/// The rows of the view: the sorted order, searched and filtered (or only `restrict`'s seats,
/// a comparison's change, in the view's order, searched).
fn view_rows(
    seats: Signal<Vec<Seat>>,
    index: Memo<SeatIndex>,
    order: Memo<Vec<u32>>,
    subset: Memo<(String, Filter)>,
    now: Signal<DateTime<Utc>>,
    restrict: Signal<Option<Vec<u32>>>,
) -> Memo<Vec<u32>> {
    Memo::new(move |_| {
        let now = now.get();
        let only = restrict.get();
        subset.with(|(search, filter)| {
            order.with(|o| {
                index.with(|ix| {
                    seats.with(|s| match &only {
                        // The change's seats, in the view's order, searched.
                        Some(only) => {
                            let mut keep = vec![false; s.len()];
                            for &i in only {
                                if let Some(k) = keep.get_mut(i as usize) {
                                    *k = true;
                                }
                            }
                            let ordered: Vec<u32> =
                                o.iter().copied().filter(|&i| keep[i as usize]).collect();
                            filter_rows(s, ix, &ordered, search, Filter::All, now)
                        }
                        None => filter_rows(s, ix, o, search, filter.clone(), now),
                    })
                })
            })
        })
    })
}

/// How many seats are ticked, "Remove selected seats" and "Clear selection".
#[component]
fn SelectionBar(
    selected: Signal<Selection>,
    can_remove: Signal<bool>,
    on_remove: Callback<()>,
    on_pick: Callback<Pick>,
) -> impl IntoView {
    let n = move || selected.with(Selection::len);
    view! {
        <div class="toolbar selection">
            <span class="selected-count" aria-live="polite">{move || format!("{} selected", format_count(n() as u64))}</span>
            <button type="button" class="danger" id="remove-selected" on:click=move |_| on_remove.run(())
                disabled=move || n() == 0 || !can_remove.get()
                title=move || if can_remove.get() { "Review what will be sent before anything is" } else { "Wait until every seat is loaded and no removal is running" }>
                "Remove selected seats"
            </button>
            {move || (n() > 0).then(|| view! {
                <button type="button" class="link" on:click=move |_| on_pick.run(Pick::Clear)>"Clear selection"</button>
            })}
        </div>
    }
}

/// The last write's progress, or what GitHub did (an alert when not everything was done).
#[component]
pub(crate) fn WriteOutcome(write: Signal<WriteStatus>) -> impl IntoView {
    view! {
            {move || match write.get() {
                WriteStatus::Idle => ().into_any(),
                WriteStatus::Running(m) => view! { <p class="progress" aria-live="polite">{m}</p> }.into_any(),
                WriteStatus::Done { message, complete: true } => view! { <p class="note-box" role="note">{message}</p> }.into_any(),
                WriteStatus::Done { message, complete: false } => view! { <div class="alert" role="alert"><p>{message}</p></div> }.into_any(),
            }}
    }
}
