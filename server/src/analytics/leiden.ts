// Leiden community detection (Traag, Waltman & van Eck 2019) for modularity, on compressed sparse rows in typed arrays; seeded and deterministic.
//
// Written here because no well-kept Leiden exists for graphology, and graphology's Louvain builds
// a graph object per level (see docs/decisions/077-leiden-on-typed-arrays.md). The three phases:
// fast local moving (a queue of nodes whose neighbourhood changed), refinement (each community is
// split into well-connected sub-communities by merging singletons, so no community comes out
// disconnected), aggregation of the refined communities with the unrefined partition as the start
// of the next level. Whole Leiden passes repeat from the last partition while modularity improves.
import { createRandom } from '../domain/random.js';

/** An undirected weighted graph as compressed sparse rows; every tie appears in both rows, a self-loop once (with twice its weight). */
export interface WeightedCsr {
  offsets: Uint32Array;
  neighbors: Uint32Array;
  weights: Float64Array;
}

export interface LeidenOptions {
  /** Modularity resolution γ (> 0). */
  resolution: number;
  /** Seed of the node orders. */
  seed: number;
  /** Upper bound on whole Leiden passes (at least 1; each starts from the previous partition; stops earlier when one gains nothing). */
  maxPasses: number;
}

export interface LeidenResult {
  /** membership[v] = community of node v, in 0..count-1 (numbered by first node). */
  membership: Int32Array;
  count: number;
  modularity: number;
  passes: number;
}

/** A pass gains "nothing" below this modularity improvement. */
const MIN_PASS_GAIN = 1e-6;

function nodeCount(g: WeightedCsr): number {
  return g.offsets.length - 1;
}

function strengths(g: WeightedCsr): Float64Array {
  const n = nodeCount(g);
  const k = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    let s = 0;
    for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) s += g.weights[p]!;
    k[v] = s;
  }
  return k;
}

/** Q = Σ_c [ in_c / 2m − γ (K_c / 2m)² ], with in_c the row entries inside c (self-loops included). */
export function modularity(g: WeightedCsr, membership: Int32Array, resolution: number): number {
  const n = nodeCount(g);
  let count = 0;
  for (let v = 0; v < n; v++) count = Math.max(count, membership[v]! + 1);
  const inside = new Float64Array(count);
  const total = new Float64Array(count);
  let twoM = 0;
  for (let v = 0; v < n; v++) {
    const c = membership[v]!;
    for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) {
      const w = g.weights[p]!;
      twoM += w;
      total[c]! += w;
      if (membership[g.neighbors[p]!] === c) inside[c]! += w;
    }
  }
  if (twoM === 0) return 0;
  let q = 0;
  for (let c = 0; c < count; c++) q += inside[c]! / twoM - resolution * (total[c]! / twoM) ** 2;
  return q;
}

/** Random permutation of 0..n-1. */
function randomOrder(random: () => number, n: number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}

/** Scratch arrays for summing a node's tie weight per neighbouring community, reset after each node. */
class NeighbourWeights {
  readonly weight: Float64Array;
  readonly touched: Int32Array;
  size = 0;
  constructor(n: number) {
    this.weight = new Float64Array(n);
    this.touched = new Int32Array(n);
  }
  add(c: number, w: number): void {
    if (this.weight[c] === 0) this.touched[this.size++] = c;
    this.weight[c]! += w;
  }
  reset(): void {
    for (let i = 0; i < this.size; i++) this.weight[this.touched[i]!] = 0;
    this.size = 0;
  }
}

/**
 * Fast local moving: nodes are visited from a queue (random order first); a node moves to the
 * neighbouring community with the largest modularity gain (staying on ties), and its neighbours
 * outside that community are queued again. Changes `membership` and `total` in place; true if a node moved.
 */
function moveNodesFast(
  g: WeightedCsr,
  k: Float64Array,
  membership: Int32Array,
  total: Float64Array,
  scale: number,
  random: () => number,
  scratch: NeighbourWeights,
): boolean {
  const n = nodeCount(g);
  const { offsets, neighbors, weights } = g;
  const toCommunity = scratch.weight;
  const touched = scratch.touched;
  const queue = randomOrder(random, n);
  const queued = new Uint8Array(n).fill(1);
  // Communities left empty, to move a node alone when every neighbouring community costs modularity.
  const sizes = new Int32Array(n);
  for (let v = 0; v < n; v++) sizes[membership[v]!]!++;
  const empty: number[] = [];
  for (let c = n - 1; c >= 0; c--) if (sizes[c] === 0) empty.push(c);
  let head = 0;
  let pending = n;
  let moved = false;
  while (pending > 0) {
    const v = queue[head]!;
    head = head + 1 === n ? 0 : head + 1;
    pending--;
    queued[v] = 0;
    const current = membership[v]!;
    const kv = k[v]!;
    const rowEnd = offsets[v + 1]!;
    for (let p = offsets[v]!; p < rowEnd; p++) {
      const u = neighbors[p]!;
      if (u !== v) scratch.add(membership[u]!, weights[p]!);
    }
    total[current]! -= kv;
    let best = current;
    let bestGain = toCommunity[current]! - kv * total[current]! * scale;
    for (let i = 0; i < scratch.size; i++) {
      const c = touched[i]!;
      const gain = toCommunity[c]! - kv * total[c]! * scale;
      if (gain > bestGain) {
        best = c;
        bestGain = gain;
      }
    }
    // Alone in an empty community the gain is 0: better than any negative one.
    if (bestGain < 0 && sizes[current]! > 1 && empty.length > 0) best = empty.pop()!;
    scratch.reset();
    total[best]! += kv;
    if (best !== current) {
      moved = true;
      membership[v] = best;
      sizes[best]!++;
      if (--sizes[current]! === 0) empty.push(current);
      for (let p = offsets[v]!; p < rowEnd; p++) {
        const u = neighbors[p]!;
        if (queued[u] === 0 && membership[u] !== best) {
          queued[u] = 1;
          let tail = head + pending;
          if (tail >= n) tail -= n;
          queue[tail] = u;
          pending++;
        }
      }
    }
  }
  return moved;
}

/**
 * Refinement: inside each community, every node starts alone; in random order, a node still alone
 * and well connected to its community joins the well-connected sub-community (of the same community)
 * with the largest positive gain. Returns refined[v] (a node id naming v's sub-community).
 */
function refine(
  g: WeightedCsr,
  k: Float64Array,
  membership: Int32Array,
  total: Float64Array,
  scale: number,
  random: () => number,
  scratch: NeighbourWeights,
): Int32Array {
  const n = nodeCount(g);
  const { offsets, neighbors, weights } = g;
  const refined = new Int32Array(n);
  const size = new Int32Array(n);
  const strength = new Float64Array(n);
  // external[r] = weight from sub-community r to the rest of its community.
  const external = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    refined[v] = v;
    size[v] = 1;
    strength[v] = k[v]!;
    const c = membership[v]!;
    let w = 0;
    for (let p = offsets[v]!; p < offsets[v + 1]!; p++) {
      const u = neighbors[p]!;
      if (u !== v && membership[u] === c) w += weights[p]!;
    }
    external[v] = w;
  }
  const order = randomOrder(random, n);
  for (let i = 0; i < n; i++) {
    const v = order[i]!;
    if (size[refined[v]!] !== 1) continue;
    const c = membership[v]!;
    const kv = k[v]!;
    const community = total[c]!;
    if (external[v]! < kv * (community - kv) * scale) continue;
    for (let p = offsets[v]!; p < offsets[v + 1]!; p++) {
      const u = neighbors[p]!;
      if (u !== v && membership[u] === c) scratch.add(refined[u]!, weights[p]!);
    }
    let best = v;
    let bestGain = 0;
    for (let j = 0; j < scratch.size; j++) {
      const r = scratch.touched[j]!;
      if (r === v) continue;
      const kr = strength[r]!;
      if (external[r]! < kr * (community - kr) * scale) continue;
      const gain = scratch.weight[r]! - kv * kr * scale;
      if (gain > bestGain) {
        best = r;
        bestGain = gain;
      }
    }
    if (best !== v) {
      external[best] = external[best]! + external[v]! - 2 * scratch.weight[best]!;
      strength[best]! += kv;
      size[best]!++;
      size[v] = 0;
      strength[v] = 0;
      refined[v] = best;
    }
    scratch.reset();
  }
  return refined;
}

/** Renumbers labels to 0..count-1 in order of first appearance; returns the count. */
function compact(labels: Int32Array, scratch: Int32Array): number {
  scratch.fill(-1);
  let count = 0;
  for (let v = 0; v < labels.length; v++) {
    const l = labels[v]!;
    if (scratch[l] === -1) scratch[l] = count++;
    labels[v] = scratch[l]!;
  }
  return count;
}

/** Aggregates g by groups (0..count-1): one node per group, tie weights summed, inner ties as a self-loop. */
function aggregate(g: WeightedCsr, group: Int32Array, count: number, scratch: NeighbourWeights): WeightedCsr {
  const n = nodeCount(g);
  const { offsets: rows, neighbors: ends, weights: tieWeights } = g;
  // Members of each group, contiguous (counting sort).
  const start = new Uint32Array(count + 1);
  for (let v = 0; v < n; v++) start[group[v]! + 1]!++;
  for (let c = 0; c < count; c++) start[c + 1]! += start[c]!;
  const members = new Uint32Array(n);
  const cursor = start.slice(0, count);
  for (let v = 0; v < n; v++) members[cursor[group[v]!]!++] = v;

  const offsets = new Uint32Array(count + 1);
  let neighbors = new Uint32Array(Math.max(16, g.neighbors.length >>> 1));
  let weights = new Float64Array(neighbors.length);
  let size = 0;
  for (let c = 0; c < count; c++) {
    for (let i = start[c]!; i < start[c + 1]!; i++) {
      const v = members[i]!;
      for (let p = rows[v]!; p < rows[v + 1]!; p++) scratch.add(group[ends[p]!]!, tieWeights[p]!);
    }
    if (size + scratch.size > neighbors.length) {
      const grown = Math.max(neighbors.length * 2, size + scratch.size);
      const nb = new Uint32Array(grown);
      nb.set(neighbors.subarray(0, size));
      const wb = new Float64Array(grown);
      wb.set(weights.subarray(0, size));
      neighbors = nb;
      weights = wb;
    }
    for (let j = 0; j < scratch.size; j++) {
      const d = scratch.touched[j]!;
      neighbors[size] = d;
      weights[size++] = scratch.weight[d]!;
    }
    offsets[c + 1] = size;
    scratch.reset();
  }
  return { offsets, neighbors: neighbors.slice(0, size), weights: weights.slice(0, size) };
}

/** One Leiden pass from `initial` (a membership of g's nodes); returns the new membership of g's nodes. */
function leidenPass(g: WeightedCsr, initial: Int32Array, resolution: number, random: () => number): Int32Array {
  const n = nodeCount(g);
  const original = new Int32Array(n); // original node → node of the current level
  for (let v = 0; v < n; v++) original[v] = v;
  let level = g;
  let membership: Int32Array = initial.slice();
  const scratch = new NeighbourWeights(n);
  const labels = new Int32Array(n);
  for (;;) {
    const size = nodeCount(level);
    const k = strengths(level);
    let twoM = 0;
    for (let v = 0; v < size; v++) twoM += k[v]!;
    const scale = resolution / twoM;
    const total = new Float64Array(size);
    for (let v = 0; v < size; v++) total[membership[v]!]! += k[v]!;
    moveNodesFast(level, k, membership, total, scale, random, scratch);
    const communities = compact(membership, labels.subarray(0, size));
    if (communities === size) break;
    // compact() renamed the communities: their totals follow.
    total.fill(0);
    for (let v = 0; v < size; v++) total[membership[v]!]! += k[v]!;
    const refined = refine(level, k, membership, total, scale, random, scratch);
    const subCommunities = compact(refined, labels.subarray(0, size));
    if (subCommunities === size) {
      // Nothing merged in refinement: aggregating would not shrink the graph; the partition is final.
      break;
    }
    // Next level: one node per sub-community, starting in its community.
    const next = new Int32Array(subCommunities);
    for (let v = 0; v < size; v++) next[refined[v]!] = membership[v]!;
    for (let v = 0; v < n; v++) original[v] = refined[original[v]!]!;
    level = aggregate(level, refined, subCommunities, scratch);
    membership = next;
  }
  const result = new Int32Array(n);
  for (let v = 0; v < n; v++) result[v] = membership[original[v]!]!;
  compact(result, new Int32Array(n));
  return result;
}

/** Leiden for modularity at resolution γ on g; deterministic for a given seed. */
export function leiden(g: WeightedCsr, options: LeidenOptions): LeidenResult {
  const n = nodeCount(g);
  const random = createRandom(options.seed);
  let membership: Int32Array = new Int32Array(n);
  for (let v = 0; v < n; v++) membership[v] = v;
  let quality = -Infinity;
  let passes = 0;
  while (passes < Math.max(1, options.maxPasses)) {
    const next = leidenPass(g, membership, options.resolution, random);
    passes++;
    const q = modularity(g, next, options.resolution);
    if (q <= quality + MIN_PASS_GAIN) {
      if (q > quality) {
        membership = next;
        quality = q;
      }
      break;
    }
    membership = next;
    quality = q;
  }
  let count = 0;
  for (let v = 0; v < n; v++) count = Math.max(count, membership[v]! + 1);
  return { membership, count, modularity: quality, passes };
}
