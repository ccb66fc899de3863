// User story: an owner reloads a 100,000-seat organization several times in one sitting; the
// tab must not grow with each load.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, newPage, assertNoProblems, connect, waitForSeats, connectForm, openApp } from './harness.mjs';

useBrowser();

const N = 100_000;

async function memory(page) {
  // Collect garbage first (through the DevTools protocol), so the figure is what is retained,
  // not what the collector has not got round to yet.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.detach();
  return page.evaluate(async () => {
    // Let pending work settle, then read the JS heap and the WebAssembly memory.
    await new Promise((r) => setTimeout(r, 300));
    return { js: performance.memory.usedJSHeapSize, wasm: window.__wasm.memory.buffer.byteLength };
  });
}

describe('As an owner I reload a big organization again and again', () => {
  test('five loads of 100,000 seats: memory after the fifth within 1.2× of the first', { timeout: 240_000 }, async () => {
    const page = await newPage();
    await page.addInitScript(() => {
      addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; });
    });
    // Pacing off: five loads of 1,000 pages in a few minutes is more than GitHub allows; this
    // spec is about memory (pacing.spec.mjs covers the pace).
    await openApp(page, '?points_per_minute=0');
    await connect(page, { org: `big-${N}` });
    await waitForSeats(page, N, { timeout: 90_000 });
    const first = await memory(page);
    let last = first;
    for (let i = 2; i <= 5; i++) {
      await connectForm(page).load.click();
      await page.waitForFunction(() => document.querySelector('progress'), null, { timeout: 10_000 }).catch(() => {});
      await waitForSeats(page, N, { timeout: 90_000 });
      await page.waitForFunction(() => !document.querySelector('progress'), null, { timeout: 90_000 });
      last = await memory(page);
    }
    const total = (m) => m.js + m.wasm;
    console.log(`# metric soak_first_MB=${(total(first) / 1e6).toFixed(1)} (js ${(first.js / 1e6).toFixed(1)}, wasm ${(first.wasm / 1e6).toFixed(1)}) soak_fifth_MB=${(total(last) / 1e6).toFixed(1)} (js ${(last.js / 1e6).toFixed(1)}, wasm ${(last.wasm / 1e6).toFixed(1)})`);
    assert.ok(total(last) <= 1.2 * total(first), `memory grew from ${total(first)} to ${total(last)} bytes`);
    await assertNoProblems(page);
  });
});
