//! "Compare with an earlier report" and "Changes since DATE": what changed between report CSVs.

use leptos::prelude::*;
use seat_core::compare::Change;
use seat_core::filter::Filter;
use seat_core::overview::format_count;

use crate::browser::PickedFile;
use crate::components::report_picker::ReportPicker;
use seat_core::compare::Compared;

/// "Compare with an earlier report", and once one is open, "Changes since DATE": new seats,
/// removed seats, newly idle, back in use, each a link to exactly those seats, and with three or
/// more reports the trend of seats and active seats.
#[component]
pub(crate) fn ChangesSection(
    /// The comparison, once an earlier report is open.
    #[prop(into)]
    comparison: Signal<Option<Compared>>,
    /// Called with the earlier report files the user opened.
    on_open: Callback<Vec<PickedFile>>,
    /// Builds the link to the access list showing one kind of change.
    href: Callback<Filter, String>,
    /// What went wrong reading a file.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let figures = move |c: Compared| {
        let items = Change::ALL
            .into_iter()
            .map(|change| {
                let n = c.result.of(change).len() as u64;
                view! {
                    <div class="figure"><dt>{change.label()}</dt>
                        <dd><a href=href.run(Filter::Changed(change))>{format_count(n)}</a></dd></div>
                }
            })
            .collect_view();
        let trend = (c.trend.len() >= 3).then(|| {
            let rows = c
                .trend
                .iter()
                .map(|p| view! {
                    <tr><td>{seat_core::time::minute_utc(p.time)}</td>
                        <td>{format_count(p.seats as u64)}</td><td>{format_count(p.active as u64)}</td></tr>
                })
                .collect_view();
            view! {
                <TrendChart points=c.trend.clone() />
                <table class="chart-data">
                    <caption class="visually-hidden">"Seats and active seats per report"</caption>
                    <thead><tr><th scope="col">"Report"</th><th scope="col">"Seats"</th><th scope="col">"Active"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }
        });
        view! {
            <h3>{format!("Changes since {} ({})", seat_core::time::minute_utc(c.time), c.file)}</h3>
            <p class="hint-text">{seat_core::compare::ACTIVE_DEFINITION}</p>
            <dl class="figures">{items}</dl>
            {trend}
        }
    };
    view! {
        <section class="card changes" aria-labelledby="changes-heading">
            <h2 id="changes-heading">"Compare"</h2>
            <ReportPicker id="compare-report" label="Compare with an earlier report" on_open=on_open
                hint="Read in this page, sent nowhere." />
            {move || error.get().map(|e| view! { <div role="alert" class="alert">{e}</div> })}
            {move || comparison.get().map(figures)}
        </section>
    }
}

/// Seats (bars) and active seats (the darker part) per report, oldest first.
#[component]
fn TrendChart(
    /// The points.
    points: Vec<seat_core::compare::TrendPoint>,
) -> impl IntoView {
    let max = points.iter().map(|p| p.seats).max().unwrap_or(1).max(1);
    let (w, h, gap) = (48_usize, 120_usize, 12_usize);
    let width = points.len() * (w + gap);
    let name = format!(
        "Seats and active seats per report: {}",
        points
            .iter()
            .map(|p| format!(
                "{} {} seats, {} active",
                seat_core::time::ymd(p.time.date_naive()),
                p.seats,
                p.active
            ))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let bars = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let x = i * (w + gap);
            let total = p.seats * h / max;
            let active = p.active * h / max;
            view! {
                <rect class="trend-seats" x=x y=h - total width=w height=total />
                <rect class="trend-active" x=x y=h - active width=w height=active />
            }
        })
        .collect_view();
    view! {
        <svg class="trend" role="img" aria-label=name viewBox=format!("0 0 {width} {h}") width=width height=h>
            {bars}
        </svg>
    }
}
