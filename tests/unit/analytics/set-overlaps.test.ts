// Unit tests for set overlaps: pairwise intersections and Jaccard (the API's overlaps field).
import { describe, expect, it } from 'vitest';
import { pairwiseOverlaps } from '../../../server/src/analytics/set-overlaps.js';

const sets = new Map<string, string[]>([
  ['customer', ['a', 'b', 'c', 'd']],
  ['supplier', ['c', 'd', 'e']],
  ['partner', ['d', 'f']],
]);

describe('pairwiseOverlaps', () => {
  it('counts intersections and Jaccard indices', () => {
    const o = pairwiseOverlaps(sets);
    expect(o.names).toEqual(['customer', 'supplier', 'partner']);
    expect(o.sizes).toEqual([4, 3, 2]);
    expect(o.intersections).toEqual([
      [4, 2, 1],
      [2, 3, 1],
      [1, 1, 2],
    ]);
    expect(o.jaccard[0]?.[1]).toBeCloseTo(2 / 5, 12);
    expect(o.jaccard[1]?.[2]).toBeCloseTo(1 / 4, 12);
    expect(o.jaccard[2]?.[2]).toBe(1);
  });

  it('ignores duplicate members and handles empty sets', () => {
    const o = pairwiseOverlaps(
      new Map([
        ['x', ['a', 'a']],
        ['y', []],
      ]),
    );
    expect(o.sizes).toEqual([1, 0]);
    expect(o.jaccard).toEqual([
      [1, 0],
      [0, 0],
    ]);
  });
});
