//! Time rules shared by the views and the report. "Now" is always passed in, never read from a
//! clock here, so every rule is deterministic under test.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Timelike, Utc};

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

/// An RFC 3339 timestamp as GitHub sends them (`2021-08-03T18:00:00-06:00`, `…Z`, with or
/// without fractions of a second; `T`, `t` or a space between date and time), in UTC. A leap
/// second (`:60`) is kept as chrono keeps it. Hand-written, not chrono's parser: this is the
/// hot path of decoding 100,000 seats, and chrono's general parser costs the first visit
/// several KB.
pub fn parse_rfc3339(s: &str) -> Option<DateTime<Utc>> {
    let b = s.as_bytes();
    let num = |from: usize, to: usize| -> Option<u32> {
        b.get(from..to)?.iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let (year, month, day) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
    let (hour, minute, second) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
    let mut i = 19;
    let mut nanos = 0u32;
    if b[i] == b'.' {
        i += 1;
        let start = i;
        let mut scale = 100_000_000u32;
        while let Some(&c) = b.get(i).filter(|c| c.is_ascii_digit()) {
            nanos += u32::from(c - b'0') * scale;
            scale /= 10;
            i += 1;
        }
        if i == start {
            return None;
        }
    }
    let offset: i64 = match *b.get(i)? {
        b'Z' | b'z' if i + 1 == b.len() => 0,
        sign @ (b'+' | b'-') if i + 6 == b.len() && b[i + 3] == b':' => {
            let (h, m) = (num(i + 1, i + 3)?, num(i + 4, i + 6)?);
            if h > 23 || m > 59 {
                return None;
            }
            let v = i64::from(h * 3600 + m * 60);
            if sign == b'-' {
                -v
            } else {
                v
            }
        }
        _ => return None,
    };
    let (second, nanos) = if second == 60 {
        (59, nanos.checked_add(1_000_000_000)?)
    } else {
        (second, nanos)
    };
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?;
    date.and_time(time)
        .checked_sub_signed(chrono::TimeDelta::seconds(offset))
        .map(|t| t.and_utc())
}

/// The first day of the month after `d`: when a seat GitHub sets to pending cancellation
/// ends (the next billing cycle).
pub fn first_of_next_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(d)
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
    fn rfc3339_as_github_sends_it() {
        let p = |s: &str| parse_rfc3339(s).map(|t| t.to_rfc3339());
        assert_eq!(
            p("2021-08-03T18:00:00-06:00").as_deref(),
            Some("2021-08-04T00:00:00+00:00")
        );
        assert_eq!(
            p("2021-10-14T00:53:32Z").as_deref(),
            Some("2021-10-14T00:53:32+00:00")
        );
        assert_eq!(
            p("2021-10-14t00:53:32.5z").as_deref(),
            Some("2021-10-14T00:53:32.500+00:00")
        );
        assert_eq!(
            p("2021-10-14 00:53:32+05:30").as_deref(),
            Some("2021-10-13T19:23:32+00:00")
        );
        for bad in [
            "",
            "2021-10-14",
            "2021-10-14T00:53:32",
            "2021-10-14T00:53:32+0530",
            "2021-13-14T00:53:32Z",
            "2021-02-30T00:53:32Z",
            "2021-10-14T24:00:00Z",
            "2021-10-14T00:53:32.Z",
            "2021-10-14T00:53:32Zjunk",
            "２021-10-14T00:53:32Z",
            "2021-10-14T00:53:32+24:00",
            "+2021-10-14T00:53:32Z",
        ] {
            assert_eq!(p(bad), None, "{bad}");
        }
    }

    proptest::proptest! {
        /// The hand-written parser agrees with chrono's on every valid RFC 3339 timestamp.
        #[test]
        fn rfc3339_agrees_with_chrono(
            y in 1u32..9999, mo in 1u32..13, d in 1u32..29, h in 0u32..24, mi in 0u32..60,
            s in 0u32..60, frac in proptest::option::of(0u32..1_000_000_000),
            digits in 1usize..10, offset in proptest::option::of((any_sign(), 0u32..24, 0u32..60)),
            sep in proptest::sample::select(vec!['T', 't', ' ']),
        ) {
            let mut text = format!("{y:04}-{mo:02}-{d:02}{sep}{h:02}:{mi:02}:{s:02}");
            if let Some(f) = frac {
                text.push('.');
                text.push_str(&format!("{f:09}")[..digits]);
            }
            match offset {
                None => text.push('Z'),
                Some((neg, oh, om)) => text.push_str(&format!("{}{oh:02}:{om:02}", if neg { '-' } else { '+' })),
            }
            let chrono = DateTime::parse_from_rfc3339(&text).ok().map(|t| t.with_timezone(&Utc));
            proptest::prop_assert_eq!(parse_rfc3339(&text), chrono, "{}", text);
        }
    }

    fn any_sign() -> impl proptest::strategy::Strategy<Value = bool> {
        proptest::bool::ANY
    }

    #[test]
    fn next_billing_cycle_starts_on_the_first() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(first_of_next_month(d(2026, 11, 25)), d(2026, 12, 1));
        assert_eq!(first_of_next_month(d(2026, 12, 31)), d(2027, 1, 1));
        assert_eq!(first_of_next_month(d(2026, 1, 1)), d(2026, 2, 1));
    }

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
