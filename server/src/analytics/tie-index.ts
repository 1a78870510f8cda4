// Compact CSR indexes of a multi, directed, weighted stakeholder graph, shared by the influence, brokerage, engagement, introductions and what-if analytics.
//
// graphology iterates ties through callbacks and string keys; the hot loops of the algorithms
// written by hand here (k-core, constraint, two-path counting, cascades, Yen, Tarjan) need integer
// ids and typed arrays. Parallel ties between the same ordered pair (different types) are collapsed
// into one entry whose weight is their sum; self-loops are dropped (a tie to oneself carries no
// influence, brokerage or reach). Construction is O(n + m) (two counting-sort passes, no comparator sort).
import type Graph from 'graphology';
import type { Attributes } from 'graphology-types';

/** Where a tie's weight comes from: an attribute name (default `weight`), a function, or null for "every tie weighs 1". */
export type TieWeightOption = string | null | ((edge: string, attributes: Attributes, source: string, target: string) => number);

/** Resolves a weight option into a getter; missing, non-finite or negative weights count as 1, 1 and 0. */
export function tieWeightGetter(
  option: TieWeightOption | undefined,
): (edge: string, attributes: Attributes, source: string, target: string) => number {
  if (typeof option === 'function') {
    return (e, a, s, t) => {
      const w = option(e, a, s, t);
      return Number.isFinite(w) ? Math.max(0, w) : 1;
    };
  }
  if (option === null) return () => 1;
  const name = option ?? 'weight';
  return (_e, a) => {
    const w = a[name];
    if (typeof w !== 'number' || !Number.isFinite(w)) return 1;
    return Math.max(0, w);
  };
}

/** A node-id ↔ integer mapping in `graph.nodes()` order. */
export interface NodeIndex {
  nodes: string[];
  indexOf: Map<string, number>;
}

/** Rows of a sparse adjacency: the neighbours of i are `target[start[i] .. start[i+1])`, sorted ascending, with `weight` alongside. */
export interface Csr {
  start: Int32Array;
  target: Int32Array;
  weight: Float64Array;
}

/** Directed collapsed index: out-rows and in-rows; `inToOut[j]` is the out-row position of the same ordered pair as in-row position j. */
export interface DirectedTieIndex extends NodeIndex {
  out: Csr;
  in: Csr;
  inToOut: Int32Array;
}

/** Undirected collapsed index: one symmetric row set; the weight of {u,v} sums every tie between u and v in both directions. */
export interface UndirectedTieIndex extends NodeIndex {
  adj: Csr;
  /** Sum of the row weights of each node. */
  strength: Float64Array;
}

export interface TieIndexOptions {
  getEdgeWeight?: TieWeightOption;
}

export function nodeIndex(graph: Graph): NodeIndex {
  const nodes = graph.nodes();
  return { nodes, indexOf: indexOfNodes(nodes) };
}

/** Sorts (src, dst, w) triples by (src, dst) with two counting sorts, merges duplicates by summing, and returns CSR rows. */
function buildCsr(n: number, src: Int32Array, dst: Int32Array, w: Float64Array, count: number): Csr {
  // Pass 1: stable counting sort by dst.
  const byDst = new Int32Array(count);
  const bucket = new Int32Array(n + 1);
  for (let e = 0; e < count; e++) bucket[dst[e]! + 1]!++;
  for (let i = 0; i < n; i++) bucket[i + 1]! += bucket[i]!;
  for (let e = 0; e < count; e++) byDst[bucket[dst[e]!]!++] = e;
  // Pass 2: stable counting sort by src, which keeps dst ascending inside each row.
  const order = new Int32Array(count);
  bucket.fill(0);
  for (let e = 0; e < count; e++) bucket[src[e]! + 1]!++;
  for (let i = 0; i < n; i++) bucket[i + 1]! += bucket[i]!;
  for (let k = 0; k < count; k++) {
    const e = byDst[k]!;
    order[bucket[src[e]!]!++] = e;
  }
  // Merge runs of equal (src, dst).
  const start = new Int32Array(n + 1);
  const target = new Int32Array(count);
  const weight = new Float64Array(count);
  let len = 0;
  let prevS = -1;
  let prevT = -1;
  for (let k = 0; k < count; k++) {
    const e = order[k]!;
    const s = src[e]!;
    const t = dst[e]!;
    if (s === prevS && t === prevT) {
      weight[len - 1]! += w[e]!;
    } else {
      target[len] = t;
      weight[len] = w[e]!;
      start[s + 1]!++;
      len++;
      prevS = s;
      prevT = t;
    }
  }
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  return { start, target: target.slice(0, len), weight: weight.slice(0, len) };
}

/** Collects every tie as directed triples (undirected ties both ways), self-loops dropped. */
function collectTriples(graph: Graph, ix: NodeIndex, options: TieIndexOptions, symmetric: boolean) {
  const weightOf = tieWeightGetter(options.getEdgeWeight);
  const cap = (graph.directedSize + graph.undirectedSize) * 2;
  const src = new Int32Array(cap);
  const dst = new Int32Array(cap);
  const w = new Float64Array(cap);
  let count = 0;
  graph.forEachEdge((edge, attributes, source, target, _sa, _ta, undirected) => {
    if (source === target) return;
    const s = ix.indexOf.get(source)!;
    const t = ix.indexOf.get(target)!;
    const weight = weightOf(edge, attributes, source, target);
    src[count] = s;
    dst[count] = t;
    w[count++] = weight;
    if (undirected || symmetric) {
      src[count] = t;
      dst[count] = s;
      w[count++] = weight;
    }
  });
  return { src, dst, w, count };
}

/**
 * Ties between nodes 0..n-1 as parallel arrays (the edge-list reader and the run projection hold them so):
 * source, target and, optionally, weight (1 each when absent).
 */
export interface TieArrays {
  source: ArrayLike<number>;
  target: ArrayLike<number>;
  weight?: ArrayLike<number> | null;
}

/** Directed index: u→v carries the summed weight of all u→v ties (undirected ties count both ways). */
export function directedTieIndex(graph: Graph, options: TieIndexOptions = {}): DirectedTieIndex {
  const ix = nodeIndex(graph);
  const { src, dst, w, count } = collectTriples(graph, ix, options, false);
  return { ...ix, ...directedRows(ix.nodes.length, src, dst, w, count) };
}

/**
 * The directed index of ties given as arrays (no graphology graph): the analysis worker builds it
 * straight from the projection. Self-loops are dropped; non-finite weights count 1, negative ones 0.
 */
export function directedTieIndexOfTies(nodes: string[], ties: TieArrays): DirectedTieIndex {
  const { src, dst, w, count } = triplesOfTies(ties, false);
  return { nodes, indexOf: indexOfNodes(nodes), ...directedRows(nodes.length, src, dst, w, count) };
}

function directedRows(
  n: number,
  src: Int32Array,
  dst: Int32Array,
  w: Float64Array,
  count: number,
): Pick<DirectedTieIndex, 'out' | 'in' | 'inToOut'> {
  const out = buildCsr(n, src, dst, w, count);
  // In-rows: transpose the collapsed out-rows (already merged, so no duplicates).
  const m = out.target.length;
  const tSrc = new Int32Array(m);
  const tDst = new Int32Array(m);
  const tW = new Float64Array(m);
  for (let u = 0; u < n; u++) {
    for (let p = out.start[u]!; p < out.start[u + 1]!; p++) {
      tSrc[p] = out.target[p]!;
      tDst[p] = u;
      tW[p] = out.weight[p]!;
    }
  }
  const inCsr = buildCsr(n, tSrc, tDst, tW, m);
  const inToOut = new Int32Array(m);
  for (let v = 0; v < n; v++) {
    for (let j = inCsr.start[v]!; j < inCsr.start[v + 1]!; j++) {
      inToOut[j] = findInRow(out, inCsr.target[j]!, v);
    }
  }
  return { out, in: inCsr, inToOut };
}

/** Undirected index: {u,v} carries the summed weight of all ties between u and v, both directions. */
export function undirectedTieIndex(graph: Graph, options: TieIndexOptions = {}): UndirectedTieIndex {
  const ix = nodeIndex(graph);
  const { src, dst, w, count } = collectTriples(graph, ix, options, true);
  return { ...ix, ...undirectedRows(ix.nodes.length, src, dst, w, count) };
}

/** The undirected index of ties given as arrays (see directedTieIndexOfTies). */
export function undirectedTieIndexOfTies(nodes: string[], ties: TieArrays): UndirectedTieIndex {
  const { src, dst, w, count } = triplesOfTies(ties, true);
  return { nodes, indexOf: indexOfNodes(nodes), ...undirectedRows(nodes.length, src, dst, w, count) };
}

function undirectedRows(
  n: number,
  src: Int32Array,
  dst: Int32Array,
  w: Float64Array,
  count: number,
): Pick<UndirectedTieIndex, 'adj' | 'strength'> {
  const adj = buildCsr(n, src, dst, w, count);
  const strength = new Float64Array(n);
  for (let u = 0; u < n; u++) {
    let s = 0;
    for (let p = adj.start[u]!; p < adj.start[u + 1]!; p++) s += adj.weight[p]!;
    strength[u] = s;
  }
  return { adj, strength };
}

/** Tie arrays as directed triples (both ways when `symmetric`), self-loops dropped, weights cleaned as tieWeightGetter does. */
function triplesOfTies(ties: TieArrays, symmetric: boolean) {
  const m = ties.source.length;
  const cap = symmetric ? 2 * m : m;
  const src = new Int32Array(cap);
  const dst = new Int32Array(cap);
  const w = new Float64Array(cap);
  let count = 0;
  for (let e = 0; e < m; e++) {
    const s = ties.source[e]!;
    const t = ties.target[e]!;
    if (s === t) continue;
    const raw = ties.weight ? ties.weight[e]! : 1;
    const weight = Number.isFinite(raw) ? Math.max(0, raw) : 1;
    src[count] = s;
    dst[count] = t;
    w[count++] = weight;
    if (symmetric) {
      src[count] = t;
      dst[count] = s;
      w[count++] = weight;
    }
  }
  return { src, dst, w, count };
}

function indexOfNodes(nodes: readonly string[]): Map<string, number> {
  const indexOf = new Map<string, number>();
  for (let i = 0; i < nodes.length; i++) indexOf.set(nodes[i]!, i);
  return indexOf;
}

/** Position of `v` in row `u` of `csr` (binary search), or -1. */
export function findInRow(csr: Csr, u: number, v: number): number {
  let lo = csr.start[u]!;
  let hi = csr.start[u + 1]! - 1;
  const t = csr.target;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const x = t[mid]!;
    if (x === v) return mid;
    if (x < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Connected components of an undirected index (isolated nodes count one each), by breadth-first search over its rows. */
export function countComponentsOfIndex(ix: UndirectedTieIndex): number {
  const { start, target } = ix.adj;
  const n = ix.nodes.length;
  const seen = new Uint8Array(n);
  const queue = new Int32Array(n);
  let components = 0;
  for (let s = 0; s < n; s++) {
    if (seen[s]) continue;
    components++;
    seen[s] = 1;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    while (head < tail) {
      const u = queue[head++]!;
      for (let p = start[u]!; p < start[u + 1]!; p++) {
        const v = target[p]!;
        if (!seen[v]) {
          seen[v] = 1;
          queue[tail++] = v;
        }
      }
    }
  }
  return components;
}

/**
 * Node v's entry of each named column, keyed by node id: the map form of results computed as columns
 * by node index (the worker keeps the columns; the graphology entry points return maps).
 */
export function recordsOfColumns<K extends string>(
  nodes: readonly string[],
  columns: Readonly<Record<K, ArrayLike<number>>>,
  keys: readonly K[],
): Map<string, Record<K, number>> {
  const records = new Map<string, Record<K, number>>();
  for (let v = 0; v < nodes.length; v++) {
    const record = {} as Record<K, number>;
    for (const key of keys) record[key] = columns[key][v]!;
    records.set(nodes[v]!, record);
  }
  return records;
}
