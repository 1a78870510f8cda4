// Interactions and relationship strength through the GraphQL app: logging one strengthens the pairs it relates,
// a stakeholder's log pages and filters, bad input is refused with nothing written, viewers see no summaries,
// and a full recomputation agrees with the incremental updates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { readImportInput } from '../../server/src/import/read-input.js';
import { importParsed } from '../../server/src/import/import-bundle.js';
import { execute } from '../../server/src/db/database.js';
import { decodeNetwork, type WireColumnsNetwork } from '../../client/src/lib/graph/columns.js';
import { openTestDatabase, snapshot, type TestDatabase } from '../helpers/database.js';
import { createTestClient } from '../helpers/app.js';

let t: TestDatabase;
let editor: ReturnType<typeof createTestClient>;
let viewer: ReturnType<typeof createTestClient>;
const ERIN = 'captable:S003';
let others: string[] = [];

beforeAll(async () => {
  t = await openTestDatabase();
  await t.clear();
  const report = await importParsed(
    t.db,
    await readImportInput(fileURLToPath(new URL('../fixtures/import/valid-bundle', import.meta.url))),
  );
  expect(report.ok).toBe(true);
  editor = createTestClient(t, { role: 'editor' });
  viewer = createTestClient(t, { role: 'viewer', app: editor.app });
  const list = await editor.data<{ stakeholders: { edges: Array<{ node: { id: string } }> } }>(
    'query { stakeholders(first: 20) { edges { node { id } } } }',
  );
  others = list.stakeholders.edges.map((e) => e.node.id).filter((id) => id !== ERIN);
  expect(others.length).toBeGreaterThanOrEqual(3);
});
afterAll(async () => t.close());

const LOG = `mutation($input: LogInteractionInput!) { logInteraction(input: $input) {
  interaction { id at channel sentiment summary owner { id } participants { stakeholder { id } initiator } loggedBy }
  relationships { a { id } b { id } previousStrength relationship { strength interactionCount lastInteractionAt owner { id } } }
} }`;

interface Logged {
  logInteraction: {
    interaction: {
      id: string;
      at: string;
      channel: string;
      sentiment: number | null;
      summary: string | null;
      owner: { id: string } | null;
      participants: Array<{ stakeholder: { id: string }; initiator: boolean }>;
      loggedBy: string | null;
    };
    relationships: Array<{
      a: { id: string };
      b: { id: string };
      previousStrength: number;
      relationship: { strength: number; interactionCount: number; lastInteractionAt: string; owner: { id: string } | null };
    }>;
  };
}

const daysAgo = (n: number): string => new Date(Date.now() - n * 86_400_000).toISOString();

describe('logInteraction', () => {
  it('records the interaction and strengthens the pair it relates, more with each one', async () => {
    const [bob] = others;
    const first = await editor.data<Logged>(LOG, {
      input: { at: daysAgo(30), channel: 'MEETING', participants: [bob], owner: ERIN, sentiment: 1, summary: 'Renewal talk' },
    });
    const logged = first.logInteraction;
    expect(logged.interaction.channel).toBe('MEETING');
    expect(logged.interaction.owner?.id).toBe(ERIN);
    expect(logged.interaction.participants.map((p) => p.stakeholder.id).sort()).toEqual([bob, ERIN].sort());
    expect(logged.interaction.loggedBy).toMatch(/editor/);
    expect(logged.relationships).toHaveLength(1);
    const before = logged.relationships[0]!.relationship;
    expect(before.interactionCount).toBe(1);
    expect(before.strength).toBeGreaterThan(0);
    expect(before.owner?.id).toBe(ERIN);

    const second = await editor.data<Logged>(LOG, {
      input: { at: daysAgo(2), channel: 'CALL', participants: [bob, ERIN], initiator: bob },
    });
    const after = second.logInteraction.relationships[0]!.relationship;
    expect(after.interactionCount).toBe(2);
    expect(after.strength).toBeGreaterThan(before.strength);
    expect(second.logInteraction.relationships[0]!.previousStrength).toBeCloseTo(before.strength, 5);
    expect(Date.parse(after.lastInteractionAt)).toBeGreaterThan(Date.parse(before.lastInteractionAt));

    const read = await editor.data<{
      stakeholder: { relationships: Array<{ stakeholder: { id: string }; strength: number; interactionCount: number }> };
    }>('query($id: ID!) { stakeholder(id: $id) { relationships { stakeholder { id } strength interactionCount } } }', {
      id: ERIN,
    });
    expect(read.stakeholder.relationships[0]).toMatchObject({ stakeholder: { id: bob }, interactionCount: 2 });
    expect(read.stakeholder.relationships[0]!.strength).toBeCloseTo(after.strength, 9);
  });

  it('relates every pair of a small group', async () => {
    const group = await editor.data<Logged>(LOG, {
      input: { at: daysAgo(10), channel: 'EVENT', participants: others.slice(0, 3) },
    });
    expect(group.logInteraction.relationships).toHaveLength(3);
  });

  it('pages and filters a stakeholder’s interactions, newest first', async () => {
    const query = `query($id: ID!, $since: String, $channel: InteractionChannel, $first: Int, $after: String) {
      stakeholder(id: $id) { interactions(since: $since, channel: $channel, first: $first, after: $after) {
        totalCount edges { node { channel at } } pageInfo { hasNextPage endCursor } } } }`;
    type Page = {
      stakeholder: {
        interactions: {
          totalCount: number;
          edges: Array<{ node: { channel: string; at: string } }>;
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      };
    };
    const all = await editor.data<Page>(query, { id: ERIN });
    expect(all.stakeholder.interactions.totalCount).toBe(2);
    expect(all.stakeholder.interactions.edges.map((e) => e.node.channel)).toEqual(['CALL', 'MEETING']);
    const firstPage = await editor.data<Page>(query, { id: ERIN, first: 1 });
    expect(firstPage.stakeholder.interactions.pageInfo.hasNextPage).toBe(true);
    const next = await editor.data<Page>(query, {
      id: ERIN,
      first: 1,
      after: firstPage.stakeholder.interactions.pageInfo.endCursor,
    });
    expect(next.stakeholder.interactions.edges.map((e) => e.node.channel)).toEqual(['MEETING']);
    const recent = await editor.data<Page>(query, { id: ERIN, since: daysAgo(7).slice(0, 10) });
    expect(recent.stakeholder.interactions.totalCount).toBe(1);
    const meetings = await editor.data<Page>(query, { id: ERIN, channel: 'MEETING' });
    expect(meetings.stakeholder.interactions.edges.map((e) => e.node.channel)).toEqual(['MEETING']);
  });

  it('refuses bad input, naming the field, and writes nothing', async () => {
    const [a, b] = others;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ at: 'yesterday', channel: 'CALL', participants: [a, b] }, 'input.at'],
      [{ at: '2026-13-45', channel: 'CALL', participants: [a, b] }, 'input.at'],
      [{ at: new Date(Date.now() + 5 * 86_400_000).toISOString(), channel: 'CALL', participants: [a, b] }, 'input.at'],
      [{ at: '1850-01-01', channel: 'CALL', participants: [a, b] }, 'input.at'],
      [{ at: daysAgo(1), channel: 'CALL', participants: [] }, 'input.participants'],
      [{ at: daysAgo(1), channel: 'CALL', participants: [a] }, 'input.participants'],
      [{ at: daysAgo(1), channel: 'CALL', participants: [a, a] }, 'input.participants[1]'],
      [{ at: daysAgo(1), channel: 'CALL', participants: Array.from({ length: 201 }, (_, i) => `x:${i}`) }, 'input.participants'],
      [{ at: daysAgo(1), channel: 'CALL', participants: [a, b], initiator: ERIN }, 'input.initiator'],
      [{ at: daysAgo(1), channel: 'CALL', participants: [a, b], sentiment: 3 }, 'input.sentiment'],
      [{ at: daysAgo(1), channel: 'CALL', participants: [a, b], summary: 'x'.repeat(5001) }, 'input.summary'],
      [{ at: daysAgo(1), channel: 'CALL', participants: [a, b], summary: 'bell\u0007' }, 'input.summary'],
      [{ at: daysAgo(1), channel: 'CALL', participants: [a, 'x'.repeat(300)] }, 'input.participants[1]'],
    ];
    const before = await snapshot(t.db);
    for (const [input, field] of cases) {
      const response = await editor.gql(LOG, { input });
      expect(response.body.errors?.[0]?.extensions?.code, JSON.stringify(input).slice(0, 80)).toBe('BAD_USER_INPUT');
      // Oversized strings are stopped by the request limits first, which name the path from the operation.
      const named = String(response.body.errors?.[0]?.extensions?.field);
      expect(named === field || named === `logInteraction.${field}`, `${named} for ${field}`).toBe(true);
    }
    const unknown = await editor.gql(LOG, { input: { at: daysAgo(1), channel: 'CALL', participants: [a, 'nobody:here'] } });
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await snapshot(t.db)).toBe(before);
  });

  it('lets viewers read interactions without summaries, and not log them', async () => {
    const read = await viewer.data<{
      stakeholder: { interactions: { edges: Array<{ node: { summary: string | null; channel: string } }> } };
    }>('query($id: ID!) { stakeholder(id: $id) { interactions(channel: MEETING) { edges { node { summary channel } } } } }', {
      id: ERIN,
    });
    expect(read.stakeholder.interactions.edges[0]?.node).toEqual({ summary: null, channel: 'MEETING' });
    const refused = await viewer.gql(LOG, { input: { at: daysAgo(1), channel: 'CALL', participants: others.slice(0, 2) } });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('recomputeRelationshipStrengths', () => {
  it('agrees with the incremental updates', async () => {
    const query = `query($id: ID!) { stakeholder(id: $id) { relationships { stakeholder { id } strength interactionCount } } }`;
    type R = {
      stakeholder: { relationships: Array<{ stakeholder: { id: string }; strength: number; interactionCount: number }> };
    };
    const incremental = await editor.data<R>(query, { id: ERIN });
    const analyst = createTestClient(t, { role: 'analyst', app: editor.app });
    const summary = await analyst.data<{ recomputeRelationshipStrengths: { interactions: number; relationships: number } }>(
      'mutation { recomputeRelationshipStrengths { interactions relationships durationMs } }',
    );
    expect(summary.recomputeRelationshipStrengths).toMatchObject({ interactions: 3, relationships: 4 });
    const full = await editor.data<R>(query, { id: ERIN });
    expect(full.stakeholder.relationships.map((r) => [r.stakeholder.id, r.interactionCount])).toEqual(
      incremental.stakeholder.relationships.map((r) => [r.stakeholder.id, r.interactionCount]),
    );
    // Seconds apart, a 90-day half-life changes nothing at this precision.
    full.stakeholder.relationships.forEach((r, i) =>
      expect(r.strength).toBeCloseTo(incremental.stakeholder.relationships[i]!.strength, 5),
    );
  });
});

// After the recomputation above (which counts this file's interactions): the map's answer and the stored relationships.
describe("the network answer's relationship columns", () => {
  const COLUMNS = `attributes { truncated totalNodes totalEdges run }
    columns { communities nodes { ids labels kinds roleMasks degrees declared { counts communities } }
      ties { sourceDeltas targetDeltas typeNames types weights since strengths firstInteraction lastInteraction } }`;
  type Stored = {
    stakeholder: {
      relationships: Array<{
        stakeholder: { id: string };
        strength: number;
        firstInteractionAt: string;
        lastInteractionAt: string;
      }>;
    };
  };

  /** A tied pair, with or without a measured relationship. */
  async function tiedPair(measured: boolean): Promise<[string, string]> {
    const rows = await execute<{ a: string; b: string }>(
      t.db,
      `MATCH (a:Stakeholder)-[x]->(b:Stakeholder) WHERE type(x) <> 'RELATES' AND a <> b
         AND ${measured ? '' : 'NOT '}EXISTS { (a)-[:RELATES]-(b) }
       RETURN a.id AS a, b.id AS b ORDER BY a.id, b.id LIMIT 1`,
    );
    const row = rows[0];
    if (row === undefined) throw new Error(`the fixture has no tied pair ${measured ? 'with' : 'without'} interactions`);
    return [row.a, row.b];
  }

  it("carry the stored strength and interaction days of a tie's pair after logInteraction; 0 and null without", async () => {
    const [a, b] = await tiedPair(false);
    await editor.data<Logged>(LOG, { input: { at: daysAgo(40), channel: 'MEETING', participants: [a, b], sentiment: 2 } });
    await editor.data<Logged>(LOG, { input: { at: daysAgo(3), channel: 'CALL', participants: [a, b] } });
    const [c, d] = await tiedPair(false);
    const stored = await editor.data<Stored>(
      'query($id: ID!) { stakeholder(id: $id) { relationships(first: 100) { stakeholder { id } strength firstInteractionAt lastInteractionAt } } }',
      { id: a },
    );
    const relationship = stored.stakeholder.relationships.find((r) => r.stakeholder.id === b);
    if (relationship === undefined) throw new Error('no stored relationship after logInteraction');
    expect(relationship.strength).toBeGreaterThan(0);

    const answer = await editor.data<{ network: WireColumnsNetwork; egoNetwork: WireColumnsNetwork }>(
      `query($id: ID!) { network(limit: 25000) { ${COLUMNS} } egoNetwork(id: $id, depth: 1) { ${COLUMNS} } }`,
      { id: a },
    );
    for (const graph of [decodeNetwork(answer.network), decodeNetwork(answer.egoNetwork)]) {
      const ties = [...graph.outEdges(a, b), ...graph.outEdges(b, a)];
      expect(ties.length).toBeGreaterThan(0);
      for (const tie of ties) {
        expect(graph.getEdgeAttributes(tie)).toMatchObject({
          // As stored, at the precision the answer carries (4 significant digits).
          strength: Number(relationship.strength.toPrecision(4)),
          firstInteraction: relationship.firstInteractionAt.slice(0, 10),
          lastInteraction: relationship.lastInteractionAt.slice(0, 10),
        });
      }
    }
    expect(relationship.firstInteractionAt.slice(0, 10)).toBe(daysAgo(40).slice(0, 10));
    expect(relationship.lastInteractionAt.slice(0, 10)).toBe(daysAgo(3).slice(0, 10));
    // A tied pair that never interacted: strength 0, no interaction days.
    const network = decodeNetwork(answer.network);
    for (const tie of network.outEdges(c, d)) {
      expect(network.getEdgeAttributes(tie)).toMatchObject({ strength: 0, firstInteraction: null, lastInteraction: null });
    }
    expect(network.outEdges(c, d).length).toBeGreaterThan(0);
  });
});
