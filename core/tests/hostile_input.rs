//! Hostile input: the decoders, the `Link` parser, the editor parser, the API URL check and the
//! CSV writer never panic on arbitrary input, and keep their promises on what they accept.
//! Each property records how many cases it tried in `target/property-cases/`, which
//! `./dev test` adds up and prints with its summary.

use proptest::prelude::*;

mod common;
use common::Counter;
use seat_core::api_base::ApiBase;
use seat_core::editor::{parse_editor, UNSPECIFIED};
use seat_core::link::{page_of, parse_link_header};
use seat_core::models::{decode_billing, decode_seat, decode_seats_page, ErrorBody, Seat};
use seat_core::report::{write_report, COLUMNS};

const CASES: u32 = 2_000;

fn config() -> ProptestConfig {
    common::config(CASES)
}

static DECODE: Counter = Counter::new("decoders");
static DECODE_JSON: Counter = Counter::new("decoders-json");
static LINK: Counter = Counter::new("link");
static EDITOR: Counter = Counter::new("editor");
static BASE: Counter = Counter::new("api-url");
static CSV: Counter = Counter::new("csv");

/// JSON values shaped like GitHub's, with wrong types and junk mixed in.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        "[a-z0-9:+\\-TZ .=@]{0,30}".prop_map(serde_json::Value::from),
        Just(serde_json::Value::from("2021-10-14T00:53:32-06:00")),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        let keys = prop_oneof![
            Just("created_at".to_string()),
            Just("assignee".to_string()),
            Just("login".to_string()),
            Just("seats".to_string()),
            Just("total_seats".to_string()),
            Just("last_activity_at".to_string()),
            Just("pending_cancellation_date".to_string()),
            Just("seat_breakdown".to_string()),
            Just("total".to_string()),
            "[a-z_]{1,8}",
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            prop::collection::btree_map(keys, inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn decoders_never_panic_on_arbitrary_text(body in any::<String>()) {
        DECODE.tick();
        let _ = decode_seats_page(&body);
        let _ = decode_billing(&body);
        let _ = decode_seat(&body);
        let _ = serde_json::from_str::<ErrorBody>(&body);
    }

    #[test]
    fn decoders_accept_only_what_has_the_required_shape(value in json_value()) {
        DECODE_JSON.tick();
        let text = value.to_string();
        // (serde also accepts a struct written as a JSON array of its fields; GitHub never sends
        // one and nothing is lost by taking it, so the promise is about objects.)
        if let (Ok(seat), true) = (decode_seat(&text), value.is_object()) {
            // Anything accepted as a seat had a created_at timestamp GitHub could send.
            let created = value.get("created_at").and_then(|v| v.as_str());
            prop_assert!(created.is_some(), "accepted a seat without created_at: {}", text);
            let parsed = chrono::DateTime::parse_from_rfc3339(created.unwrap_or_default());
            prop_assert_eq!(parsed.map(|t| t.timestamp()).ok(), Some(seat.created_at.timestamp()));
        }
        if let (Ok(page), true) = (decode_seats_page(&text), value.is_object()) {
            prop_assert!(value.get("seats").is_some_and(|s| s.is_array()), "accepted {}", text);
            prop_assert_eq!(page.seats.len(), value["seats"].as_array().map_or(0, Vec::len));
        }
        let _ = decode_billing(&text);
    }

    #[test]
    fn link_parser_never_panics_and_finds_well_formed_rels(
        junk in any::<String>(),
        page in 1u32..100_000,
        host in "[a-z]{1,10}\\.[a-z]{2,3}",
    ) {
        LINK.tick();
        let _ = parse_link_header(&junk);
        let _ = page_of(&junk);
        let url = format!("https://{host}/orgs/x/copilot/billing/seats?per_page=100&page={page}");
        let header = format!("<{url}>; rel=\"next\", {junk}");
        let links = parse_link_header(&header);
        prop_assert_eq!(links.next.as_deref(), Some(url.as_str()));
        prop_assert_eq!(page_of(&url), Some(page));
    }

    #[test]
    fn editor_parser_never_panics_and_always_names_something(raw in any::<String>()) {
        EDITOR.tick();
        let surface = parse_editor(Some(&raw));
        let label = surface.label();
        prop_assert!(!label.trim().is_empty());
        prop_assert!(label.chars().count() <= 64 + 1 + 64, "unbounded: {}", label.len());
        prop_assert!(!label.chars().any(char::is_control));
        if !raw.chars().any(char::is_alphanumeric) {
            prop_assert_eq!(surface.name, UNSPECIFIED);
        }
    }

    #[test]
    fn api_url_check_never_panics_and_never_owns_another_origin(input in any::<String>(), other in "[a-z]{1,8}") {
        BASE.tick();
        if let Ok(base) = ApiBase::parse(&input) {
            let foreign = format!("https://{other}.example.com/orgs");
            prop_assert!(!base.owns(&foreign));
            prop_assert!(base.origin().starts_with("https://") || base.origin().starts_with("http://"));
        }
    }

    #[test]
    fn csv_round_trips_any_text_and_never_starts_a_cell_with_a_formula(
        login in any::<String>(),
        team in any::<String>(),
        editor in any::<String>(),
    ) {
        CSV.tick();
        let json = serde_json::json!({
            "created_at": "2024-01-01T00:00:00+05:30",
            "assignee": {"login": login},
            "assigning_team": {"name": team},
            "last_activity_editor": editor,
        });
        let seat: Seat = serde_json::from_value(json).unwrap();
        let now = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        let bytes = write_report(&[seat], &[0], now).unwrap();
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(bytes.as_slice());
        let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().unwrap();
        prop_assert_eq!(rows.len(), 2);
        prop_assert_eq!(rows[1].len(), COLUMNS.len());
        // What a spreadsheet user should see: the text, behind a ' only where it would run (or
        // where its own leading 's come before a formula character, so reading it back is exact).
        let expected = |text: &str| {
            if text.trim_start_matches('\'').starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_string() }
        };
        prop_assert_eq!(&rows[1][1], expected(&login));
        prop_assert_eq!(&rows[1][7], expected(&team));
        prop_assert_eq!(&rows[1][5], expected(&editor));
        for cell in rows[1].iter() {
            prop_assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{:?}", cell);
        }
    }
}
