// Unit tests for set overlaps: pairwise intersections, Jaccard and the UpSet combination table.
import { describe, expect, it } from 'vitest';
import { combinationTable, pairwiseOverlaps, setsFromMemberships } from '../../../server/src/analytics/overlaps.js';

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

describe('combinationTable', () => {
  it('lists each exact combination with count and members', () => {
    const table = combinationTable(sets, { universe: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] });
    expect(table).toEqual([
      { sets: ['customer'], count: 2, members: ['a', 'b'] },
      { sets: [], count: 1, members: ['g'] },
      { sets: ['partner'], count: 1, members: ['f'] },
      { sets: ['supplier'], count: 1, members: ['e'] },
      { sets: ['customer', 'supplier'], count: 1, members: ['c'] },
      { sets: ['customer', 'supplier', 'partner'], count: 1, members: ['d'] },
    ]);
    expect(table.reduce((s, c) => s + c.count, 0)).toBe(7);
  });

  it('round-trips node → roles memberships', () => {
    const byNode = new Map([
      ['a', ['customer', 'employee']],
      ['b', ['employee']],
    ]);
    const s = setsFromMemberships(byNode);
    expect([...s]).toEqual([
      ['customer', ['a']],
      ['employee', ['a', 'b']],
    ]);
    expect(combinationTable(s, { minCount: 1 }).map((c) => c.sets)).toEqual([['employee'], ['customer', 'employee']]);
  });
});
