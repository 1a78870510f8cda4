// Communities, network and egoNetwork queries through the GraphQL app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { MultiDirectedGraph } from 'graphology';
import { readImportInput } from '../../server/src/import/read-input.js';
import { importParsed } from '../../server/src/import/import-bundle.js';
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

const GRAPH = `attributes { truncated totalNodes totalEdges }
  nodes { key attributes { label kind roles communities degree } }
  edges { source target attributes { type weight since } }`;

interface Wire {
  attributes: { truncated: boolean; totalNodes: number; totalEdges: number };
  nodes: Array<{ key: string; attributes: { label: string; roles: string[]; communities: string[]; degree: number } }>;
  edges: Array<{ source: string; target: string; attributes: { type: string; weight: number; since: string | null } }>;
}

describe('communities', () => {
  it('lists declared communities with size, role counts and paginated members', async () => {
    const data = await client.data<{
      communities: Array<{ id: string; kind: string; size: number; roleCounts: Array<{ role: string; count: number }> }>;
      community: {
        name: string;
        members: { totalCount: number; edges: Array<{ node: { strength: number; stakeholder: { id: string } } }> };
      };
    }>(`{
      communities(kind: DECLARED) { id kind size roleCounts { role count } }
      community(id: "ug-london") { name members(first: 2) { totalCount edges { node { strength stakeholder { id } } } } }
    }`);
    expect(data.communities.map((c) => c.id).sort()).toEqual(['partner-prog', 'ug-london']);
    const london = data.communities.find((c) => c.id === 'ug-london');
    expect(london?.size).toBe(3);
    expect(london?.roleCounts).toEqual(expect.arrayContaining([{ role: 'CUSTOMER', count: 2 }]));
    expect(data.community.members.totalCount).toBe(3);
    expect(data.community.members.edges).toHaveLength(2);
    expect(data.community.members.edges[0]?.node.strength).toBe(1); // default strength, strongest first
  });

  it('returns null for an unknown community and no detected ones before any analysis', async () => {
    const data = await client.data<{ community: null; communities: unknown[] }>(
      `{ community(id: "x") { id } communities(kind: DETECTED) { id } }`,
    );
    expect(data.community).toBeNull();
    expect(data.communities).toEqual([]);
    const unknownRun = await client.gql(`{ communities(kind: DETECTED, run: "ghost") { id } }`);
    expect(unknownRun.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('creates communities and removes memberships', async () => {
    await client.data(`mutation { createCommunity(input: { id: "c-new", name: "New forum", category: "forum" }) { id } }`);
    await client.data(
      `mutation { addMembership(input: { stakeholder: "crm:C001", community: "c-new", since: "2024-01-01" }) { strength } }`,
    );
    const removed = await client.data<{ removeMembership: boolean }>(
      `mutation { removeMembership(stakeholder: "crm:C001", community: "c-new") }`,
    );
    expect(removed.removeMembership).toBe(true);
    const dup = await client.gql(`mutation { createCommunity(input: { id: "c-new", name: "Again" }) { id } }`);
    expect(dup.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('network', () => {
  it('returns the whole graph in a shape graphology imports directly', async () => {
    const data = await client.data<{ network: Wire }>(`{ network { ${GRAPH} } }`);
    const graph = new MultiDirectedGraph();
    graph.import(data.network);
    expect(data.network.attributes.truncated).toBe(false);
    expect(graph.order).toBe(await t.count('MATCH (s:Stakeholder) RETURN count(s) AS n'));
    expect(graph.size).toBe(data.network.attributes.totalEdges);
    const erin = data.network.nodes.find((n) => n.key === 'captable:S003');
    expect(erin?.attributes.roles).toEqual(['EMPLOYEE', 'SHAREHOLDER']);
    expect(erin?.attributes.communities).toEqual(['ug-london']);
  });

  it("lists a stakeholder's declared communities strongest first, then by id (the analysis's primary group first)", async () => {
    await client.data(`mutation { createCommunity(input: { id: "a-weak", name: "Weak tie group" }) { id } }`);
    await client.data(`mutation { createCommunity(input: { id: "z-strong", name: "Strong tie group" }) { id } }`);
    await client.data(
      `mutation { addMembership(input: { stakeholder: "crm:C002", community: "a-weak", strength: 0.1 }) { strength } }`,
    );
    await client.data(
      `mutation { addMembership(input: { stakeholder: "crm:C002", community: "z-strong", strength: 0.95 }) { strength } }`,
    );
    const data = await client.data<{ network: Wire }>(`{ network { ${GRAPH} } }`);
    const c002 = data.network.nodes.find((n) => n.key === 'crm:C002');
    // ug-london 0.4: strongest first whatever the ids' order.
    expect(c002?.attributes.communities).toEqual(['z-strong', 'ug-london', 'a-weak']);
  });

  it('keeps the strongest ties over the limit and says it truncated', async () => {
    const data = await client.data<{ network: Wire }>(`{ network(limit: 3) { ${GRAPH} } }`);
    expect(data.network.attributes.truncated).toBe(true);
    expect(data.network.edges).toHaveLength(3);
    expect(data.network.attributes.totalEdges).toBeGreaterThan(3);
    expect(data.network.edges.map((e) => e.attributes.weight)).toEqual([3.5, 3.5, 2]);
    const keys = new Set(data.network.nodes.map((n) => n.key));
    for (const e of data.network.edges) expect(keys.has(e.source) && keys.has(e.target)).toBe(true);
  });

  it('filters by role, tie type and date window', async () => {
    const employees = await client.data<{ network: Wire }>(`{ network(filter: { roles: [EMPLOYEE] }) { ${GRAPH} } }`);
    for (const n of employees.network.nodes) expect(n.attributes.roles).toContain('EMPLOYEE');
    const typed = await client.data<{ network: Wire }>(`{ network(filter: { tieTypes: [SUPPLIES] }) { ${GRAPH} } }`);
    expect(typed.network.edges.map((e) => e.attributes.type)).toEqual(['SUPPLIES']);
    const dated = await client.data<{ network: Wire }>(
      `{ network(filter: { since: "2022-01-01", until: "2022-12-31" }) { ${GRAPH} } }`,
    );
    expect(dated.network.edges.map((e) => e.attributes.since)).toEqual(['2022-01-10']);
    const bad = await client.gql(
      `{ network(filter: { since: "2023-01-01", until: "2022-01-01" }) { attributes { truncated } } }`,
    );
    expect(bad.body.errors?.[0]?.extensions?.field).toBe('filter.until');
  });
});

describe('egoNetwork', () => {
  it('returns the neighbourhood at depth 1 and 2', async () => {
    const one = await client.data<{ egoNetwork: Wire }>(`{ egoNetwork(id: "hr:E103", depth: 1) { ${GRAPH} } }`);
    const two = await client.data<{ egoNetwork: Wire }>(`{ egoNetwork(id: "hr:E103", depth: 2) { ${GRAPH} } }`);
    const oneKeys = one.egoNetwork.nodes.map((n) => n.key).sort();
    expect(oneKeys).toEqual(['captable:S003', 'crm:C003', 'hr:E103']);
    expect(two.egoNetwork.nodes.length).toBeGreaterThan(oneKeys.length);
    for (const key of oneKeys) expect(two.egoNetwork.nodes.map((n) => n.key)).toContain(key);
  });

  it('validates depth and id', async () => {
    const deep = await client.gql(`{ egoNetwork(id: "hr:E103", depth: 4) { attributes { truncated } } }`);
    expect(deep.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'depth' });
    const missing = await client.gql(`{ egoNetwork(id: "ghost") { attributes { truncated } } }`);
    expect(missing.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
