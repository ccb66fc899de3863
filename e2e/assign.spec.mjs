// User story: I give Copilot to people who do not have it. I ask for the members without a seat,
// find the ones I want (search, sort by login), tick them, read exactly what will be sent and
// what it costs, confirm, and the list then shows the seats GitHub created. I can give a whole
// team seats and take them back. Nothing is written without the dialog's confirm (issue 25).

import { describe, test, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  useBrowser, newPage, assertNoProblems, load, accessList, allSeats, eventually, github,
  resetFakehub, requests, connectForm, openApp, cmpCi, seatCount, screenshot,
} from './harness.mjs';

useBrowser();

const ORG = 'acme';

/** Every item of a paged list, straight from fakehub (ground truth). */
async function listAll(path) {
  const items = [];
  for (let p = 1; ; p += 1) {
    const { body } = await github(`${path}?per_page=100&page=${p}`);
    items.push(...body);
    if (body.length < 100) return items;
  }
}

/** The members of `org` without a seat, in login order (case-insensitive), from fakehub. */
async function seatless(org) {
  const held = new Set((await allSeats(org)).map((s) => s.assignee?.login?.toLowerCase()).filter(Boolean));
  return (await listAll(`/orgs/${org}/members`))
    .map((m) => m.login)
    .filter((l) => !held.has(l.toLowerCase()))
    .sort((a, b) => cmpCi(a, b) || (a < b ? -1 : 1));
}

/** fakehub's writes since the last reset. */
async function writes() {
  return (await requests())
    .filter((r) => r.method === 'DELETE' || r.method === 'POST')
    .map((r) => ({ method: r.method, path: r.path, body: r.body, status: r.status }));
}

const section = (page) => page.locator('#members');
const membersTable = (page) => page.getByRole('table', { name: 'Members without a seat', exact: true });
const dialog = (page) => page.getByRole('dialog');
const memberStatus = (page) => section(page).getByRole('status');

async function shownLogins(page) {
  return membersTable(page).locator('tbody tr td:nth-child(2)').allInnerTexts();
}

/** Loads `org` and reads its members; waits for the count. */
async function openMembers(page, org, seats, token) {
  await load(page, org, seats, token ? { token } : {});
  await page.getByRole('button', { name: 'Find members without a seat', exact: true }).click();
  await memberStatus(page).waitFor({ timeout: 20_000 });
}

async function tick(page, login) {
  await section(page).getByLabel('Search members', { exact: true }).fill(login);
  await membersTable(page).getByRole('checkbox', { name: `Select ${login}`, exact: true }).check();
}

beforeEach(resetFakehub);
after(resetFakehub);

describe('As an owner I give seats to members and teams', () => {
  test('the members without a seat are listed exactly, searchable and sorted by login either way', async () => {
    const expected = await seatless(ORG);
    assert.ok(expected.length > 3, 'acme has members without a seat');
    const page = await newPage();
    const seats = (await allSeats(ORG)).length;
    await openMembers(page, ORG, seats);
    assert.equal(await memberStatus(page).innerText(), `${expected.length} members without a seat`);
    assert.deepEqual(await shownLogins(page), expected, 'every member without a seat, ascending by login');
    await membersTable(page).getByRole('button', { name: 'Login' }).click();
    assert.deepEqual(await shownLogins(page), [...expected].reverse(), 'descending');
    assert.equal(await membersTable(page).getByRole('columnheader', { name: 'Login' }).getAttribute('aria-sort'), 'descending');
    const needle = expected[0].slice(0, 4).toUpperCase();
    await section(page).getByLabel('Search members', { exact: true }).fill(needle);
    const found = expected.filter((l) => l.toLowerCase().includes(needle.toLowerCase())).reverse();
    assert.deepEqual(await shownLogins(page), found, 'search is a case-insensitive substring of the login');
    assert.equal(await memberStatus(page).innerText(), `${found.length} member${found.length === 1 ? '' : 's'} without a seat`);
    await assert.doesNotReject(section(page).getByText(/outside collaborators are not members/).waitFor());
    // Reading members sent only GETs, with per_page=100, each page once.
    // (The page's own requests carry an Origin; this test's ground truth from node does not.)
    const asked = (await requests()).filter((r) => r.path === `/orgs/${ORG}/members` && r.headers.origin && r.method !== 'OPTIONS');
    assert.ok(asked.length > 1 && asked.every((r) => r.method === 'GET' && /per_page=100/.test(r.query)), 'paged at 100');
    assert.equal(new Set(asked.map((r) => r.query)).size, asked.length, 'each page once');
    assert.equal((await writes()).length, 0);
    await assertNoProblems(page);
  });

  test('assigning 3 sends exactly their logins in one POST after the confirm; the seats then appear in the list', async () => {
    const chosen = (await seatless(ORG)).slice(0, 3);
    const page = await newPage();
    const seats = (await allSeats(ORG)).length;
    await openMembers(page, ORG, seats);
    for (const l of chosen) await tick(page, l);
    await section(page).getByLabel('Search members', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Assign seats', exact: true }).click();
    const d = dialog(page);
    await d.waitFor();
    // The members' order in GitHub's list is the order sent.
    const order = (await listAll(`/orgs/${ORG}/members`)).map((m) => m.login).filter((l) => chosen.includes(l));
    const body = JSON.stringify({ selected_usernames: order });
    const text = await d.innerText();
    assert.ok(text.includes(`POST /orgs/${ORG}/copilot/billing/selected_users with ${body}`), text);
    assert.match(text, /Seats to assign\s+3/);
    assert.match(text, /Monthly cost added \(estimate\)\s+\$57/);
    assert.match(text, /manage_billing:copilot/);
    await screenshot(page, 'assign-dialog.png');
    assert.equal((await writes()).length, 0, 'nothing is sent before the confirm');
    await d.getByRole('button', { name: 'Assign 3 seats', exact: true }).click();
    await eventually(async () => assert.match(await section(page).locator('.note-box').innerText(),
      /GitHub accepted the assignment of 3 people \(1 request\) and created 3 seats/), { timeout: 20_000 });
    assert.deepEqual(await writes(), [{ method: 'POST', path: `/orgs/${ORG}/copilot/billing/selected_users`, body, status: 201 }]);
    // The list is read again from GitHub: three more seats, each listed, and no longer seatless.
    await eventually(async () => assert.equal(await seatCount(page), seats + 3), { timeout: 30_000 });
    for (const l of chosen) {
      await accessList(page).search.fill(l);
      await eventually(async () => assert.equal(await accessList(page).rows().filter({ hasText: l }).count(), 1));
    }
    await eventually(async () => assert.equal(await memberStatus(page).innerText(), `${(await seatless(ORG)).length} members without a seat`));
    await assertNoProblems(page);
  });

  test('Cancel and Escape send nothing', async () => {
    const [login] = await seatless(ORG);
    const page = await newPage();
    await openMembers(page, ORG, (await allSeats(ORG)).length);
    await tick(page, login);
    const assign = page.getByRole('button', { name: 'Assign seats', exact: true });
    await assign.click();
    await dialog(page).getByRole('button', { name: 'Cancel', exact: true }).click();
    await eventually(async () => assert.equal(await dialog(page).count(), 0));
    await assign.click();
    await dialog(page).waitFor();
    await page.keyboard.press('Escape');
    await eventually(async () => assert.equal(await dialog(page).count(), 0));
    await page.getByRole('button', { name: /^Assign team / }).first().click();
    await page.keyboard.press('Escape');
    await eventually(async () => assert.equal(await dialog(page).count(), 0));
    await page.waitForTimeout(500);
    assert.deepEqual(await writes(), []);
    await assertNoProblems(page);
  });

  test('a team is assigned, then removed: the exact bodies, GitHub\'s counts, and the list follows', async () => {
    const all = await allSeats(ORG);
    const granting = new Set(all.map((s) => s.assigning_team?.slug).filter(Boolean));
    const team = (await listAll(`/orgs/${ORG}/teams`)).find((t) => !granting.has(t.slug));
    assert.ok(team, 'acme has a team that grants no seats');
    const held = new Set(all.map((s) => s.assignee?.login?.toLowerCase()));
    const newcomers = (await listAll(`/orgs/${ORG}/teams/${team.slug}/members`)).filter((m) => !held.has(m.login.toLowerCase()));
    assert.ok(newcomers.length > 0, 'some of its members have no seat');
    const page = await newPage();
    await openMembers(page, ORG, all.length);
    const teams = page.getByRole('table', { name: 'Teams', exact: true });
    await teams.waitFor();
    const body = JSON.stringify({ selected_teams: [team.slug] });

    await teams.getByRole('button', { name: `Assign team ${team.name}`, exact: true }).click();
    let text = await dialog(page).innerText();
    assert.ok(text.includes(`POST /orgs/${ORG}/copilot/billing/selected_teams with ${body}`), text);
    assert.ok(text.includes(`${newcomers.length} of its`), text);
    await dialog(page).getByRole('button', { name: `Assign team ${team.name}`, exact: true }).click();
    await eventually(async () => assert.match(await section(page).locator('.note-box').innerText(),
      new RegExp(`seats_created: ${newcomers.length}\\)`)), { timeout: 20_000 });
    await eventually(async () => assert.equal(await seatCount(page), all.length + newcomers.length), { timeout: 30_000 });
    await eventually(async () => assert.match(await teams.getByRole('row').filter({ hasText: team.name }).innerText(), new RegExp(`\\b${newcomers.length}\\b`)));

    await teams.getByRole('button', { name: `Remove team ${team.name}`, exact: true }).click();
    text = await dialog(page).innerText();
    assert.ok(text.includes(`DELETE /orgs/${ORG}/copilot/billing/selected_teams with ${body}`), text);
    await dialog(page).getByRole('button', { name: `Remove team ${team.name}`, exact: true }).click();
    await eventually(async () => assert.match(await section(page).locator('.note-box').innerText(),
      new RegExp(`seats_cancelled: ${newcomers.length}\\)`)), { timeout: 20_000 });
    assert.deepEqual((await writes()).map((w) => [w.method, w.path, w.body, w.status]), [
      ['POST', `/orgs/${ORG}/copilot/billing/selected_teams`, body, 201],
      ['DELETE', `/orgs/${ORG}/copilot/billing/selected_teams`, body, 200],
    ]);
    // GitHub now lists the team's seats as pending cancellation.
    await eventually(async () => {
      const after = (await allSeats(ORG)).filter((s) => s.assigning_team?.slug === team.slug);
      assert.equal(after.length, newcomers.length);
      assert.ok(after.every((s) => s.pending_cancellation_date), 'pending');
    });
    await assertNoProblems(page);
  });

  test('a read-only token gets the permission message and nothing changes', async () => {
    const [login] = await seatless(ORG);
    const seats = (await allSeats(ORG)).length;
    const page = await newPage();
    await openMembers(page, ORG, seats, 'readonly-token');
    await tick(page, login);
    await page.getByRole('button', { name: 'Assign seats', exact: true }).click();
    await dialog(page).getByRole('button', { name: 'Assign 1 seat', exact: true }).click();
    const alert = section(page).getByRole('alert');
    await alert.waitFor({ timeout: 20_000 });
    const text = await alert.innerText();
    assert.match(text, /GitHub refused to assign seats \(403/);
    assert.match(text, /manage_billing:copilot or admin:org/);
    assert.equal((await allSeats(ORG)).length, seats, 'no seat was created');
    assert.equal((await writes()).length, 1, 'one request, refused; nothing more');
    await assertNoProblems(page, { allowStatuses: [403] });
  });

  test('an organization that gives Copilot to all members: nobody lacks a seat, and a team write gets the 422 explained; nothing more is sent', async () => {
    const org = 'assign-all';
    assert.deepEqual(await seatless(org), [], 'every member has a seat there');
    const page = await newPage();
    await openMembers(page, org, (await allSeats(org)).length);
    assert.equal(await memberStatus(page).innerText(), '0 members without a seat');
    const teams = page.getByRole('table', { name: 'Teams', exact: true });
    await teams.getByRole('button', { name: /^Assign team / }).first().click();
    await dialog(page).getByRole('button', { name: /^Assign team / }).click();
    const alert = section(page).getByRole('alert');
    await alert.waitFor({ timeout: 20_000 });
    assert.match(await alert.innerText(), /GitHub refused to assign the team's seats \(422: .*\)\. When the organization's Copilot policy gives a seat to all members, seats cannot be chosen individually/);
    assert.equal((await writes()).length, 1);
    await assertNoProblems(page, { allowStatuses: [422] });
  });

  test('the demo assigns in the page only, and says so', async () => {
    const page = await newPage();
    await openApp(page);
    await connectForm(page).demo.click();
    await accessList(page).table.waitFor();
    const before = await seatCount(page);
    await page.getByRole('button', { name: 'Find members without a seat', exact: true }).click();
    await memberStatus(page).waitFor();
    const shown = await shownLogins(page);
    for (const l of shown.slice(0, 2)) await membersTable(page).getByRole('checkbox', { name: `Select ${l}`, exact: true }).check();
    await page.getByRole('button', { name: 'Assign seats', exact: true }).click();
    assert.match(await dialog(page).innerText(), /Demo data: the assignment is simulated in this page/);
    await dialog(page).getByRole('button', { name: 'Assign 2 seats', exact: true }).click();
    await eventually(async () => assert.match(await section(page).locator('.note-box').innerText(), /^Simulated \(demo data, nothing was sent to GitHub\): 2 seats created/));
    assert.equal(await seatCount(page), before + 2);
    assert.equal(await memberStatus(page).innerText(), `${shown.length - 2} members without a seat`);
    assert.deepEqual(await requests(), [], 'the demo sends nothing');
    await assertNoProblems(page);
  });
});
