// Unit tests for warm introductions: Yen's k-shortest-paths order on a known example, tie-strength costs, hop limit, role filter, multiple sources.
import { describe, expect, it } from 'vitest';
import Graph from 'graphology';
import { warmIntroductions } from '../../../server/src/analytics/introductions.js';

describe('warmIntroductions', () => {
  it("reproduces Yen's textbook example (C to H) in order", () => {
    // Lengths as in the classic example; weight = 1/length so 'inverse' cost is proportional to length.
    const g = new Graph({ type: 'directed' });
    const edges: Array<[string, string, number]> = [
      ['C', 'D', 3],
      ['C', 'E', 2],
      ['D', 'F', 4],
      ['E', 'D', 1],
      ['E', 'F', 2],
      ['E', 'G', 3],
      ['F', 'G', 2],
      ['F', 'H', 1],
      ['G', 'H', 2],
    ];
    for (const [s, t, len] of edges) g.mergeEdge(s, t, { len });
    const paths = warmIntroductions(g, ['C'], 'H', {
      k: 5,
      maxHops: 10,
      direction: 'out',
      cost: 'inverse',
      getEdgeWeight: (_e, a) => 1 / (a.len as number),
    });
    const unit = paths[0]!.cost / 5;
    expect(paths.map((p) => p.nodes.join(''))).toEqual(['CEFH', 'CEGH', 'CDFH', 'CEDFH', 'CEFGH']);
    expect(paths.map((p) => Math.round(p.cost / unit))).toEqual([5, 7, 8, 8, 8]);
    expect(paths.map((p) => p.hops)).toEqual([3, 3, 3, 4, 4]);
  });

  const g = new Graph({ type: 'directed', multi: true });
  const add = (s: string, t: string, w: number, type = 'WORKS_WITH') => {
    for (const v of [s, t]) if (!g.hasNode(v)) g.addNode(v, { roles: v === 'b' ? ['EMPLOYEE'] : ['PARTNER'] });
    g.addEdge(s, t, { weight: w, type });
  };
  add('s', 'a', 5);
  add('a', 't', 5, 'TALKS_TO');
  add('a', 't', 1, 'FOLLOWS'); // weaker parallel tie: the strongest one is used
  add('s', 'b', 1);
  add('b', 't', 1);
  add('s', 'c', 5);
  add('c', 'd', 5);
  add('t', 'd', 5); // against the direction: usable with direction 'any'
  const mean = (5 + 5 + 1 + 1 + 1 + 5 + 5 + 5) / 8;
  const cost = (w: number) => Math.log1p(mean / w);

  it('ranks by the product of tie probabilities w/(w + w̄) and reports ties', () => {
    const paths = warmIntroductions(g, ['s'], 't', { k: 3 });
    expect(paths.map((p) => p.nodes)).toEqual([
      ['s', 'a', 't'],
      ['s', 'c', 'd', 't'],
      ['s', 'b', 't'],
    ]);
    expect(paths[0]!.cost).toBeCloseTo(2 * cost(5), 12);
    expect(paths[0]!.score).toBeCloseTo(Math.exp(-2 * cost(5)), 12);
    expect(paths[0]!.ties.map((t) => [t.source, t.target, t.type, t.weight])).toEqual([
      ['s', 'a', 'WORKS_WITH', 5],
      ['a', 't', 'TALKS_TO', 5],
    ]);
    expect(paths[1]!.ties[2]).toMatchObject({ source: 't', target: 'd' });
  });

  it('honours maxHops, viaRoles and direction', () => {
    expect(warmIntroductions(g, ['s'], 't', { k: 5, maxHops: 2 }).map((p) => p.nodes.join(''))).toEqual(['sat', 'sbt']);
    expect(warmIntroductions(g, ['s'], 't', { k: 5, viaRoles: ['EMPLOYEE'] }).map((p) => p.nodes.join(''))).toEqual(['sbt']);
    expect(warmIntroductions(g, ['s'], 't', { k: 5, direction: 'out' }).map((p) => p.nodes.join(''))).toEqual(['sat', 'sbt']);
    expect(warmIntroductions(g, ['s'], 't', { k: 5, maxHops: Infinity }).map((p) => p.nodes.join(''))).toEqual([
      'sat',
      'scdt',
      'sbt',
    ]);
  });

  it('starts from the best of several sources and never passes through another source', () => {
    const paths = warmIntroductions(g, ['s', 'd'], 't', { k: 4 });
    expect(paths[0]!.nodes).toEqual(['d', 't']);
    expect(paths.every((p) => p.nodes.slice(1).every((v) => v !== 's' && v !== 'd'))).toBe(true);
    // d–c–s–a–t would pass through the source s, so only three paths exist.
    expect(paths.map((p) => p.nodes.join(''))).toEqual(['dt', 'sat', 'sbt']);
  });

  it('returns nothing for unknown targets or no route, and is deterministic', () => {
    expect(warmIntroductions(g, ['s'], 'nobody')).toEqual([]);
    const h = new Graph();
    h.addNode('x');
    h.addNode('y');
    expect(warmIntroductions(h, ['x'], 'y')).toEqual([]);
    expect(warmIntroductions(g, ['s'], 't', { k: 3 })).toEqual(warmIntroductions(g, ['s'], 't', { k: 3 }));
  });
});
