// Assessments, the power–interest grid and the health lists through the GraphQL app on the demo ecosystem: history is
// kept, bad input is refused with nothing written, viewers read no notes or authors, the grid's two lists follow their
// definitions against the current run, erasure removes assessments, and the health lists follow logged interactions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../server/src/demo.js';
import { execute } from '../../server/src/db/database.js';
import { waitForRun } from '../../server/src/runner/run-analysis.js';
import { openTestDatabase, snapshot, type TestDatabase } from '../helpers/database.js';
import { createTestClient } from '../helpers/app.js';

let t: TestDatabase;
let admin: ReturnType<typeof createTestClient>;
let editor: ReturnType<typeof createTestClient>;
let viewer: ReturnType<typeof createTestClient>;
let runId: string;
/** Highest and lowest PageRank of the run (neither an employee). */
let central: string;
let peripheral: string;

const pick = async (cypher: string, params: Record<string, unknown> = {}) =>
  (await execute<{ id: string }>(t.db, cypher, params))[0]!.id;
const code = (body: { errors?: Array<{ extensions?: { code?: string } }> }) => body.errors?.[0]?.extensions?.code;
const daysAgo = (n: number): string => new Date(Date.now() - n * 86_400_000).toISOString();

beforeAll(async () => {
  t = await openTestDatabase();
  await t.clear();
  await loadDemo(t.db);
  // The lists below are asserted exactly: start from the demo's stakeholders and ties without its interactions or assessments.
  for (const statement of [
    'MATCH (i:Interaction) DETACH DELETE i',
    'MATCH ()-[x:RELATES]->() DELETE x',
    'MATCH (a:Assessment) DETACH DELETE a',
  ])
    await execute(t.db, statement, {}, { mode: 'WRITE' });
  admin = createTestClient(t);
  editor = createTestClient(t, { role: 'editor', app: admin.app });
  viewer = createTestClient(t, { role: 'viewer', app: admin.app });
  const started = await admin.data<{ runAnalysis: { id: string } }>('mutation { runAnalysis { id } }');
  runId = started.runAnalysis.id;
  expect((await waitForRun(t.db, runId))?.status).toBe('COMPLETE');
  const byPagerank = (order: 'ASC' | 'DESC') =>
    pick(
      `MATCH (s:Stakeholder)-[:HAS_SCORES]->(x:ScoreSet {run: $run}) WHERE NOT s:Employee
       RETURN s.id AS id ORDER BY x.pagerank ${order}, s.id LIMIT 1`,
      { run: runId },
    );
  central = await byPagerank('DESC');
  peripheral = await byPagerank('ASC');
});
afterAll(async () => t.close());

const ASSESS = `mutation($stakeholder: ID!, $input: AssessmentInput!) {
  assessStakeholder(stakeholder: $stakeholder, input: $input) { id at power interest attitude note author } }`;

interface AssessmentRow {
  id: string;
  at: string;
  power: number;
  interest: number;
  attitude: number;
  note: string | null;
  author: string | null;
}

const HISTORY = `query($id: ID!) { stakeholder(id: $id) {
  latestAssessment { power interest attitude note author at }
  assessments(first: 10) { totalCount edges { node { power interest attitude note author at } } } } }`;

interface History {
  stakeholder: {
    latestAssessment: AssessmentRow | null;
    assessments: { totalCount: number; edges: Array<{ node: AssessmentRow }> };
  };
}

describe('assessStakeholder', () => {
  it('records dated, authored assessments and keeps the history, newest first', async () => {
    const first = await editor.data<{ assessStakeholder: AssessmentRow }>(ASSESS, {
      stakeholder: central,
      input: { power: 3, interest: 2, attitude: 2, note: 'Sceptical at the kick-off', at: daysAgo(40).slice(0, 10) },
    });
    expect(first.assessStakeholder).toMatchObject({ power: 3, interest: 2, attitude: 2, note: 'Sceptical at the kick-off' });
    expect(first.assessStakeholder.author).toMatch(/editor/);
    await editor.data(ASSESS, { stakeholder: central, input: { power: 2, interest: 4, attitude: 4 } });
    const history = await editor.data<History>(HISTORY, { id: central });
    expect(history.stakeholder.assessments.totalCount).toBe(2);
    expect(history.stakeholder.assessments.edges.map((e) => e.node.power)).toEqual([2, 3]);
    expect(history.stakeholder.latestAssessment).toMatchObject({ power: 2, interest: 4, attitude: 4, note: null });
  });

  it('shows viewers the ratings without notes or authors, and does not let them assess', async () => {
    const read = await viewer.data<History>(HISTORY, { id: central });
    const older = read.stakeholder.assessments.edges[1]!.node;
    expect(older).toMatchObject({ power: 3, note: null, author: null });
    const refused = await viewer.gql(ASSESS, { stakeholder: central, input: { power: 1, interest: 1, attitude: 1 } });
    expect(code(refused.body)).toBe('FORBIDDEN');
  });

  it('refuses bad input, naming the field, and writes nothing', async () => {
    const ok = { power: 3, interest: 3, attitude: 3 };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...ok, power: 0 }, 'input.power'],
      [{ ...ok, interest: 6 }, 'input.interest'],
      [{ ...ok, attitude: -1 }, 'input.attitude'],
      [{ ...ok, note: 'bell\u0007' }, 'input.note'],
      [{ ...ok, at: 'last week' }, 'input.at'],
      [{ ...ok, at: new Date(Date.now() + 5 * 86_400_000).toISOString() }, 'input.at'],
    ];
    const before = await snapshot(t.db);
    for (const [input, field] of cases) {
      const response = await editor.gql(ASSESS, { stakeholder: central, input });
      expect(code(response.body), JSON.stringify(input)).toBe('BAD_USER_INPUT');
      // Control characters are stopped by the request limits first, which name the path from the operation.
      const named = String(response.body.errors?.[0]?.extensions?.field);
      expect(named === field || named === `assessStakeholder.${field}`, `${named} for ${field}`).toBe(true);
    }
    const unknown = await editor.gql(ASSESS, { stakeholder: 'nobody:here', input: ok });
    expect(code(unknown.body)).toBe('NOT_FOUND');
    expect(await snapshot(t.db)).toBe(before);
  });
});

const GRID = `query { powerInterestGrid { run assessedCount
  entries { stakeholder { id } assessment { power interest } network { pagerank pagerankPercentile betweennessPercentile } }
  ratedPowerfulPeripheral { stakeholder { id } assessment { power } network { pagerankPercentile } }
  unratedBrokers { stakeholder { id } network { betweenness betweennessPercentile } } } }`;

interface Grid {
  powerInterestGrid: {
    run: string | null;
    assessedCount: number;
    entries: Array<{
      stakeholder: { id: string };
      assessment: { power: number; interest: number };
      network: { pagerank: number; pagerankPercentile: number; betweennessPercentile: number } | null;
    }>;
    ratedPowerfulPeripheral: Array<{ stakeholder: { id: string }; assessment: { power: number } }>;
    unratedBrokers: Array<{ stakeholder: { id: string }; network: { betweenness: number; betweennessPercentile: number } }>;
  };
}

describe('powerInterestGrid', () => {
  it('sets declared power against network power and lists the mismatches both ways', async () => {
    await editor.data(ASSESS, { stakeholder: peripheral, input: { power: 5, interest: 4, attitude: 3 } });
    const { powerInterestGrid: grid } = await viewer.data<Grid>(GRID);
    expect(grid.run).toBe(runId);
    expect(grid.assessedCount).toBe(2);
    expect(grid.entries.map((e) => e.stakeholder.id)).toEqual([peripheral, central]);
    // The percentile is the share of the run's stakeholders with a lower PageRank.
    const [counts] = await execute<{ below: number; n: number }>(
      t.db,
      `MATCH (x:ScoreSet {run: $run}) WITH collect(x.pagerank) AS scores
       MATCH (y:ScoreSet {run: $run, stakeholder: $id})
       RETURN size([p IN scores WHERE p < y.pagerank]) AS below, size(scores) AS n`,
      { run: runId, id: central },
    );
    const centralEntry = grid.entries.find((e) => e.stakeholder.id === central)!;
    expect(centralEntry.network!.pagerankPercentile).toBeCloseTo(counts!.below / counts!.n, 9);
    expect(centralEntry.network!.pagerankPercentile).toBeGreaterThan(0.9);
    // Rated 5 with the lowest PageRank: listed; rated 2 with the highest: not.
    expect(grid.ratedPowerfulPeripheral.map((e) => e.stakeholder.id)).toEqual([peripheral]);
    expect(grid.unratedBrokers.length).toBeGreaterThan(0);
    for (const broker of grid.unratedBrokers) {
      expect(broker.network.betweennessPercentile).toBeGreaterThanOrEqual(0.9);
      expect([central, peripheral]).not.toContain(broker.stakeholder.id);
    }
    const [top] = await execute<{ id: string }>(
      t.db,
      `MATCH (s:Stakeholder)-[:HAS_SCORES]->(x:ScoreSet {run: $run}) WHERE NOT EXISTS { (s)-[:HAS_ASSESSMENT]->() }
       RETURN s.id AS id ORDER BY x.betweenness DESC, s.id LIMIT 1`,
      { run: runId },
    );
    expect(grid.unratedBrokers[0]!.stakeholder.id).toBe(top!.id);
  });

  it('gives network power on the stakeholder too', async () => {
    const read = await viewer.data<{ stakeholder: { networkPower: { run: string; pagerankPercentile: number } | null } }>(
      'query($id: ID!) { stakeholder(id: $id) { networkPower { run pagerankPercentile } } }',
      { id: peripheral },
    );
    expect(read.stakeholder.networkPower?.run).toBe(runId);
    expect(read.stakeholder.networkPower!.pagerankPercentile).toBeLessThan(0.5);
  });

  it('erasure removes a stakeholder’s assessments; the data export lists them first', async () => {
    const exported = await admin.data<{ stakeholderDataExport: { assessments: Array<{ power: number }> } }>(
      'query($id: ID!) { stakeholderDataExport(id: $id) }',
      { id: peripheral },
    );
    expect(exported.stakeholderDataExport.assessments.map((a) => a.power)).toEqual([5]);
    await admin.data('mutation($id: ID!) { eraseStakeholder(id: $id) }', { id: peripheral });
    const [left] = await execute<{ n: number }>(t.db, 'MATCH (a:Assessment) RETURN count(a) AS n');
    expect(left!.n).toBe(2);
    const { powerInterestGrid: grid } = await viewer.data<Grid>(GRID);
    expect(grid.assessedCount).toBe(1);
    expect(grid.ratedPowerfulPeripheral).toEqual([]);
  });
});

const LOG = `mutation($input: LogInteractionInput!) { logInteraction(input: $input) { interaction { id } } }`;

describe('health lists', () => {
  let employee: string;
  let otherEmployee: string;
  let contact: string;
  let account: string;

  beforeAll(async () => {
    const [row] = await execute<{ contact: string; account: string }>(
      t.db,
      `MATCH (o:Stakeholder:Customer {kind: 'ORGANISATION'}), (p:Stakeholder {kind: 'PERSON'})
       WHERE p.organisation = o.name AND NOT p:Employee
       RETURN p.id AS contact, o.id AS account ORDER BY o.id, p.id LIMIT 1`,
    );
    contact = row!.contact;
    account = row!.account;
    employee = await pick('MATCH (s:Employee) RETURN s.id AS id ORDER BY s.id LIMIT 1');
    otherEmployee = await pick('MATCH (s:Employee) RETURN s.id AS id ORDER BY s.id SKIP 1 LIMIT 1');
  });

  it('lists a relationship that cooled, steepest fall first', async () => {
    await editor.data(LOG, { input: { at: daysAgo(120), channel: 'MEETING', participants: [contact], owner: employee } });
    const read = await viewer.data<{
      coolingRelationships: {
        totalCount: number;
        edges: Array<{
          node: {
            stakeholder: { id: string };
            relationship: { stakeholder: { id: string }; strength: number; strengthBefore: number };
            drop: number;
          };
        }>;
      };
    }>(`query { coolingRelationships { totalCount edges { node { stakeholder { id } drop
          relationship { stakeholder { id } strength strengthBefore } } } } }`);
    expect(read.coolingRelationships.totalCount).toBe(1);
    const cooling = read.coolingRelationships.edges[0]!.node;
    expect([cooling.stakeholder.id, cooling.relationship.stakeholder.id].sort()).toEqual([contact, employee].sort());
    expect(cooling.drop).toBeCloseTo(cooling.relationship.strengthBefore - cooling.relationship.strength, 9);
    expect(cooling.drop).toBeGreaterThanOrEqual(0.05);
  });

  it('lists a key account held by one employee, until a second one is in contact', async () => {
    const query = `query { singleThreadedAccounts { totalCount edges { node { account { id } employee { id } contacts interactions } } } }`;
    type R = {
      singleThreadedAccounts: {
        totalCount: number;
        edges: Array<{ node: { account: { id: string }; employee: { id: string }; contacts: number; interactions: number } }>;
      };
    };
    const before = await viewer.data<R>(query);
    expect(before.singleThreadedAccounts.edges.map((e) => e.node)).toEqual([
      { account: { id: account }, employee: { id: employee }, contacts: 1, interactions: 1 },
    ]);
    await editor.data(LOG, { input: { at: daysAgo(3), channel: 'CALL', participants: [contact, otherEmployee] } });
    const after = await viewer.data<R>(query);
    expect(after.singleThreadedAccounts.totalCount).toBe(0);
  });

  it('lists stakeholders nobody owns, and drops one once an interaction gives them an owner', async () => {
    const query = `query($roles: [Role!]) { unownedStakeholders(roles: $roles, first: 5) {
      totalCount edges { node { id email roles { role } } } } }`;
    type R = {
      unownedStakeholders: {
        totalCount: number;
        edges: Array<{ node: { id: string; email: string | null; roles: Array<{ role: string }> } }>;
      };
    };
    const before = await viewer.data<R>(query);
    const ids = before.unownedStakeholders.edges.map((e) => e.node.id);
    expect(ids).not.toContain(contact);
    for (const { node } of before.unownedStakeholders.edges) {
      expect(node.roles.some((r) => r.role !== 'EMPLOYEE')).toBe(true);
      expect(node.roles.some((r) => r.role === 'EMPLOYEE')).toBe(false);
      expect(node.email === null || node.email === '•••').toBe(true);
    }
    const [first] = ids;
    await editor.data(LOG, { input: { at: daysAgo(1), channel: 'EMAIL', participants: [first], owner: employee } });
    const after = await viewer.data<R>(query);
    expect(after.unownedStakeholders.totalCount).toBe(before.unownedStakeholders.totalCount - 1);
    expect(after.unownedStakeholders.edges.map((e) => e.node.id)).not.toContain(first);
    const customers = await viewer.data<R>(query, { roles: ['CUSTOMER'] });
    expect(customers.unownedStakeholders.edges.length).toBeGreaterThan(0);
    expect(customers.unownedStakeholders.edges.every(({ node }) => node.roles.some((r) => r.role === 'CUSTOMER'))).toBe(true);
  });
});

describe('introductionPaths', () => {
  it('words each hop with its measured relationship, seen from the earlier stakeholder', async () => {
    const query = `query($from: [ID!], $to: ID!) { introductionPaths(from: $from, to: $to, k: 1, maxHops: 4) {
      stakeholders { id } relationships { stakeholder { id } interactionCount recentInteractionCount lastInteractionAt } } }`;
    type R = {
      introductionPaths: Array<{
        stakeholders: Array<{ id: string }>;
        relationships: Array<{ stakeholder: { id: string }; interactionCount: number; recentInteractionCount: number } | null>;
      }>;
    };
    const from = await pick('MATCH (s:Employee) RETURN s.id AS id ORDER BY s.degree DESC, s.id LIMIT 1');
    const to = await pick('MATCH (s:Customer) WHERE NOT s:Employee RETURN s.id AS id ORDER BY s.degree DESC, s.id LIMIT 1');
    const before = await admin.data<R>(query, { from: [from], to });
    const [path] = before.introductionPaths;
    expect(path!.relationships).toHaveLength(path!.stakeholders.length - 1);
    const [first, second] = path!.stakeholders.map((s) => s.id) as [string, string];
    const count = path!.relationships[0]?.interactionCount ?? 0;
    await editor.data(LOG, { input: { at: daysAgo(12), channel: 'MEETING', participants: [first, second] } });
    const after = await admin.data<R>(query, { from: [from], to });
    expect(after.introductionPaths[0]!.stakeholders).toEqual(path!.stakeholders);
    expect(after.introductionPaths[0]!.relationships[0]).toMatchObject({
      stakeholder: { id: second },
      interactionCount: count + 1,
    });
  });
});
