// Analysis runs against a real Neo4j on the demo ecosystem: a run completes, persists its results and becomes current; later runs keep earlier ones; failed or killed runs leave the current run in place; the API answers meanwhile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { loadDemo } from '../../server/src/demo.js';
import { execute } from '../../server/src/db/database.js';
import { TIE_TYPES } from '../../server/src/domain/vocabulary.js';
import { currentRunId, listRuns } from '../../server/src/store/runs.js';
import { DEFAULT_PARAMETERS } from '../../server/src/runner/parameters.js';
import { loadProjection } from '../../server/src/store/projection.js';
import { isWorkerRunning, killRun, startAnalysisRun, waitForRun } from '../../server/src/runner/run-analysis.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { createTestClient } from '../helpers/app.js';

let t: TestDatabase;
let demoLoadedAt = 0;
beforeAll(async () => {
  t = await openTestDatabase();
  await t.clear();
  demoLoadedAt = Date.now();
  await loadDemo(t.db);
});
afterAll(async () => t.close());

async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('condition never became true');
}

describe('the demo as loaded', () => {
  it('ends yesterday: its dates were moved by whole days, ties and interactions alike (decision 104)', async () => {
    const DAY = 86_400_000;
    const [latest] = await execute<{ at: number; since: string }>(
      t.db,
      `MATCH (i:Interaction) WITH max(i.at) AS at
       MATCH (:Stakeholder)-[r:${TIE_TYPES.join('|')}]->(:Stakeholder) WHERE r.since IS NOT NULL
       RETURN at.epochMillis AS at, toString(max(r.since)) AS since`,
    );
    expect(Math.floor(latest!.at / DAY)).toBe(Math.floor(demoLoadedAt / DAY) - 1);
    // In the files the last tie (2025-06-30) comes 514 days before the last interaction (2026-11-26): so it stays.
    expect(Math.floor(latest!.at / DAY) - Date.parse(`${latest!.since}T00:00:00Z`) / DAY).toBe(514);
  });
});

describe('projection', () => {
  it('loads the whole demo graph, and a filtered one, in one query', async () => {
    const all = await loadProjection(t.db, DEFAULT_PARAMETERS);
    expect(all.ids).toHaveLength(2000);
    expect(all.source.length).toBe(
      // Ties only: measured relationships (RELATES, from the demo's interactions) are not ties.
      await t.count(`MATCH (:Stakeholder)-[r:${TIE_TYPES.join('|')}]->(:Stakeholder) RETURN count(r) AS n`),
    );
    const employees = await loadProjection(t.db, { ...DEFAULT_PARAMETERS, roles: ['EMPLOYEE'], tieTypes: ['WORKS_WITH'] });
    expect(employees.ids.length).toBe(await t.count('MATCH (s:Employee) RETURN count(s) AS n'));
    expect(employees.source.length).toBe(await t.count('MATCH (:Employee)-[r:WORKS_WITH]->(:Employee) RETURN count(r) AS n'));
    const dated = await loadProjection(t.db, { ...DEFAULT_PARAMETERS, since: '2023-01-01', until: '2023-12-31' });
    expect(dated.source.length).toBe(
      await t.count(
        `MATCH (:Stakeholder)-[r:${TIE_TYPES.join('|')}]->(:Stakeholder) WHERE r.since >= date('2023-01-01') AND r.since <= date('2023-12-31') RETURN count(r) AS n`,
      ),
    );
  });
});

describe('analysis runs', () => {
  let first: string;

  it('completes a run on the demo ecosystem, persists its results and makes it current', async () => {
    const started = await startAnalysisRun(t.db, DEFAULT_PARAMETERS);
    expect(started.status).toBe('RUNNING');
    expect(started.current).toBe(false);
    const run = await waitForRun(t.db, started.id);
    expect(run?.error).toBeNull();
    expect(run?.status).toBe('COMPLETE');
    expect(run?.current).toBe(true);
    expect(run?.progress).toBe(100);
    expect(run?.summary?.nodes).toBe(2000);
    expect(run?.summary?.communities).toBeGreaterThan(1);
    expect(run?.summary?.modularity).toBeGreaterThan(0.2);
    expect(run?.summary?.nmi).toBeGreaterThan(0);
    expect((run?.summary?.labelledNodes ?? 0) + (run?.summary?.unlabelledNodes ?? 0)).toBe(2000);
    expect(run?.timings.total).toBeGreaterThan(0);
    console.log(`full run on seeds/demo: ${JSON.stringify(run?.timings)}`);
    first = started.id;

    expect(
      await t.count('MATCH (x:ScoreSet {run: $run})<-[:HAS_SCORES]-(:Stakeholder) RETURN count(x) AS n', { run: first }),
    ).toBe(2000);
    const communities = await t.count(`MATCH (c:Community {kind: 'DETECTED', run: $run}) RETURN count(c) AS n`, { run: first });
    expect(communities).toBe(run?.summary?.communities);
    // every stakeholder has exactly one core membership in the run
    expect(
      await t.count('MATCH (:Stakeholder)-[m:MEMBER_OF {run: $run, core: true}]->() RETURN count(m) AS n', { run: first }),
    ).toBe(2000);
    expect(await currentRunId(t.db)).toBe(first);
  });

  it('a second run becomes current and keeps the first with its results', async () => {
    const second = await startAnalysisRun(t.db, { ...DEFAULT_PARAMETERS, resolution: 1.5, seed: 7 });
    const run = await waitForRun(t.db, second.id);
    expect(run?.status).toBe('COMPLETE');
    expect(await currentRunId(t.db)).toBe(second.id);
    const runs = await listRuns(t.db, 10);
    expect(runs.map((r) => r.id)).toEqual(expect.arrayContaining([first, second.id]));
    expect(runs.find((r) => r.id === first)?.current).toBe(false);
    expect(await t.count('MATCH (x:ScoreSet {run: $run}) RETURN count(x) AS n', { run: first })).toBe(2000);
    first = second.id;
  });

  it('a run that fails in the worker records its error and leaves the previous run current', async () => {
    // threshold 2 passes no GraphQL validation here (the service is called directly) and fails inside the worker.
    const bad = await startAnalysisRun(t.db, { ...DEFAULT_PARAMETERS, threshold: 2 });
    const run = await waitForRun(t.db, bad.id);
    expect(run?.status).toBe('FAILED');
    expect(run?.error).toMatch(/threshold/);
    expect(run?.current).toBe(false);
    expect(await currentRunId(t.db)).toBe(first);
    expect(await t.count('MATCH (x:ScoreSet {run: $run}) RETURN count(x) AS n', { run: bad.id })).toBe(0);
  });

  it('a killed run records its error, leaves the previous run current, and the API answers while a run is in progress', async () => {
    const client = createTestClient(t);
    const started = await startAnalysisRun(t.db, DEFAULT_PARAMETERS);
    await until(() => isWorkerRunning(started.id));
    // The worker is computing: the API still answers, and shows the run as RUNNING.
    const during = await client.data<{ analysisRun: { status: string; phase: string }; stakeholders: { totalCount: number } }>(
      `query($id: ID!) { analysisRun(id: $id) { status phase } stakeholders(first: 1) { totalCount } }`,
      { id: started.id },
    );
    expect(during.analysisRun.status).toBe('RUNNING');
    expect(during.stakeholders.totalCount).toBe(2000);
    expect(killRun(started.id, 'test kill')).toBe(true);
    const run = await waitForRun(t.db, started.id);
    expect(run?.status).toBe('FAILED');
    expect(run?.error).toContain('test kill');
    expect(await currentRunId(t.db)).toBe(first);
    expect(await t.count('MATCH (x:ScoreSet {run: $run}) RETURN count(x) AS n', { run: started.id })).toBe(0);
    expect(await t.count(`MATCH (c:Community {run: $run}) RETURN count(c) AS n`, { run: started.id })).toBe(0);
  });

  it('a run left RUNNING by a stopped process is recorded as FAILED on first use, without touching the current run or the runs of live processes', async () => {
    const dead = spawnSync('true').pid; // exited and reaped: a pid of a process that is gone
    await execute(
      t.db,
      `UNWIND $runs AS run
       CREATE (:AnalysisRun {id: run.id, algorithm: 'x', parameters: '{}', status: 'RUNNING', progress: 40.0, phase: 'influence',
         startedAt: datetime() - duration(run.age), heartbeatAt: datetime() - duration(run.age), owner: run.owner, current: false})`,
      {
        runs: [
          { id: 'run-crashed', owner: `${hostname()}/${dead}/gone`, age: 'PT1S' }, // its owner's pid is gone on this host
          { id: 'run-stale', owner: null, age: 'PT10M' }, // no heartbeat for 10 minutes
          { id: 'run-elsewhere', owner: 'another-host/4242/live', age: 'PT1S' }, // a live process on another host
        ],
      },
      { mode: 'WRITE' },
    );
    const fresh = await openTestDatabase(); // a new connection, as after a restart
    try {
      const client = createTestClient(fresh);
      const data = await client.data<{
        analysisRun: { status: string; error: string; current: boolean };
        stale: { status: string };
        elsewhere: { status: string };
        currentAnalysisRun: { id: string };
      }>(`{ analysisRun(id: "run-crashed") { status error current } stale: analysisRun(id: "run-stale") { status }
            elsewhere: analysisRun(id: "run-elsewhere") { status } currentAnalysisRun { id } }`);
      expect(data.analysisRun).toMatchObject({ status: 'FAILED', current: false });
      expect(data.analysisRun.error).toMatch(/interrupted/);
      expect(data.stale.status).toBe('FAILED');
      expect(data.elsewhere.status).toBe('RUNNING');
      expect(data.currentAnalysisRun.id).toBe(first);
    } finally {
      await execute(t.db, `MATCH (r:AnalysisRun {id: 'run-elsewhere'}) DELETE r`, {}, { mode: 'WRITE' });
      await fresh.close();
    }
  });
});
