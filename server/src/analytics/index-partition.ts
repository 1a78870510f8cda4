// The partition of an undirected tie index: Leiden on the CSR rows' ties, without building a graph object.
//
// The analysis worker keeps the graph in typed arrays; each pair sits in both rows of the undirected index, so it
// is handed to the partition once, from its lower end.
import { detectPartitionOfTies, type PartitionOptions, type PartitionResult } from './partition.js';
import type { UndirectedTieIndex } from './tie-index.js';

/** Partition of `ix` (as detectPartition on its undirected weighted projection) and the core community of each node index. */
export function partitionOfIndex(
  ix: UndirectedTieIndex,
  options: Pick<PartitionOptions, 'resolution' | 'seed' | 'restarts'> = {},
): { partition: PartitionResult; core: Int32Array; timings: { graph: number; louvain: number } } {
  const t0 = performance.now();
  const { start, target, weight } = ix.adj;
  const n = ix.nodes.length;
  let pairs = 0;
  for (let u = 0; u < n; u++) for (let p = start[u]!; p < start[u + 1]!; p++) if (target[p]! > u) pairs++;
  const source = new Int32Array(pairs);
  const other = new Int32Array(pairs);
  const weights = new Float64Array(pairs);
  let k = 0;
  for (let u = 0; u < n; u++) {
    for (let p = start[u]!; p < start[u + 1]!; p++) {
      const v = target[p]!;
      if (v <= u) continue;
      source[k] = u;
      other[k] = v;
      weights[k++] = weight[p]!;
    }
  }
  const t1 = performance.now();
  const partition = detectPartitionOfTies(ix.nodes, { source, target: other, weight: weights }, options);
  const core = new Int32Array(n);
  for (let u = 0; u < n; u++) core[u] = partition.communities.get(ix.nodes[u]!)!;
  return { partition, core, timings: { graph: t1 - t0, louvain: performance.now() - t1 } };
}
