// Writes many rows as UNWIND batches, one or several transactions in flight: shared by the import and a run's write-back.

/** Neo4j's code for the transaction it picked as a deadlock's victim: rolled back whole, so running it again is safe. */
const DEADLOCK = 'Neo.TransientError.Transaction.DeadlockDetected';
/** Retries of one batch after the driver's own (30 s from the first failure) have run out; see decision 110. */
export const DEADLOCK_RETRIES = 5;
const FIRST_BACKOFF_MS = 250;

export interface BatchOptions {
  size: number;
  lanes?: number;
  /**
   * Names the work in the log when a batch is retried after a deadlock. Set it only when `write` runs each batch
   * in a transaction of its own: a deadlock's victim was rolled back whole, so it is written again from scratch.
   */
  retryDeadlocks?: string;
}

export function isDeadlock(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === DEADLOCK;
}

/**
 * Calls `write` for consecutive slices of `rows` of at most `size` rows, with at most `lanes` of them in
 * flight at once. Lanes should touch disjoint nodes; where Neo4j still finds a lock cycle between them
 * (it locks a sparse node's neighbouring relationship records too), `retryDeadlocks` writes the victim again.
 * When a batch fails (or is stopped), no lane starts another, and its error is thrown once every batch in
 * flight has settled: nothing is still writing when the caller hears of it (a cancelled import is undone next).
 */
export async function inBatches<T>(
  rows: readonly T[],
  write: (batch: T[]) => Promise<unknown>,
  { size, lanes = 1, retryDeadlocks }: BatchOptions,
): Promise<void> {
  let next = 0;
  let failed = false;
  const lane = async (): Promise<void> => {
    while (next < rows.length && !failed) {
      const start = next;
      next += size;
      const batch = rows.slice(start, start + size);
      try {
        if (retryDeadlocks === undefined) await write(batch);
        else await writeRetryingDeadlocks(() => write(batch), retryDeadlocks, start / size);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: Math.max(1, lanes) }, lane));
  const failure = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) throw failure.reason;
}

async function writeRetryingDeadlocks(write: () => Promise<unknown>, what: string, index: number): Promise<void> {
  for (let retry = 1; ; retry++) {
    try {
      await write();
      return;
    } catch (error) {
      if (!isDeadlock(error) || retry > DEADLOCK_RETRIES) throw error;
      // Doubling, spread by the batch's index so that two lanes do not come back at the same moment.
      const delay = FIRST_BACKOFF_MS * 2 ** (retry - 1) * (1 + (index % 4) / 4);
      console.warn(
        `[atlas] ${what}: batch ${index + 1} lost a deadlock with another transaction; writing it again in ${Math.round(delay)} ms (retry ${retry} of ${DEADLOCK_RETRIES})`,
      );
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
