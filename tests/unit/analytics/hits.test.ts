// weightedHits reaches the same hubs and authorities as graphology-metrics' HITS (the reference).
import { expect, it } from 'vitest';
import { DirectedGraph } from 'graphology';
import hits from 'graphology-metrics/centrality/hits';
import { weightedHits } from '../../../server/src/analytics/influence.js';
import { directedTieIndex } from '../../../server/src/analytics/tie-index.js';
import { createRandom } from '../../../server/src/domain/random.js';

it('matches graphology-metrics HITS on a random weighted digraph', () => {
  const random = createRandom(11);
  const graph = new DirectedGraph();
  for (let i = 0; i < 60; i++) graph.addNode(String(i));
  for (let e = 0; e < 400; e++) {
    const s = String(Math.floor(random() * 60));
    const t = String(Math.floor(random() * 60));
    if (s !== t && !graph.hasEdge(s, t)) graph.addEdge(s, t, { weight: 1 + Math.floor(random() * 5) });
  }
  const reference = hits(graph, { getEdgeWeight: 'weight', maxIterations: 1000, tolerance: 1e-12, normalize: true });
  const ours = weightedHits(directedTieIndex(graph, { getEdgeWeight: 'weight' }));
  expect(ours.converged).toBe(true);
  graph.forEachNode((node) => {
    expect(ours.hub.get(node)).toBeCloseTo(reference.hubs[node] ?? 0, 6);
    expect(ours.authority.get(node)).toBeCloseTo(reference.authorities[node] ?? 0, 6);
  });
});
