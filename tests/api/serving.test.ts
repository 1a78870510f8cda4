// Serving the map (demo ecosystem): ego network bounds and exact totals, network totals, and the answer
// cache keyed by the data version: shared by two apps over one database, never across masking levels.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute } from '../../server/src/db/database.js';
import { loadDemo } from '../../server/src/demo.js';
import { TIE_TYPES } from '../../server/src/domain/vocabulary.js';
import { AnswerCache } from '../../server/src/schema/common/answer-cache.js';
import { readDataVersion, writeData } from '../../server/src/store/data-version.js';
import { createTestApp, createTestClient } from '../helpers/app.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';

let t: TestDatabase;
let admin: ReturnType<typeof createTestClient>;
let viewer: ReturnType<typeof createTestClient>;
let elsewhere: ReturnType<typeof createTestClient>;
let hub: string;
beforeAll(async () => {
  t = await openTestDatabase();
  await t.clear();
  await loadDemo(t.db);
  const app = createTestApp(t);
  admin = createTestClient(t, { app });
  viewer = createTestClient(t, { app, role: 'viewer' });
  elsewhere = createTestClient(t); // another app (its own cache) on the same database
  hub = (await execute<{ id: string }>(t.db, 'MATCH (s:Stakeholder) RETURN s.id AS id ORDER BY s.degree DESC, s.id LIMIT 1'))[0]!
    .id;
});
afterAll(async () => t.close());

const TIES = TIE_TYPES.join('|');
const GRAPH = `attributes { truncated totalNodes totalEdges }
  nodes { key attributes { label } }
  edges { source target attributes { type weight } }`;

interface Wire {
  attributes: { truncated: boolean; totalNodes: number; totalEdges: number };
  nodes: Array<{ key: string; attributes: { label: string } }>;
  edges: Array<{ source: string; target: string; attributes: { type: string; weight: number } }>;
}

const ego = async (id: string, depth: number, limit: number, client = admin) =>
  (
    await client.data<{ egoNetwork: Wire }>(
      `query($id: ID!, $depth: Int, $limit: Int) { egoNetwork(id: $id, depth: $depth, limit: $limit) { ${GRAPH} } }`,
      {
        id,
        depth,
        limit,
      },
    )
  ).egoNetwork;

/** The neighbourhood within `depth` hops and the ties inside it, counted by plain Cypher. */
async function neighbourhood(id: string, depth: number): Promise<{ ids: Set<string>; ties: number }> {
  const rows = await execute<{ ids: string[]; ties: number }>(
    t.db,
    `MATCH (e:Stakeholder {id: $id})-[:${TIES}*0..${depth}]-(n:Stakeholder)
     WITH collect(DISTINCT n) AS inside
     CALL (inside) { UNWIND inside AS a MATCH (a)-[t:${TIES}]->(b) WHERE b IN inside RETURN count(t) AS ties }
     RETURN [n IN inside | n.id] AS ids, ties`,
    { id },
  );
  return { ids: new Set(rows[0]!.ids), ties: rows[0]!.ties };
}

describe('egoNetwork bounds and totals', () => {
  it('accepts depth 1 to 3 only; depth 3 holds depth 2', async () => {
    for (const depth of [0, 4]) {
      const response = await admin.gql(`{ egoNetwork(id: "${hub}", depth: ${depth}) { attributes { truncated } } }`);
      expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'depth' });
    }
    const small = (
      await execute<{ id: string }>(t.db, 'MATCH (s:Stakeholder) WHERE s.degree = 3 RETURN s.id AS id ORDER BY s.id LIMIT 1')
    )[0]!.id;
    const two = await ego(small, 2, 2000);
    const three = await ego(small, 3, 2000);
    const keys = new Set(three.nodes.map((n) => n.key));
    for (const node of two.nodes) expect(keys.has(node.key)).toBe(true);
    expect(three.attributes.totalNodes).toBe((await neighbourhood(small, 3)).ids.size);
  });

  it('counts the whole neighbourhood and every tie inside it when the limit cuts (nearest first)', async () => {
    const whole = await neighbourhood(hub, 2);
    const firstHop = await neighbourhood(hub, 1);
    const limit = firstHop.ids.size + 10;
    const cut = await ego(hub, 2, limit);
    expect(cut.attributes.truncated).toBe(true);
    expect(cut.attributes.totalNodes).toBe(whole.ids.size);
    expect(cut.attributes.totalEdges).toBe(whole.ties);
    expect(cut.nodes).toHaveLength(limit);
    expect(cut.edges.length).toBeLessThanOrEqual(limit);
    const keys = new Set(cut.nodes.map((n) => n.key));
    for (const id of firstHop.ids) expect(keys.has(id)).toBe(true);
    for (const e of cut.edges) expect(keys.has(e.source) && keys.has(e.target)).toBe(true);
  });

  it('says how many ties there are when only ties are cut, and is whole otherwise', async () => {
    const firstHop = await neighbourhood(hub, 1);
    const tiesCut = await ego(hub, 1, firstHop.ids.size);
    expect(tiesCut.nodes).toHaveLength(firstHop.ids.size);
    expect(tiesCut.attributes.totalNodes).toBe(firstHop.ids.size);
    expect(tiesCut.attributes.totalEdges).toBe(firstHop.ties);
    expect(tiesCut.edges).toHaveLength(Math.min(firstHop.ties, firstHop.ids.size));
    expect(tiesCut.attributes.truncated).toBe(firstHop.ties > firstHop.ids.size);
    const whole = await ego(hub, 1, 20_000);
    expect(whole.attributes).toEqual({ truncated: false, totalNodes: firstHop.ids.size, totalEdges: firstHop.ties });
    expect(whole.edges).toHaveLength(firstHop.ties);
  });

  it('keeps only the stakeholder itself at limit 1', async () => {
    const one = await ego(hub, 1, 1);
    expect(one.nodes.map((n) => n.key)).toEqual([hub]);
    expect(one.edges).toEqual([]);
    expect(one.attributes.truncated).toBe(true);
  });
});

describe('network totals', () => {
  it('counts every matching stakeholder and tie when the limit cuts', async () => {
    const data = await admin.data<{ network: Wire }>(`{ network(limit: 100) { ${GRAPH} } }`);
    expect(data.network.edges).toHaveLength(100);
    expect(data.network.attributes.totalEdges).toBe(await t.count(`MATCH ()-[t:${TIES}]->() RETURN count(t) AS n`));
    expect(data.network.attributes.totalNodes).toBe(await t.count('MATCH (s:Stakeholder) RETURN count(s) AS n'));
    expect(data.network.attributes.truncated).toBe(true);
  });
});

describe('answer cache', () => {
  it('serves a write made through another app at once (the version lives in Neo4j)', async () => {
    const leaf = (
      await execute<{ id: string }>(t.db, 'MATCH (s:Stakeholder) WHERE s.degree = 1 RETURN s.id AS id ORDER BY s.id LIMIT 1')
    )[0]!.id;
    const before = await ego(leaf, 1, 2000, elsewhere);
    expect(await ego(leaf, 1, 2000, elsewhere)).toEqual(before); // now cached by that app
    const version = await readDataVersion(t.db);
    const target = (
      await execute<{ id: string }>(
        t.db,
        `MATCH (s:Stakeholder), (l:Stakeholder {id: $leaf}) WHERE s <> l AND NOT (l)--(s) RETURN s.id AS id ORDER BY s.id LIMIT 1`,
        { leaf },
      )
    )[0]!.id;
    await admin.data(
      `mutation($s: ID!, $t: ID!) { addTie(input: { source: $s, target: $t, type: WORKS_WITH, weight: 9 }) { weight } }`,
      {
        s: leaf,
        t: target,
      },
    );
    expect(await readDataVersion(t.db)).not.toBe(version);
    const after = await ego(leaf, 1, 2000, elsewhere);
    expect(after.nodes.map((n) => n.key)).toContain(target);
    expect(after.attributes.totalEdges).toBe(before.attributes.totalEdges + 1);
  });

  it('never gives a viewer the answer cached for an admin (personal fields and e-mail search)', async () => {
    const person = (
      await execute<{ id: string; name: string; email: string }>(
        t.db,
        `MATCH (s:Stakeholder) WHERE s.email IS NOT NULL RETURN s.id AS id, s.name AS name, s.email AS email ORDER BY s.id LIMIT 1`,
      )
    )[0]!;
    const PAGE = `query($text: String) { stakeholders(filter: { text: $text }, first: 50) { totalCount edges { node { id email } } } }`;
    type Page = { stakeholders: { totalCount: number; edges: Array<{ node: { id: string; email: string | null } }> } };
    const byName = { text: person.name };
    const seenByAdmin = await admin.data<Page>(PAGE, byName);
    expect(seenByAdmin.stakeholders.edges.find((e) => e.node.id === person.id)?.node.email).toBe(person.email);
    const seenByViewer = await viewer.data<Page>(PAGE, byName);
    expect(seenByViewer.stakeholders.edges.find((e) => e.node.id === person.id)?.node.email).toBeNull();
    const byEmail = { text: person.email.split('@')[0] };
    expect((await admin.data<Page>(PAGE, byEmail)).stakeholders.edges.map((e) => e.node.id)).toContain(person.id);
    expect((await viewer.data<Page>(PAGE, byEmail)).stakeholders.edges.map((e) => e.node.id)).not.toContain(person.id);
  });

  it('loads once per data version, bounds its memory, and is off at size 0', async () => {
    const cache = new AnswerCache(t.db, 10_000);
    let loads = 0;
    const query = (size: number) => ({
      kind: 'test',
      key: ['same'],
      level: 'masked' as const,
      size: () => size,
      load: async () => ({ load: ++loads }),
    });
    expect(await cache.get(query(100))).toEqual({ load: 1 });
    expect(await cache.get(query(100))).toEqual({ load: 1 });
    expect(await cache.get({ ...query(100), level: 'personal' })).toEqual({ load: 2 });
    await writeData(t.db, async () => undefined);
    expect(await cache.get(query(100))).toEqual({ load: 3 });
    expect(await cache.get({ ...query(20_000), key: ['big'] })).toEqual({ load: 4 });
    expect(await cache.get({ ...query(20_000), key: ['big'] })).toEqual({ load: 5 }); // larger than the bound: not kept
    const off = new AnswerCache(t.db, 0);
    expect(off.enabled).toBe(false);
    expect(await off.get(query(1))).toEqual({ load: 6 });
    expect(await off.get(query(1))).toEqual({ load: 7 });
  });

  it('caches nothing while the data version is missing (data changed behind the apps)', async () => {
    await execute(t.db, 'MATCH (v:DataVersion) DELETE v', {}, { mode: 'WRITE' });
    expect(await readDataVersion(t.db)).toBeNull();
    const cache = new AnswerCache(t.db, 10_000);
    let loads = 0;
    const query = { kind: 'test', key: 1, level: 'masked' as const, size: () => 1, load: async () => ({ load: ++loads }) };
    await cache.get(query);
    await cache.get(query);
    expect(loads).toBe(2);
    await writeData(t.db, async () => undefined);
    expect(await readDataVersion(t.db)).toMatch(/^[0-9a-f-]{36}:1$/);
  });
});
