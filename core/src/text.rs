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

/// The sentence as plain text (for tests and titles).
pub fn plain(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| match s {
            Text(t) | Code(t) | Strong(t) | Link(t) => *t,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
