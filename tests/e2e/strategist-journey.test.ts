// The strategist's journey on the demo, in the page: "map the communities and how they overlap". Run an analysis; read the
// detected communities in the legend; highlight one and see its members brought into view; the declared-vs-detected
// matrix and one cell's list (as long as the cell says); overlapping members drawn as pies (as many as the run counts);
// a second run compared with the first in the history of runs and as community evolution; the map exported as PNG with
// its legend beside the highlighted community. Screenshots of the journey are kept in docs/images/ for the README.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { resetToDemo } from '../helpers/demo-data.js';
import { callAtlas, launchChromium, screenshot, signIn, waitUntilSettled } from '../helpers/browser.js';
import type { AtlasTestHook } from '../../client/src/lib/test-hook';

const appUrl = inject('appUrl');
const images = fileURLToPath(new URL('../../docs/images/', import.meta.url));

let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const atlas = <K extends keyof AtlasTestHook>(key: K, ...args: Parameters<AtlasTestHook[K]>) => callAtlas(page, key, ...args);

/** A picture for the README (docs/images) and the usual artifact. */
async function picture(name: string): Promise<void> {
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${images}${name}.png` });
  await screenshot(page, name, 0);
}

/** A count as the page prints it ("1,234 on the map" → 1234). */
const countIn = (text: string | null): number => Number((text ?? '').replace(/[^0-9]/g, ''));

/** Runs an analysis from the Analyse tab with the given resolution, and waits until this many runs are complete. */
async function runFromThePage(resolution: number, complete: number): Promise<void> {
  await page.getByTestId('tab-analyse').click();
  const panel = page.getByTestId('analysis-panel');
  const parameters = panel.locator('details');
  if ((await parameters.getAttribute('open')) === null) await panel.getByText('Parameters', { exact: true }).click();
  await panel.getByLabel('Resolution').fill(String(resolution));
  await page.getByTestId('analysis-run').click();
  await expect
    .poll(() => page.locator('[data-testid="run-row"][data-status="COMPLETE"]').count(), { timeout: 170_000, interval: 500 })
    .toBe(complete);
  await expect.poll(() => page.getByTestId('analysis-run').textContent(), { timeout: 30_000 }).toMatch(/Run analysis/);
  await page.getByTestId('comparison-scores').waitFor({ timeout: 60_000 });
}

/** Clicks the legend's largest detected community; returns its name and count. */
async function highlightLargestCommunity(): Promise<{ name: string; count: number }> {
  await page.getByTestId('tab-explore').click();
  const entry = page.getByTestId('legend-entry').first();
  const name = ((await entry.locator('.label').textContent()) ?? '').trim();
  const count = Number(await entry.getAttribute('data-count'));
  await entry.click();
  expect(await entry.getAttribute('aria-pressed')).toBe('true');
  return { name, count };
}

beforeAll(async () => {
  await resetToDemo();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await signIn(page, appUrl);
  await waitUntilSettled(page);
});

afterAll(async () => {
  await browser?.close();
});

describe('journey: strategist', () => {
  let communities = 0;
  let overlapping = 0;

  it('runs an analysis from the Analyse tab', async () => {
    await page.getByTestId('tab-analyse').click();
    await page.getByTestId('analysis-empty').waitFor({ timeout: 15_000 });
    await runFromThePage(1, 1);
    communities = countIn(await page.getByTestId('run-communities').textContent());
    overlapping = countIn(await page.getByTestId('run-overlapping').textContent());
    expect(communities).toBeGreaterThan(1);
    expect(overlapping).toBeGreaterThan(0);
  });

  it('reads the detected communities in the legend: one entry each (the largest coloured), names kept apart', async () => {
    await page.getByTestId('tab-explore').click();
    await page.getByRole('radio', { name: 'Detected' }).check();
    const entries = page.getByTestId('legend-entry');
    await expect.poll(() => entries.count(), { timeout: 30_000 }).toBeGreaterThan(2);
    const keys = await entries.evaluateAll((els) => els.map((e) => e.getAttribute('data-key') ?? ''));
    const labels = (await entries.locator('.label').allTextContents()).map((l) => l.trim());
    const coloured = keys.filter((k) => k !== 'OTHER' && k !== 'NONE');
    // Every community of the run has members on the map: the 14 largest coloured, the rest counted under "Other".
    expect(coloured).toHaveLength(Math.min(communities, 14));
    if (communities > 14) {
      expect(labels[keys.indexOf('OTHER')]).toMatch(new RegExp(`^Other: ${communities - 14} smaller detected communit`));
    }
    expect(new Set(labels).size).toBe(labels.length);
    await page.getByTestId('detected-name-note').waitFor();
    await picture('journey-strategist-1-communities');
  });

  it('highlights one community from the legend and brings its members into view', async () => {
    // Zoomed in first: the highlight must move the camera to show every member.
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Zoom in' }).click();
    const { name, count } = await highlightLargestCommunity();
    expect(count).toBeGreaterThan(1);
    await expect.poll(() => atlas('highlightKey')).toMatch(/^legend:detected:/);
    expect(await atlas('highlightedNodes')).toBe(count);
    await expect.poll(() => atlas('highlightedInView'), { timeout: 10_000 }).toBe(count);
    // The Act tab offers the highlighted group to the target list, by its size.
    await page.getByTestId('tab-act').click();
    expect(await page.getByTestId('target-add-highlighted').textContent()).toContain(`Add ${Math.min(count, 200)} highlighted`);
    await page.getByTestId('tab-explore').click();
    expect(name).not.toBe('');
    await picture('journey-strategist-2-highlight');
  });

  it('opens the declared-vs-detected matrix and reads one cell: its list is as long as the cell says', async () => {
    await page.getByTestId('tab-analyse').click();
    const cells = page.getByTestId('contingency-cell');
    await expect.poll(() => cells.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const counts = await cells.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
    // A cell whose members are all listed by name (the panel lists up to 40).
    const index = counts.findIndex((n) => n >= 2 && n <= 40);
    expect(index).toBeGreaterThanOrEqual(0);
    const n = counts[index] ?? 0;
    const cell = cells.nth(index);
    await cell.click();
    expect(await cell.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.getByTestId('contingency-member').count()).toBe(n);
    expect(await page.getByTestId('contingency-members-count').textContent()).toBe(`${n} on the map`);
    expect(await atlas('highlightedNodes')).toBe(n);
    await expect.poll(() => atlas('highlightedInView'), { timeout: 10_000 }).toBe(n);
    await cell.scrollIntoViewIfNeeded();
    await picture('journey-strategist-3-matrix');
    await page.getByTestId('contingency-members').getByRole('button', { name: 'Clear', exact: true }).click();
    await expect.poll(() => atlas('highlightKey')).toBeNull();
  });

  it('sees the overlapping members as pies: as many as the run counts', async () => {
    await page.getByTestId('tab-explore').click();
    await page.getByRole('button', { name: 'Reset view' }).click();
    await page.getByTestId('pie-toggle').check();
    await expect.poll(() => atlas('pieNodes'), { timeout: 10_000 }).toBe(overlapping);
    for (let i = 0; i < 2; i++) await page.getByRole('button', { name: 'Zoom in' }).click();
    await picture('journey-strategist-4-pies');
    await page.getByRole('button', { name: 'Reset view' }).click();
  });

  it('compares two analysis runs in the history of runs and reads the community evolution', async () => {
    await runFromThePage(2, 2);
    const rows = page.locator('[data-testid="run-row"][data-status="COMPLETE"]');
    // Newest first: the finer run, then the first one.
    const perRow = (await rows.allTextContents()).map((t) => Number(/([\d,]+) communities/.exec(t)?.[1]?.replace(/,/g, '')));
    expect(perRow[1]).toBe(communities);
    const finer = perRow[0] ?? 0;
    expect(countIn(await page.getByTestId('run-communities').textContent())).toBe(finer);
    const compare = page.getByTestId('run-compare');
    await compare.waitFor();
    const row = compare.getByRole('row', { name: /^Communities/ });
    const [a, b] = (await row.locator('td').allTextContents()).map(countIn);
    expect(a).toBe(communities);
    expect(b).toBe(finer);
    await page.getByTestId('run-history').scrollIntoViewIfNeeded();
    await picture('journey-strategist-5-runs');

    const evolution = page.getByTestId('community-evolution');
    await expect.poll(() => evolution.getByTestId('evolution-from').count(), { timeout: 30_000 }).toBe(1);
    // By default the current run against the one before it.
    const fromLabel = await evolution.getByTestId('evolution-from').locator('option:checked').textContent();
    const toLabel = await evolution.getByTestId('evolution-to').locator('option:checked').textContent();
    expect(fromLabel).toContain(`${communities.toLocaleString('en-GB')} communities`);
    expect(toLabel).toContain(`${finer.toLocaleString('en-GB')} communities`);
    await evolution.getByTestId('evolution-compare').click();
    await expect.poll(() => evolution.getByTestId('evolution-band').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    // The events: what changed, listed, and those that continued unchanged counted (listed on request).
    await expect.poll(() => evolution.getByTestId('evolution-events').count(), { timeout: 30_000 }).toBe(1);
    const changed = await evolution.getByTestId('evolution-event').count();
    const continuedLabel = evolution.locator('label', { hasText: 'continued unchanged' });
    const continued = (await continuedLabel.count()) > 0 ? countIn(await continuedLabel.textContent()) : 0;
    expect(changed + continued).toBeGreaterThan(0);
    if (continued > 0) {
      await continuedLabel.locator('input').check();
      await expect.poll(() => evolution.getByTestId('evolution-event').count()).toBe(changed + continued);
    }
    expect(await evolution.getByTestId('evolution-event').first().textContent()).toMatch(/members/);
    await evolution.scrollIntoViewIfNeeded();
    await picture('journey-strategist-6-evolution');
  });

  it('exports the map as PNG: the legend beside the highlighted community, not over it', async () => {
    const { count } = await highlightLargestCommunity();
    await expect.poll(() => atlas('highlightedInView'), { timeout: 10_000 }).toBe(count);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download PNG' }).click(),
    ]);
    const bytes = readFileSync(await download.path());
    expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
    // Every highlighted member is inside the map, and the legend is a strip to its right: the image is wider than the map.
    const map = await page.getByTestId('sigma-container').boundingBox();
    expect(bytes.readUInt32BE(16)).toBeGreaterThan(Math.round(map?.width ?? Infinity));
    writeFileSync(`${images}journey-strategist-7-export.png`, bytes);
    expect(pageErrors).toEqual([]);
  });
});
