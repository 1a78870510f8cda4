// End-to-end journeys with analytics: overlap drill-down, run an analysis from the UI, colour/size by its results,
// influencer leaderboard, engagement plan on the map, warm introductions; exports (PNG with legend, GEXF).
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AtlasTestHook } from '../../client/src/lib/test-hook';
import { resetToDemo } from '../helpers/demo-data.js';
import { callAtlas, launchChromium, pageGql, screenshot, signIn, waitUntilSettled } from '../helpers/browser.js';

const appUrl = inject('appUrl');

let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const atlas = <K extends keyof AtlasTestHook>(key: K, ...args: Parameters<AtlasTestHook[K]>) => callAtlas(page, key, ...args);

const shot = (name: string): Promise<void> => screenshot(page, name);

beforeAll(async () => {
  await resetToDemo();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await signIn(page, appUrl);
  await waitUntilSettled(page);
});

afterAll(async () => {
  await browser?.close();
});

describe('analytics journeys', () => {
  it('overlap matrix: a cell highlights the shared members; the diagonal opens the community panel', async () => {
    const cell = page.locator('[data-testid="matrix-cell"][data-diagonal="false"]:not([disabled])').first();
    const shared = Number(await cell.getAttribute('data-count'));
    expect(shared).toBeGreaterThan(0);
    await cell.click();
    await expect.poll(() => atlas('highlightKey')).toMatch(/^jaccard:/);
    expect(await atlas('highlightedNodes')).toBe(shared);
    await page.getByTestId('overlap-matrix').scrollIntoViewIfNeeded();
    await shot('20-overlap-matrix-cell');

    const diagonal = page.locator('[data-testid="matrix-cell"][data-diagonal="true"]').first();
    await diagonal.click();
    await page.getByTestId('community-panel').waitFor();
    expect(await atlas('highlightedNodes')).toBe(Number(await diagonal.getAttribute('data-count')));
    expect(page.url()).toContain('panel=');
    await expect(page.getByTestId('community-overlaps').locator('li').count()).resolves.toBeGreaterThan(0);
    await shot('21-community-panel');
    await page.getByRole('button', { name: 'Close community' }).click();
    await diagonal.click(); // toggles the highlight off
    await expect.poll(() => atlas('highlightKey')).toBeNull();
  });

  it('runs an analysis from the UI: progress, then results on the map and in the panels', async () => {
    await page.getByTestId('tab-analyse').click();
    await page.getByTestId('analysis-empty').waitFor({ timeout: 15_000 });
    await page.getByTestId('analysis-run').click();
    await page.getByRole('progressbar').waitFor({ timeout: 10_000 });
    await shot('22-analysis-running');
    await page.getByTestId('comparison-scores').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('comparison-scores').textContent()).toMatch(/NMI \d\.\d{3}/);
    await page.getByTestId('inf-row').first().waitFor({ timeout: 30_000 });
    // The run covers the data on the map: no "data changed since this analysis" warning.
    expect(await page.getByTestId('analysis-stale').count()).toBe(0);
    await shot('23-analysis-done');

    // A leaderboard row selects the stakeholder on the map.
    const name = (await page.getByTestId('inf-row').first().textContent())?.trim();
    await page.getByTestId('inf-row').first().click();
    await expect.poll(() => atlas('selected')).not.toBeNull();
    expect((await page.getByTestId('stakeholder-name').textContent())?.trim()).toBe(name);
    await page.getByRole('button', { name: 'Close details' }).click();

    // Colour by detected community, size by PageRank.
    await page.getByTestId('tab-explore').click();
    await page.getByRole('radio', { name: 'Detected' }).check();
    await expect.poll(() => page.getByTestId('legend').locator('li').count(), { timeout: 30_000 }).toBeGreaterThan(2);
    await page.getByTestId('size-by').selectOption('pagerank');
    expect(page.url()).toContain('colour=detected');
    expect(page.url()).toContain('size=pagerank');
    await shot('24-detected-pagerank');
  });

  it('engagement plan: seeds for a segment appear on the map with expected reach and interval', async () => {
    // The segment chosen on the leaderboard is the planner's: chosen once.
    await page.getByTestId('tab-analyse').click();
    await page.getByTestId('inf-role-CUSTOMER').check();
    await page.getByTestId('tab-act').click();
    expect(await page.getByTestId('plan-role-CUSTOMER').isChecked()).toBe(true);
    await page.getByTestId('plan-k').fill('4');
    await page.getByTestId('plan-run').click();
    await page.getByTestId('plan-reach').waitFor({ timeout: 60_000 });
    const text = (await page.getByTestId('plan-reach').textContent()) ?? '';
    const [reach, low, high] = [...text.matchAll(/(\d+(?:\.\d+)?)/g)].map((m) => Number(m[1]));
    expect(reach).toBeGreaterThan(0);
    expect(low).toBeLessThanOrEqual(reach ?? 0);
    expect(text).toMatch(/95% interval/);
    void high;
    expect(await page.getByTestId('plan-seed').count()).toBe(4);
    expect(await atlas('highlightKey')).toBe('plan:seeds');
    expect(await atlas('highlightedNodes')).toBe(4);
    await shot('25-engagement-plan');

    await page.getByTestId('plan-to-targets').click();
    await expect.poll(() => page.getByTestId('target-item').count()).toBe(4);
  });

  it('warm introductions to a selected stakeholder are drawn on the map', async () => {
    const [top] = await atlas('topNodes', 3);
    if (top === undefined) throw new Error('no nodes');
    await page.goto(`${appUrl}?sel=${encodeURIComponent(top.key)}`);
    await waitUntilSettled(page);
    await page.getByTestId('tab-act').click();
    await page.getByTestId('intro-find').click();
    await expect.poll(() => page.getByTestId('intro-path').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    expect(await atlas('highlightKey')).toBe(`intro:${top.key}`);
    expect(await atlas('highlightedNodes')).toBeGreaterThan(1);
    await shot('26-warm-introductions');
  });

  it('Find paths keeps the target selected and in the URL, reopens no earlier panel, and fits the paths in view', async () => {
    const [top] = await atlas('topNodes', 1);
    if (top === undefined) throw new Error('no nodes');
    const { communities } = await pageGql<{ communities: Array<{ id: string }> }>(page, '{ communities(kind: DECLARED) { id } }');
    const community = communities[0]?.id;
    if (community === undefined) throw new Error('no declared community');
    // A community panel first, then the target chosen through the search (the panel stays in the state underneath).
    await page.goto(`${appUrl}?panel=${encodeURIComponent(community)}`);
    await waitUntilSettled(page);
    await page.getByTestId('community-panel').waitFor();
    await page.getByTestId('search-input').fill(top.label);
    await page.getByTestId('search-results').getByRole('option', { name: top.label }).first().click();
    await expect.poll(() => atlas('selected')).toBe(top.key);
    await page.getByTestId('tab-act').click();
    await page.getByTestId('intro-find').click();
    await expect.poll(() => page.getByTestId('intro-path').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    expect(await atlas('highlightKey')).toBe(`intro:${top.key}`);
    expect(await atlas('selected')).toBe(top.key);
    expect(new URL(page.url()).searchParams.get('sel')).toBe(top.key);
    expect(await page.getByTestId('community-panel').count()).toBe(0);
    await page.getByTestId('stakeholder-name').waitFor();
    // The camera fits the paths: every drawn member of the highlight is inside the map.
    await expect.poll(() => atlas('highlightedInView'), { timeout: 5_000 }).toBe(await atlas('highlightedNodes'));
    await shot('26b-find-paths-keeps-target');
  });

  it('exports the map as PNG with its legend and the view as GEXF', async () => {
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download PNG' }).click()]);
    const bytes = readFileSync(await png.path());
    expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
    // The legend is beside the map, not over it: the image is wider than the map (IHDR width at byte 16).
    const map = await page.getByTestId('sigma-container').boundingBox();
    expect(bytes.readUInt32BE(16)).toBeGreaterThan(Math.round(map?.width ?? Infinity));
    const [gexf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download GEXF' }).click(),
    ]);
    const xml = readFileSync(await gexf.path(), 'utf8');
    expect(xml).toContain('<gexf xmlns="http://gexf.net/1.3"');
    const nodes = (xml.match(/<node /g) ?? []).length;
    expect(nodes).toBe(await atlas('visibleNodes'));
    expect(pageErrors).toEqual([]);
  });
});
