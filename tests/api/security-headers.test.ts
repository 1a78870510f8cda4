// Secure defaults through the app: security headers, GraphiQL served by the app under its CSP, CORS closed unless configured,
// the Host check against DNS rebinding, CSRF prevention for simple (form, text, multipart) requests, body size.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import { createHttpServer } from '../../server/src/http-server.js';
import { createTestClient } from '../helpers/app.js';
import { openTestDatabase, snapshot, type TestDatabase } from '../helpers/database.js';

let t: TestDatabase;
let client: ReturnType<typeof createTestClient>;
let victim: string;
beforeAll(async () => {
  t = await openTestDatabase();
  await t.clear();
  client = createTestClient(t);
  victim = (
    await client.data<{ createStakeholder: { id: string } }>(
      'mutation { createStakeholder(input: { name: "Victim", kind: PERSON }) { id } }',
    )
  ).createStakeholder.id;
});
afterAll(async () => t.close());

const DELETE = () => `mutation { deleteStakeholder(id: "${victim}") }`;

function expectSecurityHeaders(headers: Headers): void {
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
}

describe('security headers', () => {
  it('come with API answers and /health', async () => {
    const response = await client.app.fetch('http://atlas.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ apiVersion }' }),
    });
    expectSecurityHeaders(response.headers);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expectSecurityHeaders((await client.app.fetch('http://atlas.test/health')).headers);
  });

  it('keep GraphiQL for signed-in users: anonymous browsers get a page pointing to the sign-in', async () => {
    const anonymous = await client.app.fetch('http://atlas.test/graphql', { headers: { accept: 'text/html' } });
    expect(anonymous.status).toBe(401);
    const text = await anonymous.text();
    expect(text).toContain('Sign in');
    expect(text).not.toContain('<script');
    expectSecurityHeaders(anonymous.headers);
  });

  it("serve GraphiQL from the app itself: no inline script, no other origin, the app's own CSP", async () => {
    const page = await client.app.fetch('http://atlas.test/graphql', {
      headers: { accept: 'text/html', ...(await client.authHeaders()) },
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expectSecurityHeaders(page.headers);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/script-src[^;]*(unsafe-inline|https?:)/);
    // Every file the page loads is a path of this app.
    const references = [...html.matchAll(/\b(?:src|href)=["']([^"']+)["']/g)].map((match) => match[1] ?? '');
    expect(references.length).toBeGreaterThanOrEqual(4);
    for (const reference of references) expect(reference).toMatch(/^\/graphql\/explorer\/[\w.-]+$/);
    expect(html).not.toMatch(/https?:\/\//);
    // No script runs inline: the only <script> without src is the JSON options block.
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((match) => match[1] ?? '');
    expect(inline).toEqual([' type="application/json" id="graphiql-options"']);
    const workers = ['editor', 'json', 'graphql'].map((name) => `/graphql/explorer/${name}.worker.js`);
    for (const file of [...references, ...workers]) {
      const asset = await client.app.fetch(`http://atlas.test${file}`);
      expect(asset.status, file).toBe(200);
      expect((await asset.text()).length, file).toBeGreaterThan(100);
      expectSecurityHeaders(asset.headers);
    }
    expect((await client.app.fetch('http://atlas.test/graphql/explorer/missing.js')).status).toBe(404);
  });
});

describe('CORS', () => {
  it('is closed by default: no Origin is reflected, no credentials are allowed', async () => {
    const response = await client.app.fetch('http://atlas.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ query: '{ apiVersion }' }),
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    const preflight = await client.app.fetch('http://atlas.test/graphql', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows exactly the origins ATLAS_CORS_ORIGINS names, without credentials', async () => {
    const app = createApp({ db: t.db, config: { ...t.config, logLevel: 'error', corsOrigins: ['https://app.example'] } });
    const ask = (origin: string) =>
      app.fetch('http://atlas.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ query: '{ apiVersion }' }),
      });
    const allowed = await ask('https://app.example');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(allowed.headers.get('access-control-allow-credentials')).not.toBe('true');
    expect((await ask('https://evil.example')).headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
  });
});

describe('Host check', () => {
  const post = (url: string) =>
    client.app.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: DELETE() }),
    });

  it('answers 421 to a name that is not this server (DNS rebinding) and runs nothing', async () => {
    const before = await snapshot(t.db);
    const response = await post('http://rebind.evil.example/graphql');
    expect(response.status).toBe(421);
    expect(((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions.code).toBe(
      'MISDIRECTED_REQUEST',
    );
    expect((await post(`http://127.0.0.1:${t.config.port + 1}/graphql`)).status).toBe(421);
    expect(await snapshot(t.db)).toBe(before);
  });

  it('accepts the public URL and the loopback names of the bound port', async () => {
    const ask = async (url: string) =>
      client.app.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await client.authHeaders()) },
        body: '{"query":"{ apiVersion }"}',
      });
    expect((await ask('http://atlas.test/graphql')).status).toBe(200);
    expect((await ask(`http://127.0.0.1:${t.config.port}/graphql`)).status).toBe(200);
    expect((await ask(`http://localhost:${t.config.port}/graphql`)).status).toBe(200);
  });
});

describe('CSRF', () => {
  it('refuses form-encoded, text/plain and multipart posts that would run a mutation, and deletes nothing', async () => {
    const before = await snapshot(t.db);
    const form = await client.app.fetch('http://atlas.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ query: DELETE() }).toString(),
    });
    expect(form.status).toBe(403);
    const text = await client.app.fetch('http://atlas.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: DELETE() }),
    });
    expect(text.status).toBe(403);
    const multipart = new FormData();
    multipart.set('operations', JSON.stringify({ query: DELETE() }));
    multipart.set('map', '{}');
    expect((await client.app.fetch('http://atlas.test/graphql', { method: 'POST', body: multipart })).status).toBe(403);
    expect(await snapshot(t.db)).toBe(before);
    expect((await client.app.fetch('http://atlas.test/health')).status).toBe(200);
  });

  it('asks GET queries for the CSRF header, and serves them with it', async () => {
    const url = 'http://atlas.test/graphql?query=' + encodeURIComponent('{ apiVersion }');
    const auth = await client.authHeaders();
    expect((await client.app.fetch(url, { headers: auth })).status).toBe(403);
    expect((await client.app.fetch(url, { headers: { 'x-graphql-yoga-csrf': '1', ...auth } })).status).toBe(200);
  });

  it('runs JSON posts, which browsers preflight', async () => {
    expect((await client.gql('{ apiVersion }')).body.data).toEqual({ apiVersion: '1' });
  });
});

describe('request body size over HTTP', () => {
  it('answers 413 past ATLAS_MAX_BODY_BYTES and 411 to a body without a length', async () => {
    const limits = { ...t.config.limits, maxBodyBytes: 64 * 1024 };
    const app = createApp({ db: t.db, config: { ...t.config, port: 0, logLevel: 'error', limits } });
    const server = createHttpServer(app, undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
      const big = JSON.stringify({ query: '{ apiVersion }', variables: { pad: 'x'.repeat(100_000) } });
      const tooBig = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
      expect(tooBig.status).toBe(413);
      expectSecurityHeaders(tooBig.headers);
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"query":"{ apiVersion }"}'));
          controller.close();
        },
      });
      const chunked = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      expect(chunked.status).toBe(411);
      const fine = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await client.authHeaders()) },
        body: '{"query":"{ apiVersion }"}',
      });
      expect(await fine.json()).toEqual({ data: { apiVersion: '1' } });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
