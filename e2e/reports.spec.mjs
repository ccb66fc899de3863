// User story: I open the activity report CSV I already keep (GitHub's own "Get report" file, or
// this app's), with no token and no request, and compare it with an earlier one to see what
// changed (issue 15).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useBrowser, newPage, assertNoProblems, openApp, waitForSeats, seatCount, accessList, allSeats,
  definition, browserRequests, eventually, API_ORIGIN,
} from './harness.mjs';

useBrowser();

const DAY = 86_400_000;
const REPORT_TIME = Date.parse('2026-11-20T10:00:00Z');
const EARLIER_TIME = Date.parse('2026-10-20T10:00:00Z');

/** GitHub's report format, with its quirks: BOM, CRLF, mixed-case header, `None`, spaces for T. */
function githubCsv(rows, time) {
  const t = (ms) => (ms === null ? 'None' : new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ''));
  const lines = ['Report_Time,LOGIN,last_authenticated_at,Last_Activity_At,last_surface_used'];
  for (const r of rows) lines.push([t(time), `"${r.login}"`, t(r.auth), t(r.activity), 'Unspecified'].join(','));
  return Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8');
}

/** Rows from fakehub's realistic seats (logins, activity), placed relative to `time`. */
function rowsOf(seats) {
  return seats
    .filter((s) => s.assignee?.login)
    .map((s) => ({
      login: s.assignee.login,
      activity: s.last_activity_at ? Date.parse(s.last_activity_at) : null,
      auth: s.last_authenticated_at ? Date.parse(s.last_authenticated_at) : null,
    }));
}

const active = (r, time) => r.activity !== null && r.activity >= time - 30 * DAY;

async function openReports(page, files) {
  await page.getByLabel('Open a report').setInputFiles(files);
}

describe('As an owner I open my saved reports and see what changed', () => {
  test('a GitHub-format report opens with no request at all; counts, sort and reclaim figures match the file', async () => {
    const rows = rowsOf(await allSeats('acme')).slice(0, 1200);
    const page = await newPage();
    await openApp(page);
    const before = browserRequests(page).length;
    await openReports(page, { name: 'copilot-report.csv', mimeType: 'text/csv', buffer: githubCsv(rows, REPORT_TIME) });
    await waitForSeats(page, rows.length);
    const banner = page.getByRole('note').filter({ hasText: /copilot-report\.csv/ });
    assert.match(await banner.innerText(), /2026-11-20 10:00 UTC/);
    assert.match(await banner.innerText(), /nothing was sent/i);
    // Reclaim with "now" = the report's time; no created_at, so the grace period is not applied.
    const reclaim = page.getByRole('region', { name: 'Reclaimable seats' });
    assert.match(await reclaim.getByRole('note').first().innerText(), /no assignment dates/);
    const expected = rows.filter((r) => r.activity === null || r.activity < REPORT_TIME - 60 * DAY).length;
    await eventually(async () => assert.equal(Number((await definition(reclaim, 'Reclaimable seats').innerText()).replace(/,/g, '')), expected));
    // Sort by user works on the file.
    const list = accessList(page);
    await list.sortButton('User').click();
    await eventually(async () => assert.equal(await list.header('User').getAttribute('aria-sort'), 'ascending'));
    assert.equal(await seatCount(page), rows.length);
    // Unknown from a file: GitHub's cycle figures are not 0.
    const ov = page.getByRole('region', { name: 'Overview' });
    assert.notEqual((await definition(ov, 'Active this cycle').innerText()).trim(), '0');
    const api = browserRequests(page).slice(before).filter((r) => new URL(r.url).origin === API_ORIGIN);
    assert.deepEqual(api, [], 'no request to any API');
    await assertNoProblems(page);
  });

  test('compare with an earlier report: the four figures and their lists match an independent computation', async () => {
    const all = rowsOf(await allSeats('acme')).slice(0, 600);
    // The earlier report: the first 550 seats, with activity shifted a month back; the current
    // one: seats 50.., so 50 are removed and 50 are new.
    const earlier = all.slice(0, 550).map((r, i) => ({ ...r, activity: i % 3 === 0 ? EARLIER_TIME - 2 * DAY : (i % 3 === 1 ? null : r.activity) }));
    const current = all.slice(50);
    const byLogin = new Map(earlier.map((r) => [r.login.toLowerCase(), r]));
    const currentLogins = new Set(current.map((r) => r.login.toLowerCase()));
    const expected = {
      'New seats': current.filter((r) => !byLogin.has(r.login.toLowerCase())).length,
      'Removed seats': earlier.filter((r) => !currentLogins.has(r.login.toLowerCase())).length,
      'Newly idle': current.filter((r) => byLogin.has(r.login.toLowerCase()) && active(byLogin.get(r.login.toLowerCase()), EARLIER_TIME) && !active(r, REPORT_TIME)).length,
      'Back in use': current.filter((r) => byLogin.has(r.login.toLowerCase()) && !active(byLogin.get(r.login.toLowerCase()), EARLIER_TIME) && active(r, REPORT_TIME)).length,
    };
    assert.ok(Object.values(expected).every((n) => n > 0), JSON.stringify(expected));

    const page = await newPage();
    await openApp(page);
    await openReports(page, { name: 'now.csv', mimeType: 'text/csv', buffer: githubCsv(current, REPORT_TIME) });
    await waitForSeats(page, current.length);
    await page.getByLabel('Compare with an earlier report').setInputFiles({ name: 'october.csv', mimeType: 'text/csv', buffer: githubCsv(earlier, EARLIER_TIME) });
    const section = page.getByRole('region', { name: 'Compare' });
    await section.getByRole('heading', { name: /^Changes since 2026-10-20/ }).waitFor();
    for (const [term, n] of Object.entries(expected)) {
      assert.equal(Number((await definition(section, term).innerText()).replace(/,/g, '')), n, term);
      await definition(section, term).getByRole('link').click();
      await eventually(async () => assert.equal(await seatCount(page), n, `${term}: the list shows exactly those seats`));
    }
    await assertNoProblems(page);
  });

  test('a broken file gives an alert naming the file and the line, and nothing is half-loaded', async () => {
    const page = await newPage();
    await openApp(page);
    const broken = Buffer.from('report_time,login,last_activity_at\n2026-11-20T10:00:00Z,a,\n2026-11-20T10:00:00Z,b,,extra\n');
    await openReports(page, { name: 'broken.csv', mimeType: 'text/csv', buffer: broken });
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /broken\.csv/);
    assert.match(await alert.innerText(), /Line 3/);
    assert.equal(await accessList(page).table.count(), 0, 'no list');
    await openReports(page, { name: 'image.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]) });
    await eventually(async () => assert.match(await page.getByRole('alert').innerText(), /image\.png.*not a CSV/s));
    await assertNoProblems(page);
  });
});
