// Analysis GraphQL on the demo ecosystem: runAnalysis and runs, scores and detected memberships on stakeholders, detected communities, influencers, comparison, overlaps, engagement plans, introductions, brokers, what-if — and their error paths.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../server/src/demo.js';
import { waitForRun } from '../../server/src/runner/run-analysis.js';
import { execute } from '../../server/src/db/database.js';
import { openTestDatabase, snapshot, type TestDatabase } from '../helpers/database.js';
import { createTestClient } from '../helpers/app.js';

let t: TestDatabase;
let client: ReturnType<typeof createTestClient>;
let employee: string;
let customer: string;
let declaredCommunity: string;
beforeAll(async () => {
  t = await openTestDatabase();
  await t.clear();
  await loadDemo(t.db);
  client = createTestClient(t);
  const pick = async (cypher: string) => (await execute<{ id: string }>(t.db, cypher))[0]!.id;
  employee = await pick('MATCH (s:Employee) RETURN s.id AS id ORDER BY s.degree DESC, s.id LIMIT 1');
  customer = await pick(
    'MATCH (s:Customer) WHERE NOT s:Employee AND NOT s:Partner RETURN s.id AS id ORDER BY s.degree DESC, s.id LIMIT 1',
  );
  declaredCommunity = await pick(
    `MATCH (c:Community {kind: 'DECLARED'}) RETURN c.id AS id ORDER BY COUNT { (c)<-[:MEMBER_OF]-() } DESC LIMIT 1`,
  );
});
afterAll(async () => t.close());

const code = (body: { errors?: Array<{ extensions?: { code?: string } }> }) => body.errors?.[0]?.extensions?.code;
const field = (body: { errors?: Array<{ extensions?: { field?: string } }> }) => body.errors?.[0]?.extensions?.field;

const RUN_FIELDS = `id algorithm engine status progress phase current error startedAt finishedAt
  parameters { resolution threshold seed pivots roles tieTypes since until }
  timings { phase milliseconds }
  summary { nodes ties communities modularity overlappingNodes nmi ari labelledNodes unlabelledNodes betweennessMode betweennessPivots components metrics warnings }`;

interface Run {
  id: string;
  status: string;
  progress: number;
  current: boolean;
  error: string | null;
  finishedAt: string | null;
  parameters: {
    resolution: number;
    threshold: number;
    seed: number;
    pivots: number;
    roles: string[] | null;
    tieTypes: string[] | null;
  };
  timings: Array<{ phase: string; milliseconds: number }>;
  summary: {
    nodes: number;
    ties: number;
    communities: number;
    modularity: number;
    nmi: number;
    ari: number;
    labelledNodes: number;
    unlabelledNodes: number;
    betweennessMode: string;
  } | null;
}

describe('before any analysis run', () => {
  it('has no current run; stakeholder scores are null and run-backed queries say to call runAnalysis', async () => {
    const data = await client.data<{
      currentAnalysisRun: null;
      analysisRuns: unknown[];
      stakeholder: { scores: null; detectedCommunities: unknown[] };
    }>(
      `query($id: ID!) { currentAnalysisRun { id } analysisRuns { id } stakeholder(id: $id) { scores { pagerank } detectedCommunities { strength } } }`,
      { id: employee },
    );
    expect(data).toEqual({ currentAnalysisRun: null, analysisRuns: [], stakeholder: { scores: null, detectedCommunities: [] } });
    for (const query of [
      '{ detectedCommunities { id } }',
      '{ influencers(metric: PAGERANK) { rank } }',
      '{ communityComparison { nmi } }',
    ]) {
      const response = await client.gql(query);
      expect(code(response.body)).toBe('NOT_FOUND');
      expect(response.body.errors?.[0]?.message).toMatch(/runAnalysis/);
    }
  });

  it('rejects invalid parameters with the field path and writes nothing', async () => {
    const before = await snapshot(t.db);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ resolution: 0 }, 'input.resolution'],
      [{ threshold: 1.5 }, 'input.threshold'],
      [{ seed: -1 }, 'input.seed'],
      [{ pivots: 0 }, 'input.pivots'],
      [{ since: '2024-05-01', until: '2024-01-01' }, 'input.until'],
      // The tier's Neo4j has no Graph Data Science (tests/integration/gds-engine.test.ts starts one that has).
      [{ engine: 'GDS' }, 'input.engine'],
    ];
    for (const [input, path] of cases) {
      const response = await client.gql(`mutation($input: AnalysisInput) { runAnalysis(input: $input) { id } }`, { input });
      expect(code(response.body), JSON.stringify(input)).toBe('BAD_USER_INPUT');
      expect(field(response.body)).toBe(path);
    }
    const wrongEnum = await client.gql(`mutation { runAnalysis(input: { roles: [ALIEN] }) { id } }`);
    expect(wrongEnum.body.errors).toBeDefined();
    // Malformed dates are rejected by the Date scalar (common module) before the resolver runs.
    const badDate = await client.gql(`mutation($input: AnalysisInput) { runAnalysis(input: $input) { id } }`, {
      input: { since: '2024-13-01' },
    });
    expect(badDate.body.errors).toBeDefined();
    expect(await snapshot(t.db)).toBe(before);
  });

  it('answers the on-demand queries without a run', async () => {
    const data = await client.data<{
      overlaps: { names: string[]; sizes: number[]; intersections: number[][]; jaccard: number[][] };
    }>(`{ overlaps(kind: ROLES) { kind names sizes intersections jaccard } }`);
    expect(data.overlaps.names).toEqual(['CUSTOMER', 'EMPLOYEE', 'SUPPLIER', 'PARTNER', 'SHAREHOLDER']);
    expect(data.overlaps.sizes[1]).toBe(await t.count('MATCH (s:Employee) RETURN count(s) AS n'));
    expect(data.overlaps.intersections[0]![1]).toBe(await t.count('MATCH (s:Customer:Employee) RETURN count(s) AS n'));
    data.overlaps.jaccard.forEach((row, i) => {
      expect(row[i]).toBe(data.overlaps.sizes[i]! > 0 ? 1 : 0);
      row.forEach((x, j) => expect(x).toBeCloseTo(data.overlaps.jaccard[j]![i]!, 12));
    });
  });
});

describe('runAnalysis and runs', () => {
  let first: Run;
  let second: Run;

  it('starts a run that returns at once as RUNNING, completes and becomes current', async () => {
    const started = await client.data<{ runAnalysis: Run }>(
      `mutation { runAnalysis(input: { resolution: 1, seed: 3 }) { ${RUN_FIELDS} } }`,
    );
    expect(started.runAnalysis.status).toBe('RUNNING');
    expect(started.runAnalysis.current).toBe(false);
    expect(started.runAnalysis.parameters).toMatchObject({
      resolution: 1,
      threshold: 0.2,
      seed: 3,
      pivots: 256,
      roles: null,
      tieTypes: null,
    });
    const busy = await client.gql(`mutation { runAnalysis { id } }`);
    expect(code(busy.body)).toBe('UNAVAILABLE');
    await waitForRun(t.db, started.runAnalysis.id);
    const data = await client.data<{ analysisRun: Run; currentAnalysisRun: { id: string } }>(
      `query($id: ID!) { analysisRun(id: $id) { ${RUN_FIELDS} } currentAnalysisRun { id } }`,
      { id: started.runAnalysis.id },
    );
    first = data.analysisRun;
    expect(first).toMatchObject({ status: 'COMPLETE', progress: 100, current: true, error: null, engine: 'NODE' });
    expect(first.summary).toMatchObject({ components: expect.any(Number), metrics: expect.arrayContaining(['coordinator']) });
    expect(first.finishedAt).not.toBeNull();
    expect(first.summary).toMatchObject({ nodes: 2000, betweennessMode: 'EXACT' });
    expect(first.summary!.labelledNodes + first.summary!.unlabelledNodes).toBe(2000);
    expect(first.timings.map((x) => x.phase)).toEqual(expect.arrayContaining(['load', 'analysis', 'write', 'total']));
    expect(data.currentAnalysisRun.id).toBe(first.id);
  }, 180_000);

  it('a filtered second run becomes current; runs are listed newest first; unknown ids give null', async () => {
    const started = await client.data<{ runAnalysis: Run }>(
      `mutation { runAnalysis(input: { roles: [EMPLOYEE, PARTNER], tieTypes: [WORKS_WITH, INTERACTS], threshold: 0.3 }) { id } }`,
    );
    await waitForRun(t.db, started.runAnalysis.id);
    const data = await client.data<{ analysisRuns: Run[]; analysisRun: null }>(
      `{ analysisRuns(first: 5) { ${RUN_FIELDS} } analysisRun(id: "nope") { id } }`,
    );
    expect(data.analysisRun).toBeNull();
    expect(data.analysisRuns.map((r) => r.id)).toEqual([started.runAnalysis.id, first.id]);
    second = data.analysisRuns[0]!;
    expect(second).toMatchObject({ status: 'COMPLETE', current: true });
    expect(second.parameters).toMatchObject({
      roles: ['EMPLOYEE', 'PARTNER'],
      tieTypes: ['WORKS_WITH', 'INTERACTS'],
      threshold: 0.3,
    });
    expect(second.summary!.nodes).toBe(await t.count('MATCH (s) WHERE s:Employee OR s:Partner RETURN count(s) AS n'));
    expect(data.analysisRuns[1]!.current).toBe(false);
    const bad = await client.gql(`{ analysisRuns(first: 101) { id } }`);
    expect(field(bad.body)).toBe('first');
  }, 180_000);

  it('serves scores and detected memberships on stakeholders, from the current run or a given one', async () => {
    const query = `query($id: ID!, $run: ID) { stakeholder(id: $id) {
      current: scores { run pagerank inDegree outDegree coreNumber betweenness constraint effectiveSize brokerage { coordinator liaison gatekeeper itinerant representative } }
      given: scores(run: $run) { run pagerank hub authority weightedInDegree weightedOutDegree }
      detectedCommunities(run: $run) { strength community { id kind label run roleShares { role share } groupShares { community { id } share } } }
    } }`;
    const data = await client.data<{
      stakeholder: {
        current: {
          run: string;
          pagerank: number;
          outDegree: number;
          constraint: number | null;
          brokerage: Record<string, number>;
        };
        given: { run: string; pagerank: number };
        detectedCommunities: Array<{
          strength: number;
          community: { id: string; kind: string; label: string; run: string; roleShares: Array<{ role: string; share: number }> };
        }>;
      };
    }>(query, { id: employee, run: first.id });
    expect(data.stakeholder.current.run).toBe(second.id);
    expect(data.stakeholder.given.run).toBe(first.id);
    expect(data.stakeholder.given.pagerank).toBeGreaterThan(0);
    expect(data.stakeholder.current.outDegree).toBeGreaterThan(0);
    const memberships = data.stakeholder.detectedCommunities;
    expect(memberships.length).toBeGreaterThanOrEqual(1);
    expect(memberships[0]!.community).toMatchObject({ kind: 'DETECTED', run: first.id });
    expect(memberships[0]!.community.label.length).toBeGreaterThan(0);
    expect(memberships[0]!.community.roleShares.length).toBeGreaterThan(0);
    for (let i = 1; i < memberships.length; i++)
      expect(memberships[i]!.strength).toBeLessThanOrEqual(memberships[i - 1]!.strength);
    // A customer-only stakeholder is not in the employee/partner run: no scores there.
    const outside = await client.data<{ stakeholder: { scores: null } }>(
      `query($id: ID!) { stakeholder(id: $id) { scores { pagerank } } }`,
      { id: customer },
    );
    expect(outside.stakeholder.scores).toBeNull();
    const unknownRun = await client.gql(`query($id: ID!) { stakeholder(id: $id) { scores(run: "nope") { pagerank } } }`, {
      id: employee,
    });
    expect(code(unknownRun.body)).toBe('NOT_FOUND');
  });

  it('lists the detected communities of a run with labels, and keeps declared ones apart', async () => {
    const data = await client.data<{
      detectedCommunities: Array<{ id: string; kind: string; label: string; run: string; size: number }>;
      communities: Array<{ id: string; label: string | null; run: string | null }>;
    }>(
      `query($run: ID) { detectedCommunities(run: $run) { id kind label run size } communities(kind: DECLARED) { id label run } }`,
      { run: first.id },
    );
    expect(data.detectedCommunities).toHaveLength(first.summary!.communities);
    expect(data.detectedCommunities.every((c) => c.kind === 'DETECTED' && c.run === first.id && c.label.length > 0)).toBe(true);
    expect(data.detectedCommunities.reduce((s, c) => s + c.size, 0)).toBeGreaterThanOrEqual(2000);
    expect(data.communities.length).toBe(await t.count(`MATCH (c:Community {kind: 'DECLARED'}) RETURN count(c) AS n`));
    expect(data.communities.every((c) => c.label === null && c.run === null)).toBe(true);
    const failedRun = await client.gql(`{ detectedCommunities(run: "nope") { id } }`);
    expect(code(failedRun.body)).toBe('NOT_FOUND');
  });

  it('ranks influencers by a metric inside a segment', async () => {
    const data = await client.data<{
      top: Array<{
        rank: number;
        value: number;
        stakeholder: { id: string; roles: Array<{ role: string }> };
        scores: { pagerank: number };
      }>;
      brokers: Array<{ value: number }>;
      inCommunity: Array<{ stakeholder: { id: string; communities: Array<{ community: { id: string } }> } }>;
    }>(
      `query($run: ID, $community: ID) {
        top: influencers(metric: PAGERANK, first: 10, run: $run, segment: { roles: [CUSTOMER] }) { rank value stakeholder { id roles { role } } scores { pagerank } }
        brokers: influencers(metric: CONSTRAINT, first: 5, run: $run) { value }
        inCommunity: influencers(metric: BETWEENNESS, first: 5, run: $run, segment: { community: $community }) { stakeholder { id communities { community { id } } } }
      }`,
      { run: first.id, community: declaredCommunity },
    );
    expect(data.top).toHaveLength(10);
    expect(data.top.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (let i = 1; i < 10; i++) expect(data.top[i]!.value).toBeLessThanOrEqual(data.top[i - 1]!.value);
    expect(data.top.every((r) => r.stakeholder.roles.some((x) => x.role === 'CUSTOMER') && r.value === r.scores.pagerank)).toBe(
      true,
    );
    for (let i = 1; i < data.brokers.length; i++)
      expect(data.brokers[i]!.value).toBeGreaterThanOrEqual(data.brokers[i - 1]!.value);
    expect(data.inCommunity.length).toBeGreaterThan(0);
    expect(data.inCommunity.every((r) => r.stakeholder.communities.some((m) => m.community.id === declaredCommunity))).toBe(true);
    const badFirst = await client.gql(`{ influencers(metric: HUB, first: 0) { rank } }`);
    expect(field(badFirst.body)).toBe('first');
    const badCommunity = await client.gql(`{ influencers(metric: HUB, segment: { community: "nope" }) { rank } }`);
    expect(field(badCommunity.body)).toBe('segment.community');
  });

  it('compares declared and detected communities of a run', async () => {
    const data = await client.data<{
      communityComparison: {
        run: string;
        nmi: number;
        ari: number;
        labelledNodes: number;
        unlabelledNodes: number;
        declared: Array<{ id: string; kind: string }>;
        detected: Array<{ id: string; label: string }>;
        cells: Array<{ declared: number; detected: number; count: number }>;
      };
    }>(
      `query($run: ID) { communityComparison(run: $run) { run nmi ari labelledNodes unlabelledNodes declared { id kind } detected { id label } cells { declared detected count } } }`,
      {
        run: first.id,
      },
    );
    const c = data.communityComparison;
    expect(c.run).toBe(first.id);
    expect(c.nmi).toBeCloseTo(first.summary!.nmi, 12);
    expect(c.nmi).toBeGreaterThan(0);
    expect(c.ari).toBeCloseTo(first.summary!.ari, 12);
    expect(c.cells.reduce((s, x) => s + x.count, 0)).toBe(c.labelledNodes);
    expect(c.labelledNodes).toBe(
      await t.count(
        `MATCH (s:Stakeholder) WHERE EXISTS { (s)-[:MEMBER_OF]->(:Community {kind: 'DECLARED'}) } RETURN count(s) AS n`,
      ),
    );
    expect(c.declared.every((x) => x.kind === 'DECLARED')).toBe(true);
    expect(c.detected.every((x) => x.label.length > 0)).toBe(true);
    expect(c.cells.every((x) => x.declared < c.declared.length && x.detected < c.detected.length)).toBe(true);
  });

  it('gives pairwise overlaps of declared communities', async () => {
    const data = await client.data<{ overlaps: { names: string[]; sizes: number[]; intersections: number[][] } }>(
      `{ overlaps(kind: DECLARED_COMMUNITIES) { names sizes intersections jaccard } }`,
    );
    expect(data.overlaps.names.length).toBe(await t.count(`MATCH (c:Community {kind: 'DECLARED'}) RETURN count(c) AS n`));
    const i = data.overlaps.names.indexOf(declaredCommunity);
    expect(data.overlaps.sizes[i]).toBe(
      await t.count('MATCH (:Community {id: $id})<-[:MEMBER_OF]-(s) RETURN count(s) AS n', { id: declaredCommunity }),
    );
  });
});

describe('on-demand analytics', () => {
  it('plans an engagement inside a segment with reach, interval and reasons', async () => {
    const data = await client.data<{
      engagementPlan: {
        seeds: Array<{
          rank: number;
          marginalGain: number;
          stakeholder: { id: string };
          reasons: { roles: string[]; summary: string; scores: { pagerank: number } | null; communities: Array<{ id: string }> };
        }>;
        expectedReach: number;
        reachLow: number;
        reachHigh: number;
        segmentSize: number;
        simulations: number;
      };
    }>(
      `{ engagementPlan(segment: { roles: [CUSTOMER] }, k: 5, simulations: 100, seed: 7) {
        seeds { rank marginalGain stakeholder { id } reasons { roles summary scores { pagerank } communities { id } } }
        expectedReach reachLow reachHigh segmentSize simulations } }`,
    );
    const plan = data.engagementPlan;
    expect(plan.seeds).toHaveLength(5);
    expect(plan.segmentSize).toBe(await t.count('MATCH (s:Customer) RETURN count(s) AS n'));
    expect(plan.simulations).toBe(100);
    expect(plan.reachLow).toBeLessThanOrEqual(plan.expectedReach);
    expect(plan.reachHigh).toBeGreaterThanOrEqual(plan.expectedReach);
    expect(plan.expectedReach).toBeGreaterThan(0);
    expect(plan.seeds[0]!.marginalGain).toBeGreaterThan(0);
    expect(plan.seeds.every((s) => s.reasons.summary.length > 0)).toBe(true);
    // the current run covers only employees and partners: seeds outside it have no scores
    const again = await client.data<{ engagementPlan: { seeds: Array<{ stakeholder: { id: string } }> } }>(
      `{ engagementPlan(segment: { roles: [CUSTOMER] }, k: 5, simulations: 100, seed: 7) { seeds { stakeholder { id } } } }`,
    );
    expect(again.engagementPlan.seeds.map((s) => s.stakeholder.id)).toEqual(plan.seeds.map((s) => s.stakeholder.id));
    for (const [args, path] of [
      ['k: 0', 'k'],
      ['simulations: 1', 'simulations'],
      ['segment: { community: "nope" }', 'segment.community'],
    ] as const) {
      const response = await client.gql(`{ engagementPlan(${args}) { expectedReach } }`);
      expect(code(response.body)).toBe('BAD_USER_INPUT');
      expect(field(response.body)).toBe(path);
    }
  });

  it('finds warm introduction paths from stakeholders or from a role', async () => {
    const data = await client.data<{
      byRole: Array<{
        score: number;
        hops: number;
        stakeholders: Array<{ id: string; roles: Array<{ role: string }> }>;
        ties: Array<{ type: string; weight: number; source: { id: string }; target: { id: string } }>;
      }>;
      byId: Array<{ stakeholders: Array<{ id: string }> }>;
    }>(
      `query($to: ID!, $from: [ID!]) {
        byRole: introductionPaths(fromRoles: [EMPLOYEE], to: $to, k: 3, maxHops: 4) { score hops stakeholders { id roles { role } } ties { type weight source { id } target { id } } }
        byId: introductionPaths(from: $from, to: $to, k: 2) { stakeholders { id } }
      }`,
      { to: customer, from: [employee] },
    );
    expect(data.byRole.length).toBeGreaterThan(0);
    for (const path of data.byRole) {
      expect(path.stakeholders[0]!.roles.some((r) => r.role === 'EMPLOYEE')).toBe(true);
      expect(path.stakeholders.at(-1)!.id).toBe(customer);
      expect(path.ties).toHaveLength(path.hops);
      expect(path.score).toBeGreaterThan(0);
      expect(path.score).toBeLessThanOrEqual(1);
    }
    for (let i = 1; i < data.byRole.length; i++) expect(data.byRole[i]!.score).toBeLessThanOrEqual(data.byRole[i - 1]!.score);
    for (const path of data.byId) expect(path.stakeholders[0]!.id).toBe(employee);
    const neither = await client.gql(`query($to: ID!) { introductionPaths(to: $to) { hops } }`, { to: customer });
    expect(field(neither.body)).toBe('from');
    const unknown = await client.gql(`{ introductionPaths(fromRoles: [EMPLOYEE], to: "nope") { hops } }`);
    expect(code(unknown.body)).toBe('NOT_FOUND');
    const hops = await client.gql(`query($to: ID!) { introductionPaths(fromRoles: [EMPLOYEE], to: $to, maxHops: 0) { hops } }`, {
      to: customer,
    });
    expect(field(hops.body)).toBe('maxHops');
  });

  it('ranks brokers between two roles', async () => {
    const data = await client.data<{
      brokersBetween: Array<{ rank: number; twoPaths: number; sources: number; targets: number; stakeholder: { id: string } }>;
    }>(
      `{ brokersBetween(fromRole: SUPPLIER, toRole: CUSTOMER, first: 5) { rank twoPaths weight sources targets stakeholder { id } } }`,
    );
    expect(data.brokersBetween.length).toBeGreaterThan(0);
    expect(data.brokersBetween[0]!.rank).toBe(1);
    for (let i = 1; i < data.brokersBetween.length; i++)
      expect(data.brokersBetween[i]!.twoPaths).toBeLessThanOrEqual(data.brokersBetween[i - 1]!.twoPaths);
    const bad = await client.gql(`{ brokersBetween(fromRole: SUPPLIER, toRole: CUSTOMER, first: 0) { rank } }`);
    expect(field(bad.body)).toBe('first');
  });

  it('reports what removing stakeholders does to communities', async () => {
    const hubs = await execute<{ id: string }>(
      t.db,
      `MATCH (c:Community {id: $id})<-[:MEMBER_OF]-(s) RETURN s.id AS id ORDER BY s.degree DESC LIMIT 3`,
      { id: declaredCommunity },
    );
    const remove = hubs.map((h) => h.id);
    const data = await client.data<{
      declared: {
        removed: string[];
        communities: Array<{
          community: { id: string; kind: string };
          membersBefore: number;
          membersAfter: number;
          internalTiesLost: number;
          split: boolean;
        }>;
        singlePointsOfFailure: Array<{ stakeholder: { id: string }; community: { id: string }; separated: number }>;
      };
      detected: { communities: Array<{ community: { kind: string } }> };
    }>(
      `query($remove: [ID!]!, $run: ID) {
        declared: whatIf(remove: $remove) { removed communities { community { id kind } membersBefore membersAfter internalTiesLost split } singlePointsOfFailure { stakeholder { id } community { id } separated } }
        detected: whatIf(remove: $remove, run: $run) { communities { community { kind } } }
      }`,
      {
        remove,
        run: (await client.data<{ analysisRuns: Array<{ id: string }> }>('{ analysisRuns { id } }')).analysisRuns.at(-1)!.id,
      },
    );
    expect(data.declared.removed.sort()).toEqual([...remove].sort());
    const impact = data.declared.communities.find((c) => c.community.id === declaredCommunity);
    expect(impact).toBeDefined();
    expect(impact!.community.kind).toBe('DECLARED');
    expect(impact!.membersBefore - impact!.membersAfter).toBe(3);
    expect(impact!.internalTiesLost).toBeGreaterThan(0);
    for (let i = 1; i < data.declared.singlePointsOfFailure.length; i++)
      expect(data.declared.singlePointsOfFailure[i]!.separated).toBeLessThanOrEqual(
        data.declared.singlePointsOfFailure[i - 1]!.separated,
      );
    expect(data.detected.communities.length).toBeGreaterThan(0);
    expect(data.detected.communities.every((c) => c.community.kind === 'DETECTED')).toBe(true);
    const empty = await client.gql(`{ whatIf(remove: []) { removed } }`);
    expect(field(empty.body)).toBe('remove');
    const unknown = await client.gql(`{ whatIf(remove: ["nope"]) { removed } }`);
    expect(code(unknown.body)).toBe('NOT_FOUND');
  });
});
