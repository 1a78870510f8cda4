// The signal of the request a query runs for, carried through async calls, so execute() can cancel its transaction.
import { AsyncLocalStorage } from 'node:async_hooks';

const scope = new AsyncLocalStorage<AbortSignal>();

/** Runs fn with `signal` as the cancellation signal of every query it (and what it awaits) starts. */
export function withCancellation<T>(signal: AbortSignal | undefined, fn: () => T): T {
  return signal ? scope.run(signal, fn) : fn();
}

/** The signal of the current request, if the query runs on behalf of one. */
export function currentSignal(): AbortSignal | undefined {
  return scope.getStore();
}

/** Runs fn outside any request: for work that outlives the request that started it (an analysis run). */
export function detached<T>(fn: () => T): T {
  return scope.exit(fn);
}
