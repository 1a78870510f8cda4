// End-to-end: read the power–interest grid and its two lists (and put one on the target list), read the health lists,
// and assess a stakeholder from their panel.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { execute } from '../../server/src/db/database.js';
import { resetToDemo } from '../helpers/demo-data.js';
import { openTestDatabase } from '../helpers/database.js';
import { bumpDataVersionAlone } from '../../server/src/store/data-version.js';
import { artifacts, launchChromium, pageGql, screenshot, signIn } from '../helpers/browser.js';

const appUrl = inject('appUrl');
let browser: Browser;

beforeAll(async () => {
  await resetToDemo();
  // The lists are read for the stories planted below: start without the demo's own interactions and assessments.
  const t = await openTestDatabase();
  try {
    for (const statement of [
      'MATCH (i:Interaction) DETACH DELETE i',
      'MATCH ()-[x:RELATES]->() DELETE x',
      'MATCH (a:Assessment) DETACH DELETE a',
    ])
      await execute(t.db, statement, {}, { mode: 'WRITE' });
    await bumpDataVersionAlone(t.db);
  } finally {
    await t.close();
  }
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function query<T>(cypher: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const t = await openTestDatabase();
  try {
    return await execute<T>(t.db, cypher, params);
  } finally {
    await t.close();
  }
}

const daysAgo = (n: number): string => new Date(Date.now() - n * 86_400_000).toISOString();
const ASSESS = `mutation($s: ID!, $input: AssessmentInput!) { assessStakeholder(stakeholder: $s, input: $input) { id } }`;

describe('assessments and relationship health', () => {
  it('shows the grid, its two lists and the health lists, and records an assessment from the panel', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signIn(page, appUrl);
    // The map need not settle: the grid and the lists live in the side panel.
    await page.waitForFunction(() => window.__atlas !== undefined, null, { timeout: 120_000 });

    // A current run, two assessments that disagree with it, and an interaction that cooled.
    const { runAnalysis } = await pageGql<{ runAnalysis: { id: string } }>(page, 'mutation { runAnalysis { id } }');
    await expect
      .poll(
        async () =>
          (
            await pageGql<{ analysisRun: { status: string } }>(page, 'query($id: ID!) { analysisRun(id: $id) { status } }', {
              id: runAnalysis.id,
            })
          ).analysisRun.status,
        { timeout: 120_000, interval: 500 },
      )
      .toBe('COMPLETE');
    const byPagerank = async (order: 'ASC' | 'DESC') =>
      (
        await query<{ id: string; name: string }>(
          `MATCH (s:Stakeholder)-[:HAS_SCORES]->(x:ScoreSet {run: $run}) WHERE NOT s:Employee
           RETURN s.id AS id, s.name AS name ORDER BY x.pagerank ${order}, s.id LIMIT 1`,
          { run: runAnalysis.id },
        )
      )[0]!;
    const central = await byPagerank('DESC');
    const peripheral = await byPagerank('ASC');
    await pageGql(page, ASSESS, { s: peripheral.id, input: { power: 5, interest: 4, attitude: 3 } });
    await pageGql(page, ASSESS, { s: central.id, input: { power: 2, interest: 2, attitude: 2, note: 'Quiet so far' } });
    const [pair] = await query<{ contact: string; contactName: string; account: string; employee: string; employeeName: string }>(
      `MATCH (o:Stakeholder:Customer {kind: 'ORGANISATION'}), (p:Stakeholder {kind: 'PERSON'}) WHERE p.organisation = o.name AND NOT p:Employee
       WITH o, p ORDER BY o.id, p.id LIMIT 1
       MATCH (e:Employee) WITH o, p, e ORDER BY e.id LIMIT 1
       RETURN p.id AS contact, p.name AS contactName, o.name AS account, e.id AS employee, e.name AS employeeName`,
    );
    await pageGql(page, 'mutation($input: LogInteractionInput!) { logInteraction(input: $input) { interaction { id } } }', {
      input: { at: daysAgo(120), channel: 'MEETING', participants: [pair!.contact], owner: pair!.employee },
    });

    // The Analyse tab mounts the grid and the health view now, after the stories above were written.
    await page.getByTestId('tab-analyse').click();
    const grid = page.getByTestId('power-interest');
    await grid.getByTestId('grid-cell-5-4').waitFor({ timeout: 30_000 });
    expect(await grid.getByTestId('grid-cell-5-4').textContent()).toContain(peripheral.name);
    expect(await grid.getByTestId('grid-cell-2-2').textContent()).toContain(central.name);
    const peripheralList = grid.getByTestId('powerful-peripheral');
    expect(await peripheralList.textContent()).toContain(peripheral.name);
    expect(await peripheralList.textContent()).not.toContain(central.name);
    const brokers = grid.getByTestId('unrated-brokers');
    expect(await brokers.locator('li').count()).toBeGreaterThan(0);
    await peripheralList.getByTestId('grid-target').first().click();
    await expect.poll(() => peripheralList.getByTestId('grid-target').first().textContent()).toContain('✓');
    await grid.screenshot({ path: `${artifacts}power-interest-grid.png` });

    const health = page.getByTestId('health');
    await health.scrollIntoViewIfNeeded();
    await expect.poll(() => health.getByTestId('health-cooling').textContent(), { timeout: 30_000 }).toContain(pair!.contactName);
    expect(await health.getByTestId('health-cooling').textContent()).toContain(pair!.employeeName);
    expect(await health.getByTestId('health-single-threaded').textContent()).toContain(pair!.account);
    expect(await health.getByTestId('health-unowned').locator('li').count()).toBeGreaterThan(0);
    await health.screenshot({ path: `${artifacts}relationship-health.png` });

    // The target list holds the person added from the grid.
    await page.getByTestId('tab-act').click();
    await expect.poll(() => page.getByTestId('target-list').textContent(), { timeout: 10_000 }).toContain(peripheral.name);

    // Assess from the panel: the new assessment becomes the latest, the earlier one stays in the history.
    await page.getByTestId('tab-analyse').click();
    await grid.getByTestId('grid-cell-2-2').getByRole('button', { name: central.name }).click();
    const section = page.getByTestId('assessments');
    await expect.poll(() => section.getByTestId('assessment-latest').textContent(), { timeout: 30_000 }).toMatch(/Power\s*2/);
    expect(await section.getByTestId('assessment-network').textContent()).toContain('PageRank 99th percentile');
    await section.getByRole('button', { name: 'Assess' }).click();
    const form = section.getByRole('form', { name: 'Assess' });
    await form.getByLabel('Power').selectOption('4');
    await form.getByLabel('Interest').selectOption('5');
    await form.getByLabel('Attitude').selectOption('5');
    await form.getByLabel('Note').fill('Backs the pilot');
    await form.getByRole('button', { name: 'Save assessment' }).click();
    await expect.poll(() => section.getByTestId('assessment-latest').textContent(), { timeout: 30_000 }).toMatch(/Power\s*4/);
    expect(await section.getByTestId('assessment').count()).toBe(2);
    expect(await section.textContent()).toContain('Backs the pilot');
    await screenshot(page, 'assessments-panel');
    expect(errors).toEqual([]);
    await context.close();
  }, 600_000);
});
