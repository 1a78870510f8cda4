// `npm run bench:analysis`: a full analysis run end to end (Neo4j projection read, worker analytics,
// write-back) and an engagement plan through the API, on a generated ecosystem of stated size.
// `--engine gds` runs it on Neo4j Graph Data Science instead, `--engine both` runs both on one database
// side by side (peak RSS of this process and peak JVM heap used of Neo4j for each). `--bulk` loads the ecosystem
// through the offline bulk path in a child process (bulk-load-child.ts), so that 10M ties load in minutes and this
// process's memory is its runs' alone.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeEcosystem } from '../seeds/generate.js';
import { DEFAULT_PARAMETERS } from '../server/src/runner/parameters.js';
import { startAnalysisRun, waitForRun } from '../server/src/runner/run-analysis.js';
import { createApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { connect, execute } from '../server/src/db/database.js';
import { startEmbeddedNeo4j } from '../server/src/db/embedded-neo4j.js';
import { migrate } from '../server/src/db/migrations.js';
import { readImportInput } from '../server/src/import/read-input.js';
import { importParsed } from '../server/src/import/import-bundle.js';
import { closeOnDemandPool } from '../server/src/runner/on-demand-pool.js';
import { createBenchToken } from './bench-user.js';
import type { AnalysisEngine } from '../server/src/domain/models.js';
import { jvmHeap } from '../server/src/store/gds.js';
import { readCommunityMap } from '../server/src/store/community-map.js';
import { TIE_TYPES } from '../server/src/domain/vocabulary.js';

/**
 * Issue 11 §1: the run's layout phase, and the community map read as stored at write-back against the same links
 * aggregated from every tie in one Cypher query at read time (decision 088).
 */
async function measureCommunityMap(run: string, t: Record<string, number>): Promise<void> {
  console.log(
    `  layout: ${((t['analysis.layout'] ?? 0) / 1000).toFixed(2)} s in the worker; map written in ${((t['write.map'] ?? 0) / 1000).toFixed(2)} s`,
  );
  let t0 = performance.now();
  const stored = await readCommunityMap(db, run);
  const storedMs = performance.now() - t0;
  t0 = performance.now();
  const aggregated = await execute<{ ties: number }>(
    db,
    `MATCH (s:Stakeholder)-[m:MEMBER_OF {run: $run}]->(c:Community)
     WITH s, c ORDER BY m.strength DESC, c.index
     WITH s, collect(c)[0] AS home
     MATCH (s)-[t:${TIE_TYPES.join('|')}]->(o:Stakeholder)-[n:MEMBER_OF {run: $run}]->(d:Community)
     WITH s, home, t, o, d ORDER BY n.strength DESC, d.index
     WITH home, t, collect(d)[0] AS other WHERE home <> other
     WITH CASE WHEN home.index < other.index THEN [home.id, other.id] ELSE [other.id, home.id] END AS pair, t
     RETURN pair, count(t) AS ties, sum(t.weight) AS weight`,
    { run },
    { timeoutMs: 600_000 },
  );
  const aggregatedMs = performance.now() - t0;
  console.log(
    `  communityMap: stored ${storedMs.toFixed(0)} ms (${stored?.communities.length ?? 0} communities, ${stored?.links.length ?? 0} links); ` +
      `aggregated from the ties in one Cypher query ${aggregatedMs.toFixed(0)} ms (${aggregated.length} links); load ${load()}`,
  );
}
import type { BulkChildResult } from './bulk-load-child.js';

const { values } = parseArgs({
  options: {
    stakeholders: { type: 'string', default: '10000' },
    ties: { type: 'string', default: '100000' },
    engine: { type: 'string', default: 'node' },
    heap: { type: 'string', default: '4g' },
    'bolt-port': { type: 'string', default: '0' },
    'skip-plan': { type: 'boolean', default: false },
    bulk: { type: 'boolean', default: false },
    'gds-first': { type: 'boolean', default: false },
    /** Heap of the bulk child (it holds the parsed bundle and its plan: ~1 GiB per million ties). */
    'load-heap-mb': { type: 'string', default: '16384' },
  },
});
const engineOption = values.engine ?? 'node';
if (!['node', 'gds', 'both'].includes(engineOption)) throw new Error(`--engine must be node, gds or both, got ${engineOption}`);
// --gds-first: at sizes where the Node engine may not hold the graph, GDS's figures are taken before it tries.
const engines: AnalysisEngine[] =
  engineOption === 'both' ? (values['gds-first'] ? ['GDS', 'NODE'] : ['NODE', 'GDS']) : [engineOption === 'gds' ? 'GDS' : 'NODE'];
const withGds = engines.includes('GDS');
/** Ends the bench after the runs (--skip-plan). */
class SkipPlan extends Error {}
const stakeholders = Number(values.stakeholders);
const ties = Number(values.ties);
const work = mkdtempSync(join(tmpdir(), 'atlas-analysis-bench-'));
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
console.log(`analysis bench: ${stakeholders.toLocaleString('en')} stakeholders, ${ties.toLocaleString('en')} ties`);
const memory = (): string => `${(freemem() / 2 ** 30).toFixed(1)} GiB free of ${(totalmem() / 2 ** 30).toFixed(1)} GiB`;
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}; load ${load()}; ${memory()}`);

/** Generates and bulk-loads the ecosystem into `home` in a child process; its phases and peak RSS come back. */
async function loadInChild(home: string): Promise<BulkChildResult> {
  const heapMb = Number(values['load-heap-mb']);
  if (!Number.isInteger(heapMb) || heapMb < 512) throw new Error(`--load-heap-mb must be an integer ≥ 512`);
  const child = fork(
    fileURLToPath(new URL('./bulk-load-child.ts', import.meta.url)),
    ['--bundle', join(work, 'bundle'), '--home', home, '--stakeholders', String(stakeholders), '--ties', String(ties)],
    // tsx's loader travels in execArgv; the child's heap is set here.
    { execArgv: [...process.execArgv.filter((a) => !a.startsWith('--max-old-space-size')), `--max-old-space-size=${heapMb}`] },
  );
  let result: BulkChildResult | undefined;
  child.on('message', (message) => (result = message as BulkChildResult));
  const code = await new Promise<number | null>((done, fail) => {
    child.once('error', fail);
    child.once('exit', (exitCode) => done(exitCode));
  });
  if (code !== 0 || !result) throw new Error(`the bulk load child failed (exit ${code})`);
  return result;
}

let loadedInChild: BulkChildResult | undefined;
if (values.bulk) {
  const started = performance.now();
  loadedInChild = await loadInChild(join(work, 'neo4j'));
  const p = loadedInChild.phases;
  const s = (ms: number | undefined): string => `${((ms ?? 0) / 1000).toFixed(1)} s`;
  console.log(
    `bulk-loaded ${loadedInChild.stakeholders.toLocaleString('en')} stakeholders, ${loadedInChild.ties.toLocaleString('en')} ties ` +
      `in ${s(performance.now() - started)} (generate ${s(loadedInChild.generateMs)}, parse ${s(loadedInChild.parseMs)}, ` +
      `plan ${s(p.plan)}, CSV ${s(p.csv)}, neo4j-admin ${s(p.importer)}, start ${s(p.start)}, migrate ${s(p.migrate)}; ` +
      `child peak RSS ${(loadedInChild.peakRssBytes / 2 ** 20).toFixed(0)} MiB); load ${load()}`,
  );
} else {
  await writeEcosystem(join(work, 'bundle'), { stakeholders, ties, interactions: 0, seed: 1 });
}
const neo4j = await startEmbeddedNeo4j({
  ...loadConfig().embedded,
  homeDir: join(work, 'neo4j'),
  boltPort: Number(values['bolt-port']),
  heap: values.heap ?? '4g',
  pageCache: '2g',
  ephemeral: true,
  plugins: withGds ? ['gds'] : [],
});
const db = connect(neo4j.uri, neo4j.auth.username, neo4j.auth.password, 'neo4j');
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
try {
  await migrate(db);
  if (!loadedInChild) {
    const report = await importParsed(db, await readImportInput(join(work, 'bundle')));
    console.log(
      `imported ${report.counts.stakeholders} stakeholders, ${report.counts.ties} ties in ${(report.durationMs / 1000).toFixed(1)} s`,
    );
  }

  const rows: Array<Record<string, string | number>> = [];
  for (const engine of engines) {
    // The import's garbage is not the run's: collect it when the bench runs with --expose-gc (npm script).
    global.gc?.();
    peakRss = process.memoryUsage().rss;
    console.log(`RSS before the ${engine} run: ${(peakRss / 2 ** 20).toFixed(0)} MiB; machine: ${memory()}`);
    let peakHeap = 0;
    let heapMax = 0;
    // The JVM's heap (GDS holds its projection there), sampled through Bolt every half second.
    const heapSampler = setInterval(() => {
      jvmHeap(db)
        .then((h) => {
          peakHeap = Math.max(peakHeap, h?.used ?? 0);
          heapMax = h?.max ?? heapMax;
        })
        .catch(() => undefined);
    }, 500);
    const started = performance.now();
    const run = await startAnalysisRun(db, DEFAULT_PARAMETERS, { requested: engine });
    const finished = await waitForRun(db, run.id);
    const seconds = (performance.now() - started) / 1000;
    clearInterval(heapSampler);
    console.log(`${engine} full analysis run ${finished?.status} in ${seconds.toFixed(1)} s end to end; load ${load()}`);
    if (finished?.error) console.log(`  error: ${finished.error}`);
    console.log(`  phases (ms): ${JSON.stringify(finished?.timings)}`);
    console.log(`  peak RSS of the server process (worker included): ${(peakRss / 2 ** 20).toFixed(0)} MiB`);
    console.log(`  peak JVM heap used (Neo4j): ${(peakHeap / 2 ** 20).toFixed(0)} MiB of ${(heapMax / 2 ** 20).toFixed(0)} MiB`);
    const t = finished?.timings ?? {};
    const louvain = (t['analysis.communities.graph'] ?? 0) + (t['analysis.communities.louvain'] ?? 0);
    if (engine === 'NODE') {
      console.log(
        `  partition's share (its ties + Leiden): ${(louvain / 1000).toFixed(1)} s of ${((t.analysis ?? 0) / 1000).toFixed(1)} s of analytics`,
      );
    }
    if (engine === 'NODE' && finished?.status === 'COMPLETE') await measureCommunityMap(finished.id, t);
    // Issue 12's floors are stated for 100,000 stakeholders / 1,000,000 ties.
    const atScale = stakeholders >= 100_000 && ties >= 1_000_000;
    const verdict = (ok: boolean): string => (atScale ? (ok ? 'met' : 'MISSED') : 'n/a below 100k / 1M');
    console.log(`  floor: end to end ≤ 30 s — ${seconds.toFixed(1)} s, ${verdict(seconds <= 30)}`);
    console.log(`  floor: peak RSS ≤ 1.5 GiB — ${(peakRss / 2 ** 30).toFixed(2)} GiB, ${verdict(peakRss <= 1.5 * 2 ** 30)}`);
    rows.push({
      engine,
      status: finished?.status ?? '?',
      'end to end s': +seconds.toFixed(1),
      'analysis s': +((finished?.timings.analysis ?? 0) / 1000).toFixed(1),
      'write s': +((finished?.timings.write ?? 0) / 1000).toFixed(1),
      'peak RSS MiB': Math.round(peakRss / 2 ** 20),
      'peak JVM heap MiB': Math.round(peakHeap / 2 ** 20),
      communities: finished?.summary?.communities ?? '-',
      modularity: finished?.summary ? +finished.summary.modularity.toFixed(4) : '-',
      load: load(),
    });
  }
  console.table(rows);
  if (values['skip-plan']) throw new SkipPlan();

  // In-process: port 0 lets the Host check accept the loopback name; the API needs a signed-in caller.
  const app = createApp({ db, config: { ...loadConfig(), port: 0, logLevel: 'error' } });
  const token = await createBenchToken(db, 'analyst');
  const planStarted = performance.now();
  const response = await app.fetch('http://127.0.0.1/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query:
        '{ engagementPlan(segment: { roles: [CUSTOMER, EMPLOYEE, PARTNER, SUPPLIER, SHAREHOLDER] }, k: 10) { segmentSize expectedReach } }',
    }),
  });
  const body = (await response.json()) as {
    data?: { engagementPlan: { segmentSize: number; expectedReach: number } };
    errors?: unknown;
  };
  console.log(
    `engagement plan k=10 on a segment of ${body.data?.engagementPlan.segmentSize ?? '?'}: ${((performance.now() - planStarted) / 1000).toFixed(1)} s` +
      (body.errors ? ` (errors: ${JSON.stringify(body.errors)})` : `, expected reach ${body.data?.engagementPlan.expectedReach}`),
  );
} catch (error) {
  if (!(error instanceof SkipPlan)) throw error;
} finally {
  clearInterval(sampler);
  await closeOnDemandPool();
  await db.driver.close();
  await neo4j.stop();
  rmSync(work, { recursive: true, force: true });
}
