// End-to-end: an editor logs an interaction from a stakeholder's panel and sees the relationship strengthen, in the
// panel and, with tie thickness by relationship strength, as a thicker tie on the map.
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

  it("with tie thickness by relationship strength, a logged meeting thickens the pair's tie on the map", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signIn(page, appUrl);
    await waitUntilSettled(page);
    const [top] = await callAtlas(page, 'topNodes', 1);
    if (top === undefined) throw new Error('no nodes');
    await page.goto(`${appUrl}?thick=strength&sel=${encodeURIComponent(top.key)}`);
    await waitUntilSettled(page);
    await expect.poll(() => page.getByTestId('tie-thickness').inputValue()).toBe('strength');
    await expect.poll(() => page.getByTestId('thickness-note').textContent()).toContain('relationship strength');

    const section = page.getByTestId('relationships');
    await expect.poll(() => section.textContent(), { timeout: 30_000 }).not.toContain('Loading');
    await section.getByRole('button', { name: 'Log an interaction' }).click();
    const form = section.getByRole('form', { name: 'Log an interaction' });
    const withSelect = form.getByLabel('With');
    // Of the people the form offers, the one whose tie on the map is weakest (most room to grow).
    const offered = await withSelect
      .locator('option:not([disabled])')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    let other: string | null = null;
    let before: { size: number; strength: number } | null = null;
    for (const id of offered) {
      const tie = await callAtlas(page, 'tieBetween', top.key, id);
      if (tie !== null && (before === null || tie.strength < before.strength)) {
        other = id;
        before = tie;
      }
    }
    if (other === null || before === null) throw new Error('the form offers nobody tied to the stakeholder on the map');
    await withSelect.selectOption(other);
    await form.getByLabel('How').selectOption('MEETING');
    await form.getByLabel('Sentiment').selectOption('2');
    await form.getByRole('button', { name: 'Log' }).click();

    // The answer's new strength is drawn without reloading the map.
    const pair = other;
    await expect
      .poll(async () => (await callAtlas(page, 'tieBetween', top.key, pair))?.strength ?? 0, { timeout: 30_000 })
      .toBeGreaterThan(before.strength);
    const after = await callAtlas(page, 'tieBetween', top.key, pair);
    expect(after?.size ?? 0).toBeGreaterThan(before.size);
    await screenshot(page, 'tie-thickness-strength');
    expect(errors).toEqual([]);
    await context.close();
  });
});
