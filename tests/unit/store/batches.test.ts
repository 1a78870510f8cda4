// inBatches: slices in order, lanes side by side; a failing batch stops the others from starting, and the error comes
// only once every batch in flight has settled (a cancelled import is undone right after: nothing may still be writing).
import { describe, expect, it } from 'vitest';
import { inBatches } from '../../../server/src/store/batches.js';

const rows = Array.from({ length: 10 }, (_, i) => i);

describe('inBatches', () => {
  it('writes every row once, in slices of the size', async () => {
    const seen: number[][] = [];
    await inBatches(rows, async (batch) => void seen.push(batch), { size: 3, lanes: 2 });
    expect(seen.map((batch) => batch.length).sort()).toEqual([1, 3, 3, 3]);
    expect(seen.flat().sort((a, b) => a - b)).toEqual(rows);
  });

  it('after a failure starts no other batch, and throws once the batch in flight has finished', async () => {
    const events: string[] = [];
    let releaseSlow: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => (releaseSlow = resolve));
    const run = inBatches(
      rows,
      async (batch) => {
        events.push(`start ${batch[0]}`);
        if (batch[0] === 0) {
          await slow; // lane 1's batch, still writing when lane 2 fails
          events.push('slow done');
        } else {
          throw new Error('stop');
        }
      },
      { size: 2, lanes: 2 },
    );
    let settled = false;
    void run.catch(() => undefined).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    releaseSlow();
    await expect(run).rejects.toThrow('stop');
    expect(events).toEqual(['start 0', 'start 2', 'slow done']);
  });
});
