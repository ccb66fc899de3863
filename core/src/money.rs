//! Money, exactly: whole US cents in an `i64`, never a float sum. Prices typed by people and
//! amounts sent by GitHub are converted once, at the edge, and everything after is integers.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Mul, Sub};

/// An amount of US dollars in cents. Negative amounts are allowed (discounts, savings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Cents(pub i64);

impl Cents {
    /// Zero.
    pub const ZERO: Cents = Cents(0);

    /// Whole dollars.
    pub const fn dollars(d: i64) -> Self {
        Cents(d * 100)
    }

    /// Parses a decimal amount typed by a person or sent by GitHub ("19", "19.5", "$1,234.56",
    /// "0.04"): at most 2 decimals kept, the third rounds half away from zero. `None` for
    /// anything that is not a finite decimal number within ±10^15 dollars.
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim().trim_start_matches('$').replace(',', "");
        let (negative, t) = match t.strip_prefix('-') {
            Some(rest) => (true, rest.to_string()),
            None => (false, t),
        };
        let (whole, frac) = match t.split_once('.') {
            Some((w, f)) => (w, f),
            None => (t.as_str(), ""),
        };
        if whole.is_empty() && frac.is_empty() {
            return None;
        }
        if !whole.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if whole.len() > 15 {
            return None;
        }
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().ok()?
        };
        let digit = |k: usize| i64::from(frac.as_bytes().get(k).map_or(0, |b| b - b'0'));
        let mut cents = whole * 100 + digit(0) * 10 + digit(1);
        if digit(2) >= 5 {
            cents += 1;
        }
        Some(Cents(if negative { -cents } else { cents }))
    }

    /// From a JSON number GitHub sent as a float (billing amounts such as `12.34`): rounded to
    /// the nearest cent. Exact for any amount with at most two decimals below 2^53 cents.
    pub fn from_f64(amount: f64) -> Option<Self> {
        (amount.is_finite() && amount.abs() < 1e15).then(|| Cents((amount * 100.0).round() as i64))
    }

    /// This amount times a count (seats, months).
    pub fn times(self, n: u64) -> Self {
        Cents(self.0.saturating_mul(i64::try_from(n).unwrap_or(i64::MAX)))
    }

    /// "$1,234.56"; whole dollars keep their ".00" only when `always_cents` is set.
    pub fn format(self, always_cents: bool) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let (whole, frac) = (abs / 100, abs % 100);
        let grouped = group_thousands(whole);
        if frac == 0 && !always_cents {
            format!("{sign}${grouped}")
        } else {
            format!("{sign}${grouped}.{frac:02}")
        }
    }

    /// The plain decimal form for an input field ("19", "19.50").
    pub fn to_decimal(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        if abs.is_multiple_of(100) {
            format!("{sign}{}", abs / 100)
        } else {
            format!("{sign}{}.{:02}", abs / 100, abs % 100)
        }
    }
}

impl fmt::Display for Cents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.format(false))
    }
}

impl Add for Cents {
    type Output = Cents;
    fn add(self, o: Cents) -> Cents {
        Cents(self.0.saturating_add(o.0))
    }
}

impl AddAssign for Cents {
    fn add_assign(&mut self, o: Cents) {
        *self = *self + o;
    }
}

impl Sub for Cents {
    type Output = Cents;
    fn sub(self, o: Cents) -> Cents {
        Cents(self.0.saturating_sub(o.0))
    }
}

impl Mul<u64> for Cents {
    type Output = Cents;
    fn mul(self, n: u64) -> Cents {
        self.times(n)
    }
}

impl Sum for Cents {
    fn sum<I: Iterator<Item = Cents>>(iter: I) -> Cents {
        iter.fold(Cents::ZERO, Add::add)
    }
}

/// "1,234,567".
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_people_type() {
        assert_eq!(Cents::parse("19"), Some(Cents(1900)));
        assert_eq!(Cents::parse("19.5"), Some(Cents(1950)));
        assert_eq!(Cents::parse("$1,234.56"), Some(Cents(123_456)));
        assert_eq!(Cents::parse(".5"), Some(Cents(50)));
        assert_eq!(Cents::parse("0.045"), Some(Cents(5)));
        assert_eq!(Cents::parse("-3.10"), Some(Cents(-310)));
        for bad in [
            "",
            ".",
            "abc",
            "1e3",
            "1.2.3",
            "NaN",
            "--1",
            "9999999999999999",
        ] {
            assert_eq!(Cents::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn formats_with_separators() {
        assert_eq!(Cents(22_800).to_string(), "$228");
        assert_eq!(Cents(123_450).to_string(), "$1,234.50");
        assert_eq!(Cents(-5).format(true), "-$0.05");
        assert_eq!(Cents(1900).format(true), "$19.00");
        assert_eq!(Cents(1950).to_decimal(), "19.50");
        assert_eq!(Cents(1900).to_decimal(), "19");
        assert_eq!(group_thousands(100_000), "100,000");
    }

    #[test]
    fn sums_exactly() {
        // 0.1 + 0.2 in floats is not 0.3; in cents it is.
        let total: Cents = [Cents::from_f64(0.1), Cents::from_f64(0.2)]
            .into_iter()
            .flatten()
            .sum();
        assert_eq!(total, Cents(30));
        assert_eq!(Cents(1900) * 3_000, Cents(5_700_000));
        assert_eq!(Cents::from_f64(f64::NAN), None);
    }
}
