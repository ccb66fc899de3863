//! One error type for everything that can go wrong between the browser and GitHub. Its
//! `Display` says what happened and what to do about it: it is shown to people as is.

use std::fmt;

use crate::models::ErrorBody;

/// What went wrong, with what the user can do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// A form field holds something that cannot work.
    InvalidInput {
        /// The field's label.
        field: String,
        /// What is accepted.
        message: String,
    },
    /// 401: bad, expired or revoked token.
    BadCredentials,
    /// 403 with `X-Accepted-OAuth-Scopes`, or a fine-grained token without the permission.
    MissingScope {
        /// What the endpoint accepts (`X-Accepted-OAuth-Scopes`).
        accepted: Option<String>,
        /// What the token has (`X-OAuth-Scopes`).
        granted: Option<String>,
    },
    /// 403 with `X-GitHub-SSO`: the token is not authorized for the org's SAML SSO.
    SsoRequired {
        /// The authorization URL GitHub sent, if any.
        url: Option<String>,
    },
    /// 403 to a token that is not classic on an enterprise's seat list, which GitHub answers
    /// to classic tokens only.
    ClassicTokenRequired {
        /// The enterprise's slug.
        enterprise: String,
    },
    /// Another 403 (not an owner, policy).
    Forbidden {
        /// GitHub's message.
        message: String,
    },
    /// 404: the organization (or member) does not exist, or the token's user cannot see it.
    NotFound {
        /// What was looked for.
        what: String,
    },
    /// 422: Copilot is not enabled, a billing problem, or (members) a pending invitation.
    Unprocessable {
        /// GitHub's message.
        message: String,
    },
    /// Rate limited and the wait would be too long (or retries ran out).
    RateLimited {
        /// When GitHub says the limit resets (epoch seconds), if it said.
        reset_epoch: Option<i64>,
    },
    /// A 5xx that persisted through the retries.
    Server {
        /// The last status seen.
        status: u16,
    },
    /// The request never got an HTTP answer: offline, DNS, TLS, a CORS refusal, a dropped
    /// connection.
    Network {
        /// The browser's description.
        detail: String,
    },
    /// No answer within the time limit.
    Timeout {
        /// The limit, in seconds.
        seconds: u64,
    },
    /// An answer that is not what GitHub sends.
    Malformed {
        /// What was wrong with it.
        detail: String,
    },
    /// A `Link` header pointed outside the API origin; the token was not sent there.
    ForeignLink {
        /// The refused URL.
        url: String,
    },
    /// A GitHub Enterprise Server URL: it has no Copilot API.
    EnterpriseServer {
        /// The host given.
        host: String,
    },
    /// Any other status.
    Unexpected {
        /// The status.
        status: u16,
        /// GitHub's message, if any.
        message: String,
    },
}

const SCOPES: &str = "a classic token with the manage_billing:copilot or read:org scope, or a fine-grained token with the organization permission \"GitHub Copilot Business\" (read)";

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidInput { field, message } => write!(f, "{field}: {message}"),
            Self::BadCredentials => write!(
                f,
                "GitHub did not accept the token (401 Bad credentials): it is wrong, expired or revoked. Create a new token ({SCOPES}) and paste it again."
            ),
            Self::MissingScope { accepted, granted } => {
                write!(f, "The token lacks the permission to read Copilot seats (403). Use {SCOPES}.")?;
                if let Some(a) = accepted.as_deref().filter(|s| !s.is_empty()) {
                    write!(f, " GitHub accepts: {a}.")?;
                }
                if let Some(g) = granted.as_deref() {
                    let g = if g.is_empty() { "none" } else { g };
                    write!(f, " This token has: {g}.")?;
                }
                Ok(())
            }
            Self::SsoRequired { url } => {
                write!(f, "This organization uses SAML single sign-on and the token is not authorized for it (403). On GitHub, open Settings → Developer settings → your token → Configure SSO, and authorize it for the organization")?;
                match url {
                    Some(u) => write!(f, " (GitHub's link: {u})."),
                    None => write!(f, "."),
                }
            }
            Self::ClassicTokenRequired { enterprise } => write!(
                f,
                "GitHub lists the Copilot seats of enterprise {enterprise} only to classic tokens, and this token is not one (403). Create a classic personal access token with the manage_billing:copilot or read:enterprise scope, as an owner or billing manager of the enterprise, and load again; fine-grained tokens can read an organization's seats, not an enterprise's."
            ),
            Self::Forbidden { message } => write!(
                f,
                "GitHub refused access (403: {message}). The token has the permission, but only organization owners can read Copilot seats (for an enterprise: its owners and billing managers), or a policy of the organization blocks this call. Use a token of an owner: a classic token with manage_billing:copilot or read:org, or a fine-grained token with the organization permission \"GitHub Copilot Business\" or \"Administration\" (read)."
            ),
            Self::NotFound { what } => write!(
                f,
                "GitHub found no {what} (404). Check the spelling; if it is right, the token's user is not an owner of the organization, or the token cannot see it."
            ),
            Self::Unprocessable { message } => write!(
                f,
                "GitHub could not answer for this organization (422: {message}). Copilot may not be enabled, or there is a billing problem: check the organization's Copilot settings and payment information."
            ),
            Self::RateLimited { reset_epoch } => {
                write!(f, "GitHub's rate limit for this token is used up.")?;
                match reset_epoch.and_then(|e| chrono::DateTime::from_timestamp(e, 0)) {
                    Some(t) => write!(f, " It resets at {} UTC; try again then, or use another token.", crate::time::hms(t)),
                    None => write!(f, " Wait a few minutes and try again."),
                }
            }
            Self::Server { status } => write!(
                f,
                "GitHub answered with a server error ({status}) several times in a row. It is usually brief: try again in a minute, and check githubstatus.com if it persists."
            ),
            Self::Network { detail } => write!(
                f,
                "The request to GitHub did not complete ({detail}). Check your connection and the API URL; a proxy, VPN or browser extension that blocks api.github.com causes this too."
            ),
            Self::Timeout { seconds } => write!(
                f,
                "GitHub did not answer within {seconds} s. Try again; if it keeps happening, check your connection or githubstatus.com."
            ),
            Self::Malformed { detail } => write!(
                f,
                "The answer was not what GitHub sends ({detail}). Check that the API URL points at GitHub's API, then try again."
            ),
            Self::ForeignLink { url } => write!(
                f,
                "GitHub's paging pointed to another site ({url}); the token was not sent there and loading stopped. Check the API URL and any proxy in between."
            ),
            Self::EnterpriseServer { host } => write!(
                f,
                "{host} looks like GitHub Enterprise Server, which has no Copilot seat API. Copilot seats for Enterprise Server customers are managed on GitHub.com: use https://api.github.com (or your https://api.TENANT.ghe.com)."
            ),
            Self::Unexpected { status, message } => write!(
                f,
                "GitHub answered {status} ({message}). Try again; if it persists, check the API URL."
            ),
        }
    }
}

impl std::error::Error for ApiError {}

impl ApiError {
    /// Whether trying the same request again may succeed.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            Self::Server { .. } | Self::Network { .. } | Self::Timeout { .. }
        )
    }
}

/// A received HTTP answer: status, lowercased headers, body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawResponse {
    /// HTTP status.
    pub status: u16,
    /// Header names lowercased.
    pub headers: Vec<(String, String)>,
    /// The body as text.
    pub body: String,
}

impl RawResponse {
    /// The first header of that (lowercase) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// `retry-after` in seconds, when it is a number.
    pub fn retry_after(&self) -> Option<u64> {
        self.header("retry-after")
            .and_then(|v| v.trim().parse::<u64>().ok())
    }
}

/// What a non-2xx response means. Rate limits are reported as [`Failure::Wait`] so the
/// loader can wait and retry; everything else is final or transient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Wait until this epoch second (primary limit) or this many seconds (secondary), then retry.
    Wait {
        /// Seconds to wait, as GitHub said.
        seconds: u64,
        /// Reset epoch, if GitHub sent one.
        reset_epoch: Option<i64>,
    },
    /// Don't retry.
    Error(ApiError),
}

/// Classifies a non-success response. `what` names the thing asked for ("organization acme").
pub fn classify(resp: &RawResponse, what: &str, now_epoch: i64) -> Failure {
    let message = serde_json::from_str::<ErrorBody>(&resp.body)
        .ok()
        .and_then(|b| b.message)
        .unwrap_or_default();
    let remaining_zero = resp.header("x-ratelimit-remaining").map(str::trim) == Some("0");
    let reset = resp
        .header("x-ratelimit-reset")
        .and_then(|v| v.trim().parse::<i64>().ok());
    let retry_after = resp.retry_after();
    let lower = message.to_ascii_lowercase();
    let rate_limited = matches!(resp.status, 403 | 429)
        && (remaining_zero || retry_after.is_some() || lower.contains("rate limit"));
    if rate_limited {
        let seconds = retry_after
            .or_else(|| reset.map(|r| (r - now_epoch).max(0) as u64 + 1))
            .unwrap_or(60);
        return Failure::Wait {
            seconds,
            reset_epoch: reset,
        };
    }
    let err = match resp.status {
        401 => ApiError::BadCredentials,
        403 if resp.header("x-github-sso").is_some() => ApiError::SsoRequired {
            url: resp
                .header("x-github-sso")
                .and_then(|v| v.split(';').find_map(|p| p.trim().strip_prefix("url=")))
                .map(str::to_string),
        },
        // GitHub sends `X-Accepted-OAuth-Scopes` on every answer to a classic token, 200s too:
        // a scope is missing only when the token has none of them. A token that has one was
        // refused for another reason (its user is not an owner, or a policy), issue 11.
        403 if lacks_accepted_scope(resp)
            || lower.contains("resource not accessible")
            || (resp.header("x-oauth-scopes").is_none() && lower.contains("scope")) =>
        {
            ApiError::MissingScope {
                accepted: resp.header("x-accepted-oauth-scopes").map(str::to_string),
                granted: resp.header("x-oauth-scopes").map(str::to_string),
            }
        }
        403 => ApiError::Forbidden {
            message: or_status(message, 403),
        },
        404 => ApiError::NotFound {
            what: what.to_string(),
        },
        422 => ApiError::Unprocessable {
            message: or_status(message, 422),
        },
        500..=599 => ApiError::Server {
            status: resp.status,
        },
        status => ApiError::Unexpected {
            status,
            message: or_status(message, status),
        },
    };
    Failure::Error(err)
}

/// Whether a classic token's answer says it has none of the scopes the call accepts.
fn lacks_accepted_scope(resp: &RawResponse) -> bool {
    let (Some(accepted), Some(granted)) = (
        resp.header("x-accepted-oauth-scopes"),
        resp.header("x-oauth-scopes"),
    ) else {
        return false;
    };
    let list = |v: &'_ str| -> Vec<String> {
        v.split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let granted = list(granted);
    let accepted = list(accepted);
    let granted: Vec<&str> = granted.iter().map(String::as_str).collect();
    let accepted: Vec<&str> = accepted.iter().map(String::as_str).collect();
    !accepted.is_empty() && !scopes_allow(&accepted, &granted)
}

/// Whether `granted` (a classic token's scopes) holds one of `accepted`, directly or through a
/// parent scope: GitHub's `admin:org` includes `write:org` and `read:org`, `write:org` includes
/// `read:org`, and likewise for `admin:enterprise` and `read:enterprise`. Case-sensitive, as
/// GitHub writes scopes.
pub(crate) fn scopes_allow(accepted: &[&str], granted: &[&str]) -> bool {
    const PARENTS: [(&str, &[&str]); 4] = [
        ("read:org", &["write:org", "admin:org"]),
        ("write:org", &["admin:org"]),
        ("read:enterprise", &["admin:enterprise"]),
        ("manage_billing:enterprise", &["admin:enterprise"]),
    ];
    accepted.iter().any(|a| {
        granted.contains(a)
            || PARENTS
                .iter()
                .filter(|(child, _)| child == a)
                .any(|(_, parents)| parents.iter().any(|p| granted.contains(p)))
    })
}

fn or_status(message: String, status: u16) -> String {
    if message.is_empty() {
        format!("HTTP {status}")
    } else {
        // GitHub's messages are short; a hostile body must not flood the page.
        message.chars().take(300).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resp(status: u16, headers: &[(&str, &str)], body: &str) -> RawResponse {
        RawResponse {
            status,
            headers: headers
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            body: body.to_string(),
        }
    }

    fn err(r: RawResponse) -> ApiError {
        match classify(&r, "organization acme", 1_000) {
            Failure::Error(e) => e,
            w => panic!("expected an error, got {w:?}"),
        }
    }

    #[test]
    fn each_status_names_the_problem_and_the_remedy() {
        let e = err(resp(401, &[], r#"{"message":"Bad credentials"}"#));
        assert_eq!(e, ApiError::BadCredentials);
        assert!(e.to_string().contains("manage_billing:copilot"));

        let e = err(resp(
            403,
            &[
                (
                    "x-accepted-oauth-scopes",
                    "manage_billing:copilot, read:org",
                ),
                ("x-oauth-scopes", "repo"),
            ],
            r#"{"message":"Must have admin rights"}"#,
        ));
        let text = e.to_string();
        assert!(
            text.contains("GitHub accepts: manage_billing:copilot, read:org"),
            "{text}"
        );
        assert!(text.contains("This token has: repo"), "{text}");
        assert!(text.contains("GitHub Copilot Business"), "{text}");

        let e = err(resp(
            403,
            &[(
                "x-github-sso",
                "required; url=https://github.com/orgs/a/sso?x=1",
            )],
            "{}",
        ));
        assert_eq!(
            e,
            ApiError::SsoRequired {
                url: Some("https://github.com/orgs/a/sso?x=1".into())
            }
        );
        assert!(e.to_string().contains("Configure SSO"));

        let e = err(resp(404, &[], r#"{"message":"Not Found"}"#));
        assert!(e.to_string().contains("no organization acme"), "{e}");
        assert!(e.to_string().contains("owner"));

        let e = err(resp(
            422,
            &[],
            r#"{"message":"There is a problem with your organization's billing"}"#,
        ));
        assert!(e.to_string().contains("billing"), "{e}");

        assert_eq!(
            err(resp(502, &[], "<html>Bad Gateway</html>")),
            ApiError::Server { status: 502 }
        );
        assert!(err(resp(502, &[], "")).is_transient());
        assert!(!err(resp(401, &[], "")).is_transient());
    }

    #[test]
    fn a_403_blames_the_scope_only_when_the_token_has_none_of_the_accepted_ones() {
        let accepted = (
            "x-accepted-oauth-scopes",
            "manage_billing:copilot, read:org",
        );
        // read:org is accepted: the user is not an owner (or a policy blocks it).
        let e = err(resp(
            403,
            &[accepted, ("x-oauth-scopes", "read:org, repo")],
            r#"{"message":"Must be an organization owner"}"#,
        ));
        assert!(matches!(e, ApiError::Forbidden { .. }), "{e:?}");
        let text = e.to_string();
        assert!(text.contains("only organization owners"), "{text}");
        assert!(
            text.contains("GitHub Copilot Business") && text.contains("Administration"),
            "{text}"
        );
        // None accepted: the scope is missing.
        let e = err(resp(
            403,
            &[accepted, ("x-oauth-scopes", "repo, gist")],
            "{}",
        ));
        assert!(matches!(e, ApiError::MissingScope { .. }), "{e:?}");
        // A parent scope counts: admin:org includes read:org.
        let e = err(resp(
            403,
            &[accepted, ("x-oauth-scopes", "admin:org")],
            "{}",
        ));
        assert!(matches!(e, ApiError::Forbidden { .. }), "{e:?}");
        // Case-sensitive, trimmed, and an empty accepted list is not about scopes.
        let e = err(resp(
            403,
            &[accepted, ("x-oauth-scopes", " READ:ORG ,repo")],
            "{}",
        ));
        assert!(matches!(e, ApiError::MissingScope { .. }), "{e:?}");
        let e = err(resp(
            403,
            &[("x-accepted-oauth-scopes", ""), ("x-oauth-scopes", "repo")],
            r#"{"message":"Must be an organization owner or billing manager"}"#,
        ));
        assert!(matches!(e, ApiError::Forbidden { .. }), "{e:?}");
        // A fine-grained token (no scope headers) without the permission.
        let e = err(resp(
            403,
            &[],
            r#"{"message":"Resource not accessible by personal access token"}"#,
        ));
        assert!(matches!(e, ApiError::MissingScope { .. }), "{e:?}");
    }

    #[test]
    fn rate_limits_become_waits() {
        let primary = resp(
            403,
            &[
                ("x-ratelimit-remaining", "0"),
                ("x-ratelimit-reset", "1041"),
            ],
            "{}",
        );
        assert_eq!(
            classify(&primary, "x", 1_000),
            Failure::Wait {
                seconds: 42,
                reset_epoch: Some(1041)
            }
        );
        let secondary = resp(429, &[("retry-after", "7")], "{}");
        assert_eq!(
            classify(&secondary, "x", 1_000),
            Failure::Wait {
                seconds: 7,
                reset_epoch: None
            }
        );
        let message_only = resp(
            403,
            &[],
            r#"{"message":"You have exceeded a secondary rate limit"}"#,
        );
        assert!(matches!(
            classify(&message_only, "x", 0),
            Failure::Wait { seconds: 60, .. }
        ));
        let limited = ApiError::RateLimited {
            reset_epoch: Some(1041),
        };
        assert!(limited.to_string().contains("00:17:21 UTC"), "{limited}");
    }

    #[test]
    fn hostile_messages_are_bounded() {
        let long = format!(r#"{{"message":"{}"}}"#, "x".repeat(10_000));
        let e = err(resp(418, &[], &long));
        assert!(e.to_string().len() < 500);
    }
}
