// The key step of each journey (strategist, marketer, partnership team) in the page on a 100,000-stakeholder
// ecosystem: a fresh embedded Neo4j of its own, loaded with the seeded generator's ecosystem through the offline bulk
// path (decision 075), one complete Node analysis run with its layout, the app served on it, then headless Chromium.
// Each step asserts what the page shows and keeps a picture (docs/images/journey-100k-*.png); the time of each step
// and the load average are printed, never asserted. Whatever fails, the Neo4j, the server and the temp folder go.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeEcosystem } from '../../seeds/generate.js';
import { createApp, type AtlasApp } from '../../server/src/app.js';
import { hashPassword } from '../../server/src/auth/passwords.js';
import { hashSecret, newApiToken, newId } from '../../server/src/auth/secrets.js';
import { ensureClientBuilt } from '../../server/src/client-build.js';
import { loadConfig } from '../../server/src/config.js';
import type { Database } from '../../server/src/db/database.js';
import type { EmbeddedNeo4j } from '../../server/src/db/embedded-neo4j.js';
import { createHttpServer } from '../../server/src/http-server.js';
import { bulkLoad } from '../../server/src/import/bulk-load.js';
import { readImportInput } from '../../server/src/import/read-input.js';
import { createApiToken, createUser } from '../../server/src/store/access.js';
import type { CommunityMapTestHook } from '../../client/src/lib/community-map-hook';
import { launchChromium, pageGql, screenshot, signIn, waitUntilSettled } from '../helpers/browser.js';

/**
 * 100,000 stakeholders with 300,000 ties: the density of issue 11's own 50k figure (50,000 / 150,000), which keeps
 * the whole file within about five minutes on a quiet machine (1,000,000 ties would triple the load and the run).
 */
const STAKEHOLDERS = 100_000;
const TIES = 300_000;
const SEED = 11;
/** This file's Neo4j: 3 GiB of heap and 768 MiB of page cache (the store is ~0.3 GiB), under the 4 GiB asked. */
const NEO4J_HEAP = '3g';
const NEO4J_PAGE_CACHE = '768m';
/** Seeds of the marketer's engagement plan. */
const K = 5;
/** Generous waits: the machine may be shared; times are printed, not asserted. */
const SLOW = 600_000;

const images = fileURLToPath(new URL('../../docs/images/', import.meta.url));

// ---- step times, printed with the load average ----

interface StepTime {
  step: string;
  seconds: number;
  load: string;
}
const times: StepTime[] = [];
const loadAverage = (): string =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ');

async function timed<T>(step: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  const entry = { step, seconds: Number(((performance.now() - started) / 1000).toFixed(2)), load: loadAverage() };
  times.push(entry);
  console.log(`[100k] ${step}: ${entry.seconds} s (load ${entry.load})`);
  return result;
}

// ---- what this file started, undone in reverse order whatever happens ----

const cleanups: Array<() => Promise<void> | void> = [];
let closing = false;

/**
 * Keeps `cleanup` for the end; when the end came first (a setup hook that timed out goes on running), runs it at once
 * and stops the setup there.
 */
async function own(cleanup: () => Promise<void> | void): Promise<void> {
  if (!closing) {
    cleanups.push(cleanup);
    return;
  }
  await cleanup();
  throw new Error('the file was cleaned up while it was being set up');
}

let browser: Browser | undefined;
let page: Page;
let appUrl = '';
let token = '';
let app: AtlasApp;
const admin = { name: 'e2e-100k-admin', password: randomBytes(18).toString('base64url') };
const pageErrors: string[] = [];

interface MapCommunity {
  id: string;
  name: string;
  members: number;
}
let communities: MapCommunity[] = [];
let links: Array<{ source: string; target: string; ties: number }> = [];
/** The community the strategist expands, and the marketer's segment. */
let largest: MapCommunity;

/** GraphQL through the in-process app as the admin (before any page is open). */
async function api<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await app.fetch('http://127.0.0.1/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify({ query, variables }),
  });
  const { data, errors } = (await response.json()) as { data?: T | null; errors?: Array<{ message: string }> };
  if (errors !== undefined || data === undefined || data === null) throw new Error(JSON.stringify(errors));
  return data;
}

/** Starts a Node analysis run and waits until it is complete; its phase timings are printed. */
async function runAnalysis(): Promise<void> {
  const { runAnalysis: run } = await api<{ runAnalysis: { id: string } }>(
    'mutation { runAnalysis(input: { engine: NODE }) { id } }',
  );
  for (;;) {
    const { analysisRun } = await api<{
      analysisRun: {
        status: string;
        error: string | null;
        timings: Array<{ phase: string; milliseconds: number }>;
        summary: { nodes: number; communities: number; modularity: number } | null;
      };
    }>(
      'query($id: ID!) { analysisRun(id: $id) { status error timings { phase milliseconds } summary { nodes communities modularity } } }',
      { id: run.id },
    );
    if (analysisRun.status === 'FAILED') throw new Error(`the analysis run failed: ${analysisRun.error ?? ''}`);
    if (analysisRun.status === 'COMPLETE') {
      const phases = Object.fromEntries(analysisRun.timings.map((t) => [t.phase, Math.round(t.milliseconds)]));
      console.log(`[100k] run phases (ms): ${JSON.stringify(phases)}`);
      console.log(`[100k] run summary: ${JSON.stringify(analysisRun.summary)}`);
      expect(analysisRun.summary?.nodes).toBe(STAKEHOLDERS);
      expect(phases['analysis.layout']).toBeDefined();
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Calls one probe of `window.__atlasCommunityMap`. */
function mapHook<K extends keyof CommunityMapTestHook>(
  key: K,
  ...args: Parameters<CommunityMapTestHook[K]>
): Promise<ReturnType<CommunityMapTestHook[K]>> {
  return page.evaluate(
    ([k, a]) => {
      const probe = window.__atlasCommunityMap;
      if (probe === undefined) throw new Error('window.__atlasCommunityMap is not set');
      return (probe[k] as (...xs: unknown[]) => unknown)(...a);
    },
    [key, args] as const,
  ) as Promise<ReturnType<CommunityMapTestHook[K]>>;
}

/** Stakeholders in these communities as the network filter counts them (overlapping members included). */
async function memberTotal(...ids: string[]): Promise<number> {
  const { network } = await pageGql<{ network: { attributes: { totalNodes: number } } }>(
    page,
    'query($ids: [ID!]) { network(filter: { communities: $ids }, limit: 1) { attributes { totalNodes } } }',
    { ids },
  );
  return network.attributes.totalNodes;
}

/** A picture for the README (docs/images) and the usual artifact. */
async function picture(name: string): Promise<void> {
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${images}${name}.png` });
  await screenshot(page, name, 0);
}

/**
 * Opens a tab and waits for one of its panels. Where the community map's tabs offer only the switch to the
 * stakeholders' map ("The analyses and actions work on the stakeholders' map"), the switch is taken, as a person
 * would; the map the step ran on is returned and printed.
 */
async function openPanel(tab: 'analyse' | 'act', panel: string): Promise<'community map' | 'stakeholders'> {
  await page.getByTestId(`tab-${tab}`).click();
  const target = page.getByTestId(panel);
  const toStakeholders = page.getByRole('button', { name: 'Show the stakeholders' });
  await target.or(toStakeholders).first().waitFor({ timeout: 300_000 });
  if ((await target.count()) === 0) {
    await timed(`switch to the stakeholders' map (for ${panel})`, async () => {
      await toStakeholders.click();
      // The stakeholders' map of a large ecosystem loads a slice of up to 100,000 ties: minutes on a loaded machine.
      await page.waitForFunction(() => window.__atlas?.tiesLoading() === false, null, { timeout: 600_000 });
    });
    await waitUntilSettled(page);
    await page.getByTestId(`tab-${tab}`).click();
    await target.waitFor({ timeout: 60_000 });
  }
  const map = (await page.getByTestId('map-choice-communities').isChecked()) ? 'community map' : 'stakeholders';
  console.log(`[100k] ${panel} opened on the ${map}`);
  return map;
}

beforeAll(async () => {
  const work = mkdtempSync(join(tmpdir(), 'atlas-e2e-100k-'));
  await own(() => rmSync(work, { recursive: true, force: true }));
  const config = { ...loadConfig(), port: 0, logLevel: 'error' as const };

  // The ecosystem, generated and loaded through the offline bulk path into this file's own store.
  const bundle = join(work, 'bundle');
  await timed('generate the ecosystem', () =>
    writeEcosystem(bundle, { stakeholders: STAKEHOLDERS, ties: TIES, interactions: 0, seed: SEED }),
  );
  const loaded = await timed('bulk load (parse, plan, CSV, importer, start, migrations)', async () => {
    const parsed = await readImportInput(bundle);
    if (parsed.errors.length > 0) throw new Error(`the generated bundle has errors: ${parsed.errors[0]?.message}`);
    return bulkLoad(parsed, {
      embedded: {
        ...config.embedded,
        homeDir: join(work, 'neo4j'),
        boltPort: 0,
        heap: NEO4J_HEAP,
        pageCache: NEO4J_PAGE_CACHE,
        ephemeral: true,
      },
      database: config.database,
      timeouts: { readMs: config.txTimeoutMs, writeMs: config.writeTxTimeoutMs },
      importerHeap: '1g',
      importerOffHeap: '1g',
      log: (line) => console.log(`[100k bulk] ${line}`),
    });
  });
  const neo4j: EmbeddedNeo4j | undefined = loaded.neo4j;
  const db: Database | undefined = loaded.db;
  if (neo4j !== undefined) await own(() => neo4j.stop());
  if (db !== undefined) await own(() => db.driver.close());
  expect(loaded.report.ok).toBe(true);
  expect(loaded.report.counts.stakeholders).toBe(STAKEHOLDERS);
  console.log(`[100k] bulk phases (ms): ${JSON.stringify(loaded.phases)}; counts ${JSON.stringify(loaded.report.counts)}`);
  if (db === undefined) throw new Error('the bulk load returned no database');
  rmSync(bundle, { recursive: true, force: true });

  // An admin who signs in through the page, with a token for the setup's own requests.
  if (!(await createUser(db, admin.name, 'admin', await hashPassword(admin.password)))) throw new Error('admin exists');
  token = newApiToken();
  await createApiToken(db, admin.name, { id: newId(), name: 'e2e-100k', hash: hashSecret(token), expiresAt: null });

  app = createApp({ db, config });
  const server: Server = createHttpServer(
    app,
    ensureClientBuilt((line) => console.log(`[100k] ${line}`)),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await own(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  await timed('analysis run (Node engine, with the layout)', runAnalysis);
  ({
    communityMap: { communities, links },
  } = await api<{ communityMap: { communities: MapCommunity[]; links: typeof links } }>(
    '{ communityMap { communities { id name members } links { source target ties } } }',
  ));
  communities.sort((a, b) => b.members - a.members);
  largest = communities[0]!;
  console.log(`[100k] ${communities.length} communities, ${links.length} links, largest ${largest.members} members`);

  browser = await launchChromium();
  await own(() => browser?.close());
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await signIn(page, appUrl, admin);
}, SLOW * 3);

afterAll(async () => {
  closing = true;
  if (times.length > 0) console.table(times);
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      await cleanup();
    } catch (error) {
      console.log(`[100k] cleanup: ${String(error)}`);
    }
  }
}, SLOW);

describe('journeys on 100,000 stakeholders', () => {
  it(
    'strategist: the community map opens, a community expands in place, its members counted',
    async () => {
      await timed('strategist: community map, first frame', async () => {
        await page.goto(appUrl);
        await page.waitForFunction(() => (window.__atlasCommunityMap?.renders() ?? 0) > 0, null, { timeout: 120_000 });
      });
      expect(await page.getByTestId('map-choice-communities').isChecked()).toBe(true);
      expect(await mapHook('communityNodes')).toBe(communities.length);
      expect(await mapHook('memberNodes')).toBe(0);
      expect(await mapHook('edges')).toBe(links.length);
      // The panel's header: how many communities, how many members (each stakeholder in its strongest one).
      const members = communities.reduce((sum, c) => sum + c.members, 0);
      expect(members).toBe(STAKEHOLDERS);
      expect(await page.getByTestId('community-map-panel').textContent()).toContain(
        `(${communities.length.toLocaleString('en-GB')}, ${members.toLocaleString('en-GB')} members)`,
      );
      await picture('journey-100k-0-community-map');

      await timed(`strategist: expand the largest community (${largest.members} members)`, async () => {
        const point = await mapHook('viewportOf', `community:${largest.id}`);
        const box = await page.getByTestId('community-map').boundingBox();
        if (point === null || box === null) throw new Error('the largest community is not on the map');
        await page.mouse.click(box.x + point.x, box.y + point.y);
        await expect.poll(() => mapHook('membersOf', largest.id), { timeout: 120_000 }).toBeGreaterThan(0);
      });
      expect(await mapHook('hasCommunityNode', largest.id)).toBe(false);
      expect(await mapHook('communityNodes')).toBe(communities.length - 1);
      // Every member the server counts in the community is drawn, and the list says how many it holds.
      expect(await mapHook('membersOf', largest.id)).toBe(await memberTotal(largest.id));
      expect(await page.getByTestId('members-truncated').count()).toBe(0);
      const row = page.getByTestId('community-list').locator('li', { has: page.getByTestId(`expand-${largest.id}`) });
      expect(await row.textContent()).toContain(largest.members.toLocaleString('en-GB'));
      expect(await page.getByTestId(`expand-${largest.id}`).isChecked()).toBe(true);
      expect(new URL(page.url()).searchParams.get('expand')).toBe(largest.id);
      await page.waitForTimeout(800); // the camera's move onto the members
      await picture('journey-100k-1-expanded');
      expect(pageErrors).toEqual([]);
    },
    SLOW,
  );

  it(
    'marketer: the influencer leaderboard for a segment, an engagement plan for it, its seeds on the target list',
    async () => {
      // The segment: the customers of the community the strategist expanded.
      const map = await openPanel('analyse', 'influencers');
      const names = await timed(`marketer: leaderboard, customers of the largest community (${map})`, async () => {
        await page.getByTestId('inf-role-CUSTOMER').check();
        await page.getByTestId('inf-community').selectOption(largest.id);
        const { influencers } = await pageGql<{ influencers: Array<{ stakeholder: { name: string } }> }>(
          page,
          'query($s: SegmentInput) { influencers(segment: $s, metric: PAGERANK, first: 15) { stakeholder { name } } }',
          { s: { roles: ['CUSTOMER'], community: largest.id } },
        );
        expect(influencers.length).toBeGreaterThan(0);
        const expected = influencers.map((r) => r.stakeholder.name);
        // The rows the page shows are the API's, in its order.
        await expect
          .poll(async () => (await page.getByTestId('inf-row').allTextContents()).map((s) => s.trim()), { timeout: 60_000 })
          .toEqual(expected);
        return expected;
      });
      await page.getByTestId('influencers').scrollIntoViewIfNeeded();
      await picture('journey-100k-2-leaderboard');

      await openPanel('act', 'engagement-planner');
      // The planner shares the leaderboard's segment: nothing chosen again.
      expect(await page.getByTestId('plan-role-CUSTOMER').isChecked()).toBe(true);
      expect(await page.getByTestId('plan-community').inputValue()).toBe(largest.id);
      await timed(`marketer: engagement plan, k = ${K}`, async () => {
        await page.getByTestId('plan-k').fill(String(K));
        await page.getByTestId('plan-run').click();
        await expect.poll(() => page.getByTestId('plan-seed').count(), { timeout: 180_000 }).toBe(K);
      });
      const reach = (await page.getByTestId('plan-reach').textContent()) ?? '';
      const segmentSize = Number(/of ([\d,]+)/.exec(reach)?.[1]?.replace(/,/g, '') ?? Number.NaN);
      expect(segmentSize).toBeGreaterThanOrEqual(names.length);
      await page.getByTestId('plan-to-targets').click();
      await expect.poll(() => page.getByTestId('target-item').count()).toBe(K);
      await page.getByTestId('engagement-planner').scrollIntoViewIfNeeded();
      await picture('journey-100k-3-plan');
      expect(pageErrors).toEqual([]);
    },
    SLOW,
  );

  it(
    'partnership team: who connects partners and customers, a broker, what if they leave',
    async () => {
      const map = await openPanel('act', 'brokers-between');
      expect(await page.getByTestId('seam-both-PARTNER-CUSTOMER').textContent()).toMatch(/[\d,]+ holds? both roles/);
      await timed(`partnership: brokers between partners and customers (${map})`, async () => {
        await page.getByTestId('seam-PARTNER-CUSTOMER').click();
        await expect.poll(() => page.getByTestId('broker-row').count(), { timeout: 180_000 }).toBeGreaterThan(0);
      });
      expect(await page.getByTestId('broker-row').count()).toBeLessThanOrEqual(10);
      // The top broker goes on the target list (beside the plan's seeds).
      const name = (await page.getByTestId('broker-row').first().getByRole('button').first().textContent())?.trim() ?? '';
      expect(name).not.toBe('');
      const add = page.getByTestId('broker-target').first();
      if (await add.isEnabled()) await add.click(); // disabled when the plan already put them there
      await expect.poll(async () => (await add.textContent())?.trim()).toBe('On the target list');
      await expect
        .poll(async () => (await page.getByTestId('target-item').allTextContents()).some((t) => t.includes(name)))
        .toBe(true);
      expect(await page.getByTestId('target-item').count()).toBeGreaterThanOrEqual(K);
      await page.getByTestId('brokers-between').scrollIntoViewIfNeeded();
      await picture('journey-100k-4-who-connects');

      await timed('partnership: what if the top broker leaves', async () => {
        await page.getByTestId('broker-whatif').first().click();
        await page.getByTestId('whatif-result').waitFor({ timeout: 180_000 });
      });
      expect(await page.getByTestId('tab-analyse').getAttribute('aria-selected')).toBe('true');
      expect((await page.getByTestId('whatif-person').textContent())?.trim()).toContain(name);
      expect(await page.getByTestId('whatif-summary').textContent()).toMatch(/pairs? of contacts lose their shortest path/);
      expect(await page.getByTestId('whatif-community').count()).toBeGreaterThan(0);
      // The before/after pair is drawn on the stakeholders' map only (decision 109); on the community map the
      // summary and the affected communities above are what the page shows.
      if (map === 'stakeholders') {
        await page.getByTestId('whatif-compare').waitFor({ timeout: 60_000 });
        expect(await page.getByTestId('whatif-before').locator('canvas').count()).toBeGreaterThan(0);
        expect(await page.getByTestId('whatif-after').locator('canvas').count()).toBeGreaterThan(0);
      }
      await page.getByTestId('whatif-panel').scrollIntoViewIfNeeded();
      await picture('journey-100k-5-what-if');
      expect(pageErrors).toEqual([]);
    },
    SLOW,
  );
});
