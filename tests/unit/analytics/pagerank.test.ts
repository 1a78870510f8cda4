// weightedPagerank reaches the same ranks as graphology-metrics' PageRank (the reference), dangling nodes included.
import { expect, it } from 'vitest';
import { DirectedGraph } from 'graphology';
import pagerank from 'graphology-metrics/centrality/pagerank';
import { weightedPagerank } from '../../../server/src/analytics/influence.js';
import { directedTieIndex } from '../../../server/src/analytics/tie-index.js';
import { createRandom } from '../../../server/src/domain/random.js';

it('matches graphology-metrics PageRank on a random weighted digraph with dangling nodes', () => {
  const random = createRandom(5);
  const graph = new DirectedGraph();
  for (let i = 0; i < 80; i++) graph.addNode(String(i));
  for (let e = 0; e < 300; e++) {
    // Nodes 70–79 never send a tie: dangling.
    const s = String(Math.floor(random() * 70));
    const t = String(Math.floor(random() * 80));
    if (s !== t && !graph.hasEdge(s, t)) graph.addEdge(s, t, { weight: 1 + Math.floor(random() * 9) });
  }
  const reference = pagerank(graph, { getEdgeWeight: 'weight', alpha: 0.85, maxIterations: 1000, tolerance: 1e-12 });
  const ours = weightedPagerank(directedTieIndex(graph, { getEdgeWeight: 'weight' }).out, { alpha: 0.85, tolerance: 1e-12 });
  expect(ours.converged).toBe(true);
  const ix = directedTieIndex(graph, { getEdgeWeight: 'weight' });
  let sum = 0;
  ix.nodes.forEach((node, v) => {
    expect(ours.ranks[v]).toBeCloseTo(reference[node] ?? 0, 9);
    sum += ours.ranks[v]!;
  });
  expect(sum).toBeCloseTo(1, 9);
});

it('treats a node whose ties all weigh 0 as dangling', () => {
  const graph = new DirectedGraph();
  graph.mergeEdge('a', 'b', { weight: 0 });
  graph.mergeEdge('b', 'a', { weight: 2 });
  const { ranks } = weightedPagerank(directedTieIndex(graph).out, { alpha: 0.85 });
  // a spreads evenly (dangling): r_a = 0.15/2 + 0.85·(r_a/2 + r_b), r_b = 0.15/2 + 0.85·r_a/2.
  const ra = ranks[0]!;
  const rb = ranks[1]!;
  expect(ra + rb).toBeCloseTo(1, 9);
  expect(rb).toBeCloseTo(0.075 + 0.425 * ra, 9);
});
