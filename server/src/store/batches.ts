// Writes many rows as UNWIND batches, one or several transactions in flight: shared by the import and a run's write-back.

/**
 * Calls `write` for consecutive slices of `rows` of at most `size` rows, with at most `lanes` of them in
 * flight at once. More than one lane only for batches that touch disjoint nodes (they cannot deadlock).
 */
export async function inBatches<T>(
  rows: readonly T[],
  write: (batch: T[]) => Promise<unknown>,
  { size, lanes = 1 }: { size: number; lanes?: number },
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < rows.length) {
      const start = next;
      next += size;
      await write(rows.slice(start, start + size));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, lanes) }, lane));
}
