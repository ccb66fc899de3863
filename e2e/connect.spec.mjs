// User story: an organization owner opens the app, pastes a token and sees the overview and the
// access list; mistakes in the form are explained before anything is sent.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useBrowser, newPage, assertNoProblems, resetFakehub, requests, connect, openApp, connectForm,
  seatCount, waitForSeats, accessList, overview, definition, github, screenshot, appUrl, API_URL,
  GOOD_TOKEN,
} from './harness.mjs';

useBrowser();

describe('As an owner I connect with a token and see my organization', () => {
  test('octo-examples: overview figures and both seats of GitHub’s official example', async () => {
    const page = await newPage();
    await resetFakehub();
    await connect(page, { org: 'octo-examples' });

    const ov = overview(page);
    await ov.getByRole('heading', { name: 'Overview', exact: true }).waitFor();
    assert.equal((await definition(ov, 'Seats assigned').innerText()).trim(), '12');
    assert.match(await definition(ov, 'Estimated monthly cost').innerText(), /\$228(?![\d.,])/);
    assert.match(await definition(ov, 'Estimated monthly cost').innerText(), /estimate/i, 'the cost says it is an estimate');
    assert.equal((await definition(ov, 'Plan').innerText()).trim(), 'Copilot Business');

    await waitForSeats(page, 2);
    const list = accessList(page);
    assert.equal(await list.rows().count(), 2, 'two data rows');
    const logins = await list.rows().getByRole('link').allInnerTexts();
    assert.deepEqual([...logins].sort(), ['octocat', 'octokitten']);

    // The URL remembers the org (and the local API), never the token.
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('org'), 'octo-examples');
    assert.equal(url.searchParams.get('api'), API_URL);
    assert.ok(!page.url().includes(GOOD_TOKEN), 'the token is not in the URL');

    const log = await requests();
    assert.ok(log.some((r) => r.path === '/orgs/octo-examples/copilot/billing'), 'billing was read');
    assert.ok(log.some((r) => r.path === '/orgs/octo-examples/copilot/billing/seats'), 'seats were read');
    await assertNoProblems(page);
  });

  test('?org=acme pre-fills Organization (and nothing else pre-fills it)', async () => {
    const page = await newPage();
    await openApp(page);
    const form = connectForm(page);
    assert.equal(await form.org.inputValue(), '', 'empty without a parameter');
    assert.equal(await form.api.inputValue(), 'https://api.github.com', 'API URL defaults to GitHub');
    await openApp(page, '?org=acme');
    assert.equal(await form.org.inputValue(), 'acme');
    assert.equal(await form.token.inputValue(), '', 'the token is never pre-filled from a URL');
    await assertNoProblems(page);
  });

  test('the token field is a password field and "Show token" toggles it', async () => {
    const page = await newPage();
    await openApp(page);
    const form = connectForm(page);
    await form.token.fill('secret-value');
    assert.equal(await form.token.getAttribute('type'), 'password');
    await page.getByRole('button', { name: 'Show token', exact: true }).click();
    assert.equal(await form.token.getAttribute('type'), 'text');
    const hide = page.getByRole('button', { name: 'Hide token', exact: true });
    // The label says the state ("Hide token"); no aria-pressed on top, or a screen reader would
    // announce "Hide token, pressed".
    assert.equal(await hide.getAttribute('aria-pressed'), null);
    await hide.click();
    assert.equal(await form.token.getAttribute('type'), 'password');
    assert.equal(await form.token.inputValue(), 'secret-value', 'toggling keeps the value');
    await assertNoProblems(page);
  });

  test('an API URL that is not GitHub’s or local is refused with an alert that says https, before any request', async () => {
    const page = await newPage();
    await resetFakehub();
    await connect(page, { org: 'acme', api: 'http://example.com' });
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = await alert.innerText();
    assert.match(text, /API URL/);
    assert.match(text, /https:\/\//);
    assert.equal(await accessList(page).table.count(), 0, 'no table');
    assert.deepEqual(await requests(), [], 'nothing was sent to the API');
    await assertNoProblems(page);
  });

  test('Load without a token shows an alert asking for one, and sends nothing', async () => {
    const page = await newPage();
    await resetFakehub();
    await connect(page, { org: 'acme', token: '' });
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /token/i);
    assert.equal(await accessList(page).table.count(), 0, 'no table');
    assert.deepEqual(await requests(), [], 'nothing was sent to the API');
    await assertNoProblems(page);
  });

  test('"Forget token" clears the field and what was loaded with it', async () => {
    const page = await newPage();
    await connect(page, { org: 'octo-examples' });
    await waitForSeats(page, 2);
    const form = connectForm(page);
    assert.equal(await form.token.inputValue(), GOOD_TOKEN);
    await form.forget.click();
    assert.equal(await form.token.inputValue(), '');
    await accessList(page).table.waitFor({ state: 'detached' });
    assert.equal(await overview(page).count(), 0, 'the overview is gone too');
    await assertNoProblems(page);
  });

  test('acme: overview agrees with GitHub’s billing; screenshots of overview and access list', async () => {
    const { body: billing } = await github('/orgs/acme/copilot/billing');
    const page = await newPage();
    await connect(page, { org: 'acme' });
    await waitForSeats(page, 3000);
    const ov = overview(page);
    const total = billing.seat_breakdown.total;
    assert.equal((await definition(ov, 'Seats assigned').innerText()).trim().replace(/,/g, ''), String(total));
    const price = billing.plan_type === 'enterprise' ? 39 : 19;
    const cost = (await definition(ov, 'Estimated monthly cost').innerText()).replace(/,/g, '');
    assert.match(cost, new RegExp(`\\$${total * price}(?![\\d.])`));
    for (const term of ['Added this cycle', 'Pending invitation', 'Pending cancellation', 'Active this cycle', 'Inactive this cycle']) {
      assert.equal(await definition(ov, term).count(), 1, `${term} is shown`);
    }
    // Usage links are ready once the list is complete.
    await ov.getByRole('link').first().waitFor();

    const scrollTo = (region) =>
      region.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 12));
    await scrollTo(ov);
    await screenshot(page, 'overview.png');
    await scrollTo(page.getByRole('region', { name: 'Access list', exact: true }));
    await screenshot(page, 'access-list.png');
    assert.equal(page.url().startsWith(appUrl()), true);
    await assertNoProblems(page);
  });
});
