// End-to-end journeys of the explorer in headless Chromium against the running app with the demo ecosystem.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AtlasTestHook } from '../../client/src/lib/test-hook';
import { resetToDemo } from '../helpers/demo-data.js';
import { callAtlas, launchChromium, screenshot, signIn, waitUntilSettled } from '../helpers/browser.js';

const appUrl = inject('appUrl');

let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const atlas = <K extends keyof AtlasTestHook>(key: K, ...args: Parameters<AtlasTestHook[K]>) => callAtlas(page, key, ...args);

async function headerCount(testId: string): Promise<number> {
  const text = (await page.getByTestId(testId).textContent()) ?? '';
  return Number(text.replace(/[^0-9]/g, ''));
}

const shot = (name: string): Promise<void> => screenshot(page, name, 0);

/** Share of pixels in the map area that are not (near) white, decoded in the page from a screenshot. */
async function mapInk(): Promise<number> {
  const box = await page.getByTestId('sigma-container').boundingBox();
  if (box === null) throw new Error('no map container');
  const png = await page.screenshot({ clip: box });
  return page.evaluate(async (b64) => {
    // An <img> rather than fetch(): the page's CSP lets images, not connections, load data: URLs.
    const image = new Image();
    image.src = `data:image/png;base64,${b64}`;
    await image.decode();
    const bitmap = await createImageBitmap(image);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d');
    if (ctx === null) throw new Error('no 2d context');
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) {
      if ((data[i] ?? 255) < 235 || (data[i + 1] ?? 255) < 235 || (data[i + 2] ?? 255) < 235) ink++;
    }
    return ink / (bitmap.width * bitmap.height);
  }, png.toString('base64'));
}

beforeAll(async () => {
  // The tiers before this one cleared the database: load the demo ecosystem again.
  await resetToDemo();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await signIn(page, appUrl);
  // Let ForceAtlas2 settle (it stops itself within its budget).
  await waitUntilSettled(page);
});

afterAll(async () => {
  await browser?.close();
});

describe('explorer', () => {
  it('loads and draws the demo ecosystem', async () => {
    const nodes = await headerCount('node-count');
    const ties = await headerCount('edge-count');
    expect(nodes).toBeGreaterThan(0);
    expect(ties).toBeGreaterThan(0);
    expect(await atlas('order')).toBe(nodes);
    expect(await atlas('size')).toBe(ties);
    expect(await atlas('visibleNodes')).toBe(nodes);
    expect(await headerCount('visible-count')).toBe(nodes);
    await expect.poll(mapInk, { timeout: 10_000 }).toBeGreaterThan(0.01);
    await expect(page.getByTestId('legend').locator('li').count()).resolves.toBeGreaterThan(1);
    await shot('01-overview');
    expect(pageErrors).toEqual([]);
  });

  it('a drag moves the map; on release the ties are drawn again and hovering works (decision 114)', async () => {
    const box = await page.getByTestId('sigma-container').boundingBox();
    if (box === null) throw new Error('no map container');
    const inkBefore = await mapInk();
    const before = await atlas('camera');
    const start = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    // Out and back, resting before the release (no inertia): the camera ends where it began.
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x + 80, start.y + 40, { steps: 8 });
    const moved = await atlas('camera');
    await page.mouse.move(start.x, start.y, { steps: 8 });
    await page.waitForTimeout(300);
    await page.mouse.up();
    expect(Math.hypot(moved.x - before.x, moved.y - before.y)).toBeGreaterThan(0);
    // The demo has more than 4,000 ties, so they are hidden during the move; they must come back on release.
    await expect.poll(mapInk, { timeout: 10_000 }).toBeGreaterThan(inkBefore * 0.9);
    const [top] = await atlas('topNodes', 1);
    const at = await atlas('nodeInViewport', top!.key);
    expect(at).not.toBeNull();
    await page.mouse.move(box.x + at!.x, box.y + at!.y);
    await expect.poll(() => atlas('hovered')).toBe(top!.key);
    await page.mouse.move(box.x + 5, box.y + 5);
    expect(pageErrors).toEqual([]);
  });

  it('filters by role and the visible count follows', async () => {
    const total = await atlas('order');
    const role = page.getByTestId('role-filter-SHAREHOLDER');
    await role.check();
    await expect.poll(() => headerCount('visible-count')).toBeLessThan(total);
    const shown = await headerCount('visible-count');
    expect(await atlas('visibleNodes')).toBe(shown);
    await shot('02-filter-shareholder');

    // ALL of shareholder + customer can only narrow it further
    await page.getByTestId('role-filter-CUSTOMER').check();
    const any = await headerCount('visible-count');
    await page.getByRole('radio', { name: 'all' }).check();
    await expect.poll(() => headerCount('visible-count')).toBeLessThanOrEqual(Math.min(any, shown));
    expect(await atlas('visibleNodes')).toBe(await headerCount('visible-count'));

    await page.getByRole('button', { name: 'Clear', exact: true }).click();
    await expect.poll(() => headerCount('visible-count')).toBe(total);
    expect(await atlas('visibleNodes')).toBe(total);
  });

  it('finds a stakeholder by full-text search; Enter selects it, opens the panel and moves the camera', async () => {
    const [top] = await atlas('topNodes', 1);
    if (top === undefined) throw new Error('no nodes');
    const input = page.getByTestId('search-input');
    await input.click();
    await input.fill(top.label);
    await page.getByRole('option').first().waitFor({ timeout: 10_000 });
    await input.press('Enter');

    await expect.poll(() => atlas('selected')).not.toBeNull();
    const panel = page.getByTestId('stakeholder-panel');
    await panel.getByTestId('stakeholder-name').waitFor({ timeout: 10_000 });
    expect((await panel.getByTestId('stakeholder-name').textContent())?.trim()).toBeTruthy();
    await expect.poll(async () => (await atlas('camera')).ratio).toBeLessThan(1);
    await page.waitForTimeout(700);
    await shot('03-search-selected');

    await page.getByRole('button', { name: 'Close details' }).click();
    await expect.poll(() => atlas('selected')).toBeNull();
    await page.getByRole('button', { name: 'Reset view' }).click();
  });

  it('clicking an UpSet bar highlights its members on the map', async () => {
    const bars = page.getByTestId('overlap-bar');
    expect(await bars.count()).toBeGreaterThan(0);
    // Prefer a multi-role combination: that is what the chart is for.
    const multi = page.locator('[data-testid="overlap-bar"][data-roles*="+"]');
    const bar = (await multi.count()) > 0 ? multi.first() : bars.first();
    await bar.click();
    await expect.poll(() => atlas('highlightKey')).not.toBeNull();
    expect(await bar.getAttribute('aria-pressed')).toBe('true');
    const highlighted = await atlas('highlightedNodes');
    expect(highlighted).toBeGreaterThan(0);
    expect(highlighted).toBeLessThanOrEqual(await atlas('order'));
    await page.getByTestId('highlight-note').waitFor();
    await page.waitForTimeout(300);
    await shot('04-upset-highlight');

    await bar.click();
    await expect.poll(() => atlas('highlightKey')).toBeNull();
  });

  it('colours by declared community and works at 1920×1080', async () => {
    await page.getByRole('radio', { name: 'Community', exact: true }).check();
    await expect(page.getByTestId('legend').getByRole('list').getAttribute('aria-label')).resolves.toMatch(/community/);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.waitForTimeout(500);
    await expect.poll(mapInk, { timeout: 10_000 }).toBeGreaterThan(0.005);
    await shot('05-community-1920');
    expect(pageErrors).toEqual([]);
  });
});
