// network and egoNetwork carry an analysis run's scores and detected memberships per node (demo ecosystem):
// null before any run, the current run's values after one (checked against Stakeholder.scores and
// detectedCommunities), a given run's with `run:`, and the run argument's error paths.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../server/src/demo.js';
import { waitForRun } from '../../server/src/runner/run-analysis.js';
import { execute } from '../../server/src/db/database.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { createTestClient } from '../helpers/app.js';

let t: TestDatabase;
let client: ReturnType<typeof createTestClient>;
let hub: string;
beforeAll(async () => {
  t = await openTestDatabase();
  await t.clear();
  await loadDemo(t.db);
  client = createTestClient(t);
  hub = (await execute<{ id: string }>(t.db, 'MATCH (s:Stakeholder) RETURN s.id AS id ORDER BY s.degree DESC, s.id LIMIT 1'))[0]!
    .id;
});
afterAll(async () => t.close());

const code = (body: { errors?: Array<{ extensions?: { code?: string } }> }) => body.errors?.[0]?.extensions?.code;

// The client's selection, through a fragment as the client sends it.
const FRAGMENT = `fragment Graph on NetworkGraph {
  attributes { truncated totalNodes totalEdges run }
  nodes { key attributes { label degree
    scores { pagerank betweenness hub authority coreNumber effectiveSize constraint inDegree }
    detected { community strength } } }
  edges { source target attributes { type weight } }
}`;

interface Scores {
  pagerank: number;
  betweenness: number;
  hub: number;
  authority: number;
  coreNumber: number;
  effectiveSize: number | null;
  constraint: number | null;
  inDegree: number;
}
interface Wire {
  attributes: { truncated: boolean; totalNodes: number; totalEdges: number; run: string | null };
  nodes: Array<{
    key: string;
    attributes: {
      label: string;
      degree: number;
      scores: Scores | null;
      detected: Array<{ community: string; strength: number }> | null;
    };
  }>;
  edges: Array<{ source: string; target: string }>;
}
interface Exact {
  id: string;
  scores: Scores | null;
  detectedCommunities: Array<{ strength: number; community: { id: string } }>;
}

/** Four significant digits, as the wire rounds them. */
function expectRounded(wire: number | null, exact: number | null): void {
  if (exact === null) {
    expect(wire).toBeNull();
    return;
  }
  expect(wire).toBe(Number(exact.toPrecision(4)));
}

/** Every sampled node's analytics match what Stakeholder.scores / detectedCommunities say for that run. */
async function expectMatchesStakeholders(nodes: Wire['nodes'], run: string | null): Promise<void> {
  const sample = nodes.slice(0, 60);
  const fields = `id scores(run: $run) { pagerank betweenness hub authority coreNumber effectiveSize constraint inDegree }
    detectedCommunities(run: $run) { strength community { id } }`;
  const variables: Record<string, unknown> = { run };
  sample.forEach((n, i) => (variables[`id${i}`] = n.key));
  const exact = await client.data<Record<string, Exact>>(
    `query(${sample.map((_, i) => `$id${i}: ID!`).join(', ')}, $run: ID) {
      ${sample.map((_, i) => `s${i}: stakeholder(id: $id${i}) { ${fields} }`).join('\n')} }`,
    variables,
  );
  const byId = new Map(Object.values(exact).map((s) => [s.id, s]));
  for (const node of sample) {
    const truth = byId.get(node.key)!;
    const { scores, detected } = node.attributes;
    if (truth.scores === null) {
      expect(scores, node.key).toBeNull();
    } else {
      expect(scores, node.key).not.toBeNull();
      for (const key of ['pagerank', 'betweenness', 'hub', 'authority', 'effectiveSize', 'constraint'] as const)
        expectRounded(scores![key], truth.scores[key]);
      expect(scores!.coreNumber).toBe(truth.scores.coreNumber);
      expect(scores!.inDegree).toBe(truth.scores.inDegree);
    }
    expect(detected, node.key).toEqual(
      truth.detectedCommunities.map((m) => ({ community: m.community.id, strength: Number(m.strength.toPrecision(4)) })),
    );
  }
}

describe('before any analysis run', () => {
  it('nodes carry null scores and memberships, and the graph names no run', async () => {
    const data = await client.data<{ network: Wire; egoNetwork: Wire }>(
      `query($id: ID!) { network(limit: 500) { ...Graph } egoNetwork(id: $id) { ...Graph } } ${FRAGMENT}`,
      { id: hub },
    );
    for (const graph of [data.network, data.egoNetwork]) {
      expect(graph.attributes.run).toBeNull();
      expect(graph.nodes.length).toBeGreaterThan(10);
      for (const n of graph.nodes) expect(n.attributes).toMatchObject({ scores: null, detected: null });
    }
    const unknown = await client.gql(`{ network(run: "ghost") { attributes { run } } }`);
    expect(code(unknown.body)).toBe('NOT_FOUND');
  });
});

describe('after analysis runs', () => {
  let first: string;
  let second: string;

  beforeAll(async () => {
    const started = await client.data<{ runAnalysis: { id: string } }>(`mutation { runAnalysis(input: { seed: 5 }) { id } }`);
    first = started.runAnalysis.id;
    await waitForRun(t.db, first);
  }, 240_000);

  it('network carries the current run: every analysed node has its scores and detected memberships', async () => {
    const data = await client.data<{ network: Wire; current: { id: string } }>(
      `{ network(limit: 100000) { ...Graph } current: currentAnalysisRun { id } } ${FRAGMENT}`,
    );
    const graph = data.network;
    expect(graph.attributes.run).toBe(first);
    expect(data.current.id).toBe(first);
    expect(graph.nodes).toHaveLength(2000);
    // The full run analysed every stakeholder: each has scores and at least one membership, strongest first.
    const detectedIds = new Set(
      (
        await client.data<{ detectedCommunities: Array<{ id: string }> }>(`{ detectedCommunities { id } }`)
      ).detectedCommunities.map((c) => c.id),
    );
    let overlapping = 0;
    for (const n of graph.nodes) {
      const { scores, detected } = n.attributes;
      expect(scores, n.key).not.toBeNull();
      expect(scores!.pagerank).toBeGreaterThan(0);
      expect(detected!.length, n.key).toBeGreaterThanOrEqual(1);
      for (const m of detected!) expect(detectedIds.has(m.community)).toBe(true);
      for (let i = 1; i < detected!.length; i++) expect(detected![i]!.strength).toBeLessThanOrEqual(detected![i - 1]!.strength);
      if (detected!.length > 1) overlapping++;
    }
    const run = await client.data<{ analysisRun: { summary: { overlappingNodes: number } } }>(
      `query($id: ID!) { analysisRun(id: $id) { summary { overlappingNodes } } }`,
      { id: first },
    );
    expect(overlapping).toBe(run.analysisRun.summary.overlappingNodes);
    await expectMatchesStakeholders(graph.nodes, null);
    // The hub's degree ranks high in its score too: real values, not placeholders.
    const hubNode = graph.nodes.find((n) => n.key === hub)!;
    expect(hubNode.attributes.scores!.inDegree).toBeGreaterThan(0);
  }, 60_000);

  it('a truncated network and an ego network carry the same values', async () => {
    const data = await client.data<{ network: Wire; egoNetwork: Wire }>(
      `query($id: ID!) { network(limit: 300) { ...Graph } egoNetwork(id: $id, depth: 1) { ...Graph } } ${FRAGMENT}`,
      { id: hub },
    );
    expect(data.network.attributes.truncated).toBe(true);
    for (const graph of [data.network, data.egoNetwork]) {
      expect(graph.attributes.run).toBe(first);
      await expectMatchesStakeholders(graph.nodes, null);
    }
    expect(data.egoNetwork.nodes.map((n) => n.key)).toContain(hub);
  }, 60_000);

  it('only the selected scores are sent', async () => {
    const data = await client.data<{ network: { nodes: Array<{ attributes: { scores: Record<string, number> } }> } }>(
      `{ network(limit: 50) { nodes { attributes { scores { pagerank } } } } }`,
    );
    for (const n of data.network.nodes) expect(Object.keys(n.attributes.scores)).toEqual(['pagerank']);
  });

  it('a given run is used instead of the current one; a running run is BAD_USER_INPUT on run', async () => {
    const started = await client.data<{ runAnalysis: { id: string } }>(
      `mutation { runAnalysis(input: { roles: [SHAREHOLDER, PARTNER], seed: 2 }) { id } }`,
    );
    second = started.runAnalysis.id;
    const running = await client.gql(`query($run: ID) { network(run: $run) { attributes { run } } }`, { run: second });
    // While it runs its results are refused; on a fast machine it may have finished in between.
    if (running.body.errors) expect(running.body.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'run' });
    else expect(running.body.data).toEqual({ network: { attributes: { run: second } } });
    await waitForRun(t.db, second);

    const data = await client.data<{ current: Wire; given: Wire }>(
      `query($run: ID) { current: network(limit: 100000) { ...Graph } given: network(limit: 100000, run: $run) { ...Graph } } ${FRAGMENT}`,
      { run: first },
    );
    expect(data.current.attributes.run).toBe(second);
    expect(data.given.attributes.run).toBe(first);
    const inSecond = new Set(
      (await execute<{ id: string }>(t.db, `MATCH (s:Stakeholder) WHERE s:Shareholder OR s:Partner RETURN s.id AS id`)).map(
        (r) => r.id,
      ),
    );
    let outside = 0;
    for (const n of data.current.nodes) {
      if (inSecond.has(n.key)) {
        expect(n.attributes.scores, n.key).not.toBeNull();
        expect(n.attributes.detected!.every((m) => m.community.startsWith(`${second}:`))).toBe(true);
      } else {
        // Not in the current run: no scores, no memberships (but not null: there is a run).
        expect(n.attributes).toMatchObject({ scores: null, detected: [] });
        outside++;
      }
    }
    expect(outside).toBeGreaterThan(0);
    for (const n of data.given.nodes) expect(n.attributes.detected!.every((m) => m.community.startsWith(`${first}:`))).toBe(true);
    await expectMatchesStakeholders(data.given.nodes, first);
    await expectMatchesStakeholders(
      data.current.nodes.filter((n) => inSecond.has(n.key)),
      second,
    );

    const ego = await client.data<{ egoNetwork: Wire }>(
      `query($id: ID!, $run: ID) { egoNetwork(id: $id, run: $run) { ...Graph } } ${FRAGMENT}`,
      { id: hub, run: first },
    );
    expect(ego.egoNetwork.attributes.run).toBe(first);
    await expectMatchesStakeholders(ego.egoNetwork.nodes, first);
    const unknownEgo = await client.gql(`query($id: ID!) { egoNetwork(id: $id, run: "ghost") { attributes { run } } }`, {
      id: hub,
    });
    expect(code(unknownEgo.body)).toBe('NOT_FOUND');
  }, 240_000);
});
