// The stakeholder queries and mutations through the GraphQL app, on the valid fixture bundle.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { readImportInput } from '../../server/src/import/read-input.js';
import { importParsed } from '../../server/src/import/import-bundle.js';
import { openTestDatabase, snapshot, type TestDatabase } from '../helpers/database.js';
import { createTestClient } from '../helpers/app.js';

let t: TestDatabase;
let client: ReturnType<typeof createTestClient>;
beforeAll(async () => {
  t = await openTestDatabase();
  await t.clear();
  const report = await importParsed(
    t.db,
    await readImportInput(fileURLToPath(new URL('../fixtures/import/valid-bundle', import.meta.url))),
  );
  expect(report.ok).toBe(true);
  client = createTestClient(t);
});
afterAll(async () => t.close());

interface Connection {
  totalCount: number;
  edges: Array<{ cursor: string; node: { id: string; name: string; roles: Array<{ role: string }> } }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const LIST = `query List($filter: StakeholderFilter, $first: Int, $after: String, $orderBy: StakeholderOrder) {
  stakeholders(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
    totalCount edges { cursor node { id name roles { role } } } pageInfo { hasNextPage endCursor }
  }
}`;

describe('stakeholder(id)', () => {
  it('returns roles with facts, ties, communities and the merged source records', async () => {
    const data = await client.data<{
      stakeholder: {
        id: string;
        name: string;
        roles: Array<{ role: string; since: string | null }>;
        sourceRecords: Array<{ key: string; matchedOn: string }>;
        communities: Array<{ strength: number; community: { id: string; name: string } }>;
        ties: {
          totalCount: number;
          edges: Array<{ node: { type: string; weight: number; source: { id: string }; target: { id: string } } }>;
        };
      };
    }>(
      `query($id: ID!) { stakeholder(id: $id) {
        id name roles { role since } sourceRecords { key matchedOn }
        communities { strength community { id name } }
        ties(first: 10) { totalCount edges { node { type weight source { id } target { id } } } }
      } }`,
      { id: 'captable:S003' },
    );
    const erin = data.stakeholder;
    expect(erin.name).toBe('Erin Cole');
    expect(erin.roles.map((r) => r.role).sort()).toEqual(['EMPLOYEE', 'SHAREHOLDER']);
    expect(erin.roles.find((r) => r.role === 'EMPLOYEE')?.since).toBe('2019-09-01');
    expect(erin.sourceRecords.map((r) => r.key).sort()).toEqual(['captable:S003', 'hr:E101']);
    expect(erin.sourceRecords.map((r) => r.matchedOn).sort()).toEqual(['EMAIL', 'FIRST']);
    expect(erin.communities[0]?.community.id).toBe('ug-london');
    expect(erin.ties.totalCount).toBe(3);
    // strongest first
    const weights = erin.ties.edges.map((e) => e.node.weight);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
  });

  it('returns null for an unknown id', async () => {
    const data = await client.data<{ stakeholder: null }>(`{ stakeholder(id: "nobody") { id } }`);
    expect(data.stakeholder).toBeNull();
  });

  it('filters ties by direction and type', async () => {
    const data = await client.data<{ stakeholder: { out: { totalCount: number }; inWorks: { totalCount: number } } }>(
      `{ stakeholder(id: "crm:C001") {
          out: ties(direction: OUT) { totalCount }
          inWorks: ties(direction: IN, types: [WORKS_WITH]) { totalCount } } }`,
    );
    expect(data.stakeholder.out.totalCount).toBe(3);
    expect(data.stakeholder.inWorks.totalCount).toBe(0);
  });
});

describe('stakeholders(filter)', () => {
  it('pages with cursors and a total', async () => {
    const first = await client.data<{ stakeholders: Connection }>(LIST, { first: 3 });
    expect(first.stakeholders.totalCount).toBeGreaterThan(3);
    expect(first.stakeholders.edges).toHaveLength(3);
    expect(first.stakeholders.pageInfo.hasNextPage).toBe(true);
    const second = await client.data<{ stakeholders: Connection }>(LIST, {
      first: 3,
      after: first.stakeholders.pageInfo.endCursor,
    });
    const ids = [...first.stakeholders.edges, ...second.stakeholders.edges].map((e) => e.node.id);
    expect(new Set(ids).size).toBe(ids.length);
    const names = [...first.stakeholders.edges, ...second.stakeholders.edges].map((e) => e.node.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('filters by any and all roles', async () => {
    const any = await client.data<{ stakeholders: Connection }>(LIST, {
      filter: { roles: ['EMPLOYEE', 'SHAREHOLDER'], roleMatch: 'ANY' },
    });
    const all = await client.data<{ stakeholders: Connection }>(LIST, {
      filter: { roles: ['EMPLOYEE', 'SHAREHOLDER'], roleMatch: 'ALL' },
    });
    expect(all.stakeholders.edges.map((e) => e.node.id)).toEqual(['captable:S003']);
    expect(any.stakeholders.totalCount).toBeGreaterThan(all.stakeholders.totalCount);
    for (const edge of any.stakeholders.edges) {
      expect(edge.node.roles.some((r) => ['EMPLOYEE', 'SHAREHOLDER'].includes(r.role))).toBe(true);
    }
  });

  it('filters by community, kind and free text', async () => {
    const community = await client.data<{ stakeholders: Connection }>(LIST, { filter: { community: 'ug-london' } });
    expect(community.stakeholders.totalCount).toBe(3);
    const orgs = await client.data<{ stakeholders: Connection }>(LIST, { filter: { kind: 'ORGANISATION' } });
    expect(orgs.stakeholders.edges.map((e) => e.node.name)).toEqual(expect.arrayContaining(['Acme Ltd', 'Northwind Ventures']));
    const text = await client.data<{ stakeholders: Connection }>(LIST, { filter: { text: 'whitf' }, orderBy: 'RELEVANCE' });
    expect(text.stakeholders.edges.map((e) => e.node.name)).toEqual(['Dana Whitfield']);
    const special = await client.data<{ stakeholders: Connection }>(LIST, { filter: { text: 'a+b (c' } });
    expect(special.stakeholders.totalCount).toBe(0);
  });

  it('rejects a page larger than the cap with BAD_USER_INPUT', async () => {
    const response = await client.gql(LIST, { first: 501 });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.body.errors?.[0]?.message).toContain('first');
  });

  it('rejects a forged cursor', async () => {
    const response = await client.gql(LIST, { after: 'not-a-cursor' });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('roleOverlaps', () => {
  it('counts stakeholders per exact role combination with a drill-down', async () => {
    const data = await client.data<{
      roleOverlaps: Array<{ roles: string[]; count: number; members: { edges: Array<{ node: { id: string } }> } }>;
    }>(`{ roleOverlaps { roles count members(first: 10) { edges { node { id } } } } }`);
    const combo = data.roleOverlaps.find((c) => c.roles.join() === 'EMPLOYEE,SHAREHOLDER');
    expect(combo?.count).toBe(1);
    expect(combo?.members.edges.map((e) => e.node.id)).toEqual(['captable:S003']);
    for (const c of data.roleOverlaps) expect(c.members.edges.length).toBe(Math.min(c.count, 10));
  });
});

describe('mutations', () => {
  it('creates, updates, adds and removes roles, ties and memberships, and deletes with cascade', async () => {
    const created = await client.data<{ createStakeholder: { id: string; roles: Array<{ role: string }> } }>(
      `mutation { createStakeholder(input: { id: "t-1", kind: PERSON, name: "Test Person", email: "t@example.com",
        roles: [{ role: CUSTOMER, since: "2024-01-01", tier: "gold" }] }) { id roles { role } } }`,
    );
    expect(created.createStakeholder.roles).toEqual([{ role: 'CUSTOMER' }]);
    await client.data(`mutation { updateStakeholder(id: "t-1", input: { title: "Buyer" }) { id } }`);
    const role = await client.data<{ addRole: { roles: Array<{ role: string }> } }>(
      `mutation { addRole(id: "t-1", role: { role: PARTNER }) { roles { role } } }`,
    );
    expect(role.addRole.roles.map((r) => r.role).sort()).toEqual(['CUSTOMER', 'PARTNER']);
    const partners = await t.count(`MATCH (s:Partner {id: 't-1'}) RETURN count(s) AS n`);
    expect(partners).toBe(1);
    await client.data(`mutation { removeRole(id: "t-1", role: PARTNER) { id } }`);
    expect(await t.count(`MATCH (s:Partner {id: 't-1'}) RETURN count(s) AS n`)).toBe(0);

    const tie = await client.data<{ addTie: { type: string; weight: number; source: { id: string } } }>(
      `mutation { addTie(input: { source: "t-1", target: "crm:C001", type: BUYS_FROM, weight: 2.5, since: "2024-02-01" }) {
        type weight source { id } } }`,
    );
    expect(tie.addTie).toEqual({ type: 'BUYS_FROM', weight: 2.5, source: { id: 't-1' } });
    await client.data(`mutation { addTie(input: { source: "t-1", target: "crm:C001", type: MENTIONS }) { type } }`);
    await client.data(
      `mutation { addMembership(input: { stakeholder: "t-1", community: "ug-london", strength: 0.3 }) { strength } }`,
    );
    const degree = await client.data<{ stakeholder: { degree: number } }>(`{ stakeholder(id: "t-1") { degree } }`);
    expect(degree.stakeholder.degree).toBe(2);
    const removed = await client.data<{ removeTie: boolean }>(
      `mutation { removeTie(input: { source: "t-1", target: "crm:C001", type: MENTIONS }) }`,
    );
    expect(removed.removeTie).toBe(true);

    const aliceDegreeBefore = await t.count(`MATCH (s:Stakeholder {id: 'crm:C001'}) RETURN s.degree AS n`);
    const deleted = await client.data<{ deleteStakeholder: string }>(`mutation { deleteStakeholder(id: "t-1") }`);
    expect(deleted.deleteStakeholder).toBe('t-1');
    expect(await t.count(`MATCH (s {id: 't-1'}) RETURN count(s) AS n`)).toBe(0);
    expect(await t.count(`MATCH (f:RoleFact) WHERE f.id STARTS WITH 't-1|' RETURN count(f) AS n`)).toBe(0);
    expect(await t.count(`MATCH (s:Stakeholder {id: 'crm:C001'}) RETURN s.degree AS n`)).toBe(aliceDegreeBefore - 1);
  });

  it('rejects bad input with the field path and writes nothing', async () => {
    const before = await snapshot(t.db);
    const cases: Array<[string, string]> = [
      [`mutation { createStakeholder(input: { kind: PERSON, name: "  " }) { id } }`, 'input.name'],
      [`mutation { createStakeholder(input: { kind: PERSON, name: "X", email: "nope" }) { id } }`, 'input.email'],
      [
        `mutation { createStakeholder(input: { kind: PERSON, name: "X", roles: [{ role: CUSTOMER }, { role: CUSTOMER }] }) { id } }`,
        'input.roles[1].role',
      ],
      [
        `mutation { createStakeholder(input: { kind: PERSON, name: "X", roles: [{ role: CUSTOMER, since: "2024-02-01", until: "2023-01-01" }] }) { id } }`,
        'input.roles[0].until',
      ],
      [`mutation { createStakeholder(input: { id: "crm:C001", kind: PERSON, name: "Dup" }) { id } }`, 'input.id'],
      [
        `mutation { addTie(input: { source: "crm:C001", target: "crm:C002", type: WORKS_WITH, weight: -1 }) { type } }`,
        'input.weight',
      ],
      [`mutation { addTie(input: { source: "crm:C001", target: "crm:C001", type: WORKS_WITH }) { type } }`, 'input.target'],
      [
        `mutation { addMembership(input: { stakeholder: "crm:C001", community: "ug-london", strength: 1.5 }) { strength } }`,
        'input.strength',
      ],
    ];
    for (const [mutation, field] of cases) {
      const response = await client.gql(mutation);
      expect(response.body.errors?.[0]?.extensions?.code, mutation).toBe('BAD_USER_INPUT');
      expect(response.body.errors?.[0]?.extensions?.field, mutation).toBe(field);
    }
    const badDate = await client.gql(
      `mutation { addTie(input: { source: "crm:C001", target: "crm:C002", type: WORKS_WITH, since: "2024-02-30" }) { type } }`,
    );
    expect(badDate.body.errors?.[0]?.message).toMatch(/2024-02-30/);
    expect(badDate.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await snapshot(t.db)).toBe(before);
  });

  it('says NOT_FOUND for missing stakeholders and communities', async () => {
    const cases = [
      `mutation { updateStakeholder(id: "ghost", input: { name: "X" }) { id } }`,
      `mutation { deleteStakeholder(id: "ghost") }`,
      `mutation { addRole(id: "ghost", role: { role: CUSTOMER }) { id } }`,
      `mutation { addTie(input: { source: "crm:C001", target: "ghost", type: WORKS_WITH }) { type } }`,
      `mutation { addMembership(input: { stakeholder: "crm:C001", community: "ghost" }) { strength } }`,
    ];
    for (const mutation of cases) {
      const response = await client.gql(mutation);
      expect(response.body.errors?.[0]?.extensions?.code, mutation).toBe('NOT_FOUND');
      expect(response.body.errors?.[0]?.message, mutation).toContain('ghost');
    }
  });
});
