//! GitHub's Copilot seat endpoints, and what each organization makes of them.

use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use serde_json::{json, Value};

use seat_core::generate;

use crate::enterprise;
use crate::github::{self, Ctx, Req, Token};
use crate::orgs::{self, Data, Fault, Org};
use crate::people::{self, List};
use crate::state::{epoch_now, lock, AppState};
use crate::writes;

pub const BILLING: &str = include_str!("../../fixtures/github-api/org-copilot-billing.json");
pub const SEATS: &str = include_str!("../../fixtures/github-api/org-copilot-billing-seats.json");
pub const MEMBER: &str = include_str!("../../fixtures/github-api/org-member-copilot.json");

const DOCS_BILLING: &str = "https://docs.github.com/rest/copilot/copilot-user-management#get-copilot-seat-information-and-settings-for-an-organization";
const DOCS_SEATS: &str = "https://docs.github.com/rest/copilot/copilot-user-management#list-all-copilot-seat-assignments-for-an-organization";
const DOCS_MEMBER: &str = "https://docs.github.com/rest/copilot/copilot-user-management#get-copilot-seat-assignment-details-for-a-user";
const DOCS_CANCEL: &str = "https://docs.github.com/rest/copilot/copilot-user-management#remove-users-from-the-copilot-subscription-for-an-organization";
const DOCS_RESTORE: &str = "https://docs.github.com/rest/copilot/copilot-user-management#add-users-to-the-copilot-subscription-for-an-organization";
const DOCS_ADD_TEAMS: &str = "https://docs.github.com/rest/copilot/copilot-user-management#add-teams-to-the-copilot-subscription-for-an-organization";
const DOCS_REMOVE_TEAMS: &str = "https://docs.github.com/rest/copilot/copilot-user-management#remove-teams-from-the-copilot-subscription-for-an-organization";
const DOCS_MEMBERS: &str = "https://docs.github.com/rest/orgs/members#list-organization-members";
const DOCS_TEAMS: &str = "https://docs.github.com/rest/teams/teams#list-teams";
const DOCS_TEAM_MEMBERS: &str = "https://docs.github.com/rest/teams/members#list-team-members";
pub const DOCS_ENTERPRISE: &str = "https://docs.github.com/rest/copilot/copilot-user-management#list-all-copilot-seat-assignments-for-an-enterprise";
const DOCS_REST: &str = "https://docs.github.com/rest";
const DOCS_RATE: &str = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api";
pub const DOCS_SECONDARY: &str =
    "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits";
const DOCS_SSO: &str =
    "https://docs.github.com/articles/authenticating-to-a-github-organization-with-saml-single-sign-on/";

const BAD_GATEWAY: &str = "<!DOCTYPE html>\n<html>\n  <head><title>502 Bad Gateway &middot; GitHub</title></head>\n  <body>\n    <h1>Bad Gateway</h1>\n    <p>We couldn't respond to your request in time. Sorry about that. Please try resubmitting your request and contact us if the problem persists.</p>\n  </body>\n</html>\n";

/// A GitHub endpoint fakehub answers.
enum Endpoint {
    /// `/orgs/{org}/...`
    Org(String, OrgCall),
    /// `GET /enterprises/{enterprise}/copilot/billing/seats`
    EnterpriseSeats(String),
    /// `GET /organizations/{org}/settings/billing/...` (usage reports)
    BillingUsage(String, crate::billing::Report),
}

enum OrgCall {
    /// `GET /orgs/{org}/copilot/billing`
    Billing,
    /// `GET /orgs/{org}/copilot/billing/seats`
    Seats,
    /// `GET /orgs/{org}/members/{username}/copilot`
    Member(String),
    /// `DELETE /orgs/{org}/copilot/billing/selected_users`
    Cancel,
    /// `POST /orgs/{org}/copilot/billing/selected_users`
    Assign,
    /// `POST /orgs/{org}/copilot/billing/selected_teams`
    AssignTeams,
    /// `DELETE /orgs/{org}/copilot/billing/selected_teams`
    CancelTeams,
    /// `GET /orgs/{org}/members`, `…/teams`, `…/teams/{team_slug}/members`
    People(List),
}

impl Endpoint {
    fn docs(&self) -> &'static str {
        match self {
            Endpoint::Org(_, OrgCall::Billing) => DOCS_BILLING,
            Endpoint::Org(_, OrgCall::Seats) => DOCS_SEATS,
            Endpoint::Org(_, OrgCall::Member(_)) => DOCS_MEMBER,
            Endpoint::Org(_, OrgCall::Cancel) => DOCS_CANCEL,
            Endpoint::Org(_, OrgCall::Assign) => DOCS_RESTORE,
            Endpoint::Org(_, OrgCall::AssignTeams) => DOCS_ADD_TEAMS,
            Endpoint::Org(_, OrgCall::CancelTeams) => DOCS_REMOVE_TEAMS,
            Endpoint::Org(_, OrgCall::People(List::Members)) => DOCS_MEMBERS,
            Endpoint::Org(_, OrgCall::People(List::Teams)) => DOCS_TEAMS,
            Endpoint::Org(_, OrgCall::People(List::TeamMembers(_))) => DOCS_TEAM_MEMBERS,
            Endpoint::EnterpriseSeats(_) => DOCS_ENTERPRISE,
            Endpoint::BillingUsage(..) => crate::billing::DOCS_USAGE,
        }
    }

    /// Whether the call changes seats.
    fn is_write(&self) -> bool {
        matches!(
            self,
            Endpoint::Org(
                _,
                OrgCall::Cancel | OrgCall::Assign | OrgCall::AssignTeams | OrgCall::CancelTeams
            )
        )
    }

    /// Whether the call lists members or teams.
    fn is_people(&self) -> bool {
        matches!(self, Endpoint::Org(_, OrgCall::People(_)))
    }

    /// `orgs/NAME` or `enterprises/NAME`, for the SSO URL.
    fn owner(&self) -> String {
        match self {
            Endpoint::Org(org, _) | Endpoint::BillingUsage(org, _) => format!("orgs/{org}"),
            Endpoint::EnterpriseSeats(ent) => format!("enterprises/{ent}"),
        }
    }
}

fn route(method: &Method, path: &str) -> Option<Endpoint> {
    let parts: Vec<&str> = path.strip_prefix('/')?.split('/').collect();
    let get = method == Method::GET || method == Method::HEAD;
    let org = |o: &str, call| Endpoint::Org(o.to_string(), call);
    Some(match parts.as_slice() {
        ["orgs", o, "copilot", "billing"] if get => org(o, OrgCall::Billing),
        ["orgs", o, "copilot", "billing", "seats"] if get => org(o, OrgCall::Seats),
        ["orgs", o, "members", user, "copilot"] if get => org(o, OrgCall::Member(user.to_string())),
        ["orgs", o, "copilot", "billing", "selected_users"] if method == Method::DELETE => {
            org(o, OrgCall::Cancel)
        }
        ["orgs", o, "copilot", "billing", "selected_users"] if method == Method::POST => {
            org(o, OrgCall::Assign)
        }
        ["orgs", o, "copilot", "billing", "selected_teams"] if method == Method::POST => {
            org(o, OrgCall::AssignTeams)
        }
        ["orgs", o, "copilot", "billing", "selected_teams"] if method == Method::DELETE => {
            org(o, OrgCall::CancelTeams)
        }
        ["orgs", o, "members"] if get => org(o, OrgCall::People(List::Members)),
        ["orgs", o, "teams"] if get => org(o, OrgCall::People(List::Teams)),
        ["orgs", o, "teams", team, "members"] if get => {
            org(o, OrgCall::People(List::TeamMembers(team.to_string())))
        }
        ["enterprises", ent, "copilot", "billing", "seats"] if get => {
            Endpoint::EnterpriseSeats(ent.to_string())
        }
        ["organizations", o, "settings", "billing", rest @ ..] if get => {
            let report = match rest {
                ["usage"] => crate::billing::Report::Usage,
                ["usage", "summary"] => crate::billing::Report::Summary,
                ["ai_credit", "usage"] => crate::billing::Report::AiCredit,
                ["premium_request", "usage"] => crate::billing::Report::PremiumRequest,
                _ => return None,
            };
            Endpoint::BillingUsage(o.to_string(), report)
        }
        _ => return None,
    })
}

/// Everything that is not `/_fakehub/...`: GitHub's endpoints, else GitHub's 404.
pub async fn handle(State(state): State<AppState>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    if parts.uri.path().starts_with("/_fakehub") {
        return (
            StatusCode::NOT_FOUND,
            axum::Json(json!({ "message": "no such fakehub admin endpoint" })),
        )
            .into_response();
    }
    let Some(endpoint) = route(&parts.method, parts.uri.path()) else {
        let ctx = Ctx::new(&state, &parts.headers, DOCS_REST);
        return ctx.error(StatusCode::NOT_FOUND, "Not Found");
    };
    let mut ctx = Ctx::new(&state, &parts.headers, endpoint.docs());
    let write = endpoint.is_write();
    if write {
        ctx.accepted = github::WRITE_ACCEPTED_SCOPES;
    }
    let people = endpoint.is_people();
    if people {
        ctx.accepted = github::PEOPLE_ACCEPTED_SCOPES;
    }
    let billing_call = matches!(endpoint, Endpoint::BillingUsage(..));
    let enterprise_call = matches!(endpoint, Endpoint::EnterpriseSeats(_));
    if enterprise_call {
        ctx.accepted = github::ENTERPRISE_ACCEPTED_SCOPES;
    }
    let call = Call {
        billing: billing_call,
        write,
        enterprise: enterprise_call,
        people,
    };
    if let Some(denied) = authorize(&ctx, &endpoint.owner(), call) {
        return denied;
    }
    let req = Req {
        host: host(&parts.headers),
        path: parts.uri.path().to_string(),
        query: parts.uri.query().unwrap_or("").to_string(),
    };
    let (name, call) = match endpoint {
        Endpoint::EnterpriseSeats(ent) => return enterprise::seats(&ctx, &ent, &req, state.now),
        Endpoint::BillingUsage(name, report) => {
            let Some(org) = orgs::resolve(&name, state.now) else {
                return ctx.error(StatusCode::NOT_FOUND, "Not Found");
            };
            if let Some(early) = org_fault(&ctx, &org).await {
                return early;
            }
            return crate::billing::answer(&ctx, &org, &report, &req.query, state.now);
        }
        Endpoint::Org(name, call) => (name, call),
    };
    let Some(org) = orgs::resolve(&name, state.now) else {
        return ctx.error(StatusCode::NOT_FOUND, "Not Found");
    };
    // A billing problem is the billing's, the seats' and the writes': the lists of people answer.
    if !(people && org.fault == Fault::BillingProblem) {
        if let Some(early) = org_fault(&ctx, &org).await {
            return early;
        }
    }
    let body = || async {
        axum::body::to_bytes(body, 1 << 20)
            .await
            .unwrap_or_default()
    };
    match call {
        OrgCall::Billing => billing(&state, &ctx, &org).await,
        OrgCall::Seats => seats(&state, &ctx, &org, &req).await,
        OrgCall::Member(user) => member(&state, &ctx, &org, &user),
        OrgCall::People(list) => people::answer(&state, &ctx, &org, &list, &req).await,
        OrgCall::Cancel => writes::cancel(&state, &ctx, &org, &body().await),
        OrgCall::Assign => writes::assign(&state, &ctx, &org, &body().await),
        OrgCall::AssignTeams | OrgCall::CancelTeams => {
            let body = body().await;
            let team_members = match &org.data {
                Data::Generated(spec) => Some(people::team_members(&state, &org, spec).await),
                Data::Examples => None,
            };
            let of_teams = team_members.as_ref().map_or(&[][..], |t| t.as_slice());
            let assign = matches!(call, OrgCall::AssignTeams);
            writes::teams_write(&state, &ctx, &org, &body, assign, of_teams)
        }
    }
}

fn host(headers: &HeaderMap) -> String {
    headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost")
        .to_string()
}

/// What kind of call a request is, for [`authorize`].
#[derive(Debug, Clone, Copy)]
struct Call {
    /// A billing usage report.
    billing: bool,
    /// Changes seats.
    write: bool,
    /// The enterprise seat list.
    enterprise: bool,
    /// The member and team lists.
    people: bool,
}

/// 401 without or with a bad token, 403 without the scopes or the SSO authorization;
/// `nobilling-token` reads seats but not the billing usage reports nor the member and team lists
/// (it lacks "Members"); `readonly-token`, `nobilling-token` and `fine-grained-token` (read-only
/// permissions) read but get 403 on writes. `nonowner-token` (a member) lists members and teams
/// but gets 403 on the Copilot endpoints. The enterprise seat list answers classic tokens only
/// (GitHub's message for a fine-grained token on an endpoint it cannot use), with
/// `manage_billing:copilot` or `read:enterprise`: `read:org` is not enough.
fn authorize(ctx: &Ctx, owner: &str, call: Call) -> Option<Response> {
    let not_accessible = || {
        Some(ctx.error(
            StatusCode::FORBIDDEN,
            "Resource not accessible by personal access token",
        ))
    };
    match ctx.token {
        Token::Good => None,
        Token::NoBilling | Token::FineGrained if call.enterprise => not_accessible(),
        Token::ReadOnly | Token::NonOwner if call.enterprise => not_accessible(),
        Token::ReadOnly | Token::NoBilling | Token::FineGrained if call.write => not_accessible(),
        Token::NoBilling if call.people => not_accessible(),
        Token::NonOwner if call.people => None,
        Token::ReadOnly | Token::FineGrained => None,
        Token::NoBilling if !call.billing => None,
        Token::NoBilling => not_accessible(),
        Token::Missing => Some(ctx.error(StatusCode::UNAUTHORIZED, "Requires authentication")),
        Token::Bad => {
            Some(ctx.error_with_docs(StatusCode::UNAUTHORIZED, "Bad credentials", DOCS_REST))
        }
        Token::NoScope => not_accessible(),
        // GitHub does not document this message; the status and the scope headers (which the
        // app reads) are what it sends a non-owner.
        Token::NonOwner => Some(ctx.error(
            StatusCode::FORBIDDEN,
            "Must be an organization owner or billing manager",
        )),
        Token::Sso => {
            let mut resp = ctx.error_with_docs(
                StatusCode::FORBIDDEN,
                "Resource protected by organization SAML enforcement. You must grant your Personal Access token access to this organization.",
                DOCS_SSO,
            );
            let name = owner.split_once('/').map_or(owner, |(_, n)| n);
            let kind = if owner.starts_with("enterprises/") {
                "enterprises"
            } else {
                "orgs"
            };
            let request = format!("{:016x}", generate::seed_for(name));
            let sso = format!("required; url=https://github.com/{kind}/{name}/sso?authorization_request={request}");
            github::set(resp.headers_mut(), "x-github-sso", &sso);
            Some(resp)
        }
    }
}

/// Faults that hit every endpoint of an organization.
async fn org_fault(ctx: &Ctx, org: &Org) -> Option<Response> {
    match org.fault {
        Fault::Missing => Some(ctx.error(StatusCode::NOT_FOUND, "Not Found")),
        Fault::BillingProblem => Some(ctx.error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "There is a problem with your organization's billing. Please update your payment method or contact your billing manager.",
        )),
        Fault::Slow => {
            tokio::time::sleep(Duration::from_secs(3)).await;
            None
        }
        _ => None,
    }
}

fn json_value(ctx: &Ctx, v: &Value) -> Response {
    ctx.json(StatusCode::OK, v.to_string())
}

async fn billing(state: &AppState, ctx: &Ctx, org: &Org) -> Response {
    let spec = match &org.data {
        Data::Examples => return ctx.json(StatusCode::OK, BILLING),
        Data::Generated(spec) => spec,
    };
    let cached = lock(&state.breakdowns).get(&org.key).copied();
    let b = match cached {
        Some(b) => b,
        None => {
            // O(seats): ~0.1 s for 2,000,000 seats in release, once per process and organization,
            // off the async workers.
            let owned = spec.clone();
            let b = tokio::task::spawn_blocking(move || generate::breakdown(&owned))
                .await
                .unwrap_or_default();
            lock(&state.breakdowns).insert(org.key.clone(), b);
            b
        }
    };
    let b = writes::breakdown_after(state, org, spec, b);
    let mut v = generate::billing_json_from(spec, &b);
    v["seat_management_setting"] = org.seat_management.into();
    json_value(ctx, &v)
}

fn member(state: &AppState, ctx: &Ctx, org: &Org, user: &str) -> Response {
    let not_found = || ctx.error(StatusCode::NOT_FOUND, "Not Found");
    match &org.data {
        Data::Examples => {
            if user.eq_ignore_ascii_case("octocat") {
                return ctx.json(StatusCode::OK, MEMBER);
            }
            let seats: Value = serde_json::from_str(SEATS).unwrap_or_default();
            let found = seats["seats"].as_array().and_then(|s| {
                s.iter().find(|s| {
                    s["assignee"]["login"]
                        .as_str()
                        .is_some_and(|l| l.eq_ignore_ascii_case(user))
                })
            });
            match found {
                Some(seat) => ctx.json(
                    StatusCode::OK,
                    serde_json::to_string_pretty(seat).unwrap_or_default(),
                ),
                None => not_found(),
            }
        }
        // A member without a seat is 404 too (GitHub documents none other for it).
        Data::Generated(spec) => match writes::member_seat(state, org, spec, user) {
            Some(seat) => json_value(ctx, &seat),
            None => not_found(),
        },
    }
}

async fn seats(state: &AppState, ctx: &Ctx, org: &Org, req: &Req) -> Response {
    let (page, per_page) = req.paging();
    let spec = match &org.data {
        Data::Examples => {
            // One page: the official example, byte for byte; past it, an empty page.
            return if page == 1 {
                ctx.json(StatusCode::OK, SEATS)
            } else {
                json_value(ctx, &json!({ "total_seats": 2, "seats": [] }))
            };
        }
        Data::Generated(spec) => spec,
    };
    let last = generate::last_page(writes::total_seats(state, org, spec), per_page);
    if page >= 2 {
        if let Some(resp) = page_fault(state, ctx, org, page).await {
            return resp;
        }
    }
    let data_page = if org.fault == Fault::Repeat && page == 2 {
        1
    } else {
        page
    };
    let body = writes::seats_page(state, org, spec, data_page, per_page).to_string();
    let link = if org.fault == Fault::ForeignLink && page == 1 {
        github::link_header(
            "https://evil.example.com",
            &req.path,
            &req.query,
            page,
            last,
        )
    } else {
        github::link_header(&req.origin(), &req.path, &req.query, page, last)
    };
    let mut resp = match (org.fault, page) {
        (Fault::Truncated, 2) => {
            let mut bytes = Bytes::from(body);
            let half = bytes.split_to(bytes.len() / 2);
            ctx.json(StatusCode::OK, half)
        }
        (Fault::Dropped, 2) => dropped(ctx, body),
        _ => ctx.json(StatusCode::OK, body),
    };
    if let Some(link) = link {
        github::set(resp.headers_mut(), "link", &link);
    }
    resp
}

/// Announces the whole body, sends half, then fails the stream: hyper closes the connection
/// mid-body, as a dropped connection would.
fn dropped(ctx: &Ctx, body: String) -> Response {
    let full = body.len();
    let mut bytes = Bytes::from(body);
    let first = bytes.split_to(full / 2);
    let head = futures_util::stream::iter([Ok::<Bytes, std::io::Error>(first)]);
    // The pause lets hyper flush the head and the first half before the failure aborts it.
    let failure = futures_util::stream::once(async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "fakehub: dropped scenario",
        ))
    });
    let mut resp = ctx.json(StatusCode::OK, Body::from_stream(head.chain(failure)));
    resp.headers_mut()
        .insert(header::CONTENT_LENGTH, HeaderValue::from(full));
    resp
}

/// How long `rate-limited`'s primary limit lasts from the first request for a page ≥ 2, in
/// seconds: long enough that the app's "Waiting N s" note can be seen while other pages arrive.
const RATE_LIMITED_S: u64 = 4;

/// Faults of the seats endpoint on page ≥ 2; `None` to answer normally.
async fn page_fault(state: &AppState, ctx: &Ctx, org: &Org, page: usize) -> Option<Response> {
    let key = (org.key.clone(), page);
    let nth = {
        let mut faults = lock(&state.faults);
        let n = faults.counts.entry(key.clone()).or_insert(0);
        *n += 1;
        *n
    };
    match org.fault {
        Fault::RateLimited => {
            let now = epoch_now();
            let reset = {
                let mut faults = lock(&state.faults);
                // One window (the organization stands for its token here), begun by the first
                // request past page 1: asking for other pages does not move GitHub's reset.
                let reset = *faults
                    .limited_until
                    .entry(org.key.clone())
                    .or_insert(now + RATE_LIMITED_S);
                (now < reset).then_some(reset)
            }?;
            let message = format!(
                "API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID {} and timestamp {}.",
                ctx.request_id,
                chrono::Utc::now().format("%Y-%m-%d %H:%M:%S UTC")
            );
            let mut resp = ctx.error_with_docs(StatusCode::FORBIDDEN, &message, DOCS_RATE);
            let h = resp.headers_mut();
            github::set(h, "x-ratelimit-remaining", "0");
            github::set(h, "x-ratelimit-used", &ctx.limit.to_string());
            github::set(h, "x-ratelimit-reset", &reset.to_string());
            Some(resp)
        }
        Fault::SecondaryLimited => {
            let now = Instant::now();
            let limited = {
                let mut faults = lock(&state.faults);
                if nth == 1 {
                    faults
                        .retry_at
                        .insert(key.clone(), now + Duration::from_secs(1));
                }
                faults.retry_at.get(&key).is_some_and(|&at| now < at)
            };
            if !limited {
                return None;
            }
            Some(secondary_limited(ctx, StatusCode::TOO_MANY_REQUESTS, 1))
        }
        Fault::Flaky if page == 2 && nth <= 2 => Some(bad_gateway(ctx)),
        Fault::Persistent502 if page == 2 => Some(bad_gateway(ctx)),
        Fault::Timeout if page == 2 => {
            let mut stopped = state.stopped.clone();
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_secs(90)) => None,
                _ = stopped.wait_for(|s| *s) => Some(StatusCode::SERVICE_UNAVAILABLE.into_response()),
            }
        }
        _ => None,
    }
}

/// GitHub's answer to a request over a secondary rate limit (403 or 429), `retry-after` in
/// seconds.
pub fn secondary_limited(ctx: &Ctx, status: StatusCode, retry_after_s: u64) -> Response {
    let message = format!(
        "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID {}.",
        ctx.request_id
    );
    let mut resp = ctx.error_with_docs(status, &message, DOCS_SECONDARY);
    github::set(
        resp.headers_mut(),
        "retry-after",
        &retry_after_s.to_string(),
    );
    resp
}

fn bad_gateway(ctx: &Ctx) -> Response {
    let mut resp = Response::new(Body::from(BAD_GATEWAY));
    *resp.status_mut() = StatusCode::BAD_GATEWAY;
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    ctx.decorate(&mut resp);
    resp
}
