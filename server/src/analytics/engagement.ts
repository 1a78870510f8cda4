// Engagement planning: pick k stakeholders whose independent-cascade reach inside a target segment is largest (CELF lazy greedy over fixed live-edge samples), with a confidence interval and a degree baseline.
//
// Written here because no graphology package does influence maximisation.
//
// Model — independent cascade (Kempe, Kleinberg & Tardos 2003). Parallel ties u→v are summed into
// one weight W_uv (undirected ties act both ways). Default mapping ('exponential'):
//     p_uv = 1 − (1 − p̄)^(W_uv / w̄)
// where w̄ is the mean positive tie weight and p̄ (`meanTieProbability`, default 0.1) the chance that a
// tie of average weight passes the message on. A tie of weight W behaves like W/w̄ independent average
// ties, so splitting a tie into parallel ties of the same total weight does not change the model.
// Alternatives: 'linear' p = pmax · W / max W, 'constant' p, or any function of W.
//
// Samples — live-edge worlds. In the live-edge view of the cascade, world r keeps tie e with
// probability p_e, and the reach of seeds S is what S reaches over kept ties. A world is never stored:
// tie e is live in world r iff fmix32(hash(e) ⊕ salt_r) < p_e · 2³², with the salts drawn from
// createRandom(seed). So a world is a fixed sample that every root, every candidate evaluation and the
// brute-force check in the quality tests see identically, at no memory cost.
// Selection works on reverse-reachable (RR) sets (Borgs et al. 2014): for a (world, root) pair with the
// root in the segment, the RR set is every stakeholder that reaches the root in that world. The
// expected reach of S inside the segment is |segment| × P(S hits a random RR set), so greedy
// selection becomes max-coverage over the RR sets, which CELF (Leskovec et al. 2007) evaluates lazily:
// coverage is submodular, so a stale gain is an upper bound and only the heap top is re-evaluated.
// When |segment| × simulations ≤ `maxRrSets` every member is a root in every world, and the objective
// is exactly the mean in-segment reach over the `simulations` worlds; above that, (world, root) pairs
// are sampled uniformly (`maxRrSets`, default 100,000) and generation also stops once the sets hold
// `maxRrEntries` nodes in total (default 5,000,000) or once `maxRrWork` in-ties have been examined
// (default 40,000,000, about 1–2 s): in a supercritical cascade every RR set contains the giant
// component, and ~10⁴ RR sets already give ~2% relative error on the reach of a good seed set. The
// sets drawn before a budget stops generation are still uniform (world, root) pairs, so the estimate
// stays unbiased; only its variance grows.
// The greedy estimate is optimistic (it is maximised on the same samples), so the final seed set is
// re-simulated forward on `simulations` fresh worlds; the reported mean and 95% CI (mean ± 1.96·sd/√R)
// come from those.
import type Graph from 'graphology';
import type { Attributes } from 'graphology-types';
import Heap from 'mnemonist/heap.js';
import { createRandom } from '../domain/random.js';
import { directedTieIndex, type DirectedTieIndex, type TieWeightOption } from './tie-index.js';

export type ActivationProbability =
  | { kind: 'exponential'; meanTieProbability?: number }
  | { kind: 'linear'; maxProbability?: number }
  | { kind: 'constant'; probability: number }
  | ((summedWeight: number) => number);

export interface CascadeOptions {
  getEdgeWeight?: TieWeightOption;
  /** Tie weight → activation probability (default exponential with p̄ = 0.1, see header). */
  probability?: ActivationProbability;
  /** Seed of the PRNG that draws world salts and roots (default 1). */
  seed?: number;
  /** Live-edge worlds for selection, and fresh worlds for the final estimate (default 200). */
  simulations?: number;
}

/** A node set given as ids or as a predicate over (node, attributes). */
export type NodeSelector = Iterable<string> | ((node: string, attributes: Attributes) => boolean);

/** The directed index plus per-tie live thresholds (p · 2³²), reusable across calls. */
export interface CascadeModel {
  index: DirectedTieIndex;
  /** threshold[e] for out-row position e. */
  threshold: Float64Array;
  /** The same thresholds aligned with the in-rows (sequential reads in the reverse searches). */
  inThreshold: Float64Array;
}

const TWO32 = 4294967296;

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Coin of tie e (out-row position) in the world with salt `salt`. */
function coin(e: number, salt: number): number {
  return fmix32(Math.imul(e + 1, 0x9e3779b1) ^ salt);
}

/** Builds the cascade model: summed tie weights → activation probabilities (see header). */
export function prepareCascade(graph: Graph, options: CascadeOptions = {}): CascadeModel {
  const index = directedTieIndex(graph, { getEdgeWeight: options.getEdgeWeight });
  const w = index.out.weight;
  const m = w.length;
  const mapping = options.probability ?? { kind: 'exponential' };
  let toP: (weight: number) => number;
  if (typeof mapping === 'function') {
    toP = mapping;
  } else if (mapping.kind === 'exponential') {
    let sum = 0;
    let count = 0;
    for (let e = 0; e < m; e++) {
      if (w[e]! > 0) {
        sum += w[e]!;
        count++;
      }
    }
    const mean = count > 0 ? sum / count : 1;
    const pBar = mapping.meanTieProbability ?? 0.1;
    const logQ = Math.log1p(-Math.min(pBar, 1 - 1e-12));
    toP = (weight) => 1 - Math.exp((logQ * weight) / mean);
  } else if (mapping.kind === 'linear') {
    let max = 0;
    for (let e = 0; e < m; e++) if (w[e]! > max) max = w[e]!;
    const pMax = mapping.maxProbability ?? 0.5;
    toP = (weight) => (max > 0 ? (pMax * weight) / max : 0);
  } else {
    const p = mapping.probability;
    toP = () => p;
  }
  const threshold = new Float64Array(m);
  for (let e = 0; e < m; e++) {
    const p = toP(w[e]!);
    threshold[e] = Number.isFinite(p) ? Math.min(1, Math.max(0, p)) * TWO32 : 0;
  }
  const inThreshold = new Float64Array(m);
  for (let j = 0; j < m; j++) inThreshold[j] = threshold[index.inToOut[j]!]!;
  return { index, threshold, inThreshold };
}

function selectNodes(graph: Graph, ix: DirectedTieIndex, selector: NodeSelector | undefined, all: boolean): Uint8Array {
  const mask = new Uint8Array(ix.nodes.length);
  if (selector === undefined) {
    if (all) mask.fill(1);
    return mask;
  }
  if (typeof selector === 'function') {
    ix.nodes.forEach((node, i) => {
      if (selector(node, graph.getNodeAttributes(node))) mask[i] = 1;
    });
  } else {
    for (const node of selector) {
      const i = ix.indexOf.get(node);
      if (i !== undefined) mask[i] = 1;
    }
  }
  return mask;
}

function worldSalts(seed: number, count: number, offset: number): Uint32Array {
  const random = createRandom(seed);
  for (let i = 0; i < offset; i++) random();
  const salts = new Uint32Array(count);
  for (let i = 0; i < count; i++) salts[i] = Math.floor(random() * TWO32);
  return salts;
}

// ---------------------------------------------------------------------------------------------
// RR samples

/** A fixed collection of RR sets over which coverage (= estimated in-segment reach) is evaluated. */
export interface RrSamples {
  model: CascadeModel;
  segmentSize: number;
  worlds: number;
  /** RR set i holds nodes `entries[setStart[i] .. setStart[i+1])`. */
  setStart: Int32Array;
  entries: Int32Array;
  /** Inverted index: the RR sets containing node v are `memberSets[memberStart[v] .. memberStart[v+1])`. */
  memberStart: Int32Array;
  memberSets: Int32Array;
  /** True when every segment member was a root in every world (objective exact over the worlds). */
  exhaustive: boolean;
}

export interface RrOptions extends CascadeOptions {
  maxRrSets?: number;
  maxRrEntries?: number;
  /** Stop after examining this many in-ties in total (default 40,000,000 ≈ 1–2 s). */
  maxRrWork?: number;
  /** Stakeholders treated as absent (what-if). */
  blocked?: Uint8Array;
}

/** Samples RR sets for the segment (see header). */
export function sampleRrSets(model: CascadeModel, segment: Uint8Array, options: RrOptions = {}): RrSamples {
  const ix = model.index;
  const n = ix.nodes.length;
  const worlds = Math.max(1, Math.floor(options.simulations ?? 200));
  const maxSets = Math.max(1, Math.floor(options.maxRrSets ?? 100_000));
  const maxEntries = Math.max(1, Math.floor(options.maxRrEntries ?? 5_000_000));
  const maxWork = Math.max(1, Math.floor(options.maxRrWork ?? 40_000_000));
  const blocked = options.blocked;
  const members: number[] = [];
  for (let v = 0; v < n; v++) if (segment[v] && !(blocked && blocked[v])) members.push(v);
  const salts = worldSalts(options.seed ?? 1, worlds, 0);
  const random = createRandom((options.seed ?? 1) ^ 0x2545f491);
  const exhaustive = members.length * worlds <= maxSets;
  const totalSets = members.length === 0 ? 0 : exhaustive ? members.length * worlds : maxSets;

  const { start: inStart, target: inSource } = ix.in;
  const inToOut = ix.inToOut;
  const inThreshold = model.inThreshold;
  const stamp = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let entries = new Int32Array(Math.min(maxEntries, Math.max(1024, totalSets * 4)));
  const setStart: number[] = [0];
  let len = 0;

  let work = 0;
  for (let s = 0; s < totalSets && len < maxEntries && work < maxWork; s++) {
    let r: number;
    let root: number;
    if (exhaustive) {
      r = Math.floor(s / members.length);
      root = members[s % members.length]!;
    } else {
      r = s % worlds; // round-robin over worlds, uniform root
      root = members[Math.floor(random() * members.length)]!;
    }
    const salt = salts[r]!;
    let head = 0;
    let tail = 0;
    queue[tail++] = root;
    stamp[root] = s;
    while (head < tail) {
      const x = queue[head++]!;
      work += inStart[x + 1]! - inStart[x]!;
      for (let j = inStart[x]!; j < inStart[x + 1]!; j++) {
        const u = inSource[j]!;
        if (stamp[u] === s || (blocked && blocked[u])) continue;
        const thr = inThreshold[j]!;
        if (thr > 0 && coin(inToOut[j]!, salt) < thr) {
          stamp[u] = s;
          queue[tail++] = u;
        }
      }
    }
    if (len + tail > entries.length) {
      const grown = new Int32Array(Math.max(entries.length * 2, len + tail));
      grown.set(entries.subarray(0, len));
      entries = grown;
    }
    entries.set(queue.subarray(0, tail), len);
    len += tail;
    setStart.push(len);
  }
  const numSets = setStart.length - 1;
  const memberStart = new Int32Array(n + 1);
  for (let i = 0; i < len; i++) memberStart[entries[i]! + 1]!++;
  for (let v = 0; v < n; v++) memberStart[v + 1]! += memberStart[v]!;
  const cursor = memberStart.slice(0, n);
  const memberSets = new Int32Array(len);
  for (let sIdx = 0; sIdx < numSets; sIdx++) {
    for (let i = setStart[sIdx]!; i < setStart[sIdx + 1]!; i++) memberSets[cursor[entries[i]!]!++] = sIdx;
  }
  return {
    model,
    segmentSize: members.length,
    worlds,
    setStart: Int32Array.from(setStart),
    entries: entries.slice(0, len),
    memberStart,
    memberSets,
    exhaustive: exhaustive && numSets === totalSets,
  };
}

/** Estimated in-segment reach of `seeds` (node ids or indices) on fixed RR samples. */
export function rrReach(samples: RrSamples, seeds: Iterable<string | number>): number {
  const numSets = samples.setStart.length - 1;
  if (numSets === 0) return 0;
  const covered = new Uint8Array(numSets);
  let count = 0;
  for (const seed of seeds) {
    const v = typeof seed === 'number' ? seed : samples.model.index.indexOf.get(seed);
    if (v === undefined) continue;
    for (let i = samples.memberStart[v]!; i < samples.memberStart[v + 1]!; i++) {
      const s = samples.memberSets[i]!;
      if (!covered[s]) {
        covered[s] = 1;
        count++;
      }
    }
  }
  return (count / numSets) * samples.segmentSize;
}

export interface CelfStep {
  node: string;
  /** Estimated reach added by this seed on the selection samples. */
  marginalGain: number;
  /** Estimated reach of the seeds so far on the selection samples. */
  cumulativeReach: number;
}

/** CELF lazy greedy max-coverage on fixed RR samples; `candidates` mask (default all). */
export function celf(samples: RrSamples, k: number, candidates?: Uint8Array): CelfStep[] {
  const n = samples.model.index.nodes.length;
  const numSets = samples.setStart.length - 1;
  const { memberStart, memberSets } = samples;
  const covered = new Uint8Array(numSets);
  const scale = numSets > 0 ? samples.segmentSize / numSets : 0;
  // Heap items: [gain, node, round evaluated]; max gain first, then smallest node index.
  const heap = new Heap<[number, number, number]>((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let v = 0; v < n; v++) {
    if (candidates && !candidates[v]) continue;
    heap.push([memberStart[v + 1]! - memberStart[v]!, v, 0]);
  }
  const steps: CelfStep[] = [];
  let total = 0;
  let round = 0;
  while (steps.length < k && heap.size > 0) {
    const top = heap.pop()!;
    if (top[2] !== round) {
      const v = top[1];
      let gain = 0;
      for (let i = memberStart[v]!; i < memberStart[v + 1]!; i++) if (!covered[memberSets[i]!]) gain++;
      heap.push([gain, v, round]);
      continue;
    }
    const v = top[1];
    for (let i = memberStart[v]!; i < memberStart[v + 1]!; i++) covered[memberSets[i]!] = 1;
    total += top[0];
    steps.push({ node: samples.model.index.nodes[v]!, marginalGain: top[0] * scale, cumulativeReach: total * scale });
    round++;
  }
  return steps;
}

// ---------------------------------------------------------------------------------------------
// Forward Monte-Carlo

export interface ReachEstimate {
  mean: number;
  stdDev: number;
  ci95: [number, number];
  simulations: number;
  /** In-segment reach in each world (for paired comparisons under common random numbers). */
  perWorld: Float64Array;
}

export interface ReachOptions extends CascadeOptions {
  /** Stakeholders treated as absent: they neither activate nor pass on (what-if). */
  blocked?: Uint8Array;
  /** Use the worlds after the first `worldOffset` salts (engagement uses the selection worlds' successors). */
  worldOffset?: number;
}

/** Expected in-segment reach of `seeds` by forward simulation over `simulations` worlds, with a 95% CI. */
export function simulateReach(
  model: CascadeModel,
  seeds: readonly number[],
  segment: Uint8Array,
  options: ReachOptions = {},
): ReachEstimate {
  const ix = model.index;
  const n = ix.nodes.length;
  const R = Math.max(1, Math.floor(options.simulations ?? 200));
  const salts = worldSalts(options.seed ?? 1, R, options.worldOffset ?? 0);
  const { start, target } = ix.out;
  const threshold = model.threshold;
  const blocked = options.blocked;
  const stamp = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let sum = 0;
  let sumSq = 0;
  const perWorld = new Float64Array(R);
  for (let r = 0; r < R; r++) {
    const salt = salts[r]!;
    let head = 0;
    let tail = 0;
    let reached = 0;
    for (const s of seeds) {
      if (stamp[s] === r || (blocked && blocked[s])) continue;
      stamp[s] = r;
      queue[tail++] = s;
      if (segment[s]) reached++;
    }
    while (head < tail) {
      const x = queue[head++]!;
      for (let e = start[x]!; e < start[x + 1]!; e++) {
        const v = target[e]!;
        if (stamp[v] === r || (blocked && blocked[v])) continue;
        if (coin(e, salt) < threshold[e]!) {
          stamp[v] = r;
          queue[tail++] = v;
          if (segment[v]) reached++;
        }
      }
    }
    perWorld[r] = reached;
    sum += reached;
    sumSq += reached * reached;
  }
  const mean = sum / R;
  const variance = R > 1 ? Math.max(0, (sumSq - R * mean * mean) / (R - 1)) : 0;
  const stdDev = Math.sqrt(variance);
  const half = (1.96 * stdDev) / Math.sqrt(R);
  return { mean, stdDev, ci95: [mean - half, mean + half], simulations: R, perWorld };
}

/** Expected in-segment reach of a seed list on `graph` (forward Monte-Carlo, see `simulateReach`). */
export function estimateReach(
  graph: Graph,
  seeds: readonly string[],
  segment: NodeSelector | undefined,
  options: CascadeOptions & { blocked?: Iterable<string>; model?: CascadeModel } = {},
): ReachEstimate {
  const model = options.model ?? prepareCascade(graph, options);
  const ix = model.index;
  const seg = selectNodes(graph, ix, segment, true);
  const blocked = options.blocked ? selectNodes(graph, ix, options.blocked, false) : undefined;
  const ids = seeds.map((s) => ix.indexOf.get(s)).filter((v): v is number => v !== undefined);
  return simulateReach(model, ids, seg, { ...options, blocked });
}

// ---------------------------------------------------------------------------------------------
// The planner

export interface EngagementOptions extends CascadeOptions {
  /** Number of seeds. */
  k: number;
  /** Target segment (default: everyone). Reach is counted only inside it. */
  segment?: NodeSelector;
  /** Who may be a seed (default: anyone). */
  candidates?: NodeSelector;
  /** Cap on RR sets (default 100,000), on their total size (default 5,000,000) and on in-ties examined (default 40,000,000). */
  maxRrSets?: number;
  maxRrEntries?: number;
  maxRrWork?: number;
  /** Reuse a prepared model (same graph and probability options). */
  model?: CascadeModel;
}

export interface EngagementResult {
  seeds: CelfStep[];
  /** Fresh-world forward estimate of the final seed set's in-segment reach. */
  expectedReach: ReachEstimate;
  segmentSize: number;
  samples: { worlds: number; rrSets: number; entries: number; exhaustive: boolean };
  runtimeMs: { prepare: number; sampling: number; selection: number; evaluation: number; total: number };
}

/** Chooses k seeds maximising expected independent-cascade reach inside the segment (CELF over RR samples). */
export function planEngagement(graph: Graph, options: EngagementOptions): EngagementResult {
  const t0 = performance.now();
  const model = options.model ?? prepareCascade(graph, options);
  const t1 = performance.now();
  const ix = model.index;
  const segment = selectNodes(graph, ix, options.segment, true);
  const candidates = options.candidates === undefined ? undefined : selectNodes(graph, ix, options.candidates, false);
  const samples = sampleRrSets(model, segment, options);
  const t2 = performance.now();
  const steps = celf(samples, Math.max(0, Math.floor(options.k)), candidates);
  const t3 = performance.now();
  const worlds = Math.max(1, Math.floor(options.simulations ?? 200));
  const seedIds = steps.map((s) => ix.indexOf.get(s.node)!);
  const expectedReach = simulateReach(model, seedIds, segment, { ...options, worldOffset: worlds });
  const t4 = performance.now();
  return {
    seeds: steps,
    expectedReach,
    segmentSize: samples.segmentSize,
    samples: {
      worlds: samples.worlds,
      rrSets: samples.setStart.length - 1,
      entries: samples.entries.length,
      exhaustive: samples.exhaustive,
    },
    runtimeMs: { prepare: t1 - t0, sampling: t2 - t1, selection: t3 - t2, evaluation: t4 - t3, total: t4 - t0 },
  };
}

/** Baseline: the k candidates with the most distinct out-neighbours (ties: weighted out-degree, then id). */
export function topKByDegree(
  graph: Graph,
  k: number,
  options: { candidates?: NodeSelector; getEdgeWeight?: TieWeightOption } = {},
): string[] {
  const ix = directedTieIndex(graph, { getEdgeWeight: options.getEdgeWeight });
  const cand = options.candidates === undefined ? undefined : selectNodes(graph, ix, options.candidates, false);
  const rows: Array<{ v: number; d: number; w: number }> = [];
  for (let v = 0; v < ix.nodes.length; v++) {
    if (cand && !cand[v]) continue;
    let w = 0;
    for (let p = ix.out.start[v]!; p < ix.out.start[v + 1]!; p++) w += ix.out.weight[p]!;
    rows.push({ v, d: ix.out.start[v + 1]! - ix.out.start[v]!, w });
  }
  rows.sort((a, b) => b.d - a.d || b.w - a.w || (ix.nodes[a.v]! < ix.nodes[b.v]! ? -1 : 1));
  return rows.slice(0, Math.max(0, k)).map((r) => ix.nodes[r.v]!);
}

/** Resolves a selector into a node mask over `model.index` (for callers composing the lower-level functions). */
export function nodeMask(graph: Graph, model: CascadeModel, selector: NodeSelector | undefined, defaultAll: boolean): Uint8Array {
  return selectNodes(graph, model.index, selector, defaultAll);
}
