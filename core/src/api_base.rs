//! Which API URLs the app accepts, and the one rule about the token: it goes only to the origin
//! of the API URL the user gave.

use crate::error::ApiError;

/// The default API URL.
pub const GITHUB_API: &str = "https://api.github.com";

/// A validated API base URL: `https://api.github.com`, `https://api.<tenant>.ghe.com`, or plain
/// http on loopback (fakehub, development).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiBase {
    origin: String,
}

impl ApiBase {
    /// Validates what the user typed; the error says what would be accepted.
    pub fn parse(input: &str) -> Result<Self, ApiError> {
        let input = input.trim();
        let bad = |why: &str| {
            ApiError::InvalidInput {
            field: "API URL".into(),
            message: format!(
                "{why}. Use https://api.github.com, https://api.YOUR-TENANT.ghe.com, or http://127.0.0.1:PORT for a local fake."
            ),
        }
        };
        let (scheme, rest) = input
            .split_once("://")
            .ok_or_else(|| bad("The API URL must start with https://"))?;
        let scheme = scheme.to_ascii_lowercase();
        let (authority, path) = match rest.find(['/', '?', '#']) {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        };
        if authority.is_empty() || authority.contains('@') {
            return Err(bad("The API URL has no host"));
        }
        let authority = authority.to_ascii_lowercase();
        let host = host_of(&authority);
        let path = path.trim_end_matches('/');
        if path.starts_with("/api/v3") || path.starts_with("/api/graphql") {
            return Err(ApiError::EnterpriseServer {
                host: host.to_string(),
            });
        }
        if !path.is_empty() {
            return Err(bad("The API URL is a host only, without a path"));
        }
        let loopback = is_loopback(host);
        match scheme.as_str() {
            "https" => {}
            "http" if loopback => {}
            "http" => {
                return Err(bad(
                    "Plain http is only allowed for a local server (127.0.0.1, localhost)",
                ))
            }
            _ => return Err(bad("The API URL must start with https://")),
        }
        let github = host == "api.github.com"
            || (host.starts_with("api.")
                && host.ends_with(".ghe.com")
                && host.len() > "api..ghe.com".len());
        if !github && !loopback {
            if host == "github.com" || host.ends_with(".ghe.com") {
                return Err(bad(&format!("{host} is GitHub's web site, not its API")));
            }
            // Any other host is most likely GitHub Enterprise Server, which has no Copilot API.
            return Err(ApiError::EnterpriseServer {
                host: host.to_string(),
            });
        }
        Ok(Self {
            origin: format!("{scheme}://{authority}"),
        })
    }

    /// `scheme://host[:port]`, no trailing slash.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The absolute URL of an API path (`/orgs/...`).
    pub fn url(&self, path_and_query: &str) -> String {
        format!("{}{}", self.origin, path_and_query)
    }

    /// Whether `url` is on this origin: the only URLs the token may be sent to.
    pub fn owns(&self, url: &str) -> bool {
        url.len() > self.origin.len()
            && url[..self.origin.len()].eq_ignore_ascii_case(&self.origin)
            && matches!(url.as_bytes()[self.origin.len()], b'/' | b'?')
    }
}

fn host_of(authority: &str) -> &str {
    if let Some(rest) = authority.strip_prefix('[') {
        return rest.split(']').next().unwrap_or(rest);
    }
    authority.split(':').next().unwrap_or(authority)
}

fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host == "::1"
        || host.strip_prefix("127.").is_some_and(|r| {
            r.split('.').count() == 3 && r.split('.').all(|p| p.parse::<u8>().is_ok())
        })
}

/// GitHub organization logins: 1–39 letters, digits or single hyphens.
pub fn validate_org(org: &str) -> Result<&str, ApiError> {
    validate_name(org, 39, "Organization", "Enter the organization's login as it appears in its URL (github.com/LOGIN): letters, digits and hyphens.")
}

/// GitHub enterprise slugs (github.com/enterprises/SLUG): letters, digits and hyphens, as
/// organization logins (GitHub allows up to 60 characters).
pub fn validate_enterprise(slug: &str) -> Result<&str, ApiError> {
    validate_name(slug, 60, "Enterprise", "Enter the enterprise's slug as it appears in its URL (github.com/enterprises/SLUG): letters, digits and hyphens.")
}

/// `name` trimmed when it is 1–`max` ASCII letters, digits or hyphens, not starting with one;
/// else the error for `field` with `message`.
fn validate_name<'a>(
    name: &'a str,
    max: usize,
    field: &str,
    message: &str,
) -> Result<&'a str, ApiError> {
    let name = name.trim();
    let ok = !name.is_empty()
        && name.len() <= max
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !name.starts_with('-');
    if ok {
        Ok(name)
    } else {
        Err(ApiError::InvalidInput {
            field: field.into(),
            message: message.into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enterprise_slugs() {
        assert_eq!(
            validate_enterprise(" acme-enterprise ").unwrap(),
            "acme-enterprise"
        );
        for bad in ["", "-acme", "acme/x", "acme enterprise", &"a".repeat(61)] {
            let e = validate_enterprise(bad).unwrap_err().to_string();
            assert!(
                e.contains("Enterprise") && e.contains("enterprises/SLUG"),
                "{e}"
            );
        }
    }

    #[test]
    fn accepts_github_tenants_and_loopback() {
        assert_eq!(
            ApiBase::parse("https://api.github.com/").unwrap().origin(),
            "https://api.github.com"
        );
        assert_eq!(
            ApiBase::parse(" HTTPS://API.GITHUB.COM ").unwrap().origin(),
            "https://api.github.com"
        );
        assert_eq!(
            ApiBase::parse("https://api.acme.ghe.com").unwrap().origin(),
            "https://api.acme.ghe.com"
        );
        assert_eq!(
            ApiBase::parse("http://127.0.0.1:8787").unwrap().origin(),
            "http://127.0.0.1:8787"
        );
        assert!(ApiBase::parse("http://localhost:3000").is_ok());
        assert!(ApiBase::parse("http://[::1]:3000").is_ok());
    }

    #[test]
    fn refuses_what_would_leak_the_token_or_cannot_work() {
        assert!(matches!(
            ApiBase::parse("http://api.github.com"),
            Err(ApiError::InvalidInput { .. })
        ));
        assert!(matches!(
            ApiBase::parse("api.github.com"),
            Err(ApiError::InvalidInput { .. })
        ));
        assert!(matches!(
            ApiBase::parse("https://ghe.corp.example/api/v3"),
            Err(ApiError::EnterpriseServer { .. })
        ));
        assert!(matches!(
            ApiBase::parse("https://ghe.corp.example"),
            Err(ApiError::EnterpriseServer { .. })
        ));
        assert!(matches!(
            ApiBase::parse("https://github.com"),
            Err(ApiError::InvalidInput { .. })
        ));
        assert!(matches!(
            ApiBase::parse("https://user@api.github.com"),
            Err(ApiError::InvalidInput { .. })
        ));
        assert!(matches!(
            ApiBase::parse("http://127.0.0.1.evil.com"),
            Err(ApiError::InvalidInput { .. })
        ));
        assert!(matches!(
            ApiBase::parse("javascript:alert(1)"),
            Err(ApiError::InvalidInput { .. })
        ));
    }

    #[test]
    fn owns_only_its_own_origin() {
        let b = ApiBase::parse("http://127.0.0.1:8787").unwrap();
        assert!(b.owns("http://127.0.0.1:8787/orgs/a/copilot/billing/seats?page=2"));
        assert!(!b.owns("http://127.0.0.1:87870/orgs"));
        assert!(!b.owns("http://127.0.0.1:8787.evil.com/orgs"));
        assert!(!b.owns("https://evil.example.com/orgs"));
        assert!(!b.owns("http://127.0.0.1:8787"));
    }

    #[test]
    fn org_logins() {
        assert_eq!(validate_org(" acme-corp ").unwrap(), "acme-corp");
        assert!(validate_org("").is_err());
        assert!(validate_org("a/b").is_err());
        assert!(validate_org("-x").is_err());
        assert!(validate_org(&"a".repeat(40)).is_err());
    }
}
