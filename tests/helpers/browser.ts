// Headless Chromium for the e2e tier: Debian's chromium with the flags every journey uses, calls into the page's
// `window.__atlas` probes (client/src/lib/test-hook.ts), the wait for a drawn, settled map, and screenshots kept
// under tests/artifacts/e2e.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
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

/** Launches Debian's chromium (installed by .ci/run) and makes sure the screenshot folder exists. */
export function launchChromium(): Promise<Browser> {
  mkdirSync(artifacts, { recursive: true });
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
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

/** Waits until the app has drawn its map and the layout has stopped. */
export async function waitUntilSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__atlas !== undefined, null, { timeout: 60_000 });
  await page.waitForFunction(() => window.__atlas?.layoutRunning() === false, null, { timeout: 90_000 });
}

/** Keeps a screenshot of the page as tests/artifacts/e2e/<name>.png. */
export async function screenshot(page: Page, name: string, settleMs = 300): Promise<void> {
  if (settleMs > 0) await page.waitForTimeout(settleMs);
  await page.screenshot({ path: `${artifacts}${name}.png` });
}
