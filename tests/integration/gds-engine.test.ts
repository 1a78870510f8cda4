// The Graph Data Science engine of an analysis run, on its own embedded Neo4j with GDS (one for the whole file:
// its first start resolves ~140 jars into the Neo4j cache): on Zachary's karate club, a GDS run completes into
// the same AnalysisRun contract as a Node run, with sane communities and scores, the same API answer shape,
// and no projection left behind; a killed GDS run is FAILED with its reason and leaves nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../server/src/config.js';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../server/src/db/embedded-neo4j.js';
import { execute } from '../../server/src/db/database.js';
import { loadGraphFile } from '../../server/src/import/graph-files.js';
import { parseJsonBundle } from '../../server/src/import/json-bundle.js';
import { importParsed } from '../../server/src/import/import-bundle.js';
import { gdsCapabilities, resolveEngine } from '../../server/src/runner/engine.js';
import { DEFAULT_PARAMETERS } from '../../server/src/runner/parameters.js';
import { killRun, startAnalysisRun, waitForRun } from '../../server/src/runner/run-analysis.js';
import type { AnalysisRun, ScoreSet } from '../../server/src/domain/models.js';
import { openDatabaseAt, type TestDatabase } from '../helpers/database.js';
import { createTestClient } from '../helpers/app.js';

const dataset = (path: string): string => fileURLToPath(new URL(`../fixtures/datasets/${path}`, import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'atlas-gds-'));
let server: EmbeddedNeo4j | undefined;
let t: TestDatabase;

/** Karate as an import bundle: 34 members (employees), 78 one-way ties, the two factions as declared communities. */
function karateBundle(): string {
  const graph = loadGraphFile(dataset('karate/karate.gml'));
  const factions = readFileSync(dataset('karate/karate-factions-alt.dat'), 'utf8')
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([node, group]) => node && group);
  const key = (node: string): string => `karate:m${node}`;
  return JSON.stringify({
    stakeholders: graph.mapNodes((node) => ({
      source: 'karate',
      externalId: `m${node}`,
      kind: 'person',
      name: `Member ${node}`,
    })),
    roles: graph.mapNodes((node) => ({ stakeholder: key(node), role: 'employee' })),
    ties: graph.mapEdges((_, __, a, b) => ({ from: key(a), to: key(b), type: 'works with', weight: 1 })),
    communities: [...new Set(factions.map(([, g]) => g!))].map((g) => ({ id: `faction-${g}`, name: `Faction ${g}` })),
    memberships: factions.map(([node, g]) => ({ stakeholder: key(node!), community: `faction-${g}` })),
  });
}

beforeAll(async () => {
  server = await startEmbeddedNeo4j({
    ...loadConfig().embedded,
    homeDir: home,
    boltPort: 7471, // this helper's port range
    heap: '1g',
    pageCache: '128m',
    ephemeral: true,
    plugins: ['gds'],
  });
  t = await openDatabaseAt({ uri: server.uri, ...server.auth, database: 'neo4j' });
  const report = await importParsed(t.db, parseJsonBundle(karateBundle()));
  expect(report.errors).toEqual([]);
}, 600_000);

afterAll(async () => {
  await t?.close();
  await server?.stop();
  rmSync(home, { recursive: true, force: true });
});

const projections = async (): Promise<number> =>
  (await execute<{ n: number }>(t.db, 'CALL gds.graph.list() YIELD graphName RETURN count(*) AS n'))[0]?.n ?? -1;

async function scoresOf(run: string): Promise<ScoreSet[]> {
  // A null score is an absent property: name the ones a GDS run leaves null so that they read as null.
  const rows = await execute<{ x: ScoreSet }>(
    t.db,
    'MATCH (x:ScoreSet {run: $run}) RETURN x { .*, coordinator: x.coordinator, constraint: x.constraint } AS x',
    { run },
  );
  return rows.map((r) => r.x);
}

const top = (scores: ScoreSet[], metric: 'pagerank' | 'betweenness', k: number): string[] =>
  [...scores]
    .sort((a, b) => b[metric] - a[metric] || a.stakeholder.localeCompare(b.stakeholder))
    .slice(0, k)
    .map((s) => s.stakeholder);

describe('engine choice', () => {
  it('detects Graph Data Science once and chooses it by setting, by request, or above the size threshold', async () => {
    const gds = await gdsCapabilities(t.db);
    expect(gds?.version).toMatch(/^2\.13\./);
    expect(gds?.communityProcedure).toBe('gds.leiden.mutate');
    expect(gds?.missing).toEqual([]);
    const auto = { engine: 'auto', gdsMinTies: 1_000_000, gdsTimeoutMs: 60_000 } as const;
    expect(await resolveEngine(t.db, null, auto)).toBe('NODE'); // 78 ties: the Node engine computes every metric
    expect(await resolveEngine(t.db, null, { ...auto, gdsMinTies: 50 })).toBe('GDS');
    expect(await resolveEngine(t.db, 'NODE', { ...auto, engine: 'gds' })).toBe('NODE');
    expect(await resolveEngine(t.db, null, { ...auto, engine: 'gds' })).toBe('GDS');
  });
});

describe('a GDS run on karate', () => {
  let node: AnalysisRun;
  let gds: AnalysisRun;

  beforeAll(async () => {
    const n = await startAnalysisRun(t.db, DEFAULT_PARAMETERS, { requested: 'NODE' });
    node = (await waitForRun(t.db, n.id))!;
    const g = await startAnalysisRun(t.db, DEFAULT_PARAMETERS, { requested: 'GDS' });
    gds = (await waitForRun(t.db, g.id))!;
    console.log(`karate, Node: ${JSON.stringify(node.summary)}\nkarate, GDS: ${JSON.stringify(gds.summary)}`);
    console.log(`GDS timings: ${JSON.stringify(gds.timings)}`);
  }, 300_000);

  it('completes, records its engine, becomes current and drops its projection', async () => {
    expect(node.status).toBe('COMPLETE');
    expect(node.engine).toBe('NODE');
    expect(gds.error).toBeNull();
    expect(gds.status).toBe('COMPLETE');
    expect(gds.engine).toBe('GDS');
    expect(gds.algorithm).toMatch(/^gds:leiden/);
    expect(gds.current).toBe(true);
    expect(gds.summary).toMatchObject({ nodes: 34, ties: 78, components: 1, overlappingNodes: 0, labelledNodes: 34 });
    expect(gds.summary?.betweenness.mode).toBe('exact');
    expect(node.summary?.components).toBe(1);
    expect(await projections()).toBe(0);
  });

  it('finds communities of a modularity within 0.03 of the Node engine’s, as close to the factions', () => {
    expect(gds.summary!.communities).toBeGreaterThanOrEqual(2);
    expect(gds.summary!.modularity).toBeGreaterThan(0.38);
    expect(Math.abs(gds.summary!.modularity - node.summary!.modularity)).toBeLessThan(0.03);
    expect(gds.summary!.nmi).toBeGreaterThan(0.4);
  });

  it('writes one score set and one core membership per stakeholder, in the same contract', async () => {
    expect(
      await t.count('MATCH (:Stakeholder)-[:HAS_SCORES]->(x:ScoreSet {run: $run}) RETURN count(x) AS n', { run: gds.id }),
    ).toBe(34);
    expect(
      await t.count('MATCH (:Stakeholder)-[m:MEMBER_OF {run: $run, core: true}]->(:Community) RETURN count(m) AS n', {
        run: gds.id,
      }),
    ).toBe(34);
    expect(await t.count(`MATCH (c:Community {kind: 'DETECTED', run: $run}) RETURN count(c) AS n`, { run: gds.id })).toBe(
      gds.summary!.communities,
    );
  });

  it('scores as the Node engine does: same degrees and core numbers, same betweenness, PageRank top 5 shared', async () => {
    const a = new Map((await scoresOf(node.id)).map((s) => [s.stakeholder, s]));
    const b = await scoresOf(gds.id);
    for (const s of b) {
      const n = a.get(s.stakeholder)!;
      expect([s.inDegree, s.outDegree, s.coreNumber, s.weightedInDegree], s.stakeholder).toEqual([
        n.inDegree,
        n.outDegree,
        n.coreNumber,
        n.weightedInDegree,
      ]);
      expect(s.betweenness).toBeCloseTo(n.betweenness, 9);
      expect(s.pagerank).toBeCloseTo(n.pagerank, 3);
      expect(s.coordinator).toBeNull(); // no brokerage roles on GDS
      expect(s.constraint).toBeNull();
    }
    expect(b.reduce((sum, s) => sum + s.pagerank, 0)).toBeCloseTo(1, 6);
    const shared = top(b, 'pagerank', 5).filter((id) => top([...a.values()], 'pagerank', 5).includes(id));
    expect(shared.length).toBeGreaterThanOrEqual(4);
    expect(gds.summary!.metrics).not.toContain('coordinator');
    expect(gds.summary!.metrics).toContain('betweenness');
  });

  it('answers the API as a Node run does (same shape)', async () => {
    const client = createTestClient(t);
    const query = `query ($run: ID!) {
      analysisRun(id: $run) { id status current summary { nodes ties communities modularity overlappingNodes betweennessMode components metrics } }
      detectedCommunities(run: $run) { id name kind size label roleShares { role share } groupShares { community { id } share } }
      influencers(metric: PAGERANK, first: 5, run: $run) {
        rank value stakeholder { id name detectedCommunities(run: $run) { strength community { id } } }
        scores { pagerank hub authority inDegree outDegree coreNumber betweenness constraint brokerage { coordinator liaison } }
      }
      communityComparison(run: $run) { nmi ari labelledNodes }
    }`;
    const [fromNode, fromGds] = [await client.gql(query, { run: node.id }), await client.gql(query, { run: gds.id })];
    expect(fromNode.body.errors).toBeUndefined();
    expect(fromGds.body.errors).toBeUndefined();
    /** Keys and kinds of an answer, a null matching any leaf (the metrics a run did not compute). */
    const shape = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.length > 0
          ? [shape(value[0])]
          : []
        : value !== null && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]))
          : 'leaf';
    expect(shape(fromGds.body.data)).toEqual(shape(fromNode.body.data));
    const influencers = (fromGds.body.data as { influencers: Array<{ scores: { pagerank: number } }> }).influencers;
    expect(influencers).toHaveLength(5);
    expect(influencers[0]!.scores.pagerank).toBeGreaterThan(influencers[4]!.scores.pagerank);
  });
});

describe('a GDS run that fails', () => {
  it('is FAILED with its reason when killed, keeps the current run, and leaves no projection or results', async () => {
    const current = (await execute<{ id: string }>(t.db, 'MATCH (r:AnalysisRun {current: true}) RETURN r.id AS id'))[0]?.id;
    const started = await startAnalysisRun(t.db, DEFAULT_PARAMETERS, { requested: 'GDS' });
    expect(killRun(started.id, 'stopped by the test')).toBe(true);
    const run = await waitForRun(t.db, started.id);
    expect(run?.status).toBe('FAILED');
    expect(run?.engine).toBe('GDS');
    expect(run?.error).toBe('killed: stopped by the test');
    expect(await t.count('MATCH (x:ScoreSet {run: $run}) RETURN count(x) AS n', { run: started.id })).toBe(0);
    expect(await projections()).toBe(0);
    expect((await execute<{ id: string }>(t.db, 'MATCH (r:AnalysisRun {current: true}) RETURN r.id AS id'))[0]?.id).toBe(current);
  });
});
