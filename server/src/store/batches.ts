// Writes many rows as UNWIND batches, one or several transactions in flight: shared by the import and a run's write-back.

/**
 * Calls `write` for consecutive slices of `rows` of at most `size` rows, with at most `lanes` of them in
 * flight at once. More than one lane only for batches that touch disjoint nodes (they cannot deadlock).
 * When a batch fails (or is stopped), no lane starts another, and its error is thrown once every batch in
 * flight has settled: nothing is still writing when the caller hears of it (a cancelled import is undone next).
 */
export async function inBatches<T>(
  rows: readonly T[],
  write: (batch: T[]) => Promise<unknown>,
  { size, lanes = 1 }: { size: number; lanes?: number },
): Promise<void> {
  let next = 0;
  let failed = false;
  const lane = async (): Promise<void> => {
    while (next < rows.length && !failed) {
      const start = next;
      next += size;
      try {
        await write(rows.slice(start, start + size));
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
