//! Reading every seat page. Page 1 goes out with guesses of pages 2.. (so the fan-out does not
//! wait a round trip for the page count); its `Link` header then picks one of three plans:
//! numbered pages up to `last` ([`Paging::numbered`]), following `next` one page at a time
//! ([`Paging::follow_next`]), or a single page. A guess is used only where GitHub's links lead
//! to it with the same `per_page`.

use std::collections::{HashMap, HashSet};

use futures::future::LocalBoxFuture;
use futures::stream::FuturesUnordered;
use futures::StreamExt;

use super::{identity, Client, Clock, Event, LoadReport, PageFailure, Transport};
use crate::error::ApiError;
use crate::link::{page_of, query_param, with_page};
use crate::models::Seat;
use crate::pacing::GET_POINTS;

/// A page's seats and its `next` link.
pub(super) type PageResult = Result<(Vec<Seat>, Option<String>), ApiError>;
/// A page request under way.
pub(super) type PageFuture<'a> = LocalBoxFuture<'a, (u32, PageResult)>;

/// One seat listing being read: what arrived so far and the requests under way.
pub(super) struct Paging<'a, T, C> {
    client: &'a Client<T, C>,
    what: &'a str,
    on_event: &'a dyn Fn(Event),
    per_page: u32,
    concurrency: usize,
    /// The highest page guessed with page 1 (1 when none was).
    pub(super) last_guess: u32,
    report: LoadReport,
    /// Seats already listed (a page that repeats seats is counted, not listed twice).
    seen: HashSet<u64>,
    /// Whether the page count is known: not while following `next` links.
    count_known: bool,
    pub(super) inflight: FuturesUnordered<PageFuture<'a>>,
}

impl<'a, T: Transport, C: Clock> Paging<'a, T, C> {
    pub(super) fn new(
        client: &'a Client<T, C>,
        what: &'a str,
        on_event: &'a dyn Fn(Event),
    ) -> Self {
        let concurrency = client.options.concurrency.max(1);
        let guessed = client
            .options
            .speculative_pages
            .min(u32::try_from(concurrency - 1).unwrap_or(u32::MAX));
        Self {
            client,
            what,
            on_event,
            per_page: client.options.per_page,
            concurrency,
            last_guess: guessed.saturating_add(1),
            report: LoadReport {
                pages: 1,
                ..LoadReport::default()
            },
            seen: HashSet::new(),
            count_known: false,
            inflight: FuturesUnordered::new(),
        }
    }

    /// GitHub's `total_seats`, from page 1.
    pub(super) fn set_total(&mut self, total_seats: Option<u64>) {
        self.report.total_seats = total_seats;
    }

    /// The request for page `p` at `url`.
    pub(super) fn fetch(&self, p: u32, url: String) -> PageFuture<'a> {
        let (client, what, on_event) = (self.client, self.what, self.on_event);
        Box::pin(async move { (p, client.page(&url, p, what, on_event).await) })
    }

    /// Whether GitHub's link `url` pages as the guesses do (the same `per_page`), so that a
    /// guessed page holds what GitHub's page of that number holds.
    fn pages_alike(&self, url: &str) -> bool {
        query_param(url, "per_page") == Some(&*self.per_page.to_string())
    }

    /// The estimate of the time left for `left` pages (none while the count is unknown).
    fn eta(&self, left: u32) -> Option<u64> {
        if !self.count_known {
            None
        } else if left == 0 {
            Some(0)
        } else {
            let now = self.client.clock.now_ms();
            self.client
                .pacer
                .eta_ms(now, left, GET_POINTS, self.concurrency)
        }
    }

    /// Lists the seats of a page not seen before; `done` pages have been read.
    fn emit(&mut self, seats: Vec<Seat>, done: u32) {
        let before = seats.len();
        let fresh: Vec<Seat> = seats
            .into_iter()
            .filter(|s| self.seen.insert(identity(s)))
            .collect();
        self.report.duplicates += before - fresh.len();
        self.report.loaded += fresh.len();
        let eta_ms = self.eta(self.report.pages.saturating_sub(done));
        (self.on_event)(Event::Seats {
            seats: fresh,
            total_seats: self.report.total_seats,
            pages_done: done,
            pages_total: self.report.pages,
            eta_ms,
        });
    }

    /// Page 1 is all there is (the guesses were past it).
    pub(super) fn single(mut self, page1: Vec<Seat>) -> LoadReport {
        self.inflight.clear();
        self.count_known = true;
        self.emit(page1, 1);
        self.report
    }

    /// `last` names page `last_page`: every page up to it, `concurrency` at a time, the
    /// guesses used where its links page alike.
    pub(super) async fn numbered(
        mut self,
        page1: Vec<Seat>,
        last_url: &str,
        last_page: u32,
        early: Vec<(u32, PageResult)>,
    ) -> LoadReport {
        self.count_known = true;
        if !self.client.base.owns(last_url) {
            self.report.failed.push(PageFailure {
                page: None,
                error: ApiError::ForeignLink {
                    url: last_url.into(),
                },
            });
            self.emit(page1, 1);
            return self.report;
        }
        self.report.pages = last_page;
        self.emit(page1, 1);
        let agrees = self.pages_alike(last_url);
        let (first_asked, mut arrived) = if agrees {
            (self.last_guess.saturating_add(1), early.into_iter())
        } else {
            self.inflight.clear();
            (2, Vec::new().into_iter())
        };
        let mut rest = first_asked..=last_page;
        let mut done = 1;
        loop {
            while self.inflight.len() < self.concurrency {
                match rest.next() {
                    Some(p) => self.inflight.push(self.fetch(p, with_page(last_url, p))),
                    None => break,
                }
            }
            if done >= last_page {
                break; // Guesses past the last page are dropped (and aborted).
            }
            let next = match arrived.next() {
                Some(early) => Some(early),
                None => self.inflight.next().await,
            };
            let Some((page, result)) = next else { break };
            if page > last_page {
                continue;
            }
            done += 1;
            match result {
                Ok((seats, _)) => self.emit(seats, done),
                Err(error) => {
                    self.report.failed.push(PageFailure {
                        page: Some(page),
                        error,
                    });
                    self.emit(Vec::new(), done);
                }
            }
        }
        crate::small_sort::sort_by_key(&mut self.report.failed, |f| f.page);
        self.report
    }

    /// No usable `last`: follow `next` one page at a time, where it leads. Where it leads to a
    /// guess (paging alike), the guess is used, not asked for again.
    pub(super) async fn follow_next(
        mut self,
        page1: Vec<Seat>,
        next: &str,
        early: Vec<(u32, PageResult)>,
    ) -> LoadReport {
        self.emit(page1, 1);
        let mut held: HashMap<u32, PageResult> = early.into_iter().collect();
        let mut next = Some(next.to_string());
        let mut visited = HashSet::from([1u32]);
        while let Some(url) = next.take() {
            let page = page_of(&url).unwrap_or(self.report.pages + 1);
            if !self.client.base.owns(&url) {
                self.report.failed.push(PageFailure {
                    page: None,
                    error: ApiError::ForeignLink { url },
                });
                break;
            }
            if !visited.insert(page) {
                break; // A loop in the links: stop rather than spin.
            }
            self.report.pages += 1;
            let result = if page <= self.last_guess && self.pages_alike(&url) {
                self.guessed(page, &url, &mut held).await
            } else {
                self.client.page(&url, page, self.what, self.on_event).await
            };
            match result {
                Ok((seats, link)) => {
                    next = link;
                    let done = self.report.pages;
                    self.emit(seats, done);
                }
                Err(error) => self.report.failed.push(PageFailure {
                    page: Some(page),
                    error,
                }),
            }
        }
        self.inflight.clear(); // Guesses past the last page.
        self.report
    }

    /// The guessed page `page`: held already, or awaited among the guesses; asked for at `url`
    /// only when no guess holds it.
    async fn guessed(
        &mut self,
        page: u32,
        url: &str,
        held: &mut HashMap<u32, PageResult>,
    ) -> PageResult {
        loop {
            if let Some(result) = held.remove(&page) {
                return result;
            }
            match self.inflight.next().await {
                Some((p, result)) => {
                    held.insert(p, result);
                }
                None => return self.client.page(url, page, self.what, self.on_event).await,
            }
        }
    }
}
