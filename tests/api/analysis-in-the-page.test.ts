// What the page's analyses need from the API, on the demo: who started a run, brokers between two communities (or a
// role and a community), the pairs a what-if cuts apart, and the brokerage roles in the network's score columns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../server/src/demo.js';
import { waitForRun } from '../../server/src/runner/run-analysis.js';
import { execute } from '../../server/src/db/database.js';
import { TIE_TYPES } from '../../server/src/domain/vocabulary.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { createTestClient } from '../helpers/app.js';

let t: TestDatabase;
let client: ReturnType<typeof createTestClient>;
let communities: string[];
beforeAll(async () => {
  t = await openTestDatabase();
  await t.clear();
  await loadDemo(t.db);
  client = createTestClient(t);
  communities = (
    await execute<{ id: string }>(
      t.db,
      `MATCH (c:Community {kind: 'DECLARED'}) RETURN c.id AS id ORDER BY COUNT { (c)<-[:MEMBER_OF]-() } DESC, c.id LIMIT 2`,
    )
  ).map((r) => r.id);
});
afterAll(async () => t.close());

const code = (body: { errors?: Array<{ extensions?: { code?: string } }> }) => body.errors?.[0]?.extensions?.code;
const field = (body: { errors?: Array<{ extensions?: { field?: string } }> }) => body.errors?.[0]?.extensions?.field;

interface Broker {
  rank: number;
  twoPaths: number;
  sources: number;
  targets: number;
  stakeholder: { id: string };
}

describe('brokersBetween with communities', () => {
  it('ranks who connects two declared communities, and a role to a community', async () => {
    const [a, b] = communities;
    const data = await client.data<{ between: Broker[]; mixed: Broker[] }>(
      `query($a: ID!, $b: ID!) {
        between: brokersBetween(fromCommunity: $a, toCommunity: $b, first: 5) { rank twoPaths sources targets stakeholder { id } }
        mixed: brokersBetween(fromRole: PARTNER, toCommunity: $b, first: 5) { rank twoPaths sources targets stakeholder { id } }
      }`,
      { a, b },
    );
    expect(data.between.length).toBeGreaterThan(0);
    expect(data.between.map((x) => x.rank)).toEqual(data.between.map((_, i) => i + 1));
    for (let i = 1; i < data.between.length; i++)
      expect(data.between[i]!.twoPaths).toBeLessThanOrEqual(data.between[i - 1]!.twoPaths);
    // The broker's sources are members of A with a tie to it, its targets members of B it has a tie to.
    const top = data.between[0]!;
    const counted = await execute<{ sources: number; targets: number }>(
      t.db,
      `MATCH (s:Stakeholder {id: $id})
       RETURN COUNT { MATCH (x)-->(s) WHERE (x)-[:MEMBER_OF]->(:Community {id: $a}) AND x <> s RETURN DISTINCT x } AS sources,
              COUNT { MATCH (s)-->(y) WHERE (y)-[:MEMBER_OF]->(:Community {id: $b}) AND y <> s RETURN DISTINCT y } AS targets`,
      { id: top.stakeholder.id, a, b },
    );
    expect(top.sources).toBeLessThanOrEqual(counted[0]!.sources);
    expect(top.targets).toBeLessThanOrEqual(counted[0]!.targets);
    expect(top.sources).toBeGreaterThan(0);
    expect(data.mixed.length).toBeGreaterThan(0);
  });

  it('refuses both or neither side, and an unknown community', async () => {
    const both = await client.gql(`{ brokersBetween(fromRole: PARTNER, fromCommunity: "x", toRole: CUSTOMER) { rank } }`);
    expect(code(both.body)).toBe('BAD_USER_INPUT');
    expect(field(both.body)).toBe('fromRole');
    const neither = await client.gql(`{ brokersBetween(fromRole: PARTNER) { rank } }`);
    expect(field(neither.body)).toBe('toRole');
    const unknown = await client.gql(`{ brokersBetween(fromRole: PARTNER, toCommunity: "no-such-community") { rank } }`);
    expect(field(unknown.body)).toBe('toCommunity');
  });
});

describe('whatIf: pairs that lose their shortest path', () => {
  it('lists contacts of the removed who were two steps apart only through them, with hops after', async () => {
    const hub = (
      await execute<{ id: string }>(t.db, `MATCH (s:Stakeholder) RETURN s.id AS id ORDER BY s.degree DESC, s.id LIMIT 1`)
    )[0]!.id;
    const data = await client.data<{
      whatIf: {
        lostPaths: Array<{ from: { id: string }; to: { id: string }; through: { id: string }; hopsAfter: number | null }>;
        pathPairsChecked: number;
        pathPairsLost: number;
      };
    }>(
      `query($remove: [ID!]!) { whatIf(remove: $remove) { lostPaths { from { id } to { id } through { id } hopsAfter } pathPairsChecked pathPairsLost } }`,
      { remove: [hub] },
    );
    const w = data.whatIf;
    expect(w.pathPairsChecked).toBeGreaterThan(0);
    expect(w.pathPairsLost).toBeLessThanOrEqual(w.pathPairsChecked);
    expect(w.lostPaths.length).toBe(Math.min(50, w.pathPairsLost));
    for (const p of w.lostPaths) {
      expect(p.through.id).toBe(hub);
      if (p.hopsAfter !== null) expect(p.hopsAfter).toBeGreaterThanOrEqual(3);
      // Both were the hub's contacts, with no tie between them (measured relationships are not ties).
      const tie = `[:${TIE_TYPES.join('|')}]`;
      const rows = await execute<{ ok: boolean }>(
        t.db,
        `MATCH (a:Stakeholder {id: $a}), (b:Stakeholder {id: $b}), (h:Stakeholder {id: $h})
         RETURN EXISTS { (a)-${tie}-(h) } AND EXISTS { (b)-${tie}-(h) } AND NOT EXISTS { (a)-${tie}-(b) } AS ok`,
        { a: p.from.id, b: p.to.id, h: hub },
      );
      expect(rows[0]!.ok).toBe(true);
    }
  });
});

describe('runs and the map', () => {
  it('records who started a run, and the network carries the brokerage roles as score columns', async () => {
    const user = await client.user;
    const started = await client.data<{ runAnalysis: { id: string; startedBy: string | null } }>(
      `mutation { runAnalysis(input: { seed: 3 }) { id startedBy } }`,
    );
    expect(started.runAnalysis.startedBy).toBe(user!.name);
    await waitForRun(t.db, started.runAnalysis.id);
    const runs = await client.data<{ analysisRuns: Array<{ id: string; startedBy: string | null; status: string }> }>(
      `{ analysisRuns { id startedBy status } }`,
    );
    expect(runs.analysisRuns[0]).toMatchObject({ id: started.runAnalysis.id, startedBy: user!.name, status: 'COMPLETE' });

    const net = await client.data<{
      network: {
        columns: {
          nodes: { ids: string[]; scores: { liaison: Array<number | null>; coordinator: Array<number | null> } };
        };
      };
    }>(`{ network(limit: 25000) { columns { nodes { ids scores { liaison coordinator } } } } }`);
    const { ids, scores } = net.network.columns.nodes;
    expect(scores.liaison.length).toBe(ids.length);
    const i = scores.liaison.findIndex((x) => x !== null && x > 0);
    expect(i).toBeGreaterThanOrEqual(0);
    const exact = await client.data<{ stakeholder: { scores: { brokerage: { liaison: number; coordinator: number } } } }>(
      `query($id: ID!) { stakeholder(id: $id) { scores { brokerage { liaison coordinator } } } }`,
      { id: ids[i] },
    );
    expect(scores.liaison[i]).toBe(Number(exact.stakeholder.scores.brokerage.liaison.toPrecision(4)));
    expect(scores.coordinator[i]).toBe(Number(exact.stakeholder.scores.brokerage.coordinator.toPrecision(4)));
  });
});
