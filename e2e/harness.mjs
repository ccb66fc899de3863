// End-to-end harness: one Chromium per spec file, one fresh context per test, console and page
// error capture, fakehub admin helpers, and page objects that find things by accessible name
// (the UI contract in ../../shared/DESIGN.md), the way a person does.
//
// Run (fakehub serving the API at API_URL and dist/ at APP_URL, two origins):
//   API_URL=http://127.0.0.1:PORT APP_URL=http://127.0.0.1:PORT/ \
//     node --test --test-reporter=tap --test-concurrency=1 e2e/*.spec.mjs

import { createRequire } from 'node:module';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const require = createRequire(new URL('../tools/', import.meta.url));
const { chromium } = require('playwright-core');

if (!process.env.API_URL || !process.env.APP_URL) {
  throw new Error('Set API_URL (fakehub API) and APP_URL (the built app), e.g. through ./dev test');
}
/** fakehub's API origin, no trailing slash. */
export const API_URL = process.env.API_URL.replace(/\/+$/, '');
/** The app's root URL, with a trailing slash. */
export const APP_URL = process.env.APP_URL.replace(/\/*$/, '/');
export const API_ORIGIN = new URL(API_URL).origin;
export const APP_ORIGIN = new URL(APP_URL).origin;
export const GOOD_TOKEN = 'good-token';
/** Where the docs screenshots go. */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

let browser;

/** Registers the per-file browser: launched before the file's tests, closed after them. */
export function useBrowser() {
  before(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
  });
}

/** A URL of the app (`path` relative to its root, e.g. `seats/x?org=acme`). */
export function appUrl(path = '') {
  return new URL(path.replace(/^\//, ''), APP_URL).href;
}

/** A 1×1 grey PNG. */
const AVATAR_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGO4DwABAQEAWZqDKwAAAABJRU5ErkJggg==',
  'base64',
);

const problemsOf = new WeakMap();
const requestsOf = new WeakMap();
const inFlightOf = new WeakMap();

/**
 * A page in a fresh browser context (own storage), 1280×900, downloads accepted (`bypassCSP`
 * only for injecting axe-core). Console errors
 * and warnings, page errors and every network request are recorded; see `assertNoProblems`.
 */
export async function newPage({ bypassCSP = false } = {}) {
  assert.ok(browser, 'useBrowser() must be called at the top of the spec file');
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    // Only the accessibility checks bypass the page's CSP, to inject axe-core.
    bypassCSP,
  });
  // No internet in tests: GitHub's avatar hosts answer with a local placeholder image.
  // GitHub's own example payloads point their avatars at github.com/images.
  for (const host of ['https://avatars.githubusercontent.com/**', 'https://github.com/images/**']) {
    await context.route(host, (route) =>
      route.fulfill({ status: 200, contentType: 'image/png', body: AVATAR_PNG }),
    );
  }
  // Every fetch the page starts gets a resource-timing entry with its start time in the page's
  // clock (the default buffer keeps only 250): `requestsStartedAfter` compares them with the
  // moment a click happened, exactly, where Playwright's events arrive late.
  await context.addInitScript(() => performance.setResourceTimingBufferSize(1_000_000));
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  const inFlight = new Set();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('crash', () => problems.push('page crashed'));
  page.on('request', (r) => {
    const h = r.headers();
    requests.push({ method: r.method(), url: r.url(), authorization: h.authorization ?? null, at: Date.now() });
    inFlight.add(r);
  });
  page.on('requestfinished', (r) => inFlight.delete(r));
  page.on('requestfailed', (r) => inFlight.delete(r));
  problemsOf.set(page, problems);
  requestsOf.set(page, requests);
  inFlightOf.set(page, inFlight);
  page.setDefaultTimeout(15_000);
  return page;
}

/** What the page logged so far that `assertNoProblems` would fail on (before its allowances). */
export function pageProblems(page) {
  return problemsOf.get(page) ?? [];
}

/** Every request the page made so far: `{method, url, authorization, at}` (`at`: Date.now()). */
export function browserRequests(page) {
  return requestsOf.get(page) ?? [];
}

/**
 * Asserts the page logged no console error or warning and threw nothing, except Chromium's
 * "Failed to load resource: the server responded with a status of N (...)" for the deliberate
 * HTTP error statuses listed in `allowStatuses`, and messages matching `allowMessages` (network
 * errors a scenario provokes on purpose). Then closes the page's context.
 */
export async function assertNoProblems(page, { allowStatuses = [], allowMessages = [] } = {}) {
  const allowed = (text) => {
    if (allowMessages.some((re) => re.test(text))) return true;
    const m = /^console error: Failed to load resource: the server responded with a status of (\d{3}) \(/.exec(text);
    return m !== null && allowStatuses.includes(Number(m[1]));
  };
  const problems = (problemsOf.get(page) ?? []).filter((p) => !allowed(p));
  await page.context().close();
  assert.deepEqual(problems, [], 'the page logged errors or warnings');
}

/**
 * Waits until the page has had no request in flight and started none for `quietMs` (to the API
 * origin by default): the condition for "whatever was on the wire has ended and nothing new
 * starts". Fails after `timeout` ms with what was still in flight.
 */
export async function networkQuiet(page, { quietMs = 1_000, timeout = 15_000, origin = API_ORIGIN } = {}) {
  const ours = (url) => new URL(url).origin === origin;
  const deadline = Date.now() + timeout;
  for (;;) {
    const busy = [...(inFlightOf.get(page) ?? [])].filter((r) => ours(r.url()));
    const last = browserRequests(page).filter((r) => ours(r.url)).at(-1)?.at ?? 0;
    if (busy.length === 0 && Date.now() - last >= quietMs) return;
    if (Date.now() > deadline) {
      assert.fail(`the network did not go quiet in ${timeout} ms: ${busy.length} in flight, e.g. ${busy[0]?.url() ?? '-'}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until the page has rendered two more frames (layout and resize handlers have run). */
export async function nextFrames(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/**
 * Presses `locator` and returns the page-clock time (performance.now()) at which the page
 * received the click, read in a capturing listener that runs before the app's own handlers.
 */
export async function clickAt(page, locator) {
  await page.evaluate(() => {
    window.__clickedAt = undefined;
    addEventListener('click', () => { window.__clickedAt ??= performance.now(); }, { capture: true, once: true });
  });
  await locator.click();
  return page.evaluate(() => window.__clickedAt);
}

/** URLs of the fetches the page started after page-clock time `t` whose URL contains `fragment`. */
export async function requestsStartedAfter(page, t, fragment = '') {
  return page.evaluate(
    ([t, fragment, origin]) => performance.getEntriesByType('resource')
      .filter((e) => e.startTime > t && e.name.startsWith(origin) && new URL(e.name).pathname.includes(fragment))
      .map((e) => e.name),
    [t, fragment, API_ORIGIN],
  );
}

/** Retries `fn` (which throws or asserts) until it passes or `timeout` ms have passed. */
export async function eventually(fn, { timeout = 15_000, interval = 50 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, interval));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// fakehub

/** Forgets fakehub's request log, fault counters and rate-limit windows. */
export async function resetFakehub() {
  const r = await fetch(`${API_URL}/_fakehub/requests`, { method: 'DELETE' });
  assert.equal(r.status, 204, 'DELETE /_fakehub/requests');
}

/** fakehub's request log since the last reset: `{method, path, query, headers}` each. */
export async function requests() {
  const r = await fetch(`${API_URL}/_fakehub/requests`);
  assert.equal(r.status, 200);
  return r.json();
}

/** GETs a GitHub endpoint from node with good-token (ground truth for comparisons). */
export async function github(path) {
  const r = await fetch(`${API_URL}${path}`, {
    headers: { authorization: `Bearer ${GOOD_TOKEN}`, accept: 'application/vnd.github+json' },
  });
  assert.equal(r.status, 200, `GET ${path}`);
  return { body: await r.json(), headers: r.headers };
}

/** Every seat of an organization, straight from fakehub (per_page=100, all pages). */
export async function allSeats(org) {
  const first = await github(`/orgs/${org}/copilot/billing/seats?per_page=100&page=1`);
  const total = first.body.total_seats;
  const pages = Math.ceil(total / 100);
  const rest = await Promise.all(
    Array.from({ length: Math.max(0, pages - 1) }, (_, i) =>
      github(`/orgs/${org}/copilot/billing/seats?per_page=100&page=${i + 2}`),
    ),
  );
  const seats = [first, ...rest].flatMap((p) => p.body.seats);
  assert.equal(seats.length, total, `fakehub listed every seat of ${org}`);
  return seats;
}

/** A timestamp as the app and the CSV write it: UTC `YYYY-MM-DDTHH:MM:SSZ`; '' for null. */
export function isoUtc(value) {
  if (value === null || value === undefined) return '';
  const ms = Date.parse(value);
  assert.ok(!Number.isNaN(ms), `a timestamp: ${value}`);
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Case-insensitive (ASCII) comparison, the app's tie-break rule. */
export function cmpCi(a, b) {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Page objects

/** The connect form: Organization, Token, API URL, Remember, Load, Try demo data, Forget token. */
export function connectForm(page) {
  return {
    org: page.getByLabel('Organization', { exact: true }),
    token: page.getByLabel('Token', { exact: true }),
    api: page.getByLabel('API URL', { exact: true }),
    remember: page.getByRole('checkbox', { name: /Remember on this device/ }),
    load: page.getByRole('button', { name: 'Load', exact: true }),
    demo: page.getByRole('button', { name: 'Try demo data', exact: true }),
    forget: page.getByRole('button', { name: 'Forget token', exact: true }),
    showToken: page.getByRole('button', { name: /^(Show|Hide) token$/ }),
  };
}

/** Opens the app (at `path`) and waits for the connect form. */
export async function openApp(page, path = '') {
  await page.goto(appUrl(path));
  await connectForm(page).load.waitFor();
}

/**
 * Fills Organization, Token and API URL and presses Load (opening the app first when it is not
 * open). `remember` ticks "Remember on this device".
 */
export async function connect(page, { org, token = GOOD_TOKEN, api = API_URL, remember = false }) {
  if (!page.url().startsWith(APP_ORIGIN)) await openApp(page);
  const form = connectForm(page);
  await form.org.fill(org);
  await form.token.fill(token);
  await form.api.fill(api);
  if (remember) await form.remember.check();
  await form.load.click();
}

/** The access list's `role=status` count ("3,000 seats" → 3000). */
export async function seatCount(page) {
  // The access list's own status (the members list has one too).
  const text = (await page.locator('#seats').getByRole('status').textContent()) ?? '';
  const m = /^\s*(\d{1,3}(?:,\d{3})*) seats?\s*$/.exec(text);
  assert.ok(m, `the status reads "N seats" with thousands separators, got ${JSON.stringify(text)}`);
  return Number(m[1].replace(/,/g, ''));
}

/** Sets fakehub's added latency per API request (0 to turn it off). */
export async function setLatency(ms) {
  const r = await fetch(`${API_URL}/_fakehub/latency?ms=${ms}`, { method: 'PUT' });
  assert.equal(r.status, 200, 'PUT /_fakehub/latency');
}

/** The alert the panic hook shows when the app has died. */
export function fatalAlert(page) {
  return page.getByRole('alert').filter({ hasText: /internal error/i });
}

/** The progress bar shown while seats arrive. */
export function progressBar(page) {
  return page.getByRole('progressbar', { name: 'Loading seats' });
}

/** Waits until the load has ended (no progress bar) and the status says `n` seats. */
export async function waitForSeats(page, n, { timeout = 20_000 } = {}) {
  await eventually(
    async () => {
      assert.equal(await progressBar(page).count(), 0, 'still loading');
      assert.equal(await seatCount(page), n);
    },
    { timeout },
  );
}

/** Connects and waits until `n` seats are listed. */
export async function load(page, org, n, options = {}) {
  await connect(page, { org, ...options });
  await waitForSeats(page, n, options);
}

/** The access list: the table named "Seats", its headers, rows and search box. */
export function accessList(page) {
  const table = page.getByRole('table', { name: 'Seats', exact: true });
  return {
    table,
    // The contract says a textbox "Search"; type=search makes it a searchbox (a textbox subrole).
    search: page
      .getByRole('textbox', { name: 'Search', exact: true })
      .or(page.getByRole('searchbox', { name: 'Search', exact: true })),
    header: (name) => table.getByRole('columnheader', { name, exact: true }),
    sortButton: (name) => table.getByRole('columnheader', { name, exact: true }).getByRole('button'),
    /** The data rows in the DOM (header row excluded; spacer rows are aria-hidden). */
    rows: () => table.locator('tbody').getByRole('row'),
    download: page.getByRole('button', { name: 'Download CSV', exact: true }),
    scroller: page.locator('.table-scroll'),
  };
}

export const COLUMNS = [
  ['User', 'user'],
  ['Last activity', 'last_activity'],
  ['Last authenticated', 'last_authenticated'],
  ['Editor', 'editor'],
  ['Team', 'team'],
  ['Assigned', 'assigned'],
  ['Plan', 'plan'],
  ['Pending cancellation', 'pending_cancellation'],
];

/**
 * The rendered rows of the access list, read in one go: `{index, login, activity, activityText,
 * authenticated}` with `index` from `aria-rowindex` (2 = first data row) and timestamps from
 * `<time datetime>` (null when the cell shows a "missing" label).
 */
export async function renderedRows(page) {
  return accessList(page)
    .table.locator('tbody tr:not([aria-hidden="true"])')
    .evaluateAll((trs) =>
      trs.map((tr) => {
        const cells = tr.querySelectorAll('td:not(.col-select)');
        const time = (td) => td?.querySelector('time')?.getAttribute('datetime') ?? null;
        const link = cells[0]?.querySelector('a');
        return {
          index: Number(tr.getAttribute('aria-rowindex')),
          login: link ? link.textContent.trim() : '',
          activity: time(cells[1]),
          activityText: cells[1]?.textContent.trim() ?? '',
          authenticated: time(cells[2]),
        };
      }),
    );
}

/** The rows whose top edge lies inside the scroll box (what a person sees). */
export async function visibleRows(page) {
  const box = await accessList(page).scroller.boundingBox();
  const rows = await accessList(page)
    .table.locator('tbody tr:not([aria-hidden="true"])')
    .evaluateAll((trs) =>
      trs.map((tr) => {
        const r = tr.getBoundingClientRect();
        const link = tr.querySelector('td a');
        return { index: Number(tr.getAttribute('aria-rowindex')), top: r.top, bottom: r.bottom, login: link ? link.textContent.trim() : '' };
      }),
    );
  return rows.filter((r) => r.bottom > box.y + 40 && r.top < box.y + box.height);
}

/** The `<dd>` after the `<dt>` reading exactly `term`, inside `scope`. */
export function definition(scope, term) {
  return scope.locator(`xpath=.//dt[normalize-space(.)=${JSON.stringify(term)}]/following-sibling::dd[1]`);
}

/** The overview region (section labelled by its "Overview" heading). */
export function overview(page) {
  return page.getByRole('region', { name: 'Overview', exact: true });
}

/** Saves a 1280×900 viewport screenshot into docs/screenshots/. */
export async function screenshot(page, name) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}${name}`, fullPage: false });
}

/** Milliseconds, for informational timings. */
export function metric(t, name, ms) {
  t.diagnostic(`metric ${name}=${Math.round(ms)} ms`);
}

/** RFC 4180: fields separated by commas, records by CRLF (or LF), quotes doubled inside quotes. */
export function parseCsv(text) {
  const records = [];
  let record = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      assert.equal(field, '', `a quote inside an unquoted field at ${i}`);
      quoted = true;
      i++;
    } else if (c === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (c === '\r' || c === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  assert.equal(quoted, false, 'unterminated quoted field');
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}
