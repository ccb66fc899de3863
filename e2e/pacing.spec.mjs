// User story: a large organization loads at the pace GitHub allows, never tripping its secondary
// rate limit. fakehub enforces the limit per token (403 with retry-after over the points), on a
// scaled minute so the test stays short; the app paces at the same budget on the same minute.

import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  useBrowser, newPage, assertNoProblems, openApp, connect, waitForSeats, resetFakehub, requests,
  progressBar, API_URL, metric, connectForm,
} from './harness.mjs';

useBrowser();

const ORG = 'big-3000';
const N = 3000;
// fakehub: 20 requests per 2 s window for a token. The app budgets 2 points a request (GitHub
// may count the CORS preflight; fakehub cannot tie a preflight to a token), so its 40 points per
// 2 s are the same 20 requests.
const WINDOW_MS = 2000;
const SERVER_POINTS = 20;
const APP_KNOBS = `?points_per_minute=${2 * SERVER_POINTS}&minute_ms=${WINDOW_MS}`;

async function limits(method, query = '') {
  const r = await fetch(`${API_URL}/_fakehub/limits${query}`, { method });
  assert.ok(r.ok, `${method} /_fakehub/limits: ${r.status}`);
}

/** The most GETs fakehub received with the token in any window of `WINDOW_MS`. */
function busiestWindow(gets) {
  const at = gets.map((e) => e.at_ms).sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < at.length; i++) {
    while (at[i] - at[j] >= WINDOW_MS) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe('As the owner of a large organization my load stays under GitHub’s limits', () => {
  after(() => limits('DELETE'));

  test('paced: every seat arrives and GitHub never answers 403 or 429', async (t) => {
    const page = await newPage();
    await resetFakehub();
    await limits('PUT', `?points=${SERVER_POINTS}&window_ms=${WINDOW_MS}`);
    await openApp(page, APP_KNOBS);
    const t0 = Date.now();
    await connect(page, { org: ORG });
    // 30 pages and the bill's requests are more than one window holds: the load waits, and says
    // how long is left while it does.
    await progressBar(page).waitFor();
    // Counts read as everywhere else in the page: "1,200 of 3,000", not "1200 of 3000".
    await page.getByText(/^Loading seats: \d{1,3}(,\d{3})* of 3,000$/).waitFor({ timeout: 10_000 });
    await waitForSeats(page, N, { timeout: 30_000 });
    metric(t, 'paced_load_3000', Date.now() - t0);
    const log = await requests();
    const gets = log.filter((e) => e.method === 'GET' && e.path.startsWith('/org'));
    assert.ok(gets.length >= 30, `every page was asked for (${gets.length} GETs)`);
    const limited = log.filter((e) => e.status === 403 || e.status === 429);
    assert.deepEqual(limited.map((e) => `${e.status} ${e.path}`), [], 'no request met the limit');
    assert.ok(busiestWindow(gets) <= SERVER_POINTS, `at most ${SERVER_POINTS} requests in any ${WINDOW_MS} ms (fakehub's clock)`);
    // More requests than one window allows went out, so the load took at least one window.
    assert.ok(gets.length > SERVER_POINTS);
    const span = Math.max(...gets.map((e) => e.at_ms)) - Math.min(...gets.map((e) => e.at_ms));
    assert.ok(span >= WINDOW_MS, `the requests were spread over ${span} ms`);
    await assertNoProblems(page);
  });

  test('Load again at once: the budget is the token’s, so the second load does not meet the limit either', async () => {
    const page = await newPage();
    await resetFakehub();
    await limits('PUT', `?points=${SERVER_POINTS}&window_ms=${WINDOW_MS}`);
    await openApp(page, APP_KNOBS);
    await connect(page, { org: ORG });
    await waitForSeats(page, N, { timeout: 30_000 });
    // The first load's last requests are still inside fakehub's window: a fresh budget would
    // send a burst now and be refused.
    await connectForm(page).load.click();
    await progressBar(page).waitFor();
    await waitForSeats(page, N, { timeout: 30_000 });
    const log = await requests();
    assert.ok(log.filter((e) => e.method === 'GET' && e.path.includes('/copilot/billing/seats')).length >= 60, 'both loads read every page');
    assert.deepEqual(log.filter((e) => e.status === 403 || e.status === 429).map((e) => `${e.status} ${e.path}`), []);
    await assertNoProblems(page);
  });

  test('unpaced (the control): fakehub does refuse, and the app waits and still lists every seat', async () => {
    const page = await newPage();
    await resetFakehub();
    await limits('PUT', `?points=${SERVER_POINTS}&window_ms=${WINDOW_MS}`);
    await openApp(page, '?points_per_minute=0');
    await connect(page, { org: ORG });
    await waitForSeats(page, N, { timeout: 30_000 });
    const limited = (await requests()).filter((e) => e.status === 403);
    assert.ok(limited.length > 0, 'without pacing the same load meets the limit: the first test’s zero means something');
    // The refusals were GitHub's secondary limit, waited out (retry-after), not shown as errors.
    await assertNoProblems(page, { allowStatuses: [403] });
  });
});
