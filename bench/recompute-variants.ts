// Variants of the full strength recomputation measured alternately in one run, by CPU time (Node's own and the Neo4j
// JVM's from /proc/<pid>/stat) as well as wall time, phase by phase, on a fresh store (every RELATES to create) and
// again on the relationships just written (every RELATES to overwrite). Every variant must store the same values as
// the first one (checked pair by pair). Decision 113 records the figures.
//   npx tsx bench/recompute-variants.ts [--interactions 100000] [--rounds 2] [--bolt 7680] [--variants a,b]
import { mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeEcosystem } from '../seeds/generate.js';
import { loadConfig } from '../server/src/config.js';
import { connect, execute, stream, type Database } from '../server/src/db/database.js';
import { startEmbeddedNeo4j } from '../server/src/db/embedded-neo4j.js';
import { migrate } from '../server/src/db/migrations.js';
import { importParsed } from '../server/src/import/import-bundle.js';
import { readImportInput } from '../server/src/import/read-input.js';
import { measure, pairsOf, RELATIONSHIP_PROJECTION, type PairEvidence } from '../server/src/store/interactions.js';
import { bumpDataVersionAlone } from '../server/src/store/data-version.js';
import { ANY_TIE } from '../server/src/store/fragments.js';
import { inBatches } from '../server/src/store/batches.js';
import type { InteractionChannel } from '../server/src/domain/relationship-strength.js';
import { recomputeAllRelationships, type RecomputeOptions } from '../server/src/store/relationship-recompute.js';
import { cpuSince, cpuTime, fmtCpu, type CpuTime } from './cpu-time.js';
import { fmtInt, loadAverage } from './report.js';

const { values } = parseArgs({
  options: {
    stakeholders: { type: 'string', default: '10000' },
    ties: { type: 'string', default: '100000' },
    interactions: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '2' },
    bolt: { type: 'string', default: '7680' },
    heap: { type: 'string', default: '2g' },
    'page-cache': { type: 'string', default: '2g' },
    variants: { type: 'string' },
  },
});

// The write and read variants of decision 113 (MERGE, CREATE unguarded, people read as columns) were measured with the
// first version of this script (git history of store/relationship-recompute.ts); what remains are the options.
const VARIANTS: Record<string, RecomputeOptions> = {
  old: {}, // the recomputation before decision 113 (store/interactions.ts), no phases
  lanes1: { batchSize: 10_000, lanes: 1 },
  lanes2: { batchSize: 10_000, lanes: 2 },
  batch50k: { batchSize: 50_000, lanes: 2 },
};

type Cpu = CpuTime;
const cpuNow = cpuTime;
const diff = cpuSince;
const fmt = (c: Cpu): string => `${fmtCpu(c)}, CPU ${((c.node + c.jvm) / 1000).toFixed(2)} s`;

// The full recomputation as it was before decision 113 (MERGE per pair, rows as maps, stale ones found by a scan).
const WRITE_BEFORE = `
  UNWIND $rows AS r
  MATCH (a:Stakeholder {id: r.a}), (b:Stakeholder {id: r.b})
  MERGE (a)-[x:RELATES]->(b)
  SET x.strength = r.strength, x.strengthBefore = r.strengthBefore, x.interactionCount = r.interactionCount,
      x.recentInteractionCount = r.recentInteractionCount, x.firstAt = datetime(r.firstInteractionAt),
      x.lastAt = datetime(r.lastInteractionAt), x.reciprocity = r.reciprocity, x.sentiment = r.sentiment,
      x.owner = r.owner, x.updatedAt = datetime(r.updatedAt)`;

async function recomputeBefore(db: Database, now: Date): Promise<{ interactions: number; relationships: number }> {
  const byPair = new Map<string, PairEvidence>();
  let interactions = 0;
  await stream<{ at: number; channel: InteractionChannel; sentiment: number | null; people: Array<[string, boolean, boolean]> }>(
    db,
    `MATCH (i:Interaction) WHERE i.at <= datetime($now)
     RETURN i.at.epochMillis AS at, i.channel AS channel, i.sentiment AS sentiment,
            [(i)-[w:WITH]->(p:Stakeholder) | [p.id, coalesce(w.initiator, false), coalesce(w.owner, false)]] AS people`,
    { now: now.toISOString() },
    (row) => {
      interactions++;
      const ids = row.people.map(([id]) => id);
      const owner = row.people.find(([, , isOwner]) => isOwner)?.[0] ?? null;
      const initiator = row.people.find(([, isInitiator]) => isInitiator)?.[0] ?? null;
      const hubs = [owner, initiator].filter((x): x is string => x !== null);
      for (const [a, b] of pairsOf(ids, hubs)) {
        const key = `${a}\u0000${b}`;
        let evidence = byPair.get(key);
        if (!evidence) {
          evidence = { a, b, interactions: [], tieWeight: 0 };
          byPair.set(key, evidence);
        }
        evidence.interactions.push({
          at: row.at,
          channel: row.channel,
          sentiment: row.sentiment,
          participants: ids.length,
          initiator: initiator === a ? 'a' : initiator === b ? 'b' : null,
          owner,
        });
      }
    },
  );
  // The tie weights of those pairs, from one pass over the ties (streamed under the write timeout): a lookup per
  // batch of pairs ran past the read timeout on a loaded machine, and walks the same ties in the end.
  await stream<{ a: string; b: string; w: number | null }>(
    db,
    `MATCH (a:Stakeholder)-[t:${ANY_TIE}]->(b:Stakeholder) RETURN a.id AS a, b.id AS b, t.weight AS w`,
    {},
    (row) => {
      const evidence = byPair.get(row.a < row.b ? `${row.a}\u0000${row.b}` : `${row.b}\u0000${row.a}`);
      if (evidence) evidence.tieWeight += row.w ?? 0;
    },
  );
  const pairs = [...byPair.values()];
  await inBatches(
    pairs,
    async (batch) => {
      await execute(db, WRITE_BEFORE, { rows: batch.map((evidence) => measure(evidence, now)) }, { mode: 'WRITE' });
    },
    { size: 5_000 },
  );
  // Relationships not rewritten above lost their last interaction.
  for (;;) {
    const [removed] = await execute<{ n: number }>(
      db,
      `MATCH ()-[x:RELATES]->() WHERE x.updatedAt < datetime($now) WITH x LIMIT 10000 DELETE x RETURN count(*) AS n`,
      { now: now.toISOString() },
      { mode: 'WRITE' },
    );
    if ((removed?.n ?? 0) === 0) break;
  }
  await bumpDataVersionAlone(db);
  return { interactions, relationships: pairs.length };
}

async function clearRelationships(db: Database): Promise<void> {
  for (;;) {
    const [removed] = await execute<{ n: number }>(
      db,
      'MATCH ()-[x:RELATES]->() WITH x LIMIT 20000 DELETE x RETURN count(*) AS n',
      {},
      { mode: 'WRITE' },
    );
    if ((removed?.n ?? 0) === 0) break;
  }
}

async function dump(db: Database): Promise<Map<string, string>> {
  const rows = await execute<{ r: Record<string, unknown> }>(
    db,
    `MATCH (a:Stakeholder)-[x:RELATES]->(b:Stakeholder) RETURN ${RELATIONSHIP_PROJECTION} AS r`,
    {},
    { timeoutMs: 600_000 },
  );
  return new Map(rows.map(({ r }) => [`${String(r.a)} ${String(r.b)}`, JSON.stringify(r)]));
}

function differences(expected: Map<string, string>, actual: Map<string, string>): string[] {
  const out: string[] = [];
  if (expected.size !== actual.size) out.push(`count ${expected.size} vs ${actual.size}`);
  for (const [key, value] of expected) {
    const other = actual.get(key);
    if (other !== value) out.push(`${key}: ${value} vs ${other}`);
    if (out.length > 3) break;
  }
  return out;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const work = mkdtempSync(join(tmpdir(), 'atlas-recompute-variants-'));
  const base = join(work, 'base');
  const only = join(work, 'interactions');
  mkdirSync(only);
  mkdirSync(join(work, 'neo4j'));
  const summary = await writeEcosystem(base, {
    stakeholders: Number(values.stakeholders),
    ties: Number(values.ties),
    interactions: Number(values.interactions),
    seed: 1,
  });
  for (const file of ['interactions.csv', 'interaction_participants.csv']) renameSync(join(base, file), join(only, file));
  const neo4j = await startEmbeddedNeo4j({
    version: config.embedded.version,
    cacheDir: config.embedded.cacheDir,
    homeDir: join(work, 'neo4j'),
    boltPort: Number(values.bolt),
    heap: values.heap!,
    pageCache: values['page-cache']!,
    ephemeral: true,
    log: (line) => console.log(`  ${line}`),
  });
  const db = connect(neo4j.uri, neo4j.auth.username, neo4j.auth.password, config.database);
  try {
    await migrate(db);
    const loaded = await importParsed(db, await readImportInput(base));
    if (!loaded.ok) throw new Error(`base rejected: ${loaded.errors[0]?.message}`);
    const report = await importParsed(db, await readImportInput(only), { recompute: false });
    if (!report.ok) throw new Error(`interactions rejected: ${report.errors[0]?.message}`);
    console.log(
      `${fmtInt(summary.stakeholders)} stakeholders, ${fmtInt(report.counts.interactions)} interactions, ${fmtInt(summary.participantRows)} participant rows; load ${loadAverage()}`,
    );
    const now = new Date();
    // A warm-up run (not counted): the JVM compiles the statements' code paths on their first use.
    await recomputeAllRelationships(db, now);
    await recomputeBefore(db, now);
    const names = values.variants ? values.variants.split(',') : Object.keys(VARIANTS);
    let reference: Map<string, string> | null = null;
    const totals = new Map<string, Cpu[]>();
    for (let round = 1; round <= Number(values.rounds); round++) {
      for (const name of names) {
        const options = VARIANTS[name];
        if (!options) throw new Error(`unknown variant ${name}`);
        for (const state of ['fresh', 'existing'] as const) {
          if (state === 'fresh') await clearRelationships(db);
          const load = loadAverage();
          const start = cpuNow(neo4j.pid);
          let mark = start;
          const phases: string[] = [];
          const result =
            name === 'old'
              ? await recomputeBefore(db, now)
              : await recomputeAllRelationships(db, now, {
                  ...options,
                  onPhase: (phase) => {
                    const at = cpuNow(neo4j.pid);
                    phases.push(`${phase} ${fmt(diff(mark, at))}`);
                    mark = at;
                  },
                });
          const total = diff(start, cpuNow(neo4j.pid));
          const key = `${name} ${state}`;
          totals.set(key, [...(totals.get(key) ?? []), total]);
          console.log(`round ${round} ${key}: ${fmtInt(result.relationships)} pairs; ${fmt(total)}; load ${load}`);
          for (const line of phases) console.log(`    ${line}`);
          const stored = await dump(db);
          if (!reference) reference = stored;
          const wrong = differences(reference, stored);
          if (wrong.length > 0) console.log(`    DIFFERENT from the first variant: ${wrong.join(' | ')}`);
        }
      }
    }
    console.log(`\nMedians over ${values.rounds} rounds; load at end ${loadAverage()}`);
    for (const [key, list] of totals) {
      const median = (pick: (c: Cpu) => number): number => {
        const sorted = list.map(pick).sort((a, b) => a - b);
        return sorted[Math.floor((sorted.length - 1) / 2)]!;
      };
      console.log(
        `  ${key.padEnd(20)} ${fmt({ wall: median((c) => c.wall), node: median((c) => c.node), jvm: median((c) => c.jvm) })}`,
      );
    }
  } finally {
    await db.driver.close().catch(() => undefined);
    await neo4j.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
