// End-to-end journeys: filter by detected community and score range (and the URL keeps them), community hulls, declared-vs-detected
// drill-down and hidden cross-segment communities, warm introductions from chosen people, import from the UI
// (a rejected bundle's report row by row with nothing changed; a long import's progress, cancelled with nothing changed;
// a good one imported and the map reloaded).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AtlasTestHook } from '../../client/src/lib/test-hook';
import { resetToDemo } from '../helpers/demo-data.js';
import { callAtlas, launchChromium, pageGql, screenshot, signIn, waitUntilSettled } from '../helpers/browser.js';

const appUrl = inject('appUrl');
const fixtures = fileURLToPath(new URL('../fixtures/import/', import.meta.url));

let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const atlas = <K extends keyof AtlasTestHook>(key: K, ...args: Parameters<AtlasTestHook[K]>) => callAtlas(page, key, ...args);

const shot = (name: string): Promise<void> => screenshot(page, name);

/** A GraphQL request made by the signed-in page (to prepare data and to check what a rejected import left). */
const gql = <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => pageGql<T>(page, query, variables);

/** Runs an analysis through the API and waits until it is the current run. */
async function runAnalysis(): Promise<void> {
  const { runAnalysis: run } = await gql<{ runAnalysis: { id: string } }>('mutation { runAnalysis { id } }');
  for (let i = 0; i < 240; i++) {
    const { currentAnalysisRun } = await gql<{ currentAnalysisRun: { id: string } | null }>('{ currentAnalysisRun { id } }');
    if (currentAnalysisRun?.id === run.id) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the analysis did not finish in 2 minutes');
}

const ready = (): Promise<void> => waitUntilSettled(page);

/** A CSV bundle as a zip, from one fixture folder. */
function zipFolder(folder: string): Buffer {
  const dir = join(fixtures, folder);
  const files = Object.fromEntries(readdirSync(dir).map((name) => [name, new Uint8Array(readFileSync(join(dir, name)))]));
  return Buffer.from(zipSync(files));
}

/** A JSON bundle of `people` new people and `ties` distinct ties between them (deterministic). */
function generatedBundle(people: number, ties: number): string {
  const stakeholders = Array.from({ length: people }, (_, i) => ({
    source: 'long',
    externalId: `L${i}`,
    kind: 'person',
    name: `Long import ${i}`,
  }));
  const rows: Array<{ from: string; to: string; type: string; weight: number }> = [];
  const seen = new Set<string>();
  for (let k = 0; rows.length < ties; k++) {
    const a = k % people;
    const b = (a + 1 + ((k * 7919) % (people - 1))) % people;
    if (seen.has(`${a}|${b}`)) continue;
    seen.add(`${a}|${b}`);
    rows.push({ from: `long:L${a}`, to: `long:L${b}`, type: 'works with', weight: 0.5 });
  }
  return JSON.stringify({ stakeholders, ties: rows });
}

beforeAll(async () => {
  await resetToDemo();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await signIn(page, appUrl);
  // The run is started as the signed-in admin; the map is then loaded again with its analytics.
  await runAnalysis();
  await page.goto(appUrl);
  await ready();
});

afterAll(async () => {
  await browser?.close();
});

describe('analytics filters and drill-downs', () => {
  it('filters by detected community and by score range; the URL keeps both', async () => {
    const total = await atlas('order');
    const detected = page.getByTestId('detected-filter');
    // The options appear once the run's memberships are on the map.
    await expect.poll(() => detected.locator('option').count(), { timeout: 30_000 }).toBeGreaterThan(1);
    const option = detected.locator('option').nth(1);
    const members = Number(/\((\d[\d,]*)\)$/.exec((await option.textContent()) ?? '')?.[1]?.replace(/,/g, ''));
    expect(members).toBeGreaterThan(0);
    await detected.selectOption({ index: 1 });
    await expect.poll(() => atlas('visibleNodes')).toBe(members);
    expect(page.url()).toMatch(/detected=run-[^&]+%3A\d+/);

    await page.getByTestId('score-metric').selectOption('pagerank');
    const placeholder = (await page.getByTestId('score-max').getAttribute('placeholder')) ?? '';
    const top = Number(placeholder);
    expect(top).toBeGreaterThan(0);
    // Only the stakeholders with at least a quarter of the highest PageRank on the map, within that community.
    await page.getByTestId('score-min').fill(String(top / 4));
    await page.getByTestId('score-min').press('Enter');
    await expect.poll(() => atlas('visibleNodes')).toBeLessThan(members);
    const both = await atlas('visibleNodes');
    expect(both).toBeGreaterThan(0);
    expect(page.url()).toContain('score=pagerank');
    expect(page.url()).toContain('min=');
    await page.getByTestId('detected-filter').scrollIntoViewIfNeeded();
    await shot('30-filter-detected-score');

    // A copied link opens the same filtered view.
    await page.goto(page.url());
    await ready();
    await expect.poll(() => atlas('visibleNodes'), { timeout: 30_000 }).toBe(both);
    expect(await page.getByTestId('score-metric').inputValue()).toBe('pagerank');

    // Another score starts unfiltered (the bounds belong to PageRank's scale), and stays picked.
    await page.getByTestId('score-metric').selectOption('betweenness');
    await expect.poll(() => atlas('visibleNodes')).toBe(members);
    expect(await page.getByTestId('score-metric').inputValue()).toBe('betweenness');
    expect(await page.getByTestId('score-min').inputValue()).toBe('');
    expect(page.url()).not.toContain('score=');

    await page.getByTestId('filters').getByRole('button', { name: 'Clear' }).click();
    await expect.poll(() => atlas('visibleNodes')).toBe(total);
    expect(page.url()).not.toContain('detected=');
    expect(page.url()).not.toContain('score=');
  });

  it('draws community hulls behind the nodes when asked (off by default)', async () => {
    expect(await page.getByTestId('hull-toggle').isChecked()).toBe(false);
    expect(await page.locator('[data-testid="hull-layer"]').count()).toBe(0);
    await page.getByRole('radio', { name: 'Detected' }).check();
    await page.getByTestId('hull-toggle').check();
    const layer = page.locator('[data-testid="hull-layer"]');
    await expect.poll(() => layer.getAttribute('data-hulls'), { timeout: 30_000 }).toMatch(/^[1-9]\d*$/);
    expect(page.url()).toContain('hulls=1');
    // The layer sits behind the ties and nodes.
    expect(await page.evaluate(() => document.querySelector('canvas.sigma-hulls')?.nextElementSibling?.className)).toBe(
      'sigma-edges',
    );
    await shot('36-community-hulls');
    await page.getByTestId('hull-toggle').uncheck();
    await expect.poll(() => layer.count()).toBe(0);
    await page.getByRole('radio', { name: 'Role' }).check();
  });

  it('every declared-vs-detected cell highlights and lists its members; hidden communities highlight on click', async () => {
    await page.getByTestId('tab-analyse').click();
    const cell = page.locator('[data-testid="contingency-cell"]:not([disabled])').first();
    await cell.waitFor({ timeout: 30_000 });
    expect(Number(await cell.getAttribute('data-count'))).toBeGreaterThan(0);
    // The numbered columns have a key naming each detected community.
    const key = await page.getByTestId('contingency-columns').locator('li').allTextContents();
    expect(key.length).toBeGreaterThan(1);
    for (const entry of key) expect(entry.trim()).toMatch(/^\d+\s+\S/);
    await cell.click();
    await expect.poll(() => atlas('highlightKey')).toMatch(/^contingency:/);
    const highlighted = await atlas('highlightedNodes');
    expect(highlighted).toBeGreaterThan(0);
    // One definition of membership: the cell's count is the number of members its list and highlight hold.
    expect(highlighted).toBe(Number(await cell.getAttribute('data-count')));
    const list = page.getByTestId('contingency-members');
    expect(await list.textContent()).toContain(`${highlighted} on the map`);
    expect(await list.locator('li').count()).toBe(Math.min(40, highlighted));
    expect(await cell.getAttribute('aria-pressed')).toBe('true');
    await cell.scrollIntoViewIfNeeded();
    await shot('31-contingency-cell');

    // A listed member selects the stakeholder on the map.
    const name = (await list.locator('li button').first().textContent())?.trim();
    await list.locator('li button').first().click();
    await expect.poll(() => atlas('selected')).not.toBeNull();
    expect((await page.getByTestId('stakeholder-name').textContent())?.trim()).toBe(name);
    await page.getByRole('button', { name: 'Close details' }).click();

    const hidden = page.getByTestId('hidden-community').first();
    await hidden.click();
    await expect.poll(() => atlas('highlightKey')).toMatch(/^hidden:/);
    expect(await atlas('highlightedNodes')).toBeGreaterThan(1);
    expect(await hidden.textContent()).toMatch(/\d+%.*·.*\d+%/);
    await page.getByTestId('contingency-members').scrollIntoViewIfNeeded();
    await shot('32-hidden-community');
    await hidden.click(); // toggles off
    await expect.poll(() => atlas('highlightKey')).toBeNull();
  });

  it('warm introductions start from the people chosen, not only employees', async () => {
    const [target, source] = await atlas('topNodes', 2);
    if (target === undefined || source === undefined) throw new Error('no nodes');
    await page.goto(`${appUrl}?sel=${encodeURIComponent(target.key)}`);
    await ready();
    await page.getByTestId('tab-act').click();
    await page.getByTestId('intro-from-chosen').check();
    await page.getByTestId('intro-source-search-input').fill(source.label);
    await page.getByTestId('intro-source-search-results').getByRole('option', { name: source.label }).first().click();
    await expect.poll(() => page.getByTestId('intro-source').count()).toBe(1);
    expect((await page.getByTestId('intro-source').textContent())?.trim()).toContain(source.label);
    await page.getByTestId('intro-find').click();
    await expect.poll(() => page.getByTestId('intro-path').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    const paths = await page.getByTestId('intro-path').allTextContents();
    for (const p of paths) {
      expect(p).toContain(source.label);
      expect(p).toContain(target.label);
    }
    expect(await atlas('highlightKey')).toBe(`intro:${target.key}`);
    expect(await atlas('highlightedNodes')).toBeGreaterThan(1);
    await page.getByTestId('warm-intros').scrollIntoViewIfNeeded();
    await shot('33-warm-introductions-chosen');

    // Back to employees: the chosen people are kept for later, the search asks from the role again.
    await page.getByTestId('intro-from-employees').check();
    expect(await page.getByTestId('intro-sources').count()).toBe(0);
  });
});

describe('import from the UI', () => {
  const COUNTS = '{ stakeholders(first: 1) { totalCount } network(limit: 100000) { attributes { totalNodes totalEdges } } }';
  type Counts = { stakeholders: { totalCount: number }; network: { attributes: { totalNodes: number; totalEdges: number } } };

  it('a bad bundle shows its validation report row by row and changes nothing', async () => {
    await page.goto(appUrl);
    await ready();
    const before = await gql<Counts>(COUNTS);
    const order = await atlas('order');
    await page.getByTestId('tab-act').click();
    await page.getByTestId('import-file').setInputFiles({
      name: 'bad-date.zip',
      mimeType: 'application/zip',
      buffer: zipFolder('bad-date'),
    });
    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-rejected').waitFor({ timeout: 60_000 });
    const rows = page.getByTestId('import-report').locator('tbody tr.err:not(.group)');
    const group = (await page.getByTestId('import-report').locator('tr.group.err th').textContent())?.trim();
    const count = await rows.count();
    expect(count).toBeGreaterThan(1);
    expect(await page.getByTestId('import-rejected').textContent()).toContain(`${count} problem`);
    expect(group).toBe(`Errors (${count})`);
    for (let i = 0; i < count; i++) {
      const [file, row, column, message] = (await rows.nth(i).locator('td').allTextContents()).map((s) => s.trim());
      expect(['stakeholders.csv', 'roles.csv', 'ties.csv']).toContain(file);
      expect(Number(row)).toBeGreaterThan(0);
      expect(column).not.toBe('');
      expect(message?.length).toBeGreaterThan(5);
    }
    const cells = await rows.locator('td').allTextContents();
    expect(cells).toContain('roles.csv');
    expect(cells).toContain('ties.csv');
    expect(cells).toContain('since');
    expect(cells).toContain('until');
    expect(cells.some((c) => c.includes("invalid date '2021-02-30'"))).toBe(true);
    await page.getByTestId('import-panel').scrollIntoViewIfNeeded();
    await shot('34-import-rejected');

    expect(await gql<Counts>(COUNTS)).toEqual(before);
    expect(await atlas('order')).toBe(order);
  });

  it('a long import shows its progress (rows, rows/s, percent, phase) and Cancel leaves the data as it was', async () => {
    await page.goto(appUrl);
    await ready();
    const before = await gql<Counts>(COUNTS);
    const order = await atlas('order');
    await page.getByTestId('tab-act').click();
    // Above 50,000 rows: written batch by batch, long enough to watch (nothing slowed on purpose).
    await page.getByTestId('import-file').setInputFiles({
      name: 'long-import.json',
      mimeType: 'application/json',
      buffer: Buffer.from(generatedBundle(30_000, 90_000)),
    });
    await page.getByTestId('import-submit').click();
    const bar = page.getByRole('progressbar', { name: 'Import progress' });
    await bar.waitFor({ timeout: 60_000 });
    const counts = page.getByTestId('import-progress-counts');
    // Rows written of the planned total, the rate and the percent, as the bar says it.
    await expect.poll(() => counts.textContent(), { timeout: 120_000, interval: 100 }).toMatch(/^[1-9][\d,]* of 150,000 rows · /);
    const text = (await counts.textContent()) ?? '';
    expect(text).toMatch(/^[\d,]+ of 150,000 rows · [\d,]+ rows\/s · \d+ %$/);
    const percent = Number(/(\d+) %$/.exec(text)?.[1]);
    expect(Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(percent);
    expect(await page.getByTestId('import-progress-phase').textContent()).toMatch(/Writing /);
    await page.getByTestId('import-panel').scrollIntoViewIfNeeded();
    await shot('37-import-progress');

    await page.getByTestId('import-cancel').click();
    await page.getByTestId('import-cancelled').waitFor({ timeout: 120_000 });
    expect(await bar.count()).toBe(0);
    await shot('38-import-cancelled');
    expect(await gql<Counts>(COUNTS)).toEqual(before);
    expect(await atlas('order')).toBe(order);
  });

  it('a good bundle imports and the map reloads with it', async () => {
    const before = await gql<Counts>(COUNTS);
    const order = await atlas('order');
    await page.getByTestId('import-file').setInputFiles(join(fixtures, 'valid.json'));
    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-ok').waitFor({ timeout: 60_000 });
    // The job ended: its bar gave way to the report.
    expect(await page.getByRole('progressbar', { name: 'Import progress' }).count()).toBe(0);
    const text = (await page.getByTestId('import-ok').textContent()) ?? '';
    expect(text).toContain('Imported; the map reloaded.');
    const created = Number(/\((\d+) new/.exec(text)?.[1]);
    expect(created).toBeGreaterThan(0);
    const after = await gql<Counts>(COUNTS);
    expect(after.stakeholders.totalCount).toBe(before.stakeholders.totalCount + created);
    await expect.poll(() => page.evaluate(() => window.__atlas?.order() ?? 0), { timeout: 60_000 }).toBeGreaterThan(order);
    await ready();
    expect(await atlas('order')).toBe(after.network.attributes.totalNodes);
    await shot('35-import-ok');
    expect(pageErrors).toEqual([]);
  });
});
