// Influence scores per stakeholder: weighted in/out degree, PageRank, HITS hubs/authorities, k-core number and (exact or sampled) betweenness, with a ranking helper.
//
// Packages: exact betweenness comes from graphology-metrics, on a collapsed simple directed copy of
// the graph (parallel ties of different types summed, zero-weight pairs and self-loops dropped).
//
// Written here, on the collapsed CSR tie index: weighted PageRank and HITS (see weightedPagerank and
// weightedHits: same definitions as graphology-metrics, checked against it; its HITS was ~100x slower
// here, and its PageRank needed a graphology copy of the collapsed graph that cost more than the rest); the k-core decomposition (Batagelj & Zaversnik 2003, O(n + m) bucket algorithm on the
// undirected projection), because no maintained graphology package provides it; and the single-source
// Brandes pass of the sampled betweenness, because graphology-shortest-path's indexed routine (which
// graphology-metrics runs for every node) allocates a predecessor list per node per source and was
// measured at minutes for 256 pivots on 100k nodes / 1M ties. Same definitions, so with pivots = n the
// sampled scores equal the exact ones (unit-tested).
//
// Sampled betweenness estimator: choose `pivots` sources uniformly without replacement with the
// seeded PRNG, accumulate Brandes' single-source dependencies δ_s(v) for those sources only, and
// scale by n / pivots. Each source is in the sample with probability pivots / n, so the estimate is
// unbiased: E[(n/p) Σ_{s∈S} δ_s(v)] = Σ_s δ_s(v). Its relative standard error for node v is about
// cv(v) · sqrt((n − p) / (n − 1)) / sqrt(p), where cv(v) is the coefficient of variation of δ_s(v)
// over sources: it falls like 1/sqrt(pivots) and is smallest for the high-betweenness nodes that
// rankings care about (their dependencies are spread over many sources). Brandes & Pich (2007).
// Option `estimator: 'linear-scaling'` (Geisberger, Sanders & Schultes 2008) runs, per pivot x, a
// forward search crediting v with δ_xt(v)·d(x,v)/d(x,t) and a backward search (transposed ties)
// crediting δ_sx(v)·d(v,x)/d(s,x); the two weights of a pair sum to 1, so it stays unbiased, and nodes
// next to a pivot are no longer over-credited with the pivot's whole traffic. Twice the searches per pivot.
import Graph, { DirectedGraph } from 'graphology';
import exactBetweenness from 'graphology-metrics/centrality/betweenness';
import Heap from 'mnemonist/heap.js';
import { createRandom } from '../domain/random.js';
import {
  directedTieIndex,
  undirectedTieIndex,
  type Csr,
  type DirectedTieIndex,
  type TieWeightOption,
  type UndirectedTieIndex,
  recordsOfColumns,
} from './tie-index.js';

export interface InfluenceScores {
  /** Distinct stakeholders with a tie to this one. */
  inDegree: number;
  /** Distinct stakeholders this one has a tie to. */
  outDegree: number;
  /** Sum of incoming tie weights (parallel ties summed, self-loops ignored). */
  weightedInDegree: number;
  weightedOutDegree: number;
  /** Weighted directed PageRank (sums to 1 over the graph). */
  pagerank: number;
  /** HITS authority (pointed to by good hubs), weighted, normalised to sum 1. */
  authority: number;
  /** HITS hub (points to good authorities), weighted, normalised to sum 1. */
  hub: number;
  /** k-core number on the undirected projection. */
  coreNumber: number;
  /** Directed betweenness, normalised by (n−1)(n−2) unless `normalized: false`; sampled above `exactLimit`. */
  betweenness: number;
}

export type InfluenceMetric = keyof InfluenceScores;

export interface InfluenceOptions {
  /** Tie weight source (default attribute `weight`; missing → 1). */
  getEdgeWeight?: TieWeightOption;
  /** PRNG seed for betweenness pivots (default 1). */
  seed?: number;
  /** PageRank damping (default 0.85). */
  alpha?: number;
  /** 'auto' (default): exact up to `exactLimit` nodes, sampled above; 'skip' leaves betweenness at 0. */
  betweenness?: 'auto' | 'exact' | 'sampled' | 'skip';
  /** Largest node count for exact betweenness in 'auto' mode (default 5,000). */
  exactLimit?: number;
  /** Number of sampled sources for sampled betweenness (default 256). */
  pivots?: number;
  /** Shortest paths counted in hops (default) or with length 1/weight per tie ('inverse-weight'). */
  betweennessDistance?: 'hops' | 'inverse-weight';
  /** Normalise betweenness by (n−1)(n−2) (default true, as graphology-metrics does). */
  normalized?: boolean;
}

export interface BetweennessInfo {
  mode: 'exact' | 'sampled' | 'skipped';
  /** Sources used (n when exact). */
  pivots: number;
  distance: 'hops' | 'inverse-weight';
}

export interface InfluenceResult {
  scores: Map<string, InfluenceScores>;
  betweenness: BetweennessInfo;
  /** Milliseconds per step. */
  timings: Record<string, number>;
  /** Non-fatal problems (e.g. HITS did not converge and was left at 0). */
  warnings: string[];
}

/** Collapsed simple directed copy: node order as in `graph`, one edge per ordered pair with positive summed `weight`. */
export function collapsedDirected(graph: Graph, getEdgeWeight?: TieWeightOption): DirectedGraph {
  return collapsedOfIndex(directedTieIndex(graph, { getEdgeWeight }));
}

/** The collapsed simple directed graphology copy of a tie index (for graphology-metrics' exact betweenness). */
function collapsedOfIndex(ix: DirectedTieIndex): DirectedGraph {
  const simple = new DirectedGraph();
  for (const node of ix.nodes) simple.addNode(node);
  const { start, target, weight } = ix.out;
  for (let u = 0; u < ix.nodes.length; u++) {
    for (let p = start[u]!; p < start[u + 1]!; p++) {
      const w = weight[p]!;
      // Explicit keys: graphology's generated edge keys cost several times more than the insertion itself.
      if (w > 0) simple.addDirectedEdgeWithKey(p, ix.nodes[u]!, ix.nodes[target[p]!]!, { weight: w });
    }
  }
  return simple;
}

/**
 * k-core numbers (Batagelj–Zaversnik): repeatedly peel a node of minimum remaining degree; its
 * degree at removal is its core number. Degrees are distinct neighbours on the undirected projection.
 */
export function coreNumbers(graph: Graph, options: { getEdgeWeight?: TieWeightOption } = {}): Map<string, number> {
  // With weights, pairs whose ties all weigh 0 are no neighbours (as in the collapsed graph).
  const ix = undirectedTieIndex(graph, { getEdgeWeight: options.getEdgeWeight === undefined ? null : options.getEdgeWeight });
  const deg = coreNumbersOfIndex(ix);
  const out = new Map<string, number>();
  for (let v = 0; v < ix.nodes.length; v++) out.set(ix.nodes[v]!, deg[v]!);
  return out;
}

/** k-core numbers on an undirected tie index (pairs weighing 0 are no neighbours), by node index. */
export function coreNumbersOfIndex(ix: UndirectedTieIndex): Int32Array {
  const { start, target } = positiveRows(ix.adj, 'hops');
  const n = ix.nodes.length;
  const deg = new Int32Array(n);
  let maxDeg = 0;
  for (let v = 0; v < n; v++) {
    deg[v] = start[v + 1]! - start[v]!;
    if (deg[v]! > maxDeg) maxDeg = deg[v]!;
  }
  // bin[d] = first position in `vert` of nodes with degree d; pos[v] = position of v in `vert`.
  const bin = new Int32Array(maxDeg + 1);
  for (let v = 0; v < n; v++) bin[deg[v]!]!++;
  let s = 0;
  for (let d = 0; d <= maxDeg; d++) {
    const c = bin[d]!;
    bin[d] = s;
    s += c;
  }
  const vert = new Int32Array(n);
  const pos = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    pos[v] = bin[deg[v]!]!;
    vert[pos[v]!] = v;
    bin[deg[v]!]!++;
  }
  for (let d = maxDeg; d > 0; d--) bin[d] = bin[d - 1]!;
  bin[0] = 0;
  for (let i = 0; i < n; i++) {
    const v = vert[i]!;
    for (let p = start[v]!; p < start[v + 1]!; p++) {
      const u = target[p]!;
      if (deg[u]! > deg[v]!) {
        // Move u to the front of its degree bucket, then shrink its degree by one.
        const du = deg[u]!;
        const pu = pos[u]!;
        const pw = bin[du]!;
        const w = vert[pw]!;
        if (u !== w) {
          pos[u] = pw;
          vert[pu] = w;
          pos[w] = pu;
          vert[pw] = u;
        }
        bin[du]!++;
        deg[u]!--;
      }
    }
  }
  return deg;
}

export interface BetweennessOptions {
  getEdgeWeight?: TieWeightOption;
  seed?: number;
  mode?: 'auto' | 'exact' | 'sampled';
  exactLimit?: number;
  pivots?: number;
  distance?: 'hops' | 'inverse-weight';
  normalized?: boolean;
  /** Sampled mode: plain source sampling ('uniform', default) or Geisberger et al.'s linear scaling (see header). */
  estimator?: 'uniform' | 'linear-scaling';
}

export interface BetweennessResult extends BetweennessInfo {
  scores: Map<string, number>;
  estimator?: 'uniform' | 'linear-scaling';
}

/** Directed betweenness on collapsed ties: exact (graphology-metrics) or pivot-sampled Brandes (see module header); pass the graph's `index` (same weights) to reuse it. */
export function betweenness(graph: Graph, options: BetweennessOptions = {}, index?: DirectedTieIndex): BetweennessResult {
  const ix = index ?? directedTieIndex(graph, { getEdgeWeight: options.getEdgeWeight });
  const { values, ...info } = betweennessOfIndex(ix, options);
  const scores = new Map<string, number>();
  for (let i = 0; i < ix.nodes.length; i++) scores.set(ix.nodes[i]!, values[i]!);
  return { ...info, scores };
}

/** Betweenness on a directed tie index, by node index (see betweenness). */
export function betweennessOfIndex(
  ix: DirectedTieIndex,
  options: BetweennessOptions = {},
): BetweennessInfo & { values: Float64Array; estimator?: 'uniform' | 'linear-scaling' } {
  const n = ix.nodes.length;
  const distance = options.distance ?? 'hops';
  const normalized = options.normalized ?? true;
  const exactLimit = options.exactLimit ?? 5000;
  const mode = options.mode ?? 'auto';
  const pivots = Math.max(1, Math.min(n, Math.floor(options.pivots ?? 256)));
  const estimator = options.estimator ?? 'uniform';
  const inverse = (_e: string, attr: { weight?: number }): number => 1 / (attr.weight ?? 1);
  const useExact = mode === 'exact' || (mode === 'auto' && (n <= exactLimit || pivots >= n));

  if (useExact) {
    const simple = collapsedOfIndex(ix);
    const raw = exactBetweenness(simple, { getEdgeWeight: distance === 'hops' ? null : inverse, normalized });
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = raw[ix.nodes[i]!] ?? 0;
    return { mode: 'exact', pivots: n, distance, values };
  }

  // Brandes on the tie index rather than graphology-shortest-path's indexed routine: that one
  // allocates a predecessor list per node per source (minutes at 100k nodes × 256 pivots) and counts
  // paths in a Uint32Array; here successors are found again from the distances and counts are floats.
  const { start, target, len } = positiveRows(ix.out, distance);
  // Choose pivots: partial Fisher–Yates over 0..n-1 with the seeded PRNG.
  const random = createRandom(options.seed ?? 1);
  const ids = new Int32Array(n);
  for (let i = 0; i < n; i++) ids[i] = i;
  for (let i = 0; i < pivots; i++) {
    const j = i + Math.floor(random() * (n - i));
    const t = ids[i]!;
    ids[i] = ids[j]!;
    ids[j] = t;
  }
  const centrality = new Float64Array(n);
  const sssp = distance === 'hops' ? bfsBrandes : dijkstraBrandes;
  const linear = estimator === 'linear-scaling';
  const state = brandesState(n, linear);
  const reverse = linear ? positiveRows(ix.in, distance) : null;
  for (let k = 0; k < pivots; k++) {
    sssp(ids[k]!, start, target, len, state, centrality);
    if (reverse) sssp(ids[k]!, reverse.start, reverse.target, reverse.len, state, centrality);
  }
  let scale = n / pivots;
  if (normalized) scale *= n <= 2 ? 1 : 1 / ((n - 1) * (n - 2));
  for (let i = 0; i < n; i++) centrality[i]! *= scale;
  return { mode: 'sampled', pivots, distance, values: centrality, estimator };
}

/**
 * Weighted directed PageRank by power iteration over the CSR out-rows, as graphology-metrics computes
 * it (each node passes alpha·rank along its ties in proportion to their weight; dangling nodes, whose
 * ties weigh 0 in all, spread theirs evenly; converged when the summed change < n·tolerance). Written
 * here so that influence() needs no graphology copy of the collapsed graph: building that copy took
 * 15 s of a 56 s influence pass on 100k nodes / 1M ties.
 */
export function weightedPagerank(
  out: Csr,
  options: { alpha?: number; maxIterations?: number; tolerance?: number } = {},
): { ranks: Float64Array; converged: boolean } {
  const alpha = options.alpha ?? 0.85;
  const maxIterations = options.maxIterations ?? 1000;
  const tolerance = options.tolerance ?? 1e-9;
  const n = out.start.length - 1;
  const share = new Float64Array(out.target.length);
  const dangling: number[] = [];
  for (let u = 0; u < n; u++) {
    let sum = 0;
    for (let p = out.start[u]!; p < out.start[u + 1]!; p++) sum += out.weight[p]!;
    if (sum > 0) for (let p = out.start[u]!; p < out.start[u + 1]!; p++) share[p] = out.weight[p]! / sum;
    else dangling.push(u);
  }
  let rank = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let danglingSum = 0;
    for (const u of dangling) danglingSum += rank[u]!;
    next.fill((alpha * danglingSum + 1 - alpha) / n);
    for (let u = 0; u < n; u++) {
      const r = alpha * rank[u]!;
      for (let p = out.start[u]!; p < out.start[u + 1]!; p++) next[out.target[p]!]! += r * share[p]!;
    }
    let change = 0;
    for (let v = 0; v < n; v++) change += Math.abs(next[v]! - rank[v]!);
    [rank, next] = [next, rank];
    if (change < n * tolerance) return { ranks: rank, converged: true };
  }
  return { ranks: rank, converged: false };
}

// Convergence as networkx and graphology-metrics judge it: hubs scaled so the largest is 1, summed
// absolute change below 1e-8. They stop at 100 iterations; the cap here is 200 because the generated
// 10k-stakeholder ecosystem needs 141 (100k / 1M needs 66; after 100 the hubs are within 1e-5 of
// their limit, so the cap only decides whether a warning is shown). The first version asked for a summed change
// below 1e-10 of the sum-normalised scores on both vectors within 1,000 iterations, i.e. about n
// times stricter; on 100k stakeholders / 1M ties it ran to the cap (4–12 s) for digits no ranking shows.
export const HITS_MAX_ITERATIONS = 200;
export const HITS_TOLERANCE = 1e-8;

/**
 * Weighted HITS (Kleinberg) by power iteration over the CSR tie index: authority(v) = Σ w(u→v)·hub(u),
 * hub(u) = Σ w(u→v)·authority(v), each normalised to sum 1. Written here because graphology-metrics'
 * HITS walks string-keyed callbacks and took ~200 ms per iteration on 10k nodes / 100k ties (34 s in
 * all); on typed arrays an iteration costs about a millisecond. Same fixed point, same normalisation.
 */
export function weightedHits(ix: DirectedTieIndex): {
  hub: Map<string, number>;
  authority: Map<string, number>;
  converged: boolean;
} {
  const h = weightedHitsOfIndex(ix);
  const hubs = new Map<string, number>();
  const authorities = new Map<string, number>();
  for (let v = 0; v < ix.nodes.length; v++) {
    hubs.set(ix.nodes[v]!, h.hub[v]!);
    authorities.set(ix.nodes[v]!, h.authority[v]!);
  }
  return { hub: hubs, authority: authorities, converged: h.converged };
}

/** Weighted HITS by node index; `iterations` is how many power steps it took. */
export function weightedHitsOfIndex(
  ix: DirectedTieIndex,
  options: { maxIterations?: number; tolerance?: number } = {},
): { hub: Float64Array; authority: Float64Array; converged: boolean; iterations: number } {
  const maxIterations = options.maxIterations ?? HITS_MAX_ITERATIONS;
  const tolerance = options.tolerance ?? HITS_TOLERANCE;
  const n = ix.nodes.length;
  const { start, target, weight } = ix.out;
  let hub = new Float64Array(n).fill(1 / Math.max(n, 1));
  let authority = new Float64Array(n);
  // Two spare buffers, swapped each step: no allocation per iteration.
  let nextHub = new Float64Array(n);
  let nextAuthority = new Float64Array(n);
  let converged = false;
  let iterations = 0;
  while (iterations < maxIterations && !converged) {
    iterations++;
    nextAuthority.fill(0);
    for (let u = 0; u < n; u++) {
      const h = hub[u]!;
      if (h === 0) continue;
      for (let e = start[u]!; e < start[u + 1]!; e++) nextAuthority[target[e]!]! += weight[e]! * h;
    }
    for (let u = 0; u < n; u++) {
      let sum = 0;
      for (let e = start[u]!; e < start[u + 1]!; e++) sum += weight[e]! * nextAuthority[target[e]!]!;
      nextHub[u] = sum;
    }
    normaliseToSum(nextAuthority);
    normaliseToSum(nextHub);
    const scaleNext = 1 / maxOf(nextHub);
    const scalePrevious = 1 / maxOf(hub);
    let change = 0;
    for (let v = 0; v < n; v++) change += Math.abs(nextHub[v]! * scaleNext - hub[v]! * scalePrevious);
    [hub, nextHub] = [nextHub, hub];
    [authority, nextAuthority] = [nextAuthority, authority];
    converged = change < tolerance;
  }
  return { hub, authority, converged, iterations };
}

function maxOf(values: Float64Array): number {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  return max > 0 ? max : 1;
}

function normaliseToSum(values: Float64Array): void {
  let sum = 0;
  for (const v of values) sum += v;
  if (sum > 0) for (let i = 0; i < values.length; i++) values[i]! /= sum;
}

/** Influence scores as columns by node index (the analysis worker's form; influence() turns them into a map). */
export interface InfluenceColumns {
  inDegree: Float64Array;
  outDegree: Float64Array;
  weightedInDegree: Float64Array;
  weightedOutDegree: Float64Array;
  pagerank: Float64Array;
  authority: Float64Array;
  hub: Float64Array;
  coreNumber: Float64Array;
  betweenness: Float64Array;
}

export interface InfluenceColumnsResult {
  columns: InfluenceColumns;
  betweenness: BetweennessInfo;
  timings: Record<string, number>;
  warnings: string[];
}

/** Computes every influence score for every stakeholder. Deterministic given `options.seed`. */
export function influence(graph: Graph, options: InfluenceOptions = {}): InfluenceResult {
  const t0 = performance.now();
  // One collapsed CSR index serves degrees, PageRank, HITS and betweenness; ties weighing 0 in all count for none.
  const ix = directedTieIndex(graph, { getEdgeWeight: options.getEdgeWeight });
  // k-core: pairs whose ties all weigh 0 are no neighbours.
  const undirected = undirectedTieIndex(graph, { getEdgeWeight: options.getEdgeWeight ?? 'weight' });
  const indexMs = performance.now() - t0;
  const { columns, betweenness: info, timings, warnings } = influenceOfIndex(ix, undirected, options);
  timings.index = indexMs;
  const scores: Map<string, InfluenceScores> = recordsOfColumns(ix.nodes, columns, [
    'inDegree',
    'outDegree',
    'weightedInDegree',
    'weightedOutDegree',
    'pagerank',
    'authority',
    'hub',
    'coreNumber',
    'betweenness',
  ] as const);
  return { scores, betweenness: info, timings, warnings };
}

/**
 * Every influence score by node index, from the directed tie index (degrees, PageRank, HITS,
 * betweenness) and the undirected one of the same nodes (k-core). Deterministic given `options.seed`.
 */
export function influenceOfIndex(
  ix: DirectedTieIndex,
  undirected: UndirectedTieIndex,
  options: InfluenceOptions = {},
): InfluenceColumnsResult {
  const timings: Record<string, number> = {};
  const warnings: string[] = [];
  const time = <T>(label: string, f: () => T): T => {
    const t0 = performance.now();
    const r = f();
    timings[label] = performance.now() - t0;
    return r;
  };
  const n = ix.nodes.length;
  const column = (): Float64Array => new Float64Array(n);
  const columns: InfluenceColumns = {
    inDegree: column(),
    outDegree: column(),
    weightedInDegree: column(),
    weightedOutDegree: column(),
    pagerank: column(),
    authority: column(),
    hub: column(),
    coreNumber: column(),
    betweenness: column(),
  };

  let positivePairs = 0;
  time('degree', () => {
    for (let u = 0; u < n; u++) {
      for (let p = ix.out.start[u]!; p < ix.out.start[u + 1]!; p++) {
        const w = ix.out.weight[p]!;
        if (!(w > 0)) continue;
        const t = ix.out.target[p]!;
        columns.outDegree[u]!++;
        columns.weightedOutDegree[u]! += w;
        columns.inDegree[t]!++;
        columns.weightedInDegree[t]! += w;
        positivePairs++;
      }
    }
  });

  time('pagerank', () => {
    if (n === 0) return;
    const pr = weightedPagerank(ix.out, { alpha: options.alpha ?? 0.85 });
    if (!pr.converged) warnings.push('PageRank stopped after 1000 iterations without converging');
    columns.pagerank.set(pr.ranks);
  });

  time('hits', () => {
    if (positivePairs === 0) return;
    const h = weightedHitsOfIndex(ix);
    if (!h.converged)
      warnings.push(`HITS stopped after ${HITS_MAX_ITERATIONS} iterations without converging to ${HITS_TOLERANCE}`);
    columns.authority.set(h.authority);
    columns.hub.set(h.hub);
  });

  time('kcore', () => columns.coreNumber.set(coreNumbersOfIndex(undirected)));

  let info: BetweennessInfo = { mode: 'skipped', pivots: 0, distance: options.betweennessDistance ?? 'hops' };
  const betweennessMode = options.betweenness ?? 'auto';
  if (betweennessMode !== 'skip') {
    time('betweenness', () => {
      const b = betweennessOfIndex(ix, {
        seed: options.seed,
        mode: betweennessMode,
        exactLimit: options.exactLimit,
        pivots: options.pivots,
        distance: options.betweennessDistance,
        normalized: options.normalized,
      });
      columns.betweenness.set(b.values);
      info = { mode: b.mode, pivots: b.pivots, distance: b.distance };
    });
  }
  return { columns, betweenness: info, timings, warnings };
}

export interface RankedNode {
  node: string;
  value: number;
  /** 1-based rank; ties broken by node id so rankings are stable. */
  rank: number;
}

/** The k stakeholders with the highest `metric`, optionally among those passing `filter`. */
export function topBy(
  scores: Map<string, InfluenceScores>,
  metric: InfluenceMetric,
  k: number,
  filter?: (node: string, scores: InfluenceScores) => boolean,
): RankedNode[] {
  const rows: Array<{ node: string; value: number }> = [];
  for (const [node, s] of scores) if (!filter || filter(node, s)) rows.push({ node, value: s[metric] });
  rows.sort((a, b) => b.value - a.value || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
  return rows.slice(0, Math.max(0, k)).map((r, i) => ({ ...r, rank: i + 1 }));
}

/** Rows restricted to positive-weight pairs (as in the collapsed graph) with per-step lengths. */
function positiveRows(
  out: Csr,
  distance: 'hops' | 'inverse-weight',
): { start: Int32Array; target: Int32Array; len: Float64Array } {
  const n = out.start.length - 1;
  const start = new Int32Array(n + 1);
  let m = 0;
  for (let p = 0; p < out.target.length; p++) if (out.weight[p]! > 0) m++;
  const target = new Int32Array(m);
  const len = new Float64Array(m);
  m = 0;
  for (let u = 0; u < n; u++) {
    start[u] = m;
    for (let p = out.start[u]!; p < out.start[u + 1]!; p++) {
      const w = out.weight[p]!;
      if (!(w > 0)) continue;
      target[m] = out.target[p]!;
      len[m++] = distance === 'hops' ? 1 : 1 / w;
    }
  }
  start[n] = m;
  return { start, target, len };
}

interface BrandesState {
  /** Linear scaling: accumulate Σ_t δ_st(v) / d(s,t) and credit d(s,v) times it. */
  linear: boolean;
  dist: Float64Array;
  sigma: Float64Array;
  delta: Float64Array;
  order: Int32Array;
}

function brandesState(n: number, linear: boolean): BrandesState {
  return {
    linear,
    dist: new Float64Array(n).fill(-1),
    sigma: new Float64Array(n),
    delta: new Float64Array(n),
    order: new Int32Array(n),
  };
}

/** Accumulates source s's dependencies (successors found again from distances), then resets the touched entries. */
function accumulate(
  s: number,
  count: number,
  start: Int32Array,
  target: Int32Array,
  len: Float64Array,
  st: BrandesState,
  centrality: Float64Array,
): void {
  const { dist, sigma, delta, order, linear } = st;
  for (let i = count - 1; i >= 0; i--) {
    const w = order[i]!;
    const dw = dist[w]!;
    const sw = sigma[w]!;
    let d = 0;
    for (let p = start[w]!; p < start[w + 1]!; p++) {
      const x = target[p]!;
      if (dist[x] === dw + len[p]!) d += (sw / sigma[x]!) * ((linear ? 1 / dist[x]! : 1) + delta[x]!);
    }
    delta[w] = d;
    if (w !== s) centrality[w]! += linear ? dw * d : d;
  }
  for (let i = 0; i < count; i++) {
    const v = order[i]!;
    dist[v] = -1;
    sigma[v] = 0;
    delta[v] = 0;
  }
}

function bfsBrandes(
  s: number,
  start: Int32Array,
  target: Int32Array,
  _len: Float64Array,
  st: BrandesState,
  centrality: Float64Array,
): void {
  const { dist, sigma, order } = st;
  dist[s] = 0;
  sigma[s] = 1;
  order[0] = s;
  let head = 0;
  let tail = 1;
  while (head < tail) {
    const v = order[head++]!;
    const dv = dist[v]!;
    const sv = sigma[v]!;
    for (let p = start[v]!; p < start[v + 1]!; p++) {
      const w = target[p]!;
      if (dist[w]! < 0) {
        dist[w] = dv + 1;
        order[tail++] = w;
      }
      if (dist[w] === dv + 1) sigma[w]! += sv;
    }
  }
  accumulateHops(s, tail, start, target, st, centrality);
}

/**
 * accumulate() for hop distances, the hot loop of a large run: successors are the row entries one hop
 * further, and `delta` holds each finished node's (c + δ)/σ, so a predecessor's dependency is σ times
 * a plain sum (no division per tie). Same values as accumulate() up to rounding.
 */
function accumulateHops(
  s: number,
  count: number,
  start: Int32Array,
  target: Int32Array,
  st: BrandesState,
  centrality: Float64Array,
): void {
  const { dist, sigma, delta, order, linear } = st;
  for (let i = count - 1; i >= 0; i--) {
    const w = order[i]!;
    const dw = dist[w]!;
    const next = dw + 1;
    let sum = 0;
    for (let p = start[w]!; p < start[w + 1]!; p++) {
      const x = target[p]!;
      if (dist[x] === next) sum += delta[x]!;
    }
    const sw = sigma[w]!;
    const d = sw * sum;
    if (w === s) break; // the source is first in BFS order, hence last here
    centrality[w]! += linear ? dw * d : d;
    delta[w] = ((linear ? 1 / dw : 1) + d) / sw;
  }
  for (let i = 0; i < count; i++) {
    const v = order[i]!;
    dist[v] = -1;
    sigma[v] = 0;
    delta[v] = 0;
  }
}

function dijkstraBrandes(
  s: number,
  start: Int32Array,
  target: Int32Array,
  len: Float64Array,
  st: BrandesState,
  centrality: Float64Array,
): void {
  const { dist, sigma, order } = st;
  const n = dist.length;
  // Tentative distances live in `seen`; `dist` is set when a node is settled (in `order`).
  const seen = new Float64Array(n).fill(Infinity);
  const heap = new Heap<[number, number]>((a, b) => a[0] - b[0] || a[1] - b[1]);
  seen[s] = 0;
  sigma[s] = 1;
  heap.push([0, s]);
  let count = 0;
  while (heap.size > 0) {
    const [d, v] = heap.pop()!;
    if (dist[v]! >= 0 || d > seen[v]!) continue;
    dist[v] = d;
    order[count++] = v;
    const sv = sigma[v]!;
    for (let p = start[v]!; p < start[v + 1]!; p++) {
      const w = target[p]!;
      if (dist[w]! >= 0) continue;
      const nd = d + len[p]!;
      if (nd < seen[w]!) {
        seen[w] = nd;
        sigma[w] = sv;
        heap.push([nd, w]);
      } else if (nd === seen[w]) {
        sigma[w]! += sv;
      }
    }
  }
  accumulate(s, count, start, target, len, st, centrality);
}
