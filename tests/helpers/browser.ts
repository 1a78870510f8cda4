// Headless Chromium for the e2e tier: Debian's chromium with the flags every journey uses, calls into the page's
// `window.__atlas` probes (client/src/lib/test-hook.ts), signing in through the page, GraphQL as the signed-in page,
// the wait for a drawn, settled map, and screenshots kept under tests/artifacts/e2e.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';
import type { AtlasTestHook } from '../../client/src/lib/test-hook';

const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const artifacts = fileURLToPath(new URL('../artifacts/e2e/', import.meta.url));

/**
 * The first-run tour counts as dismissed for every user (client/src/lib/state/tour.ts keeps that per user in
 * localStorage): its card sits over the map's top right, where journeys other than the tour's own click.
 */
const TOUR_DISMISSED = `(() => {
  const getItem = Storage.prototype.getItem;
  Storage.prototype.getItem = function (key) {
    return String(key).startsWith('atlas.tour.dismissed:') ? '1' : getItem.call(this, key);
  };
})();`;

/**
 * Launches Debian's chromium (installed by .ci/run) and makes sure the screenshot folder exists. Pages open with the
 * first-run tour dismissed unless `tour` is true (the tour's own journey).
 */
export async function launchChromium(options: { tour?: boolean } = {}): Promise<Browser> {
  mkdirSync(artifacts, { recursive: true });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  if (options.tour) return browser;
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (contextOptions) => {
    const context = await newContext(contextOptions);
    await context.addInitScript(TOUR_DISMISSED);
    return context;
  };
  // browser.newPage opens a context of its own through newContext's path internally, so patch it the same way.
  browser.newPage = async (pageOptions) => {
    const context = await browser.newContext(pageOptions);
    const page = await context.newPage();
    // As browser.newPage's own context: closed with its page (already gone when the browser closed first).
    page.on('close', () => {
      context.close().catch(() => undefined);
    });
    return page;
  };
  return browser;
}

/** Calls one probe of `window.__atlas` in the page. */
export async function callAtlas<K extends keyof AtlasTestHook>(
  page: Page,
  key: K,
  ...args: Parameters<AtlasTestHook[K]>
): Promise<ReturnType<AtlasTestHook[K]>> {
  return page.evaluate(
    ([k, a]) => {
      const hook = window.__atlas;
      if (hook === undefined) throw new Error('window.__atlas is not set');
      const fn = hook[k] as (...xs: unknown[]) => unknown;
      return fn(...a);
    },
    [key, args] as const,
  ) as Promise<ReturnType<AtlasTestHook[K]>>;
}

export interface Credentials {
  name: string;
  password: string;
}

/** The admin the e2e setup creates (provided as `e2eUser`). */
export function adminCredentials(): Credentials {
  return inject('e2eUser');
}

/**
 * Opens `url` and signs in through the page's form (as the e2e admin unless told otherwise), then waits until the
 * explorer shows who is signed in. The session cookie then serves every page of the same browser context.
 */
export async function signIn(page: Page, url: string, credentials: Credentials = adminCredentials()): Promise<void> {
  await page.goto(url);
  await page.getByTestId('sign-in-form').waitFor({ timeout: 60_000 });
  await page.getByLabel('Name', { exact: true }).fill(credentials.name);
  await page.getByLabel('Password', { exact: true }).fill(credentials.password);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('signed-in-as').waitFor({ timeout: 60_000 });
}

/** A GraphQL request made by the page itself (same origin, with its session cookie): to prepare or check data. */
export async function pageGql<T>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const body = await page.evaluate(
    async ([q, v]) => {
      const response = await fetch('/graphql', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query: q, variables: v }),
      });
      return (await response.json()) as unknown;
    },
    [query, variables] as const,
  );
  const { data, errors } = body as { data?: T | null; errors?: Array<{ message: string }> };
  if (errors !== undefined || data === undefined || data === null) throw new Error(JSON.stringify(errors ?? body));
  return data;
}

/** Waits until the app has drawn its map, added every tie and the layout has stopped. */
export async function waitUntilSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__atlas !== undefined, null, { timeout: 60_000 });
  await page.waitForFunction(() => window.__atlas?.tiesLoading() === false, null, { timeout: 60_000 });
  await page.waitForFunction(() => window.__atlas?.layoutRunning() === false, null, { timeout: 90_000 });
}

/** Keeps a screenshot of the page as tests/artifacts/e2e/<name>.png. */
export async function screenshot(page: Page, name: string, settleMs = 300): Promise<void> {
  if (settleMs > 0) await page.waitForTimeout(settleMs);
  await page.screenshot({ path: `${artifacts}${name}.png` });
}
