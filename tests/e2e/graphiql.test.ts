// GraphiQL at /graphql works on a machine without internet: every request to another origin is blocked, and the
// editor still renders, with no request attempted elsewhere and no CSP violation.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { resetToDemo } from '../helpers/demo-data.js';
import { launchChromium, screenshot, signIn } from '../helpers/browser.js';

const appUrl = inject('appUrl');

let browser: Browser;
beforeAll(async () => {
  await resetToDemo();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('GraphiQL served by the app', () => {
  it('renders its editor with every non-local request blocked', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const local = new URL(appUrl).host;
    const blocked: string[] = [];
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.host === local || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
      blocked.push(url.origin);
      return route.abort('internetdisconnected');
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`Refused to load (CSP ${event.violatedDirective}): ${event.blockedURI}`);
      });
    });
    await signIn(page, appUrl);
    const response = await page.goto(new URL('graphql', appUrl).href, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    // GraphiQL's container and a Monaco editor with its text area: the IDE is up, not "Loading…".
    await page.locator('.graphiql-container').first().waitFor({ timeout: 60_000 });
    await page.locator('.graphiql-query-editor .monaco-editor').first().waitFor({ timeout: 60_000 });
    expect(await page.locator('#root').textContent()).not.toMatch(/Loading/);
    // It answers: type a query, run it and see the result.
    await page.locator('.graphiql-query-editor .monaco-editor').first().click();
    await page.keyboard.press('Control+A');
    // Monaco closes the brace itself; its typeahead (the schema, loaded from this server) opens and Escape closes it.
    await page.keyboard.type('{ apiVersion');
    await page.keyboard.press('Escape');
    await page.locator('.graphiql-execute-button').click();
    // The answer pane shows the field with its value (the editor shows only the bare name).
    await page.waitForFunction(() => /"apiVersion":/.test(document.body.innerText), null, { timeout: 30_000 });
    await screenshot(page, 'graphiql-offline');
    expect(blocked).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
