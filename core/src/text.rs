//! Sentences with markup, kept in core beside the rules they state: a view renders each
//! [`Span`] as text, `<code>`, `<strong>` or a link the view supplies.

use crate::session::Account;

/// A piece of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    /// Plain text.
    Text(&'static str),
    /// A name to type as is (a scope).
    Code(&'static str),
    /// Stressed.
    Strong(&'static str),
    /// A link, to where the view says.
    Link(&'static str),
}

use Span::{Code, Link, Strong, Text};

/// What a token needs to read `account`'s seats.
pub fn token_needs(account: Account) -> &'static [Span] {
    match account {
        Account::Enterprise => &[
            Text("GitHub lists an enterprise's seats only to its owners and billing managers, and only with a "),
            Strong("classic"),
            Text(" token with the "),
            Code("manage_billing:copilot"),
            Text(" or "),
            Code("read:enterprise"),
            Text(" scope (fine-grained tokens cannot read enterprise seats). "),
        ],
        Account::Organization => &[
            Text("The token needs the "),
            Code("manage_billing:copilot"),
            Text(" or "),
            Code("read:org"),
            Text(" scope (classic), or the organization permission “GitHub Copilot Business: read” (fine-grained), from an organization owner. "),
        ],
    }
}

/// Where the token goes, around the API's host: before it, and after it.
pub const SENT_ONLY_TO: (&str, &str) = (
    "It is sent only to ",
    ", nowhere else, and kept in memory unless you tick “Remember”.",
);

/// A seat page opened without a session (a reload forgets the token); the link goes to the
/// start page.
pub const CONNECT_FIRST: &[Span] = &[
    Text("Connect to an organization first: this page needs the token, which is kept in memory only and was lost when the page reloaded. "),
    Link("Go to the start page"),
    Text(" and press Load (tick “Remember on this device” to keep it across reloads)."),
];

/// Beside the app's name: what it does and where the data goes.
pub const TAGLINE: &str =
    "See how your organization's Copilot seats are used. Runs in your browser; talks only to GitHub.";

/// Shown when the app panicked: it has stopped, and what to do.
pub const INTERNAL_ERROR: &str = "Copilot Seat Review hit an internal error and stopped. Reload the page to start again; if it happens again, please report it with the steps that led here.";

/// The CSV download of `rows` rows, `bytes` long, made in `ms`.
pub fn saved(rows: usize, bytes: usize, ms: u64) -> String {
    format!(
        "Saved {} rows ({} KB) in {ms} ms.",
        crate::overview::format_count(rows as u64),
        bytes.div_ceil(1024)
    )
}

/// The browser refused the download (`reason` as it said).
pub fn download_failed(reason: &str) -> String {
    format!("The download failed ({reason}). Try again, or allow downloads for this page.")
}

/// Beside "Open a report": which files, and that they stay in the page.
pub const OPEN_REPORT_HINT: &str = "GitHub's activity report CSV or this app's; several at once to compare them. Or drop them on the page. Files are read in this page and sent nowhere.";

/// An enterprise seat's objects: GitHub lists one per granting organization or team.
pub fn seat_objects(objects: usize) -> String {
    format!(
        "GitHub listed {objects} seat {} for this person; the enterprise counts and bills them once.",
        if objects == 1 { "object" } else { "objects" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sentence as plain text.
    fn plain(spans: &[Span]) -> String {
        spans
            .iter()
            .map(|s| match s {
                Text(t) | Code(t) | Strong(t) | Link(t) => *t,
            })
            .collect()
    }

    #[test]
    fn the_token_hint_names_the_scopes_of_each_account() {
        let org = plain(token_needs(Account::Organization));
        assert!(
            org.starts_with(
                "The token needs the manage_billing:copilot or read:org scope (classic)"
            ),
            "{org}"
        );
        let ent = plain(token_needs(Account::Enterprise));
        assert!(ent.contains("only with a classic token with the manage_billing:copilot or read:enterprise scope"), "{ent}");
        assert!(plain(CONNECT_FIRST)
            .contains("lost when the page reloaded. Go to the start page and press Load"));
        assert_eq!(
            saved(12_345, 2_049, 31),
            "Saved 12,345 rows (3 KB) in 31 ms."
        );
        assert!(seat_objects(1).starts_with("GitHub listed 1 seat object for"));
        assert!(seat_objects(2).starts_with("GitHub listed 2 seat objects for"));
    }
}
