// End-to-end journeys of issue 10 §4–5: read the community evolution between two analysis runs (alluvial chart and
// events), play the date window on the map (the network grows; the URL keeps the window), and follow a saved
// engagement plan to its measured effect (save, log an interaction with a seed, progress, effect, edit an action).
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
const gql = <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => pageGql<T>(page, query, variables);
const isoDay = (daysFromToday: number): string => new Date(Date.now() + daysFromToday * 86_400_000).toISOString().slice(0, 10);

/** Runs an analysis through the API and waits until it is complete. */
async function runAnalysis(input: Record<string, unknown>): Promise<string> {
  const { runAnalysis: run } = await gql<{ runAnalysis: { id: string } }>(
    'mutation($input: AnalysisInput) { runAnalysis(input: $input) { id } }',
    { input },
  );
  for (let i = 0; i < 480; i++) {
    const { analysisRun } = await gql<{ analysisRun: { status: string } | null }>(
      'query($id: ID!) { analysisRun(id: $id) { status } }',
      {
        id: run.id,
      },
    );
    if (analysisRun?.status === 'COMPLETE') return run.id;
    if (analysisRun?.status === 'FAILED') throw new Error('the analysis failed');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the analysis did not finish in 4 minutes');
}

beforeAll(async () => {
  // The plan's progress counts interactions inside its window: start without the demo's own.
  await resetToDemo({ interactions: false });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await signIn(page, appUrl);
});

afterAll(async () => {
  await browser?.close();
});

describe('time', () => {
  it('plays the date window: the network grows with the window, and the URL keeps it', { timeout: 300_000 }, async () => {
    await waitUntilSettled(page);
    const total = await atlas('visibleNodes');
    const window = page.getByTestId('date-window');
    const until = window.getByTestId('window-until-range');
    const [min, max] = await until.evaluate((el: HTMLInputElement) => [Number(el.min), Number(el.max)]);
    expect(max).toBeGreaterThan(min);
    // A window over the first third of the ties' dates shows fewer stakeholders.
    await until.fill(String(Math.round(min + (max - min) / 3)));
    await expect.poll(() => atlas('visibleNodes')).toBeLessThan(total);
    // Only the window moved: sigma repainted what it changed rather than every node and tie (decision 114).
    expect(await page.evaluate(() => performance.getEntriesByName('atlas:partial-refresh').length)).toBeGreaterThan(0);
    await expect.poll(() => new URL(page.url()).searchParams.get('until')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const early = await atlas('visibleNodes');

    // Play from the window's start: the end moves to the last date, and the map grows as it goes.
    await until.fill(String(min + 1));
    await window.getByTestId('window-play').click();
    await expect.poll(() => window.getByTestId('window-pause').count()).toBe(1);
    const seen: number[] = [];
    for (let i = 0; i < 60 && (await window.getByTestId('window-pause').count()) > 0; i++) {
      seen.push(await atlas('visibleNodes'));
      if (i === 10) await screenshot(page, 'date-window-playing', 0);
      await page.waitForTimeout(250);
    }
    await expect.poll(() => window.getByTestId('window-play').count(), { timeout: 30_000 }).toBe(1);
    expect(seen.length).toBeGreaterThan(3);
    expect(Math.max(...seen)).toBeGreaterThan(Math.min(...seen));
    expect(Math.max(...seen)).toBeGreaterThanOrEqual(early);
    // Played to the end: the whole range again, nothing left out but undated ties.
    await expect.poll(() => new URL(page.url()).searchParams.get('until')).toBeNull();

    // A link with a window opens with it.
    await page.goto(`${appUrl}?until=${isoDay(-3650)}`);
    await waitUntilSettled(page);
    await expect.poll(() => page.getByTestId('until-filter').inputValue()).toBe(isoDay(-3650));
    expect(pageErrors).toEqual([]);
  });

  it(
    'reads the community evolution between two analysis runs as an alluvial chart and a list of events',
    { timeout: 300_000 },
    async () => {
      await runAnalysis({ resolution: 0.5, seed: 7 });
      await runAnalysis({ resolution: 2, seed: 7 });
      await page.goto(appUrl);
      await waitUntilSettled(page);
      await page.getByTestId('tab-analyse').click();
      const panel = page.getByTestId('community-evolution');
      await expect.poll(() => panel.getByTestId('evolution-from').count(), { timeout: 30_000 }).toBe(1);
      await panel.getByTestId('evolution-compare').click();
      await expect.poll(() => panel.getByTestId('evolution-band').count(), { timeout: 30_000 }).toBeGreaterThan(0);
      // A finer resolution splits communities: the list says so, with member counts.
      await expect.poll(() => panel.getByTestId('evolution-event').count()).toBeGreaterThan(0);
      const kinds = await panel
        .getByTestId('evolution-event')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')));
      expect(kinds).toContain('SPLIT');
      expect(await panel.getByTestId('evolution-event').first().textContent()).toMatch(/members/);
      await panel.scrollIntoViewIfNeeded();
      await screenshot(page, 'community-evolution');
      expect(pageErrors).toEqual([]);
    },
  );

  it('follows a saved engagement plan to its measured effect', { timeout: 300_000 }, async () => {
    await page.getByTestId('tab-act').click();
    const planner = page.getByTestId('engagement-planner');
    await planner.getByTestId('plan-k').fill('3');
    await planner.getByTestId('plan-run').click();
    await expect.poll(() => planner.getByTestId('plan-seed').count(), { timeout: 60_000 }).toBe(3);

    // Save it with a window that has closed (the last 40 days up to yesterday) and an owner for its actions.
    const form = planner.getByTestId('plan-save-form');
    await form.getByTestId('plan-name').fill('Win over the customers');
    await form.getByTestId('plan-starts').fill(isoDay(-40));
    await form.getByTestId('plan-ends').fill(isoDay(-1));
    const owner = await form.getByTestId('plan-owner').locator('option').nth(1).getAttribute('value');
    if (owner === null) throw new Error('no employee to own the actions');
    await form.getByTestId('plan-owner').selectOption(owner);
    await form.getByTestId('plan-save').click();

    const saved = page.getByTestId('saved-plans');
    const item = saved.getByTestId('saved-plan').filter({ hasText: 'Win over the customers' });
    await expect.poll(() => item.count(), { timeout: 30_000 }).toBe(1);
    expect(await item.getByTestId('plan-progress').textContent()).toContain('0 done · 3 open');

    // An interaction with the first seed inside the window completes its action.
    const { engagementPlans } = await gql<{
      engagementPlans: Array<{ name: string; actions: Array<{ stakeholder: { id: string } }> }>;
    }>('{ engagementPlans { name actions { stakeholder { id } } } }');
    const seed = engagementPlans.find((p) => p.name === 'Win over the customers')!.actions[0]!.stakeholder.id;
    await gql('mutation($input: LogInteractionInput!) { logInteraction(input: $input) { interaction { id } } }', {
      input: { at: isoDay(-10), channel: 'MEETING', participants: [seed], owner, sentiment: 2, summary: 'Kick-off' },
    });
    await page.reload();
    await waitUntilSettled(page);
    await page.getByTestId('tab-act').click();
    const again = page.getByTestId('saved-plans').getByTestId('saved-plan').filter({ hasText: 'Win over the customers' });
    await expect.poll(() => again.getByTestId('plan-progress').textContent(), { timeout: 30_000 }).toContain('1 done · 2 open');
    await again.getByRole('button', { name: 'Win over the customers' }).click();
    const detail = page.getByTestId('saved-plan-detail');
    await expect
      .poll(() => detail.locator('[data-testid="plan-action"][data-status="DONE"]').count(), { timeout: 30_000 })
      .toBe(1);
    const effect = detail.getByTestId('plan-effect');
    await expect.poll(() => effect.count(), { timeout: 30_000 }).toBe(1);
    expect(await effect.textContent()).toContain('Engaged (1)');
    // The engaged seed was met in the window and nobody else was: reach and strength rose for it alone.
    expect(await effect.getByTestId('effect-strength').textContent()).toMatch(/^\+\d\.\d\d$/);
    await detail.scrollIntoViewIfNeeded();
    await screenshot(page, 'engagement-follow-through');

    // An editor edits actions in place: the second is dropped (counted apart), the third moved to a later day.
    const second = detail.getByTestId('plan-action').nth(1);
    await second.getByTestId('action-status').selectOption('DROPPED');
    await expect.poll(() => second.getAttribute('data-status'), { timeout: 30_000 }).toBe('DROPPED');
    await expect
      .poll(() => again.getByTestId('plan-progress').textContent(), { timeout: 30_000 })
      .toContain('1 done · 1 dropped · 1 open');
    const third = detail.getByTestId('plan-action').nth(2);
    await third.getByTestId('action-due').fill(isoDay(10));
    const planNamed = async () => {
      const { engagementPlans } = await gql<{
        engagementPlans: Array<{ name: string; progress: { dropped: number }; actions: Array<{ status: string; due: string }> }>;
      }>('{ engagementPlans { name progress { dropped } actions { status due } } }');
      return engagementPlans.find((p) => p.name === 'Win over the customers')!;
    };
    await expect.poll(async () => (await planNamed()).actions[2]!.due, { timeout: 30_000 }).toBe(isoDay(10));
    const edited = await planNamed();
    expect(edited.progress.dropped).toBe(1);
    expect(edited.actions.map((a) => a.status)).toEqual(['DONE', 'DROPPED', 'OPEN']);
    // Read again from the server, the page shows the same.
    await page.reload();
    await waitUntilSettled(page);
    await page.getByTestId('tab-act').click();
    const reread = page.getByTestId('saved-plans').getByTestId('saved-plan').filter({ hasText: 'Win over the customers' });
    await expect
      .poll(() => reread.getByTestId('plan-progress').textContent(), { timeout: 30_000 })
      .toContain('1 done · 1 dropped · 1 open');
    await reread.getByRole('button', { name: 'Win over the customers' }).click();
    await expect
      .poll(() => page.getByTestId('saved-plan-detail').getByTestId('action-status').count(), { timeout: 30_000 })
      .toBe(3);
    await page.getByTestId('saved-plan-detail').scrollIntoViewIfNeeded();
    await screenshot(page, 'engagement-actions-edited');
    expect(pageErrors).toEqual([]);
  });
});
