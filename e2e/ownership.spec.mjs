// User story: whatever I do, in whatever order, the app keeps working, and what it started
// stops when I say so: "Forget token" means no more requests with my token, a second Load
// replaces the first, and leaving a seat page stops its request (issue 11).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useBrowser, newPage, assertNoProblems, openApp, connect, connectForm, waitForSeats, accessList,
  browserRequests, progressBar, setLatency, fatalAlert, eventually, API_ORIGIN, GOOD_TOKEN,
  networkQuiet, nextFrames, clickAt, requestsStartedAfter,
} from './harness.mjs';

useBrowser();

/** Requests that carried the token to a path containing `fragment`. */
function tokenRequests(page, fragment = '') {
  return browserRequests(page).filter(
    (r) => r.authorization === `Bearer ${GOOD_TOKEN}` && new URL(r.url).pathname.includes(fragment),
  );
}

/** Waits until at least `n` seat pages of `org` were requested. */
async function pagesRequested(page, org, n) {
  await eventually(() => assert.ok(tokenRequests(page, `/orgs/${org}/copilot/billing/seats`).length >= n), { timeout: 20_000 });
}

describe('As an owner I stay in control of what the app does', () => {
  test('a resize after visiting a seat page keeps the app alive (the listener went with the table)', async () => {
    const page = await newPage();
    await openApp(page);
    await connectForm(page).demo.click();
    await waitForSeats(page, 3000);
    await accessList(page).rows().first().getByRole('link').click();
    await page.getByRole('heading', { name: /Copilot seat of/ }).waitFor();
    await page.goBack();
    await accessList(page).table.waitFor();
    for (const width of [360, 1280, 800, 1440, 500]) {
      await page.setViewportSize({ width, height: 800 });
      await nextFrames(page);
    }
    // Away from the list again, and resize there too.
    await accessList(page).rows().first().getByRole('link').click();
    await page.getByRole('heading', { name: /Copilot seat of/ }).waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await nextFrames(page);
    assert.equal(await fatalAlert(page).count(), 0, 'no internal error');
    await page.goBack();
    await accessList(page).table.waitFor();
    assert.ok((await accessList(page).rows().count()) > 0, 'the list still renders');
    await assertNoProblems(page);
  });

  test('"Forget token" in the middle of a 100,000-seat load: no request carries the token afterwards', async () => {
    await setLatency(40);
    try {
      const page = await newPage();
      await connect(page, { org: 'big-100000' });
      await pagesRequested(page, 'big-100000', 12);
      const forgotAt = await clickAt(page, connectForm(page).forget);
      // What was on the wire ends (aborted), and then nothing starts: a load still running
      // would start about 25 requests a second, so a second of quiet shows it stopped.
      await networkQuiet(page, { quietMs: 1_000 });
      assert.deepEqual(await requestsStartedAfter(page, forgotAt), [], 'requests started after Forget token');
      assert.equal(await progressBar(page).count(), 0, 'the load stopped showing progress');
      assert.equal(await accessList(page).table.count(), 0, 'and what was loaded is gone');
      for (const r of tokenRequests(page)) assert.equal(new URL(r.url).origin, API_ORIGIN);
      await assertNoProblems(page);
    } finally {
      await setLatency(0);
    }
  });

  test('Load again in the middle of a load: the first load stops, the second completes', async () => {
    await setLatency(40);
    try {
      const page = await newPage();
      await connect(page, { org: 'big-100000' });
      await pagesRequested(page, 'big-100000', 12);
      const form = connectForm(page);
      await form.org.fill('acme');
      const againAt = await clickAt(page, form.load);
      await waitForSeats(page, 3000, { timeout: 30_000 });
      // The 30 pages of acme took longer than the first load needs for its next request.
      await networkQuiet(page, { quietMs: 500 });
      assert.deepEqual(await requestsStartedAfter(page, againAt, '/orgs/big-100000/'), [], 'the first load kept requesting pages');
      assert.equal(await fatalAlert(page).count(), 0);
      await assertNoProblems(page);
    } finally {
      await setLatency(0);
    }
  });

  test('leaving a seat page while its request is in flight aborts the request', async () => {
    const page = await newPage();
    await connect(page, { org: 'octo-examples' });
    await waitForSeats(page, 2);
    await setLatency(3_000);
    try {
      const aborted = [];
      page.on('requestfailed', (r) => {
        if (r.url().includes('/members/')) aborted.push(r.failure()?.errorText ?? '');
      });
      await accessList(page).rows().first().getByRole('link').click();
      await page.getByRole('heading', { name: /Copilot seat of/ }).waitFor();
      await eventually(() => assert.ok(tokenRequests(page, '/members/').length >= 1, 'the member request started'));
      await page.getByRole('link', { name: /All seats/ }).click();
      await accessList(page).table.waitFor();
      await eventually(() => assert.deepEqual(aborted, ['net::ERR_ABORTED']), { timeout: 2_000 });
    } finally {
      await setLatency(0);
    }
    await assertNoProblems(page);
  });
});
