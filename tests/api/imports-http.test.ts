// The import mutation, and the GraphQL-over-HTTP behaviour: GET/POST, media types, status codes,
// depth limit, masked internal errors, /health and /ready.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { openTestDatabase, snapshot, type TestDatabase } from '../helpers/database.js';
import { createTestClient } from '../helpers/app.js';
import { createApp } from '../../server/src/app.js';
import neo4j from 'neo4j-driver';

const fixtureDir = (name: string): string => fileURLToPath(new URL(`../fixtures/import/${name}/`, import.meta.url));
function zipFolder(name: string): string {
  const files: Record<string, Uint8Array> = {};
  for (const file of readdirSync(fixtureDir(name))) files[file] = readFileSync(fixtureDir(name) + file);
  return Buffer.from(zipSync(files)).toString('base64');
}

let t: TestDatabase;
let client: ReturnType<typeof createTestClient>;
beforeAll(async () => {
  t = await openTestDatabase();
  client = createTestClient(t);
});
afterAll(async () => t.close());

const IMPORT = `mutation($input: ImportInput!) { importData(input: $input) {
  ok dryRun errors { file row column message } warnings { file message }
  merges { stakeholder records matchedOn value } counts { stakeholders records roles ties communities memberships } created updated
} }`;

interface Report {
  ok: boolean;
  dryRun: boolean;
  errors: Array<{ file: string; row: number | null; column: string | null; message: string }>;
  merges: Array<{ matchedOn: string }>;
  counts: { stakeholders: number; ties: number };
  created: number;
  updated: number;
}

describe('importData', () => {
  beforeEach(async () => t.clear());

  it('imports a zipped CSV bundle, then the same again without duplicating', async () => {
    const content = zipFolder('valid-bundle');
    const first = await client.data<{ importData: Report }>(IMPORT, { input: { format: 'CSV_ZIP', content } });
    expect(first.importData.ok).toBe(true);
    expect(first.importData.merges.map((m) => m.matchedOn)).toEqual(expect.arrayContaining(['EMAIL', 'DOMAIN']));
    const count = await t.count('MATCH (s:Stakeholder) RETURN count(s) AS n');
    expect(count).toBe(first.importData.counts.stakeholders);
    const second = await client.data<{ importData: Report }>(IMPORT, { input: { format: 'CSV_ZIP', content } });
    expect(second.importData.created).toBe(0);
    expect(await t.count('MATCH (s:Stakeholder) RETURN count(s) AS n')).toBe(count);
  });

  it('imports the meetings of an iCalendar file; its titles only when asked', async () => {
    await client.data(IMPORT, { input: { format: 'CSV_ZIP', content: zipFolder('valid-bundle') } });
    const ics = (uid: string) =>
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//test//EN',
        'BEGIN:VEVENT',
        `UID:${uid}`,
        'DTSTART:20260110T090000Z',
        'SUMMARY:Board prep',
        'ORGANIZER:mailto:erin.cole@atlas.example',
        'ATTENDEE:mailto:alice.martin@acme.com',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n');
    const counted = `mutation($input: ImportInput!) { importData(input: $input) { ok errors { message } counts { interactions relationships } } }`;
    const plain = await client.data<{ importData: { ok: boolean; counts: { interactions: number; relationships: number } } }>(
      counted,
      {
        input: { format: 'ICALENDAR', content: ics('a') },
      },
    );
    expect(plain.importData).toMatchObject({ ok: true, counts: { interactions: 1, relationships: 1 } });
    await client.data(counted, { input: { format: 'ICALENDAR', content: ics('b'), keepSummaries: true } });
    const summaries = await t.count("MATCH (i:Interaction) WHERE i.summary = 'Board prep' RETURN count(i) AS n");
    const all = await t.count('MATCH (i:Interaction) RETURN count(i) AS n');
    expect([summaries, all]).toEqual([1, 2]);
  });

  it('rejects a bad bundle row by row and writes nothing', async () => {
    await client.data(IMPORT, { input: { format: 'CSV_ZIP', content: zipFolder('valid-bundle') } });
    const before = await snapshot(t.db);
    const bad = await client.data<{ importData: Report }>(IMPORT, {
      input: { format: 'CSV_ZIP', content: zipFolder('bad-weight') },
    });
    expect(bad.importData.ok).toBe(false);
    expect(bad.importData.errors[0]).toMatchObject({ file: 'ties.csv', column: 'weight' });
    expect(bad.importData.errors[0]?.row).toBeGreaterThan(0);
    expect(await snapshot(t.db)).toBe(before);
  });

  it('imports JSON and honours dry runs', async () => {
    const json = readFileSync(fileURLToPath(new URL('../fixtures/import/valid.json', import.meta.url)), 'utf8');
    const dry = await client.data<{ importData: Report }>(IMPORT, { input: { format: 'JSON', content: json, dryRun: true } });
    expect(dry.importData).toMatchObject({ ok: true, dryRun: true });
    // Users, their tokens, sessions and links and the audit trail aside, nothing was written.
    expect(
      await t.count(
        'MATCH (n) WHERE NOT (n:User OR n:ApiToken OR n:Session OR n:SignInLink OR n:AuditEvent) RETURN count(n) AS n',
      ),
    ).toBe(0);
    const real = await client.data<{ importData: Report }>(IMPORT, { input: { format: 'JSON', content: json } });
    expect(await t.count('MATCH (s:Stakeholder) RETURN count(s) AS n')).toBe(real.importData.counts.stakeholders);
  });

  it('reports malformed content instead of failing', async () => {
    const broken = await client.data<{ importData: Report }>(IMPORT, { input: { format: 'GEXF', content: '<gexf><graph>' } });
    expect(broken.importData.ok).toBe(false);
    expect(broken.importData.errors[0]?.message).toMatch(/\S/);
  });
});

describe('GraphQL over HTTP', () => {
  it('answers GET queries and POST with application/graphql-response+json', async () => {
    const get = await client.app.fetch('http://atlas.test/graphql?query=' + encodeURIComponent('{ apiVersion }'), {
      headers: { accept: 'application/graphql-response+json', 'x-graphql-yoga-csrf': '1', ...(await client.authHeaders()) },
    });
    expect(get.status).toBe(200);
    expect(get.headers.get('content-type')).toContain('application/graphql-response+json');
    expect(await get.json()).toEqual({ data: { apiVersion: '1' } });
    const post = await client.gql('{ apiVersion }');
    expect(post.contentType).toContain('application/graphql-response+json');
  });

  it('refuses mutations over GET and says why with a 405', async () => {
    const response = await client.app.fetch(
      'http://atlas.test/graphql?query=' + encodeURIComponent('mutation { deleteStakeholder(id: "x") }'),
      { headers: { accept: 'application/graphql-response+json', 'x-graphql-yoga-csrf': '1', ...(await client.authHeaders()) } },
    );
    expect(response.status).toBe(405);
  });

  it('uses 400 for documents that do not parse or validate', async () => {
    expect((await client.gql('{ stakeholder(')).status).toBe(400);
    expect((await client.gql('{ nope }')).status).toBe(400);
  });

  it('rejects queries deeper than the limit', async () => {
    const deep = `{ stakeholder(id: "a") { ties { edges { node { source { ties { edges { node { source { ties { edges { node { type } } } } } } } } } } } } }`;
    const response = await client.gql(deep);
    expect(response.body.errors?.[0]?.message).toMatch(/depth/i);
  });

  it('masks internal errors and says UNAVAILABLE when the database is down', async () => {
    // A driver pointed at a closed port, failing fast: every query throws a driver error.
    const driver = neo4j.driver('bolt://127.0.0.1:1', undefined, { maxTransactionRetryTime: 0, connectionTimeout: 500 });
    const broken = createApp({ db: { driver, name: 'neo4j' }, config: { ...t.config, logLevel: 'error' } });
    const response = await broken.fetch('http://atlas.test/graphql', {
      method: 'POST',
      // A token to look up: authentication itself meets the dead database first.
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        authorization: 'Bearer atlas_x',
      },
      body: JSON.stringify({ query: '{ roleOverlaps { count } }' }),
    });
    const body = (await response.json()) as { errors: Array<{ message: string; extensions?: { code?: string } }> };
    expect(body.errors[0]?.extensions?.code).toBe('UNAVAILABLE');
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|ServiceUnavailable|bolt/i);
    const ready = await broken.fetch('http://atlas.test/ready');
    expect(ready.status).toBe(503);
    await driver.close();
  });

  it('compresses answers when the client accepts gzip', async () => {
    const response = await client.app.fetch('http://atlas.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip', ...(await client.authHeaders()) },
      body: JSON.stringify({ query: '{ network { nodes { key } } }' }),
    });
    expect(response.headers.get('content-encoding')).toBe('gzip');
  });

  it('serves /health and /ready', async () => {
    expect((await client.app.fetch('http://atlas.test/health')).status).toBe(200);
    expect((await client.app.fetch('http://atlas.test/ready')).status).toBe(200);
  });
});
