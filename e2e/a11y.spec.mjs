// User story: I use the app with a screen reader, the keyboard, or in dark mode. axe-core checks
// every view, in light and dark, for serious and critical violations (WCAG 2.x A/AA rules).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  useBrowser, newPage, assertNoProblems, openApp, connect, connectForm, waitForSeats, accessList,
  overview,
} from './harness.mjs';

useBrowser();

const require = createRequire(new URL('../tools/', import.meta.url));
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core on the page; returns the serious and critical violations, one line each. */
async function violations(page) {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
  return result
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.join(', ')})`);
}

const VIEWS = [
  ['the connect form', async (page) => {
    await openApp(page);
  }],
  ['overview and access list', async (page) => {
    await connect(page, { org: 'acme' });
    await waitForSeats(page, 3000);
    await overview(page).getByRole('link').first().waitFor();
  }],
  ['a filtered, searched list', async (page) => {
    await openApp(page, '?filter=idle-30&q=a');
    await connectForm(page).demo.click();
    await accessList(page).table.waitFor();
  }],
  ['a seat page', async (page) => {
    await connect(page, { org: 'acme' });
    await waitForSeats(page, 3000);
    await accessList(page).rows().first().getByRole('link').click();
    await page.getByRole('heading', { name: /Copilot seat of/ }).waitFor();
    await page.getByRole('term').first().waitFor();
  }],
  ['the removal confirmation, with seats that will not be sent', async (page) => {
    await openApp(page);
    await connectForm(page).demo.click();
    await accessList(page).table.waitFor();
    await page.getByRole('checkbox', { name: 'Select all', exact: true }).check();
    await page.getByRole('button', { name: 'Remove selected seats', exact: true }).click();
    await page.getByRole('dialog').getByRole('heading').first().waitFor();
  }],
  ['a seat pending cancellation, with Restore access', async (page) => {
    await openApp(page, '?filter=pending-cancellation');
    await connectForm(page).demo.click();
    await accessList(page).rows().first().getByRole('link').click();
    await page.getByRole('button', { name: 'Restore access', exact: true }).waitFor();
  }],
  ['spend over the pool, the pool warning and the charts’ numbers', async (page) => {
    await connect(page, { org: 'overspend' });
    await waitForSeats(page, 300);
    await page.getByRole('region', { name: 'Reclaimable seats' }).getByRole('note').filter({ hasText: /pool/ }).waitFor();
    for (const summary of await page.getByText('Numbers and links').all()) await summary.click();
  }],
  ['spend unavailable (not on the enhanced billing platform)', async (page) => {
    await connect(page, { org: 'legacy-billing' });
    await waitForSeats(page, 250);
    await page.getByRole('region', { name: 'Spend this month' }).getByRole('note').waitFor();
  }],
  ['a report opened from a file, compared with an earlier one', async (page) => {
    await openApp(page);
    const csv = (time, shift) => Buffer.from(['report_time,login,last_authenticated_at,last_activity_at,last_surface_used',
      ...Array.from({ length: 40 }, (_, i) => `${time},user-${i + shift},${time},${i % 3 ? time : ''},VS Code 1.90`)].join('\n'));
    await page.getByLabel('Open a report').setInputFiles([
      { name: 'then.csv', mimeType: 'text/csv', buffer: csv('2026-10-01T00:00:00Z', 0) },
      { name: 'now.csv', mimeType: 'text/csv', buffer: csv('2026-11-01T00:00:00Z', 5) },
    ]);
    await page.getByRole('heading', { name: /^Changes since/ }).waitFor();
  }],
  ['an enterprise: its overview, the per-organization table and the Organization column', async (page) => {
    await openApp(page);
    await page.getByLabel('Account type').selectOption('enterprise');
    await connectForm(page).demo.click();
    await page.getByRole('table', { name: 'Seats by organization' }).waitFor();
    await accessList(page).header('Organization').waitFor();
  }],
  ['an enterprise person’s seat page, with every granting organization', async (page) => {
    await openApp(page);
    await page.getByLabel('Account type').selectOption('enterprise');
    await connectForm(page).demo.click();
    await accessList(page).sortButton('Organization').click();
    await accessList(page).sortButton('Organization').click();
    await accessList(page).rows().first().getByRole('link').click();
    await page.getByRole('heading', { name: 'Where this seat comes from' }).waitFor();
  }],
  ['an error', async (page) => {
    await connect(page, { org: 'missing' });
    await page.getByRole('alert').waitFor();
  }],
];

describe('As a person using assistive technology I can use every view', () => {
  test('the check itself finds a planted violation (an unlabelled button, an image without alt)', async () => {
    const page = await newPage({ bypassCSP: true });
    await openApp(page);
    await page.evaluate(() => {
      document.querySelector('main').insertAdjacentHTML('beforeend', '<button type="button"></button><img src="data:,">');
    });
    const found = await violations(page);
    assert.ok(found.some((v) => v.includes('button-name')), found.join('\n'));
    assert.ok(found.some((v) => v.includes('image-alt')), found.join('\n'));
    await assertNoProblems(page);
  });

  for (const scheme of ['light', 'dark']) {
    for (const [name, open] of VIEWS) {
      test(`${name} (${scheme}): no serious or critical axe-core violation`, async () => {
        const page = await newPage({ bypassCSP: true });
        await page.emulateMedia({ colorScheme: scheme });
        await open(page);
        assert.deepEqual(await violations(page), [], `axe-core on ${name} in ${scheme}`);
        await assertNoProblems(page, { allowStatuses: [404] });
      });
    }
  }
});
