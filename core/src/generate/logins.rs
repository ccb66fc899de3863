//! Logins: unique per index (case-insensitively), realistic, and reversible.

use super::*;

pub(super) const FIRST: [&str; 48] = [
    "alice", "amara", "andre", "anika", "arjun", "beatriz", "bjorn", "carlos", "chen", "chiara",
    "dmitri", "elena", "emeka", "fatima", "felix", "freya", "gabriel", "hana", "hiroshi", "ines",
    "ivan", "jamal", "jia", "joao", "kai", "kofi", "lars", "leila", "lucia", "marco", "maya",
    "mehmet", "nadia", "noah", "olga", "omar", "priya", "rafael", "rosa", "sakura", "samir",
    "sofia", "tariq", "tomas", "uma", "viktor", "yara", "zoe",
];

pub(super) const LAST: [&str; 50] = [
    "abbott",
    "adeyemi",
    "bauer",
    "becker",
    "castillo",
    "chowdhury",
    "costa",
    "dubois",
    "eriksson",
    "fischer",
    "garcia",
    "gupta",
    "haddad",
    "hansen",
    "ito",
    "jensen",
    "kim",
    "kowalski",
    "kumar",
    "larsen",
    "lopez",
    "moreau",
    "muller",
    "nakamura",
    "novak",
    "nguyen",
    "okafor",
    "oliveira",
    "patel",
    "petrov",
    "quinn",
    "rossi",
    "santos",
    "schmidt",
    "silva",
    "singh",
    "smith",
    "suzuki",
    "tanaka",
    "torres",
    "usman",
    "vargas",
    "wagner",
    "walsh",
    "wang",
    "weber",
    "xu",
    "yilmaz",
    "zhang",
    "ziegler",
];

pub(super) const TAGS: [&str; 6] = ["dev", "gh", "code", "hub", "io", "eng"];

/// Name pairs per cycle; past it, logins get a number (`alice-smith2`).
pub(super) const PAIRS: usize = FIRST.len() * LAST.len();
/// Multiplier of the per-cycle permutation of pairs; coprime with [`PAIRS`] (2,400).
pub(super) const SPREAD: usize = 1_657;

/// `SPREAD`'s inverse modulo `PAIRS`, to map a name pair back to its index.
pub(super) const SPREAD_INVERSE: usize = {
    let mut a = 1;
    while a * SPREAD % PAIRS != 1 {
        a += 1;
    }
    a
};

pub(super) fn pair_offset(spec: &OrgSpec, cycle: usize) -> usize {
    ((spec.seed % PAIRS as u64) as usize + cycle.wrapping_mul(977)) % PAIRS
}

/// (first name, last name, cycle) of a seat: a bijection from index.
pub(super) fn name_parts(spec: &OrgSpec, index: usize) -> (usize, usize, usize) {
    let cycle = index / PAIRS;
    let j = ((index % PAIRS) * SPREAD + pair_offset(spec, cycle)) % PAIRS;
    (j % FIRST.len(), j / FIRST.len(), cycle)
}

pub(super) fn capitalized(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    if let Some(c) = chars.next() {
        out.push(c.to_ascii_uppercase());
    }
    out.extend(chars);
    out
}

/// The seat's login, or `None` for the realistic organization's null-assignee seat.
///
/// Styles vary (`alice-smith`, `AliceSmith`, `Alice-Smith`, `smith-alice`, `alice-smith-87`,
/// `alice-smith-dev`) and a trailing number appears once the name pairs run out; the style never
/// ends in a digit before that number, and names never share a token, so logins stay unique.
pub fn login(spec: &OrgSpec, index: usize) -> Option<String> {
    if has_null_assignee(spec, index) {
        return None;
    }
    let (f, l, cycle) = name_parts(spec, index);
    let (first, last) = (FIRST[f], LAST[l]);
    let mut r = rng(spec.seed, index, STREAM_LOGIN);
    let style = r.rand_range(0..100);
    let mut s = match style {
        0..45 => format!("{first}-{last}"),
        45..58 => format!("{}{}", capitalized(first), capitalized(last)),
        58..68 => format!("{}-{}", capitalized(first), capitalized(last)),
        68..78 => format!("{last}-{first}"),
        78..88 => format!("{first}-{last}-{}", r.rand_range(10..100)),
        _ => format!("{first}-{last}-{}", pick(&mut r, &TAGS)),
    };
    if cycle > 0 {
        s.push_str(&cycle.to_string());
    }
    Some(s)
}

/// The index of the seat whose login is `login` (case-insensitive, as on GitHub), if any: seat
/// holders only (`< spec.seats`). [`super::members::index_of_member`] finds members without a seat
/// too.
pub fn index_of_login(spec: &OrgSpec, login_name: &str) -> Option<usize> {
    index_below(spec, login_name, spec.seats)
}

/// The index below `end` whose login is `login_name` (case-insensitive), if any.
pub(super) fn index_below(spec: &OrgSpec, login_name: &str, end: usize) -> Option<usize> {
    let lower = login_name.to_ascii_lowercase();
    let base = lower.trim_end_matches(|c: char| c.is_ascii_digit());
    let digits = &lower[base.len()..];
    let mut cycles = Vec::with_capacity(2);
    if digits.is_empty() {
        cycles.push(0);
    } else {
        if !digits.starts_with('0') {
            cycles.extend(digits.parse::<usize>().ok());
        }
        // `first-last-YY` then maybe a cycle number.
        if base.ends_with('-') && digits.len() >= 2 {
            let rest = &digits[2..];
            if rest.is_empty() {
                cycles.push(0);
            } else if !rest.starts_with('0') {
                cycles.extend(rest.parse::<usize>().ok());
            }
        }
    }
    // Candidates are the names the login contains; regenerating the login confirms one.
    let firsts: Vec<usize> = (0..FIRST.len())
        .filter(|&f| base.contains(FIRST[f]))
        .collect();
    let lasts: Vec<usize> = (0..LAST.len())
        .filter(|&l| base.contains(LAST[l]))
        .collect();
    for &f in &firsts {
        for &l in &lasts {
            let j = f + FIRST.len() * l;
            for &cycle in &cycles {
                let shifted = (j + PAIRS - pair_offset(spec, cycle)) % PAIRS;
                let Some(index) = cycle
                    .checked_mul(PAIRS)
                    .and_then(|c| c.checked_add(shifted * SPREAD_INVERSE % PAIRS))
                else {
                    continue;
                };
                if index < end
                    && login(spec, index).is_some_and(|s| s.eq_ignore_ascii_case(login_name))
                {
                    return Some(index);
                }
            }
        }
    }
    None
}

/// A user id unique per index within an organization.
pub(super) fn user_id(spec: &OrgSpec, index: usize) -> u64 {
    10_000 + spec.seed % 50_000_000 + index as u64 * 13 + splitmix(spec.seed ^ index as u64) % 13
}
