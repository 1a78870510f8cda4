// Declared vs detected drill-down: cell members on the map, detected members, and the hidden cross-segment communities.
import { describe, expect, it } from 'vitest';
import {
  cellIndex,
  cellKey,
  cellMembers,
  detectedMembers,
  hiddenCommunities,
  type Comparison,
} from '../../../client/src/lib/graph/declared-detected';
import { buildGraph, type AtlasGraph } from '../../../client/src/lib/graph/model';
import { wireNetwork } from './fixtures';

/**
 * Fixture: a (declared c1 first, then c2) strongest in r:A, also r:B; b (c1) in r:A; c (c2) in r:B; d (no declared) in r:B;
 * e (c3) without analytics.
 */
function graph(): AtlasGraph {
  const g = buildGraph(wireNetwork());
  g.mergeNodeAttributes('a', {
    detected: [
      { community: 'r:A', strength: 0.6 },
      { community: 'r:B', strength: 0.4 },
    ],
  });
  g.mergeNodeAttributes('b', { detected: [{ community: 'r:A', strength: 1 }] });
  g.mergeNodeAttributes('c', { detected: [{ community: 'r:B', strength: 1 }] });
  g.mergeNodeAttributes('d', { detected: [{ community: 'r:B', strength: 1 }] });
  return g;
}

describe('contingency cells', () => {
  it('put each node under its first declared and strongest detected community', () => {
    const index = cellIndex(graph());
    expect(cellMembers(index, 'c1', 'r:A')).toEqual(new Set(['a', 'b']));
    expect(cellMembers(index, 'c2', 'r:B')).toEqual(new Set(['c']));
    // a is in c2 and r:B too, but neither is its primary; d has no declared community; e has no detected one.
    expect(cellMembers(index, 'c2', 'r:A')).toEqual(new Set());
    expect(cellMembers(index, 'c1', 'r:B')).toEqual(new Set());
    expect(cellMembers(index, 'c3', 'r:A')).toEqual(new Set());
    expect([...index.keys()].sort()).toEqual(['c1', 'c2']);
  });

  it('give a fresh set (mutating a drill-down does not touch the index) and a stable key', () => {
    const index = cellIndex(graph());
    cellMembers(index, 'c1', 'r:A').clear();
    expect(cellMembers(index, 'c1', 'r:A').size).toBe(2);
    expect(cellKey('c1', 'r:A')).toBe('contingency:c1|r:A');
  });

  it('detected members include overlapping memberships', () => {
    expect(detectedMembers(graph(), 'r:B')).toEqual(new Set(['a', 'c', 'd']));
    expect(detectedMembers(graph(), 'r:Z').size).toBe(0);
  });
});

describe('hidden cross-segment communities', () => {
  const comparison: Comparison = {
    declared: [
      { id: 'c1', name: 'Retail' },
      { id: 'c2', name: 'Partners EU' },
      { id: 'c3', name: 'Investors' },
    ],
    detected: [
      { id: 'r:A', name: 'A', label: 'Retail core' },
      { id: 'r:B', name: 'B', label: null },
      { id: 'r:C', name: 'C', label: 'Small' },
    ],
    cells: [
      // A: 95% Retail → not hidden. B: 50% Partners, 30% Investors, 20% Retail → spans three. C: too small.
      { declared: 0, detected: 0, count: 19 },
      { declared: 1, detected: 0, count: 1 },
      { declared: 1, detected: 1, count: 10 },
      { declared: 2, detected: 1, count: 6 },
      { declared: 0, detected: 1, count: 4 },
      { declared: 0, detected: 2, count: 2 },
      { declared: 2, detected: 2, count: 2 },
    ],
  };

  it('lists detected communities where two or more declared groups each hold at least 15%', () => {
    const hidden = hiddenCommunities(comparison, graph());
    expect(hidden.map((h) => h.id)).toEqual(['r:B']);
    const [b] = hidden;
    expect(b?.name).toBe('B');
    expect(b?.labelled).toBe(20);
    expect(b?.groups.map((g) => [g.name, g.share])).toEqual([
      ['Partners EU', 0.5],
      ['Investors', 0.3],
      ['Retail', 0.2],
    ]);
    expect(b?.spread).toBeCloseTo(0.5);
  });

  it('reads the role mix of its members on the map', () => {
    // r:B on the map: a (PARTNER, CUSTOMER), c (PARTNER), d (SUPPLIER).
    const [b] = hiddenCommunities(comparison, graph());
    expect(b?.roles.map((r) => [r.key, r.count])).toEqual([
      ['PARTNER', 2],
      ['CUSTOMER', 1],
      ['SUPPLIER', 1],
    ]);
    expect(b?.roles[0]?.name).toBe('Partner');
  });

  it('takes the thresholds and display names it is given', () => {
    const loose = hiddenCommunities(comparison, graph(), { minSize: 1, minShare: 0.05 });
    expect(loose.map((h) => h.id)).toEqual(['r:B', 'r:C', 'r:A']);
    const named = hiddenCommunities(comparison, graph(), { names: new Map([['r:B', 'Cross-border partners']]) });
    expect(named[0]?.name).toBe('Cross-border partners');
    expect(hiddenCommunities({ ...comparison, cells: [] }, graph())).toEqual([]);
  });
});
