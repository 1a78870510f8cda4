// Unit tests for engagement planning: cascade reach on hand-made graphs, CELF order and gains, segment and candidate filters, CI, determinism.
import { describe, expect, it } from 'vitest';
import Graph from 'graphology';
import {
  celf,
  estimateReach,
  nodeMask,
  planEngagement,
  prepareCascade,
  rrReach,
  sampleRrSets,
  simulateReach,
  topKByDegree,
} from '../../../server/src/analytics/engagement.js';

function directed(edges: Array<[string, string, number?]>): Graph {
  const g = new Graph({ type: 'directed', multi: true });
  for (const [s, t, w] of edges) {
    g.mergeNode(s);
    g.mergeNode(t);
    g.addEdge(s, t, { weight: w ?? 1 });
  }
  return g;
}

/** Two out-stars: a → a1..a5 and b → b1..b3, plus an isolated z. */
function twoStars(): Graph {
  const e: Array<[string, string]> = [];
  for (let i = 1; i <= 5; i++) e.push(['a', `a${i}`]);
  for (let i = 1; i <= 3; i++) e.push(['b', `b${i}`]);
  const g = directed(e);
  g.addNode('z');
  return g;
}

describe('planEngagement', () => {
  it('with p = 1 picks the star centres in order of reach, gains counting the seed itself', () => {
    const r = planEngagement(twoStars(), { k: 3, probability: { kind: 'constant', probability: 1 }, simulations: 10 });
    expect(r.seeds.map((s) => s.node)).toEqual(['a', 'b', 'z']);
    expect(r.seeds.map((s) => s.marginalGain)).toEqual([6, 4, 1]);
    expect(r.seeds[1]!.cumulativeReach).toBe(10);
    expect(r.expectedReach.mean).toBe(11);
    expect(r.expectedReach.ci95).toEqual([11, 11]);
    expect(r.samples.exhaustive).toBe(true);
  });

  it('counts reach only inside the segment and honours the candidate filter', () => {
    const g = twoStars();
    const seg = ['b1', 'b2', 'b3', 'a1'];
    const r = planEngagement(g, { k: 1, segment: seg, probability: { kind: 'constant', probability: 1 } });
    expect(r.seeds[0]).toMatchObject({ node: 'b', marginalGain: 3 });
    expect(r.segmentSize).toBe(4);
    const c = planEngagement(g, {
      k: 1,
      segment: seg,
      candidates: (n) => n !== 'b',
      probability: { kind: 'constant', probability: 1 },
    });
    expect(c.seeds[0]!.node).toBe('a');
    expect(c.seeds[0]!.marginalGain).toBe(1);
  });

  it('estimates a single tie with p = 0.3: reach of {a} is 1.3 inside the 95% CI', () => {
    const g = directed([['a', 'b']]);
    const est = estimateReach(g, ['a'], undefined, {
      probability: { kind: 'constant', probability: 0.3 },
      simulations: 4000,
      seed: 7,
    });
    expect(est.ci95[0]).toBeLessThan(1.3);
    expect(est.ci95[1]).toBeGreaterThan(1.3);
    expect(est.stdDev).toBeCloseTo(Math.sqrt(0.3 * 0.7), 1);
  });

  it('maps weights to probabilities: exponential mean-tie p̄, parallel ties add up', () => {
    // Two parallel ties of weight 1 (= one pair of weight 2), and one tie of weight 2: same probability.
    const g = directed([
      ['a', 'b', 1],
      ['a', 'b', 1],
      ['c', 'd', 2],
    ]);
    const m = prepareCascade(g, { probability: { kind: 'exponential', meanTieProbability: 0.2 } });
    // mean positive weight over collapsed pairs is 2 → p = 1 − 0.8^(2/2) = 0.2 for both.
    for (const t of m.threshold) expect(t / 2 ** 32).toBeCloseTo(0.2, 12);
    const lin = prepareCascade(
      directed([
        ['a', 'b', 1],
        ['c', 'd', 4],
      ]),
      { probability: { kind: 'linear', maxProbability: 0.8 } },
    );
    expect([...lin.threshold].map((t) => t / 2 ** 32)).toEqual([0.2, 0.8]);
  });

  it('exhaustive RR coverage equals the mean forward reach over the same worlds', () => {
    const e: Array<[string, string, number]> = [];
    for (let i = 0; i < 25; i++) e.push([`n${i}`, `n${(i * 7 + 2) % 25}`, 1 + (i % 3)], [`n${i}`, `n${(i + 1) % 25}`, 1]);
    const g = directed(e);
    const opts = { probability: { kind: 'constant' as const, probability: 0.4 }, simulations: 50, seed: 3 };
    const model = prepareCascade(g, opts);
    const seg = nodeMask(g, model, undefined, true);
    const samples = sampleRrSets(model, seg, opts);
    expect(samples.exhaustive).toBe(true);
    const seeds = [0, 5, 11];
    const forward = simulateReach(model, seeds, seg, { ...opts, worldOffset: 0 });
    expect(rrReach(samples, seeds)).toBeCloseTo(forward.mean, 10);
    // CELF on those samples is at least as good as any single node, and gains are non-increasing.
    const steps = celf(samples, 4);
    for (let i = 1; i < steps.length; i++) expect(steps[i]!.marginalGain).toBeLessThanOrEqual(steps[i - 1]!.marginalGain + 1e-12);
  });

  it('is deterministic for a seed, and the seed changes the samples', () => {
    const e: Array<[string, string]> = [];
    for (let i = 0; i < 40; i++) e.push([`n${i}`, `n${(i * 11 + 5) % 40}`], [`n${i}`, `n${(i * 3 + 1) % 40}`]);
    const g = directed(e);
    const a = planEngagement(g, { k: 3, seed: 11, probability: { kind: 'constant', probability: 0.3 } });
    const b = planEngagement(g, { k: 3, seed: 11, probability: { kind: 'constant', probability: 0.3 } });
    expect(a.seeds).toEqual(b.seeds);
    expect(a.expectedReach).toEqual(b.expectedReach);
    const c = planEngagement(g, { k: 3, seed: 12, probability: { kind: 'constant', probability: 0.3 } });
    expect(c.expectedReach.perWorld).not.toEqual(a.expectedReach.perWorld);
  });

  it('samples (world, root) pairs when the segment is large, within the budget', () => {
    const e: Array<[string, string]> = [];
    for (let i = 0; i < 300; i++) e.push([`n${i}`, `n${(i * 17 + 1) % 300}`]);
    const r = planEngagement(directed(e), { k: 2, maxRrSets: 1000, probability: { kind: 'constant', probability: 0.5 } });
    expect(r.samples.exhaustive).toBe(false);
    expect(r.samples.rrSets).toBe(1000);
  });
});

describe('topKByDegree', () => {
  it('ranks by distinct out-neighbours, then weight, then id', () => {
    expect(topKByDegree(twoStars(), 2)).toEqual(['a', 'b']);
    expect(topKByDegree(twoStars(), 1, { candidates: ['b', 'z'] })).toEqual(['b']);
  });
});
