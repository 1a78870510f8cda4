// Unit tests for the influence scores: k-core, exact vs sampled betweenness, PageRank/HITS on collapsed ties, rankings, determinism.
import { describe, expect, it } from 'vitest';
import Graph from 'graphology';
import { betweenness, coreNumbers, influence, topBy } from '../../../server/src/analytics/influence.js';

function directed(edges: Array<[string, string, number?, string?]>): Graph {
  const g = new Graph({ type: 'directed', multi: true });
  for (const [s, t, w, type] of edges) {
    g.mergeNode(s);
    g.mergeNode(t);
    g.addEdge(s, t, { weight: w ?? 1, type: type ?? 'TALKS_TO' });
  }
  return g;
}

describe('coreNumbers (Batagelj–Zaversnik)', () => {
  it('finds the cores of a K4 + triangle + pendant + isolate', () => {
    const g = directed([
      ['a', 'b'],
      ['a', 'c'],
      ['a', 'd'],
      ['b', 'c'],
      ['b', 'd'],
      ['c', 'd'], // K4
      ['a', 'e'], // bridge to the triangle
      ['e', 'f'],
      ['f', 'g'],
      ['g', 'e'], // triangle
      ['g', 'h'], // pendant
    ]);
    g.addNode('i');
    // Parallel and reciprocal ties must not inflate degrees.
    g.addEdge('b', 'a', { weight: 3, type: 'WORKS_WITH' });
    g.addEdge('a', 'b', { weight: 2, type: 'BUYS_FROM' });
    const core = coreNumbers(g);
    expect(Object.fromEntries(core)).toEqual({ a: 3, b: 3, c: 3, d: 3, e: 2, f: 2, g: 2, h: 1, i: 0 });
  });

  it('gives k-1 on a k-clique and 1 on a tree', () => {
    const g = new Graph({ type: 'undirected' });
    const k = 6;
    for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) g.mergeEdge(`v${i}`, `v${j}`);
    for (const v of coreNumbers(g).values()) expect(v).toBe(k - 1);
    const t = new Graph({ type: 'undirected' });
    ['1-2', '1-3', '3-4', '3-5', '5-6'].forEach((e) => t.mergeEdge(...(e.split('-') as [string, string])));
    for (const v of coreNumbers(t).values()) expect(v).toBe(1);
  });
});

describe('betweenness', () => {
  it('matches the textbook value on a directed path', () => {
    const g = directed([
      ['a', 'b'],
      ['b', 'c'],
    ]);
    const b = betweenness(g, { mode: 'exact' });
    expect(b.scores.get('b')).toBeCloseTo(1 / 2); // one pair (a,c) through b, normalised by (n-1)(n-2) = 2
    expect(b.scores.get('a')).toBe(0);
    const raw = betweenness(g, { mode: 'exact', normalized: false });
    expect(raw.scores.get('b')).toBe(1);
  });

  it('sampled with pivots = n equals exact, and is deterministic for a seed', () => {
    const edges: Array<[string, string]> = [];
    for (let i = 0; i < 30; i++) {
      edges.push([`n${i}`, `n${(i * 7 + 3) % 30}`]);
      edges.push([`n${i}`, `n${(i + 1) % 30}`]);
    }
    const g = directed(edges);
    const exact = betweenness(g, { mode: 'exact' });
    const all = betweenness(g, { mode: 'sampled', pivots: 30 });
    expect(all.mode).toBe('sampled');
    for (const [node, v] of exact.scores) expect(all.scores.get(node)).toBeCloseTo(v, 10);
    const s1 = betweenness(g, { mode: 'sampled', pivots: 8, seed: 5 });
    const s2 = betweenness(g, { mode: 'sampled', pivots: 8, seed: 5 });
    expect([...s1.scores]).toEqual([...s2.scores]);
  });

  it('sampled estimate is unbiased: the mean over many seeds approaches exact', () => {
    const edges: Array<[string, string]> = [];
    for (let i = 0; i < 20; i++) {
      edges.push([`n${i}`, `n${(i * 3 + 1) % 20}`]);
      edges.push([`n${(i + 5) % 20}`, `n${i}`]);
    }
    const g = directed(edges);
    const exact = betweenness(g, { mode: 'exact' });
    const mean = new Map<string, number>();
    const runs = 400;
    for (let s = 0; s < runs; s++) {
      for (const [node, v] of betweenness(g, { mode: 'sampled', pivots: 4, seed: s }).scores)
        mean.set(node, (mean.get(node) ?? 0) + v / runs);
    }
    const top = [...exact.scores].sort((a, b) => b[1] - a[1]).slice(0, 5);
    for (const [node, v] of top) expect(Math.abs(mean.get(node)! - v) / v).toBeLessThan(0.15);
  });

  it('auto switches to sampling above exactLimit', () => {
    const g = directed([
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
    ]);
    expect(betweenness(g, { exactLimit: 2, pivots: 2 }).mode).toBe('sampled');
    expect(betweenness(g, { exactLimit: 10 }).mode).toBe('exact');
  });
});

describe('influence', () => {
  const g = directed([
    ['a', 'b', 2, 'WORKS_WITH'],
    ['a', 'b', 3, 'BUYS_FROM'], // parallel tie, summed
    ['b', 'c', 1],
    ['c', 'a', 1],
    ['d', 'a', 4],
    ['a', 'a', 9], // self-loop ignored
  ]);

  it('computes weighted degrees over collapsed ties and a PageRank that sums to 1', () => {
    const r = influence(g, { seed: 1 });
    const a = r.scores.get('a')!;
    expect(a.outDegree).toBe(1);
    expect(a.weightedOutDegree).toBe(5);
    expect(a.inDegree).toBe(2);
    expect(a.weightedInDegree).toBe(5);
    const total = [...r.scores.values()].reduce((s, x) => s + x.pagerank, 0);
    expect(total).toBeCloseTo(1, 6);
    expect(r.scores.get('d')!.pagerank).toBeLessThan(a.pagerank);
    expect(r.scores.get('d')!.hub).toBeGreaterThan(0);
    expect(r.betweenness.mode).toBe('exact');
    expect(r.warnings).toEqual([]);
  });

  it('ranks with topBy, breaking ties by id, with a filter', () => {
    const r = influence(g);
    const top = topBy(r.scores, 'weightedInDegree', 2);
    expect(top.map((x) => x.node)).toEqual(['a', 'b']);
    expect(top[0]!.rank).toBe(1);
    expect(topBy(r.scores, 'coreNumber', 10, (node) => node !== 'a').map((x) => x.node)).toEqual(['b', 'c', 'd']);
  });

  it('is deterministic given the seed', () => {
    const a = influence(g, { betweenness: 'sampled', pivots: 2, seed: 9 });
    const b = influence(g, { betweenness: 'sampled', pivots: 2, seed: 9 });
    expect([...a.scores]).toEqual([...b.scores]);
  });
});
