// Browser benchmark: the release app in headless Chromium against fakehub, for 1,000, 10,000
// and 100,000 seats at 0 ms and 50 ms latency (issue 17's table), beside two references (the
// floor a perfect client could reach, and the naive client: pages of 50, one at a time). Run by `./dev bench`,
// which starts fakehub and passes API_URL / APP_URL. Writes bench/results.json,
// bench/results.md and the README's performance section.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { cpus } from 'node:os';

const require = createRequire(new URL('../tools/', import.meta.url));
const { chromium } = require('playwright-core');
const API = process.env.API_URL;
const APP = process.env.APP_URL;
if (!API || !APP) throw new Error('API_URL and APP_URL must be set (run ./dev bench)');
const RUNS = Number(process.env.BENCH_RUNS || 3);
const SIZES = (process.env.BENCH_SIZES || '1000,10000,100000').split(',').map(Number);
const LATENCIES = (process.env.BENCH_LATENCIES || '0,50').split(',').map(Number);
// The floor's concurrency: the connections Chromium opens to one host over HTTP/1.1 (the app
// keeps 8 requests under way, so that none of the 6 waits for the page; fakehub speaks
// HTTP/1.1).
const CONNECTIONS = 6;
/** Issue 17's floor: ⌈pages ÷ connections⌉ round trips of a CORS preflight and a GET. */
const floorOf = (seats, latency) => Math.ceil(Math.ceil(seats / 100) / CONNECTIONS) * 2 * latency;

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const spread = (xs) => [Math.min(...xs), Math.max(...xs)];

async function setLatency(ms) {
  const r = await fetch(`${API}/_fakehub/latency?ms=${ms}`, { method: 'PUT' });
  if (!r.ok) throw new Error(`fakehub latency: ${r.status}`);
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});

/** Fills the connect form for `org` (an enterprise's slug with `enterprise`) against fakehub. */
async function fillConnect(page, org, { enterprise = false } = {}) {
  if (enterprise) await page.getByLabel('Account type').selectOption('enterprise');
  await page.locator('#connect-org').fill(org);
  await page.getByLabel('Token', { exact: true }).fill('good-token');
  await page.getByLabel('API URL').fill(API);
}

/** Presses Load and waits until all `seats` are listed and the load has ended. */
async function loadAndWait(page, seats) {
  await page.evaluate(async (total) => {
    document.querySelector('form.connect button[type=submit]').click();
    // A frame first, so that the status of a load before this one does not count.
    await new Promise((r) => requestAnimationFrame(r));
    for (;;) {
      await new Promise((r) => requestAnimationFrame(r));
      const status = document.querySelector('[role=status]')?.textContent;
      if (status?.replace(/,/g, '') === `${total} seats` && !document.querySelector('progress')) return;
    }
  }, seats);
}

/**
 * One load of `org` (an enterprise's slug with `enterprise`), timed in the page. Pacing is off
 * (`points_per_minute=0`) unless `query` says otherwise: these rows measure the page's own
 * speed; the pacing run measures the pace.
 */
async function loadOnce(org, seats, { naive = false, interactions = false, enterprise = false, query = null } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; });
    const create = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (blob) => { window.__blobAt = performance.now(); return create(blob); };
  });
  query ??= naive ? '?per_page=50&concurrency=1&points_per_minute=0' : '?points_per_minute=0';
  await page.goto(`${APP}${query}`);
  await fillConnect(page, org, { enterprise });
  // Timed inside the page: click → first row / all rows, polled every animation frame.
  const result = await page.evaluate(async (total) => {
    // Long tasks (≥ 50 ms) on the main thread while the list loads: the page must stay
    // responsive (issue 17 asks ≤ 100 ms after the first rows).
    const long = [];
    const observer = new PerformanceObserver((list) => long.push(...list.getEntries()));
    observer.observe({ type: 'longtask' });
    const t0 = performance.now();
    document.querySelector('form.connect button[type=submit]').click();
    let first = null;
    for (;;) {
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      if (first === null && document.querySelector('tbody tr[aria-rowindex]')) first = now - t0;
      const status = document.querySelector('[role=status]')?.textContent;
      if (status?.replace(/,/g, "") === `${total} seats` && !document.querySelector("progress")) {
        observer.takeRecords().forEach((e) => long.push(e));
        observer.disconnect();
        const after = long.filter((e) => e.startTime >= t0 + (first ?? 0));
        return { first, all: now - t0, longest: Math.max(0, ...after.map((e) => e.duration)), longTasks: after.length };
      }
      if (document.querySelector('[role=alert]')) return { error: document.querySelector('[role=alert]').textContent };
      if (now - t0 > 600000) return { error: 'timeout' };
    }
  }, seats);
  if (result.error) throw new Error(`${org}: ${result.error}`);
  if (interactions) {
    // Re-sort on the slowest column (Editor: text keys), click → rows updated on screen.
    result.sort = await page.evaluate(async () => {
      const button = [...document.querySelectorAll('th button')].find((b) => b.textContent.startsWith('Editor'));
      const t0 = performance.now();
      button.click();
      // aria-sort and the rows are render effects of the same signal: once the header says
      // "ascending", the frame it is painted in carries the new rows.
      for (;;) {
        await new Promise((r) => requestAnimationFrame(r));
        if (button.closest('th').getAttribute('aria-sort') === 'ascending') return performance.now() - t0;
        if (performance.now() - t0 > 10000) return NaN;
      }
    });
    // One search keystroke, input → count updated.
    result.search = await page.evaluate(async () => {
      const input = document.getElementById('seat-search');
      const status = document.querySelector('[role=status]');
      const before = status.textContent;
      const t0 = performance.now();
      input.value = 'a';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      for (;;) {
        await new Promise((r) => requestAnimationFrame(r));
        if (status.textContent !== before) return performance.now() - t0;
        if (performance.now() - t0 > 10000) return NaN;
      }
    });
    // A reclaim threshold change, input → "Reclaimable seats" figure updated (issue 12).
    result.threshold = await page.evaluate(async () => {
      const input = document.getElementById('reclaim-idle');
      const figure = [...document.querySelectorAll('.reclaim dt')].find((d) => d.textContent === 'Reclaimable seats')?.nextElementSibling;
      if (!input || !figure) return NaN;
      const before = figure.textContent;
      const t0 = performance.now();
      input.value = '20';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      for (;;) {
        await new Promise((r) => requestAnimationFrame(r));
        if (figure.textContent !== before) return performance.now() - t0;
        if (performance.now() - t0 > 10000) return NaN;
      }
    });
    // Clear the search again so the CSV covers the whole list.
    await page.evaluate(async () => {
      const input = document.getElementById('seat-search');
      input.value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => requestAnimationFrame(r));
    });
    const download = page.waitForEvent('download');
    result.csv = await page.evaluate(async () => {
      window.__blobAt = null;
      const t0 = performance.now();
      [...document.querySelectorAll('button')].find((b) => b.textContent === 'Download CSV').click();
      while (window.__blobAt === null) await new Promise((r) => setTimeout(r, 1));
      return window.__blobAt - t0;
    });
    await download;
    const memory = await page.evaluate(() => {
      if (window.gc) window.gc();
      return { js: performance.memory.usedJSHeapSize, wasm: window.__wasm?.memory?.buffer?.byteLength ?? 0 };
    });
    result.memoryMB = (memory.js + memory.wasm) / 1e6;
    result.jsMB = memory.js / 1e6;
    result.wasmMB = memory.wasm / 1e6;
  }
  await context.close();
  return result;
}

/** A 100,000-row report in this app's format (`shift` moves the logins, `time` its report time). */
function reportCsv(rows, time, shift) {
  const lines = ['report_time,login,last_authenticated_at,last_activity_at,last_surface_used,last_activity_editor,plan_type,assigning_team,created_at,pending_cancellation_date'];
  const t = Date.parse(time);
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
  for (let i = 0; i < rows; i++) {
    const n = i + shift;
    const activity = n % 5 === 0 ? '' : iso(t - ((n * 7919) % 120) * 86_400_000);
    lines.push(`${iso(t)},user-${n},${iso(t - 86_400_000)},${activity},VS Code 1.90.0,vscode/1.90.0/copilot/1.200.0,business,${n % 7 === 0 ? 'Platform' : ''},${iso(t - 400 * 86_400_000)},`);
  }
  return Buffer.from(lines.join('\n') + '\n');
}

/** Opens a 100,000-row report (change → every row listed) and compares it with another. */
async function reportsOnce() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(APP);
  await page.getByLabel('Open a report').waitFor();
  const watch = (id) => page.evaluate((id) => {
    window.__changedAt = null;
    document.getElementById(id).addEventListener('change', () => { window.__changedAt = performance.now(); }, { capture: true, once: true });
  }, id);
  await watch('open-report');
  await page.getByLabel('Open a report').setInputFiles({ name: 'now.csv', mimeType: 'text/csv', buffer: reportCsv(100000, '2026-11-20T10:00:00Z', 0) });
  const open = await page.evaluate(async () => {
    for (;;) {
      await new Promise((r) => requestAnimationFrame(r));
      const status = document.querySelector('[role=status]')?.textContent;
      if (window.__changedAt !== null && status === '100,000 seats' && document.querySelector('tbody tr[aria-rowindex]')) return performance.now() - window.__changedAt;
      if (document.querySelector('[role=alert]')) return NaN;
    }
  });
  await page.getByLabel('Compare with an earlier report').waitFor();
  await watch('compare-report');
  await page.getByLabel('Compare with an earlier report').setInputFiles({ name: 'then.csv', mimeType: 'text/csv', buffer: reportCsv(100000, '2026-10-20T10:00:00Z', 5000) });
  const compare = await page.evaluate(async () => {
    for (;;) {
      await new Promise((r) => requestAnimationFrame(r));
      const h = [...document.querySelectorAll('h3')].find((e) => e.textContent.startsWith('Changes since'));
      if (window.__changedAt !== null && h) return performance.now() - window.__changedAt;
      if (document.querySelector('[role=alert]')) return NaN;
    }
  });
  await context.close();
  return { open, compare };
}

function firstVisitBytes() {
  const dist = new URL('../dist/', import.meta.url);
  let raw = 0, gz = 0;
  for (const name of readdirSync(dist)) {
    if (name === '404.html' || !/\.(html|js|wasm|css)$/.test(name)) continue;
    const bytes = readFileSync(new URL(name, dist));
    raw += bytes.length; gz += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip: gz };
}

function nativeFigures() {
  const out = {};
  for (const name of ['decode', 'index', 'sort user', 'sort last_activity', 'sort editor', 'sort team', 'filter search', 'reclaim summary', 'reclaim rows', 'filter reclaimable', 'chart activity', 'chart editors', 'chart teams', 'csv', 'report read', 'report compare']) {
    try {
      const est = JSON.parse(readFileSync(new URL(`../target/criterion/100k/${name}/new/estimates.json`, import.meta.url)));
      out[name] = est.median.point_estimate / 1e6;
    } catch { /* not run */ }
  }
  try {
    out['memory MB (100,000 decoded seats)'] = Number(readFileSync(new URL('../target/criterion/seats-memory-bytes.txt', import.meta.url), 'utf8')) / 1e6;
  } catch { /* not run */ }
  return out;
}

/** CPU seconds per process kind (Chromium's by `--type`, fakehub, node), from /proc. */
function cpuByProcess() {
  const out = {};
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const type = /--type=(\S+)/.exec(cmd)?.[1] ?? 'browser';
      const sub = /--utility-sub-type=network/.test(cmd) ? 'network service' : type;
      const kind = name.includes('fakehub') ? 'fakehub' : /chrom/i.test(name + cmd) ? `Chromium ${sub}` : name === 'node' ? 'node (Playwright)' : 'other';
      out[pid] = { kind, s: (Number(fields[11]) + Number(fields[12])) / 100 };
    } catch { /* gone */ }
  }
  return out;
}

/** One load of `seats` at 0 ms with the CPU time of every process around it. */
async function cpuOfLoad(seats) {
  try { readFileSync('/proc/stat'); } catch { return null; }
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${APP}?points_per_minute=0`);
  await fillConnect(page, `big-${seats}`);
  const before = cpuByProcess();
  const t0 = Date.now();
  await loadAndWait(page, seats);
  const wall = (Date.now() - t0) / 1000;
  const after = cpuByProcess();
  await context.close();
  const byKind = {};
  for (const [pid, { kind, s }] of Object.entries(after)) {
    const used = s - (before[pid]?.s ?? 0);
    if (used > 0.005) byKind[kind] = (byKind[kind] ?? 0) + used;
  }
  const busy = Object.values(byKind).reduce((a, b) => a + b, 0);
  return { wall, busy, cores: cpus().length, byKind };
}

/**
 * The least any page could do: download every page of `big-SEATS` the way the app must
 * (`Authorization`, so a CORS preflight each; 8 at once; no cache) and read the bytes, with no
 * billing request, no decoding and no rendering. What the app adds is the rest of its row.
 */
async function bareOnce(seats) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${APP}404.html`); // the app's origin, without starting the app
  const ms = await page.evaluate(async ({ api, pages }) => {
    const t0 = performance.now();
    let next = 1;
    const worker = async () => {
      while (next <= pages) {
        const p = next++;
        const res = await fetch(`${api}/orgs/big-${pages * 100}/copilot/billing/seats?per_page=100&page=${p}`, {
          headers: { Authorization: 'Bearer good-token', Accept: 'application/vnd.github+json' }, credentials: 'omit', cache: 'no-store',
        });
        if (!res.ok) throw new Error(`page ${p}: ${res.status}`);
        await res.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    return performance.now() - t0;
  }, { api: API, pages: Math.ceil(seats / 100) });
  await context.close();
  return ms;
}

/** Five loads of `seats` in one tab; memory after the first and after the fifth. */
async function fiveLoads(seats) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(() => addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; }));
  await page.goto(`${APP}?points_per_minute=0`);
  await fillConnect(page, `big-${seats}`);
  const cdp = await context.newCDPSession(page);
  const mb = [];
  for (let i = 0; i < 5; i++) {
    await loadAndWait(page, seats);
    await cdp.send('HeapProfiler.collectGarbage');
    mb.push(await page.evaluate(async () => {
      await new Promise((r) => setTimeout(r, 300));
      return (performance.memory.usedJSHeapSize + window.__wasm.memory.buffer.byteLength) / 1e6;
    }));
  }
  await context.close();
  return { first: mb[0], fifth: mb[4], all: mb };
}

const rows = [];
const started = Date.now();
for (const latency of LATENCIES) {
  await setLatency(latency);
  for (const seats of SIZES) {
    const org = `big-${seats}`;
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await loadOnce(org, seats, { interactions: latency === 0 }));
    const floor = latency ? floorOf(seats, latency) : null;
    const row = {
      seats, latency, runs: runs.length,
      first: median(runs.map((r) => r.first)), all: median(runs.map((r) => r.all)), allSpread: spread(runs.map((r) => r.all)),
      floor, floorRatio: latency ? median(runs.map((r) => r.all)) / floor : null,
    };
    if (latency === 0) {
      for (const k of ['sort', 'search', 'threshold', 'csv', 'memoryMB', 'jsMB', 'wasmMB', 'longest', 'longTasks']) row[k] = median(runs.map((r) => r[k]));
    }
    // The download-only reference where the issue sets a goal.
    if ((seats === 10000 && latency === 50) || (seats === 100000 && latency === 0)) {
      const bare = [];
      for (let i = 0; i < RUNS; i++) bare.push(await bareOnce(seats));
      row.bare = median(bare);
    }
    // The naive client only where it finishes in reasonable time.
    if (seats <= 10000 && (latency === 0 || seats === 10000)) {
      const naive = [];
      for (let i = 0; i < Math.min(RUNS, 2); i++) naive.push(await loadOnce(org, seats, { naive: true }));
      row.naive = median(naive.map((r) => r.all));
      row.naiveRatio = row.naive / row.all;
    }
    rows.push(row);
    console.log(JSON.stringify(row));
  }
}
// What the fan-out of this wave buys at 10,000 seats and 50 ms: the same load as before it
// (6 requests at once, and nothing but page 1 until page 1 answers).
const before = { runs: [] };
if (LATENCIES.includes(50) && SIZES.includes(10000)) {
  await setLatency(50);
  for (let i = 0; i < RUNS; i++) before.runs.push((await loadOnce('big-10000', 10000, { query: '?points_per_minute=0&concurrency=6&speculative_pages=0' })).all);
  before.all = median(before.runs);
  console.log(JSON.stringify({ before }));
}
await setLatency(0);

// Where a 100,000-seat load at 0 ms spends the machine: CPU seconds per process (from /proc)
// against the wall time, the evidence for what the 0 ms row can reach on this machine.
const cpu = await cpuOfLoad(100000);
console.log(JSON.stringify({ cpu }));

// Five loads of 100,000 seats in one tab: memory (JS heap + wasm, after garbage collection)
// after the first and the fifth.
const soak = await fiveLoads(100000);
console.log(JSON.stringify({ soak }));

// An enterprise of 100,000 people (130,000 seat objects: merged page by page into one row per
// person) against an organization of 130,000 seats: the same objects to read (issue 14 asks
// ≤ 1.2×).
const enterprise = { ent: [], org: [] };
for (let i = 0; i < RUNS; i++) {
  enterprise.ent.push((await loadOnce('huge-enterprise', 100000, { enterprise: true })).all);
  enterprise.org.push((await loadOnce('big-130000', 130000)).all);
}
enterprise.entMs = median(enterprise.ent);
enterprise.orgMs = median(enterprise.org);
enterprise.ratio = enterprise.entMs / enterprise.orgMs;
console.log(JSON.stringify({ enterprise }));

// The pacing run: fakehub enforces GitHub's secondary limit (900 points a minute) on a scaled
// minute, the app paces at its default budget on the same minute (`minute_ms`). The app budgets
// 2 points a page (GitHub may count the CORS preflight, which fakehub cannot attribute to a
// token), so fakehub enforces 450 requests a window. Floor: pages ÷ 450 windows.
const PACE_WINDOW_MS = Number(process.env.BENCH_PACE_WINDOW_MS || 10000);
const PACE_SEATS = 100000;
await fetch(`${API}/_fakehub/requests`, { method: 'DELETE' });
await fetch(`${API}/_fakehub/limits?points=450&window_ms=${PACE_WINDOW_MS}`, { method: 'PUT' });
const paced = await loadOnce(`big-${PACE_SEATS}`, PACE_SEATS, { query: `?minute_ms=${PACE_WINDOW_MS}` });
const paceLog = await (await fetch(`${API}/_fakehub/requests`)).json();
await fetch(`${API}/_fakehub/limits`, { method: 'DELETE' });
const pacing = {
  all: paced.all,
  gets: paceLog.filter((e) => e.method === 'GET').length,
  limited: paceLog.filter((e) => e.status === 403 || e.status === 429).length,
  windowMs: PACE_WINDOW_MS,
};
pacing.floor = (pacing.gets / 450) * PACE_WINDOW_MS;
pacing.ratio = pacing.all / pacing.floor;
console.log(JSON.stringify({ pacing }));

const reportRuns = [];
for (let i = 0; i < RUNS; i++) reportRuns.push(await reportsOnce());
const reports = { open: median(reportRuns.map((r) => r.open)), compare: median(reportRuns.map((r) => r.compare)) };
console.log(JSON.stringify({ reports }));
await browser.close();

const bytes = firstVisitBytes();
const native = nativeFigures();
const get = (s, l) => rows.find((r) => r.seats === s && r.latency === l);
const ms = (x) => (x == null ? '—' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`);
const met = (ok) => (ok ? 'met' : '**not met**');
const b100 = get(100000, 0), b100l = get(100000, 50), b10l = get(10000, 50);
const cpuText = cpu && `; the machine was busy ${cpu.busy.toFixed(1)} CPU-s of ${(cpu.cores * cpu.wall).toFixed(1)} in ${cpu.wall.toFixed(1)} s (${Object.entries(cpu.byKind).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')})`;
const targets = [
  b10l && ['10,000 seats at 50 ms: first rows', '≤ 0.5 s', ms(b10l.first), met(b10l.first <= 500)],
  b10l && ['10,000 seats at 50 ms: every seat listed', '≤ 2.0 s', `${ms(b10l.all)} (naive client ${ms(b10l.naive)}${before.all ? `; before this fan-out ${ms(before.all)}` : ''}; floor ${ms(b10l.floor)}; download only ${ms(b10l.bare)})`, met(b10l.all <= 2000)],
  b100l && ['100,000 seats at 50 ms vs the floor ⌈pages ÷ 6⌉ × 2 × latency', '≤ 1.15×', `${b100l.floorRatio.toFixed(2)}× (${ms(b100l.all)}, floor ${ms(b100l.floor)})`, met(b100l.floorRatio <= 1.15)],
  b100 && ['100,000 seats listed at 0 ms latency', '≤ 3.0 s', `${ms(b100.all)} (download only ${ms(b100.bare)}${cpuText ?? ''})`, met(b100.all <= 3000)],
  b100 && ['Longest main-thread task while 100,000 seats load, after the first rows', '≤ 100 ms', `${ms(b100.longest)} (${b100.longTasks.toFixed(0)} tasks over 50 ms)`, met(b100.longest <= 100)],
  b100 && ['Memory after 100,000 seats (JS heap + wasm)', '≤ 120 MB', `${b100.memoryMB.toFixed(0)} MB (JS ${b100.jsMB.toFixed(0)} + wasm ${b100.wasmMB.toFixed(0)})`, met(b100.memoryMB <= 120)],
  ['Memory across five loads of 100,000 seats in one tab (after garbage collection)', 'flat (fifth ≤ 1.1× first)', `${soak.all.map((m) => m.toFixed(0)).join(', ')} MB`, met(soak.fifth <= 1.1 * soak.first)],
  b100 && ['Re-sort 100,000 rows (Editor), click → rows updated', '< 100 ms', ms(b100.sort), met(b100.sort < 100)],
  b100 && ['Search keystroke on 100,000 rows', '< 50 ms', ms(b100.search), met(b100.search < 50)],
  b100 && ['Reclaim threshold change on 100,000 seats, input → figures updated', '≤ 50 ms', ms(b100.threshold), met(b100.threshold <= 50)],
  b100 && ['CSV of 100,000 rows, click → download started', '< 300 ms', ms(b100.csv), met(b100.csv < 300)],
  ['100,000-person enterprise (130,000 seat objects) ÷ 130,000-seat organization, all listed', '≤ 1.2×', `${enterprise.ratio.toFixed(2)}× (${ms(enterprise.entMs)} vs ${ms(enterprise.orgMs)})`, met(enterprise.ratio <= 1.2)],
  [`Pacing: 100,000 seats under an enforced 900 points a minute (scaled: a minute of ${pacing.windowMs / 1000} s)`, '0 limit answers, ≤ 1.1× the floor', `${pacing.limited} limit answers; ${ms(pacing.all)} = ${pacing.ratio.toFixed(2)}× the floor (${ms(pacing.floor)} for ${pacing.gets} requests)`, met(pacing.limited === 0 && pacing.ratio <= 1.1)],
  ['100,000-row report opened (file chosen → every row listed, read and indexed in the page)', '≤ 1.5 s', ms(reports.open), met(reports.open <= 1500)],
  ['Two 100,000-row reports compared (file chosen → changes shown, both files read)', '≤ 300 ms', ms(reports.compare), met(reports.compare <= 300)],
  ['First visit download (gzip)', '≤ 400 KB', `${(bytes.gzip / 1024).toFixed(0)} KB (raw ${(bytes.raw / 1024).toFixed(0)} KB)`, met(bytes.gzip <= 400 * 1024)],
].filter(Boolean);

let md = `Measured ${new Date().toISOString().slice(0, 16)}Z on ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), headless Chromium, fakehub on loopback, median of ${RUNS} runs; \`./dev bench\` in ${((Date.now() - started) / 1000).toFixed(0)} s.\n\n`;
md += '| target | goal | measured | |\n|---|---|---|---|\n' + targets.map((t) => `| ${t.join(' | ')} |`).join('\n') + '\n\n';
md += '| seats | latency | first rows | all listed (min–max) | floor | ÷ floor | naive client | naive ÷ ours | sort | search | CSV | memory |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n';
for (const r of rows) {
  md += `| ${r.seats.toLocaleString('en')} | ${r.latency} ms | ${ms(r.first)} | ${ms(r.all)} (${ms(r.allSpread[0])}–${ms(r.allSpread[1])}) | ${ms(r.floor)} | ${r.floorRatio ? r.floorRatio.toFixed(2) + '×' : '—'} | ${ms(r.naive)} | ${r.naiveRatio ? r.naiveRatio.toFixed(1) + '×' : '—'} | ${ms(r.sort)} | ${ms(r.search)} | ${ms(r.csv)} | ${r.memoryMB ? r.memoryMB.toFixed(0) + ' MB' : '—'} |\n`;
}
if (Object.keys(native).length) {
  md += '\nNative (criterion, 100,000 seats, median): ' + Object.entries(native).map(([k, v]) => k.startsWith('memory') ? `${k.replace(' MB', '')} ${v.toFixed(1)} MB` : `${k} ${v.toFixed(1)} ms`).join(', ') + '.\n';
}
writeFileSync(new URL('./results.json', import.meta.url), JSON.stringify({ rows, before, cpu, soak, reports, enterprise, pacing, bytes, native, cores: cpus().length }, null, 2));
writeFileSync(new URL('./results.md', import.meta.url), md);
const readmeUrl = new URL('../README.md', import.meta.url);
const readme = readFileSync(readmeUrl, 'utf8');
const updated = readme.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, `<!-- bench:start -->\n${md}<!-- bench:end -->`);
writeFileSync(readmeUrl, updated);
console.log('\n' + md);
