// End-to-end journeys: shareable URL state (round-trip, back/forward), saved layouts, ego view, target-list CSV.
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { resetToDemo } from '../helpers/demo-data.js';
import { artifacts, callAtlas, launchChromium, signIn, waitUntilSettled } from '../helpers/browser.js';

const appUrl = inject('appUrl');

let browser: Browser;
let context: BrowserContext;
const pageErrors: string[] = [];

const atlas = callAtlas;

/** Opens a page at `url` and waits until the map is drawn and the layout has stopped. */
async function open(url: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(url);
  await ready(page);
  return page;
}

const ready = waitUntilSettled;

beforeAll(async () => {
  await resetToDemo();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(appUrl).origin });
  // One sign-in for the context: its session cookie serves every page the journeys open.
  const first = await context.newPage();
  await signIn(first, appUrl);
  await first.close();
});

afterAll(async () => {
  await browser?.close();
});

describe('shareable state and acting on the map', () => {
  let total = 0;
  let top: { key: string; label: string } | undefined;

  it('a copied link opens the same view, and back/forward walk the changes', async () => {
    const page = await open(appUrl);
    total = await atlas(page, 'order');
    [top] = await atlas(page, 'topNodes', 1);
    if (top === undefined) throw new Error('no nodes');

    await page.getByTestId('role-filter-SHAREHOLDER').check();
    await page.getByRole('radio', { name: 'Community', exact: true }).check();
    await page.getByTestId('tie-filter-WORKS_WITH').check();
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(() => page.evaluate(() => window.location.search)).toContain('cam=');
    // The Share button copies the link that restores this view.
    await page.getByTestId('share').click();
    await page.getByTestId('share-copied').waitFor();
    const url = await page.evaluate(() => navigator.clipboard.readText());
    expect(url).toBe(page.url());
    expect(url).toContain('roles=SHAREHOLDER');
    expect(url).toContain('colour=community');
    expect(url).toContain('ties=WORKS_WITH');
    const visible = await atlas(page, 'visibleNodes');
    expect(visible).toBeLessThan(total);
    const camera = await atlas(page, 'camera');

    // The same link in a new tab: same filters, encoding and camera.
    const copy = await open(url);
    expect(await copy.getByTestId('role-filter-SHAREHOLDER').isChecked()).toBe(true);
    expect(await copy.getByTestId('tie-filter-WORKS_WITH').isChecked()).toBe(true);
    expect(await copy.getByRole('radio', { name: 'Community', exact: true }).isChecked()).toBe(true);
    expect(await atlas(copy, 'visibleNodes')).toBe(visible);
    const copied = await atlas(copy, 'camera');
    expect(copied.ratio).toBeCloseTo(camera.ratio, 3);
    expect(copied.x).toBeCloseTo(camera.x, 3);
    await copy.screenshot({ path: `${artifacts}10-url-roundtrip.png` });
    await copy.close();

    // Back undoes the last view change (the tie filter), forward redoes it.
    await page.goBack();
    await expect.poll(() => page.getByTestId('tie-filter-WORKS_WITH').isChecked()).toBe(false);
    expect(await page.getByTestId('role-filter-SHAREHOLDER').isChecked()).toBe(true);
    await page.goForward();
    await expect.poll(() => page.getByTestId('tie-filter-WORKS_WITH').isChecked()).toBe(true);
    await page.close();
  });

  it('opens with the saved layout of the same view, and re-running the layout still works', async () => {
    const page = await open(appUrl);
    // The first visit of this context saved the whole network's layout when it stopped.
    await page.getByTestId('layout-restored').waitFor({ timeout: 10_000 });
    const key = top?.key ?? '';
    const before = await atlas(page, 'nodePosition', key);
    await page.reload();
    await ready(page);
    expect(await atlas(page, 'nodePosition', key)).toEqual(before);
    await page.getByRole('button', { name: 'Re-run layout' }).click();
    await expect.poll(() => atlas(page, 'layoutRunning')).toBe(true);
    // From a saved layout the run may settle on its own before the click lands: then there is nothing to stop.
    const stopped = await page
      .getByRole('button', { name: 'Stop' })
      .click({ timeout: 10_000 })
      .then(() => true)
      .catch(() => false);
    // A click that reports a timeout may still have landed on a loaded machine (the layout then ends 'stopped').
    await expect.poll(() => atlas(page, 'layoutEnd'), { timeout: 60_000 }).toMatch(stopped ? /^stopped$/ : /^(settled|stopped)$/);
    await page.close();
  });

  it('ego view: 2 hops around a stakeholder, then back to the whole network', async () => {
    const key = top?.key ?? '';
    const page = await open(`${appUrl}?sel=${encodeURIComponent(key)}`);
    await page.getByTestId('stakeholder-name').waitFor();
    await page.getByTestId('ego-depth').selectOption('2');
    await page.getByTestId('ego-open').click();
    await page.getByTestId('ego-note').waitFor();
    await ready(page);
    const egoOrder = await atlas(page, 'order');
    expect(egoOrder).toBeGreaterThan(1);
    expect(egoOrder).toBeLessThanOrEqual(total);
    expect(await atlas(page, 'nodePosition', key)).not.toBeNull();
    expect(page.url()).toContain('depth=2');
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${artifacts}11-ego-view.png` });

    // One hop is a subset of two.
    await page.getByTestId('ego-depth').selectOption('1');
    await page.getByTestId('ego-open').click();
    await expect.poll(() => page.evaluate(() => window.location.search)).not.toContain('depth=2');
    await ready(page);
    expect(await atlas(page, 'order')).toBeLessThanOrEqual(egoOrder);

    await page.getByTestId('ego-close').click();
    await expect.poll(() => page.evaluate(() => window.__atlas?.order() ?? 0), { timeout: 30_000 }).toBe(total);
    expect(await atlas(page, 'selected')).toBe(key);
    await page.close();
  });

  it('target list: add from the panel, export a CSV that says why each person is on it', async () => {
    const [first, second] = (await (async () => {
      const p = await open(appUrl);
      const nodes = await atlas(p, 'topNodes', 2);
      await p.close();
      return nodes;
    })()) as Array<{ key: string; label: string }>;
    if (first === undefined || second === undefined) throw new Error('need two nodes');

    const page = await open(`${appUrl}?sel=${encodeURIComponent(first.key)}`);
    await page.getByTestId('stakeholder-name').waitFor();
    await page.getByTestId('target-toggle').click();
    await expect.poll(() => page.getByTestId('target-toggle').getAttribute('aria-pressed')).toBe('true');
    await page.goto(`${appUrl}?sel=${encodeURIComponent(second.key)}`);
    await ready(page);
    await page.getByTestId('stakeholder-name').waitFor();
    await page.getByTestId('target-toggle').click();
    await page.getByTestId('tab-act').click();
    await expect.poll(() => page.getByTestId('target-item').count()).toBe(2);
    await page.getByTestId('target-list').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${artifacts}12-target-list.png` });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('target-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^target-list-.*\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'id,name,email,organisation,roles,declared_communities,degree,pagerank,betweenness,detected_communities,best_introduction_path,introduction_score,why,added_from,added_because,added_at',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(first.key);
    expect(lines[1]).toContain(first.label);
    expect(lines[2]).toContain(second.key);
    // Each row says why: roles and ties at least.
    for (const line of lines.slice(1)) expect(line).toMatch(/holds \w+|ties/);

    // The list survives a reload; removing works.
    await page.reload();
    await ready(page);
    await page.getByTestId('tab-act').click();
    expect(await page.getByTestId('target-item').count()).toBe(2);
    await page.getByRole('button', { name: `Remove ${first.label} from the target list` }).click();
    await expect.poll(() => page.getByTestId('target-item').count()).toBe(1);
    await page.close();
    expect(pageErrors).toEqual([]);
  });

  it('above the configured size the map asks the server for a filtered slice and says so', async () => {
    const page = await open(appUrl);
    await page.evaluate(() => localStorage.setItem('atlas:slice-above', '1000'));
    await page.reload();
    await ready(page);
    await expect.poll(() => page.getByTestId('slice-note').textContent()).toMatch(/Large ecosystem .*over 1,000/);
    await page.getByTestId('role-filter-SHAREHOLDER').check();
    // The filter now goes to the server: the loaded graph itself shrinks (not only what is drawn).
    await expect.poll(() => page.evaluate(() => window.__atlas?.order() ?? total), { timeout: 30_000 }).toBeLessThan(total);
    await expect.poll(() => page.getByTestId('slice-note').textContent()).toMatch(/matches your filters/);
    await page.screenshot({ path: `${artifacts}13-slice.png` });
    await page.evaluate(() => localStorage.removeItem('atlas:slice-above'));
    await page.close();
    expect(pageErrors).toEqual([]);
  });
});
