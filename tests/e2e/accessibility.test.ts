// Accessibility of the page, checked with axe-core in headless Chromium: every tab (Explore, Analyse, Act) and the
// admin views (Audit, Users) have no serious or critical violation, and the keyboard reaches the map controls in a
// few steps through the skip link.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { resetToDemo } from '../helpers/demo-data.js';
import { launchChromium, screenshot, signIn, waitUntilSettled } from '../helpers/browser.js';

const appUrl = inject('appUrl');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page as it is now, one line per element (run in the page, outside its CSP). */
async function seriousViolations(page: Page): Promise<string[]> {
  // evaluate() runs outside the page's CSP, so axe needs no script tag (which 'script-src self' would refuse).
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<unknown> } }).axe;
    const result = (await axe.run(document, { resultTypes: ['violations'] })) as {
      violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }>;
    };
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.impact ?? ''} ${v.id}: ${n.target.join(' ')}`));
  });
}

let browser: Browser;
let page: Page;
beforeAll(async () => {
  await resetToDemo();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signIn(page, appUrl);
  await waitUntilSettled(page);
});
afterAll(async () => {
  await browser?.close();
});

describe('accessibility (axe-core)', () => {
  for (const tab of ['explore', 'analyse', 'act'] as const) {
    it(`the ${tab} tab has no serious or critical violation`, async () => {
      await page.getByTestId(`tab-${tab}`).click();
      await page.getByRole('tabpanel').waitFor();
      await page.waitForTimeout(500);
      await screenshot(page, `a11y-${tab}`, 0);
      expect(await seriousViolations(page)).toEqual([]);
    });
  }

  for (const view of ['audit', 'users'] as const) {
    it(`the ${view} view has no serious or critical violation`, async () => {
      await page.getByTestId(`open-${view}`).click();
      await page.waitForTimeout(1000);
      await screenshot(page, `a11y-${view}`, 0);
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByTestId(`open-${view}`).click();
    });
  }

  it('the sign-in page has no serious or critical violation', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const anonymous = await context.newPage();
    await anonymous.goto(appUrl);
    await anonymous.getByTestId('sign-in-form').waitFor();
    expect(await seriousViolations(anonymous)).toEqual([]);
    await context.close();
  });
});

describe('keyboard path to the map controls', () => {
  it('from page load, the first Tab reaches the skip link and Enter puts focus on Zoom in', async () => {
    await page.goto(appUrl);
    await waitUntilSettled(page);
    let presses = 0;
    const focusedName = () =>
      page.evaluate(
        () => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent?.trim() ?? '',
      );
    while (presses < 5) {
      await page.keyboard.press('Tab');
      presses += 1;
      const name = await focusedName();
      if (name === 'Zoom in') break;
      if (/skip to the map controls/i.test(name)) {
        await page.keyboard.press('Enter');
        break;
      }
    }
    expect(presses).toBeLessThanOrEqual(5);
    expect(await focusedName()).toBe('Zoom in');
    // The control works from the keyboard: Enter zooms in (the camera ratio shrinks).
    const before = await page.evaluate(() => window.__atlas?.camera().ratio ?? null);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(600);
    const after = await page.evaluate(() => window.__atlas?.camera().ratio ?? null);
    expect(before).not.toBeNull();
    expect(after).toBeLessThan(before ?? 0);
    await screenshot(page, 'a11y-keyboard-zoom', 0);
  });
});
