//! GitHub's conventions: tokens, error bodies, rate-limit and other headers, `Link`.

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::Response;
use serde_json::json;

use crate::state::{epoch_now, lock, Shared, Window};

/// Scopes of `good-token` (and `sso-token`).
pub const GOOD_SCOPES: &str = "manage_billing:copilot, read:org";
/// What the Copilot seat endpoints accept (reads).
pub const ACCEPTED_SCOPES: &str = "manage_billing:copilot, read:org";
/// What removing and assigning seats accept (`DELETE`/`POST …/selected_users`). GitHub
/// documents the scopes, not this header's exact text for these calls.
pub const WRITE_ACCEPTED_SCOPES: &str = "admin:org, manage_billing:copilot";
/// What the member and team lists accept (`GET /orgs/{org}/members`, `…/teams`,
/// `…/teams/{team_slug}/members`). GitHub documents `read:org` for classic tokens; the other two
/// are the organization scopes that include it (this header's exact text is fakehub's).
pub const PEOPLE_ACCEPTED_SCOPES: &str = "admin:org, read:org, write:org";
/// What the enterprise seat list accepts (classic tokens only).
pub const ENTERPRISE_ACCEPTED_SCOPES: &str = "manage_billing:copilot, read:enterprise";
/// Authenticated requests per hour.
pub const LIMIT: u64 = 5_000;
/// Unauthenticated requests per hour (GitHub's limit per IP).
pub const ANON_LIMIT: u64 = 60;

pub const JSON: &str = "application/json; charset=utf-8";

/// The token a request carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// No `Authorization` header.
    Missing,
    /// `good-token`.
    Good,
    /// `noscope-token`: valid but without the scopes.
    NoScope,
    /// `sso-token`: valid but not authorized for the organization's SAML SSO.
    Sso,
    /// `nonowner-token`: a classic token with `read:org` (an accepted scope) whose user is not
    /// an owner of any organization: GitHub answers the Copilot endpoints 403 anyway.
    NonOwner,
    /// `nobilling-token`: a fine-grained token with "GitHub Copilot Business" (read) but not
    /// "Administration" nor "Members": seats yes, billing usage reports and the member and team
    /// lists 403.
    NoBilling,
    /// `readonly-token`: a classic token with `read:org` only, of an owner: reads everything,
    /// and gets 403 on writes (they need `manage_billing:copilot` or `admin:org`).
    ReadOnly,
    /// `fine-grained-token`: a fine-grained token of an owner with "GitHub Copilot Business",
    /// "Administration" and "Members" (read): reads every organization endpoint (members and
    /// teams too), gets 403 on writes and on the enterprise seat list, which GitHub answers to
    /// classic tokens only.
    FineGrained,
    /// Anything else.
    Bad,
}

impl Token {
    /// Reads `Authorization: Bearer X` or `Authorization: token X`.
    pub fn from_headers(headers: &HeaderMap) -> (Token, String) {
        let Some(value) = headers.get(header::AUTHORIZATION) else {
            return (Token::Missing, String::new());
        };
        let value = String::from_utf8_lossy(value.as_bytes()).trim().to_string();
        let token = match value.split_once(' ') {
            Some((scheme, t))
                if scheme.eq_ignore_ascii_case("bearer")
                    || scheme.eq_ignore_ascii_case("token") =>
            {
                t.trim().to_string()
            }
            _ => return (Token::Bad, String::new()),
        };
        let kind = match token.as_str() {
            "good-token" => Token::Good,
            "noscope-token" => Token::NoScope,
            "sso-token" => Token::Sso,
            "nonowner-token" => Token::NonOwner,
            "nobilling-token" => Token::NoBilling,
            "readonly-token" => Token::ReadOnly,
            "fine-grained-token" => Token::FineGrained,
            _ => Token::Bad,
        };
        (kind, token)
    }

    /// A valid token (its own rate-limit window).
    fn authenticated(&self) -> bool {
        !matches!(self, Token::Missing | Token::Bad)
    }

    /// A fine-grained token: no OAuth scopes, no scope headers.
    pub fn fine_grained(&self) -> bool {
        matches!(self, Token::NoBilling | Token::FineGrained)
    }

    /// A valid classic token: GitHub sends it `X-OAuth-Scopes` and `X-Accepted-OAuth-Scopes`
    /// on every answer, 200s included.
    pub fn classic(&self) -> bool {
        self.authenticated() && !self.fine_grained()
    }

    /// `X-OAuth-Scopes`: what the token was granted (empty when not authenticated).
    pub fn scopes(&self) -> &'static str {
        match self {
            Token::Good | Token::Sso => GOOD_SCOPES,
            Token::NoScope => "repo",
            Token::NonOwner | Token::ReadOnly => "read:org",
            // Fine-grained tokens have no OAuth scopes.
            Token::NoBilling | Token::FineGrained => "",
            Token::Missing | Token::Bad => "",
        }
    }
}

/// Per-response facts that become GitHub's common headers.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub token: Token,
    pub limit: u64,
    pub used: u64,
    pub reset: u64,
    pub request_id: String,
    /// Endpoint documentation, for error bodies.
    pub docs: &'static str,
    /// `X-Accepted-OAuth-Scopes` of the endpoint (sent to classic tokens).
    pub accepted: &'static str,
}

impl Ctx {
    /// Counts the request against its token's hourly window.
    ///
    /// Deviation: when a window is used up it starts over instead of answering 403, so a
    /// 2,000,000-seat benchmark (20,000 pages) still loads; the `rate-limited` organization
    /// stages the real limit.
    pub fn new(state: &Shared, headers: &HeaderMap, docs: &'static str) -> Ctx {
        let (token, raw) = Token::from_headers(headers);
        let (key, limit) = if token.authenticated() {
            (raw, LIMIT)
        } else {
            (String::new(), ANON_LIMIT)
        };
        let now = epoch_now();
        let mut rate = lock(&state.rate);
        let w = rate.entry(key).or_insert(Window {
            used: 0,
            reset: now + 3_600,
        });
        if now >= w.reset || w.used >= limit {
            *w = Window {
                used: 0,
                reset: now + 3_600,
            };
        }
        w.used += 1;
        Ctx {
            token,
            limit,
            used: w.used,
            reset: w.reset,
            request_id: state.request_id(),
            docs,
            accepted: ACCEPTED_SCOPES,
        }
    }

    /// A JSON response with GitHub's headers.
    pub fn json(&self, status: StatusCode, body: impl Into<Body>) -> Response {
        let mut resp = Response::new(body.into());
        *resp.status_mut() = status;
        resp.headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(JSON));
        self.decorate(&mut resp);
        resp
    }

    /// GitHub's error body: `{"message", "documentation_url", "status"}`.
    pub fn error(&self, status: StatusCode, message: &str) -> Response {
        self.error_with_docs(status, message, self.docs)
    }

    pub fn error_with_docs(&self, status: StatusCode, message: &str, docs: &str) -> Response {
        let body = json!({
            "message": message,
            "documentation_url": docs,
            "status": status.as_u16().to_string(),
        });
        self.json(status, body.to_string())
    }

    /// `x-ratelimit-*`, `x-github-request-id`, `x-oauth-scopes` and friends.
    pub fn decorate(&self, resp: &mut Response) {
        let h = resp.headers_mut();
        let remaining = self.limit.saturating_sub(self.used);
        set(h, "x-ratelimit-limit", &self.limit.to_string());
        set(h, "x-ratelimit-remaining", &remaining.to_string());
        set(h, "x-ratelimit-used", &self.used.to_string());
        set(h, "x-ratelimit-reset", &self.reset.to_string());
        set(h, "x-ratelimit-resource", "core");
        set(h, "x-github-request-id", &self.request_id);
        // OAuth scope headers go to classic tokens only (a fine-grained token has none), on
        // every answer.
        if !self.token.fine_grained() {
            set(h, "x-oauth-scopes", self.token.scopes());
            if self.token.classic() {
                set(h, "x-accepted-oauth-scopes", self.accepted);
            }
        }
        set(h, "x-github-media-type", "github.v3; format=json");
        set(h, "x-github-api-version-selected", "2022-11-28");
    }
}

/// Sets a header from text that is known to be a valid header value.
pub fn set(h: &mut HeaderMap, name: &'static str, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        h.insert(HeaderName::from_static(name), v);
    }
}

/// GitHub's `Link` header for `page` of `last`, or `None` when one page holds everything.
///
/// Each URL is `{origin}{path}?{the request's query without page}&page=N`, so `per_page` (and
/// anything else the client sent) is kept as sent. Rels come in GitHub's order: prev, next, last,
/// first.
pub fn link_header(
    origin: &str,
    path: &str,
    query: &str,
    page: usize,
    last: usize,
) -> Option<String> {
    if last <= 1 {
        return None;
    }
    let kept: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty() && p.split('=').next() != Some("page"))
        .collect();
    let url = |n: usize| {
        let mut q = kept.join("&");
        if !q.is_empty() {
            q.push('&');
        }
        format!("<{origin}{path}?{q}page={n}>")
    };
    let mut rels = Vec::new();
    if page > 1 {
        rels.push(format!("{}; rel=\"prev\"", url(page - 1)));
    }
    if page < last {
        rels.push(format!("{}; rel=\"next\"", url(page + 1)));
    }
    if page != last {
        rels.push(format!("{}; rel=\"last\"", url(last)));
    }
    if page != 1 {
        rels.push(format!("{}; rel=\"first\"", url(1)));
    }
    Some(rels.join(", "))
}

/// GitHub's `per_page` default for the seats endpoints, and its maximum everywhere.
pub const DEFAULT_PER_PAGE: usize = 50;
/// GitHub's `per_page` default for most lists (members, teams, team members).
pub const LIST_PER_PAGE: usize = 30;
pub const MAX_PER_PAGE: usize = 100;

/// What the request looked like, for `Link` URLs.
pub struct Req {
    pub host: String,
    pub path: String,
    pub query: String,
}

impl Req {
    pub fn origin(&self) -> String {
        format!("http://{}", self.host)
    }

    /// `(page, per_page)` as GitHub reads them on the seats endpoints: page 1 and per_page 50 by
    /// default, per_page at most 100; junk counts as absent.
    pub fn paging(&self) -> (usize, usize) {
        self.paging_from(DEFAULT_PER_PAGE)
    }

    /// `(page, per_page)` with per_page `default` when absent (at most 100).
    pub fn paging_from(&self, default: usize) -> (usize, usize) {
        let mut page = 1;
        let mut per_page = default;
        for pair in self.query.split('&') {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            match (k, v.parse::<usize>()) {
                ("page", Ok(n)) if n > 0 => page = n,
                ("per_page", Ok(n)) if n > 0 => per_page = n.min(MAX_PER_PAGE),
                _ => {}
            }
        }
        (page, per_page)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOCS_4RELS: &str =
        include_str!("../../fixtures/github-api/link-header-example-docs-4rels.txt");
    const DOCS_PER_PAGE: &str =
        include_str!("../../fixtures/github-api/link-header-example-docs-per-page.txt");
    const EXAMPLE: &str = include_str!("../../fixtures/github-api/link-header-example.txt");

    #[test]
    fn link_headers_match_githubs_examples_byte_for_byte() {
        let origin = "https://api.github.com";
        let issues = "/repositories/1300192/issues";
        assert_eq!(
            link_header(origin, issues, "page=3", 3, 515).unwrap(),
            DOCS_4RELS.trim_end()
        );
        assert_eq!(
            link_header(origin, issues, "per_page=2", 1, 7715).unwrap(),
            DOCS_PER_PAGE.trim_end()
        );
        assert_eq!(
            link_header(origin, "/resource", "", 1, 5).unwrap(),
            EXAMPLE.trim_end()
        );
    }

    #[test]
    fn link_rels_per_position() {
        let l = |page| link_header("http://h", "/p", "per_page=100&page=9", page, 3);
        assert_eq!(
            l(1).unwrap(),
            "<http://h/p?per_page=100&page=2>; rel=\"next\", <http://h/p?per_page=100&page=3>; rel=\"last\""
        );
        assert_eq!(
            l(3).unwrap(),
            "<http://h/p?per_page=100&page=2>; rel=\"prev\", <http://h/p?per_page=100&page=1>; rel=\"first\""
        );
        assert!(l(4).unwrap().contains("page=3>; rel=\"last\""));
        assert_eq!(link_header("http://h", "/p", "", 1, 1), None);
    }

    #[test]
    fn tokens() {
        let mut h = HeaderMap::new();
        assert_eq!(Token::from_headers(&h).0, Token::Missing);
        for (value, kind) in [
            ("Bearer good-token", Token::Good),
            ("token good-token", Token::Good),
            ("bearer noscope-token", Token::NoScope),
            ("token sso-token", Token::Sso),
            ("Bearer fine-grained-token", Token::FineGrained),
            ("Bearer nope", Token::Bad),
            ("good-token", Token::Bad),
            ("Basic Z29vZC10b2tlbg==", Token::Bad),
        ] {
            h.insert(header::AUTHORIZATION, HeaderValue::from_static(value));
            assert_eq!(Token::from_headers(&h).0, kind, "{value}");
        }
    }
}
