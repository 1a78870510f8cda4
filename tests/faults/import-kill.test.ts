// kill -9 of the import CLI (which owns its embedded Neo4j) in the middle of an import: its watchdog
// stops the orphaned Neo4j, the next run starts without "already running", and re-running the same
// import ends with exactly what a clean import of that bundle writes.
import { afterAll, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeEcosystem } from '../../seeds/generate.js';
import { loadConfig } from '../../server/src/config.js';
import { connect, execute, type Database } from '../../server/src/db/database.js';
import { startEmbeddedNeo4j } from '../../server/src/db/embedded-neo4j.js';
import { importParsed } from '../../server/src/import/import-bundle.js';
import { readImportInput } from '../../server/src/import/read-input.js';
import { alive, embeddedEnv, eventually, readPidFile, startAtlasProcess } from '../helpers/atlas-process.js';
import { openTestDatabase } from '../helpers/database.js';

const work = mkdtempSync(join(tmpdir(), 'atlas-faults-import-'));
const bundle = join(work, 'bundle');
const home = join(work, 'neo4j');
const cli = 'server/src/cli/import.ts';

afterAll(() => {
  const jvm = readPidFile(home)?.pid;
  if (jvm !== undefined && alive(jvm)) process.kill(jvm, 'SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

/** Nodes per label set and relationships per type, with the sum of tie weights: what an import writes. */
const BOOKKEEPING = 'n:User OR n:ApiToken OR n:Session OR n:SignInLink OR n:AuditEvent';

async function inventory(db: Database): Promise<unknown> {
  const byLabels = new Map<string, number>();
  // Users, their tokens and sessions and the audit trail are bookkeeping of the processes, not what the import wrote.
  const rows = await execute<{ labels: string[]; n: number }>(
    db,
    `MATCH (n) WHERE NOT (${BOOKKEEPING}) RETURN labels(n) AS labels, count(*) AS n`,
  );
  for (const row of rows) {
    const key = [...row.labels].sort().join(':'); // label order is not part of what was written
    byLabels.set(key, (byLabels.get(key) ?? 0) + row.n);
  }
  const nodes = [...byLabels].sort(([a], [b]) => a.localeCompare(b));
  const rels = await execute(
    db,
    `MATCH (a)-[r]->(b) WHERE NOT (${BOOKKEEPING.replaceAll('n:', 'a:')} OR ${BOOKKEEPING.replaceAll('n:', 'b:')})
     RETURN type(r) AS type, count(*) AS n, round(sum(coalesce(r.weight, 0)), 3) AS weight ORDER BY type`,
  );
  return { nodes, rels };
}

it('leaves no Neo4j behind when killed mid-import, and the re-run completes exactly', async () => {
  await writeEcosystem(bundle, { stakeholders: 3000, ties: 15_000, interactions: 0, seed: 3 });

  const killed = startAtlasProcess(cli, [bundle], embeddedEnv(home));
  await killed.waitFor(/ rows \(\d/); // the first batch is written: the import is under way
  const jvm = readPidFile(home)!.pid;
  killed.child.kill('SIGKILL');
  await killed.exited;
  expect(killed.output()).not.toMatch(/IMPORTED/);
  await eventually('the watchdog stops the orphaned Neo4j', () => !alive(jvm));
  await eventually('the pid file is removed', () => !existsSync(join(home, 'run', 'atlas-neo4j.json')));

  const rerun = startAtlasProcess(cli, [bundle], embeddedEnv(home));
  expect(await rerun.exited).toBe(0);
  expect(rerun.output()).toMatch(/IMPORTED: /);
  expect(rerun.output()).not.toMatch(/already running/);

  // What the interrupted-then-repeated import left, against a clean import into the shared test Neo4j.
  const neo4j = await startEmbeddedNeo4j({
    ...loadConfig().embedded,
    homeDir: home,
    boltPort: 0,
    heap: '512m',
    pageCache: '128m',
  });
  let repeated: unknown;
  try {
    const db = connect(neo4j.uri, neo4j.auth.username, neo4j.auth.password, 'neo4j');
    repeated = await inventory(db);
    await db.driver.close();
  } finally {
    await neo4j.stop();
  }
  const clean = await openTestDatabase();
  try {
    await clean.clear();
    const report = await importParsed(clean.db, await readImportInput(bundle));
    expect(report.ok).toBe(true);
    expect(repeated).toEqual(await inventory(clean.db));
  } finally {
    await clean.clear();
    await clean.close();
  }
});
