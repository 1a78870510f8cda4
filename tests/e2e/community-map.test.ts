// End-to-end: above the size threshold Explore opens on the community map (the threshold is lowered for the demo),
// a click expands a community into its members in place, Shift-click and the checkboxes expand several, the URL keeps
// which are expanded (a shared link opens them), and collapsing gives the community back.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CommunityMapTestHook } from '../../client/src/lib/community-map-hook';
import { resetToDemo } from '../helpers/demo-data.js';
import { launchChromium, pageGql, screenshot, signIn, waitUntilSettled } from '../helpers/browser.js';

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
  name: string;
  members: number;
}

let communities: MapCommunity[] = [];
let links: Array<{ source: string; target: string; ties: number }> = [];

async function runAnalysis(): Promise<void> {
  const { runAnalysis: run } = await pageGql<{ runAnalysis: { id: string } }>(page, 'mutation { runAnalysis { id } }');
  for (let i = 0; i < 240; i++) {
    const { currentAnalysisRun } = await pageGql<{ currentAnalysisRun: { id: string } | null }>(
      page,
      '{ currentAnalysisRun { id } }',
    );
    if (currentAnalysisRun?.id === run.id) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the analysis did not finish in 2 minutes');
}

/** Clicks a node of the community map where sigma draws it. */
async function clickNode(key: string, modifiers: Array<'Shift'> = []): Promise<void> {
  const point = await hook('viewportOf', key);
  if (point === null) throw new Error(`${key} is not on the map`);
  const box = await page.getByTestId('community-map').boundingBox();
  if (box === null) throw new Error('no community map');
  for (const m of modifiers) await page.keyboard.down(m);
  await page.mouse.click(box.x + point.x, box.y + point.y);
  for (const m of modifiers) await page.keyboard.up(m);
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

/** A community's checkbox in the list (the list shows the largest 25 until "Show all"). */
async function checkbox(id: string): Promise<ReturnType<Page['getByTestId']>> {
  const box = page.getByTestId(`expand-${id}`);
  if ((await box.count()) === 0) await page.getByTestId('community-list-all').click();
  return box;
}

const expandedInUrl = (): string[] => new URL(page.url()).searchParams.get('expand')?.split(',').filter(Boolean) ?? [];

beforeAll(async () => {
  await resetToDemo();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await signIn(page, appUrl);
  await runAnalysis();
  ({
    communityMap: { communities, links },
  } = await pageGql<{
    communityMap: { communities: MapCommunity[]; links: typeof links };
  }>(page, '{ communityMap { communities { id name members } links { source target ties } } }'));
  communities.sort((a, b) => b.members - a.members);
  // The demo has 2,000 stakeholders: lower the threshold so that it opens on the community map.
  await page.evaluate(() => localStorage.setItem('atlas:community-map-above', '100'));
  await page.goto(appUrl);
  await page.waitForFunction(() => window.__atlasCommunityMap !== undefined, null, { timeout: 60_000 });
});

afterAll(async () => {
  await page?.evaluate(() => localStorage.removeItem('atlas:community-map-above')).catch(() => undefined);
  await browser?.close();
});

describe('community map', () => {
  it('opens on one node per community, labelled by distinct names, with the stakeholders one click away', async () => {
    expect(communities.length).toBeGreaterThan(1);
    expect(await hook('communityNodes')).toBe(communities.length);
    expect(await hook('memberNodes')).toBe(0);
    // One line per pair of communities with ties between them.
    expect(links.length).toBeGreaterThan(0);
    expect(await hook('edges')).toBe(links.length);
    const labels = await hook('labels');
    expect(new Set(labels).size).toBe(labels.length);
    expect(await page.getByTestId('map-choice-communities').isChecked()).toBe(true);
    await expect(page.getByTestId('community-list').locator('li').count()).resolves.toBeGreaterThan(1);
    await shot('60-community-map');
    expect(pageErrors).toEqual([]);
  });

  it('expands a community in place on a click; the URL keeps it; a second click collapses it', async () => {
    const largest = communities[0]!;
    await clickNode(`community:${largest.id}`);
    await expect.poll(() => hook('membersOf', largest.id), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await hook('hasCommunityNode', largest.id)).toBe(false);
    // Every member the server counts in the community is drawn (the demo's communities are far below the tie limit).
    expect(await hook('membersOf', largest.id)).toBe(await memberTotal(largest.id));
    expect(await hook('communityNodes')).toBe(communities.length - 1);
    expect(expandedInUrl()).toEqual([largest.id]);
    await page.waitForTimeout(800); // the camera's move onto the members
    await shot('61-community-expanded');
    // Collapse from the list (the members cover the place the node was).
    await (await checkbox(largest.id)).uncheck();
    await expect.poll(() => hook('hasCommunityNode', largest.id)).toBe(true);
    expect(await hook('memberNodes')).toBe(0);
    expect(expandedInUrl()).toEqual([]);
  });

  it('expands several (Shift-click, checkboxes) with the ties among their members, and a shared link opens them', async () => {
    // The largest community and the one it has the most ties with.
    const first = communities[0];
    const partner = (l: (typeof links)[number]): string | null =>
      l.source === first!.id ? l.target : l.target === first!.id ? l.source : null;
    const strongest = links.filter((l) => partner(l) !== null).sort((a, b) => b.ties - a.ties)[0];
    expect(strongest).toBeDefined();
    const second = communities.find((c) => c.id === partner(strongest!));
    await page.getByTestId('community-map-whole').click();
    await page.waitForTimeout(600); // the camera's move back to the whole map
    await clickNode(`community:${first!.id}`);
    await expect.poll(() => hook('membersOf', first!.id), { timeout: 30_000 }).toBe(await memberTotal(first!.id));
    await (await checkbox(second!.id)).check();
    await expect.poll(() => hook('membersOf', second!.id), { timeout: 30_000 }).toBeGreaterThan(0);
    // Each member drawn once, in its strongest expanded community; together every member of either.
    const both = (await hook('membersOf', first!.id)) + (await hook('membersOf', second!.id));
    expect(both).toBe(await memberTotal(first!.id, second!.id));
    expect(await hook('edges')).toBeGreaterThan(0);
    // The ties between the two communities' members are drawn.
    expect(await hook('crossTies')).toBeGreaterThan(0);
    expect(expandedInUrl()).toEqual([first!.id, second!.id]);
    await shot('62-two-communities-expanded');

    // A copied link opens the same communities expanded.
    const link = page.url();
    // A new context with this one's cookies and storage (the session and the lowered threshold).
    const context = await browser.newContext({
      storageState: await page.context().storageState(),
      viewport: { width: 1280, height: 800 },
    });
    const other = await context.newPage();
    try {
      await other.goto(link);
      await other.waitForFunction((id) => (window.__atlasCommunityMap?.membersOf(id) ?? 0) > 0, second!.id, { timeout: 60_000 });
      expect(await other.evaluate((id) => window.__atlasCommunityMap?.hasCommunityNode(id), first!.id)).toBe(false);
    } finally {
      await context.close();
    }

    // Shift-click on a third community adds it; Collapse all gives every node back.
    const third = communities.find((c) => c.id !== first!.id && c.id !== second!.id);
    if (third !== undefined) {
      await page.getByTestId('community-map-whole').click();
      await page.waitForTimeout(600);
      await clickNode(`community:${third.id}`, ['Shift']);
      await expect.poll(() => hook('membersOf', third.id), { timeout: 30_000 }).toBeGreaterThan(0);
      expect(expandedInUrl()).toEqual([first!.id, second!.id, third.id]);
    }
    await page.getByTestId('collapse-all').click();
    await expect.poll(() => hook('memberNodes')).toBe(0);
    expect(await hook('communityNodes')).toBe(communities.length);
  });

  it('switches to the stakeholders and back', async () => {
    await page.getByTestId('map-choice-stakeholders').check();
    await waitUntilSettled(page);
    expect(new URL(page.url()).searchParams.get('map')).toBe('stakeholders');
    await page.getByTestId('map-choice-communities').check();
    await page.waitForFunction(() => window.__atlasCommunityMap !== undefined, null, { timeout: 60_000 });
    expect(pageErrors).toEqual([]);
  });
});
