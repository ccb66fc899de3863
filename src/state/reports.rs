//! Reports opened from files: the newest becomes what the app shows (no token, no request),
//! an earlier one is compared with it. Files are read in the page and sent nowhere.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
pub(crate) use seat_core::compare::Compared;
use seat_core::compare::{compare, trend};
use seat_core::loader::LoadReport;
use seat_core::models::{Billing, Seat, SeatBreakdown};
use seat_core::plan::PlanType;
use seat_core::report_read::{
    read_report, unreadable_file, Report, MAX_REPORT_BYTES, NO_FILE_CHOSEN,
};
use seat_core::spend::FROM_REPORT_FILE;

use super::dataset::Loaded;
use super::session::{Account, Session, Source};
use super::{AppState, SpendState};
use crate::browser::{self, PickedFile};

/// Reads every file; the first failure names its file and says what is wrong and what to do.
async fn read_all(files: Vec<PickedFile>) -> Result<Vec<(String, Report)>, String> {
    let mut out = Vec::with_capacity(files.len());
    for f in files {
        // Checked before reading: a 200 MB file is refused without loading it.
        if f.size > MAX_REPORT_BYTES {
            let e = seat_core::report_read::ReadError::TooLarge {
                bytes: f.size,
                max: MAX_REPORT_BYTES,
            };
            return Err(format!("{}: {e}", f.name));
        }
        let bytes = f
            .bytes()
            .await
            .map_err(|e| unreadable_file(&f.name, &e.to_string()))?;
        let report =
            read_report(&bytes, MAX_REPORT_BYTES).map_err(|e| format!("{}: {e}", f.name))?;
        out.push((f.name, report));
    }
    if out.is_empty() {
        return Err(NO_FILE_CHOSEN.into());
    }
    Ok(out)
}

/// Oldest first; reports of the same time in the order they were picked.
fn by_time(reports: &mut Vec<(String, Report)>) {
    seat_core::small_sort::sort_by_key(reports, |(_, r)| time_of(r));
}

fn time_of(report: &Report) -> DateTime<Utc> {
    report.report_time.unwrap_or_else(browser::now)
}

/// Opens `files`: the newest report is shown, the one before it (if any) compared with it, and
/// all of them make the trend.
pub(crate) async fn open(state: AppState, files: Vec<PickedFile>) -> Result<(), String> {
    let mut reports = read_all(files).await?;
    by_time(&mut reports);
    let Some((file, current)) = reports.pop() else {
        return Err(NO_FILE_CHOSEN.into());
    };
    let time = time_of(&current);
    let n = current.seats.len();
    // This app's enterprise report has an `organization` column: its people are shown as an
    // enterprise's (the Organization column, the per-organization overview).
    let account = if current.columns.organization {
        Account::Enterprise
    } else {
        Account::Organization
    };
    let session = Session::new(
        file.clone(),
        account,
        Source::Report {
            file,
            time,
            created_known: current.columns.created_at,
        },
        Default::default(),
    );
    // What a file can tell: the seats. GitHub's cycle figures stay unknown, never 0.
    let billing = (account == Account::Organization).then(|| Billing {
        seat_breakdown: SeatBreakdown {
            total: Some(n as u64),
            ..SeatBreakdown::default()
        },
        plan_type: PlanType::majority(current.seats.iter().map(|s| s.plan_type.as_deref()))
            .map(|p| p.github_name().to_string()),
        ..Billing::default()
    });
    let mut people = seat_core::enterprise::Merger::default();
    let seats = if account == Account::Enterprise {
        let mut rows = Vec::with_capacity(n);
        people.extend(&mut rows, current.seats);
        rows
    } else {
        current.seats
    };
    // One row per person: a file's rows, merged for an enterprise.
    let n = seats.len();
    let loaded = Loaded {
        billing,
        seats,
        people,
        spend: SpendState::Unavailable(FROM_REPORT_FILE.into()),
        report: LoadReport {
            total_seats: Some(n as u64),
            pages: 1,
            loaded: n,
            ..LoadReport::default()
        },
        millis: 0.0,
    };
    state.data.replace(session, time, loaded);
    state.comparison.forget();
    if !reports.is_empty() {
        set_comparison(state, reports);
    }
    Ok(())
}

/// Compares what is shown with the newest of `files` (all of them join the trend).
pub(crate) async fn compare_with(state: AppState, files: Vec<PickedFile>) -> Result<(), String> {
    let mut reports = read_all(files).await?;
    by_time(&mut reports);
    set_comparison(state, reports);
    Ok(())
}

/// `earlier` sorted oldest first; the newest of them is the one compared.
fn set_comparison(state: AppState, mut earlier: Vec<(String, Report)>) {
    let now = state.loaded.now.get_untracked();
    let points = state.loaded.seats.with_untracked(|current| {
        let mut all: Vec<(&[Seat], DateTime<Utc>)> = earlier
            .iter()
            .map(|(_, r)| (r.seats.as_slice(), time_of(r)))
            .collect();
        all.push((current, now));
        trend(&all)
    });
    let Some((file, last)) = earlier.pop() else {
        return;
    };
    let time = time_of(&last);
    let result = state
        .loaded
        .seats
        .with_untracked(|current| compare(current, now, &last.seats, time));
    // Its seats go to their own signal: the removed ones are listed from there, and the list
    // reads them in place (a copy per read would cost 100,000 seats each time).
    state.comparison.set(
        Compared {
            file,
            time,
            result,
            trend: points,
        },
        last.seats,
    );
}
