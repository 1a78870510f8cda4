// The run service: starts an analysis run (load projection → worker thread → batched write-back → flip to current), tracks it, and records failures.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Worker } from 'node:worker_threads';
import { detached } from '../db/cancellation.js';
import type { Database } from '../db/database.js';
import type { AnalysisEngineSettings } from '../config.js';
import type { AnalysisEngine, AnalysisRun } from '../domain/models.js';
import { completeRun, claimRun, failInterruptedRuns, failRun, findRun, updateProgress, writeResults } from '../store/runs.js';
import type { CompactProjection, RunParameters, RunResult } from '../domain/models.js';
import { transferList } from './compact-projection.js';
import { declaredCommunityNames, loadProjection } from '../store/projection.js';
import type { WorkerMessage, WorkerRequest } from './worker-messages.js';
import { gdsCapabilities, NODE_ONLY_SETTINGS, resolveEngine } from './engine.js';
import { runGdsAnalysis } from './gds-analysis.js';

/** Thrown when a run is requested while another one is in progress in this process. */
export class RunInProgressError extends Error {
  constructor(readonly runningId: string) {
    super(`analysis run '${runningId}' is still in progress; wait for it to finish`);
    this.name = 'RunInProgressError';
  }
}

interface ActiveRun {
  id: string;
  engine: AnalysisEngine;
  worker: Worker | null;
  /** Cancels the run's Graph Data Science steps (a GDS run has no worker to terminate). */
  abort: AbortController;
  killed: string | null;
  done: Promise<void>;
}

const active = new Map<string, ActiveRun>();
/** This process, as the owner of the runs it starts (host/pid/token: a later process may reuse the pid). */
const RUN_OWNER = `${hostname()}/${process.pid}/${randomBytes(4).toString('hex')}`;
/** How often a running run renews its heartbeat; failInterruptedRuns' window is several of these. */
const HEARTBEAT_MS = 15_000;
const recovered = new WeakMap<Database, Promise<void>>();

function newRunId(): string {
  return `run-${new Date()
    .toISOString()
    .replace(/[-:.TZ]/g, '')
    .slice(0, 14)}-${randomBytes(3).toString('hex')}`;
}

/** Where the worker bootstrap lives (next to this module; it registers tsx and loads worker.ts). */
const WORKER_ENTRY = new URL('./worker-entry.mjs', import.meta.url);

/** Runs the full analysis in a worker thread; typed arrays are transferred, not copied. */
function runInWorker(
  handle: ActiveRun,
  request: WorkerRequest,
  onProgress: (phase: string, percent: number) => void,
): Promise<RunResult> {
  return new Promise<RunResult>((resolve, reject) => {
    const worker = new Worker(WORKER_ENTRY);
    handle.worker = worker;
    let settled = false;
    const finish = (error: Error | null, result?: RunResult): void => {
      if (settled) return;
      settled = true;
      handle.worker = null;
      void worker.terminate();
      if (error) reject(error);
      else resolve(result as RunResult);
    };
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress(message.phase, message.percent);
      else if (message.type === 'result') finish(null, message.result);
      else finish(new Error(message.message));
    });
    worker.on('error', (error) => finish(error));
    worker.on('exit', (code) =>
      finish(
        new Error(handle.killed ? `killed: ${handle.killed}` : `the analysis worker stopped unexpectedly (exit code ${code})`),
      ),
    );
    worker.postMessage(request, transferList(request.projection));
  });
}

async function execute(
  db: Database,
  handle: ActiveRun,
  parameters: RunParameters,
  settings: AnalysisEngineSettings,
): Promise<void> {
  const timings: Record<string, number> = {};
  const started = performance.now();
  // Progress writes are chained so they land in order; a failed progress write never fails the run.
  let progressChain: Promise<void> = Promise.resolve();
  let last = { phase: 'queued', percent: 0 };
  const progress = (phase: string, percent: number): void => {
    last = { phase, percent };
    progressChain = progressChain.then(() => updateProgress(db, handle.id, phase, percent)).catch(() => {});
  };
  // The heartbeat tells other processes sharing this Neo4j that the run's owner is alive.
  const heartbeat = setInterval(() => progress(last.phase, last.percent), HEARTBEAT_MS);
  heartbeat.unref();
  try {
    let shape: Pick<CompactProjection, 'ids'>;
    let result: RunResult;
    if (handle.engine === 'GDS') {
      const gds = await gdsCapabilities(db);
      if (gds === null) throw new Error('Graph Data Science is no longer available on this Neo4j');
      const names = await declaredCommunityNames(db);
      const t0 = performance.now();
      const output = await runGdsAnalysis(db, parameters, names, gds, {
        graph: `atlas-${handle.id}`,
        timeoutMs: settings.gdsTimeoutMs,
        signal: handle.abort.signal,
        progress,
      });
      timings.analysis = performance.now() - t0;
      for (const [phase, ms] of Object.entries(output.result.timings)) timings[`analysis.${phase}`] = ms;
      shape = { ids: output.ids };
      result = output.result;
    } else {
      progress('loading', 1);
      let t0 = performance.now();
      const [projection, names] = await Promise.all([loadProjection(db, parameters), declaredCommunityNames(db)]);
      timings.load = performance.now() - t0;
      if (handle.killed) throw new Error(`killed: ${handle.killed}`);
      shape = { ids: projection.ids };

      t0 = performance.now();
      // The worker needs no names: leaving them here spares cloning one string per stakeholder.
      const request: WorkerRequest = { projection: { ...projection, names: [] }, parameters, communityNames: names };
      result = await runInWorker(handle, request, (phase, percent) => progress(phase, percent));
      timings.analysis = performance.now() - t0;
      for (const [phase, ms] of Object.entries(result.timings)) timings[`analysis.${phase}`] = ms;
    }
    if (handle.killed) throw new Error(`killed: ${handle.killed}`);

    progress('writing', 96);
    const t0 = performance.now();
    await writeResults(db, handle.id, shape as CompactProjection, result, timings);
    timings.write = performance.now() - t0;
    if (handle.killed) throw new Error(`killed: ${handle.killed}`);
    await progressChain;
    timings.total = performance.now() - started;
    await completeRun(db, handle.id, result, timings);
  } catch (error) {
    await progressChain;
    timings.total = performance.now() - started;
    const message = handle.killed ? `killed: ${handle.killed}` : error instanceof Error ? error.message : String(error);
    try {
      await failRun(db, handle.id, message, timings);
    } catch (recordError) {
      console.error(`analysis run ${handle.id} failed (${message}) and the failure could not be recorded:`, recordError);
    }
  } finally {
    clearInterval(heartbeat);
  }
}

/**
 * Once per database connection: runs left RUNNING by a process that stopped mid-run are recorded as
 * FAILED. Concurrent callers (several fields of one request) all wait for that one pass.
 */
export function recoverInterruptedRuns(db: Database): Promise<void> {
  let done = recovered.get(db);
  if (!done) {
    done = failInterruptedRuns(db, RUN_OWNER).then(() => undefined);
    done.catch(() => recovered.delete(db)); // retried by the next caller; this caller gets the rejection
    recovered.set(db, done);
  }
  return done;
}

/**
 * Starts a run and returns it at once (status RUNNING); the work continues in the background.
 * One run at a time per database, whichever server process asks: a second request while one is running
 * (here or in another process on the same Neo4j) throws RunInProgressError.
 */
export async function startAnalysisRun(
  db: Database,
  parameters: RunParameters,
  engine: { requested?: AnalysisEngine | null; settings?: AnalysisEngineSettings; startedBy?: string | null } = {},
): Promise<AnalysisRun> {
  const running = [...active.keys()][0];
  if (running !== undefined) throw new RunInProgressError(running);
  await recoverInterruptedRuns(db);
  const settings = engine.settings ?? NODE_ONLY_SETTINGS;
  const chosen = await resolveEngine(db, engine.requested ?? null, settings, parameters.weight);
  const id = newRunId();
  const handle: ActiveRun = {
    id,
    engine: chosen,
    worker: null,
    abort: new AbortController(),
    killed: null,
    done: Promise.resolve(),
  };
  active.set(id, handle);
  try {
    const claimed = await claimRun(db, id, parameters, RUN_OWNER, chosen, undefined, engine.startedBy ?? null);
    if ('runningId' in claimed) throw new RunInProgressError(claimed.runningId);
    const created = claimed.run;
    // The run outlives the request that started it: its queries must not be cancelled with that request.
    handle.done = detached(() => execute(db, handle, parameters, settings)).finally(() => active.delete(id));
    return created;
  } catch (error) {
    active.delete(id);
    throw error;
  }
}

/** Resolves when the run has finished (complete or failed) and returns it as stored. */
export async function waitForRun(db: Database, id: string): Promise<AnalysisRun | null> {
  await active.get(id)?.done;
  return findRun(db, id);
}

/** Kills a run in progress (its worker is terminated, its GDS query terminated); it is recorded as FAILED. Returns false when the run is not active here. */
export function killRun(id: string, reason = 'stopped on request'): boolean {
  const handle = active.get(id);
  if (!handle) return false;
  handle.killed = reason;
  void handle.worker?.terminate();
  handle.abort.abort();
  return true;
}

/** Whether the run's worker thread is alive right now (for tests and diagnostics). */
export function isWorkerRunning(id: string): boolean {
  return active.get(id)?.worker != null;
}

export function activeRunIds(): string[] {
  return [...active.keys()];
}
