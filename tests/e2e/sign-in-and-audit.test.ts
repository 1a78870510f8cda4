// Signing in through the page (a wrong password is refused inline, the right one opens the map), the Audit view
// with the sign-in event, a personal API token created (secret shown once), used and revoked, and signing out.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { resetToDemo } from '../helpers/demo-data.js';
import { adminCredentials, callAtlas, launchChromium, screenshot, waitUntilSettled } from '../helpers/browser.js';

const appUrl = inject('appUrl');
const admin = adminCredentials();

let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const shot = (name: string): Promise<void> => screenshot(page, name);

/** `{ me { name role } }` sent by a script with a bearer token (no cookie). */
async function meWithToken(token: string): Promise<{ status: number; me: { name: string; role: string } | null }> {
  const response = await fetch(new URL('graphql', appUrl), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify({ query: '{ me { name role } }' }),
  });
  const body = (await response.json()) as { data?: { me: { name: string; role: string } | null } | null };
  return { status: response.status, me: body.data?.me ?? null };
}

beforeAll(async () => {
  await resetToDemo();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
});

afterAll(async () => {
  await browser?.close();
});

describe('signing in', () => {
  it('shows the sign-in page first, and no map', async () => {
    await page.goto(appUrl);
    await page.getByTestId('sign-in-form').waitFor({ timeout: 60_000 });
    await expect(page.getByLabel('Name', { exact: true }).getAttribute('autocomplete')).resolves.toBe('username');
    await expect(page.getByLabel('Password', { exact: true }).getAttribute('autocomplete')).resolves.toBe('current-password');
    expect(await page.getByTestId('sigma-container').count()).toBe(0);
    await shot('auth-01-sign-in');
  });

  it('refuses a wrong password with an inline error and stays on the page', async () => {
    await page.getByLabel('Name', { exact: true }).fill(admin.name);
    await page.getByLabel('Password', { exact: true }).fill(`${admin.password}-wrong`);
    await page.getByTestId('sign-in-submit').click();
    await expect
      .poll(() => page.getByTestId('sign-in-error').textContent(), { timeout: 20_000 })
      .toContain('Wrong name or password.');
    await expect(page.getByLabel('Password', { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await page.getByTestId('signed-in-as').count()).toBe(0);
    await shot('auth-02-wrong-password');
  });

  it('opens the map with the right password, and the header says who is signed in', async () => {
    await page.getByLabel('Password', { exact: true }).fill(admin.password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('signed-in-as').waitFor({ timeout: 60_000 });
    await waitUntilSettled(page);
    expect(await page.getByTestId('signed-in-as').textContent()).toContain(admin.name);
    expect((await page.getByTestId('signed-in-role').textContent())?.trim()).toBe('Admin');
    expect(await callAtlas(page, 'order')).toBeGreaterThan(0);
    // An admin is offered everything: the Act tab, exports, the Audit and Users views.
    for (const id of ['tab-act', 'open-audit', 'open-users', 'sign-out']) expect(await page.getByTestId(id).count()).toBe(1);
    await expect(page.getByRole('button', { name: 'Download GEXF' }).count()).resolves.toBe(1);
    await shot('auth-03-signed-in');
  });
});

describe('the Audit view', () => {
  it('lists the sign-in event of this admin', async () => {
    await page.getByTestId('open-audit').click();
    await page.getByTestId('audit-view').waitFor();
    await page.getByTestId('audit-row').first().waitFor({ timeout: 30_000 });
    const rows = await page
      .getByTestId('audit-row')
      .evaluateAll((trs) =>
        trs.map((tr) => ({ action: tr.getAttribute('data-action') ?? '', actor: tr.getAttribute('data-actor') ?? '' })),
      );
    const signIns = rows.filter((r) => /sign[-_ .]?in/i.test(r.action) && r.actor === admin.name);
    expect(signIns.length).toBeGreaterThan(0);
    await shot('auth-04-audit');
  });

  it('filters by actor', async () => {
    await page.getByTestId('audit-actor').fill(admin.name);
    await page.getByTestId('audit-apply').click();
    await expect
      .poll(async () => {
        const actors = await page.getByTestId('audit-row').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-actor')));
        return actors.length > 0 && actors.every((a) => a === admin.name);
      })
      .toBe(true);
  });

  it('goes back to the map', async () => {
    await page.getByRole('button', { name: 'Back to the map' }).click();
    expect(await page.getByTestId('audit-view').count()).toBe(0);
    expect(await callAtlas(page, 'order')).toBeGreaterThan(0);
  });
});

describe('personal API tokens', () => {
  const name = `e2e token ${Date.now()}`;
  let secret = '';

  it('creates a token and shows its secret once, with a warning', async () => {
    await page.getByTestId('open-users').click();
    await page.getByTestId('users-panel').waitFor();
    await page.locator(`[data-testid="user-row"][data-user="${admin.name}"]`).waitFor({ timeout: 30_000 });
    await page.getByTestId('token-name').fill(name);
    await page.getByTestId('token-days').fill('7');
    await page.getByTestId('token-create').click();
    await page.getByTestId('token-secret').waitFor({ timeout: 30_000 });
    secret = await page.getByTestId('token-secret-value').inputValue();
    expect(secret.length).toBeGreaterThanOrEqual(16);
    expect(await page.getByTestId('token-secret').textContent()).toContain('shown only once');
    await page.locator(`[data-testid="token-row"][data-token="${name}"][data-state="active"]`).waitFor();
    await shot('auth-05-token-secret');
    await page.getByTestId('token-secret-done').click();
    expect(await page.getByTestId('token-secret').count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
  });

  it('the token works for a script until it is revoked', async () => {
    const before = await meWithToken(secret);
    expect(before.status).toBe(200);
    expect(before.me?.name).toBe(admin.name);
    const row = page.locator(`[data-testid="token-row"][data-token="${name}"]`);
    await row.getByTestId('token-revoke').click();
    await page.locator(`[data-testid="token-row"][data-token="${name}"][data-state="revoked"]`).waitFor({ timeout: 30_000 });
    expect(await row.getByTestId('token-revoke').count()).toBe(0);
    const after = await meWithToken(secret);
    // A revoked token is no credential: either refused outright or treated as anonymous.
    expect(after.status === 401 || after.me === null).toBe(true);
    await shot('auth-06-token-revoked');
  });
});

describe('signing out', () => {
  it('returns to the sign-in page, and the session is gone after a reload', async () => {
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in-form').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('sign-in-notice').textContent()).toContain('signed out');
    await page.reload();
    await page.getByTestId('sign-in-form').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('signed-in-as').count()).toBe(0);
    const status = await page.evaluate(async () => {
      const response = await fetch('/graphql', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query: '{ stakeholders(first: 1) { totalCount } }' }),
      });
      return response.status;
    });
    expect(status).toBe(401);
    await shot('auth-07-signed-out');
    expect(pageErrors).toEqual([]);
  });
});
