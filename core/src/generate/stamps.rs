//! Timestamps: GitHub-style strings with whatever offset the seat happens to carry.

use super::*;

pub(super) const OFFSETS: [(i32, u32); 9] = [
    (0, 450),                 // Z
    (0, 50),                  // +00:00
    (-6 * 3_600, 150),        // -06:00, as in GitHub's examples
    (19_800, 100),            // +05:30
    (9 * 3_600, 100),         // +09:00
    (3_600, 80),              // +01:00
    (-7 * 3_600, 40),         // -07:00
    (20_700, 20),             // +05:45
    (-3 * 3_600 - 1_800, 10), // -03:30
];

#[derive(Clone, Copy)]
pub(super) struct Offset {
    seconds: i32,
    /// `+00:00` rather than `Z`.
    explicit_zero: bool,
}

pub(super) fn offset(r: &mut oorandom::Rand64) -> Offset {
    let total: u32 = OFFSETS.iter().map(|o| o.1).sum();
    let mut roll = r.rand_range(0..u64::from(total)) as u32;
    for (i, &(seconds, weight)) in OFFSETS.iter().enumerate() {
        if roll < weight {
            return Offset {
                seconds,
                explicit_zero: i == 1,
            };
        }
        roll -= weight;
    }
    Offset {
        seconds: 0,
        explicit_zero: false,
    }
}

pub(super) fn timestamp(epoch: i64, o: Offset) -> String {
    let utc = DateTime::from_timestamp(epoch, 0).unwrap_or_default();
    let tz =
        FixedOffset::east_opt(o.seconds).unwrap_or(FixedOffset::east_opt(0).expect("zero offset"));
    utc.with_timezone(&tz)
        .to_rfc3339_opts(SecondsFormat::Secs, !o.explicit_zero)
}

/// The date pending cancellations take effect: the first day of the next billing cycle (GitHub
/// bills removed seats to the end of the cycle), as `YYYY-MM-DD`.
pub fn pending_cancellation_date(now: DateTime<Utc>) -> String {
    crate::time::ymd(crate::time::first_of_next_month(now.date_naive()))
}

pub(super) fn cycle_start(now: DateTime<Utc>) -> i64 {
    NaiveDate::from_ymd_opt(now.year(), now.month(), 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc().timestamp())
        .unwrap_or(now.timestamp())
}
