// Overlapping communities with membership strengths in [0, 1]: a seeded Louvain partition softened by neighbourhood affinity (one COPRA-style belonging step).
//
// No graphology package detects overlapping communities, so the soft step is written here (see
// docs/decisions/010-overlapping-communities.md). Method: Louvain (graphology, via ./partition)
// gives each node a core community; a node's strength in community c is the share of its tie
// weight that goes to members of c (Gregory's COPRA belonging coefficient, computed once from the
// partition instead of iterated from singletons). A node belongs to its own community always and
// to every other community whose strength reaches `threshold`. Linear in the number of ties after
// Louvain, and deterministic given `seed`.
import type Graph from 'graphology';
import { detectPartition, type PartitionResult } from './partition.js';
import { isUndirectedSimple, toAdjacency, toUndirectedWeighted, PROJECTED_WEIGHT, type EdgeWeightOption } from './projection.js';

export interface OverlappingOptions {
  /** Minimum strength for a membership beyond the node's own community (default 0.2). */
  threshold?: number;
  /** Louvain resolution (default 1). */
  resolution?: number;
  /** Seed for Louvain (default 42). */
  seed?: number;
  /** Louvain restarts, best modularity kept (default 3 up to 200,000 ties, 1 above). */
  restarts?: number;
  /** Weight source (default `weight`, 1 when absent); null = unweighted. */
  getEdgeWeight?: EdgeWeightOption;
}

export interface Membership {
  community: number;
  /** Share of the node's tie weight that goes to the community, in [0, 1]. */
  strength: number;
}

export interface OverlappingResult {
  /** node → memberships, strongest first; the node's own (core) community is always present. */
  memberships: Map<string, Membership[]>;
  /** Number of communities (community ids are 0..communities-1, numbered by core size, largest first). */
  communities: number;
  /** Nodes with more than one membership. */
  overlappingNodes: number;
  /** sizes[c] = members of c, overlapping members included. */
  sizes: number[];
  /** The underlying Louvain partition (core communities). */
  partition: PartitionResult;
  threshold: number;
}

/** Detects overlapping communities: Louvain cores plus neighbourhood-affinity memberships at or above `threshold`. */
export function detectOverlapping(graph: Graph, options: OverlappingOptions = {}): OverlappingResult {
  const threshold = options.threshold ?? 0.2;
  if (!(threshold >= 0 && threshold <= 1)) throw new RangeError(`threshold must be in [0, 1], got ${threshold}`);
  // Project once, and share the projection between Louvain and the affinity pass.
  const simple = isUndirectedSimple(graph) ? graph : toUndirectedWeighted(graph, { getEdgeWeight: options.getEdgeWeight });
  const getEdgeWeight = simple === graph ? options.getEdgeWeight : PROJECTED_WEIGHT;
  const partition = detectPartition(simple, {
    resolution: options.resolution,
    seed: options.seed,
    restarts: options.restarts,
    getEdgeWeight,
  });
  const adj = toAdjacency(simple, { getEdgeWeight });
  const n = adj.nodes.length;
  const core = new Int32Array(n);
  for (let i = 0; i < n; i++) core[i] = partition.communities.get(adj.nodes[i] as string) as number;

  const k = partition.count;
  const acc = new Float64Array(k);
  const touched: number[] = [];
  const sizes = new Array<number>(k).fill(0);
  const memberships = new Map<string, Membership[]>();
  let overlappingNodes = 0;
  for (let v = 0; v < n; v++) {
    const own = core[v] as number;
    const start = adj.offsets[v] as number;
    const end = adj.offsets[v + 1] as number;
    let total = 0;
    touched.length = 0;
    for (let p = start; p < end; p++) {
      const u = adj.neighbors[p] as number;
      if (u === v) continue;
      const c = core[u] as number;
      const w = adj.weights[p] as number;
      if (acc[c] === 0) touched.push(c);
      acc[c]! += w;
      total += w;
    }
    const list: Membership[] = [];
    if (total === 0) list.push({ community: own, strength: 1 });
    else {
      if (acc[own] === 0) list.push({ community: own, strength: 0 });
      for (const c of touched) {
        const strength = (acc[c] as number) / total;
        if (c === own || strength >= threshold) list.push({ community: c, strength });
        acc[c] = 0;
      }
    }
    list.sort((a, b) => b.strength - a.strength || a.community - b.community);
    for (const m of list) sizes[m.community]! += 1;
    if (list.length > 1) overlappingNodes++;
    memberships.set(adj.nodes[v] as string, list);
  }
  return { memberships, communities: k, overlappingNodes, sizes, partition, threshold };
}
