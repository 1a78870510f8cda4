// Overlapping communities with membership strengths in [0, 1]: a seeded Louvain partition, and extra memberships for nodes whose ties reach into a neighbouring community strongly enough to raise its fitness.
//
// No graphology package detects overlapping communities, so the soft step is written here (see
// docs/decisions/010-overlapping-communities.md and 079-overlap-by-community-fitness.md). Method:
// Louvain (graphology, via ./partition) gives each node a core community; a node's strength in
// community c is the share of its tie weight that goes to members of c (Gregory's COPRA belonging
// coefficient, computed once from the partition). A node always belongs to its own community, and
// also to another community c when both
//   - its strength in c reaches `threshold`, and
//   - its strength in c reaches FITNESS_FACTOR · f(c), where f(c) = K_in(c) / K_tot(c) is the share
//     of c's tie weight that stays inside c. Lancichinetti, Fortunato & Kertész's local fitness
//     (LFM, New J. Phys. 11, 2009, α = 1) grows when a node joins c exactly when strength > f(c) / 2;
//     the factor here is 3/8 (a little more permissive, see the decision record).
// A cohesive community (f near 1) only takes in nodes that put a good part of their ties into it; a
// loose one takes in nodes more easily. Linear in the number of ties after Louvain, deterministic given `seed`.
import type Graph from 'graphology';
import { detectPartition, type PartitionResult } from './partition.js';
import { isUndirectedSimple, toUndirectedWeighted, PROJECTED_WEIGHT, type EdgeWeightOption } from './projection.js';
import { undirectedTieIndex, type UndirectedTieIndex } from './tie-index.js';

/** A node joins a community beyond its own when its strength there reaches this share of the community's internal tie share. */
export const FITNESS_FACTOR = 3 / 8;

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

/** Memberships as columns by node index: node v's are [start[v], start[v+1]) in `community` and `strength`, strongest first. */
export interface MembershipColumns {
  start: Int32Array;
  community: Int32Array;
  strength: Float64Array;
  /** sizes[c] = members of c, overlapping members included. */
  sizes: number[];
  overlappingNodes: number;
}

/** Detects overlapping communities: Louvain cores plus the memberships described in the module header. */
export function detectOverlapping(graph: Graph, options: OverlappingOptions = {}): OverlappingResult {
  const threshold = checkedThreshold(options.threshold);
  // Project once, and share the projection between Louvain and the membership pass.
  const simple = isUndirectedSimple(graph) ? graph : toUndirectedWeighted(graph, { getEdgeWeight: options.getEdgeWeight });
  const getEdgeWeight = simple === graph ? options.getEdgeWeight : PROJECTED_WEIGHT;
  const partition = detectPartition(simple, {
    resolution: options.resolution,
    seed: options.seed,
    restarts: options.restarts,
    getEdgeWeight,
  });
  const ix = undirectedTieIndex(simple, { getEdgeWeight });
  const core = Int32Array.from(ix.nodes, (node) => partition.communities.get(node)!);
  const columns = membershipsOfIndex(ix, core, partition.count, threshold);
  const memberships = new Map<string, Membership[]>();
  for (let v = 0; v < ix.nodes.length; v++) {
    const list: Membership[] = [];
    for (let p = columns.start[v]!; p < columns.start[v + 1]!; p++)
      list.push({ community: columns.community[p]!, strength: columns.strength[p]! });
    memberships.set(ix.nodes[v]!, list);
  }
  return {
    memberships,
    communities: partition.count,
    overlappingNodes: columns.overlappingNodes,
    sizes: columns.sizes,
    partition,
    threshold,
  };
}

export function checkedThreshold(threshold: number | undefined): number {
  const t = threshold ?? 0.2;
  if (!(t >= 0 && t <= 1)) throw new RangeError(`threshold must be in [0, 1], got ${t}`);
  return t;
}

/**
 * The memberships of every node given the core partition (`core[v]` in 0..communities-1) on an
 * undirected tie index: the node's own community always, another when the rule of the module header admits it.
 */
export function membershipsOfIndex(
  ix: UndirectedTieIndex,
  core: Int32Array,
  communities: number,
  threshold: number,
): MembershipColumns {
  const { start: rowStart, target, weight } = ix.adj;
  const n = ix.nodes.length;
  const k = communities;
  // f(c) = K_in(c) / K_tot(c): the share of c's tie weight that stays inside c.
  const inside = new Float64Array(k);
  const total = new Float64Array(k);
  for (let v = 0; v < n; v++) {
    const c = core[v]!;
    for (let p = rowStart[v]!; p < rowStart[v + 1]!; p++) {
      total[c]! += weight[p]!;
      if (core[target[p]!] === c) inside[c]! += weight[p]!;
    }
  }
  const admits = new Float64Array(k);
  for (let c = 0; c < k; c++) admits[c] = Math.max(threshold, total[c]! > 0 ? (FITNESS_FACTOR * inside[c]!) / total[c]! : 0);

  const acc = new Float64Array(k);
  const touched: number[] = [];
  const sizes = new Array<number>(k).fill(0);
  const start = new Int32Array(n + 1);
  const community: number[] = [];
  const strength: number[] = [];
  const list: Membership[] = [];
  let overlappingNodes = 0;
  for (let v = 0; v < n; v++) {
    const own = core[v]!;
    let sum = 0;
    touched.length = 0;
    for (let p = rowStart[v]!; p < rowStart[v + 1]!; p++) {
      const c = core[target[p]!]!;
      const w = weight[p]!;
      if (acc[c] === 0) touched.push(c);
      acc[c]! += w;
      sum += w;
    }
    list.length = 0;
    if (sum === 0) list.push({ community: own, strength: 1 });
    else {
      if (acc[own] === 0) list.push({ community: own, strength: 0 });
      for (const c of touched) {
        const s = acc[c]! / sum;
        if (c === own || s >= admits[c]!) list.push({ community: c, strength: s });
      }
    }
    for (const c of touched) acc[c] = 0;
    list.sort((a, b) => b.strength - a.strength || a.community - b.community);
    for (const m of list) {
      sizes[m.community]! += 1;
      community.push(m.community);
      strength.push(m.strength);
    }
    if (list.length > 1) overlappingNodes++;
    start[v + 1] = community.length;
  }
  return { start, community: Int32Array.from(community), strength: Float64Array.from(strength), sizes, overlappingNodes };
}
