// End-to-end: the Analyse and Act tabs on the community map (decision 109; the threshold is lowered for the demo).
// Links between collapsed communities fade while a community is expanded; a list highlighted from Analyse (the
// influencer leaderboard) or Act (who connects partners and customers) expands the communities holding it and brings
// its members forward in place; "show on map" from a list expands the person's community and zooms onto them; a run
// finished while the map is shown is offered with its date ("Show it" reloads the map), and an edit of the data since
// the shown run is said.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CommunityMapTestHook } from '../../client/src/lib/community-map-hook';
import { resetToDemo } from '../helpers/demo-data.js';
import { launchChromium, pageGql, screenshot, signIn } from '../helpers/browser.js';

const appUrl = inject('appUrl');

let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const shot = (name: string): Promise<void> => screenshot(page, name);

/** Calls one probe of `window.__atlasCommunityMap`. */
function hook<K extends keyof CommunityMapTestHook>(
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

interface MapCommunity {
  id: string;
  members: number;
}

async function runAnalysis(seed: number): Promise<string> {
  const { runAnalysis: run } = await pageGql<{ runAnalysis: { id: string } }>(
    page,
    'mutation($seed: Int) { runAnalysis(input: { seed: $seed }) { id } }',
    { seed },
  );
  for (let i = 0; i < 240; i++) {
    const { currentAnalysisRun } = await pageGql<{ currentAnalysisRun: { id: string } | null }>(
      page,
      '{ currentAnalysisRun { id } }',
    );
    if (currentAnalysisRun?.id === run.id) return run.id;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the analysis did not finish in 2 minutes');
}

async function mapCommunities(): Promise<MapCommunity[]> {
  const { communityMap } = await pageGql<{ communityMap: { communities: MapCommunity[] } }>(
    page,
    '{ communityMap { communities { id members } } }',
  );
  return communityMap.communities.sort((a, b) => b.members - a.members);
}

const expandedInUrl = (): string[] => new URL(page.url()).searchParams.get('expand')?.split(',').filter(Boolean) ?? [];

let communities: MapCommunity[] = [];

beforeAll(async () => {
  await resetToDemo();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await signIn(page, appUrl);
  await runAnalysis(5);
  communities = await mapCommunities();
  // The demo has 2,000 stakeholders: lower the threshold so that it opens on the community map; ask often whether a
  // newer run or newer data exists.
  await page.evaluate(() => {
    localStorage.setItem('atlas:community-map-above', '100');
    localStorage.setItem('atlas:freshness-poll-ms', '500');
  });
  await page.goto(appUrl);
  await page.waitForFunction(() => window.__atlasCommunityMap !== undefined, null, { timeout: 60_000 });
});

afterAll(async () => {
  await page
    ?.evaluate(() => {
      localStorage.removeItem('atlas:community-map-above');
      localStorage.removeItem('atlas:freshness-poll-ms');
    })
    .catch(() => undefined);
  await browser?.close();
});

describe('the community map with the analyses', () => {
  it('fades the links between collapsed communities while one is expanded, and draws them in full once collapsed', async () => {
    const full = await hook('links');
    expect(full.drawn).toBeGreaterThan(0);
    expect(full.faded).toBe(0);
    await page.getByTestId(`expand-${communities[0]!.id}`).check();
    await expect.poll(() => hook('membersOf', communities[0]!.id), { timeout: 30_000 }).toBeGreaterThan(0);
    const open = await hook('links');
    expect(open.drawn).toBeGreaterThan(0);
    expect(open.faded).toBe(open.drawn);
    await shot('65-community-map-faded-links');
    await page.getByTestId('collapse-all').click();
    await expect.poll(() => hook('memberNodes')).toBe(0);
    expect(await hook('links')).toEqual(full);
  });

  it('highlights the influencer leaderboard in place: the communities holding it expand, its members come forward', async () => {
    await page.getByTestId('tab-analyse').click();
    const rows = page.getByTestId('inf-row');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const listed = await rows.count();
    await page.getByRole('button', { name: 'Highlight these on the map' }).first().click();
    await expect.poll(() => hook('highlightedMembers'), { timeout: 30_000 }).toBe(listed);
    const note = page.getByTestId('map-highlight-note');
    await expect.poll(() => note.textContent()).toContain(`${listed} shown in`);
    const expanded = expandedInUrl();
    expect(expanded.length).toBeGreaterThan(0);
    expect(expanded.every((id) => communities.some((c) => c.id === id))).toBe(true);
    // Only the communities holding the list: the others stay collapsed.
    expect(await hook('communityNodes')).toBe(communities.length - expanded.length);
    await page.waitForTimeout(800); // the camera's move onto the highlighted members
    await shot('66-community-map-leaderboard-highlight');
    await page.getByTestId('map-highlight-clear').click();
    await expect.poll(() => hook('highlightedMembers')).toBe(0);
  });

  it('"show on map" from a list expands the person\'s community and zooms onto them', async () => {
    // From the whole map with every community collapsed.
    await page.getByTestId('tab-explore').click();
    if ((await page.getByTestId('collapse-all').count()) > 0) await page.getByTestId('collapse-all').click();
    await expect.poll(() => hook('memberNodes')).toBe(0);
    await page.getByTestId('community-map-whole').click();
    await page.waitForTimeout(600);
    await page.getByTestId('tab-analyse').click();
    const row = page.getByTestId('inf-row').last();
    const name = (await row.textContent())?.trim() ?? '';
    await row.click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sel'), { timeout: 10_000 }).not.toBeNull();
    const id = new URL(page.url()).searchParams.get('sel')!;
    await expect.poll(() => hook('hasMember', id), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => hook('cameraRatio'), { timeout: 10_000 }).toBeLessThanOrEqual(0.25);
    const panel = page.getByRole('complementary', { name: 'Stakeholder details' });
    await expect.poll(() => panel.textContent(), { timeout: 30_000 }).toContain(name);
    await page.keyboard.press('Escape');
  });

  it('highlights who connects partners and customers (Act) on the community map', async () => {
    await page.getByTestId('tab-act').click();
    await page.getByTestId('seam-PARTNER-CUSTOMER').click();
    const brokers = page.getByTestId('broker-row');
    await expect.poll(() => brokers.count(), { timeout: 60_000 }).toBeGreaterThan(0);
    await expect.poll(() => hook('highlightedMembers'), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect(page.getByTestId('map-highlight-note').textContent()).resolves.toContain('Who connects');
    await page.getByTestId('map-highlight-clear').click();
  });

  it('offers a run finished while the map is shown, with its date, and "Show it" reloads the map', async () => {
    const shown = new Set(communities.map((c) => c.id));
    const newer = await runAnalysis(11);
    const note = page.getByTestId('newer-run-note');
    await note.waitFor({ timeout: 30_000 });
    expect(await note.textContent()).toMatch(/A newer analysis run \(\d+ \w+ \d{4}, \d\d:\d\d UTC\) is available/);
    // The map still shows the earlier run's communities until asked (the earlier steps expanded some of them, whose
    // nodes their members replace: any of the others is still drawn).
    const drawn = await Promise.all([...shown].map((id) => hook('hasCommunityNode', id)));
    expect(drawn.some(Boolean)).toBe(true);
    await shot('67-community-map-newer-run');
    await page.getByTestId('newer-run-show').click();
    const next = await mapCommunities();
    await page.waitForFunction((id) => window.__atlasCommunityMap?.hasCommunityNode(id) === true, next[0]!.id, {
      timeout: 60_000,
    });
    expect(next[0]!.id.startsWith(newer)).toBe(true);
    expect(await hook('communityNodes')).toBe(next.length);
    await expect.poll(() => note.count()).toBe(0);
    expect(expandedInUrl()).toEqual([]);
  });

  it('says when the data changed since the analysis on the map', async () => {
    const notice = page.getByTestId('data-changed-note');
    expect(await notice.count()).toBe(0);
    const { network } = await pageGql<{ network: { columns: { nodes: { ids: string[] } } } }>(
      page,
      '{ network(limit: 5) { columns { nodes { ids } } } }',
    );
    await pageGql(page, 'mutation($id: ID!) { updateStakeholder(id: $id, input: { title: "Moved on" }) { id } }', {
      id: network.columns.nodes.ids[0],
    });
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.textContent()).toContain('The data changed since the analysis on the map');
    await shot('68-community-map-data-changed');
    expect(pageErrors).toEqual([]);
  });
});
