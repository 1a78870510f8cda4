// The page works under its Content-Security-Policy: it loads, draws and lays out the map with no policy violation,
// and its document carries the security headers.
import type { Browser, Page } from 'playwright-core';
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

describe('secure defaults in the browser', () => {
  it('draws the map with the CSP on and no violation reported', async () => {
    const page: Page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    page.on('pageerror', (error) => violations.push(error.message));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`Refused to load (CSP ${event.violatedDirective}): ${event.blockedURI}`);
      });
    });
    const response = await page.goto(appUrl);
    const headers = response?.headers() ?? {};
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('DENY');
    // The sign-in page and then the map, both under the policy.
    await signIn(page, appUrl);
    await waitUntilSettled(page);
    expect(await callAtlas(page, 'order')).toBeGreaterThan(0);
    await screenshot(page, 'secure-defaults');
    expect(violations).toEqual([]);
    await page.close();
  });
});
