// User story: I review who uses their seat. The access list sorts by any column, starts with the
// seats unused longest, searches by login, keeps its view in the URL, scrolls through thousands
// of seats, and the overview's figures lead to the seats they count.

import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  useBrowser, newPage, assertNoProblems, load, connect, connectForm, seatCount, waitForSeats,
  accessList, renderedRows, visibleRows, overview, definition, allSeats, eventually, cmpCi,
  COLUMNS, GOOD_TOKEN,
} from './harness.mjs';

useBrowser();

const ORG = 'acme';
const TOKEN_KEY = 'copilot-seat-review.token';
let truth; // acme's seats from fakehub, in the default order (Last activity ascending)

const activityMs = (s) => (s.last_activity_at ? Date.parse(s.last_activity_at) : -Infinity);
const loginOf = (s) => s.assignee?.login ?? '';

before(async () => {
  const seats = await allSeats(ORG);
  truth = [...seats].sort(
    (a, b) => activityMs(a) - activityMs(b) || cmpCi(loginOf(a), loginOf(b)),
  );
});

/** Scrolls the table so that data row `position` (0-based) is at the top; returns the rows. */
async function scrollToPosition(page, position) {
  const list = accessList(page);
  await list.scroller.evaluate((el, top) => {
    el.scrollTop = top;
  }, position * 40);
  return eventually(async () => {
    const rows = await renderedRows(page);
    assert.ok(rows.some((r) => r.index === position + 2), `row ${position + 2} rendered`);
    return rows;
  });
}

describe('As an owner I review the access list', () => {
  test('every header sorts ascending, then descending, and the URL says so', async () => {
    const page = await newPage();
    await load(page, ORG, 3000);
    const list = accessList(page);
    // Last activity first: it is the default sort (ascending), so its first click flips it.
    const order = [COLUMNS[1], COLUMNS[0], ...COLUMNS.slice(2)];
    for (const [name, key] of order) {
      const first = key === 'last_activity' ? ['descending', 'desc'] : ['ascending', 'asc'];
      const second = key === 'last_activity' ? ['ascending', 'asc'] : ['descending', 'desc'];
      for (const [aria, dir] of [first, second]) {
        await list.sortButton(name).click();
        await eventually(async () => {
          assert.equal(await list.header(name).getAttribute('aria-sort'), aria, `${name} ${aria}`);
          const url = new URL(page.url());
          assert.equal(url.searchParams.get('sort'), key);
          assert.equal(url.searchParams.get('dir'), dir);
        });
        for (const [other] of COLUMNS.filter(([n]) => n !== name)) {
          assert.equal(await list.header(other).getAttribute('aria-sort'), 'none', `${other} while sorting by ${name}`);
        }
      }
    }
    // The rows follow: User descending, then ascending, is ordered case-insensitively.
    for (const dir of ['descending', 'ascending']) {
      for (let i = 0; i < 2; i++) {
        const current = await list.header('User').getAttribute('aria-sort');
        if (current === dir) break;
        await list.sortButton('User').click();
        await eventually(async () => assert.notEqual(await list.header('User').getAttribute('aria-sort'), current));
      }
      assert.equal(await list.header('User').getAttribute('aria-sort'), dir);
      await eventually(async () => {
        const logins = (await renderedRows(page)).map((r) => r.login).filter(Boolean);
        assert.ok(logins.length > 5);
        for (let i = 1; i < logins.length; i++) {
          const c = cmpCi(logins[i - 1], logins[i]);
          assert.ok(dir === 'ascending' ? c <= 0 : c >= 0, `${logins[i - 1]} then ${logins[i]} (${dir})`);
        }
      });
    }
    assert.equal(await seatCount(page), 3000, 'sorting keeps every seat');
    await assertNoProblems(page);
  });

  test('the default view is Last activity ascending: never-used seats first, then oldest activity first', async () => {
    const page = await newPage();
    await load(page, ORG, 3000);
    const list = accessList(page);
    assert.equal(await list.header('Last activity').getAttribute('aria-sort'), 'ascending');
    const missing = truth.filter((s) => !s.last_activity_at).length;
    assert.ok(missing > 0 && missing < 3000, 'acme has seats without activity');

    const top = await renderedRows(page);
    assert.equal(top[0].index, 2, 'the first data row is rendered');
    assert.match(top[0].activityText, /^(Never used|None in 90 days)$/);
    assert.equal(top[0].activity, null);
    assert.equal(top[0].login, loginOf(truth[0]), 'first row: the missing-activity seat first by login');

    // Sample the whole list (and the boundary between missing and present timestamps), merge by
    // row index, and check the order: all missing first, then timestamps non-decreasing.
    const seen = new Map();
    const positions = [0, missing - 3, missing - 1, 500, 1000, 1500, 2000, 2500, 2990];
    for (const p of positions) {
      for (const r of await scrollToPosition(page, Math.max(0, p))) seen.set(r.index, r);
    }
    const merged = [...seen.values()].sort((a, b) => a.index - b.index);
    let lastTime = null;
    for (const r of merged) {
      if (r.activity === null) {
        assert.equal(lastTime, null, `row ${r.index} (${r.login}) has no activity but follows a timestamp`);
        assert.match(r.activityText, /^(Never used|None in 90 days)$/, `row ${r.index}`);
      } else {
        if (lastTime !== null) assert.ok(r.activity >= lastTime, `row ${r.index}: ${r.activity} after ${lastTime}`);
        lastTime = r.activity;
      }
      // And each sampled row is the seat the rule puts there.
      assert.equal(r.login, loginOf(truth[r.index - 2]), `row ${r.index}`);
    }
    assert.equal(seen.get(missing + 1)?.activity, null, 'the last seat without activity');
    assert.notEqual(seen.get(missing + 2)?.activity, null, 'the first seat with activity');
    await assertNoProblems(page);
  });

  test('search filters by login, the count follows, and the URL has q', async () => {
    const page = await newPage();
    await load(page, ORG, 3000);
    const list = accessList(page);
    const expected = truth.filter((s) => loginOf(s).toLowerCase().includes('an')).length;
    await list.search.fill('an');
    await eventually(async () => assert.equal(await seatCount(page), expected));
    assert.ok(expected < 3000);
    assert.equal(new URL(page.url()).searchParams.get('q'), 'an');
    const logins = (await renderedRows(page)).map((r) => r.login);
    assert.ok(logins.length > 0);
    for (const l of logins) assert.match(l, /an/i);
    await list.search.fill('AN');
    await eventually(async () => assert.equal(await seatCount(page), expected, 'case-insensitive'));
    await list.search.fill('');
    await eventually(async () => assert.equal(await seatCount(page), 3000));
    assert.equal(new URL(page.url()).searchParams.has('q'), false, 'an empty search leaves the URL');
    await assertNoProblems(page);
  });

  test('reload keeps sort and search in the URL; the token is not kept unless asked', async () => {
    const page = await newPage();
    await load(page, ORG, 3000);
    const list = accessList(page);
    await list.sortButton('User').click();
    await list.sortButton('User').click();
    await list.search.fill('an');
    const expected = truth.filter((s) => loginOf(s).toLowerCase().includes('an')).length;
    await eventually(async () => assert.equal(await seatCount(page), expected));
    assert.equal(await page.evaluate((k) => sessionStorage.getItem(k), TOKEN_KEY), null, 'not stored');

    await page.reload();
    const form = connectForm(page);
    await form.load.waitFor();
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('sort'), 'user');
    assert.equal(url.searchParams.get('dir'), 'desc');
    assert.equal(url.searchParams.get('q'), 'an');
    assert.equal(await form.org.inputValue(), ORG);
    assert.equal(await form.token.inputValue(), '', 'the token was not remembered');

    await form.token.fill(GOOD_TOKEN);
    await form.load.click();
    await waitForSeats(page, expected);
    assert.equal(await list.header('User').getAttribute('aria-sort'), 'descending');
    assert.equal(await list.search.inputValue(), 'an');
    await assertNoProblems(page);
  });

  test('"Remember on this device" keeps the token in sessionStorage across a reload; "Forget token" removes it', async () => {
    const page = await newPage();
    await connect(page, { org: ORG, remember: true });
    await waitForSeats(page, 3000);
    assert.equal(await page.evaluate((k) => sessionStorage.getItem(k), TOKEN_KEY), GOOD_TOKEN);
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), TOKEN_KEY), null, 'never in localStorage');

    await page.reload();
    const form = connectForm(page);
    await form.load.waitFor();
    assert.equal(await form.token.inputValue(), GOOD_TOKEN, 'pre-filled');
    assert.equal(await form.remember.isChecked(), true);
    await form.load.click();
    await waitForSeats(page, 3000);

    await form.forget.click();
    assert.equal(await form.token.inputValue(), '');
    assert.equal(await page.evaluate((k) => sessionStorage.getItem(k), TOKEN_KEY), null, 'removed');
    await page.reload();
    await form.load.waitFor();
    assert.equal(await form.token.inputValue(), '', 'forgotten for good');
    await assertNoProblems(page);
  });

  test('3000 seats are virtualized: few rows in the DOM, and scrolling to the bottom shows the last ones', async () => {
    const page = await newPage();
    await load(page, ORG, 3000);
    const list = accessList(page);
    const inDom = await list.rows().count();
    assert.ok(inDom > 10 && inDom < 100, `${inDom} rows in the DOM`);
    assert.equal(await list.table.getAttribute('aria-rowcount'), '3001');

    await list.scroller.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await eventually(async () => {
      const visible = await visibleRows(page);
      assert.ok(visible.some((r) => r.index === 3001), 'the last row is on screen');
    });
    const rows = await renderedRows(page);
    const last = rows.find((r) => r.index === 3001);
    assert.equal(last.login, loginOf(truth[2999]), 'the most recently active seat is last');
    assert.ok((await list.rows().count()) < 100, 'still virtualized at the bottom');
    await assertNoProblems(page);
  });

  test('rows sit flush under the header at the top and flush with the bottom at the end', async () => {
    const page = await newPage();
    await load(page, ORG, 3000);
    const list = accessList(page);
    const gap = () =>
      list.table.evaluate((t) => {
        const head = t.querySelector('thead tr').getBoundingClientRect();
        const first = t.querySelector('tbody tr[aria-rowindex]').getBoundingClientRect();
        return first.top - head.bottom;
      });
    const top = await gap();
    await list.scroller.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await eventually(async () => assert.ok((await renderedRows(page)).some((r) => r.index === 3001)));
    const below = await list.scroller.evaluate((el) => {
      const rows = el.querySelectorAll('tbody tr[aria-rowindex]');
      const last = rows[rows.length - 1].getBoundingClientRect();
      return el.getBoundingClientRect().bottom - el.clientTop - last.bottom;
    });
    // A scrollbar or border may take a few pixels; a blank spacer row would be ~40.
    assert.ok(
      Math.abs(top) <= 1 && below < 20,
      `the first row starts ${top} px below the header; ${below} px blank under the last row`,
    );
    await assertNoProblems(page);
  });

  test('the overview’s "No activity in 30 days" leads to exactly those seats', async () => {
    const page = await newPage();
    await load(page, ORG, 3000);
    const link = definition(overview(page), 'No activity in 30 days').getByRole('link');
    await link.waitFor();
    const n = Number((await link.innerText()).replace(/,/g, ''));
    assert.ok(n > 0 && n < 3000, `a real subset: ${n}`);
    await link.click();
    await eventually(async () => assert.equal(await seatCount(page), n));
    assert.equal(new URL(page.url()).searchParams.get('filter'), 'idle-30');
    const cutoff = Date.now() - 30 * 86_400_000 + 60_000;
    for (const r of await renderedRows(page)) {
      assert.ok(r.activity === null || Date.parse(r.activity) < cutoff, `${r.login} idle for 30 days (${r.activity})`);
    }
    await page.getByRole('button', { name: 'Show all seats', exact: true }).click();
    await eventually(async () => assert.equal(await seatCount(page), 3000));
    await assertNoProblems(page);
  });
});
