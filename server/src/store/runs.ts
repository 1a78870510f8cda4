// Persists analysis runs in Neo4j: the AnalysisRun node and its lifecycle, and the run's results (score sets, detected communities, memberships) written in UNWIND batches.
import { hostname } from 'node:os';
import { execute, int, run, writeTransaction, type Database } from '../db/database.js';
import { ANALYSED_VERSION, bumpDataVersionAlone, writeData } from './data-version.js';
import { inBatches } from './batches.js';
import { communityMapProperties, writeCommunityLinks } from './community-map.js';
import type { AnalysisEngine, AnalysisRun, RunSummary } from '../domain/models.js';
import { METRIC_NAMES } from '../domain/metrics.js';
import type { CompactProjection, RunParameters, RunResult } from '../domain/models.js';

export const ALGORITHM = 'full:louvain+overlap+influence+brokerage';
/** What a Graph Data Science run computes (docs/decisions/084-analysis-engines.md). */
export const GDS_ALGORITHM = 'gds:leiden+pagerank+hits+betweenness+kcore+wcc+degree';
const BATCH = 10_000;
// Score sets touch one stakeholder each, so side-by-side batches share no node; but creating a relationship on a
// sparse node also locks the first relationship of its chain, often a tie shared with a neighbour in another
// lane. Written in community order, most neighbours fall in the same batch; a lock cycle that remains costs the
// victim batch a retry (docs/decisions/110-write-back-deadlocks.md).
const SCORE_BATCH = 5_000;
const SCORE_LANES = 4;
// Core memberships (one per stakeholder) are written in community order, so side-by-side batches share
// no stakeholder and at most the one community that straddles two consecutive batches. The few extra
// (overlapping) memberships follow in one lane.
const MEMBERSHIP_LANES = 4;

interface StoredRun {
  id: string;
  algorithm: string;
  engine: AnalysisEngine;
  status: AnalysisRun['status'];
  progress: number;
  phase: string | null;
  parameters: string;
  startedAt: string;
  finishedAt: string | null;
  timings: string | null;
  summary: string | null;
  comparison: string | null;
  error: string | null;
  current: boolean;
  startedBy: string | null;
  dataVersion: string | null;
}

// Runs recorded before engines existed ran in Node.
const RUN_PROJECTION = `r { .id, .algorithm, engine: coalesce(r.engine, 'NODE'), .status, .progress, .phase, .parameters, .startedAt, .finishedAt, .timings, .summary, .error, current: coalesce(r.current, false), .startedBy, .dataVersion }`;

function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function toModel(r: Omit<StoredRun, 'comparison'>): AnalysisRun {
  return {
    ...r,
    parameters: parseJson(r.parameters, {} as RunParameters),
    timings: parseJson(r.timings, {} as Record<string, number>),
    summary: withSummaryDefaults(parseJson<RunSummary | null>(r.summary, null)),
  };
}

/** Summaries stored before `components` and `metrics` existed: not counted, and every metric computed. */
function withSummaryDefaults(summary: RunSummary | null): RunSummary | null {
  return summary && { ...summary, components: summary.components ?? null, metrics: summary.metrics ?? [...METRIC_NAMES] };
}

/**
 * Claims the one analysis slot of the database and creates the run, in one transaction: the lock node
 * serialises claims from every server process on this Neo4j, so two never run at once. A RUNNING run whose
 * heartbeat is fresher than `staleAfterMs` holds the slot: its id is returned instead of a new run.
 * `owner` names the process running it (host/pid/token); it refreshes `heartbeatAt` while it runs.
 */
export async function claimRun(
  db: Database,
  id: string,
  parameters: RunParameters,
  owner: string,
  engine: AnalysisEngine = 'NODE',
  staleAfterMs = 120_000,
  startedBy: string | null = null,
): Promise<{ run: AnalysisRun } | { runningId: string }> {
  return writeTransaction(db, async (tx) => {
    await run(tx, `MERGE (l:AnalysisLock {id: 'analysis'}) SET l.claimedAt = datetime()`);
    const busy = await run<{ id: string }>(
      tx,
      `MATCH (r:AnalysisRun {status: 'RUNNING'})
       WHERE datetime().epochMillis - coalesce(r.heartbeatAt, r.startedAt).epochMillis < $stale
       RETURN r.id AS id LIMIT 1`,
      { stale: staleAfterMs },
    );
    if (busy[0]) return { runningId: busy[0].id };
    // The version of the data the run is about to read: a write before its projection makes it look older (safe).
    const rows = await run<{ r: StoredRun }>(
      tx,
      `OPTIONAL MATCH (v:DataVersion {id: 'data'})
       CREATE (r:AnalysisRun {id: $id, algorithm: $algorithm, engine: $engine, parameters: $parameters, status: 'RUNNING', progress: 0.0,
         phase: 'queued', startedAt: datetime(), heartbeatAt: datetime(), owner: $owner, startedBy: $startedBy, current: false,
         dataVersion: ${ANALYSED_VERSION}})
       RETURN ${RUN_PROJECTION} AS r`,
      {
        id,
        algorithm: engine === 'GDS' ? GDS_ALGORITHM : ALGORITHM,
        engine,
        parameters: JSON.stringify(parameters),
        owner,
        startedBy,
      },
    );
    const row = rows[0];
    if (!row) throw new Error('analysis run was not created');
    return { run: toModel(row.r) };
  });
}

export async function updateProgress(db: Database, id: string, phase: string, percent: number): Promise<void> {
  await execute(
    db,
    `MATCH (r:AnalysisRun {id: $id, status: 'RUNNING'}) SET r.phase = $phase, r.progress = $progress, r.heartbeatAt = datetime()`,
    { id, phase, progress: percent },
    { mode: 'WRITE' },
  );
}

/** Writes a run's results, tagged with the run id; they stay invisible as "current" until completeRun flips the run. */
export async function writeResults(
  db: Database,
  runId: string,
  projection: CompactProjection,
  result: RunResult,
  timings: Record<string, number> = {},
): Promise<void> {
  let t0 = performance.now();
  const n = projection.ids.length;
  const scoreRows = Array.from(orderByKey(result.core), (v) => {
    const scores: Record<string, number | null> = {};
    for (const column of METRIC_NAMES) {
      const value = result.scores[column][v]!;
      scores[column] = Number.isNaN(value) ? null : value;
    }
    scores.community = result.core[v]!;
    // The run's layout position (docs/decisions/088-layout-storage.md).
    scores.layoutX = result.layout ? result.layout.x[v]! : null;
    scores.layoutY = result.layout ? result.layout.y[v]! : null;
    return { id: projection.ids[v]!, scores };
  });
  await inBatches(
    scoreRows,
    async (batch) => {
      await execute(
        db,
        `UNWIND $rows AS row
       MATCH (s:Stakeholder {id: row.id})
       CREATE (s)-[:HAS_SCORES]->(x:ScoreSet)
       SET x = row.scores, x.run = $run, x.stakeholder = row.id`,
        { rows: batch, run: runId },
        { mode: 'WRITE' },
      );
    },
    { size: SCORE_BATCH, lanes: SCORE_LANES, retryDeadlocks: 'analysis write-back, score sets' },
  );
  timings['write.scores'] = performance.now() - t0;
  t0 = performance.now();

  const communityRows = result.communities.map((c) => ({
    id: `${runId}:${c.index}`,
    index: c.index,
    label: c.label,
    size: c.size,
    members: c.members,
    profile: JSON.stringify({ roles: c.roles, groups: c.groups }),
    map: result.layout ? communityMapProperties(result.layout, c.index) : {},
  }));
  await inBatches(
    communityRows,
    (batch) =>
      execute(
        db,
        `UNWIND $rows AS row
       CREATE (c:Community {id: row.id, kind: 'DETECTED', run: $run, index: row.index, name: row.label, label: row.label,
         category: 'detected', coreSize: row.size, profile: row.profile})
       SET c += row.map`,
        { rows: batch, run: runId },
        { mode: 'WRITE' },
      ),
    { size: BATCH },
  );

  // Membership positions in community order (stakeholders keep their order inside a community).
  const m = result.membershipCommunity.length;
  const owner = new Int32Array(m);
  for (let v = 0; v < n; v++) owner.fill(v, result.membershipStart[v]!, result.membershipStart[v + 1]!);
  const byCommunity = orderByKey(result.membershipCommunity);
  const row = (p: number) => {
    const community = result.membershipCommunity[p]!;
    const v = owner[p]!;
    return {
      s: projection.ids[v]!,
      c: `${runId}:${community}`,
      w: result.membershipStrength[p]!,
      core: community === result.core[v],
    };
  };
  const rows = Array.from(byCommunity, row);
  const coreRows = rows.filter((r) => r.core);
  const extraRows = rows.filter((r) => !r.core);
  const writeMemberships = async (batch: typeof rows): Promise<void> => {
    await execute(
      db,
      `UNWIND $rows AS row
       MATCH (s:Stakeholder {id: row.s}), (c:Community {id: row.c})
       CREATE (s)-[:MEMBER_OF {strength: row.w, run: $run, core: row.core}]->(c)`,
      { rows: batch, run: runId },
      { mode: 'WRITE' },
    );
  };
  const retryDeadlocks = 'analysis write-back, memberships';
  await inBatches(coreRows, writeMemberships, { size: BATCH, lanes: MEMBERSHIP_LANES, retryDeadlocks });
  await inBatches(extraRows, writeMemberships, { size: BATCH, retryDeadlocks });
  timings['write.memberships'] = performance.now() - t0;
  if (result.layout) {
    t0 = performance.now();
    await writeCommunityLinks(db, runId, result.layout);
    timings['write.map'] = performance.now() - t0;
  }
}

/** Positions 0..k-1 ordered by their key (community indices, ≥ 0), stable: a counting sort. */
function orderByKey(keys: Int32Array): Int32Array {
  let size = 0;
  for (const key of keys) size = Math.max(size, key + 1);
  const first = new Int32Array(size + 1);
  for (const key of keys) first[key + 1]!++;
  for (let c = 0; c < size; c++) first[c + 1]! += first[c]!;
  const order = new Int32Array(keys.length);
  keys.forEach((key, p) => (order[first[key]!++] = p));
  return order;
}

/** Marks the run complete and makes it the only current run, in one transaction. */
export async function completeRun(db: Database, id: string, result: RunResult, timings: Record<string, number>): Promise<void> {
  // The current run changes: answers cached with the previous one's analytics must go.
  await writeData(
    db,
    async (tx) => {
      await run(tx, `MATCH (r:AnalysisRun {current: true}) WHERE r.id <> $id SET r.current = false`, { id });
      const rows = await run<{ id: string }>(
        tx,
        `MATCH (r:AnalysisRun {id: $id, status: 'RUNNING'})
       SET r.status = 'COMPLETE', r.current = true, r.progress = 100.0, r.phase = 'done', r.finishedAt = datetime(),
           r.summary = $summary, r.timings = $timings, r.comparison = $comparison
       RETURN r.id AS id`,
        {
          id,
          summary: JSON.stringify(result.summary),
          timings: JSON.stringify(timings),
          comparison: JSON.stringify(result.contingency),
        },
      );
      // A run already marked failed (e.g. killed while writing) must not become current.
      if (rows.length === 0) throw new Error(`analysis run ${id} is no longer running`);
    },
    'other',
  );
}

/** Records a failure and removes whatever results the run had written; the current run is untouched. */
export async function failRun(db: Database, id: string, error: string, timings: Record<string, number>): Promise<void> {
  await execute(
    db,
    `MATCH (r:AnalysisRun {id: $id}) WHERE r.status <> 'COMPLETE'
     SET r.status = 'FAILED', r.current = false, r.error = $error, r.finishedAt = datetime(), r.timings = $timings
     REMOVE r.mapLinkCount, r.mapLinkSource, r.mapLinkTarget, r.mapLinkTies, r.mapLinkWeight`,
    { id, error, timings: JSON.stringify(timings) },
    { mode: 'WRITE' },
  );
  await deleteRunResults(db, id);
  await bumpDataVersionAlone(db, 'other');
}

/** Deletes a run's score sets and detected communities (with their memberships) in bounded transactions. */
export async function deleteRunResults(db: Database, id: string): Promise<void> {
  for (const cypher of [
    'MATCH (x:ScoreSet) WHERE x.run = $id WITH x LIMIT 10000 DETACH DELETE x RETURN count(*) AS n',
    `MATCH (c:Community) WHERE c.run = $id AND c.kind = 'DETECTED' WITH c LIMIT 200 DETACH DELETE c RETURN count(*) AS n`,
  ]) {
    for (;;) {
      const rows = await execute<{ n: number }>(db, cypher, { id }, { mode: 'WRITE' });
      if ((rows[0]?.n ?? 0) === 0) break;
    }
  }
}

/**
 * Fails the runs left RUNNING by a process that is gone (and deletes their partial results); returns
 * their ids. Several server processes may share one Neo4j, so a run counts as interrupted only when
 * its heartbeat (renewed every 15 s by its owner, see run-analysis.ts) is older than `staleAfterMs`
 * (by Neo4j's clock), or when its owner ran on this host and that process is gone; `self` (this
 * process's owner id) is never failed. See docs/decisions/060-faults.md.
 */
export async function failInterruptedRuns(db: Database, self?: string, staleAfterMs = 120_000): Promise<string[]> {
  const rows = await execute<{ id: string; owner: string | null; age: number }>(
    db,
    `MATCH (r:AnalysisRun {status: 'RUNNING'})
     RETURN r.id AS id, r.owner AS owner,
            datetime().epochMillis - coalesce(r.heartbeatAt, r.startedAt).epochMillis AS age`,
  );
  const ownerGone = (owner: string | null): boolean => {
    const [host, pidText, token] = owner?.split('/') ?? [];
    const pid = Number(pidText);
    if (owner === self || host !== hostname() || !Number.isInteger(pid) || pid <= 0 || !token) return false;
    if (pid === process.pid) return true; // an earlier process that had our pid
    try {
      process.kill(pid, 0);
      return false;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ESRCH';
    }
  };
  const interrupted = rows.filter((r) => r.owner !== self && (r.age > staleAfterMs || ownerGone(r.owner)));
  for (const r of interrupted) await failRun(db, r.id, 'interrupted: the server stopped during the run', {});
  return interrupted.map((r) => r.id);
}

export async function findRun(db: Database, id: string): Promise<AnalysisRun | null> {
  const rows = await execute<{ r: StoredRun }>(db, `MATCH (r:AnalysisRun {id: $id}) RETURN ${RUN_PROJECTION} AS r`, { id });
  return rows[0] ? toModel(rows[0].r) : null;
}

export async function listRuns(db: Database, first: number): Promise<AnalysisRun[]> {
  const rows = await execute<{ r: StoredRun }>(
    db,
    `MATCH (r:AnalysisRun) RETURN ${RUN_PROJECTION} AS r ORDER BY r.startedAt DESC, r.id DESC LIMIT $first`,
    { first: int(Math.floor(first)) },
  );
  return rows.map((row) => toModel(row.r));
}

export async function currentRunId(db: Database): Promise<string | null> {
  const rows = await execute<{ id: string }>(
    db,
    `MATCH (r:AnalysisRun {current: true}) RETURN r.id AS id ORDER BY r.finishedAt DESC LIMIT 1`,
  );
  return rows[0]?.id ?? null;
}

export interface StoredComparison {
  declared: string[];
  detected: number[];
  cells: Array<[number, number, number]>;
}

export async function runComparison(db: Database, id: string): Promise<StoredComparison | null> {
  const rows = await execute<{ c: string | null }>(db, `MATCH (r:AnalysisRun {id: $id}) RETURN r.comparison AS c`, { id });
  return parseJson<StoredComparison | null>(rows[0]?.c ?? null, null);
}
