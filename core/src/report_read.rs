//! Reading activity reports back: this app's CSV and GitHub's own "Get report" file, so that a
//! report opened in the page works like a load (no token, no request), and two reports can be
//! compared. Every bad file ends in a [`ReadError`] naming the line and what to do; nothing is
//! ever half-read.

use std::collections::HashMap;
use std::fmt;

use chrono::{DateTime, Utc};

use crate::models::{Assignee, Organization, Seat, Team};

/// Said when the file picker was closed without a file.
pub const NO_FILE_CHOSEN: &str = "No file was chosen.";

/// The browser could not give the bytes of the file `name` (`reason` as it said).
pub fn unreadable_file(name: &str, reason: &str) -> String {
    format!("{name}: the browser could not read the file ({reason}).")
}

/// The largest report the page reads (a 100,000-seat report is about 15 MB).
pub const MAX_REPORT_BYTES: usize = 100 * 1024 * 1024;

/// Which optional columns the file had: a rule that needs a missing one says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Columns {
    /// `created_at` (the reclaim grace period needs it).
    pub created_at: bool,
    /// `last_activity_editor` (the raw editor; else only the friendly `last_surface_used`).
    pub editor: bool,
    /// `plan_type`.
    pub plan: bool,
    /// `assigning_team`.
    pub team: bool,
    /// `pending_cancellation_date`.
    pub pending: bool,
    /// `organization` (enterprise reports).
    pub organization: bool,
}

/// A report read from a file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    /// Its seats, in file order.
    pub seats: Vec<Seat>,
    /// When it was made (`report_time`; the latest when rows disagree).
    pub report_time: Option<DateTime<Utc>>,
    /// The optional columns it had.
    pub columns: Columns,
    /// Things worth saying that did not stop the reading.
    pub warnings: Vec<String>,
}

/// Why a file could not be read. `Display` says what is wrong, where, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Larger than the page reads.
    TooLarge {
        /// The file's size.
        bytes: usize,
        /// The limit.
        max: usize,
    },
    /// Not text (binary, or not UTF-8).
    NotText,
    /// Nothing in it, or only a header.
    Empty,
    /// A column the reading needs is missing from the header.
    MissingColumn(&'static str),
    /// The CSV itself is broken (quoting).
    Csv {
        /// 1-based line.
        line: u64,
        /// What the CSV reader said.
        detail: String,
    },
    /// A row with more cells than the header.
    TooManyCells {
        /// 1-based line.
        line: u64,
        /// Cells in the header.
        expected: usize,
        /// Cells in the row.
        found: usize,
    },
    /// A cell that is not what its column holds.
    BadValue {
        /// 1-based line.
        line: u64,
        /// The column.
        column: &'static str,
        /// The value (shortened).
        value: String,
    },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLarge { bytes, max } => write!(f, "The file is {} MB; reports up to {} MB are read in the page. Export a smaller view (a filter or a search) and open that.", bytes / 1_048_576, max / 1_048_576),
            Self::NotText => write!(f, "This is not a CSV text file (it is binary, or not UTF-8). Open the activity report CSV that GitHub's \"Get report\" or this app's \"Download CSV\" produced."),
            Self::Empty => write!(f, "The file has no seats: it is empty or holds only a header. Open a report with at least one row."),
            Self::MissingColumn(c) => write!(f, "The header has no \"{c}\" column. Open GitHub's activity report (report_time, login, last_authenticated_at, last_activity_at, last_surface_used) or this app's CSV."),
            Self::Csv { line, detail } => write!(f, "Line {line} is not valid CSV ({detail}). The file may have been edited by hand: fix the quoting on that line, or export the report again."),
            Self::TooManyCells { line, expected, found } => write!(f, "Line {line} has {found} cells where the header has {expected}. A value probably contains an unquoted comma: fix that line, or export the report again."),
            Self::BadValue { line, column, value } => write!(f, "Line {line}: {value:?} is not a valid {column}. Fix that cell (a timestamp like 2026-11-24T12:00:00Z, or empty), or export the report again."),
        }
    }
}

impl std::error::Error for ReadError {}

/// Undoes the writer's formula guard ([`crate::report::neutralize`]): one `'` off a cell whose
/// `'`s are followed by `=`, `+`, `-`, `@`, tab or CR.
fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest)
            if rest
                .trim_start_matches('\'')
                .starts_with(crate::report::FORMULA) =>
        {
            rest
        }
        _ => cell,
    }
}

/// Empty, `None`, `null`, `N/A` and `-` mean "no value".
fn absent(cell: &str) -> bool {
    let c = cell.trim();
    c.is_empty()
        || c.eq_ignore_ascii_case("none")
        || c.eq_ignore_ascii_case("null")
        || c.eq_ignore_ascii_case("n/a")
        || c == "-"
}

/// A timestamp as reports write them: RFC 3339 (`Z` or an offset, fractional seconds), a space
/// instead of `T`, no offset (taken as UTC), or a bare date (midnight UTC).
pub fn parse_timestamp(cell: &str) -> Option<DateTime<Utc>> {
    let c = cell.trim();
    let c = c.strip_suffix("UTC").map_or(c, str::trim_end);
    if let Some(d) = crate::time::parse_ymd(c) {
        return d.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
    }
    let mut t = c.to_string();
    if t.len() > 10 && t.as_bytes()[10] == b' ' {
        t.replace_range(10..11, "T");
    }
    // RFC 3339 as it is, else with UTC as its offset when it has none.
    crate::time::parse_rfc3339(&t).or_else(|| crate::time::parse_rfc3339(&format!("{t}Z")))
}

/// Reads a report from the bytes of a file of at most `max_bytes`.
pub fn read_report(bytes: &[u8], max_bytes: usize) -> Result<Report, ReadError> {
    let bytes = checked_text(bytes, max_bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        // Only the header is trimmed: a value's own spaces are kept (a team name may have them).
        .trim(csv::Trim::Headers)
        .from_reader(bytes);
    let header = reader
        .headers()
        .map_err(|e| ReadError::Csv {
            line: 1,
            detail: short(&e.to_string()),
        })?
        .clone();
    let cols = Cols::of(&header)?;
    let mut report = Report {
        columns: cols.present(),
        ..Report::default()
    };
    let mut times: Vec<DateTime<Utc>> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| ReadError::Csv {
            line: e.position().map_or(0, |p| p.line()),
            detail: short(&e.to_string()),
        })?;
        if record.iter().all(str::is_empty) {
            continue; // a blank line
        }
        if record.len() > header.len() {
            return Err(ReadError::TooManyCells {
                line: record.position().map_or(0, |p| p.line()),
                expected: header.len(),
                found: record.len(),
            });
        }
        let (seat, time) = cols.seat(&record)?;
        times.extend(time);
        report.seats.push(seat);
    }
    if report.seats.is_empty() {
        return Err(ReadError::Empty);
    }
    report.report_time = times.iter().max().copied();
    report.warnings = time_warnings(times);
    Ok(report)
}

/// The file's bytes as CSV text (without a byte-order mark), or why they are not.
fn checked_text(bytes: &[u8], max_bytes: usize) -> Result<&[u8], ReadError> {
    if bytes.len() > max_bytes {
        return Err(ReadError::TooLarge {
            bytes: bytes.len(),
            max: max_bytes,
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) || std::str::from_utf8(bytes).is_err() {
        return Err(ReadError::NotText);
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ReadError::Empty);
    }
    unclosed_quote(bytes)?;
    Ok(bytes)
}

/// What the report's times say about it: several times, or none.
fn time_warnings(mut times: Vec<DateTime<Utc>>) -> Vec<String> {
    let none = times.is_empty();
    times.sort_unstable();
    times.dedup();
    let mut warnings = Vec::new();
    if times.len() > 1 {
        warnings.push(format!(
            "The rows carry {} different report times; the latest is used as the report's time.",
            times.len()
        ));
    }
    if none {
        warnings.push("No row has a report_time: figures that depend on \"now\" use the time the file was opened.".into());
    }
    warnings
}

/// Where each known column is in the file (the two required ones always are).
struct Cols {
    login: usize,
    time: usize,
    auth: Option<usize>,
    act: Option<usize>,
    editor: Option<usize>,
    plan: Option<usize>,
    team: Option<usize>,
    created: Option<usize>,
    pending: Option<usize>,
    org: Option<usize>,
    surface: Option<usize>,
}

impl Cols {
    /// The columns of `header` (names case-insensitive and trimmed).
    fn of(header: &csv::StringRecord) -> Result<Self, ReadError> {
        let index: HashMap<String, usize> = header
            .iter()
            .enumerate()
            .map(|(i, h)| (h.trim().to_ascii_lowercase(), i))
            .collect();
        let col = |name: &str| index.get(name).copied();
        Ok(Cols {
            login: col("login").ok_or(ReadError::MissingColumn("login"))?,
            time: col("report_time").ok_or(ReadError::MissingColumn("report_time"))?,
            auth: col("last_authenticated_at"),
            act: col("last_activity_at"),
            editor: col("last_activity_editor"),
            plan: col("plan_type"),
            team: col("assigning_team"),
            created: col("created_at"),
            pending: col("pending_cancellation_date"),
            org: col("organization"),
            surface: col("last_surface_used"),
        })
    }

    /// Which optional columns the file has.
    fn present(&self) -> Columns {
        Columns {
            created_at: self.created.is_some(),
            editor: self.editor.is_some(),
            plan: self.plan.is_some(),
            team: self.team.is_some(),
            pending: self.pending.is_some(),
            organization: self.org.is_some(),
        }
    }

    /// One row's seat and its report time, or the first bad value (with its line).
    fn seat(&self, record: &csv::StringRecord) -> Result<(Seat, Option<DateTime<Utc>>), ReadError> {
        let line = record.position().map_or(0, |p| p.line());
        // Text keeps whatever it says ("None" may be a team's name); only empty is no value.
        let cell = |c: Option<usize>| {
            c.and_then(|c| record.get(c))
                .map(unguard)
                .filter(|v| !v.is_empty())
        };
        // Timestamps, dates, plans and surfaces also read `None`, `null`, `N/A` as no value.
        let value = |c: Option<usize>| cell(c).filter(|v| !absent(v));
        let bad = |column: &'static str, v: &str| ReadError::BadValue {
            line,
            column,
            value: short(v),
        };
        let time = |c: Option<usize>, column: &'static str| match value(c) {
            None => Ok(None),
            Some(v) => parse_timestamp(v).map(Some).ok_or_else(|| bad(column, v)),
        };
        let report_time = time(Some(self.time), "report_time")?;
        let login = cell(Some(self.login)).map(Box::from);
        // GitHub's report has only the friendly name: its editor string is rebuilt from it, so
        // the editor families and the table still have something to show.
        let editor = cell(self.editor)
            .map(str::to_string)
            .or_else(|| value(self.surface).and_then(crate::editor::editor_from_surface));
        let pending = match value(self.pending) {
            None => None,
            Some(v) => Some(
                crate::time::parse_ymd(v)
                    .or_else(|| parse_timestamp(v).map(|t| t.date_naive()))
                    .ok_or_else(|| bad("pending_cancellation_date", v))?,
            ),
        };
        let seat = Seat {
            created_at: time(self.created, "created_at")?.unwrap_or(Seat::UNKNOWN_CREATED_AT),
            assignee: login.map(|login| Assignee {
                login: Some(login),
                ..Assignee::default()
            }),
            assigning_team: cell(self.team).map(|t| Team {
                name: Some(t.into()),
                ..Team::default()
            }),
            organization: cell(self.org).map(|o| Organization {
                login: Some(o.into()),
            }),
            pending_cancellation_date: pending,
            last_activity_at: time(self.act, "last_activity_at")?,
            last_activity_editor: editor.map(Box::from),
            last_authenticated_at: time(self.auth, "last_authenticated_at")?,
            plan_type: value(self.plan).map(Box::from),
        };
        Ok((seat, report_time))
    }
}

/// The `csv` crate reads a quote that is never closed as "the rest of the file is one cell":
/// a half-read list. Refused here, naming the line where the quote opens.
fn unclosed_quote(bytes: &[u8]) -> Result<(), ReadError> {
    let (mut quoted, mut line, mut opened_at) = (false, 1u64, 0u64);
    for &b in bytes {
        match b {
            b'"' => {
                quoted = !quoted;
                if quoted {
                    opened_at = line;
                }
            }
            b'\n' => line += 1,
            _ => {}
        }
    }
    if quoted {
        return Err(ReadError::Csv {
            line: opened_at,
            detail: "a quoted value is never closed".into(),
        });
    }
    Ok(())
}

fn short(s: &str) -> String {
    s.chars().take(120).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    const GITHUB: &str = "\u{feff}Report_Time,LOGIN,last_authenticated_at,last_activity_at,Last_Surface_Used\r\n\
        2026-11-24 12:00:00,octocat,2026-11-20T10:00:00Z,None,Unspecified\r\n\
        2026-11-24 12:00:00,\"hubot, the bot\",null,2026-11-23T09:15:30.123+02:00,VS Code 1.89.1\r\n\
        2026-11-24 12:00:00,monalisa,,2026-10-01,Copilot Chat\r\n";

    #[test]
    fn reads_githubs_report_with_its_quirks() {
        let r = read_report(GITHUB.as_bytes(), MAX_REPORT_BYTES).unwrap();
        assert_eq!(r.seats.len(), 3);
        assert_eq!(
            r.report_time,
            Some(Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap())
        );
        assert_eq!(r.seats[0].login(), "octocat");
        assert_eq!(r.seats[0].last_activity_at, None);
        assert_eq!(
            r.seats[0].last_activity_editor, None,
            "Unspecified is no editor"
        );
        assert_eq!(r.seats[1].login(), "hubot, the bot");
        assert_eq!(r.seats[1].last_authenticated_at, None);
        assert_eq!(
            r.seats[1].last_activity_at,
            Some(
                Utc.with_ymd_and_hms(2026, 11, 23, 7, 15, 30).unwrap()
                    + chrono::Duration::milliseconds(123)
            )
        );
        assert_eq!(
            r.seats[1].last_activity_editor.as_deref(),
            Some("VS Code/1.89.1")
        );
        assert_eq!(
            r.seats[2].last_activity_at,
            Some(Utc.with_ymd_and_hms(2026, 10, 1, 0, 0, 0).unwrap())
        );
        assert!(!r.columns.created_at);
        assert!(!r.seats[0].created_known());
        assert!(r.warnings.is_empty());
    }

    #[test]
    fn round_trips_this_apps_report() {
        let page = crate::models::decode_seats_page(include_str!(
            "../../fixtures/github-api/org-copilot-billing-seats.json"
        ))
        .unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap();
        let bytes = crate::report::write_report(&page.seats, &[0, 1], now).unwrap();
        let r = read_report(&bytes, MAX_REPORT_BYTES).unwrap();
        assert_eq!(r.report_time, Some(now));
        assert!(r.columns.created_at && r.columns.team && r.columns.pending && r.columns.editor);
        for (a, b) in page.seats.iter().zip(&r.seats) {
            assert_eq!(a.login(), b.login());
            assert_eq!(a.created_at, b.created_at);
            assert_eq!(a.last_activity_at, b.last_activity_at);
            assert_eq!(a.last_authenticated_at, b.last_authenticated_at);
            assert_eq!(a.last_activity_editor, b.last_activity_editor);
            assert_eq!(a.team(), b.team());
            assert_eq!(a.pending_cancellation_date, b.pending_cancellation_date);
        }
    }

    #[test]
    fn bad_files_name_the_line_and_the_remedy() {
        let e = |text: &str| read_report(text.as_bytes(), MAX_REPORT_BYTES).unwrap_err();
        assert_eq!(e(""), ReadError::Empty);
        assert_eq!(e("report_time,login\n"), ReadError::Empty);
        assert_eq!(
            e("report_time,user\n2026-01-01,x\n"),
            ReadError::MissingColumn("login")
        );
        assert_eq!(
            e("report_time,login\n2026-01-01,a\n2026-01-01,b,c\n"),
            ReadError::TooManyCells {
                line: 3,
                expected: 2,
                found: 3
            }
        );
        let bad = e("report_time,login,last_activity_at\n2026-01-01,a,yesterday\n");
        assert!(
            matches!(
                bad,
                ReadError::BadValue {
                    line: 2,
                    column: "last_activity_at",
                    ..
                }
            ),
            "{bad:?}"
        );
        assert!(bad.to_string().starts_with("Line 2:"), "{bad}");
        let quoting =
            e("report_time,login\n2026-01-01,a\n2026-01-01,\"unterminated\n2026-01-01,b\n");
        assert_eq!(
            quoting,
            ReadError::Csv {
                line: 3,
                detail: "a quoted value is never closed".into()
            }
        );
        assert!(quoting.to_string().starts_with("Line 3 "), "{quoting}");
        assert_eq!(
            read_report(&[0x89, b'P', b'N', b'G', 0, 1], MAX_REPORT_BYTES),
            Err(ReadError::NotText)
        );
        assert_eq!(
            read_report(b"report_time,login\n", 4),
            Err(ReadError::TooLarge { bytes: 18, max: 4 })
        );
    }

    #[test]
    fn formula_guards_are_undone() {
        let r = read_report(
            b"report_time,login,assigning_team\n2026-01-01,a,'=SUM(A1)\n",
            MAX_REPORT_BYTES,
        )
        .unwrap();
        assert_eq!(r.seats[0].team(), Some("=SUM(A1)"));
    }

    #[test]
    fn timestamps_in_every_accepted_form() {
        let t = Utc.with_ymd_and_hms(2026, 3, 4, 5, 6, 7).unwrap();
        for s in [
            "2026-03-04T05:06:07Z",
            "2026-03-04 05:06:07",
            "2026-03-04T07:06:07+02:00",
            "2026-03-04 05:06:07 UTC",
            "2026-03-04T05:06:07.000Z",
        ] {
            assert_eq!(parse_timestamp(s), Some(t), "{s}");
        }
        assert_eq!(
            parse_timestamp("2026-03-04"),
            Some(Utc.with_ymd_and_hms(2026, 3, 4, 0, 0, 0).unwrap())
        );
        assert_eq!(parse_timestamp("soon"), None);
    }
}
