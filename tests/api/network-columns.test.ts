// NetworkGraph.columns (the compact network answer the page loads) carries the same graph as nodes/edges, for network
// and egoNetwork, before and after an analysis run, for a viewer as for an admin; and in a fraction of the bytes.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../server/src/demo.js';
import { waitForRun } from '../../server/src/runner/run-analysis.js';
import { execute } from '../../server/src/db/database.js';
import { buildGraph, type AtlasGraph, type WireNetwork } from '../../client/src/lib/graph/model.js';
import { decodeNetwork, type WireColumnsNetwork } from '../../client/src/lib/graph/columns.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { createTestClient } from '../helpers/app.js';

let t: TestDatabase;
let admin: ReturnType<typeof createTestClient>;
let viewer: ReturnType<typeof createTestClient>;
let hub: string;
beforeAll(async () => {
  t = await openTestDatabase();
  await t.clear();
  await loadDemo(t.db);
  admin = createTestClient(t);
  viewer = createTestClient(t, { role: 'viewer' });
  hub = (await execute<{ id: string }>(t.db, 'MATCH (s:Stakeholder) RETURN s.id AS id ORDER BY s.degree DESC, s.id LIMIT 1'))[0]!
    .id;
});
afterAll(async () => t.close());

const ANALYTICS = `scores { pagerank betweenness hub authority coreNumber effectiveSize }`;
// Both shapes of one answer: the page's columns selection and the object shape buildGraph reads.
const FRAGMENT = `fragment Both on NetworkGraph {
  attributes { truncated totalNodes totalEdges run }
  nodes { key attributes { label kind roles communities degree ${ANALYTICS} detected { community strength } } }
  edges { source target attributes { type weight since } }
  columns { communities
    nodes { ids labels kinds roleMasks degrees declared { counts communities } detected { counts communities strengths } ${ANALYTICS} }
    ties { sourceDeltas targetDeltas typeNames types weights since strengths firstInteraction lastInteraction } }
}`;

type Both = WireNetwork & WireColumnsNetwork;

function tiesOf(graph: AtlasGraph): string[] {
  return graph
    .mapEdges((_key, a, source, target) => JSON.stringify([source, target, a.tieType, a.weight, a.since, a.size]))
    .sort();
}

/** The columns decode into the graph the object shape builds. */
function expectSameGraph(answer: Both): AtlasGraph {
  const fromColumns = decodeNetwork(answer);
  const fromObjects = buildGraph(answer);
  expect(fromColumns.order).toBe(answer.nodes.length);
  expect(fromColumns.size).toBe(answer.edges.length);
  expect(fromColumns.nodes()).toEqual(fromObjects.nodes());
  fromObjects.forEachNode((node, attributes) => expect(fromColumns.getNodeAttributes(node)).toEqual(attributes));
  expect(tiesOf(fromColumns)).toEqual(tiesOf(fromObjects));
  expect(fromColumns.getAttributes()).toEqual(fromObjects.getAttributes());
  return fromColumns;
}

describe('before any analysis run', () => {
  it('network and egoNetwork columns hold the same graph as nodes/edges, without analytics', async () => {
    const data = await admin.data<{ network: Both; egoNetwork: Both }>(
      `query($id: ID!) { network(limit: 3000) { ...Both } egoNetwork(id: $id, depth: 2) { ...Both } } ${FRAGMENT}`,
      { id: hub },
    );
    for (const answer of [data.network, data.egoNetwork]) {
      expect(answer.edges.length).toBeGreaterThan(100);
      expect(answer.columns.nodes.scores).toBeNull();
      expect(answer.columns.nodes.detected).toBeNull();
      expectSameGraph(answer);
    }
    expect(data.network.attributes.truncated).toBe(true);
    expect(data.egoNetwork.columns.nodes.ids).toContain(hub);
  });
});

describe('after an analysis run', () => {
  let run: string;
  beforeAll(async () => {
    const started = await admin.data<{ runAnalysis: { id: string } }>(`mutation { runAnalysis(input: { seed: 5 }) { id } }`);
    run = started.runAnalysis.id;
    await waitForRun(t.db, run);
  }, 240_000);

  it("carries the current run's scores and memberships, as the object shape does, and the same with run: given", async () => {
    const data = await admin.data<{ network: Both; given: Both }>(
      `query($run: ID!) { network(limit: 25000) { ...Both } given: network(limit: 25000, run: $run) { ...Both } } ${FRAGMENT}`,
      { run },
    );
    const graph = expectSameGraph(data.network);
    expect(graph.getAttribute('run')).toBe(run);
    let scored = 0;
    graph.forEachNode((_node, a) => {
      if (a.scores !== undefined) scored++;
      expect(a.detected).toBeDefined();
    });
    expect(scored).toBeGreaterThan(graph.order * 0.9);
    expect(data.given.columns).toEqual(data.network.columns);
  });

  it('a viewer gets the same columns (labels are names, not personal data)', async () => {
    const query = `query($id: ID!) { egoNetwork(id: $id, depth: 1) { ...Both } } ${FRAGMENT}`;
    const [asAdmin, asViewer] = await Promise.all([
      admin.data<{ egoNetwork: Both }>(query, { id: hub }),
      viewer.data<{ egoNetwork: Both }>(query, { id: hub }),
    ]);
    expect(asViewer.egoNetwork.columns).toEqual(asAdmin.egoNetwork.columns);
    expectSameGraph(asViewer.egoNetwork);
  });

  it('sends the page a fraction of the bytes of the object shape (gzip, the demo network)', async () => {
    const page = `{ network(limit: 100000) { attributes { truncated totalNodes totalEdges run } columns { communities
      nodes { ids labels kinds roleMasks degrees declared { counts communities } detected { counts communities strengths } ${ANALYTICS} }
      ties { sourceDeltas targetDeltas typeNames types weights since strengths firstInteraction lastInteraction } } } }`;
    const objects = `{ network(limit: 100000) { attributes { truncated totalNodes totalEdges run }
      nodes { key attributes { label kind roles communities degree ${ANALYTICS} detected { community strength } } }
      edges { source target attributes { type weight since } } } }`;
    // The same without the ties' relationship columns (what they add on the wire).
    const withoutRelationships = page.replace(' strengths firstInteraction lastInteraction', '');
    // The body as the server sent it (before gzip): parsed and serialised again, as yoga serialises it.
    const [compact, full, bare] = await Promise.all([
      admin.gql(page),
      admin.gql<{ network: WireNetwork }>(objects),
      admin.gql(withoutRelationships),
    ]);
    const ties = full.body.data?.network.edges.length ?? 0;
    expect(ties).toBeGreaterThan(10_000);
    const perTie = (body: unknown): number => gzipSync(JSON.stringify(body)).length / ties;
    console.log(
      `demo network, ${ties} ties: columns ${perTie(compact.body).toFixed(1)} B/tie (${perTie(bare.body).toFixed(1)} without the relationship columns), objects ${perTie(full.body).toFixed(1)} B/tie (gzip)`,
    );
    // Like for like: the object shape has no relationship columns.
    expect(perTie(bare.body)).toBeLessThan(perTie(full.body) / 1.5);
    expect(perTie(compact.body)).toBeGreaterThan(perTie(bare.body));
  });
});
