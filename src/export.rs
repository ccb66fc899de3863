//! Saving the activity report: the CSV is written by `seat_core::report` and handed to the
//! browser as a download.

use seat_core::models::Seat;
use seat_core::report::{file_name, write_enterprise_report, write_report};

use crate::browser;

/// Saves the report of `rows` (indices into `seats`, in order) for `org` (with the
/// `organization` column for an enterprise's people), and returns a sentence saying what
/// happened: the rows, size and time, or why it failed and what to do.
pub(crate) fn download_report(org: &str, seats: &[Seat], rows: &[u32], enterprise: bool) -> String {
    let started = browser::perf_now();
    let report_time = browser::now();
    let write = if enterprise {
        write_enterprise_report
    } else {
        write_report
    };
    let bytes = match write(seats, rows, report_time) {
        Ok(bytes) => bytes,
        Err(e) => return format!("The CSV could not be written ({e})."),
    };
    match browser::download(
        &bytes,
        &file_name(org, report_time),
        "text/csv;charset=utf-8",
    ) {
        Ok(()) => seat_core::text::saved(
            rows.len(),
            bytes.len(),
            (browser::perf_now() - started).max(0.0).round() as u64,
        ),
        Err(e) => seat_core::text::download_failed(&e.to_string()),
    }
}
