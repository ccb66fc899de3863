// User story: I download the activity report of what I am looking at, in GitHub's column order,
// safe to open in a spreadsheet, with the same data GitHub serves.

import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  useBrowser, newPage, assertNoProblems, load, accessList, seatCount, renderedRows, eventually,
  allSeats, github, isoUtc, cmpCi, parseCsv,
} from './harness.mjs';

useBrowser();

const ORG = 'acme';
const HEADER = 'report_time,login,last_authenticated_at,last_activity_at,last_surface_used,last_activity_editor,plan_type,assigning_team,created_at,pending_cancellation_date';
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const DATE = /^\d{4}-\d\d-\d\d$/;
const FORMULA_START = /^[=+\-@\t\r]/;


/** What the report writes for untrusted text: a leading `'` when a spreadsheet would run it. */
const neutralize = (s) => (FORMULA_START.test(s) ? `'${s}` : s);

async function downloadCsv(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), accessList(page).download.click()]);
  const text = readFileSync(await download.path(), 'utf8');
  return { name: download.suggestedFilename(), text, records: parseCsv(text) };
}

let seats;
const loginOf = (s) => s.assignee?.login ?? '';
before(async () => {
  seats = await allSeats(ORG);
});

describe('As an owner I download the activity report CSV of the current view', () => {
  test('sorted by User and searched: the view’s rows, in its order, well-formed and safe', async () => {
    const page = await newPage();
    await load(page, ORG, 3000);
    const list = accessList(page);
    await list.sortButton('User').click();
    await eventually(async () => assert.equal(await list.header('User').getAttribute('aria-sort'), 'ascending'));
    await list.search.fill('an');
    const inView = seats.filter((s) => loginOf(s).toLowerCase().includes('an'));
    await eventually(async () => assert.equal(await seatCount(page), inView.length));
    const shown = (await renderedRows(page)).map((r) => r.login);

    const started = Date.now();
    const { name, text, records } = await downloadCsv(page);
    assert.match(name, /^copilot-activity-report-acme-\d{8}T\d{6}Z\.csv$/);
    assert.equal(text.split(/\r?\n/)[0], HEADER, 'the header row, exactly');
    const [header, ...rows] = records;
    assert.equal(header.join(','), HEADER);
    for (const r of rows) assert.equal(r.length, 10, `10 cells: ${JSON.stringify(r)}`);
    assert.equal(rows.length, await seatCount(page), 'one row per seat in the view');

    // Order: the view's order, which is User ascending, case-insensitively.
    const logins = rows.map((r) => r[1]);
    assert.deepEqual(logins.slice(0, shown.length), shown, 'starts like the table');
    for (let i = 1; i < logins.length; i++) {
      assert.ok(cmpCi(logins[i - 1], logins[i]) <= 0, `${logins[i - 1]} before ${logins[i]}`);
    }
    assert.deepEqual([...logins].sort(), inView.map(loginOf).sort(), 'exactly the searched seats');

    // Formats and safety.
    const reportTimes = new Set(rows.map((r) => r[0]));
    assert.equal(reportTimes.size, 1, 'one report_time');
    const [reportTime] = reportTimes;
    assert.match(reportTime, TIMESTAMP);
    assert.equal(name.slice(-20, -4), reportTime.replace(/[-:]/g, ''), 'the file is named after report_time');
    assert.ok(Math.abs(Date.parse(reportTime) - started) < 5 * 60_000, 'report_time is now');
    for (const r of rows) {
      for (const k of [2, 3, 8]) assert.ok(r[k] === '' || TIMESTAMP.test(r[k]), `${HEADER.split(',')[k]}: ${r[k]}`);
      assert.ok(r[8] !== '', 'created_at is always known');
      assert.ok(r[9] === '' || DATE.test(r[9]), `pending_cancellation_date: ${r[9]}`);
      for (const cell of r) assert.doesNotMatch(cell, FORMULA_START, `cell ${JSON.stringify(cell)} would run as a formula`);
    }

    // Sample rows against GitHub's per-member endpoint: first, middle, last, and any hostile team.
    const risky = new Set(inView.filter((s) => FORMULA_START.test(s.assigning_team?.name ?? '')).map(loginOf));
    const hostile = rows.filter((r) => risky.has(r[1])).slice(0, 3);
    assert.ok(hostile.length > 0, 'the view has seats whose team name would run as a formula');
    const sample = [rows[0], rows[Math.floor(rows.length / 2)], rows[rows.length - 1], ...hostile];
    for (const r of sample) {
      const { body: s } = await github(`/orgs/${ORG}/members/${r[1]}/copilot`);
      const at = `row of ${r[1]}`;
      assert.equal(r[1], s.assignee.login, at);
      assert.equal(r[2], isoUtc(s.last_authenticated_at), `${at}: last_authenticated_at`);
      assert.equal(r[3], isoUtc(s.last_activity_at), `${at}: last_activity_at`);
      assert.equal(r[5], neutralize(s.last_activity_editor ?? ''), `${at}: last_activity_editor`);
      if (!s.last_activity_editor) assert.equal(r[4], 'Unspecified', `${at}: last_surface_used`);
      const vscode = /^vscode\/([\d.]+)\//.exec(s.last_activity_editor ?? '');
      if (vscode) assert.equal(r[4], `VS Code ${vscode[1]}`, `${at}: last_surface_used`);
      assert.equal(r[6], neutralize(s.plan_type ?? ''), `${at}: plan_type`);
      assert.equal(r[7], neutralize(s.assigning_team?.name ?? s.assigning_team?.slug ?? ''), `${at}: assigning_team`);
      assert.equal(r[8], isoUtc(s.created_at), `${at}: created_at`);
      assert.equal(r[9], s.pending_cancellation_date ?? '', `${at}: pending_cancellation_date`);
    }
    await assertNoProblems(page);
  });

  test('the whole list: 3000 rows in the default order, the seat without a user included', async () => {
    const page = await newPage();
    await load(page, ORG, 3000);
    const { records } = await downloadCsv(page);
    const [header, ...rows] = records;
    assert.equal(header.join(','), HEADER);
    assert.equal(rows.length, 3000);
    const noUser = rows.filter((r) => r[1] === '');
    assert.equal(noUser.length, seats.filter((s) => !s.assignee).length, 'the null-assignee seat, with an empty login');
    assert.equal(noUser.length, 1);

    // Last activity ascending: missing first, ties by login.
    const ms = (s) => (s.last_activity_at ? Date.parse(s.last_activity_at) : -Infinity);
    const expected = [...seats].sort((a, b) => ms(a) - ms(b) || cmpCi(loginOf(a), loginOf(b))).map(loginOf);
    assert.deepEqual(rows.map((r) => r[1]), expected);
    await assertNoProblems(page);
  });
});
