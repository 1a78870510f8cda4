// Unit tests for what-if: community connectivity before/after removals, reach change with common random numbers, articulation points vs brute force.
import { describe, expect, it } from 'vitest';
import Graph from 'graphology';
import { singlePointsOfFailure, whatIf } from '../../../server/src/analytics/what-if.js';
import { createRandom } from '../../../server/src/domain/random.js';

/** Community X: path a–b–c and triangle c–d–e; community Y: 4-cycle e–f–g–h; e is in both. */
function sample(): Graph {
  const g = new Graph({ type: 'directed', multi: true });
  const comm: Record<string, string[]> = { a: ['X'], b: ['X'], c: ['X'], d: ['X'], e: ['X', 'Y'], f: ['Y'], g: ['Y'], h: ['Y'] };
  for (const [v, c] of Object.entries(comm)) g.addNode(v, { communities: c, roles: ['CUSTOMER'] });
  const ties: Array<[string, string]> = [
    ['a', 'b'],
    ['b', 'c'],
    ['c', 'd'],
    ['d', 'e'],
    ['e', 'c'],
    ['e', 'f'],
    ['f', 'g'],
    ['g', 'h'],
    ['h', 'e'],
  ];
  for (const [s, t] of ties) g.addEdge(s, t, { weight: 1, type: 'WORKS_WITH' });
  g.addEdge('c', 'b', { weight: 2, type: 'TALKS_TO' }); // parallel/reciprocal tie inside X
  return g;
}

describe('singlePointsOfFailure', () => {
  it('finds the articulation points inside each community with the pieces they leave', () => {
    const spof = singlePointsOfFailure(sample());
    expect(spof.map((s) => [s.community, s.node, s.pieces, s.separated])).toEqual([
      ['X', 'c', [2, 2], 2],
      ['X', 'b', [3, 1], 1],
    ]);
    expect(spof[0]!.communitySize).toBe(5);
  });

  it('agrees with brute force (remove each node, count pieces) on random graphs', () => {
    const random = createRandom(17);
    for (let trial = 0; trial < 20; trial++) {
      const g = new Graph({ type: 'undirected' });
      const n = 12;
      for (let i = 0; i < n; i++) g.addNode(`v${i}`, { communities: [i % 3 === 0 ? 'P' : 'Q', 'ALL'] });
      for (let k = 0; k < 16; k++) {
        const s = Math.floor(random() * n);
        const t = Math.floor(random() * n);
        if (s !== t) g.mergeEdge(`v${s}`, `v${t}`);
      }
      const found = new Set(singlePointsOfFailure(g).map((s) => `${s.community}:${s.node}`));
      const expected = new Set<string>();
      for (const v of g.nodes()) {
        const r = whatIf(g, [v]);
        for (const c of r.communities) {
          const mine = (g.getNodeAttribute(v, 'communities') as string[]).includes(c.community);
          // Removing a member splits its piece iff the remaining members form more pieces than before minus an isolated v.
          const isolated = g.neighbors(v).every((w) => !(g.getNodeAttribute(w, 'communities') as string[]).includes(c.community));
          if (mine && c.after.components > c.before.components - (isolated ? 1 : 0)) expected.add(`${c.community}:${v}`);
        }
      }
      expect(found).toEqual(expected);
    }
  });
});

describe('whatIf', () => {
  it('reports connectivity and internal ties lost per community', () => {
    const r = whatIf(sample(), ['c']);
    const x = r.communities.find((c) => c.community === 'X')!;
    expect(x.before).toEqual({ members: 5, largestComponent: 5, components: 1, internalTies: 6 });
    expect(x.after).toEqual({ members: 4, largestComponent: 2, components: 2, internalTies: 2 });
    expect(x.removedMembers).toBe(1);
    expect(x.internalTiesLost).toBe(4);
    expect(x.split).toBe(true);
    const y = r.communities.find((c) => c.community === 'Y')!;
    expect(y.split).toBe(false);
    expect(y.internalTiesLost).toBe(0);
    expect(r.reach).toBeNull();
  });

  it('re-simulates an engagement plan without the removed stakeholders', () => {
    const g = sample();
    const plan = {
      seeds: ['a', 'f'],
      segment: (_n: string, attr: Record<string, unknown>) => (attr.communities as string[]).includes('X'),
    };
    const opts = { plan, probability: { kind: 'constant' as const, probability: 1 }, simulations: 20 };
    const r = whatIf(g, ['b'], opts);
    // p = 1: from a and f everything downstream is reached: X members a, b, c, d, e = 5.
    expect(r.reach!.before.mean).toBe(5);
    // Without b, a reaches nothing; f reaches g, h, e, c, d (and b is gone): X members e, c, d + a (seed) = 4.
    expect(r.reach!.after.mean).toBe(4);
    expect(r.reach!.change).toBe(-1);
    expect(r.reach!.changeCi95).toEqual([-1, -1]);
    const lost = whatIf(g, ['a'], opts).reach!;
    expect(lost.seedsLost).toEqual(['a']);
  });

  it('is deterministic for a seed with random cascades', () => {
    const g = sample();
    const opts = { plan: { seeds: ['a'] }, probability: { kind: 'constant' as const, probability: 0.5 }, seed: 4 };
    expect(whatIf(g, ['d'], opts)).toEqual(whatIf(g, ['d'], opts));
    const r = whatIf(g, ['d'], opts).reach!;
    expect(r.after.mean).toBeLessThanOrEqual(r.before.mean);
  });
});
