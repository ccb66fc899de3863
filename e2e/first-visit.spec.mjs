// The first visit stays within its budget: index.html and everything it loads before the app
// runs (the JS glue, the WebAssembly, the CSS), gzip level 9, at most 400 KB (KiB). Fetched from
// the served app, as a visitor gets it, so a feature that grows the download fails here first.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { APP_URL } from './harness.mjs';

const BUDGET = 400 * 1024;

test('the first visit downloads at most 400 KB gzip', async (t) => {
  const html = await (await fetch(APP_URL)).text();
  const assets = [...html.matchAll(/(?:href|src)=["']?([^"' >]+\.(?:js|wasm|css))/g)].map((m) => m[1]);
  assert.ok(assets.some((a) => a.endsWith('.wasm')) && assets.some((a) => a.endsWith('.js')), `index.html loads the app: ${assets}`);
  let total = gzipSync(Buffer.from(html), { level: 9 }).length;
  const sizes = [];
  for (const asset of new Set(assets)) {
    const bytes = Buffer.from(await (await fetch(new URL(asset, APP_URL))).arrayBuffer());
    const gz = gzipSync(bytes, { level: 9 }).length;
    sizes.push(`${asset.split('/').pop()}: ${gz}`);
    total += gz;
  }
  t.diagnostic(`metric first_visit_gzip=${total} bytes (${(total / 1024).toFixed(1)} KB): ${sizes.join(', ')}`);
  assert.ok(total <= BUDGET, `first visit ${(total / 1024).toFixed(1)} KB gzip, budget 400 KB (${sizes.join(', ')})`);
});
