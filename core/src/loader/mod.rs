//! The rules of reading GitHub: which URLs get the token, paging with bounded concurrency, rate
//! limit waits, retries, and an honest account of what was loaded.
//!
//! The HTTP transport and the clock are passed in, so the same code runs on gloo-net in the
//! browser and on a scripted transport with a fake clock in native tests.

use std::future::Future;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use futures::future::{select, Either};
use futures::StreamExt;

use crate::api_base::ApiBase;
use crate::error::{classify, ApiError, Failure, RawResponse};
use crate::link::{page_of, parse_link_header};
use crate::models::{decode_billing, decode_seat, decode_seats_page, Billing, Seat};
use crate::pacing::{Pacer, GET_POINTS};
use crate::spend::{decode_usage, UsageLine};
use crate::token::Token;
use paging::Paging;

/// The method of a request that changes something on GitHub.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WriteMethod {
    /// `DELETE` (remove seats).
    Delete,
    /// `POST` (assign seats).
    Post,
}

impl WriteMethod {
    /// `DELETE` or `POST`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Delete => "DELETE",
            Self::Post => "POST",
        }
    }
}

/// Sends one request. Implementations send only `Authorization`, `Accept` and (writes)
/// `Content-Type: application/json` (GitHub's CORS preflight refuses anything else a client
/// might add, such as `X-GitHub-Api-Version`).
pub trait Transport {
    /// GETs `url` with `Authorization: Bearer <token>`. A network-level failure is
    /// [`ApiError::Network`]; any HTTP status is a `RawResponse`.
    fn get(&self, url: &str, token: &str) -> impl Future<Output = Result<RawResponse, ApiError>>;

    /// Sends `body` (JSON, `Content-Type: application/json`) with `method` to `url`, with
    /// `Authorization: Bearer <token>`. Failures as for [`Transport::get`]. Called only by
    /// [`crate::writes`], once per request (it decides about retries).
    fn send(
        &self,
        method: WriteMethod,
        url: &str,
        token: &str,
        body: &str,
    ) -> impl Future<Output = Result<RawResponse, ApiError>>;
}

/// Time, injected so waits are testable.
pub trait Clock {
    /// Milliseconds since the Unix epoch.
    fn now_ms(&self) -> i64;
    /// Resolves after `ms` milliseconds.
    fn sleep(&self, ms: u64) -> impl Future<Output = ()>;
}

/// Knobs of a load. The defaults suit GitHub: few parallel requests, bounded waits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadOptions {
    /// Seats per page (GitHub's maximum is 100).
    pub per_page: u32,
    /// Requests for pages at once: 8. A browser opens at most 6 connections per host over
    /// HTTP/1.1 (over HTTP/2, as api.github.com speaks, they are streams of one connection):
    /// the 2 more wait in the browser's queue and take a connection the moment one frees,
    /// instead of after the page has read the answer that freed it (each page also costs a
    /// CORS preflight on its connection). GitHub allows 100 concurrent requests.
    pub concurrency: usize,
    /// Pages after the first requested together with it, before its `Link` header says how
    /// many there are (at most `concurrency - 1`; 7): this saves the round trip of waiting for
    /// page 1 before fanning out. Their URLs are page 1's with another `page`. Page 1's links
    /// win: a guess is used only where they lead to it with the same `per_page` (pages past
    /// the last, or after a link to another host, are dropped). 0: wait for page 1.
    pub speculative_pages: u32,
    /// Attempts per request for transient failures (5xx, network, timeout).
    pub max_attempts: u32,
    /// First retry delay; doubled each attempt.
    pub backoff_ms: u64,
    /// A request without an answer after this long is abandoned (GitHub cuts at 10 s).
    pub timeout_ms: u64,
    /// The longest rate-limit wait accepted before giving up with an error.
    pub max_wait_s: u64,
    /// Rate-limit waits accepted per request.
    pub max_waits: u32,
    /// GitHub's secondary limit for one token: points in any window of [`Self::minute_ms`]
    /// (a GET costs [`GET_POINTS`], its preflight included; a write
    /// [`crate::pacing::WRITE_POINTS`]). Requests wait for room; 0 means no pacing.
    pub points_per_minute: u32,
    /// The window of [`Self::points_per_minute`], and the least wait after a secondary limit
    /// that came without `retry-after` (60,000: GitHub's minute; tests and benchmarks shrink
    /// it).
    pub minute_ms: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            per_page: 100,
            concurrency: 8,
            speculative_pages: 7,
            max_attempts: 4,
            backoff_ms: 500,
            timeout_ms: 30_000,
            max_wait_s: 15 * 60,
            max_waits: 3,
            points_per_minute: 900,
            minute_ms: 60_000,
        }
    }
}

/// What the seat listing is read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeatSource {
    /// `GET /orgs/{org}/copilot/billing/seats`.
    Org(String),
    /// `GET /enterprises/{enterprise}/copilot/billing/seats` (one seat per granting org or team,
    /// so it can list more seats than `total_seats`).
    Enterprise(String),
}

/// Something the UI should know while a load runs.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A page arrived: its new seats (duplicates already removed) and the progress so far.
    Seats {
        /// Seats to add.
        seats: Vec<Seat>,
        /// `total_seats` as GitHub reports it.
        total_seats: Option<u64>,
        /// Pages finished (including failed ones).
        pages_done: u32,
        /// Pages known so far.
        pages_total: u32,
        /// Estimated ms until the last page is in: the pages still to come, sent
        /// `concurrency` at a time at the pace the points budget allows, each taking the mean
        /// request time observed so far. `Some(0)` when every page is in; `None` when not
        /// known (before an answer arrived, or while following `next` links, when the page
        /// count is unknown).
        eta_ms: Option<u64>,
    },
    /// A wait before retrying; `message` is ready to show ("Waiting 42 s for GitHub's rate limit").
    Waiting {
        /// Seconds.
        seconds: u64,
        /// Ready to show.
        message: String,
    },
}

/// A page that could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageFailure {
    /// The page number (None when the pages past a refused link are unknown).
    pub page: Option<u32>,
    /// Why.
    pub error: ApiError,
}

/// The account of a finished load.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LoadReport {
    /// `total_seats` as GitHub reports it.
    pub total_seats: Option<u64>,
    /// Pages the listing has.
    pub pages: u32,
    /// Seats kept.
    pub loaded: usize,
    /// Pages that failed after retries.
    pub failed: Vec<PageFailure>,
    /// Seats seen twice (the list changed while loading) and dropped.
    pub duplicates: usize,
    /// For an organization: GitHub said `total_seats` but fewer arrived.
    pub missing: u64,
}

impl LoadReport {
    /// True only when every page arrived and the count adds up.
    pub fn is_complete(&self) -> bool {
        self.failed.is_empty() && self.duplicates == 0 && self.missing == 0
    }

    /// A sentence for an incomplete load, saying what is missing and what to do.
    pub fn problem(&self) -> Option<String> {
        if self.is_complete() {
            return None;
        }
        let total = self
            .total_seats
            .map_or_else(|| "?".to_string(), |t| t.to_string());
        let mut parts = vec![format!(
            "Incomplete: {} of {} seats loaded.",
            self.loaded, total
        )];
        if !self.failed.is_empty() {
            let pages: Vec<String> = self
                .failed
                .iter()
                .map(|f| {
                    f.page
                        .map_or_else(|| "the rest".to_string(), |p| p.to_string())
                })
                .collect();
            parts.push(format!(
                "{} {} failed: {}",
                if pages.len() == 1 { "Page" } else { "Pages" },
                pages.join(", "),
                self.failed[0].error
            ));
        }
        if self.duplicates > 0 {
            parts.push(format!(
                "{} seats appeared twice because the list changed while loading; they are shown once.",
                self.duplicates
            ));
        }
        if self.missing > 0 && self.failed.is_empty() {
            parts.push(format!(
                "GitHub listed {} fewer seats than it reported.",
                self.missing
            ));
        }
        parts.push("Retry to load the whole list.".to_string());
        Some(parts.join(" "))
    }
}

/// A GitHub client for one API base and one token.
pub struct Client<T, C> {
    pub(crate) transport: T,
    pub(crate) clock: C,
    pub(crate) base: ApiBase,
    pub(crate) token: Token,
    pub(crate) options: LoadOptions,
    pub(crate) pacer: Arc<Pacer>,
}

impl<T, C> std::fmt::Debug for Client<T, C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the token.
        f.debug_struct("Client")
            .field("base", &self.base)
            .finish_non_exhaustive()
    }
}

impl<T: Transport, C: Clock> Client<T, C> {
    /// A client; the token is sent only to `base`'s origin. It paces its requests with a pacer
    /// of its own (see [`Client::sharing`] for the clients of one token).
    pub fn new(transport: T, clock: C, base: ApiBase, token: Token, options: LoadOptions) -> Self {
        let pacer = Arc::new(Pacer::new(options.points_per_minute, options.minute_ms));
        Self::sharing(transport, clock, base, token, options, pacer)
    }

    /// A client pacing with `pacer`: the clients of one token should share one, since GitHub
    /// counts the points per token, not per client.
    pub fn sharing(
        transport: T,
        clock: C,
        base: ApiBase,
        token: Token,
        options: LoadOptions,
        pacer: Arc<Pacer>,
    ) -> Self {
        Self {
            transport,
            clock,
            base,
            token,
            options,
            pacer,
        }
    }

    /// The pacer (share it with [`Client::sharing`]).
    pub fn pacer(&self) -> &Arc<Pacer> {
        &self.pacer
    }

    /// The API base.
    pub fn base(&self) -> &ApiBase {
        &self.base
    }

    /// `GET /orgs/{org}/copilot/billing`.
    pub async fn billing(&self, org: &str, on_event: &dyn Fn(Event)) -> Result<Billing, ApiError> {
        let url = self.base.url(&format!("/orgs/{org}/copilot/billing"));
        let resp = self
            .get(&url, &format!("organization {org}"), on_event)
            .await?;
        decode_billing(&resp.body).map_err(|e| malformed("billing", &e))
    }

    /// `GET /orgs/{org}/members/{login}/copilot`.
    pub async fn member_seat(
        &self,
        org: &str,
        login: &str,
        on_event: &dyn Fn(Event),
    ) -> Result<Seat, ApiError> {
        let url = self.base.url(&format!(
            "/orgs/{org}/members/{}/copilot",
            encode_segment(login)
        ));
        let resp = self
            .get(
                &url,
                &format!("Copilot seat for {login} in organization {org}"),
                on_event,
            )
            .await?;
        decode_seat(&resp.body).map_err(|e| malformed("seat", &e))
    }

    /// This month's Copilot lines from GitHub's billing usage API:
    /// `GET /organizations/{org}/settings/billing/usage/summary?year=&month=&product=copilot`,
    /// falling back to the usage report (`…/billing/usage?year=&month=`, every product) when the
    /// summary (a public preview) answers 404. 404 from both: not on the enhanced billing
    /// platform.
    pub async fn copilot_usage(
        &self,
        org: &str,
        year: i32,
        month: u32,
    ) -> Result<Vec<UsageLine>, ApiError> {
        let what = format!("billing usage of organization {org}");
        let summary = self.base.url(&format!(
            "/organizations/{org}/settings/billing/usage/summary?year={year}&month={month}&product=copilot"
        ));
        let resp = match self.get(&summary, &what, &|_| {}).await {
            Err(ApiError::NotFound { .. }) => {
                let usage = self.base.url(&format!(
                    "/organizations/{org}/settings/billing/usage?year={year}&month={month}"
                ));
                self.get(&usage, &what, &|_| {}).await?
            }
            other => other?,
        };
        let report = decode_usage(&resp.body).map_err(|e| malformed("billing usage", &e))?;
        Ok(report
            .usage_items
            .into_iter()
            .filter(UsageLine::is_copilot)
            .collect())
    }

    /// One person's usage this month: `report` is `ai_credit` or `premium_request`
    /// (`GET /organizations/{org}/settings/billing/{report}/usage?user=&year=&month=`).
    pub async fn user_usage(
        &self,
        report: &str,
        org: &str,
        login: &str,
        year: i32,
        month: u32,
    ) -> Result<Vec<UsageLine>, ApiError> {
        let url = self.base.url(&format!(
            "/organizations/{org}/settings/billing/{report}/usage?user={}&year={year}&month={month}",
            encode_segment(login)
        ));
        let what = format!("{report} usage of {login} in organization {org}");
        let resp = self.get(&url, &what, &|_| {}).await?;
        Ok(decode_usage(&resp.body)
            .map_err(|e| malformed("usage report", &e))?
            .usage_items)
    }

    /// Reads every seat: page 1, then the rest `concurrency` at a time, emitting each page's
    /// seats as they arrive (the plans are in [`paging`]). Fails outright only if page 1 fails;
    /// later failures are in the report.
    pub async fn seats(
        &self,
        source: &SeatSource,
        on_event: &dyn Fn(Event),
    ) -> Result<LoadReport, ApiError> {
        let (path, what) = match source {
            SeatSource::Org(org) => (
                format!("/orgs/{org}/copilot/billing/seats"),
                format!("organization {org}"),
            ),
            SeatSource::Enterprise(e) => (
                format!("/enterprises/{e}/copilot/billing/seats"),
                format!("enterprise {e}"),
            ),
        };
        let per_page = self.options.per_page;
        let page_url = |p: u32| {
            self.base
                .url(&format!("{path}?per_page={per_page}&page={p}"))
        };
        let mut paging = Paging::new(self, &what, on_event);
        for p in 2..=paging.last_guess {
            let guess = paging.fetch(p, page_url(p));
            paging.inflight.push(guess);
        }
        let mut early = Vec::new();
        let first_url = page_url(1);
        let first = {
            let mut first = std::pin::pin!(self.get(&first_url, &what, on_event));
            loop {
                if paging.inflight.is_empty() {
                    break first.await;
                }
                match select(first.as_mut(), paging.inflight.next()).await {
                    Either::Left((answer, _)) => break answer,
                    Either::Right((Some(done), _)) => early.push(done),
                    Either::Right((None, _)) => {}
                }
            }
        }
        .map_err(|e| match (source, e) {
            // A classic token's refusal names its scopes (`X-OAuth-Scopes`); an answer
            // without them went to a fine-grained (or app) token, which GitHub does not
            // serve enterprise seats to.
            (SeatSource::Enterprise(e), ApiError::MissingScope { granted: None, .. }) => {
                ApiError::ClassicTokenRequired {
                    enterprise: e.clone(),
                }
            }
            (_, e) => e,
        })?;
        let page1 = decode_seats_page(&first.body).map_err(|e| malformed("seats page 1", &e))?;
        let links = parse_link_header(first.header("link").unwrap_or_default());
        paging.set_total(page1.total_seats);
        let last = links.last.as_deref().and_then(|u| Some((u, page_of(u)?)));
        let mut report = match (last, links.next.as_deref()) {
            (Some((last_url, last_page)), _) if last_page > 1 => {
                paging
                    .numbered(page1.seats, last_url, last_page, early)
                    .await
            }
            (_, Some(next)) => paging.follow_next(page1.seats, next, early).await,
            _ => paging.single(page1.seats),
        };
        if let (SeatSource::Org(_), Some(total)) = (source, report.total_seats) {
            report.missing = total.saturating_sub(report.loaded as u64);
        }
        Ok(report)
    }

    async fn page(
        &self,
        url: &str,
        page: u32,
        what: &str,
        on_event: &dyn Fn(Event),
    ) -> Result<(Vec<Seat>, Option<String>), ApiError> {
        let resp = self.get(url, what, on_event).await?;
        let next = parse_link_header(resp.header("link").unwrap_or_default()).next;
        decode_seats_page(&resp.body)
            .map(|p| (p.seats, next))
            .map_err(|e| malformed(&format!("seats page {page}"), &e))
    }

    /// One GET with the token, on the API origin only, with retries and rate-limit waits.
    pub(crate) async fn get(
        &self,
        url: &str,
        what: &str,
        on_event: &dyn Fn(Event),
    ) -> Result<RawResponse, ApiError> {
        if !self.base.owns(url) {
            return Err(ApiError::ForeignLink {
                url: url.to_string(),
            });
        }
        let mut attempt = 1;
        let mut waits = 0;
        let mut guessed_waits = 0;
        loop {
            let outcome = {
                let _permit = self.pace(GET_POINTS, on_event).await;
                let request = std::pin::pin!(self.transport.get(url, self.token.expose()));
                let timer = std::pin::pin!(self.clock.sleep(self.options.timeout_ms));
                match select(request, timer).await {
                    Either::Left((r, _)) => r,
                    Either::Right(_) => Err(ApiError::Timeout {
                        seconds: self.options.timeout_ms / 1000,
                    }),
                }
            };
            let error = match outcome {
                Ok(resp) if (200..300).contains(&resp.status) => return Ok(resp),
                Ok(resp) => match classify(&resp, what, self.clock.now_ms() / 1000) {
                    Failure::Wait {
                        seconds,
                        reset_epoch,
                    } => {
                        // GitHub said how long (`retry-after`, or the reset of a used-up
                        // primary limit): that long. Else at least a minute, doubled on
                        // each repeat.
                        let told = resp.retry_after().is_some() || reset_epoch.is_some();
                        let wait_ms = if told {
                            seconds * 1000
                        } else {
                            guessed_waits += 1;
                            self.options.minute_ms << (guessed_waits - 1).min(10)
                        };
                        let seconds = wait_ms.div_ceil(1000);
                        if seconds > self.options.max_wait_s || waits >= self.options.max_waits {
                            return Err(ApiError::RateLimited { reset_epoch });
                        }
                        waits += 1;
                        on_event(Event::Waiting {
                            seconds,
                            message: format!("Waiting {seconds} s for GitHub's rate limit"),
                        });
                        // Every request of this token waits: the others would hit it too.
                        self.pacer.hold_until(self.clock.now_ms() + wait_ms as i64);
                        self.clock.sleep(wait_ms).await;
                        continue;
                    }
                    Failure::Error(e) => e,
                },
                Err(e) => e,
            };
            if !error.is_transient() || attempt >= self.options.max_attempts {
                return Err(error);
            }
            let delay = self.options.backoff_ms << (attempt - 1).min(10);
            on_event(Event::Waiting {
                seconds: delay.div_ceil(1000),
                message: format!(
                    "Retrying in {}.{} s (attempt {} of {}): {}",
                    delay / 1000,
                    delay % 1000 / 100,
                    attempt + 1,
                    self.options.max_attempts,
                    short(&error)
                ),
            });
            self.clock.sleep(delay).await;
            attempt += 1;
        }
    }
}

/// A failure in a few words, for a progress line or a list of failed requests.
pub fn short(e: &ApiError) -> String {
    match e {
        ApiError::Server { status } => format!("GitHub answered {status}"),
        ApiError::Timeout { seconds } => format!("no answer in {seconds} s"),
        ApiError::Network { .. } => "network error".to_string(),
        other => other.to_string(),
    }
}

fn malformed(what: &str, e: &serde_json::Error) -> ApiError {
    ApiError::Malformed {
        detail: format!("{what}: {e}"),
    }
}

/// Percent-encodes a login for a path segment (logins are [A-Za-z0-9-], but input is input).
pub(crate) fn encode_segment(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// What makes a seat the same seat across pages. Not the assignee id alone: both official
/// example seats have id 1.
fn identity(s: &Seat) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    s.login().hash(&mut h);
    s.created_at.hash(&mut h);
    s.team().hash(&mut h);
    s.organization
        .as_ref()
        .and_then(|o| o.login.as_deref())
        .hash(&mut h);
    h.finish()
}

mod paced;
mod paging;
#[cfg(test)]
mod tests;
