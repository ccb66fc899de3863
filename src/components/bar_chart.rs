//! An SVG bar chart whose bars filter the access list, with the same numbers as a table of links.

use leptos::prelude::*;
use seat_core::charts::Bucket;
use seat_core::filter::Filter;
use seat_core::overview::format_count;

/// Height of one bar row in the SVG's user units.
const ROW: u64 = 26;
/// Width of the label column, the bar area and the count column (user units; the SVG scales).
const LABEL_W: u64 = 130;
const BAR_W: u64 = 210;
const COUNT_W: u64 = 60;

/// A horizontal bar chart drawn in SVG: a picture (`role="img"`, its name listing every
/// number) whose bars filter the access list on click, and under it the same numbers as a
/// table of links (folded), for keyboards and screen readers.
#[component]
pub(crate) fn BarChart(
    /// The chart's name; the picture's accessible name begins with it.
    title: &'static str,
    /// The bars, in order.
    #[prop(into)]
    bars: Signal<Vec<Bucket>>,
    /// Builds the link to the access list showing one bar's seats.
    href: Callback<Filter, String>,
    /// Called when a bar of the picture is clicked.
    on_select: Callback<Filter>,
) -> impl IntoView {
    let name = move || {
        let parts: Vec<String> = bars.with(|b| {
            b.iter()
                .map(|b| format!("{} {}", b.label, format_count(b.count)))
                .collect()
        });
        format!("{title}: {}", parts.join(", "))
    };
    let height = move || bars.with(|b| b.len() as u64 * ROW);
    let max = move || bars.with(|b| b.iter().map(|b| b.count).max().unwrap_or(0).max(1));
    let rows = move || {
        let max = max();
        bars.get()
            .into_iter()
            .enumerate()
            .map(|(i, bar)| {
                // Whole user units: the picture scales anyway, and integers keep float
                // formatting out of the first visit.
                let y = i as u64 * ROW;
                let w = (bar.count * BAR_W / max).max(u64::from(bar.count > 0) * 2);
                let filter = bar.filter.clone();
                view! {
                    <g class="bar" on:click=move |_| on_select.run(filter.clone())>
                        <title>{format!("{}: {} seats", bar.label, format_count(bar.count))}</title>
                        <text x=LABEL_W - 8 y=y + ROW / 2 class="bar-label" text-anchor="end" dominant-baseline="middle">
                            {truncate(&bar.label, 16)}
                        </text>
                        <rect x=LABEL_W y=y + 4 width=w height=ROW - 8 rx="3" />
                        <text x=LABEL_W + w + 6 y=y + ROW / 2 class="bar-count" dominant-baseline="middle">
                            {format_count(bar.count)}
                        </text>
                    </g>
                }
            })
            .collect_view()
    };
    view! {
        <figure class="chart">
            <figcaption><h3>{title}</h3></figcaption>
            // Width and height in user units give the picture its aspect ratio; CSS scales it
            // to the column (down to a 360 px screen).
            <svg role="img" aria-label=name viewBox=move || format!("0 0 {} {}", LABEL_W + BAR_W + COUNT_W, height())
                width=LABEL_W + BAR_W + COUNT_W height=height preserveAspectRatio="xMinYMin meet">
                {rows}
            </svg>
            <details class="chart-numbers">
            <summary>"Numbers and links"</summary>
            <table class="chart-data">
                <caption class="visually-hidden">{format!("{title}, as numbers")}</caption>
                <thead><tr><th scope="col">"Group"</th><th scope="col">"Seats"</th></tr></thead>
                <tbody>
                    {move || bars.get().into_iter().map(|bar| view! {
                        <tr>
                            <td><a href=href.run(bar.filter.clone())>{bar.label.clone()}</a></td>
                            <td>{format_count(bar.count)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            </details>
        </figure>
    }
}

/// At most `n` characters, with an ellipsis when cut (team names are typed by people).
fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}
