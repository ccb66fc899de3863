//! Reading reports back (issue 15): this app's writer → reader round-trips every field of
//! arbitrary seats, and the reader never panics on arbitrary bytes. Cases are counted into
//! `target/property-cases/` like `hostile_input.rs`.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;

mod common;
use common::Counter;
use seat_core::models::{Assignee, Seat, Team};
use seat_core::report::write_report;
use seat_core::report_read::{read_report, MAX_REPORT_BYTES};

const CASES: u32 = 1_000;

fn config() -> ProptestConfig {
    common::config(CASES)
}

static ROUND_TRIP: Counter = Counter::new("report-round-trip");
static READER: Counter = Counter::new("report-reader");

fn time() -> impl Strategy<Value = DateTime<Utc>> {
    // Whole seconds (what the report keeps), 2001..2033.
    (978_307_200i64..2_000_000_000).prop_map(|s| Utc.timestamp_opt(s, 0).unwrap())
}

/// Text typed by people: commas, quotes, newlines, formula starts, non-ASCII, spaces.
fn text() -> impl Strategy<Value = String> {
    prop_oneof!["[a-zA-Z0-9-]{1,12}", "[=+@'\\-\t]?[ -~äé日本,\"\n]{1,16}",]
        .prop_filter("not empty", |s| !s.is_empty())
}

fn seat() -> impl Strategy<Value = Seat> {
    (
        time(),
        proptest::option::of(text()),
        proptest::option::of(time()),
        proptest::option::of(time()),
        proptest::option::of(text()),
        proptest::option::of(text()),
        proptest::option::of(0u32..4000),
    )
        .prop_map(
            |(created, login, activity, auth, editor, team, pending)| Seat {
                created_at: created,
                assignee: login.map(|l| Assignee {
                    login: Some(l.into()),
                    ..Assignee::default()
                }),
                assigning_team: team.map(|t| Team {
                    name: Some(t.into()),
                    ..Team::default()
                }),
                organization: None,
                pending_cancellation_date: pending.map(|d| {
                    NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Duration::days(d.into())
                }),
                last_activity_at: activity,
                last_activity_editor: editor.map(Into::into),
                last_authenticated_at: auth,
                plan_type: None,
            },
        )
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn writer_then_reader_gives_back_every_field(seats in proptest::collection::vec(seat(), 1..30), at in time()) {
        ROUND_TRIP.tick();
        let rows: Vec<u32> = (0..seats.len() as u32).collect();
        let bytes = write_report(&seats, &rows, at).unwrap();
        let back = read_report(&bytes, MAX_REPORT_BYTES).unwrap();
        prop_assert_eq!(back.report_time, Some(at));
        prop_assert_eq!(back.seats.len(), seats.len());
        for (a, b) in seats.iter().zip(&back.seats) {
            prop_assert_eq!(a.login(), b.login());
            prop_assert_eq!(a.created_at, b.created_at);
            prop_assert_eq!(a.last_activity_at, b.last_activity_at);
            prop_assert_eq!(a.last_authenticated_at, b.last_authenticated_at);
            prop_assert_eq!(&a.last_activity_editor, &b.last_activity_editor);
            prop_assert_eq!(a.team(), b.team());
            prop_assert_eq!(a.pending_cancellation_date, b.pending_cancellation_date);
        }
    }

    #[test]
    fn the_reader_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        READER.tick();
        let _ = read_report(&bytes, MAX_REPORT_BYTES);
        let mut csv = b"report_time,login,last_activity_at\n".to_vec();
        csv.extend_from_slice(&bytes);
        let _ = read_report(&csv, MAX_REPORT_BYTES);
    }
}
