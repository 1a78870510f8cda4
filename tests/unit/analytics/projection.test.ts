// Unit tests for the undirected weighted projection, adjacency arrays, the seeded PRNG and partition renumbering.
import { describe, expect, it } from 'vitest';
import Graph, { UndirectedGraph } from 'graphology';
import { toAdjacency, toUndirectedWeighted, isUndirectedSimple } from '../../../server/src/analytics/projection.js';
import { createRandom, shuffleInPlace } from '../../../server/src/domain/random.js';
import { detectPartition, renumberBySize } from '../../../server/src/analytics/partition.js';

function directedMulti(): Graph {
  const g = new Graph({ type: 'directed', multi: true });
  for (const n of ['a', 'b', 'c', 'lonely']) g.addNode(n, { name: n.toUpperCase() });
  g.addEdge('a', 'b', { weight: 2, type: 'works_with' });
  g.addEdge('a', 'b', { weight: 1, type: 'mentions' });
  g.addEdge('b', 'a', { weight: 4 });
  g.addEdge('b', 'c'); // no weight → 1
  g.addEdge('c', 'c', { weight: 9 });
  return g;
}

describe('toUndirectedWeighted', () => {
  it('sums parallel and reciprocal weights, drops self-loops, keeps nodes and attributes', () => {
    const p = toUndirectedWeighted(directedMulti());
    expect(isUndirectedSimple(p)).toBe(true);
    expect(p.order).toBe(4);
    expect(p.size).toBe(2);
    expect(p.getEdgeAttribute(p.edge('b', 'a') as string, 'weight')).toBe(7);
    expect(p.getEdgeAttribute(p.edge('c', 'b') as string, 'weight')).toBe(1);
    expect(p.getNodeAttribute('lonely', 'name')).toBe('LONELY');
  });

  it('supports unweighted and custom weights, and keeping loops', () => {
    const unweighted = toUndirectedWeighted(directedMulti(), { getEdgeWeight: null });
    expect(unweighted.getEdgeAttribute(unweighted.edge('a', 'b') as string, 'weight')).toBe(3);
    const loops = toUndirectedWeighted(directedMulti(), {
      keepSelfLoops: true,
      getEdgeWeight: (_e, a) => (a['type'] === 'mentions' ? 10 : 0),
    });
    expect(loops.selfLoopCount).toBe(1);
    expect(loops.getEdgeAttribute(loops.edge('a', 'b') as string, 'weight')).toBe(10);
  });
});

describe('toAdjacency', () => {
  it('builds symmetric CSR arrays with strengths', () => {
    const adj = toAdjacency(directedMulti());
    const i = (n: string) => adj.index.get(n) as number;
    const neighbours = (n: string) =>
      [...adj.neighbors.subarray(adj.offsets[i(n)], adj.offsets[i(n) + 1])].map((k) => adj.nodes[k]);
    expect(neighbours('b').sort()).toEqual(['a', 'c']);
    expect(neighbours('lonely')).toEqual([]);
    expect(adj.strength[i('b')]).toBe(8);
    expect(adj.totalWeight).toBe(8);
  });
});

describe('createRandom', () => {
  it('is deterministic per seed and stays in [0, 1)', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs[0]).not.toBe(c());
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.05);
    expect(shuffleInPlace(createRandom(1), [1, 2, 3, 4]).sort()).toEqual([1, 2, 3, 4]);
  });
});

describe('partition helpers', () => {
  it('renumbers communities by size, largest first', () => {
    const { communities, sizes } = renumberBySize([
      ['a', 'x'],
      ['b', 'y'],
      ['c', 'y'],
      ['d', 'z'],
    ]);
    expect(sizes).toEqual([2, 1, 1]);
    expect([...communities]).toEqual([
      ['a', 1],
      ['b', 0],
      ['c', 0],
      ['d', 2],
    ]);
  });

  it('splits two cliques joined by one tie, on a directed multi input', () => {
    const g = new Graph({ type: 'directed', multi: true });
    const clique = (ns: string[]): void => {
      for (const u of ns) g.mergeNode(u);
      for (const u of ns) for (const v of ns) if (u !== v) g.addEdge(u, v);
    };
    clique(['a', 'b', 'c', 'd']);
    clique(['e', 'f', 'g', 'h']);
    g.addEdge('d', 'e');
    const p = detectPartition(g, { seed: 1 });
    expect(p.count).toBe(2);
    expect(p.sizes).toEqual([4, 4]);
    expect(p.communities.get('a')).toBe(p.communities.get('d'));
    expect(p.communities.get('a')).not.toBe(p.communities.get('e'));
    expect(detectPartition(new UndirectedGraph(), {}).count).toBe(0);
  });
});
