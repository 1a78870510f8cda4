// Unit tests for the pairs that lose their shortest path in a what-if: hand-made cases and brute force on random graphs.
import { describe, expect, it } from 'vitest';
import Graph from 'graphology';
import { lostShortestPaths } from '../../../server/src/analytics/what-if.js';
import { createRandom } from '../../../server/src/domain/random.js';

function graphOf(ties: Array<[string, string]>, weights: Record<string, number> = {}): Graph {
  const g = new Graph({ type: 'directed', multi: true });
  for (const [s, t] of ties) {
    g.mergeNode(s);
    g.mergeNode(t);
    g.addEdge(s, t, { weight: weights[`${s}-${t}`] ?? 1, type: 'INTERACTS' });
  }
  return g;
}

/** Undirected hops from a to b avoiding `removed`, by plain BFS over graphology's neighbours (no limit). */
function hops(g: Graph, a: string, b: string, removed: Set<string>): number | null {
  const dist = new Map([[a, 0]]);
  const queue = [a];
  while (queue.length > 0) {
    const v = queue.shift()!;
    if (v === b) return dist.get(v)!;
    for (const w of g.neighbors(v)) {
      if (removed.has(w) || dist.has(w)) continue;
      dist.set(w, dist.get(v)! + 1);
      queue.push(w);
    }
  }
  return null;
}

describe('lostShortestPaths', () => {
  it('reports contacts cut off, and contacts that must now go the long way, worst first', () => {
    // a–r–b only through r (cut off); c–r and c–x–y–d, d–r: c and d go from 2 to 3 hops.
    const g = graphOf([
      ['a', 'r'],
      ['r', 'b'],
      ['c', 'r'],
      ['r', 'd'],
      ['c', 'x'],
      ['x', 'y'],
      ['y', 'd'],
    ]);
    const result = lostShortestPaths(g, ['r']);
    expect(result.pairs.slice(0, 5).map((p) => [p.source, p.target, p.hopsAfter])).toEqual([
      ['a', 'b', null],
      ['a', 'c', null],
      ['a', 'd', null],
      ['b', 'c', null],
      ['b', 'd', null],
    ]);
    expect(result.pairs.find((p) => p.source === 'c' && p.target === 'd')).toMatchObject({ through: 'r', hopsAfter: 3 });
    expect(result.checked).toBe(6);
    expect(result.lost).toBe(6);
  });

  it('keeps pairs with another common contact or a direct tie out', () => {
    const g = graphOf([
      ['a', 'r'],
      ['r', 'b'],
      ['a', 'x'],
      ['x', 'b'],
      ['c', 'r'],
      ['c', 'a'],
    ]);
    const result = lostShortestPaths(g, ['r']);
    // a–b: x is still between them; a–c: tied directly (not checked); b–c: b–x–a–c is 3 hops.
    expect(result.checked).toBe(2);
    expect(result.pairs.map((p) => [p.source, p.target, p.hopsAfter])).toEqual([['b', 'c', 3]]);
  });

  it('says cut off beyond the hop limit, and checks only the strongest contacts', () => {
    const g = graphOf(
      [
        ['a', 'r'],
        ['r', 'b'],
        ['r', 'w'],
        ['a', 'p1'],
        ['p1', 'p2'],
        ['p2', 'p3'],
        ['p3', 'b'],
      ],
      { 'r-w': 0.1 },
    );
    expect(
      lostShortestPaths(g, ['r'], { maxHops: 3 }).pairs.find((p) => p.source === 'a' && p.target === 'b')?.hopsAfter,
    ).toBeNull();
    expect(lostShortestPaths(g, ['r'], { maxHops: 4 }).pairs.find((p) => p.source === 'a' && p.target === 'b')?.hopsAfter).toBe(
      4,
    );
    const strongest = lostShortestPaths(g, ['r'], { maxContacts: 2 });
    expect(strongest.checked).toBe(1);
    expect(strongest.pairs.every((p) => p.source !== 'w' && p.target !== 'w')).toBe(true);
  });

  it('agrees with brute force on random graphs and several removals', () => {
    const random = createRandom(5);
    for (let trial = 0; trial < 15; trial++) {
      const n = 30;
      const ties: Array<[string, string]> = [];
      for (let i = 0; i < 55; i++) {
        const s = Math.floor(random() * n);
        const t = Math.floor(random() * n);
        if (s !== t) ties.push([`n${s}`, `n${t}`]);
      }
      const g = graphOf(ties);
      const nodes = g.nodes();
      const removed = new Set([nodes[0]!, nodes[1]!]);
      const result = lostShortestPaths(g, removed, { maxContacts: 1000, maxSources: 1000, maxHops: 1000, first: 10_000 });
      const expected: string[] = [];
      for (const r of removed) {
        const contacts = g.neighbors(r).filter((c) => !removed.has(c));
        for (const a of contacts)
          for (const b of contacts) {
            if (a >= b || g.areNeighbors(a, b)) continue;
            const after = hops(g, a, b, removed);
            if (after === null || after > 2) expected.push(`${a}|${b}|${after}`);
          }
      }
      const got = result.pairs.map(
        (p) => `${p.source < p.target ? p.source : p.target}|${p.source < p.target ? p.target : p.source}|${p.hopsAfter}`,
      );
      expect(new Set(got)).toEqual(new Set(expected));
    }
  });
});
