// network(filter: {communities}): the members of any of several communities and every tie among them, those between
// two of the communities included (the community map's expanded communities in one request); at most 50 ids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { readImportInput } from '../../server/src/import/read-input.js';
import { importParsed } from '../../server/src/import/import-bundle.js';
import { MAX_FILTER_COMMUNITIES } from '../../server/src/schema/network/resolvers.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { createTestClient } from '../helpers/app.js';

let t: TestDatabase;
let client: ReturnType<typeof createTestClient>;
beforeAll(async () => {
  t = await openTestDatabase();
  await t.clear();
  await importParsed(t.db, await readImportInput(fileURLToPath(new URL('../fixtures/import/valid-bundle', import.meta.url))));
  client = createTestClient(t);
});
afterAll(async () => t.close());

interface Wire {
  attributes: { totalNodes: number; totalEdges: number };
  nodes: Array<{ key: string }>;
  edges: Array<{ source: string; target: string }>;
}

const GRAPH = `attributes { totalNodes totalEdges } nodes { key } edges { source target }`;
const tieKey = (e: { source: string; target: string }): string => `${e.source}>${e.target}`;

describe('network filtered by several communities', () => {
  it('returns the members of either community and every tie among them, across the two too', async () => {
    const data = await client.data<{ both: Wire; london: Wire; partners: Wire; all: Wire }>(`{
      both: network(filter: { communities: ["ug-london", "partner-prog"] }) { ${GRAPH} }
      london: network(filter: { community: "ug-london" }) { ${GRAPH} }
      partners: network(filter: { community: "partner-prog" }) { ${GRAPH} }
      all: network { ${GRAPH} }
    }`);
    const union = new Set([...data.london.nodes, ...data.partners.nodes].map((n) => n.key));
    expect(new Set(data.both.nodes.map((n) => n.key))).toEqual(union);
    expect(data.both.attributes.totalNodes).toBe(union.size);
    // Every tie of the whole network with both ends among them, no other.
    const expected = data.all.edges
      .filter((e) => union.has(e.source) && union.has(e.target))
      .map(tieKey)
      .sort();
    expect(data.both.edges.map(tieKey).sort()).toEqual(expected);
    // More than either community's own ties: some join a London member to a partner-programme member.
    const inside = new Set([...data.london.edges, ...data.partners.edges].map(tieKey));
    expect(expected.some((k) => !inside.has(k))).toBe(true);
  });

  it('treats one id as the community filter does, and an empty list as no filter', async () => {
    const data = await client.data<{ one: Wire; single: Wire; none: Wire; all: Wire }>(`{
      one: network(filter: { communities: ["ug-london"] }) { ${GRAPH} }
      single: network(filter: { community: "ug-london" }) { ${GRAPH} }
      none: network(filter: { communities: [] }) { ${GRAPH} }
      all: network { ${GRAPH} }
    }`);
    expect(data.one.nodes.map((n) => n.key).sort()).toEqual(data.single.nodes.map((n) => n.key).sort());
    expect(data.one.edges.map(tieKey).sort()).toEqual(data.single.edges.map(tieKey).sort());
    expect(data.none.attributes).toEqual(data.all.attributes);
  });

  it(`refuses more than ${MAX_FILTER_COMMUNITIES} communities, naming the field`, async () => {
    const ids = Array.from({ length: MAX_FILTER_COMMUNITIES + 1 }, (_, i) => `c${i}`);
    const response = await client.gql(
      `query($ids: [ID!]) { network(filter: { communities: $ids }) { attributes { totalNodes } } }`,
      {
        ids,
      },
    );
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.body.errors?.[0]?.extensions?.field).toBe('filter.communities');
  });
});
