// User story: I decide which seats to take back. The "Reclaimable seats" section says how many
// and what they cost under my thresholds; "Show reclaimable seats" lists exactly those, the CSV
// holds exactly those, and the charts show the shape of usage, each bar a filter (issue 12).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  useBrowser, newPage, assertNoProblems, connect, waitForSeats, seatCount, accessList,
  allSeats, definition, eventually, appUrl, github, parseCsv, screenshot,
} from './harness.mjs';

useBrowser();

const ORG = 'acme';
const DAY = 86_400_000;

/** The rule, written again from DESIGN.md: an independent reference for the app's figures. */
function reclaimable(seat, now, idle, grace) {
  if (!seat.assignee?.login) return false;
  if (seat.pending_cancellation_date) return false;
  if (Date.parse(seat.created_at) > now - grace * DAY) return false;
  const activity = seat.last_activity_at === null || seat.last_activity_at === undefined
    ? null : Date.parse(seat.last_activity_at);
  return activity === null || activity < now - idle * DAY;
}

function section(page) {
  return page.getByRole('region', { name: 'Reclaimable seats', exact: true });
}

async function figure(page, term) {
  return (await definition(section(page), term).innerText()).trim();
}

const count = (text) => Number(text.replace(/[^\d]/g, ''));

describe('As an owner I decide which seats to take back', () => {
  test('the figures match the rule for two threshold pairs; the list and the CSV hold exactly those seats', async () => {
    const seats = await allSeats(ORG);
    const page = await newPage();
    const loadStarted = Date.now();
    await connect(page, { org: ORG });
    await waitForSeats(page, seats.length);
    const loadEnded = Date.now();
    const { body: billing } = await github(`/orgs/${ORG}/copilot/billing`);
    const price = billing.plan_type === 'enterprise' ? 39 : 19;

    for (const [idle, grace] of [[60, 30], [14, 0]]) {
      const reg = section(page);
      await reg.getByLabel('Idle for at least (days)').fill(String(idle));
      await reg.getByLabel('Grace period for new seats (days)').fill(String(grace));
      // "now" is when the data was loaded: somewhere between these two instants.
      const expected = [loadStarted, loadEnded].map((now) =>
        seats.filter((s) => reclaimable(s, now, idle, grace)).map((s) => s.assignee.login));
      await eventually(async () => {
        const n = count(await figure(page, 'Reclaimable seats'));
        assert.ok(expected.some((e) => e.length === n), `${n} reclaimable at idle ${idle}, grace ${grace}; expected ${expected.map((e) => e.length)}`);
      });
      const n = count(await figure(page, 'Reclaimable seats'));
      const logins = expected.find((e) => e.length === n);
      assert.ok(n > 0, 'the realistic org has reclaimable seats');
      const cost = await figure(page, 'Monthly cost of reclaimable seats');
      assert.match(cost.replace(/,/g, ''), new RegExp(`^\\$${n * price}(?![\\d.])`), cost);
      assert.match(cost.replace(/,/g, ''), new RegExp(`\\$${n * price * 12}(?![\\d.])/year`), 'and per year');

      await reg.getByRole('link', { name: 'Show reclaimable seats' }).click();
      await eventually(async () => assert.equal(await seatCount(page), n));
      const url = new URL(page.url());
      assert.equal(url.searchParams.get('filter'), 'reclaimable');
      assert.equal(url.searchParams.get('idle'), String(idle));
      assert.equal(url.searchParams.get('grace'), String(grace));

      const download = page.waitForEvent('download');
      await accessList(page).download.click();
      const file = readFileSync(await (await download).path(), 'utf8');
      const csvLogins = parseCsv(file).slice(1).map((r) => r[1]);
      assert.deepEqual([...csvLogins].sort(), [...logins].sort(), 'the CSV holds exactly the reclaimable seats');
    }

    // The link works for someone else: the same rule from the URL alone, at their own "now"
    // (seats keep crossing the 14-day line as time passes, so the count is the rule's at the
    // moment of their load, not necessarily the first page's).
    const shared = new URL(page.url());
    const other = await newPage();
    await other.goto(shared.href);
    const otherStarted = Date.now();
    await connect(other, { org: ORG });
    const otherEnded = Date.now(); // the app's "now" is taken when Load is pressed
    const possible = [otherStarted, otherEnded].map((now) => seats.filter((s) => reclaimable(s, now, 14, 0)).length);
    await eventually(async () => assert.ok(possible.includes(await seatCount(other)), `${await seatCount(other)} in ${possible}`), { timeout: 20_000 });
    assert.equal(await section(other).getByLabel('Idle for at least (days)').inputValue(), '14');
    assert.equal(new URL(other.url()).searchParams.get('filter'), 'reclaimable');
    await assertNoProblems(other);
    await assertNoProblems(page);
  });

  test('every chart is a picture with its numbers as text, and a bar filters the list to its count', async () => {
    const page = await newPage();
    await connect(page, { org: ORG });
    await waitForSeats(page, 3000);
    const scrollTo = (region) =>
      region.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 12));
    await section(page).getByRole('link', { name: 'Show reclaimable seats' }).waitFor();
    await definition(section(page), 'Reclaimable seats').getByText(/\d/).waitFor();
    await scrollTo(section(page));
    await screenshot(page, 'reclaim.png');
    await scrollTo(page.getByRole('region', { name: 'Usage at a glance', exact: true }));
    await screenshot(page, 'charts.png');
    for (const name of ['Days since last activity', 'Editors in use', 'Seats by team']) {
      const img = page.getByRole('img', { name: new RegExp(`^${name}`) });
      await img.waitFor();
      const label = await img.getAttribute('aria-label');
      const numbers = [...label.matchAll(/ (\d[\d,]*)(?:,|$)/g)].map((m) => Number(m[1].replace(/,/g, '')));
      assert.equal(numbers.reduce((a, b) => a + b, 0), 3000, `${name}: the bars add up to every seat (${label})`);
    }
    // The numbers as links, folded under each chart.
    for (const summary of await page.getByText('Numbers and links').all()) await summary.click();
    // A bar of the picture: "8–30 days".
    const table = page.getByRole('table', { name: 'Days since last activity, as numbers' });
    const row = table.getByRole('row', { name: /8–30 days/ });
    const n = Number((await row.getByRole('cell').nth(1).innerText()).replace(/,/g, ''));
    assert.ok(n > 0);
    await page.locator('figure.chart svg g.bar').nth(1).click();
    await eventually(async () => assert.equal(await seatCount(page), n));
    assert.equal(new URL(page.url()).searchParams.get('filter'), 'activity-8-30');
    // The same numbers as links, for keyboards: the editor family with the most seats.
    const editors = page.getByRole('table', { name: 'Editors in use, as numbers' });
    const link = editors.getByRole('link', { name: 'VS Code' });
    const m = Number((await editors.getByRole('row', { name: /VS Code/ }).getByRole('cell').nth(1).innerText()).replace(/,/g, ''));
    await link.click();
    await eventually(async () => assert.equal(await seatCount(page), m));
    await assertNoProblems(page);
  });

  test('the demo tells the story too: idle and never-used seats, several teams and editors', async () => {
    const page = await newPage();
    await page.goto(appUrl());
    await page.getByRole('button', { name: 'Try demo data' }).click();
    await waitForSeats(page, 3000);
    const n = count(await figure(page, 'Reclaimable seats'));
    assert.ok(n > 100 && n < 3000, `a realistic share is reclaimable (${n})`);
    for (const summary of await page.getByText('Numbers and links').all()) await summary.click();
    const teams = await page.getByRole('table', { name: 'Seats by team, as numbers' }).getByRole('row').count();
    assert.ok(teams >= 4, 'several teams');
    await assertNoProblems(page);
  });
});
