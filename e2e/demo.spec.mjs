// User story: without a token, "Try demo data" shows the whole app on a made-up organization
// generated in the browser: nothing goes over the network but the app's own files.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useBrowser, newPage, assertNoProblems, openApp, connectForm, waitForSeats, accessList,
  overview, definition, resetFakehub, requests, browserRequests, eventually, seatCount,
  APP_ORIGIN,
} from './harness.mjs';

useBrowser();

function foreignRequests(page) {
  return browserRequests(page)
    .filter((r) => new URL(r.url).origin !== APP_ORIGIN && !r.url.startsWith('data:') && !r.url.startsWith('blob:'))
    .map((r) => `${r.method} ${r.url}`);
}

describe('As a visitor I try the app on demo data', () => {
  test('"Try demo data": a demo banner, 3000 seats, the overview, and no request beyond the app', async () => {
    const page = await newPage();
    await resetFakehub();
    await openApp(page);
    await connectForm(page).demo.click();

    const banner = page.getByRole('note').filter({ hasText: /demo/i });
    await banner.waitFor();
    assert.match(await banner.innerText(), /Nothing was fetched/i);
    await waitForSeats(page, 3000);
    await overview(page).getByRole('heading', { name: 'Overview', exact: true }).waitFor();
    assert.match(await definition(overview(page), 'Seats assigned').innerText(), /^3,?000$/);
    assert.ok((await accessList(page).rows().count()) > 0, 'rows are shown');

    // Sorting and search work offline too.
    const list = accessList(page);
    await list.sortButton('User').click();
    await eventually(async () => assert.equal(await list.header('User').getAttribute('aria-sort'), 'ascending'));
    await list.search.fill('an');
    await eventually(async () => assert.ok((await seatCount(page)) < 3000));

    assert.deepEqual(await requests(), [], 'fakehub saw nothing');
    assert.deepEqual(foreignRequests(page), [], 'only the app’s own origin was contacted');
    assert.equal(await connectForm(page).token.inputValue(), '', 'no token involved');
    await assertNoProblems(page);
  });

  test('a demo seat’s detail page works offline too', async () => {
    const page = await newPage();
    await resetFakehub();
    await openApp(page);
    await connectForm(page).demo.click();
    await waitForSeats(page, 3000);
    const link = accessList(page).table.getByRole('link').first();
    const login = (await link.innerText()).trim();
    await link.click();
    await page.getByRole('heading', { name: new RegExp(login) }).waitFor();
    await definition(page.getByRole('region', { name: new RegExp(login) }), 'Plan').waitFor();
    assert.equal(await page.getByRole('alert').count(), 0);
    assert.deepEqual(await requests(), [], 'fakehub saw nothing');
    assert.deepEqual(foreignRequests(page), [], 'only the app’s own origin was contacted');
    await assertNoProblems(page);
  });
});
