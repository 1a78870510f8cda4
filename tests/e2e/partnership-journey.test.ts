// The partnership team's journey on the demo, in the page: the first-run tour; where partners, suppliers and customers
// meet and who connects them; what if that person leaves (what splits, which pairs lose their shortest path, before and
// after side by side); a planted broker whose departure splits a community; brokerage roles on the panel and as a map
// filter; the history of runs (compare two, an older one on the map, kept in the URL). Screenshots of the journey are
// kept in docs/images/ for the README.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { resetToDemo } from '../helpers/demo-data.js';
import { callAtlas, launchChromium, pageGql, screenshot, signIn, waitUntilSettled } from '../helpers/browser.js';
import type { AtlasTestHook } from '../../client/src/lib/test-hook';

const appUrl = inject('appUrl');
const images = fileURLToPath(new URL('../../docs/images/', import.meta.url));
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

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

/** axe-core's serious and critical violations, on the whole page or on the parts named by their test ids. */
async function seriousViolations(parts: string[] = []): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async (ids) => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: object) => Promise<unknown> } }).axe;
    const context = ids.length === 0 ? document : { include: ids.map((id) => [`[data-testid="${id}"]`]) };
    const result = (await axe.run(context, { resultTypes: ['violations'] })) as {
      violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: string[] }> }>;
    };
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.impact ?? ''} ${v.id}: ${n.target.join(' ')}`));
  }, parts);
}

/** Starts an analysis through the API as the signed-in page and waits for it to complete. */
async function runAnalysis(input: Record<string, unknown>): Promise<string> {
  const { runAnalysis } = await pageGql<{ runAnalysis: { id: string } }>(
    page,
    'mutation($input: AnalysisInput) { runAnalysis(input: $input) { id } }',
    { input },
  );
  await expect
    .poll(
      async () =>
        (
          await pageGql<{ analysisRun: { status: string } }>(page, 'query($id: ID!) { analysisRun(id: $id) { status } }', {
            id: runAnalysis.id,
          })
        ).analysisRun.status,
      { timeout: 170_000, interval: 1000 },
    )
    .toBe('COMPLETE');
  return runAnalysis.id;
}

let olderRun = '';
let currentRun = '';

beforeAll(async () => {
  await resetToDemo();
  browser = await launchChromium({ tour: true });
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await signIn(page, appUrl);
  await waitUntilSettled(page);
});

afterAll(async () => {
  await browser?.close();
});

describe('journey: partnership team', () => {
  it('a first-run tour of three steps: dismissed for good, back from Help, accessible', async () => {
    const tour = page.getByTestId('tour');
    await tour.waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('tour-step').textContent()).toBe('1 of 3');
    expect(await seriousViolations()).toEqual([]);
    await picture('journey-partnership-0-tour');
    await page.getByTestId('tour-next').click();
    expect(await page.getByTestId('tour-step').textContent()).toBe('2 of 3');
    expect(await page.getByTestId('tab-analyse').getAttribute('aria-selected')).toBe('true');
    await page.getByTestId('tour-next').click();
    expect(await page.getByTestId('tour-step').textContent()).toBe('3 of 3');
    expect(await page.getByTestId('tab-act').getAttribute('aria-selected')).toBe('true');
    await page.getByTestId('tour-done').click();
    expect(await tour.count()).toBe(0);
    // Never again once dismissed (same user, same browser)…
    await page.reload();
    await waitUntilSettled(page);
    await page.waitForTimeout(1000);
    expect(await page.getByTestId('tour').count()).toBe(0);
    // …but Help brings it back, and Escape or Skip closes it.
    await page.getByTestId('help').click();
    await tour.waitFor();
    expect(await page.getByTestId('tour-step').textContent()).toBe('1 of 3');
    await page.getByTestId('tour-close').click();
    expect(await tour.count()).toBe(0);
  });

  it('two analysis runs, so that brokerage roles and a history exist', async () => {
    olderRun = await runAnalysis({ seed: 7, resolution: 0.8 });
    currentRun = await runAnalysis({ seed: 42 });
    await page.reload();
    await waitUntilSettled(page);
  });

  it('where partners, suppliers and customers meet, and who connects them', async () => {
    await page.getByTestId('tab-act').click();
    const seam = page.getByTestId('seam-both-PARTNER-CUSTOMER');
    expect(await seam.textContent()).toMatch(/\d+ holds? both roles/);
    await page.getByTestId('seam-PARTNER-CUSTOMER').click();
    await expect.poll(() => page.getByTestId('broker-row').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    expect(await atlas('highlightKey')).toBe('brokers:role:PARTNER:role:CUSTOMER');
    expect(await atlas('highlightedNodes')).toBeGreaterThan(0);
    await page.getByTestId('broker-target').first().click();
    await expect.poll(() => page.getByTestId('target-item').count()).toBeGreaterThan(0);
    await page.getByTestId('brokers-between').scrollIntoViewIfNeeded();
    await picture('journey-partnership-1-who-connects');
  });

  it('what if that person leaves: what splits, which pairs lose their shortest path, before and after side by side', async () => {
    const name = (await page.getByTestId('broker-row').first().getByRole('button').first().textContent())?.trim();
    await page.getByTestId('broker-whatif').first().click();
    await page.getByTestId('whatif-result').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('tab-analyse').getAttribute('aria-selected')).toBe('true');
    expect((await page.getByTestId('whatif-person').textContent())?.trim()).toContain(name ?? '');
    expect(await page.getByTestId('whatif-summary').textContent()).toMatch(/pairs? of contacts lose their shortest path/);
    expect(await page.getByTestId('whatif-community').count()).toBeGreaterThan(0);
    await page.getByTestId('whatif-compare').waitFor();
    expect(await page.getByTestId('whatif-before').locator('canvas').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('whatif-after').locator('canvas').count()).toBeGreaterThan(0);
    expect(await atlas('highlightKey')).toBe('whatif:removed');
    await page.getByTestId('whatif-panel').scrollIntoViewIfNeeded();
    // This journey's panels (the declared-vs-detected table above them is the Analyse tab's own check).
    expect(await seriousViolations(['whatif-panel', 'whatif-compare', 'run-history'])).toEqual([]);
    await picture('journey-partnership-2-what-if');
    await page.getByTestId('whatif-compare-close').click();
  });

  it('removing a planted broker that holds a community together: the page lists the split', async () => {
    // A stakeholder whose departure alone splits a declared community (a single point of failure the API names).
    const { stakeholders } = await pageGql<{ stakeholders: { edges: Array<{ node: { id: string } }> } }>(
      page,
      '{ stakeholders(first: 40, orderBy: DEGREE) { edges { node { id } } } }',
    ).catch(() => ({ stakeholders: { edges: [] as Array<{ node: { id: string } }> } }));
    let broker: { id: string; name: string; community: string } | null = null;
    const ids = stakeholders.edges.map((e) => e.node.id);
    const hubs = ids.length > 0 ? ids : (await atlas('topNodes', 40)).map((n) => n.key);
    for (const id of hubs) {
      const { whatIf } = await pageGql<{
        whatIf: { singlePointsOfFailure: Array<{ stakeholder: { id: string; name: string }; community: { id: string } }> };
      }>(
        page,
        'query($r: [ID!]!) { whatIf(remove: $r) { singlePointsOfFailure { stakeholder { id name } community { id } } } }',
        {
          r: [id],
        },
      );
      const point = whatIf.singlePointsOfFailure[0];
      if (point !== undefined) {
        broker = { id: point.stakeholder.id, name: point.stakeholder.name, community: point.community.id };
        break;
      }
    }
    if (broker === null) throw new Error('the demo has no single point of failure near its hubs');
    await page.getByTestId('tab-analyse').click();
    await page.getByTestId('whatif-panel').getByRole('button', { name: 'Clear', exact: true }).click();
    await page.getByTestId('whatif-search-input').fill(broker.name);
    await page.getByTestId('whatif-search-results').getByRole('option', { name: broker.name }).first().click();
    await page.getByTestId('whatif-communities-declared').check();
    await page.getByTestId('whatif-run').click();
    await expect
      .poll(() => page.locator('[data-testid="whatif-community"][data-split="true"]').count(), { timeout: 60_000 })
      .toBeGreaterThan(0);
    await picture('journey-partnership-3-split');
    await page.getByTestId('whatif-compare-close').click();
  });

  it('brokerage roles on the stakeholder panel and as a map filter', async () => {
    await page.getByTestId('tab-act').click();
    await page.getByTestId('broker-row').first().getByRole('button').first().click();
    await page.getByTestId('brokerage-roles').waitFor();
    await expect.poll(() => page.getByTestId('brokerage-role').count(), { timeout: 15_000 }).toBe(5);
    const counts = await page
      .getByTestId('brokerage-role')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
    expect(counts.some((n) => n > 0)).toBe(true);
    await page.getByRole('button', { name: 'Close details' }).click();
    await page.getByTestId('tab-explore').click();
    await page.getByTestId('brokerage-filter-role').selectOption('gatekeeper');
    await expect.poll(() => atlas('highlightKey'), { timeout: 30_000 }).toBe('brokerage:gatekeeper');
    expect(await atlas('highlightedNodes')).toBeGreaterThan(0);
    await picture('journey-partnership-4-brokerage-filter');
    await page.getByTestId('brokerage-filter-role').selectOption('');
    await expect.poll(() => atlas('highlightKey')).toBeNull();
  });

  it('the history of runs: compare two, show the older one on the map, the URL keeps it', async () => {
    await page.getByTestId('tab-analyse').click();
    await expect.poll(() => page.getByTestId('run-row').count()).toBeGreaterThanOrEqual(2);
    const table = page.getByTestId('run-compare');
    await table.waitFor();
    expect(await table.textContent()).toContain('Modularity');
    // The what-if done: cleared (its highlight too). Coloured by detected community, the older run's communities show.
    await page.getByTestId('tab-analyse').click();
    await page.getByTestId('whatif-panel').getByRole('button', { name: 'Clear', exact: true }).click();
    await page.getByTestId('tab-explore').click();
    const clearHighlight = page.getByRole('button', { name: 'Clear highlight' });
    if ((await clearHighlight.count()) > 0) await clearHighlight.first().click();
    await expect.poll(() => atlas('highlightKey')).toBeNull();
    await page.getByRole('button', { name: 'Reset view' }).click();
    await page.getByRole('radio', { name: 'Detected' }).check();
    await page.getByTestId('tab-analyse').click();
    const older = page.locator(`[data-testid="run-row"][data-run="${olderRun}"]`);
    await older.getByTestId('run-show').click();
    await page.getByTestId('older-run-note').waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).searchParams.get('run')).toBe(olderRun);
    await page.getByTestId('run-history').scrollIntoViewIfNeeded();
    await picture('journey-partnership-5-runs');
    // A copied link opens the older run again.
    await page.goto(page.url());
    await waitUntilSettled(page);
    await page.getByTestId('older-run-note').waitFor({ timeout: 30_000 });
    await page.getByTestId('older-run-back').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('run')).toBeNull();
    expect(currentRun).not.toBe('');
    expect(pageErrors).toEqual([]);
  });
});
