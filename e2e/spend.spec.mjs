// User story: I see what Copilot really costs since AI credits: what GitHub billed this month,
// the credits used against the pool, and whether taking idle seats back raises everyone else's
// overage. When GitHub cannot tell, one sentence says why and the rest works (issue 16).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useBrowser, newPage, assertNoProblems, connect, waitForSeats, accessList, definition, github,
  eventually, API_URL,
} from './harness.mjs';

useBrowser();

const month = () => {
  const d = new Date();
  return `year=${d.getUTCFullYear()}&month=${d.getUTCMonth() + 1}`;
};
const money = (cents) => `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const cents = (x) => Math.round(x * 100);
const region = (page) => page.getByRole('region', { name: 'Spend this month', exact: true });

/** fakehub's bill of `org`, added up in cents like an accountant would. */
async function served(org) {
  const { body } = await github(`/organizations/${org}/settings/billing/usage/summary?${month()}&product=copilot`);
  const lines = body.usageItems.filter((l) => l.product.toLowerCase() === 'copilot');
  const credits = lines.filter((l) => /credit/i.test(l.sku));
  return {
    billed: lines.reduce((s, l) => s + cents(l.netAmount), 0),
    creditsUsed: Math.round(credits.reduce((s, l) => s + l.grossQuantity, 0)),
  };
}

describe('As an owner I see what Copilot really costs this month', () => {
  for (const [org, over] of [['acme', false], ['overspend', true]]) {
    test(`${org}: the figures are fakehub's bill to the cent; the reclaim section ${over ? 'warns about the pool' : 'keeps the full saving'}`, async () => {
      const expected = await served(org);
      const { body: billing } = await github(`/orgs/${org}/copilot/billing`);
      const page = await newPage();
      await connect(page, { org });
      await waitForSeats(page, billing.seat_breakdown.total, { timeout: 30_000 });
      const r = region(page);
      await definition(r, 'Billed so far').waitFor();
      assert.match(await definition(r, 'Billed so far').innerText(), new RegExp(`^\\${money(expected.billed)}`));
      assert.equal((await definition(r, 'AI credits used').innerText()).trim(), `${expected.creditsUsed.toLocaleString('en-US')} credits`);
      assert.match(await definition(r, 'Included AI credits').innerText(), new RegExp(`^${(billing.seat_breakdown.total * 1900).toLocaleString('en-US')} credits`));
      assert.match(await definition(r, 'Billed so far').innerText(), /billed by GitHub/);
      assert.match(await definition(r, 'Estimated monthly cost with usage').innerText(), /estimate/);
      const reclaim = page.getByRole('region', { name: 'Reclaimable seats', exact: true });
      const note = reclaim.getByRole('note').filter({ hasText: /AI credit pool/ });
      await note.waitFor();
      if (over) assert.match(await note.innerText(), /(raises the|creates an) overage/);
      else assert.match(await note.innerText(), /saving is the full/);
      await assertNoProblems(page);
    });
  }

  test('a seat page shows the person’s AI credits and premium requests this month', async () => {
    const page = await newPage();
    await connect(page, { org: 'acme' });
    await waitForSeats(page, 3000);
    const link = accessList(page).rows().first().getByRole('link');
    const login = (await link.innerText()).trim();
    const { body } = await github(`/organizations/acme/settings/billing/ai_credit/usage?user=${login}&${month()}`);
    const credits = body.usageItems.reduce((s, l) => s + l.grossQuantity, 0);
    await link.click();
    const usage = page.getByRole('region', { name: 'This month' });
    await definition(usage, 'AI credits used').waitFor();
    assert.equal((await definition(usage, 'AI credits used').innerText()).trim(), `${credits.toLocaleString('en-US')} credits`);
    await assertNoProblems(page);
  });

  for (const [name, org, token, status, says, seats] of [
    ['not on the enhanced billing platform (404)', 'legacy-billing', 'good-token', 404, /enhanced billing platform/, 250],
    ['a token without the Administration permission (403)', 'acme', 'nobilling-token', 403, /Administration/, 3000],
  ]) {
    test(`${name}: one sentence instead of the figures, and the seat list still loads`, async () => {
      const page = await newPage();
      await connect(page, { org, token });
      await waitForSeats(page, seats, { timeout: 30_000 });
      const r = region(page);
      await eventually(async () => assert.match(await r.getByRole('note').innerText(), says));
      assert.equal(await definition(r, 'Billed so far').count(), 0, 'no figure is shown as billed');
      assert.equal(await page.getByRole('alert').count(), 0, 'the load itself did not fail');
      await assertNoProblems(page, { allowStatuses: [status] });
    });
  }
});
