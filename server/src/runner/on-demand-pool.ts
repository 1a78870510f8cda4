// Runs on-demand computations (engagement plans, introductions, brokers, what-if) in a worker pool, so
// the server keeps answering while one runs: a bounded queue, a time limit, and cancellation when the
// request goes away.
import { Piscina } from 'piscina';
import type { OnDemandRequest, OnDemandResult } from './on-demand-tasks.js';

/** Raised when the pool cannot take or finish the task; the resolver answers UNAVAILABLE. */
export class OnDemandBusyError extends Error {
  override name = 'OnDemandBusyError';
}

// One worker on two cores: the other core serves requests and Neo4j. Idle workers stay a minute, so
// a burst of requests does not pay a thread start each.
const pool = new Piscina<OnDemandRequest, OnDemandResult>({
  filename: new URL('./on-demand-worker-entry.mjs', import.meta.url).href,
  minThreads: 0,
  maxThreads: 1,
  idleTimeout: 60_000,
  maxQueue: 8,
});

/** Longest an on-demand computation may take before it is cancelled. */
export const ON_DEMAND_TIME_LIMIT_MS = 120_000;

/** Runs the task in the pool; rejects when the queue is full, the time limit passes or `signal` aborts. */
export async function runInPool(request: OnDemandRequest, signal?: AbortSignal): Promise<OnDemandResult> {
  if (pool.queueSize >= pool.options.maxQueue) {
    throw new OnDemandBusyError('the server is busy with other analyses; try again shortly');
  }
  const timeout = AbortSignal.timeout(ON_DEMAND_TIME_LIMIT_MS);
  const abort = signal ? AbortSignal.any([signal, timeout]) : timeout;
  try {
    // Copied, not transferred: a request may ask several on-demand fields of one projection.
    return await pool.run(request, { signal: abort });
  } catch (error) {
    if (timeout.aborted)
      throw new OnDemandBusyError(`the analysis took longer than ${ON_DEMAND_TIME_LIMIT_MS / 1000} s and was stopped`);
    throw error;
  }
}

/** Stops the pool's workers (shutdown, tests). */
export async function closeOnDemandPool(): Promise<void> {
  await pool.close({ force: true });
}
