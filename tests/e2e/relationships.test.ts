// End-to-end: an editor logs an interaction from a stakeholder's panel and sees the relationship strengthen.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { resetToDemo } from '../helpers/demo-data.js';
import { callAtlas, launchChromium, screenshot, signIn, waitUntilSettled } from '../helpers/browser.js';

const appUrl = inject('appUrl');
let browser: Browser;

beforeAll(async () => {
  await resetToDemo();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('relationships over time', () => {
  it('logging an interaction with a tie shows the new strength and the interaction', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signIn(page, appUrl);
    await waitUntilSettled(page);
    const [top] = await callAtlas(page, 'topNodes', 1);
    if (top === undefined) throw new Error('no nodes');
    await page.goto(`${appUrl}?sel=${encodeURIComponent(top.key)}`);
    await waitUntilSettled(page);

    const section = page.getByTestId('relationships');
    await expect.poll(() => section.textContent(), { timeout: 30_000 }).not.toContain('Loading');
    const strengthsBefore = await section.getByTestId('relationship-strength').allTextContents();

    await section.getByRole('button', { name: 'Log an interaction' }).click();
    const form = section.getByRole('form', { name: 'Log an interaction' });
    const withSelect = form.getByLabel('With');
    const option = await withSelect.locator('option:not([disabled])').first();
    const otherName = (await option.textContent())?.trim() ?? '';
    await withSelect.selectOption({ label: otherName });
    await form.getByLabel('How').selectOption('CALL');
    await form.getByLabel('Sentiment').selectOption('1');
    await form.getByLabel('Summary').fill('Quarterly check-in');
    await form.getByRole('button', { name: 'Log' }).click();

    const change = section.getByTestId('strength-change');
    await expect
      .poll(() => change.textContent(), { timeout: 30_000 })
      .toMatch(new RegExp(`Strength with .+: \\d\\.\\d\\d → \\d\\.\\d\\d`));
    const [from, to] = ((await change.textContent()) ?? '').match(/\d\.\d\d/g)!.map(Number);
    expect(to).toBeGreaterThan(from!);
    await expect
      .poll(() => section.getByTestId('relationship').count(), { timeout: 30_000 })
      .toBeGreaterThanOrEqual(Math.max(1, strengthsBefore.length));
    await expect.poll(() => section.textContent(), { timeout: 30_000 }).toContain('Quarterly check-in');
    await expect.poll(() => section.textContent(), { timeout: 30_000 }).toContain(otherName);
    await screenshot(page, 'relationships-logged');
    expect(errors).toEqual([]);
    await context.close();
  });
});
