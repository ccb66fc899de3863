// User story: I take seats back from the app. I tick seats (one by one, or every seat of a
// filtered view), review exactly what will be sent, confirm, and the list then shows what
// GitHub says; a seat pending cancellation can get its access back. Nothing is ever written
// without the dialog's confirm (issue 13).

import { describe, test, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  useBrowser, newPage, assertNoProblems, load, accessList, allSeats, eventually, github,
  resetFakehub, requests, connectForm, openApp, appUrl, browserRequests, screenshot, networkQuiet,
} from './harness.mjs';

useBrowser();

const ORG = 'acme';
const DAY = 86_400_000;

/** The reclaim rule of DESIGN.md, written again (see reclaim.spec.mjs). */
function reclaimable(seat, now, idle = 60, grace = 30) {
  if (!seat.assignee?.login || seat.pending_cancellation_date) return false;
  if (Date.parse(seat.created_at) > now - grace * DAY) return false;
  const t = seat.last_activity_at ? Date.parse(seat.last_activity_at) : null;
  return t === null || t < now - idle * DAY;
}

/** fakehub's writes since the last reset: `{method, logins, at}` in the order received. */
async function writes() {
  return (await requests())
    .filter((r) => r.method === 'DELETE' || r.method === 'POST')
    .map((r) => ({ method: r.method, path: r.path, logins: JSON.parse(r.body).selected_usernames, at: r.at_ms, token: r.headers.authorization }));
}

function checkbox(page, login) {
  return page.getByRole('checkbox', { name: `Select ${login}`, exact: true });
}

function row(page, login) {
  return accessList(page).rows().filter({ has: page.getByRole('link', { name: login, exact: true }) });
}

async function selectedCount(page) {
  const text = await page.locator('.selected-count').innerText();
  const m = /^([\d,]+) selected$/.exec(text.trim());
  assert.ok(m, `"N selected", got ${JSON.stringify(text)}`);
  return Number(m[1].replace(/,/g, ''));
}

/** Searches for `login` and ticks its row. */
async function tick(page, login) {
  await accessList(page).search.fill(login);
  await checkbox(page, login).check();
}

const removeButton = (page) => page.getByRole('button', { name: 'Remove selected seats', exact: true });
const dialog = (page) => page.getByRole('dialog');

beforeEach(resetFakehub);
after(resetFakehub);

describe('As an owner I remove the seats I selected, and give access back', () => {
  test('three seats plus "Select all" of a filtered view: exactly the sendable logins go, in batches of at most 100, a second apart; the rows then show GitHub\'s date', async () => {
    const seats = await allSeats(ORG);
    const page = await newPage();
    const started = Date.now();
    await load(page, ORG, seats.length);
    const now = started;
    const plain = (s) => s.assignee?.login && !s.pending_cancellation_date && !s.assigning_team;
    // Three seats outside the reclaimable view: one that can go, one already pending, one
    // granted through a team.
    const direct = seats.find((s) => plain(s) && !reclaimable(s, now));
    const pending = seats.find((s) => s.assignee?.login && s.pending_cancellation_date);
    const team = seats.find((s) => s.assignee?.login && s.assigning_team && !s.pending_cancellation_date && !reclaimable(s, now));
    assert.ok(direct && pending && team, 'acme has a direct, a pending and a team-granted seat');
    for (const s of [direct, pending, team]) await tick(page, s.assignee.login);
    assert.equal(await selectedCount(page), 3);

    // The filtered view: searched-out seats stay selected.
    await page.getByRole('link', { name: 'Show reclaimable seats' }).click();
    const view = seats.filter((s) => reclaimable(s, now));
    await eventually(async () => assert.equal(await accessList(page).rows().first().isVisible(), true));
    await page.getByRole('checkbox', { name: 'Select all', exact: true }).check();
    await eventually(async () => assert.equal(await selectedCount(page), view.length + 3));

    const expected = [direct, ...view].filter(plain).map((s) => s.assignee.login);
    const skipped = view.length + 3 - expected.length;
    assert.ok(expected.length > 100, `more than one batch (${expected.length})`);
    await removeButton(page).click();
    const d = dialog(page);
    await d.waitFor();
    const confirm = d.getByRole('button', { name: `Remove ${expected.length.toLocaleString('en-US')} seats`, exact: true });
    await confirm.waitFor();
    const text = await d.innerText();
    assert.match(text, new RegExp(`Not sent: ${skipped}`));
    assert.match(text, /Already pending cancellation \(1\)/);
    assert.match(text, new RegExp(`Granted through team ${team.assigning_team.name}`));
    assert.match(text, /manage_billing:copilot/);
    assert.match(text, new RegExp(`\\$${(expected.length * 19).toLocaleString('en-US')}`), 'the monthly saving at $19 a seat');
    assert.deepEqual(await writes(), [], 'nothing sent before the confirm');
    await screenshot(page, 'remove-dialog.png');

    await confirm.click();
    await eventually(async () => {
      assert.match(await page.getByRole('note').filter({ hasText: 'GitHub accepted' }).innerText(), /GitHub accepted the removal of/);
    }, { timeout: 30_000 });
    const sent = await writes();
    assert.ok(sent.every((w) => w.method === 'DELETE' && w.path === `/orgs/${ORG}/copilot/billing/selected_users`));
    assert.ok(sent.every((w) => w.logins.length <= 100), `batches of at most 100: ${sent.map((w) => w.logins.length)}`);
    assert.equal(sent.length, Math.ceil(expected.length / 100));
    assert.deepEqual(sent.flatMap((w) => w.logins).sort(), [...expected].sort(), 'exactly the sendable logins, each once');
    for (let i = 1; i < sent.length; i++) {
      assert.ok(sent[i].at - sent[i - 1].at >= 1000, `request ${i + 1} came ${sent[i].at - sent[i - 1].at} ms after the previous one`);
    }

    // The list is read again (a full reload for this many): the rows show fakehub's date. The
    // removed seats are no longer reclaimable (pending), so the filtered view loses them.
    await page.getByRole('button', { name: 'Show all seats', exact: true }).click();
    await eventually(async () => {
      const { body } = await github(`/orgs/${ORG}/members/${direct.assignee.login}/copilot`);
      assert.ok(body.pending_cancellation_date, 'fakehub set the date');
      await accessList(page).search.fill(direct.assignee.login);
      assert.equal((await row(page, direct.assignee.login).locator('td').last().innerText()).trim(), body.pending_cancellation_date);
    }, { timeout: 30_000 });
    const { body: teamSeat } = await github(`/orgs/${ORG}/members/${team.assignee.login}/copilot`);
    assert.equal(teamSeat.pending_cancellation_date, null, 'the team-granted seat was not touched');
    await assertNoProblems(page);
  });

  test('a few seats: the rows are read again one by one; Restore access on the seat page clears the date', async () => {
    const seats = await allSeats(ORG);
    const page = await newPage();
    await load(page, ORG, seats.length);
    const picks = seats.filter((s) => s.assignee?.login && !s.pending_cancellation_date && !s.assigning_team).slice(5, 8).map((s) => s.assignee.login);
    for (const login of picks) await tick(page, login);
    await removeButton(page).click();
    await dialog(page).getByRole('button', { name: 'Remove 3 seats', exact: true }).click();
    await eventually(async () => assert.match(await page.getByRole('note').filter({ hasText: 'GitHub accepted' }).innerText(), /set 3 seats to pending cancellation/));
    const sent = await writes();
    assert.equal(sent.length, 1);
    assert.deepEqual(sent[0].logins, picks);
    // Read again one by one: three member GETs after the DELETE, no new seat list pages.
    const log = await requests();
    const after = log.slice(log.findIndex((r) => r.method === 'DELETE') + 1);
    assert.equal(after.filter((r) => r.path.endsWith('/copilot') && r.path.includes('/members/') && r.method === 'GET').length, 3);
    assert.equal(after.filter((r) => r.path.endsWith('/copilot/billing/seats')).length, 0);
    const login = picks[0];
    const { body } = await github(`/orgs/${ORG}/members/${login}/copilot`);
    await accessList(page).search.fill(login);
    assert.equal((await row(page, login).locator('td').last().innerText()).trim(), body.pending_cancellation_date);
    assert.equal(await selectedCount(page), 0, 'the removed seats are no longer selected');

    // Give access back from the seat page: confirm first, then the page shows GitHub's answer.
    await row(page, login).getByRole('link', { name: login, exact: true }).click();
    const restore = page.getByRole('button', { name: 'Restore access', exact: true });
    await restore.click();
    const d = dialog(page);
    assert.match(await d.innerText(), new RegExp(`POST /orgs/${ORG}/copilot/billing/selected_users`));
    await d.getByRole('button', { name: 'Cancel', exact: true }).click();
    assert.equal((await writes()).length, 1, 'Cancel sent nothing');
    await restore.click();
    await d.getByRole('button', { name: 'Give access back', exact: true }).click();
    await eventually(async () => assert.match(await page.getByRole('note').first().innerText(), /GitHub gave .* access back \(seats_created: 1\)/));
    await eventually(async () => assert.equal(await restore.count(), 0, 'no longer pending'));
    const w = await writes();
    assert.equal(w.length, 2);
    assert.deepEqual(w[1], { ...w[1], method: 'POST', logins: [login] });
    const { body: now } = await github(`/orgs/${ORG}/members/${login}/copilot`);
    assert.equal(now.pending_cancellation_date, null);
    assert.match(await page.locator('.fields-list').first().innerText(), /Pending cancellation\s+No/);
    // Back in the list, the row follows GitHub too.
    await page.getByRole('link', { name: '← All seats' }).click();
    await accessList(page).search.fill(login);
    assert.equal((await row(page, login).locator('td').last().innerText()).trim(), '—');
    await assertNoProblems(page);
  });

  test('Cancel and Escape send nothing; the dialog holds the focus', async () => {
    const seats = await allSeats(ORG);
    const page = await newPage();
    await load(page, ORG, seats.length);
    const login = seats.find((s) => s.assignee?.login && !s.assigning_team && !s.pending_cancellation_date).assignee.login;
    await tick(page, login);
    await removeButton(page).click();
    await dialog(page).waitFor();
    assert.equal(await page.evaluate(() => !!document.activeElement?.closest('[role=dialog], dialog')), true, 'focus is inside the dialog');
    await dialog(page).getByRole('button', { name: 'Cancel', exact: true }).click();
    assert.equal(await dialog(page).count(), 0);
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Remove selected seats', 'focus back on the button');
    await removeButton(page).click();
    await dialog(page).waitFor();
    await page.keyboard.press('Escape');
    await eventually(async () => assert.equal(await dialog(page).count(), 0));
    // Space on a row's link ticks its checkbox.
    await accessList(page).search.fill(login);
    await row(page, login).getByRole('link').focus();
    await page.keyboard.press('Space');
    assert.equal(await checkbox(page, login).isChecked(), false, 'Space unticked it');
    await page.keyboard.press('Space');
    assert.equal(await checkbox(page, login).isChecked(), true, 'Space ticked it again');
    // A confirmed removal would be on the wire at once: a second with nothing in flight and
    // nothing new shows none was sent.
    await networkQuiet(page, { quietMs: 1_000 });
    assert.deepEqual(await writes(), [], 'no DELETE, no POST');
    assert.equal(browserRequests(page).filter((r) => r.method === 'DELETE' || r.method === 'POST').length, 0);
    // Another organization loads: the selection goes with the old list.
    assert.equal(await selectedCount(page), 1);
    await accessList(page).search.fill('');
    await load(page, 'octo-examples', 2);
    assert.equal(await selectedCount(page), 0, 'cleared when another organization loads');
    await assertNoProblems(page);
  });

  test('a read-only token gets the permission message and nothing changes', async () => {
    const seats = await allSeats(ORG);
    const page = await newPage();
    await load(page, ORG, seats.length, { token: 'readonly-token' });
    const logins = seats.filter((s) => s.assignee?.login && !s.assigning_team && !s.pending_cancellation_date).slice(0, 2).map((s) => s.assignee.login);
    for (const l of logins) await tick(page, l);
    await removeButton(page).click();
    await dialog(page).getByRole('button', { name: 'Remove 2 seats', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'GitHub refused' });
    await alert.waitFor();
    assert.match(await alert.innerText(), /manage_billing:copilot/);
    assert.match(await alert.innerText(), /Not sent|refused to remove seats/);
    assert.equal((await writes()).length, 1, 'one refused request, nothing else sent');
    for (const l of logins) {
      const { body } = await github(`/orgs/${ORG}/members/${l}/copilot`);
      assert.equal(body.pending_cancellation_date, null);
    }
    assert.equal(await selectedCount(page), 2, 'still selected: nothing was removed');
    await assertNoProblems(page, { allowStatuses: [403] });
  });

  test('an organization whose seats are assigned to all members shows GitHub\'s reason', async () => {
    const seats = await allSeats('assign-all');
    const page = await newPage();
    await load(page, 'assign-all', seats.length);
    const login = seats.find((s) => s.assignee?.login && !s.assigning_team && !s.pending_cancellation_date).assignee.login;
    await tick(page, login);
    await removeButton(page).click();
    await dialog(page).getByRole('button', { name: 'Remove 1 seat', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: '422' });
    await alert.waitFor();
    assert.match(await alert.innerText(), /assign all members/);
    assert.match(await alert.innerText(), /all members/);
    await assertNoProblems(page, { allowStatuses: [422] });
  });

  test('the demo simulates removal and restore in the page and says so; nothing goes to the network', async () => {
    const page = await newPage();
    await openApp(page);
    await connectForm(page).demo.click();
    await eventually(async () => assert.ok((await accessList(page).rows().count()) > 0));
    const rows = accessList(page).rows();
    const first = (await rows.nth(0).getByRole('link').innerText()).trim();
    await tick(page, first);
    await removeButton(page).click();
    assert.match(await dialog(page).innerText(), /simulated/);
    await dialog(page).getByRole('button', { name: 'Remove 1 seat', exact: true }).click();
    const note = page.getByRole('note').filter({ hasText: 'Simulated' });
    await note.waitFor();
    const date = (await row(page, first).locator('td').last().innerText()).trim();
    assert.match(date, /^\d{4}-\d{2}-01$/);
    await row(page, first).getByRole('link', { name: first, exact: true }).click();
    await page.getByRole('button', { name: 'Restore access', exact: true }).click();
    await dialog(page).getByRole('button', { name: 'Give access back', exact: true }).click();
    await page.getByRole('note').filter({ hasText: 'Simulated' }).waitFor();
    assert.equal(browserRequests(page).filter((r) => !r.url.startsWith(appUrl())).length, 0, 'no request left the page');
    await assertNoProblems(page);
  });
});
