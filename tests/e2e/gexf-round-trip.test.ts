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

/** Stakeholders (name, kind, roles) and ties (names, type, weight to 4 decimals), ids left out: they are new after an import. */
function content(net: Net): { stakeholders: string[]; ties: string[] } {
  const name = new Map(net.network.nodes.map((n) => [n.key, n.attributes.label]));
  return {
    stakeholders: net.network.nodes
      .map((n) => `${n.attributes.label}|${n.attributes.kind}|${[...n.attributes.roles].sort().join(',')}`)
      .sort(),
    ties: net.network.edges
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
  it('export → empty database opens Import → import → same stakeholders, roles and ties', async () => {
    const before = content(await pageGql<Net>(page, NETWORK));
    expect(before.stakeholders.length).toBe(await callAtlas(page, 'order'));
    // The whole map is the view: every stakeholder and every tie goes into the file.
    await page.getByTestId('tab-explore').click();
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
    await page.getByTestId('import-ok').waitFor({ timeout: 120_000 });
    await waitUntilSettled(page);
    const after = content(await pageGql<Net>(page, NETWORK));
    expect(after.stakeholders).toEqual(before.stakeholders);
    expect(after.ties).toEqual(before.ties);
    await screenshot(page, 'gexf-round-trip-imported', 0);
  });
});
