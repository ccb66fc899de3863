//! The user's token: a type that cannot leak by accident. `Debug` and `Display` print a
//! redaction; the only way to the secret is [`Token::expose`], called where a request is built.

use std::fmt;

/// A GitHub token held in memory. Cloning it is cheap enough (a short string); printing it never
/// shows it.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Token(Box<str>);

/// Said when Load is pressed without a token.
pub const MISSING: &str =
    "Token: paste a GitHub token first (or press “Try demo data” to look around without one).";

impl Token {
    /// Wraps what the user pasted, trimmed. `None` when nothing is left.
    pub fn new(raw: &str) -> Option<Self> {
        let t = raw.trim();
        (!t.is_empty()).then(|| Self(t.into()))
    }

    /// The secret itself, for the `Authorization` header (and the storage the user opted into).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Token {
    /// Wraps text as it is (tests and fixtures); the app uses [`Token::new`], which trims.
    fn from(raw: &str) -> Self {
        Self(raw.into())
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted token>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_prints_the_secret() {
        let t = Token::new("  ghp_secret123  ").unwrap();
        assert_eq!(t.expose(), "ghp_secret123");
        assert!(!format!("{t:?}").contains("secret"));
        assert!(!format!("{t}").contains("secret"));
        assert!(!format!("{:?}", Some(t.clone())).contains("secret"));
        assert_eq!(Token::new("   "), None);
    }
}
