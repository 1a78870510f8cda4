// The marketer's journey on the demo, in the page: "find influencers and brokers, build a target list". The influencer
// leaderboard for a segment (customers of the DACH user group); the brokers by Gould–Fernandez role on the map; an
// engagement plan for the same segment without choosing it again, each seed with its reasons; the seeds on the target
// list; its CSV with the plan's reason and scores as computed (not cut to four decimals); the plan saved to follow through.
// Screenshots of the journey are kept in docs/images/ for the README.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { resetToDemo } from '../helpers/demo-data.js';
import { callAtlas, launchChromium, screenshot, signIn, waitUntilSettled } from '../helpers/browser.js';
import type { AtlasTestHook } from '../../client/src/lib/test-hook';

const appUrl = inject('appUrl');
const images = fileURLToPath(new URL('../../docs/images/', import.meta.url));
const SEGMENT_COMMUNITY = 'Corvane User Group DACH';
const PLAN_NAME = 'DACH customers: first wave';
const SEEDS = 5;

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

/** Does `change` on the leaderboard, then waits until its new ranking is answered and shown. */
async function rerank(change: () => Promise<unknown>): Promise<void> {
  const answered = page.waitForResponse(
    (r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('influencers('),
    { timeout: 60_000 },
  );
  await change();
  await answered;
  await expect.poll(() => page.getByTestId('influencers').getAttribute('aria-busy'), { timeout: 30_000 }).not.toBe('true');
}

/** RFC 4180 rows (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** Significant digits of a number as written ("0.000512345" → 6). */
const significantDigits = (text: string): number =>
  text
    .replace(/e.*$/i, '')
    .replace(/[^0-9]/g, '')
    .replace(/^0+/, '').length;

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

describe('journey: marketer', () => {
  let community = '';
  const seeds: Array<{ name: string; gain: string }> = [];

  it('runs an analysis from the Analyse tab', async () => {
    await page.getByTestId('tab-analyse').click();
    await page.getByTestId('analysis-empty').waitFor({ timeout: 15_000 });
    await page.getByTestId('analysis-run').click();
    await page.getByTestId('comparison-scores').waitFor({ timeout: 170_000 });
    await page.getByTestId('inf-row').first().waitFor({ timeout: 30_000 });
  });

  it('ranks the influencers of a segment: customers of the DACH user group', async () => {
    await rerank(() => page.getByTestId('inf-role-CUSTOMER').check());
    await rerank(() => page.getByTestId('inf-community').selectOption({ label: SEGMENT_COMMUNITY }));
    community = await page.getByTestId('inf-community').inputValue();
    expect(community).not.toBe('');
    const rows = page.getByTestId('inf-row');
    const n = await rows.count();
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThanOrEqual(15);
    // PageRank around 1/2,000 is shown with three significant digits (four decimals showed most rows as 0.0005).
    const values = (await page.getByTestId('inf-value').allTextContents()).map((v) => v.trim());
    expect(values).toHaveLength(n);
    expect(values.some((v) => significantDigits(v) === 3)).toBe(true);
    // Highlighted on the map, all of them in view.
    await page.getByTestId('influencers').getByRole('button', { name: 'Highlight these on the map' }).click();
    await expect.poll(() => atlas('highlightKey')).toBe('influencers:PAGERANK');
    expect(await atlas('highlightedNodes')).toBe(n);
    await expect.poll(() => atlas('highlightedInView'), { timeout: 10_000 }).toBe(n);
    // The top one is in the segment: a customer in the DACH user group, as the panel says.
    const top = ((await rows.first().textContent()) ?? '').trim();
    await rows.first().click();
    const panel = page.getByTestId('stakeholder-panel');
    await expect.poll(() => panel.getByTestId('stakeholder-name').textContent(), { timeout: 15_000 }).toBe(top);
    await expect.poll(() => panel.textContent(), { timeout: 15_000 }).toContain(SEGMENT_COMMUNITY);
    expect(await panel.textContent()).toContain('Customer');
    await page.getByTestId('influencers').scrollIntoViewIfNeeded();
    await picture('journey-marketer-1-influencers');
    await page.getByRole('button', { name: 'Close details' }).click();
  });

  it('finds the brokers: ranked by betweenness, and by Gould–Fernandez role on the map', async () => {
    await rerank(() => page.getByTestId('inf-metric').selectOption('BETWEENNESS'));
    expect(await page.getByTestId('inf-row').count()).toBeGreaterThan(0);
    await page.getByTestId('tab-explore').click();
    const select = page.getByTestId('brokerage-filter-role');
    await select.focus();
    // Focus reads the roles: each option then says how many stakeholders mostly play it.
    await expect
      .poll(() => select.locator('option[value="gatekeeper"]').textContent(), { timeout: 30_000 })
      .toMatch(/\(\d[\d,]*\)$/);
    const counts = new Map<string, number>();
    for (const role of ['liaison', 'gatekeeper', 'representative', 'itinerant', 'coordinator']) {
      const text = (await select.locator(`option[value="${role}"]`).textContent()) ?? '';
      counts.set(role, Number(/\(([\d,]+)\)$/.exec(text)?.[1]?.replace(/,/g, '') ?? 0));
    }
    // Liaisons connect two groups neither of which is their own: the brokers a campaign wants; else gatekeepers.
    const role = (counts.get('liaison') ?? 0) > 0 ? 'liaison' : 'gatekeeper';
    const expected = counts.get(role) ?? 0;
    expect(expected).toBeGreaterThan(0);
    await select.selectOption(role);
    await expect.poll(() => atlas('highlightKey'), { timeout: 30_000 }).toBe(`brokerage:${role}`);
    expect(await atlas('highlightedNodes')).toBe(expected);
    await expect.poll(() => atlas('highlightedInView'), { timeout: 10_000 }).toBe(expected);
    await page.getByTestId('brokerage-filter').scrollIntoViewIfNeeded();
    await picture('journey-marketer-2-brokers');
    await select.selectOption('');
    await expect.poll(() => atlas('highlightKey')).toBeNull();
  });

  it('plans the engagement of the same segment, without choosing it again, each seed with its reasons', async () => {
    await page.getByTestId('tab-act').click();
    const planner = page.getByTestId('engagement-planner');
    expect(await planner.getByTestId('plan-role-CUSTOMER').isChecked()).toBe(true);
    expect(await planner.getByTestId('plan-community').inputValue()).toBe(community);
    await planner.getByTestId('plan-k').fill(String(SEEDS));
    await planner.getByTestId('plan-run').click();
    await planner.getByTestId('plan-reach').waitFor({ timeout: 60_000 });
    const reach = (await planner.getByTestId('plan-reach').textContent()) ?? '';
    const [expectedReach, segmentSize] = /Expected reach ([\d.]+) of ([\d,]+)/
      .exec(reach)
      ?.slice(1)
      .map((x) => Number(x.replace(/,/g, ''))) ?? [NaN, NaN];
    expect(segmentSize).toBeGreaterThan(0);
    expect(expectedReach).toBeGreaterThan(0);
    expect(expectedReach).toBeLessThanOrEqual(segmentSize ?? 0);
    expect(reach).toMatch(/95% interval/);
    const items = planner.getByTestId('plan-seed');
    expect(await items.count()).toBe(SEEDS);
    for (let i = 0; i < SEEDS; i++) {
      const item = items.nth(i);
      const name = ((await item.getByRole('button').first().textContent()) ?? '').trim();
      const gain = ((await item.locator('.gain').textContent()) ?? '').trim();
      const why = (await item.locator('.why').textContent()) ?? '';
      expect(gain).toMatch(/^\+\d+\.\d$/);
      expect(why).toContain('expected contacts in the segment');
      seeds.push({ name, gain: gain.slice(1) });
    }
    // Greedy seeds: each adds no more than the one before it.
    const gains = seeds.map((s) => Number(s.gain));
    for (let i = 1; i < gains.length; i++) expect(gains[i]).toBeLessThanOrEqual(gains[i - 1] ?? Infinity);
    expect(await atlas('highlightKey')).toBe('plan:seeds');
    expect(await atlas('highlightedNodes')).toBe(SEEDS);
    await expect.poll(() => atlas('highlightedInView'), { timeout: 10_000 }).toBe(SEEDS);
    await planner.scrollIntoViewIfNeeded();
    await picture('journey-marketer-3-plan');
  });

  it('adds the seeds to the target list and exports it as CSV: the plan’s reason kept, scores not cut', async () => {
    await page.getByTestId('plan-to-targets').click();
    const items = page.getByTestId('target-item');
    await expect.poll(() => items.count()).toBe(SEEDS);
    expect((await items.allTextContents()).map((t) => t.trim())).toEqual(seeds.map((s) => s.name));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('target-export').click()]);
    const [header, ...rows] = parseCsv(readFileSync(await download.path(), 'utf8'));
    if (header === undefined) throw new Error('empty CSV');
    const column = (name: string): number => header.indexOf(name);
    for (const name of ['name', 'pagerank', 'betweenness', 'why', 'added_from', 'added_because'])
      expect(column(name)).toBeGreaterThan(-1);
    expect(rows).toHaveLength(SEEDS);
    const pageranks: string[] = [];
    rows.forEach((row, i) => {
      const seed = seeds[i]!;
      expect(row[column('name')]).toBe(seed.name);
      expect(row[column('added_from')]).toBe('engagement plan');
      // The reason the page gave, with the figure it showed.
      expect(row[column('added_because')]).toMatch(
        new RegExp(`^adds ${seed.gain.replace('.', '\\.')} expected contacts \\(seed ${i + 1}\\): adds about `),
      );
      expect(row[column('why')]).not.toBe('');
      pageranks.push(row[column('pagerank')] ?? '');
    });
    // PageRank on the demo is around 1/2,000: four decimals would leave one digit; the CSV keeps up to six.
    for (const pr of pageranks) expect(Number(pr)).toBeGreaterThan(0);
    expect(Math.max(...pageranks.map(significantDigits))).toBeGreaterThan(3);
    await page.getByTestId('target-list').scrollIntoViewIfNeeded();
    await picture('journey-marketer-4-target-list');
  });

  it('saves the plan with an owner, to follow it through', async () => {
    const planner = page.getByTestId('engagement-planner');
    const form = planner.getByTestId('plan-save-form');
    await form.getByTestId('plan-name').fill(PLAN_NAME);
    const owner = await form.getByTestId('plan-owner').locator('option').nth(1).getAttribute('value');
    if (owner === null) throw new Error('no employee to own the actions');
    await form.getByTestId('plan-owner').selectOption(owner);
    expect(await form.getByTestId('plan-save').textContent()).toContain(`(${SEEDS} actions)`);
    await form.getByTestId('plan-save').click();
    await expect.poll(() => form.getByRole('status').textContent(), { timeout: 30_000 }).toContain(PLAN_NAME);
    const saved = page.getByTestId('saved-plans').getByTestId('saved-plan').filter({ hasText: PLAN_NAME });
    await expect.poll(() => saved.count(), { timeout: 30_000 }).toBe(1);
    expect(await saved.getByTestId('plan-progress').textContent()).toContain(`0 done · ${SEEDS} open`);
    await saved.getByRole('button', { name: PLAN_NAME }).click();
    const detail = page.getByTestId('saved-plan-detail');
    await expect.poll(() => detail.getByTestId('plan-action').count(), { timeout: 30_000 }).toBe(SEEDS);
    await detail.scrollIntoViewIfNeeded();
    await picture('journey-marketer-5-saved-plan');
    expect(pageErrors).toEqual([]);
  });
});
