// egoNetwork through the API against the same Cypher through the bare driver, one client, in one run
// on the demo ecosystem (issue 12: ours ≤ 2× the bare driver at p50). `npm run bench:ego`; uses
// NEO4J_URI or starts a throwaway embedded Neo4j and loads the demo. Sequential requests, the two
// sides alternated (which goes first alternates too), each stakeholder asked once per side with the
// answer cache off, then once more with it on (a cache hit). A small stand-in for the full side-by-side
// comparison bench.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { createApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { connect, execute, type Database } from '../server/src/db/database.js';
import { startEmbeddedNeo4j } from '../server/src/db/embedded-neo4j.js';
import { migrate } from '../server/src/db/migrations.js';
import { loadDemo } from '../server/src/demo.js';
import { TIE_TYPES } from '../server/src/domain/vocabulary.js';
import { egoNetworkCypher } from '../server/src/store/network.js';
import { noStakeholders } from '../server/src/store/stakeholders.js';
import { percentile } from './api-bench.js';
import { createBenchToken } from './bench-user.js';
import { loadAverage } from './report.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 150);
const WARMUP = 20;
const DEPTHS = [1, 2];
const LIMIT = 2000;
// The fields the bench's egoNetwork request selects (bench/api-client.ts), projected by the bare query too.
const QUERY = `query($id: ID!, $depth: Int) { egoNetwork(id: $id, depth: $depth, limit: ${LIMIT}) {
  attributes { truncated totalNodes totalEdges }
  nodes { key attributes { label kind roles communities degree } }
  edges { source target attributes { type weight since } } } }`;
const BARE_PROJECTION = `{ key: s.id, attributes: { label: s.name, kind: s.kind, roles: coalesce(s.roles, []),
  degree: coalesce(s.degree, 0), communities: [(s)-[:MEMBER_OF]->(c:Community {kind: 'DECLARED'}) | c.id] } }`;

const p50 = (xs: number[]): number =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

async function measure(db: Database): Promise<void> {
  const base = { ...loadConfig(), port: 0, logLevel: 'error' as const };
  const uncached = createApp({ db, config: { ...base, answerCacheBytes: 0 } });
  const cached = createApp({ db, config: { ...base, answerCacheBytes: 64 * 2 ** 20 } });
  const token = await createBenchToken(db, 'viewer');
  const ids = (await execute<{ id: string }>(db, 'MATCH (s:Stakeholder) RETURN s.id AS id ORDER BY s.id')).map((r) => r.id);
  const session = db.driver.session({ database: db.name, defaultAccessMode: neo4j.session.READ });
  const viaApi = async (app: ReturnType<typeof createApp>, id: string, depth: number): Promise<number> => {
    const started = performance.now();
    const response = await app.fetch('http://127.0.0.1/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: QUERY, variables: { id, depth } }),
    });
    const body = (await response.json()) as { errors?: unknown[] };
    if (body.errors) throw new Error(`errors: ${JSON.stringify(body.errors)}`);
    return performance.now() - started;
  };
  const viaDriver = async (id: string, depth: number): Promise<number> => {
    const started = performance.now();
    await session.run(egoNetworkCypher(TIE_TYPES.join('|'), depth, BARE_PROJECTION), {
      id,
      room: neo4j.int(LIMIT - 1),
      limit: neo4j.int(LIMIT),
      run: null,
    });
    return performance.now() - started;
  };
  try {
    for (const depth of DEPTHS) {
      const times = { api: [] as number[], bare: [] as number[], hit: [] as number[] };
      const loadBefore = loadAverage();
      for (let i = 0; i < ROUNDS + WARMUP; i++) {
        // Spread over the ids (every stakeholder once at most): no answer is read twice by one side.
        const id = ids[(i * 7919) % ids.length]!;
        let api: number;
        let bare: number;
        if (i % 2 === 0) {
          api = await viaApi(uncached, id, depth);
          bare = await viaDriver(id, depth);
        } else {
          bare = await viaDriver(id, depth);
          api = await viaApi(uncached, id, depth);
        }
        await viaApi(cached, id, depth);
        const hit = await viaApi(cached, id, depth);
        if (i < WARMUP) continue;
        times.api.push(api);
        times.bare.push(bare);
        times.hit.push(hit);
      }
      const ratio = p50(times.api) / p50(times.bare);
      console.log(
        `egoNetwork(depth: ${depth}, limit: ${LIMIT}), ${ROUNDS} stakeholders, one client; load ${loadBefore} → ${loadAverage()}`,
      );
      console.log(`  API (GraphQL in-process, viewer token, cache off): p50 ${p50(times.api).toFixed(1)} ms`);
      console.log(`  bare driver, the same Cypher and fields:           p50 ${p50(times.bare).toFixed(1)} ms`);
      console.log(`  API, answer cached:                                p50 ${p50(times.hit).toFixed(1)} ms`);
      console.log(`  ratio API / bare ${ratio.toFixed(2)}× (floor ≤ 2×: ${ratio <= 2 ? 'met' : 'NOT met'})`);
    }
  } finally {
    await session.close();
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.neo4j) {
    const db = connect(config.neo4j.uri, config.neo4j.username, config.neo4j.password, config.neo4j.database);
    try {
      await migrate(db);
      if (await noStakeholders(db)) await loadDemo(db);
      await measure(db);
    } finally {
      await db.driver.close();
    }
    return;
  }
  const homeDir = mkdtempSync(join(tmpdir(), 'atlas-bench-ego-'));
  const server = await startEmbeddedNeo4j({
    ...config.embedded,
    homeDir,
    boltPort: 0,
    heap: '1g',
    pageCache: '512m',
    ephemeral: true,
    log: () => {},
  });
  const db = connect(server.uri, server.auth.username, server.auth.password, config.database);
  try {
    await migrate(db);
    if (await noStakeholders(db)) await loadDemo(db);
    await measure(db);
  } finally {
    await db.driver.close();
    await server.stop();
    rmSync(homeDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
