// Quality of engagement planning on real networks: CELF against the brute-force optimum on the same fixed live-edge samples, against top-k by degree, and determinism.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import Graph from 'graphology';
import { parseEdgeList, parseGml } from '../../server/src/import/graph-files.js';
import { createRandom } from '../../server/src/domain/random.js';
import {
  celf,
  nodeMask,
  planEngagement,
  prepareCascade,
  rrReach,
  sampleRrSets,
  topKByDegree,
  type CascadeOptions,
} from '../../server/src/analytics/engagement.js';

const datasets = new URL('../fixtures/datasets/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, datasets), 'utf8');
const karate = parseGml(read('karate/karate.gml'));
const lesmis = parseGml(read('lesmis/lesmis.gml'));
const email = parseEdgeList(read('email-eu-core/edges.txt'), { directed: true });

/** Induced subgraph on the first `size` nodes reached by BFS from a seeded random start (a connected "snowball"). */
function snowball(graph: Graph, size: number, seed: number): Graph {
  const random = createRandom(seed);
  const nodes = graph.nodes();
  const startNode = nodes[Math.floor(random() * nodes.length)]!;
  const keep = new Set<string>([startNode]);
  const queue = [startNode];
  while (queue.length > 0 && keep.size < size) {
    const v = queue.shift()!;
    const nbrs = graph.neighbors(v).sort();
    // Shuffle neighbours so the ball is not biased to low ids.
    for (let i = nbrs.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [nbrs[i], nbrs[j]] = [nbrs[j]!, nbrs[i]!];
    }
    for (const w of nbrs) {
      if (keep.size >= size) break;
      if (!keep.has(w)) {
        keep.add(w);
        queue.push(w);
      }
    }
  }
  const sub = new Graph({ type: graph.type, multi: graph.multi });
  for (const v of keep) sub.addNode(v, graph.getNodeAttributes(v));
  graph.forEachEdge((_e, attr, s, t) => {
    if (keep.has(s) && keep.has(t)) sub.addEdge(s, t, attr);
  });
  return sub;
}

/** A seeded random half of the nodes as the target segment. */
function randomSegment(graph: Graph, seed: number): Set<string> {
  const random = createRandom(seed);
  return new Set(graph.nodes().filter(() => random() < 0.5));
}

function* combinations(n: number, k: number, startAt = 0, prefix: number[] = []): Generator<number[]> {
  if (prefix.length === k) {
    yield prefix;
    return;
  }
  for (let i = startAt; i < n; i++) yield* combinations(n, k, i + 1, [...prefix, i]);
}

interface Case {
  name: string;
  graph: Graph;
  k: number;
  options: CascadeOptions;
}

const cases: Case[] = [
  { name: 'karate', graph: karate, k: 3, options: { probability: { kind: 'constant', probability: 0.15 } } },
  { name: 'karate', graph: karate, k: 2, options: { probability: { kind: 'constant', probability: 0.25 } } },
  {
    name: 'lesmis ball 25 (s1)',
    graph: snowball(lesmis, 25, 1),
    k: 3,
    options: { getEdgeWeight: 'value', probability: { kind: 'exponential', meanTieProbability: 0.15 } },
  },
  {
    name: 'lesmis ball 30 (s2)',
    graph: snowball(lesmis, 30, 2),
    k: 2,
    options: { getEdgeWeight: 'value', probability: { kind: 'exponential', meanTieProbability: 0.15 } },
  },
  {
    name: 'email ball 25 (s3)',
    graph: snowball(email, 25, 3),
    k: 3,
    options: { probability: { kind: 'constant', probability: 0.1 } },
  },
  {
    name: 'email ball 30 (s4)',
    graph: snowball(email, 30, 4),
    k: 3,
    options: { probability: { kind: 'constant', probability: 0.1 } },
  },
  {
    name: 'email ball 20 (s5)',
    graph: snowball(email, 20, 5),
    k: 2,
    options: { probability: { kind: 'constant', probability: 0.2 } },
  },
];

describe('engagement on real networks', () => {
  it('CELF reaches ≥ (1 − 1/e) of the brute-force optimum on the same samples and beats top-k by degree on average', () => {
    const bound = 1 - 1 / Math.E;
    console.log(
      '| graph | nodes | ties | segment | k | optimum | CELF | CELF/opt | degree | degree/opt | CELF fresh-world reach (95% CI) |',
    );
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
    let celfSum = 0;
    let degreeSum = 0;
    cases.forEach((c, i) => {
      const options = { ...c.options, seed: 100 + i, simulations: 200 };
      const segment = randomSegment(c.graph, 200 + i);
      const model = prepareCascade(c.graph, options);
      const seg = nodeMask(c.graph, model, segment, true);
      const samples = sampleRrSets(model, seg, options);
      expect(samples.exhaustive).toBe(true); // the objective is exactly the mean reach over the 200 worlds
      const n = model.index.nodes.length;
      let optimum = 0;
      for (const combo of combinations(n, c.k)) optimum = Math.max(optimum, rrReach(samples, combo));
      const steps = celf(samples, c.k);
      const celfValue = rrReach(
        samples,
        steps.map((s) => s.node),
      );
      const degreeValue = rrReach(samples, topKByDegree(c.graph, c.k));
      const plan = planEngagement(c.graph, { ...options, k: c.k, segment });
      expect(plan.seeds.map((s) => s.node)).toEqual(steps.map((s) => s.node));
      const r = plan.expectedReach;
      console.log(
        `| ${c.name} | ${c.graph.order} | ${c.graph.size} | ${segment.size} | ${c.k} | ${optimum.toFixed(3)} | ${celfValue.toFixed(3)} | ${(celfValue / optimum).toFixed(3)} | ${degreeValue.toFixed(3)} | ${(degreeValue / optimum).toFixed(3)} | ${r.mean.toFixed(2)} [${r.ci95[0].toFixed(2)}, ${r.ci95[1].toFixed(2)}] |`,
      );
      expect(celfValue).toBeLessThanOrEqual(optimum + 1e-9);
      expect(celfValue).toBeGreaterThanOrEqual(bound * optimum);
      celfSum += celfValue / optimum;
      degreeSum += degreeValue / optimum;
    });
    console.log(`mean CELF/opt ${(celfSum / cases.length).toFixed(3)}, mean degree/opt ${(degreeSum / cases.length).toFixed(3)}`);
    expect(celfSum).toBeGreaterThan(degreeSum);
  }, 60_000);

  it('is deterministic given the seed', () => {
    const opts = {
      k: 5,
      seed: 7,
      probability: { kind: 'constant' as const, probability: 0.03 },
      segment: (n: string) => Number(n) % 2 === 0,
    };
    const a = planEngagement(email, opts);
    const b = planEngagement(email, opts);
    expect(a.seeds).toEqual(b.seeds);
    expect(a.expectedReach).toEqual(b.expectedReach);
    console.log(
      `email-Eu-core, even ids segment, k=5, p=0.03: seeds ${a.seeds.map((s) => s.node).join(', ')}; reach ${a.expectedReach.mean.toFixed(2)} [${a.expectedReach.ci95[0].toFixed(2)}, ${a.expectedReach.ci95[1].toFixed(2)}]; ${a.samples.rrSets} RR sets; ${a.runtimeMs.total.toFixed(0)} ms`,
    );
  }, 60_000);
});
