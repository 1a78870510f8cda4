// Influence scores per stakeholder: weighted in/out degree, PageRank, HITS hubs/authorities, k-core number and (exact or sampled) betweenness, with a ranking helper.
//
// Packages: PageRank, HITS and exact betweenness come from graphology-metrics; the sampled
// betweenness reuses graphology-shortest-path's indexed Brandes routine (the same single-source pass
// the exact version runs for every node). They run on a collapsed simple directed copy of the graph
// (parallel ties of different types summed, zero-weight pairs and self-loops dropped), because HITS
// refuses multi graphs and PageRank divides by a node's out-weight (NaN when it is 0).
//
// Written here: the k-core decomposition (Batagelj & Zaversnik 2003, O(n + m) bucket algorithm on the
// undirected projection), because no maintained graphology package provides it.
//
// Sampled betweenness estimator: choose `pivots` sources uniformly without replacement with the
// seeded PRNG, accumulate Brandes' single-source dependencies δ_s(v) for those sources only, and
// scale by n / pivots. Each source is in the sample with probability pivots / n, so the estimate is
// unbiased: E[(n/p) Σ_{s∈S} δ_s(v)] = Σ_s δ_s(v). Its relative standard error for node v is about
// cv(v) · sqrt((n − p) / (n − 1)) / sqrt(p), where cv(v) is the coefficient of variation of δ_s(v)
// over sources: it falls like 1/sqrt(pivots) and is smallest for the high-betweenness nodes that
// rankings care about (their dependencies are spread over many sources). Brandes & Pich (2007).
import Graph, { DirectedGraph } from 'graphology';
import pagerank from 'graphology-metrics/centrality/pagerank';
import hits from 'graphology-metrics/centrality/hits';
import exactBetweenness from 'graphology-metrics/centrality/betweenness';
import { createDijkstraIndexedBrandes, createUnweightedIndexedBrandes } from 'graphology-shortest-path/indexed-brandes';
import { createRandom } from './random.js';
import { directedTieIndex, undirectedTieIndex, type TieWeightOption } from './tie-index.js';

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
  const ix = directedTieIndex(graph, { getEdgeWeight });
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
export function coreNumbers(graph: Graph): Map<string, number> {
  const ix = undirectedTieIndex(graph, { getEdgeWeight: null });
  const { start, target } = ix.adj;
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
  const out = new Map<string, number>();
  for (let v = 0; v < n; v++) out.set(ix.nodes[v]!, deg[v]!);
  return out;
}

export interface BetweennessOptions {
  getEdgeWeight?: TieWeightOption;
  seed?: number;
  mode?: 'auto' | 'exact' | 'sampled';
  exactLimit?: number;
  pivots?: number;
  distance?: 'hops' | 'inverse-weight';
  normalized?: boolean;
}

export interface BetweennessResult extends BetweennessInfo {
  scores: Map<string, number>;
}

/** Directed betweenness on the collapsed graph: exact (graphology-metrics) or pivot-sampled Brandes (see module header). */
export function betweenness(graph: Graph, options: BetweennessOptions = {}, collapsed?: DirectedGraph): BetweennessResult {
  const simple = collapsed ?? collapsedDirected(graph, options.getEdgeWeight);
  const n = simple.order;
  const distance = options.distance ?? 'hops';
  const normalized = options.normalized ?? true;
  const exactLimit = options.exactLimit ?? 5000;
  const mode = options.mode ?? 'auto';
  const pivots = Math.max(1, Math.min(n, Math.floor(options.pivots ?? 256)));
  const inverse = (_e: string, attr: { weight?: number }): number => 1 / (attr.weight ?? 1);
  const useExact = mode === 'exact' || (mode === 'auto' && (n <= exactLimit || pivots >= n));

  if (useExact) {
    const raw = exactBetweenness(simple, { getEdgeWeight: distance === 'hops' ? null : inverse, normalized });
    const scores = new Map<string, number>();
    simple.forEachNode((node) => scores.set(node, raw[node] ?? 0));
    return { mode: 'exact', pivots: n, distance, scores };
  }

  const brandes = distance === 'hops' ? createUnweightedIndexedBrandes(simple) : createDijkstraIndexedBrandes(simple, inverse);
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
  const delta = new Float64Array(n);
  const centrality = new Float64Array(n);
  for (let k = 0; k < pivots; k++) {
    const source = ids[k]!;
    const [S, P, sigma] = brandes(source);
    while (S.size !== 0) {
      const w = S.pop()!;
      const coefficient = (1 + delta[w]!) / sigma[w]!;
      const preds = P[w]!;
      for (let j = 0; j < preds.length; j++) {
        const v = preds[j]!;
        delta[v]! += sigma[v]! * coefficient;
      }
      if (w !== source) centrality[w]! += delta[w]!;
      // Every contribution to delta[w] came from nodes popped before w, so it can be reset now.
      delta[w] = 0;
    }
  }
  let scale = n / pivots;
  if (normalized) scale *= n <= 2 ? 1 : 1 / ((n - 1) * (n - 2));
  const scores = new Map<string, number>();
  const nodes = simple.nodes(); // the indexed Brandes routine numbers nodes in graph.nodes() order
  for (let i = 0; i < n; i++) scores.set(nodes[i]!, centrality[i]! * scale);
  return { mode: 'sampled', pivots, distance, scores };
}

/** Computes every influence score for every stakeholder. Deterministic given `options.seed`. */
export function influence(graph: Graph, options: InfluenceOptions = {}): InfluenceResult {
  const timings: Record<string, number> = {};
  const warnings: string[] = [];
  const time = <T>(label: string, f: () => T): T => {
    const t0 = performance.now();
    const r = f();
    timings[label] = performance.now() - t0;
    return r;
  };

  const simple = time('collapse', () => collapsedDirected(graph, options.getEdgeWeight));
  const scores = new Map<string, InfluenceScores>();
  simple.forEachNode((node) =>
    scores.set(node, {
      inDegree: 0,
      outDegree: 0,
      weightedInDegree: 0,
      weightedOutDegree: 0,
      pagerank: 0,
      authority: 0,
      hub: 0,
      coreNumber: 0,
      betweenness: 0,
    }),
  );

  time('degree', () => {
    simple.forEachEdge((_e, attr, s, t) => {
      const w = attr.weight as number;
      const a = scores.get(s)!;
      const b = scores.get(t)!;
      a.outDegree++;
      a.weightedOutDegree += w;
      b.inDegree++;
      b.weightedInDegree += w;
    });
  });

  time('pagerank', () => {
    if (simple.order === 0) return;
    const pr = pagerank(simple, { getEdgeWeight: 'weight', alpha: options.alpha ?? 0.85, maxIterations: 1000, tolerance: 1e-9 });
    for (const [node, s] of scores) s.pagerank = pr[node] ?? 0;
  });

  time('hits', () => {
    if (simple.size === 0) return;
    try {
      const h = hits(simple, { getEdgeWeight: 'weight', maxIterations: 1000, tolerance: 1e-10, normalize: true });
      for (const [node, s] of scores) {
        s.authority = h.authorities[node] ?? 0;
        s.hub = h.hubs[node] ?? 0;
      }
    } catch (error) {
      warnings.push(`HITS left at 0: ${(error as Error).message}`);
    }
  });

  time('kcore', () => {
    for (const [node, k] of coreNumbers(simple)) scores.get(node)!.coreNumber = k;
  });

  let info: BetweennessInfo = { mode: 'skipped', pivots: 0, distance: options.betweennessDistance ?? 'hops' };
  const betweennessMode = options.betweenness ?? 'auto';
  if (betweennessMode !== 'skip') {
    time('betweenness', () => {
      const b = betweenness(
        graph,
        {
          seed: options.seed,
          mode: betweennessMode,
          exactLimit: options.exactLimit,
          pivots: options.pivots,
          distance: options.betweennessDistance,
          normalized: options.normalized,
        },
        simple,
      );
      for (const [node, v] of b.scores) scores.get(node)!.betweenness = v;
      info = { mode: b.mode, pivots: b.pivots, distance: b.distance };
    });
  }
  return { scores, betweenness: info, timings, warnings };
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
