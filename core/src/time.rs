//! Time rules shared by the views and the report. "Now" is always passed in, never read from a
//! clock here, so every rule is deterministic under test.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};

/// GitHub resets `last_activity_at` to null after this many idle days.
pub const ACTIVITY_RETENTION_DAYS: i64 = 90;

/// Whole days from `then` to `now` (0 for the future: clocks disagree by seconds).
pub fn days_since(then: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    (now - then).num_days().max(0)
}

/// `YYYY-MM-DDTHH:MM:SSZ`, the report's and the table's timestamp format.
pub fn iso_utc(t: DateTime<Utc>) -> String {
    // Formatted by hand: chrono's strftime parses its pattern on every call, and the report
    // formats 300,000 timestamps for 100,000 seats.
    let (d, t) = (t.date_naive(), t.time());
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        d.year(),
        d.month(),
        d.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Writes `YYYY-MM-DDTHH:MM:SSZ` into `buf` without allocating (the report's hot path) and
/// returns it. Years outside 0..=9999 fall back to the allocating form's digits, clamped.
pub fn iso_utc_into(t: DateTime<Utc>, buf: &mut [u8; 20]) -> &str {
    let (d, tm) = (t.date_naive(), t.time());
    let year = d.year().clamp(0, 9999) as u32;
    let parts = [
        (0, 4, year),
        (5, 2, d.month()),
        (8, 2, d.day()),
        (11, 2, tm.hour()),
        (14, 2, tm.minute()),
        (17, 2, tm.second()),
    ];
    *buf = *b"0000-00-00T00:00:00Z";
    for (at, width, mut value) in parts {
        for k in (0..width).rev() {
            buf[at + k] = b'0' + (value % 10) as u8;
            value /= 10;
        }
    }
    // Only ASCII digits and separators were written.
    std::str::from_utf8(buf).unwrap_or_default()
}

// Formatting and parsing by hand, not with chrono's strftime: its pattern interpreter costs
// the first visit ~20 KB of WebAssembly, and these are the only shapes the app needs.

/// `YYYY-MM-DD`.
pub fn ymd(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// `YYYY-MM-DD HH:MM UTC`, for people.
pub fn minute_utc(t: DateTime<Utc>) -> String {
    format!(
        "{} {:02}:{:02} UTC",
        ymd(t.date_naive()),
        t.hour(),
        t.minute()
    )
}

/// `HH:MM:SS`.
pub fn hms(t: DateTime<Utc>) -> String {
    format!("{:02}:{:02}:{:02}", t.hour(), t.minute(), t.second())
}

/// `YYYYMMDDTHHMMSSZ`, for file names.
pub fn compact_utc(t: DateTime<Utc>) -> String {
    let d = t.date_naive();
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        d.year(),
        d.month(),
        d.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Parses `YYYY-MM-DD` (exactly: four, two and two digits).
pub fn parse_ymd(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

/// A short relative phrase: "today", "1 day ago", "12 days ago".
pub fn ago(then: DateTime<Utc>, now: DateTime<Utc>) -> String {
    match days_since(then, now) {
        0 => "today".to_string(),
        1 => "1 day ago".to_string(),
        n => format!("{n} days ago"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn days_and_phrases() {
        let now = Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap();
        let t = Utc.with_ymd_and_hms(2026, 11, 20, 13, 0, 0).unwrap();
        assert_eq!(days_since(t, now), 3);
        assert_eq!(ago(t, now), "3 days ago");
        assert_eq!(ago(now, now), "today");
        assert_eq!(days_since(now + chrono::Duration::hours(5), now), 0);
        assert_eq!(iso_utc(t), "2026-11-20T13:00:00Z");
        let mut buf = [0; 20];
        assert_eq!(iso_utc_into(t, &mut buf), "2026-11-20T13:00:00Z");
        assert_eq!(minute_utc(t), "2026-11-20 13:00 UTC");
        assert_eq!(hms(t), "13:00:00");
        assert_eq!(compact_utc(t), "20261120T130000Z");
        let d = NaiveDate::from_ymd_opt(2026, 2, 3).unwrap();
        assert_eq!(ymd(d), "2026-02-03");
        assert_eq!(parse_ymd("2026-02-03"), Some(d));
        for bad in [
            "2026-2-03",
            "2026-02-30",
            "20260203",
            "2026-02-0x",
            "+026-02-03",
        ] {
            assert_eq!(parse_ymd(bad), None, "{bad}");
        }
        let early = Utc.with_ymd_and_hms(7, 1, 2, 3, 4, 5).unwrap();
        assert_eq!(iso_utc_into(early, &mut buf), iso_utc(early));
    }
}
