// Declared-community overlap from loaded memberships: member sets, Jaccard, matrix order, role mix, heat colours.
import { describe, expect, it } from 'vitest';
import {
  communityMembers,
  heatColour,
  intersection,
  jaccard,
  overlapMatrix,
  overlapsWith,
  roleMix,
} from '../../../client/src/lib/graph/community-overlap';
import { buildGraph } from '../../../client/src/lib/graph/model';
import { wireNetwork } from './fixtures';

const graph = buildGraph(wireNetwork());

describe('community overlap', () => {
  it('collects members per community', () => {
    const m = communityMembers(graph);
    expect([...(m.get('c1') ?? [])].sort()).toEqual(['a', 'b']);
    expect([...(m.get('c2') ?? [])].sort()).toEqual(['a', 'c']);
    expect([...(m.get('c3') ?? [])]).toEqual(['e']);
  });

  it('computes Jaccard and intersections', () => {
    const [a, b] = [new Set(['a', 'b']), new Set(['a', 'c'])];
    expect(jaccard(intersection(a, b).size, a.size, b.size)).toBeCloseTo(1 / 3);
    expect(jaccard(0, 0, 0)).toBe(0);
    expect([...intersection(new Set(['a', 'b']), new Set(['b', 'c']))]).toEqual(['b']);
  });

  it('builds a symmetric matrix of the largest communities', () => {
    const m = overlapMatrix(communityMembers(graph), 2);
    expect(m.ids).toEqual(['c1', 'c2']);
    expect(m.counts).toEqual([
      [2, 1],
      [1, 2],
    ]);
    expect(m.jaccard[0]?.[1]).toBeCloseTo(1 / 3);
    expect(m.jaccard[1]?.[0]).toBeCloseTo(1 / 3);
    expect(m.jaccard[0]?.[0]).toBe(1);
  });

  it('ranks overlapping communities and counts roles', () => {
    expect(overlapsWith('c1', communityMembers(graph))).toEqual([{ id: 'c2', shared: 1, jaccard: 1 / 3 }]);
    expect(overlapsWith('zz', communityMembers(graph))).toEqual([]);
    const mix = roleMix(graph, ['a', 'b', 'missing']);
    expect(mix.find((r) => r.role === 'CUSTOMER')?.count).toBe(2);
    expect(mix.find((r) => r.role === 'PARTNER')?.count).toBe(1);
  });

  it('maps 0 to near white and 1 to deep blue', () => {
    expect(heatColour(0)).toBe('rgb(247, 251, 255)');
    expect(heatColour(1)).toBe('rgb(8, 69, 148)');
    expect(heatColour(5)).toBe(heatColour(1));
  });
});
