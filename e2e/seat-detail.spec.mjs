// User story: I open one seat to see everything GitHub says about it, read from GitHub's
// per-member endpoint; links to a seat can be shared and reloaded.

import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  useBrowser, newPage, assertNoProblems, load, connect, waitForSeats, accessList, seatCount,
  definition, resetFakehub, requests, allSeats, isoUtc, eventually, screenshot, appUrl,
  GOOD_TOKEN,
} from './harness.mjs';

useBrowser();

const ORG = 'acme';
let seat; // a seat with activity, an editor and a team: every field has something to show

before(async () => {
  const seats = await allSeats(ORG);
  seat = seats.find(
    (s) => s.assignee && s.last_activity_at && s.last_activity_editor?.startsWith('vscode/') &&
      s.assigning_team?.name === 'Engineering' && s.last_authenticated_at,
  );
  assert.ok(seat, 'acme has a fully filled seat');
});

const login = () => seat.assignee.login;
const detail = (page) => page.getByRole('region', { name: `Copilot seat of ${login()}` });

async function openSeatFromList(page) {
  const list = accessList(page);
  await list.search.fill(login());
  await eventually(async () => assert.equal(await seatCount(page), 1));
  await list.table.getByRole('link', { name: login(), exact: true }).click();
}

describe('As an owner I look at one seat in detail', () => {
  test('a login opens its seat, read from GET /orgs/acme/members/<login>/copilot', async () => {
    const page = await newPage();
    await load(page, ORG, 3000);
    await resetFakehub();
    await openSeatFromList(page);

    await eventually(async () => assert.equal(new URL(page.url()).pathname, `/seats/${login()}`));
    const heading = page.getByRole('heading', { level: 2, name: new RegExp(login()) });
    await heading.waitFor();
    const region = detail(page);
    await definition(region, 'Plan').waitFor();
    assert.equal((await definition(region, 'Plan').innerText()).trim(), seat.plan_type);
    assert.match(await definition(region, 'Last activity').innerText(), new RegExp(isoUtc(seat.last_activity_at)));
    assert.match(await definition(region, 'Last authenticated').innerText(), new RegExp(isoUtc(seat.last_authenticated_at)));
    assert.match(await definition(region, 'Assigned').innerText(), new RegExp(isoUtc(seat.created_at)));
    const editor = await definition(region, 'Editor').innerText();
    assert.match(editor, /^VS Code \d/, 'a friendly editor name');
    assert.ok(editor.includes(seat.last_activity_editor), 'and the raw editor string');
    assert.match(await definition(region, 'Assigning team').innerText(), /Engineering/);
    assert.match(await definition(region, 'Pending cancellation').innerText(), /^No$/);

    const log = await requests();
    const member = log.filter((r) => r.method === 'GET' && r.path === `/orgs/${ORG}/members/${login()}/copilot`);
    assert.equal(member.length, 1, 'one member request');
    assert.equal(member[0].headers.authorization, `Bearer ${GOOD_TOKEN}`);
    assert.ok(!log.some((r) => r.path.endsWith('/copilot/billing/seats')), 'the list was not loaded again');

    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'seat-detail.png');
    await assertNoProblems(page);
  });

  test('"← All seats" returns to the list, and browser Back returns to the exact view', async () => {
    const page = await newPage();
    await load(page, ORG, 3000);
    await openSeatFromList(page);
    await definition(detail(page), 'Plan').waitFor();

    await page.goBack();
    await waitForSeats(page, 1);
    assert.equal(new URL(page.url()).searchParams.get('q'), login(), 'Back keeps the search');

    await page.goForward();
    await definition(detail(page), 'Plan').waitFor();
    await page.getByRole('link', { name: /All seats/ }).click();
    await eventually(async () => assert.equal(new URL(page.url()).pathname, '/'));
    await accessList(page).table.waitFor();
    assert.ok((await seatCount(page)) >= 1, 'the list is shown again');
    assert.equal(new URL(page.url()).searchParams.get('org'), ORG);
    await assertNoProblems(page);
  });

  test('a deep link opened without a token says to connect first (not a blank page) and sends nothing', async () => {
    const page = await newPage();
    await resetFakehub();
    await page.goto(appUrl(`seats/${login()}?org=${ORG}`));
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /connect/i);
    assert.match(await alert.innerText(), /token/i);
    await page.getByRole('heading', { name: new RegExp(login()) }).waitFor();
    await alert.getByRole('link', { name: /start page/i }).waitFor();
    assert.deepEqual(await requests(), [], 'nothing was sent without a token');
    await assertNoProblems(page);
  });

  test('with "Remember on this device", reloading a deep link loads the seat', async () => {
    const page = await newPage();
    await connect(page, { org: ORG, remember: true });
    await waitForSeats(page, 3000);
    await openSeatFromList(page);
    await definition(detail(page), 'Plan').waitFor();

    await page.reload();
    await page.getByRole('heading', { name: new RegExp(login()) }).waitFor();
    const plan = definition(detail(page), 'Plan');
    const alert = page.getByRole('alert');
    await plan.or(alert).first().waitFor();
    assert.equal(
      await alert.count(),
      0,
      `no alert after reload, got: ${(await alert.count()) ? await alert.innerText() : ''}`,
    );
    assert.equal((await plan.innerText()).trim(), seat.plan_type);
    await assertNoProblems(page);
  });
});
