// Round trip through the page: the demo's map exported as GEXF, the database emptied (the page then opens Import),
// the file imported through the Import panel — and the same stakeholders, roles and ties come back.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openTestDatabase } from '../helpers/database.js';
import { resetToDemo } from '../helpers/demo-data.js';
import { callAtlas, launchChromium, pageGql, screenshot, signIn, waitUntilSettled } from '../helpers/browser.js';

const appUrl = inject('appUrl');

interface Net {
  network: {
    nodes: Array<{ key: string; attributes: { label: string; kind: string; roles: string[] } }>;
    edges: Array<{ source: string; target: string; attributes: { type: string; weight: number } }>;
  };
}
const NETWORK =
  '{ network(limit: 100000) { nodes { key attributes { label kind roles } } edges { source target attributes { type weight } } } }';

/**
 * Stakeholders (name, kind, roles) and ties (names, type, weight to 4 decimals) of the stakeholders that pass
 * `keep`, with the ties among them; ids left out (they are new after an import).
 */
function content(net: Net, keep: (roles: string[]) => boolean = () => true): { stakeholders: string[]; ties: string[] } {
  const kept = net.network.nodes.filter((n) => keep(n.attributes.roles));
  const name = new Map(kept.map((n) => [n.key, n.attributes.label]));
  return {
    stakeholders: kept
      .map((n) => `${n.attributes.label}|${n.attributes.kind}|${[...n.attributes.roles].sort().join(',')}`)
      .sort(),
    ties: net.network.edges
      .filter((e) => name.has(e.source) && name.has(e.target))
      .map(
        (e) => `${name.get(e.source)}>${name.get(e.target)}|${e.attributes.type}|${Math.round(e.attributes.weight * 1e4) / 1e4}`,
      )
      .sort(),
  };
}

let browser: Browser;
let page: Page;
beforeAll(async () => {
  await resetToDemo();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  await signIn(page, appUrl);
  await waitUntilSettled(page);
});
afterAll(async () => {
  await browser?.close();
  // The next files load the demo themselves; leave the database as the others expect to find it.
  await resetToDemo();
});

describe('GEXF round trip through the page', () => {
  it('export → empty database opens Import → import → same stakeholders, roles and ties', { timeout: 600_000 }, async () => {
    // The view: partners (a filter keeps the import short on a loaded machine); the export carries every partner,
    // with all their roles, and every tie between two partners.
    const before = content(await pageGql<Net>(page, NETWORK), (roles) => roles.includes('PARTNER'));
    await page.getByTestId('tab-explore').click();
    await page.getByTestId('role-filter-PARTNER').check();
    await expect.poll(() => callAtlas(page, 'visibleNodes')).toBe(before.stakeholders.length);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download GEXF' }).click(),
    ]);
    const gexf = readFileSync(await download.path(), 'utf8');
    expect((gexf.match(/<node /g) ?? []).length).toBe(before.stakeholders.length);
    expect((gexf.match(/<edge /g) ?? []).length).toBe(before.ties.length);

    const t = await openTestDatabase();
    try {
      await t.clear();
    } finally {
      await t.close();
    }
    await page.reload();
    // An empty database opens the Import panel instead of telling the user to run a command.
    await page.getByTestId('status-empty').waitFor({ timeout: 60_000 });
    await page.getByTestId('import-panel').waitFor();
    expect(await page.getByTestId('tab-act').getAttribute('aria-selected')).toBe('true');
    expect(await page.getByTestId('status-empty').textContent()).not.toContain('npm');
    await screenshot(page, 'gexf-round-trip-empty', 0);

    await page.getByTestId('import-file').setInputFiles({
      name: 'view.gexf',
      mimeType: 'application/gexf+xml',
      buffer: Buffer.from(gexf, 'utf8'),
    });
    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-ok').waitFor({ timeout: 300_000 });
    await waitUntilSettled(page);
    const after = content(await pageGql<Net>(page, NETWORK));
    expect(after.stakeholders.length).toBeGreaterThan(10);
    expect(after.stakeholders).toEqual(before.stakeholders);
    expect(after.ties).toEqual(before.ties);
    await screenshot(page, 'gexf-round-trip-imported', 0);
  });
});
