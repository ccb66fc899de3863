// User story: a person clicks around in any order — sorts, searches, opens seats, goes Back and
// Forward, resizes, reloads, forgets the token, loads again in the middle of a load — and the
// app never dies. A seeded random walk of 320 actions, three seeds a run; a failure prints its
// seed and the steps so far, and `WALK_SEEDS=1234 ./dev test e2e e2e/walk.spec.mjs` replays it. With `CI`
// set (as `.ci/run` does) the seeds are fixed, so CI is reproducible.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useBrowser, newPage, assertNoProblems, pageProblems, openApp, connectForm, accessList,
  overview, fatalAlert, API_URL, GOOD_TOKEN, resetFakehub, requests,
} from './harness.mjs';

useBrowser();

const STEPS = Number(process.env.WALK_STEPS ?? 320);
const SEEDS = (process.env.WALK_SEEDS ?? '')
  .split(',')
  .filter(Boolean)
  .map(Number);
/** CI walks the same three seeds every run (reproducible); local runs walk new ones. */
const CI_SEEDS = [20261207, 424242, 1_000_003];
if (SEEDS.length === 0 && process.env.CI) SEEDS.push(...CI_SEEDS);
if (SEEDS.length === 0) {
  const base = Date.now() % 1_000_000_007;
  SEEDS.push(base, (base * 7 + 13) % 1_000_000_007, (base * 31 + 101) % 1_000_000_007);
}
console.log(`# walk seeds ${SEEDS.join(',')} (${process.env.WALK_SEEDS ? 'WALK_SEEDS' : process.env.CI ? 'fixed: CI is set' : 'random'}); replay one with WALK_SEEDS=N ./dev test e2e e2e/walk.spec.mjs`);

/** mulberry32: a small, well-known seeded generator; the same seed gives the same walk. */
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
  };
}

const ORGS = ['acme', 'slow', 'big-20000', 'octo-examples', 'empty', 'overspend'];
const ENTERPRISES = ['acme-enterprise', 'big-enterprise', 'octo-enterprise'];
const COLUMNS = ['User', 'Organization', 'Last activity', 'Last authenticated', 'Editor', 'Team', 'Assigned', 'Plan', 'Pending cancellation'];
// Alerts that only a bug produces on these healthy organizations.
const BAD_ALERT = /internal error|Incomplete|not what GitHub sends|did not complete|server error|seat list holds/i;
const QUICK = { timeout: 1_500 };

async function visible(locator) {
  return (await locator.count()) > 0 && (await locator.first().isVisible());
}

/** The actions a person takes; each returns a short description, or null when it did not apply. */
const ACTIONS = [
  [6, 'sort', async (page, r) => {
    const list = accessList(page);
    const name = r.pick(COLUMNS);
    if (!(await visible(list.sortButton(name)))) return null;
    await list.sortButton(name).click(QUICK);
    return `sort ${name}`;
  }],
  [5, 'search', async (page, r) => {
    const list = accessList(page);
    if (!(await visible(list.search))) return null;
    const text = r.pick(['', 'a', 'an', 'e', 'x', 'zz', 'user', '-', 'Ä']);
    await list.search.fill(text, QUICK);
    return `search "${text}"`;
  }],
  [3, 'filter', async (page, r) => {
    const links = overview(page).getByRole('link');
    const n = await links.count();
    if (n === 0) return null;
    const k = r.int(n);
    const text = await links.nth(k).innerText(QUICK);
    await links.nth(k).click(QUICK);
    return `overview link #${k} (${text})`;
  }],
  [1, 'show all', async (page) => {
    const b = page.getByRole('button', { name: 'Show all seats' });
    if (!(await visible(b))) return null;
    await b.click(QUICK);
    return 'show all seats';
  }],
  [4, 'open seat', async (page, r) => {
    const links = accessList(page).rows().getByRole('link');
    const n = await links.count();
    if (n === 0) return null;
    const k = r.int(Math.min(n, 12));
    await links.nth(k).click(QUICK);
    return `open seat #${k}`;
  }],
  [3, 'back', async (page) => {
    await page.goBack({ timeout: 3_000 }).catch(() => {});
    return 'back';
  }],
  [2, 'forward', async (page) => {
    await page.goForward({ timeout: 3_000 }).catch(() => {});
    return 'forward';
  }],
  [4, 'resize', async (page, r) => {
    const width = r.pick([360, 390, 600, 768, 1024, 1280, 1600]);
    const height = r.pick([640, 800, 900]);
    await page.setViewportSize({ width, height });
    return `resize ${width}×${height}`;
  }],
  [4, 'scroll', async (page, r) => {
    const scroller = accessList(page).scroller;
    if ((await scroller.count()) === 0) return null;
    const f = r.next();
    await scroller.evaluate((el, f) => { el.scrollTop = f * el.scrollHeight; }, f);
    return `scroll to ${Math.round(f * 100)}%`;
  }],
  [1, 'reload', async (page) => {
    await page.reload();
    return 'reload';
  }],
  [2, 'forget', async (page) => {
    const b = connectForm(page).forget;
    if (!(await visible(b))) return null;
    await b.click(QUICK);
    return 'forget token';
  }],
  [1, 'account type', async (page, r) => {
    const select = page.getByLabel('Account type', { exact: true });
    if (!(await visible(select))) return null;
    const value = r.pick(['org', 'enterprise']);
    await select.selectOption(value, QUICK);
    return `account type ${value}`;
  }],
  [3, 'load', async (page, r) => {
    const form = connectForm(page);
    const select = page.getByLabel('Account type', { exact: true });
    // A third of the loads are enterprises (the account type is also switched on its own).
    if (await visible(select)) await select.selectOption(r.int(3) === 0 ? 'enterprise' : 'org', QUICK);
    const enterprise = page.getByLabel('Enterprise', { exact: true });
    const asEnterprise = await visible(enterprise);
    if (!asEnterprise && !(await visible(form.org))) return null;
    const org = asEnterprise ? r.pick(ENTERPRISES) : r.pick(ORGS);
    await (asEnterprise ? enterprise : form.org).fill(org, QUICK);
    await form.token.fill(GOOD_TOKEN, QUICK);
    await form.api.fill(API_URL, QUICK);
    if (await form.load.isDisabled()) return `load ${org} (button busy)`;
    await form.load.click(QUICK);
    return `load ${asEnterprise ? 'enterprise ' : ''}${org}`;
  }],
  [2, 'demo', async (page) => {
    const b = connectForm(page).demo;
    if (!(await visible(b))) return null;
    await b.click(QUICK);
    return 'try demo data';
  }],
  [1, 'csv', async (page) => {
    const b = accessList(page).download;
    if (!(await visible(b)) || (await b.isDisabled())) return null;
    await b.click(QUICK);
    return 'download CSV';
  }],
  [2, 'threshold', async (page, r) => {
    const name = r.pick(['Idle for at least (days)', 'Grace period for new seats (days)']);
    const input = page.getByLabel(name, { exact: true });
    if (!(await visible(input))) return null;
    const value = r.pick(['0', '1', '7', '30', '60', '90', '365', '', '9999']);
    await input.fill(value, QUICK);
    return `${name.split(' ')[0].toLowerCase()} = "${value}"`;
  }],
  [2, 'chart bar', async (page, r) => {
    const bars = page.locator('figure.chart svg g.bar');
    const n = await bars.count();
    if (n === 0) return null;
    const k = r.int(n);
    await bars.nth(k).click(QUICK);
    return `chart bar #${k}`;
  }],
  [1, 'show reclaimable', async (page) => {
    const link = page.getByRole('link', { name: 'Show reclaimable seats' });
    if (!(await visible(link))) return null;
    await link.click(QUICK);
    return 'show reclaimable seats';
  }],
  [1, 'home', async (page) => {
    await openApp(page);
    return 'open the start page';
  }],
  [3, 'tick', async (page, r) => {
    const boxes = accessList(page).rows().getByRole('checkbox');
    const n = await boxes.count();
    if (n === 0) return null;
    const k = r.int(Math.min(n, 12));
    await boxes.nth(k).click(QUICK);
    return `tick row #${k}`;
  }],
  [1, 'select all', async (page) => {
    const box = accessList(page).table.getByRole('checkbox', { name: 'Select all', exact: true });
    if (!(await visible(box))) return null;
    await box.click(QUICK);
    return 'select all';
  }],
  // Opens the confirmation and leaves it without confirming (Cancel, Escape, or a click on
  // Back); only the demo's simulated removal is confirmed. No write may reach fakehub.
  [2, 'remove dialog', async (page, r) => {
    const button = page.getByRole('button', { name: 'Remove selected seats', exact: true });
    if (!(await visible(button)) || !(await button.isEnabled())) return null;
    await button.click(QUICK);
    const dialog = page.getByRole('dialog');
    await dialog.waitFor(QUICK);
    const demo = /simulated/.test(await dialog.innerText());
    const how = r.pick(demo ? ['cancel', 'escape', 'back', 'confirm'] : ['cancel', 'escape', 'back']);
    if (how === 'cancel') await dialog.getByRole('button', { name: 'Cancel', exact: true }).click(QUICK);
    else if (how === 'escape') await page.keyboard.press('Escape');
    else if (how === 'back') await page.goBack({ timeout: 3_000 }).catch(() => {});
    else await dialog.getByRole('button', { name: /^Remove [\d,]+ seats?$/ }).click(QUICK);
    return `remove dialog, ${how}`;
  }],
  [3, 'members', async (page) => {
    const b = page.getByRole('button', { name: /^(Find members without a seat|Read members again)$/ });
    if (!(await visible(b))) return null;
    await b.click(QUICK);
    return 'find members without a seat';
  }],
  [3, 'tick member', async (page, r) => {
    const table = page.getByRole('table', { name: 'Members without a seat', exact: true });
    const boxes = table.getByRole('checkbox');
    const n = await boxes.count();
    if (n === 0) return null;
    const k = r.int(Math.min(n, 12));
    await boxes.nth(k).click(QUICK);
    return k === 0 ? 'tick every member (Select all)' : `tick member #${k}`;
  }],
  [2, 'member search', async (page, r) => {
    const input = page.getByLabel('Search members', { exact: true });
    if (!(await visible(input))) return null;
    const text = r.pick(['', 'a', 'li', 'zz', '1']);
    await input.fill(text, QUICK);
    return `member search "${text}"`;
  }],
  [1, 'member sort', async (page) => {
    const b = page.getByRole('table', { name: 'Members without a seat', exact: true }).getByRole('button', { name: 'Login' });
    if (!(await visible(b))) return null;
    await b.click(QUICK);
    return 'sort members by login';
  }],
  // Assigning seats (members or a team): as with removal, only the demo's is confirmed.
  [4, 'assign dialog', async (page, r) => {
    const buttons = page.getByRole('button', { name: /^(Assign seats|Assign team .+|Remove team .+)$/ });
    const n = await buttons.count();
    if (n === 0) return null;
    const button = buttons.nth(r.int(Math.min(n, 6)));
    if (!(await button.isVisible()) || !(await button.isEnabled())) return null;
    const name = await button.innerText(QUICK);
    await button.click(QUICK);
    const dialog = page.getByRole('dialog');
    await dialog.waitFor(QUICK);
    const demo = /simulated/.test(await dialog.innerText());
    const how = r.pick(demo ? ['cancel', 'escape', 'back', 'confirm'] : ['cancel', 'escape', 'back']);
    if (how === 'cancel') await dialog.getByRole('button', { name: 'Cancel', exact: true }).click(QUICK);
    else if (how === 'escape') await page.keyboard.press('Escape');
    else if (how === 'back') await page.goBack({ timeout: 3_000 }).catch(() => {});
    else await dialog.getByRole('button', { name: /^(Assign [\d,]+ seats?|Assign team .+|Remove team .+)$/ }).click(QUICK);
    return `${name} dialog, ${how}`;
  }],
  [1, 'restore dialog', async (page, r) => {
    const button = page.getByRole('button', { name: 'Restore access', exact: true });
    if (!(await visible(button))) return null;
    await button.click(QUICK);
    const dialog = page.getByRole('dialog');
    await dialog.waitFor(QUICK);
    if (r.int(2) === 0) await page.keyboard.press('Escape');
    else await dialog.getByRole('button', { name: 'Cancel', exact: true }).click(QUICK);
    return 'restore dialog, cancelled';
  }],
];
const TOTAL_WEIGHT = ACTIONS.reduce((s, [w]) => s + w, 0);

function choose(r) {
  let x = r.next() * TOTAL_WEIGHT;
  for (const [w, , act] of ACTIONS) {
    if ((x -= w) < 0) return act;
  }
  return ACTIONS[0][2];
}

describe('As a person I click around in any order and the app keeps working', () => {
  for (const seed of SEEDS) {
    test(`random walk, seed ${seed}`, async (t) => {
      const page = await newPage();
      const r = rng(seed);
      const steps = [];
      const fail = (why) => assert.fail(`${why}\nseed ${seed}; replay with WALK_SEEDS=${seed} ./dev test e2e e2e/walk.spec.mjs\nlast steps:\n  ${steps.slice(-15).join('\n  ')}`);
      const started = Date.now();
      await resetFakehub();
      await openApp(page);
      let done = 0;
      while (done < STEPS) {
        let what;
        try {
          what = await choose(r)(page, r);
        } catch (e) {
          // An element went away between finding and clicking it: the walk goes on, as a
          // person would; only the app's own failures count.
          what = `(skipped: ${String(e.message).split('\n')[0].slice(0, 80)})`;
        }
        if (what === null) continue;
        steps.push(what);
        done += 1;
        await page.waitForTimeout(r.int(120));
        if ((await fatalAlert(page).count()) > 0) fail('the app hit an internal error');
        const alerts = await page.getByRole('alert').allInnerTexts().catch(() => []);
        const bad = alerts.find((a) => BAD_ALERT.test(a));
        if (bad) fail(`unexpected alert: ${bad}`);
        if (pageProblems(page).length > 0) fail(`console: ${pageProblems(page).join(' | ')}`);
      }
      // Nothing was written to GitHub: every dialog was left without confirming.
      const writes = (await requests()).filter((q) => q.method === 'DELETE' || q.method === 'POST');
      if (writes.length > 0) fail(`a write reached fakehub without a confirm: ${JSON.stringify(writes[0])}`);
      // Still alive at the end: the demo loads.
      await openApp(page);
      await connectForm(page).demo.click();
      await accessList(page).table.waitFor();
      t.diagnostic(`metric walk_seed_${seed}=${Date.now() - started} ms for ${STEPS} actions`);
      const skipped = steps.filter((s) => s.startsWith('(skipped')).length;
      const kinds = {};
      for (const s of steps) kinds[s.split(' ')[0]] = (kinds[s.split(' ')[0]] ?? 0) + 1;
      console.log(`# walk seed ${seed}: ${STEPS} actions in ${((Date.now() - started) / 1000).toFixed(1)} s, ${skipped} skipped (an element moved away); ${JSON.stringify(kinds)}`);
      await assertNoProblems(page);
    });
  }
});
