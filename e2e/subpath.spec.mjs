// User story: a team publishes dist/ on GitHub Pages under https://owner.github.io/repo/.
// `./dev test` builds the app with `--public-url /copilot-seat-review/` and serves it the way
// Pages does (files under the sub-path, 404.html with status 404 for anything else) at
// SUBPATH_APP_URL.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, newPage, assertNoProblems, browserRequests, waitForSeats, eventually } from './harness.mjs';

useBrowser();

const BASE = process.env.SUBPATH_APP_URL;

describe('As a team I publish the app under a sub-path', { skip: BASE ? false : 'SUBPATH_APP_URL not set' }, () => {
  test('a deep link survives a reload through 404.html, and the demo runs with no request off the origin', async () => {
    const base = new URL(BASE);
    const page = await newPage();
    // The deep link: the host answers 404 with 404.html, which boots the app on that route.
    const response = await page.goto(new URL('seats/octocat', base).href);
    assert.equal(response.status(), 404, 'served as GitHub Pages does');
    await page.getByRole('heading', { name: /octocat/ }).waitFor();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /connect/i);

    // Back to the start page, within the sub-path.
    await alert.getByRole('link', { name: /start page/i }).click();
    await eventually(async () => assert.equal(new URL(page.url()).pathname, base.pathname));
    await page.getByRole('button', { name: 'Try demo data' }).click();
    await waitForSeats(page, 3000);
    // Sorting and searching rewrite the query, never the sub-path.
    await page.getByRole('table', { name: 'Seats' }).getByRole('button', { name: 'User' }).click();
    await page.getByRole('textbox', { name: 'Search' }).fill('a');
    await eventually(async () => {
      const url = new URL(page.url());
      assert.equal(url.pathname, base.pathname);
      assert.equal(url.searchParams.get('sort'), 'user');
      assert.equal(url.searchParams.get('q'), 'a');
    });
    await page.getByRole('textbox', { name: 'Search' }).fill('');

    // A seat's detail, then Back to the list: every URL stays under the sub-path.
    await page.locator('table[aria-label="Seats"] tbody a').first().click();
    await eventually(async () => assert.match(new URL(page.url()).pathname, new RegExp(`^${base.pathname}seats/`)));
    await page.getByRole('heading', { name: /Copilot seat of/ }).waitFor();
    await page.getByRole('link', { name: /All seats/ }).click();
    await eventually(async () => assert.equal(new URL(page.url()).pathname, base.pathname));

    const requests = browserRequests(page).filter((r) => !r.url.startsWith('data:') && !r.url.startsWith('blob:'));
    assert.ok(requests.length > 0);
    for (const r of requests) {
      assert.equal(new URL(r.url).origin, base.origin, `${r.method} ${r.url} left the page's origin`);
      assert.ok(new URL(r.url).pathname.startsWith(base.pathname), `${r.url} is outside the sub-path`);
    }
    // The document's own 404 is the one expected "failed" load.
    await assertNoProblems(page, { allowStatuses: [404] });
  });
});
