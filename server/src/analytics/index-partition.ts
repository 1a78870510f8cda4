// The Louvain partition of an undirected tie index: builds the one graphology graph that graphology-communities-louvain (via ./partition) needs, straight from the CSR rows.
//
// The analysis worker keeps the graph in typed arrays; Louvain is the one step that still needs a
// graphology graph. Building it from the collapsed rows (one edge per pair, keys = row positions)
// costs a fraction of projecting a multi, directed graphology graph (the old path built that graph,
// then an undirected copy of it with a merge per tie). A Louvain on the CSR itself can take its place.
import { UndirectedGraph } from 'graphology';
import { detectPartition, type PartitionOptions, type PartitionResult } from './partition.js';
import type { UndirectedTieIndex } from './tie-index.js';

/** Partition of `ix` (as detectPartition on its undirected weighted projection) and the core community of each node index. */
export function partitionOfIndex(
  ix: UndirectedTieIndex,
  options: Pick<PartitionOptions, 'resolution' | 'seed' | 'restarts'> = {},
): { partition: PartitionResult; core: Int32Array; timings: { graph: number; louvain: number } } {
  const t0 = performance.now();
  const { start, target, weight } = ix.adj;
  const n = ix.nodes.length;
  const graph = new UndirectedGraph<Record<string, unknown>, { weight: number }>();
  for (let u = 0; u < n; u++) graph.addNode(ix.nodes[u]!);
  for (let u = 0; u < n; u++) {
    for (let p = start[u]!; p < start[u + 1]!; p++) {
      const v = target[p]!;
      // Each pair is in both rows: add it once, from its lower end; explicit keys are cheaper than generated ones.
      if (v > u) graph.addUndirectedEdgeWithKey(p, ix.nodes[u]!, ix.nodes[v]!, { weight: weight[p]! });
    }
  }
  const t1 = performance.now();
  const partition = detectPartition(graph, { ...options, getEdgeWeight: 'weight' });
  const core = new Int32Array(n);
  for (let u = 0; u < n; u++) core[u] = partition.communities.get(ix.nodes[u]!)!;
  return { partition, core, timings: { graph: t1 - t0, louvain: performance.now() - t1 } };
}
