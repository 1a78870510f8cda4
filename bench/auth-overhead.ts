// What authentication and authorization add to stakeholder(id): the same request through the app
// (Bearer token, @auth and @personal rules) and through a bare yoga over the same schema without
// them, alternated in one process, sequentially, p50 of each. `npm run bench:auth`; uses NEO4J_URI
// or starts a throwaway embedded Neo4j and loads the demo ecosystem.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSchema, createYoga } from 'graphql-yoga';
import { createApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { connect, execute, type Database } from '../server/src/db/database.js';
import { startEmbeddedNeo4j } from '../server/src/db/embedded-neo4j.js';
import { migrate } from '../server/src/db/migrations.js';
import { createLoaders, type GraphQLContext } from '../server/src/context.js';
import { loadDemo } from '../server/src/demo.js';
import { AuthService } from '../server/src/auth/service.js';
import { loadTypeDefs, resolverModules } from '../server/src/schema/index.js';
import { noStakeholders } from '../server/src/store/stakeholders.js';
import { createBenchToken } from './bench-user.js';
import { AnswerCache } from '../server/src/schema/common/answer-cache.js';
import { ImportJobs } from '../server/src/import/import-jobs.js';
import { percentile } from './api-bench.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3000);
const QUERY = 'query($id: ID!) { stakeholder(id: $id) { id name email kind degree roles { role since value } } }';

async function measure(db: Database): Promise<void> {
  const config = { ...loadConfig(), logLevel: 'error' as const };
  const full = createApp({ db, config });
  const auth = new AuthService(db, config.auth);
  const answers = new AnswerCache(db, 0); // the measured query is not cached; the bare side caches nothing either
  const bare = createYoga({
    schema: createSchema<GraphQLContext>({ typeDefs: loadTypeDefs(), resolvers: resolverModules as never }),
    logging: 'error',
    context: (): GraphQLContext => ({
      db,
      config,
      loaders: createLoaders(db),
      viewer: { name: 'bench', role: 'admin', via: 'token', local: true },
      auth,
      answers,
      importJobs: new ImportJobs(),
      audit: {},
      recordAudit: async () => {},
    }),
  });
  const token = await createBenchToken(db, 'viewer');
  const ids = (await execute<{ id: string }>(db, 'MATCH (s:Stakeholder) RETURN s.id AS id LIMIT 2000')).map((r) => r.id);
  type Send = (init: RequestInit) => Promise<Response>;
  const sendFull: Send = async (init) => full.fetch('http://bench/graphql', init);
  const sendBare: Send = async (init) => bare.fetch('http://bench/graphql', init);
  const once = async (send: Send, id: string, headers: Record<string, string>): Promise<number> => {
    const started = performance.now();
    const response = await send({
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: QUERY, variables: { id } }),
    });
    const body = (await response.json()) as { errors?: unknown[] };
    if (body.errors) throw new Error(`errors: ${JSON.stringify(body.errors)}`);
    return performance.now() - started;
  };
  const times = { full: [] as number[], bare: [] as number[] };
  for (let i = 0; i < ROUNDS + 200; i++) {
    const id = ids[i % ids.length]!;
    // Alternate which goes first so that neither profits from the other's warm caches.
    const runFull = (): Promise<number> => once(sendFull, id, { authorization: `Bearer ${token}` });
    const runBare = (): Promise<number> => once(sendBare, id, {});
    let fullMs: number;
    let bareMs: number;
    if (i % 2 === 0) {
      fullMs = await runFull();
      bareMs = await runBare();
    } else {
      bareMs = await runBare();
      fullMs = await runFull();
    }
    if (i < 200) continue; // warm-up
    times.full.push(fullMs);
    times.bare.push(bareMs);
  }
  const p50 = (xs: number[]): number =>
    percentile(
      [...xs].sort((a, b) => a - b),
      50,
    );
  const overhead = p50(times.full) - p50(times.bare);
  console.log(`stakeholder(id), ${ROUNDS} sequential requests each, in-process (app.fetch):`);
  console.log(`  with authentication (viewer token) + @auth/@personal rules: p50 ${p50(times.full).toFixed(3)} ms`);
  console.log(`  bare schema, no authentication, no rules:                   p50 ${p50(times.bare).toFixed(3)} ms`);
  console.log(`  overhead p50: ${overhead.toFixed(3)} ms (floor ≤ 1 ms: ${overhead <= 1 ? 'pass' : 'FAIL'})`);
}

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.neo4j) {
    const db = connect(config.neo4j.uri, config.neo4j.username, config.neo4j.password, config.neo4j.database);
    try {
      await migrate(db);
      await measure(db);
    } finally {
      await db.driver.close();
    }
    return;
  }
  const homeDir = mkdtempSync(join(tmpdir(), 'atlas-bench-auth-'));
  const neo4j = await startEmbeddedNeo4j({
    ...config.embedded,
    homeDir,
    boltPort: 0,
    heap: '1g',
    pageCache: '512m',
    ephemeral: true,
    log: () => {},
  });
  const db = connect(neo4j.uri, undefined, undefined, config.database);
  try {
    await migrate(db);
    if (await noStakeholders(db)) await loadDemo(db);
    await measure(db);
  } finally {
    await db.driver.close();
    await neo4j.stop();
    rmSync(homeDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
