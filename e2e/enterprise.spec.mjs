// User story: the owner of an enterprise sees every Copilot seat across its organizations, each
// person once. fakehub's acme-enterprise lists 338 seat objects for 260 people: some granted by
// two organizations, some again through an enterprise team, one with a null assignee.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  useBrowser, newPage, assertNoProblems, openApp, connectForm, waitForSeats, accessList,
  resetFakehub, requests, github, seatCount, isoUtc, parseCsv, browserRequests, API_URL, GOOD_TOKEN,
  eventually, cmpCi, overview, definition, API_ORIGIN,
} from './harness.mjs';

useBrowser();

const SLUG = 'acme-enterprise';

/** Every seat object of the enterprise, straight from fakehub (all pages). */
async function allObjects(slug) {
  const first = await github(`/enterprises/${slug}/copilot/billing/seats?per_page=100&page=1`);
  const objects = [...first.body.seats];
  const last = /[?&]page=(\d+)>; rel="last"/.exec(first.headers.get('link') ?? '');
  for (let p = 2; p <= Number(last?.[1] ?? 1); p++) {
    objects.push(...(await github(`/enterprises/${slug}/copilot/billing/seats?per_page=100&page=${p}`)).body.seats);
  }
  return { total: first.body.total_seats, objects };
}

/** People by assignee id (null assignees their own), with their organizations and newest activity. */
function people(objects) {
  const byId = new Map();
  let anonymous = 0;
  for (const o of objects) {
    if (!o.assignee) { anonymous++; continue; }
    const p = byId.get(o.assignee.id) ?? { login: o.assignee.login, orgs: new Set(), activity: null, objects: 0 };
    p.orgs.add(o.organization.login);
    p.objects++;
    if (o.last_activity_at && (!p.activity || Date.parse(o.last_activity_at) > Date.parse(p.activity))) p.activity = o.last_activity_at;
    byId.set(o.assignee.id, p);
  }
  return { list: [...byId.values()], anonymous };
}

async function loadEnterprise(page, { slug = SLUG, token = GOOD_TOKEN, query = '' } = {}) {
  await openApp(page, query);
  const form = connectForm(page);
  await page.getByLabel('Account type').selectOption('enterprise');
  await page.getByLabel('Enterprise', { exact: true }).fill(slug);
  await form.token.fill(token);
  await form.api.fill(API_URL);
  await form.load.click();
}

/** The rendered rows: login, the Organization cell and its title, the Last activity datetime. */
function rows(page) {
  return accessList(page).table.locator('tbody tr:not([aria-hidden="true"])').evaluateAll((trs) =>
    trs.map((tr) => {
      const cells = tr.querySelectorAll('td:not(.col-select)');
      return {
        login: cells[0]?.textContent.trim(),
        org: cells[1]?.textContent.trim(),
        orgTitle: cells[1]?.getAttribute('title'),
        activity: cells[2]?.querySelector('time')?.getAttribute('datetime') ?? null,
      };
    }));
}

describe('As an enterprise owner I see every seat of my organizations, each person once', () => {
  test('acme-enterprise: one row per person, both organizations and the newest activity, a per-organization overview that adds up', async () => {
    const page = await newPage();
    await resetFakehub();
    const { total, objects } = await allObjects(SLUG);
    const { list, anonymous } = people(objects);
    assert.ok(objects.length > total, 'GitHub-style duplicates: more objects than people');
    assert.equal(list.length + anonymous, total, 'fakehub is consistent');

    await loadEnterprise(page);
    await waitForSeats(page, total);
    assert.match(page.url(), /[?&]enterprise=acme-enterprise(&|$)/);
    assert.doesNotMatch(page.url(), /[?&]org=/);
    assert.equal(await page.getByRole('alert').count(), 0, 'consistent: no warning');

    // A person granted by two organizations: one row, both organizations, the newest activity.
    const two = list.find((p) => p.orgs.size === 2 && p.activity);
    const list_ = accessList(page);
    await list_.search.fill(two.login);
    await eventually(async () => assert.equal(await seatCount(page), 1));
    const [row] = await rows(page);
    assert.equal(row.login, two.login);
    assert.equal(row.org, '2 organizations');
    assert.deepEqual(row.orgTitle.split(', ').sort(cmpCi), [...two.orgs].sort(cmpCi));
    assert.equal(row.activity, isoUtc(two.activity), 'the most recent activity of the two grants');
    await list_.search.fill('');

    // The Organization column sorts.
    await list_.sortButton('Organization').click();
    assert.equal(await list_.header('Organization').getAttribute('aria-sort'), 'ascending');
    await eventually(async () => {
      const r = await rows(page);
      assert.ok(r.length > 5);
      const keys = r.map((x) => x.orgTitle ?? '');
      for (let i = 1; i < keys.length; i++) assert.ok(cmpCi(keys[i - 1], keys[i]) <= 0, `${keys[i - 1]} ≤ ${keys[i]}`);
    });

    // The overview: people once, and a row per organization with its own people.
    const ov = overview(page);
    assert.equal((await definition(ov, 'Seats assigned').textContent()).trim(), String(total));
    assert.equal((await definition(ov, 'Seat objects listed').textContent()).trim(), String(objects.length));
    const table = page.getByRole('table', { name: 'Seats by organization' });
    const orgRows = await table.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
    const perOrg = new Map();
    for (const p of list) for (const o of p.orgs) perOrg.set(o, (perOrg.get(o) ?? 0) + 1);
    for (const o of objects) if (!o.assignee) perOrg.set(o.organization.login, (perOrg.get(o.organization.login) ?? 0) + 1);
    assert.deepEqual(
      orgRows.map((r) => [r[0], Number(r[1])]).sort(),
      [...perOrg.entries()].sort(),
      'each organization counts the people it grants',
    );
    const sum = orgRows.reduce((s, r) => s + Number(r[1]), 0);
    assert.equal(sum, list.reduce((s, p) => s + p.orgs.size, 0) + anonymous, 'a person with two organizations counts in both rows');
    // Each person once at their plan's price; the rows can add up to more.
    const cents = (t) => Math.round(Number(t.replace(/[$,]/g, '')) * 100);
    const monthly = cents(await definition(ov, 'Estimated monthly cost').evaluate((dd) => dd.firstChild.textContent));
    const rowsMonthly = orgRows.reduce((s, r) => s + cents(r[3]), 0);
    assert.ok(monthly > 0 && rowsMonthly > monthly, `the rows (${rowsMonthly}) count people twice, the total (${monthly}) once`);
    assert.equal(await ov.getByText('Added this cycle').count(), 0, 'no breakdown GitHub did not give');

    // A row of the table filters the list to that organization.
    const [firstOrg, firstCount] = orgRows[0];
    await table.getByRole('link', { name: firstOrg }).click();
    await eventually(async () => assert.equal(await seatCount(page), Number(firstCount)));
    assert.match(page.url(), /filter=org%3A/);
    for (const r of await rows(page)) assert.ok((r.orgTitle ?? '').split(', ').includes(firstOrg), `${r.login} is granted by ${firstOrg}`);
    await assertNoProblems(page);
  });

  test('the CSV has one row per person and an organization column; the seat page names every organization', async () => {
    const page = await newPage();
    await resetFakehub();
    const { total, objects } = await allObjects(SLUG);
    const { list } = people(objects);
    await loadEnterprise(page);
    await waitForSeats(page, total);

    const [download] = await Promise.all([page.waitForEvent('download'), accessList(page).download.click()]);
    const csvText = readFileSync(await download.path(), 'utf8');
    const records = parseCsv(csvText);
    assert.equal(records[0].at(-1), 'organization');
    assert.equal(records[0].length, 11);
    assert.equal(records.length - 1, total, 'one row per person');
    const logins = records.slice(1).map((r) => r[1]).filter(Boolean);
    assert.equal(new Set(logins).size, logins.length, 'nobody twice');
    const two = list.find((p) => p.orgs.size === 2);
    const rec = records.find((r) => r[1] === two.login);
    assert.deepEqual(rec.at(-1).split('; ').sort(cmpCi), [...two.orgs].sort(cmpCi));

    // The seat page: from the list (GitHub has no per-person enterprise call), every organization.
    const before = (await requests()).length;
    await accessList(page).search.fill(two.login);
    await page.getByRole('link', { name: two.login, exact: true }).click();
    await page.getByRole('heading', { name: new RegExp(`Copilot seat of ${two.login}`) }).waitFor();
    const where = page.locator('xpath=//dt[starts-with(normalize-space(.), "Granting organization")]/following-sibling::dd[1]');
    const shown = await where.getByRole('link').allTextContents();
    assert.deepEqual(shown.sort(cmpCi), [...two.orgs].sort(cmpCi));
    assert.equal((await requests()).slice(before).filter((e) => e.path.includes('/members/')).length, 0, 'no organization asked about this person');

    // The CSV opened later is an enterprise again: one row per person, the Organization column.
    await page.getByRole('link', { name: /All seats/ }).click();
    await page.getByLabel('Open a report').setInputFiles({ name: 'enterprise.csv', mimeType: 'text/csv', buffer: Buffer.from(csvText) });
    await accessList(page).header('Organization').waitFor();
    await accessList(page).search.fill(''); // the search came back with the list's URL
    await eventually(async () => assert.equal(await seatCount(page), total));
    await accessList(page).search.fill(two.login);
    await eventually(async () => assert.equal((await rows(page))[0]?.org, '2 organizations'));
    await page.getByRole('table', { name: 'Seats by organization' }).waitFor();
    await assertNoProblems(page);
  });

  test('drifting-enterprise: GitHub counts one seat more than the list holds, and the page says so', async () => {
    const page = await newPage();
    await resetFakehub();
    const { total, objects } = await allObjects('drifting-enterprise');
    const { list, anonymous } = people(objects);
    assert.equal(list.length + anonymous, total - 1, 'fakehub drifts by one');
    await loadEnterprise(page, { slug: 'drifting-enterprise' });
    await waitForSeats(page, total - 1);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = await alert.textContent();
    assert.match(text, new RegExp(`GitHub counts ${total} seats`));
    assert.match(text, new RegExp(`holds ${total - 1} people`));
    assert.match(text, /Load again/);
    await assertNoProblems(page);
  });

  test('a fine-grained token is told to use a classic one; the URL names the enterprise after a reload', async () => {
    const page = await newPage();
    await resetFakehub();
    await loadEnterprise(page, { token: 'fine-grained-token' });
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = await alert.textContent();
    assert.match(text, /only to classic tokens/);
    assert.match(text, /read:enterprise/);
    assert.equal(await accessList(page).table.count(), 0, 'nothing partial shown');
    await page.reload();
    await connectForm(page).load.waitFor();
    assert.equal(await page.getByLabel('Account type').inputValue(), 'enterprise');
    assert.equal(await page.getByLabel('Enterprise', { exact: true }).inputValue(), SLUG);
    await assertNoProblems(page, { allowStatuses: [403] });
  });

  test('"Try demo data" with Account type Enterprise opens a demo enterprise without a request', async () => {
    const page = await newPage();
    await openApp(page);
    await page.getByLabel('Account type').selectOption('enterprise');
    await connectForm(page).demo.click();
    const ov = overview(page);
    await definition(ov, 'Seat objects listed').waitFor();
    const people = Number((await definition(ov, 'Seats assigned').textContent()).replace(/,/g, ''));
    const objects = Number((await definition(ov, 'Seat objects listed').textContent()).replace(/,/g, ''));
    assert.ok(objects > people && people > 0, `${objects} objects for ${people} people`);
    await eventually(async () => assert.equal(await seatCount(page), people));
    assert.ok((await accessList(page).header('Organization').count()) === 1);
    assert.equal(await page.getByRole('checkbox', { name: 'Select all' }).count(), 0, 'no removal across an enterprise');
    assert.match(await page.getByRole('note').filter({ hasText: 'Removing seats is done per organization' }).textContent(), /load the organization/);
    // Members without a seat, and assigning, are per organization too: the panel says so.
    assert.match(await page.getByRole('note').filter({ hasText: 'Members are listed per organization' }).textContent(), /load one of the enterprise's organizations/);
    assert.equal(browserRequests(page).filter((r) => r.url.startsWith(API_ORIGIN)).length, 0, 'nothing fetched');
    await assertNoProblems(page);
  });
});
