//! The activity report CSV, column-compatible with GitHub's "Get report".
//!
//! GitHub's documented columns come first (`report_time, login, last_authenticated_at,
//! last_activity_at, last_surface_used`), then ours. Timestamps are UTC `YYYY-MM-DDTHH:MM:SSZ`,
//! empty when missing. Written by the `csv` crate (RFC 4180 quoting); any cell that a spreadsheet
//! would run as a formula gets a leading `'`.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::editor::parse_editor;
use crate::models::Seat;
use crate::time::{iso_utc, iso_utc_into};

/// The header row, in order.
pub const COLUMNS: [&str; 10] = [
    "report_time",
    "login",
    "last_authenticated_at",
    "last_activity_at",
    "last_surface_used",
    "last_activity_editor",
    "plan_type",
    "assigning_team",
    "created_at",
    "pending_cancellation_date",
];

/// The column an enterprise report adds after [`COLUMNS`]: every granting organization,
/// `; `-separated.
pub const ORGANIZATION_COLUMN: &str = "organization";

/// The characters a spreadsheet reads as the start of a formula.
pub const FORMULA: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell a spreadsheet would evaluate (`=`, `+`, `-`, `@`, tab, CR) gets a leading `'`.
pub fn neutralize(cell: &str) -> std::borrow::Cow<'_, str> {
    // Also when the formula character comes after `'`s: the guard added is then one more `'`,
    // and reading the report back (which removes one) gives the same text.
    if cell.trim_start_matches('\'').starts_with(FORMULA) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// `copilot-activity-report-<org>-<YYYYMMDDTHHMMSSZ>.csv`, safe as a file name.
pub fn file_name(org: &str, report_time: DateTime<Utc>) -> String {
    let org: String = org
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(39)
        .collect();
    format!(
        "copilot-activity-report-{org}-{}.csv",
        crate::time::compact_utc(report_time)
    )
}

/// Writes the report of `rows` (indices into `seats`, in the view's order) to bytes.
pub fn write_report(
    seats: &[Seat],
    rows: &[u32],
    report_time: DateTime<Utc>,
) -> Result<Vec<u8>, csv::Error> {
    write(seats, false, rows, report_time)
}

/// The enterprise report: one row per person (`seats` are an enterprise's people, from
/// [`crate::enterprise`]; `rows` index them, in the view's order), with [`COLUMNS`] then
/// [`ORGANIZATION_COLUMN`]: every granting organization, `; `-separated.
pub fn write_enterprise_report(
    seats: &[Seat],
    rows: &[u32],
    report_time: DateTime<Utc>,
) -> Result<Vec<u8>, csv::Error> {
    write(seats, true, rows, report_time)
}

fn write(
    seats: &[Seat],
    enterprise: bool,
    rows: &[u32],
    report_time: DateTime<Utc>,
) -> Result<Vec<u8>, csv::Error> {
    // ~140 bytes a row: reserve once instead of growing through 100,000 rows.
    let mut writer = csv::Writer::from_writer(Vec::with_capacity(64 + rows.len() * 140));
    let organization = enterprise.then_some(ORGANIZATION_COLUMN);
    writer.write_record(COLUMNS.iter().copied().chain(organization))?;
    let report_time = iso_utc(report_time);
    let (mut auth_buf, mut act_buf, mut created_buf) = ([0u8; 20], [0u8; 20], [0u8; 20]);
    // Editor strings repeat across seats: parse each distinct one once.
    let mut surfaces: HashMap<Option<&str>, String, crate::fast_hash::Fast> = HashMap::default();
    for &i in rows {
        let Some(s) = seats.get(i as usize) else {
            continue;
        };
        let editor = s.last_activity_editor.as_deref();
        let surface = surfaces
            .entry(editor)
            .or_insert_with(|| neutralize(&parse_editor(editor).label()).into_owned());
        let organizations = enterprise.then(|| {
            let cell = s.organizations().collect::<Vec<_>>().join("; ");
            neutralize(&cell).into_owned()
        });
        writer.write_record(
            [
                report_time.as_str(),
                &neutralize(s.login()),
                s.last_authenticated_at
                    .map_or("", |t| iso_utc_into(t, &mut auth_buf)),
                s.last_activity_at
                    .map_or("", |t| iso_utc_into(t, &mut act_buf)),
                surface.as_str(),
                &neutralize(editor.unwrap_or_default()),
                &neutralize(s.plan_type.as_deref().unwrap_or_default()),
                &neutralize(s.team().unwrap_or_default()),
                if s.created_known() {
                    iso_utc_into(s.created_at, &mut created_buf)
                } else {
                    ""
                },
                &s.pending_cancellation_date
                    .map(crate::time::ymd)
                    .unwrap_or_default(),
            ]
            .into_iter()
            .chain(organizations.as_deref()),
        )?;
    }
    writer.into_inner().map_err(|e| e.into_error().into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn read(bytes: &[u8]) -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(bytes)
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect()
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap()
    }

    #[test]
    fn official_example_rows_in_utc() {
        let page = crate::models::decode_seats_page(include_str!(
            "../../fixtures/github-api/org-copilot-billing-seats.json"
        ))
        .unwrap();
        let rows = read(&write_report(&page.seats, &[1, 0], now()).unwrap());
        assert_eq!(rows[0], COLUMNS);
        assert_eq!(
            rows[1],
            [
                "2026-11-24T12:00:00Z",
                "octokitten",
                "2021-10-14T06:53:32Z",
                "2021-10-13T06:53:32Z",
                "VS Code 1.77.3",
                "vscode/1.77.3/copilot/1.86.82",
                "",
                "",
                "2021-09-24T00:00:00Z",
                "2021-11-01",
            ]
        );
        assert_eq!(rows[2][7], "Justice League");
        assert_eq!(rows[2][6], "business");
        assert_eq!(rows.len(), 3);
    }

    #[test]
    fn nulls_are_empty_and_unknown_surface_is_unspecified() {
        let seat = crate::models::decode_seat(
            r#"{"created_at":"2024-01-01T00:00:00+05:30","assignee":null}"#,
        )
        .unwrap();
        let rows = read(&write_report(&[seat], &[0], now()).unwrap());
        assert_eq!(
            rows[1],
            [
                "2026-11-24T12:00:00Z",
                "",
                "",
                "",
                "Unspecified",
                "",
                "",
                "",
                "2023-12-31T18:30:00Z",
                ""
            ]
        );
    }

    #[test]
    fn awkward_and_hostile_values_round_trip_neutralized() {
        let team = "=HYPERLINK(\"http://x\"),\n\"quoted\" 🚀 team";
        let json = serde_json::json!({
            "created_at": "2024-01-01T00:00:00Z",
            "assignee": {"login": "-cmd"},
            "assigning_team": {"name": team},
            "last_activity_editor": "@SUM(1+1)/1.0",
            "plan_type": "+business",
        });
        let seat = crate::models::decode_seat(&json.to_string()).unwrap();
        let bytes = write_report(&[seat], &[0], now()).unwrap();
        let rows = read(&bytes);
        assert_eq!(rows[1][1], "'-cmd");
        assert_eq!(rows[1][7], format!("'{team}"));
        assert_eq!(rows[1][5], "'@SUM(1+1)/1.0");
        assert_eq!(rows[1][6], "'+business");
        for cell in &rows[1] {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?}"
            );
        }
    }

    /// Every awkward value fakehub's realistic organization carries (team names with commas,
    /// quotes, newlines, emoji, formula bait; garbage editors; mixed offsets; a null assignee)
    /// comes back from a CSV reader as written, neutralized, in UTC.
    #[test]
    fn the_realistic_org_round_trips_through_a_csv_reader() {
        let spec = crate::generate::realistic(now());
        let seats: Vec<Seat> = (0..spec.seats)
            .map(|i| serde_json::from_value(crate::generate::seat_json(&spec, i)).unwrap())
            .collect();
        let order: Vec<u32> = (0..seats.len() as u32).collect();
        let rows = read(&write_report(&seats, &order, now()).unwrap());
        assert_eq!(rows.len(), seats.len() + 1);
        let utc = |t: Option<DateTime<Utc>>| t.map(iso_utc).unwrap_or_default();
        let mut empty_logins = 0;
        for (seat, row) in seats.iter().zip(&rows[1..]) {
            assert_eq!(row.len(), COLUMNS.len());
            assert_eq!(row[0], "2026-11-24T12:00:00Z");
            assert_eq!(row[1], neutralize(seat.login()));
            empty_logins += usize::from(row[1].is_empty());
            assert_eq!(row[2], utc(seat.last_authenticated_at));
            assert_eq!(row[3], utc(seat.last_activity_at));
            assert_eq!(
                row[4],
                neutralize(&parse_editor(seat.last_activity_editor.as_deref()).label())
            );
            assert_eq!(
                row[5],
                neutralize(seat.last_activity_editor.as_deref().unwrap_or_default())
            );
            assert_eq!(row[7], neutralize(seat.team().unwrap_or_default()));
            assert_eq!(row[8], iso_utc(seat.created_at));
            for cell in row {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{cell:?}"
                );
            }
        }
        assert_eq!(empty_logins, 1, "the null-assignee seat keeps its row");
        assert!(rows
            .iter()
            .any(|r| r[7].contains('\n') || r[7].contains(',') || r[7].contains('"')));
    }

    #[test]
    fn enterprise_report_has_one_row_per_person_and_their_organizations() {
        let seat = |login: &str, org: &str, activity: &str| -> Seat {
            serde_json::from_value(serde_json::json!({
                "created_at": "2026-01-01T00:00:00Z",
                "assignee": {"login": login, "id": login.len()},
                "organization": {"login": org},
                "last_activity_at": activity,
            }))
            .unwrap()
        };
        let people = crate::enterprise::people(vec![
            seat("mona", "zeta", "2026-11-01T00:00:00Z"),
            seat("hubot", "acme", "2026-11-02T00:00:00Z"),
            seat("mona", "Acme", "2026-11-20T00:00:00Z"),
        ]);
        let bytes = write_enterprise_report(people.seats(), &[1, 0], now()).unwrap();
        let rows = read(&bytes);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0][..10], COLUMNS);
        assert_eq!(rows[0][10], "organization");
        assert_eq!(rows[1][1], "hubot");
        assert_eq!(rows[1][10], "acme");
        assert_eq!(rows[2][1], "mona");
        assert_eq!(rows[2][3], "2026-11-20T00:00:00Z", "the newest activity");
        assert_eq!(rows[2][10], "Acme; zeta");
        // The same seats in org mode: the documented columns only, byte for byte.
        assert_eq!(
            write_report(people.seats(), &[1, 0], now()).unwrap(),
            bytes
                .split(|&b| b == b'\n')
                .filter(|l| !l.is_empty())
                .map(|l| {
                    let cut = l.iter().rposition(|&b| b == b',').unwrap();
                    [&l[..cut], b"\n"].concat()
                })
                .collect::<Vec<_>>()
                .concat()
        );
        // Read back: the column is kept, and people() makes it the person's organizations.
        let r =
            crate::report_read::read_report(&bytes, crate::report_read::MAX_REPORT_BYTES).unwrap();
        assert!(r.columns.organization);
        let back = crate::enterprise::people(r.seats);
        assert_eq!(back.len(), 2);
        assert_eq!(back.organization_cell(1), "Acme; zeta");
        assert_eq!(back.organization_label(1), "2 organizations");
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(
            file_name("acme", now()),
            "copilot-activity-report-acme-20261124T120000Z.csv"
        );
        assert_eq!(
            file_name("../x", now()),
            "copilot-activity-report-___x-20261124T120000Z.csv"
        );
    }
}
