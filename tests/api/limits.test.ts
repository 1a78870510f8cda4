// Request limits through the app: each hostile request from issue 9 answers a 4xx-class error, writes nothing, and
// leaves /health answering.
import { zipSync } from 'fflate';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import { readImportInput } from '../../server/src/import/read-input.js';
import { importParsed } from '../../server/src/import/import-bundle.js';
import { OperationGates } from '../../server/src/limits/operation-gates.js';
import { createTestClient, type GraphQLResponse } from '../helpers/app.js';
import { openTestDatabase, snapshot, type TestDatabase } from '../helpers/database.js';

let t: TestDatabase;
let client: ReturnType<typeof createTestClient>;
let before: string;
let someone: string;
beforeAll(async () => {
  t = await openTestDatabase();
  await t.clear();
  const report = await importParsed(
    t.db,
    await readImportInput(fileURLToPath(new URL('../fixtures/import/valid-bundle', import.meta.url))),
  );
  expect(report.ok).toBe(true);
  client = createTestClient(t);
  someone = (
    await client.data<{ stakeholders: { edges: Array<{ node: { id: string } }> } }>(
      '{ stakeholders(first: 1) { edges { node { id } } } }',
    )
  ).stakeholders.edges[0]!.node.id;
  before = await snapshot(t.db);
});
afterAll(async () => t.close());

/**
 * The request was refused as the client's fault: never a 5xx (errors found before execution answer 4xx; a
 * resolver's BAD_USER_INPUT or NOT_FOUND answers 200 with the code, as GraphQL over HTTP has it), a stable code,
 * nothing written, /health fine.
 */
async function expectRefused(response: GraphQLResponse<unknown>, code: string | RegExp, message?: RegExp): Promise<void> {
  expect(response.status).toBeLessThan(500);
  if (response.status === 200) expect(response.body.errors?.[0]?.extensions?.code).toMatch(/^(BAD_USER_INPUT|NOT_FOUND)$/);
  else expect(response.status).toBeGreaterThanOrEqual(400);
  const error = response.body.errors?.[0];
  expect(error?.extensions?.code).toMatch(code);
  expect(error?.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
  if (message) expect(error?.message).toMatch(message);
  expect(response.body.data ?? null).toBeNull();
  expect(await snapshot(t.db)).toBe(before);
  expect((await client.app.fetch('http://atlas.test/health')).status).toBe(200);
}

const VALIDATION = /^(BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED|GRAPHQL_PARSE_FAILED)$/;
const times = (n: number, f: (i: number) => string): string => Array.from({ length: n }, (_, i) => f(i)).join(' ');

describe('list arguments', () => {
  it('refuses a 10,000-entry tieTypes list, naming the argument', async () => {
    const response = await client.gql(`query($t: [TieType!]) { egoNetwork(id: "${someone}", tieTypes: $t) { nodes { key } } }`, {
      t: Array(10_000).fill('WORKS_WITH'),
    });
    await expectRefused(response, 'BAD_USER_INPUT', /egoNetwork\.tieTypes: at most 1000 entries/);
  });

  it('refuses an over-long list inside an input object', async () => {
    const response = await client.gql(
      'mutation($r: [RoleFactInput!]) { createStakeholder(input: { name: "X", kind: PERSON, roles: $r }) { id } }',
      {
        r: Array(1_001).fill({ role: 'CUSTOMER' }),
      },
    );
    await expectRefused(response, 'BAD_USER_INPUT', /createStakeholder\.input\.roles/);
  });
});

describe('query cost and shape', () => {
  it('refuses 50 aliases of egoNetwork(depth: 3, limit: 20000)', async () => {
    const query = `{ ${times(50, (i) => `a${i}: egoNetwork(id: "${someone}", depth: 3, limit: 20000) { nodes { key } }`)} }`;
    await expectRefused(await client.gql(query), 'BAD_USER_INPUT', /egoNetwork is selected 50 times; .* at most 4 times/);
    const graph =
      'nodes { key attributes { label kind roles communities degree } } edges { source target attributes { type weight since } }';
    const full = `{ ${times(4, (i) => `a${i}: network(limit: 200000) { ${graph} }`)} }`;
    await expectRefused(await client.gql(full), 'BAD_USER_INPUT', /estimated cost .* above the limit/);
  });

  it('refuses more than 100 aliases', async () => {
    await expectRefused(await client.gql(`{ ${times(101, (i) => `a${i}: apiVersion`)} }`), VALIDATION, /Aliases limit of 100/);
  });

  it('refuses aliased heavy plans', async () => {
    const query = `{ ${times(20, (i) => `p${i}: engagementPlan(k: 50, simulations: 10000) { expectedReach }`)} }`;
    await expectRefused(await client.gql(query), 'BAD_USER_INPUT', /estimated cost .* above the limit/);
    const few = `{ ${times(5, (i) => `p${i}: engagementPlan(k: 10, simulations: 200) { expectedReach }`)} }`;
    await expectRefused(await client.gql(few), 'BAD_USER_INPUT', /engagementPlan is selected 5 times/);
  });

  it('answers 400 to circular fragments', async () => {
    const response = await client.gql('{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }');
    await expectRefused(response, VALIDATION);
  });

  it('answers 400 to 500-level nesting', async () => {
    let inner = 'id';
    for (let i = 0; i < 125; i++) inner = `ties { edges { node { source { ${inner} } } } }`;
    await expectRefused(
      await client.gql(`{ stakeholder(id: "a") { ${inner} } }`),
      VALIDATION,
      /depth limit of 10 exceeded, found 50\d/,
    );
  });

  it('answers 400 to a fragment bomb', async () => {
    const fragments = times(30, (i) =>
      i === 29 ? `fragment F${i} on Query { apiVersion }` : `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    );
    await expectRefused(await client.gql(`{ ...F0 } ${fragments}`), 'BAD_USER_INPUT', /fields/);
  });

  it('answers 400 to a 5 MB query', async () => {
    await expectRefused(await client.gql(`{ apiVersion ${' '.repeat(5_000_000)}}`), VALIDATION, /Character limit/);
  });

  it('answers 400 to a query of too many tokens', async () => {
    await expectRefused(await client.gql(`{ ${times(5_001, () => 'a')} }`), VALIDATION, /Token limit/i);
  });
});

describe('strings and numbers at the edge', () => {
  const CREATE = 'mutation($input: CreateStakeholderInput!) { createStakeholder(input: $input) { id } }';

  it('refuses NUL and control characters in names', async () => {
    await expectRefused(
      await client.gql(CREATE, { input: { name: 'Eve\u0000', kind: 'PERSON' } }),
      'BAD_USER_INPUT',
      /input\.name/,
    );
    await expectRefused(
      await client.gql(CREATE, { input: { name: 'Eve\u001b[31m', kind: 'PERSON' } }),
      'BAD_USER_INPUT',
      /control/,
    );
  });

  it('refuses a 1 MB name before it reaches Neo4j', async () => {
    await expectRefused(
      await client.gql(CREATE, { input: { name: 'x'.repeat(1_000_000), kind: 'PERSON' } }),
      'BAD_USER_INPUT',
      /at most 10000 characters/,
    );
  });

  it('answers BAD_USER_INPUT to searches too long for the index', async () => {
    const SEARCH = 'query($text: String) { stakeholders(filter: { text: $text }) { totalCount } }';
    await expectRefused(await client.gql(SEARCH, { text: 'a'.repeat(40_000) }), 'BAD_USER_INPUT');
    await expectRefused(await client.gql(SEARCH, { text: 'word '.repeat(1_100) }), 'BAD_USER_INPUT');
    await expectRefused(await client.gql(SEARCH, { text: 'a '.repeat(40) }), 'BAD_USER_INPUT', /at most 32 words/);
    await expectRefused(await client.gql(SEARCH, { text: 'b'.repeat(500) }), 'BAD_USER_INPUT', /at most 200 characters/);
  });

  it('does not echo long ids back', async () => {
    const id = 'i'.repeat(5_000);
    const response = await client.gql('mutation($id: ID!) { addRole(id: $id, role: { role: CUSTOMER }) { id } }', { id });
    await expectRefused(response, 'NOT_FOUND');
    expect(JSON.stringify(response.body).length).toBeLessThan(600);
    const huge = await client.gql('mutation($id: ID!) { deleteStakeholder(id: $id) }', { id: 'i'.repeat(1_000_000) });
    await expectRefused(huge, 'BAD_USER_INPUT');
    expect(JSON.stringify(huge.body).length).toBeLessThan(600);
  });

  it('refuses weights that overflow', async () => {
    const TIE = `mutation { addTie(input: { source: "${someone}", target: "${someone}x", type: WORKS_WITH, weight: 1.79e308 }) { weight } }`;
    await expectRefused(await client.gql(TIE), 'BAD_USER_INPUT', /finite number/);
  });
});

describe('imports', () => {
  it('refuses a zip bomb by its declared size, naming the limit, and writes nothing', async () => {
    const zip = zipSync({ 'stakeholders.csv': new Uint8Array(1_000) });
    const view = new DataView(zip.buffer);
    for (let i = 0; i + 46 <= zip.length; i++)
      if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 0x7fffffff, true);
    const response = await client.gql<{ importData: { ok: boolean; errors: Array<{ message: string }> } }>(
      'mutation($c: String!) { importData(input: { format: CSV_ZIP, content: $c }) { ok errors { message } } }',
      { c: Buffer.from(zip).toString('base64') },
    );
    expect(response.body.data?.importData.ok).toBe(false);
    expect(response.body.data?.importData.errors[0]?.message).toMatch(/256 MiB, the limit for an import/);
    expect(await snapshot(t.db)).toBe(before);
  });
});

describe('heavy operations', () => {
  it('turns a request away with UNAVAILABLE while its operation is at its concurrency limit', async () => {
    const gates = new OperationGates(1);
    const app = createApp({ db: t.db, config: { ...t.config, logLevel: 'error' }, gates });
    const ask = async () => {
      const response = await app.fetch('http://atlas.test/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
          ...(await client.authHeaders()),
        },
        body: JSON.stringify({ query: `{ egoNetwork(id: "${someone}") { nodes { key } } }` }),
      });
      return {
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
        body: (await response.json()) as GraphQLResponse<unknown>['body'],
      };
    };
    const held = gates.tryAcquire(['Query.egoNetwork']);
    expect('release' in held).toBe(true);
    const busy = await ask();
    expect(busy.status).toBe(503);
    expect(busy.retryAfter).toBe('1');
    expect(busy.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/egoNetwork is busy.*retry/),
      extensions: { code: 'UNAVAILABLE' },
    });
    if ('release' in held) held.release();
    const served = await ask();
    expect(served.status).toBe(200);
    expect(gates.inUse('Query.egoNetwork')).toBe(0);
  });
});
