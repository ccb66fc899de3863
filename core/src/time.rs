//! Time rules shared by the views and the report. "Now" is always passed in, never read from a
//! clock here, so every rule is deterministic under test.

use chrono::{DateTime, Utc};

/// GitHub resets `last_activity_at` to null after this many idle days.
pub const ACTIVITY_RETENTION_DAYS: i64 = 90;

/// Whole days from `then` to `now` (0 for the future: clocks disagree by seconds).
pub fn days_since(then: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    (now - then).num_days().max(0)
}

/// `YYYY-MM-DDTHH:MM:SSZ`, the report's and the table's timestamp format.
pub fn iso_utc(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
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
    }
}
