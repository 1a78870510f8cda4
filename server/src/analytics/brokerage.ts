// Brokerage: Burt's structural holes (constraint, effective size, efficiency) and Gould–Fernandez brokerage roles between groups, plus "who connects group A to group B?".
//
// Written here because no graphology package computes structural holes or brokerage roles.
//
// Structural holes (Burt 1992; weighted form as in networkx): on the undirected projection, where
// the weight of {i,j} sums every tie between i and j in both directions, p_ij = w_ij / Σ_k w_ik.
//   constraint(i)     = Σ_{j∈N(i)} (p_ij + Σ_{q∈N(i), q≠j} p_iq · p_qj)²
//   effectiveSize(i)  = Σ_{j∈N(i)} (1 − Σ_{q∈N(i), q≠j} p_iq · m_jq),  m_jq = w_jq / max_k w_jk
//   efficiency(i)     = effectiveSize(i) / |N(i)|
// Cost Σ_q deg(q)² (each ego walks its neighbours' rows); isolates get null.
//
// Gould–Fernandez (1989): for every directed two-path a→b→c with a ≠ c and no a→c tie (any type),
// broker b is classified by the groups of a, b, c:
//   coordinator  a, b, c same group          itinerant (consultant)  a, c same; b different
//   representative  b same as a; c different  gatekeeper  b same as c; a different
//   liaison  all different
// Groups come from `groupOf(node, attributes)`: one group id, or several (a stakeholder with many
// roles or communities), or null (ungrouped: two-paths touching it are not classified). With several
// groups a two-path is split into equal fractions over every combination (g_a, g_b, g_c), so each
// two-path always contributes exactly 1 in total; callers that want one group per node return one id.
// Two-path weight = min(w_ab, w_bc) (the weaker tie bounds what flows through b).
//
// Scale: two-paths through b number indeg(b)·outdeg(b). When that exceeds `maxPairsPerBroker`
// (default 200,000), b's pairs are sampled uniformly with replacement with the seeded PRNG and the
// counts scaled up by pairs/samples (unbiased; reported in `sampledBrokers`). The a→c check is a
// binary search in a's sorted out-row.
import type Graph from 'graphology';
import type { Attributes } from 'graphology-types';
import { createRandom } from '../domain/random.js';
import {
  directedTieIndex,
  findInRow,
  undirectedTieIndex,
  type Csr,
  type DirectedTieIndex,
  type TieWeightOption,
  type UndirectedTieIndex,
  recordsOfColumns,
} from './tie-index.js';

// ---------------------------------------------------------------------------------------------
// Structural holes

export interface StructuralHoleScores {
  /** Distinct neighbours on the undirected projection. */
  degree: number;
  /** Burt's constraint, null for isolates. Star centre with n leaves: 1/n; leaf: 1; triangle: 1.125. */
  constraint: number | null;
  /** Burt's effective size (weighted), null for isolates. */
  effectiveSize: number | null;
  /** effectiveSize / degree, null for isolates. */
  efficiency: number | null;
}

export interface StructuralHoleOptions {
  getEdgeWeight?: TieWeightOption;
  /** Compute only for these nodes (default all). */
  nodes?: Iterable<string>;
}

/** Burt's constraint, effective size and efficiency per stakeholder (weighted, undirected projection). */
export function structuralHoles(graph: Graph, options: StructuralHoleOptions = {}): Map<string, StructuralHoleScores> {
  const ix = undirectedTieIndex(graph, { getEdgeWeight: options.getEdgeWeight });
  const egos: number[] = [];
  if (options.nodes) {
    for (const node of options.nodes) {
      const i = ix.indexOf.get(node);
      if (i !== undefined) egos.push(i);
    }
  } else {
    for (let i = 0; i < ix.nodes.length; i++) egos.push(i);
  }
  const columns = structuralHolesOfIndex(ix, egos);
  const out = new Map<string, StructuralHoleScores>();
  const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);
  for (const i of egos) {
    out.set(ix.nodes[i]!, {
      degree: columns.degree[i]!,
      constraint: orNull(columns.constraint[i]!),
      effectiveSize: orNull(columns.effectiveSize[i]!),
      efficiency: orNull(columns.efficiency[i]!),
    });
  }
  return out;
}

/** Structural-hole scores as columns by node index; NaN where the map form has null (isolates, egos not asked for). */
export interface StructuralHoleColumns {
  degree: Int32Array;
  constraint: Float64Array;
  effectiveSize: Float64Array;
  efficiency: Float64Array;
}

/** Burt's constraint, effective size and efficiency on an undirected tie index, for `egos` (default every node). */
export function structuralHolesOfIndex(ix: UndirectedTieIndex, egos?: Iterable<number>): StructuralHoleColumns {
  const { start, target, weight } = ix.adj;
  const n = ix.nodes.length;
  const strength = ix.strength;
  const maxW = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    let m = 0;
    for (let p = start[v]!; p < start[v + 1]!; p++) if (weight[p]! > m) m = weight[p]!;
    maxW[v] = m;
  }
  const mark = new Int32Array(n).fill(-1); // mark[j] = ego for which j is a neighbour
  const pEgo = new Float64Array(n); // p_ij for the current ego
  const indirect = new Float64Array(n);
  const redundancy = new Float64Array(n);
  const columns: StructuralHoleColumns = {
    degree: new Int32Array(n),
    constraint: new Float64Array(n).fill(NaN),
    effectiveSize: new Float64Array(n).fill(NaN),
    efficiency: new Float64Array(n).fill(NaN),
  };
  const visit = (i: number): void => {
    const degree = start[i + 1]! - start[i]!;
    const si = strength[i]!;
    columns.degree[i] = degree;
    if (degree === 0 || si <= 0) return;
    for (let p = start[i]!; p < start[i + 1]!; p++) {
      const j = target[p]!;
      mark[j] = i;
      pEgo[j] = weight[p]! / si;
      indirect[j] = 0;
      redundancy[j] = 0;
    }
    for (let p = start[i]!; p < start[i + 1]!; p++) {
      const q = target[p]!;
      const piq = pEgo[q]!;
      const sq = strength[q]!;
      if (piq === 0 || sq <= 0) continue;
      for (let r = start[q]!; r < start[q + 1]!; r++) {
        const j = target[r]!;
        if (j === i || mark[j] !== i) continue;
        const wqj = weight[r]!;
        indirect[j]! += (piq * wqj) / sq;
        if (maxW[j]! > 0) redundancy[j]! += (piq * wqj) / maxW[j]!;
      }
    }
    let constraint = 0;
    let effectiveSize = 0;
    for (let p = start[i]!; p < start[i + 1]!; p++) {
      const j = target[p]!;
      const c = pEgo[j]! + indirect[j]!;
      constraint += c * c;
      effectiveSize += 1 - redundancy[j]!;
    }
    columns.constraint[i] = constraint;
    columns.effectiveSize[i] = effectiveSize;
    columns.efficiency[i] = effectiveSize / degree;
  };
  if (egos) for (const i of egos) visit(i);
  else for (let i = 0; i < n; i++) visit(i);
  return columns;
}

// ---------------------------------------------------------------------------------------------
// Gould–Fernandez brokerage roles

/** Group(s) of a stakeholder: one id, several ids (fractional counting), or null/undefined (ungrouped). */
export type GroupOf = (node: string, attributes: Attributes) => string | readonly string[] | null | undefined;

export type BrokerageRole = 'coordinator' | 'itinerant' | 'representative' | 'gatekeeper' | 'liaison';
export const BROKERAGE_ROLES: readonly BrokerageRole[] = ['coordinator', 'itinerant', 'representative', 'gatekeeper', 'liaison'];

export interface BrokerageCounts {
  coordinator: number;
  itinerant: number;
  representative: number;
  gatekeeper: number;
  liaison: number;
  /** All classified open two-paths through the broker. */
  total: number;
  /** Sum of min(w_ab, w_bc) over those two-paths. */
  weighted: number;
}

export interface BrokerageOptions {
  getEdgeWeight?: TieWeightOption;
  /** Above this many (in × out) pairs a broker's two-paths are sampled (default 200,000). */
  maxPairsPerBroker?: number;
  /** PRNG seed for that sampling (default 1). */
  seed?: number;
}

export interface BrokerageResult {
  /** Counts per broker; stakeholders that broker nothing are present with zeros. */
  roles: Map<string, BrokerageCounts>;
  /** Brokers whose two-paths were sampled (counts are then estimates). */
  sampledBrokers: string[];
}

/** Maps each node to the integer ids of its groups, in the caller's order (empty when ungrouped). */
function indexGroups(graph: Graph, nodes: string[], groupOf: GroupOf): { groups: Int32Array[]; names: string[] } {
  const ids = new Map<string, number>();
  const names: string[] = [];
  const groups = nodes.map((node) => {
    const raw = groupOf(node, graph.getNodeAttributes(node));
    const list = raw === null || raw === undefined ? [] : typeof raw === 'string' ? [raw] : [...new Set(raw)];
    const out = new Int32Array(list.length);
    list.forEach((g, k) => {
      let id = ids.get(g);
      if (id === undefined) {
        id = names.length;
        ids.set(g, id);
        names.push(g);
      }
      out[k] = id;
    });
    return out;
  });
  return { groups, names };
}

function emptyCounts(): BrokerageCounts {
  return { coordinator: 0, itinerant: 0, representative: 0, gatekeeper: 0, liaison: 0, total: 0, weighted: 0 };
}

/** Gould–Fernandez role of b for one group assignment. */
export function brokerageRole(ga: string | number, gb: string | number, gc: string | number): BrokerageRole {
  if (ga === gc) return ga === gb ? 'coordinator' : 'itinerant';
  if (gb === ga) return 'representative';
  if (gb === gc) return 'gatekeeper';
  return 'liaison';
}

/** Visits the (a, c) pairs of broker b — all of them, or `cap` uniform samples — calling visit(a, c, posAB, posBC, scale). */
function forEachPair(
  inRow: Csr,
  outRow: Csr,
  b: number,
  cap: number,
  random: () => number,
  visit: (a: number, c: number, pa: number, pc: number, scale: number) => void,
): boolean {
  const i0 = inRow.start[b]!;
  const i1 = inRow.start[b + 1]!;
  const o0 = outRow.start[b]!;
  const o1 = outRow.start[b + 1]!;
  const pairs = (i1 - i0) * (o1 - o0);
  if (pairs === 0) return false;
  if (pairs <= cap) {
    for (let pa = i0; pa < i1; pa++) {
      const a = inRow.target[pa]!;
      for (let pc = o0; pc < o1; pc++) visit(a, outRow.target[pc]!, pa, pc, 1);
    }
    return false;
  }
  const scale = pairs / cap;
  for (let s = 0; s < cap; s++) {
    const pa = i0 + Math.floor(random() * (i1 - i0));
    const pc = o0 + Math.floor(random() * (o1 - o0));
    visit(inRow.target[pa]!, outRow.target[pc]!, pa, pc, scale);
  }
  return true;
}

/** Gould–Fernandez brokerage role counts for every stakeholder (see module header). */
export function brokerageRoles(graph: Graph, groupOf: GroupOf, options: BrokerageOptions = {}): BrokerageResult {
  const ix = directedTieIndex(graph, { getEdgeWeight: options.getEdgeWeight });
  const { groups } = indexGroups(graph, ix.nodes, groupOf);
  const columns = brokerageRolesOfIndex(ix, groups, options);
  const roles = recordsOfColumns(ix.nodes, columns, [
    'coordinator',
    'itinerant',
    'representative',
    'gatekeeper',
    'liaison',
    'total',
    'weighted',
  ] as const);
  return { roles, sampledBrokers: columns.sampledBrokers.map((b) => ix.nodes[b]!) };
}

/** Brokerage counts as columns by node index; `sampledBrokers` are node indexes. */
export type BrokerageColumns = Record<keyof BrokerageCounts, Float64Array> & { sampledBrokers: number[] };

/**
 * Gould–Fernandez counts on a directed tie index; `groups[v]` holds the integer group ids of node v
 * (empty: ungrouped). Same counting as brokerageRoles.
 */
export function brokerageRolesOfIndex(
  ix: DirectedTieIndex,
  groups: readonly Int32Array[],
  options: Pick<BrokerageOptions, 'maxPairsPerBroker' | 'seed'> = {},
): BrokerageColumns {
  const n = ix.nodes.length;
  const cap = Math.max(1, options.maxPairsPerBroker ?? 200_000);
  const random = createRandom(options.seed ?? 1);
  const column = (): Float64Array => new Float64Array(n);
  const columns: BrokerageColumns = {
    coordinator: column(),
    itinerant: column(),
    representative: column(),
    gatekeeper: column(),
    liaison: column(),
    total: column(),
    weighted: column(),
    sampledBrokers: [],
  };
  const out = ix.out;
  const inRow = ix.in;
  const counts = emptyCounts();

  for (let b = 0; b < n; b++) {
    const gB = groups[b]!;
    if (gB.length === 0) continue;
    counts.coordinator = counts.itinerant = counts.representative = counts.gatekeeper = counts.liaison = 0;
    counts.total = counts.weighted = 0;
    const sampled = forEachPair(inRow, out, b, cap, random, (a, c, pa, pc, scale) => {
      if (a === c || findInRow(out, a, c) >= 0) return;
      const gA = groups[a]!;
      const gC = groups[c]!;
      if (gA.length === 0 || gC.length === 0) return;
      const w = Math.min(inRow.weight[pa]!, out.weight[pc]!);
      const share = scale / (gA.length * gB.length * gC.length);
      for (let x = 0; x < gA.length; x++)
        for (let y = 0; y < gB.length; y++)
          for (let z = 0; z < gC.length; z++) counts[brokerageRole(gA[x]!, gB[y]!, gC[z]!)] += share;
      counts.total += scale;
      counts.weighted += scale * w;
    });
    columns.coordinator[b] = counts.coordinator;
    columns.itinerant[b] = counts.itinerant;
    columns.representative[b] = counts.representative;
    columns.gatekeeper[b] = counts.gatekeeper;
    columns.liaison[b] = counts.liaison;
    columns.total[b] = counts.total;
    columns.weighted[b] = counts.weighted;
    if (sampled) columns.sampledBrokers.push(b);
  }
  return columns;
}

// ---------------------------------------------------------------------------------------------
// Who connects group A to group B?

export interface BrokersBetweenOptions extends BrokerageOptions {
  /** Follow tie direction a→b→c (default true); false treats every tie as two-way. */
  directed?: boolean;
  /** Count only open two-paths, i.e. no direct a→c tie (default true, as in Gould–Fernandez). */
  requireOpen?: boolean;
}

export interface BrokerBetween {
  node: string;
  rank: number;
  /** Open two-paths from a member of `fromGroup` to a member of `toGroup` through this stakeholder (estimated if sampled). */
  twoPaths: number;
  /** Sum of min(w_ab, w_bc) over those two-paths. */
  weight: number;
  /** Distinct members of `fromGroup` / `toGroup` reached on either side (lower bounds if sampled). */
  sources: number;
  targets: number;
  /** The broker's own groups. */
  groups: string[];
  sampled: boolean;
}

/**
 * Ranks stakeholders by the number (then weight) of two-paths a→b→c with a in `fromGroup`,
 * c in `toGroup`, a ≠ c (and, by default, no direct a→c tie) — "who connects our suppliers to our customers?".
 */
export function brokersBetween(
  graph: Graph,
  groupOf: GroupOf,
  fromGroup: string,
  toGroup: string,
  k: number,
  options: BrokersBetweenOptions = {},
): BrokerBetween[] {
  const directed = options.directed ?? true;
  const requireOpen = options.requireOpen ?? true;
  const cap = Math.max(1, options.maxPairsPerBroker ?? 200_000);
  const random = createRandom(options.seed ?? 1);
  let nodes: string[];
  let outRow: Csr;
  let inRow: Csr;
  if (directed) {
    const ix = directedTieIndex(graph, { getEdgeWeight: options.getEdgeWeight });
    nodes = ix.nodes;
    outRow = ix.out;
    inRow = ix.in;
  } else {
    const ix = undirectedTieIndex(graph, { getEdgeWeight: options.getEdgeWeight });
    nodes = ix.nodes;
    outRow = ix.adj;
    inRow = ix.adj;
  }
  const n = nodes.length;
  const { groups, names } = indexGroups(graph, nodes, groupOf);
  const fromId = names.indexOf(fromGroup);
  const toId = names.indexOf(toGroup);
  if (fromId < 0 || toId < 0) return [];
  const inFrom = new Uint8Array(n);
  const inTo = new Uint8Array(n);
  for (let v = 0; v < n; v++) {
    if (groups[v]!.includes(fromId)) inFrom[v] = 1;
    if (groups[v]!.includes(toId)) inTo[v] = 1;
  }
  // Restrict each broker's rows to the relevant endpoints before pairing, so the pair count
  // (and the sampling decision) only involves members of the two groups.
  const filterRow = (row: Csr, keep: Uint8Array): Csr => {
    const start = new Int32Array(n + 1);
    let len = 0;
    for (let v = 0; v < n; v++) for (let p = row.start[v]!; p < row.start[v + 1]!; p++) if (keep[row.target[p]!]) len++;
    const target = new Int32Array(len);
    const weight = new Float64Array(len);
    len = 0;
    for (let v = 0; v < n; v++) {
      start[v] = len;
      for (let p = row.start[v]!; p < row.start[v + 1]!; p++) {
        if (!keep[row.target[p]!]) continue;
        target[len] = row.target[p]!;
        weight[len++] = row.weight[p]!;
      }
    }
    start[n] = len;
    return { start, target, weight };
  };
  const fromRow = filterRow(inRow, inFrom);
  const toRow = filterRow(outRow, inTo);

  const rows: BrokerBetween[] = [];
  const seenA = new Int32Array(n).fill(-1);
  const seenC = new Int32Array(n).fill(-1);
  for (let b = 0; b < n; b++) {
    let twoPaths = 0;
    let weight = 0;
    let sources = 0;
    let targets = 0;
    const sampled = forEachPair(fromRow, toRow, b, cap, random, (a, c, pa, pc, scale) => {
      if (a === c || a === b || c === b) return;
      if (requireOpen && findInRow(outRow, a, c) >= 0) return;
      twoPaths += scale;
      weight += scale * Math.min(fromRow.weight[pa]!, toRow.weight[pc]!);
      if (seenA[a] !== b) {
        seenA[a] = b;
        sources++;
      }
      if (seenC[c] !== b) {
        seenC[c] = b;
        targets++;
      }
    });
    if (twoPaths > 0) {
      rows.push({
        node: nodes[b]!,
        rank: 0,
        twoPaths,
        weight,
        sources,
        targets,
        groups: Array.from(groups[b]!, (g) => names[g]!),
        sampled,
      });
    }
  }
  rows.sort((x, y) => y.twoPaths - x.twoPaths || y.weight - x.weight || (x.node < y.node ? -1 : x.node > y.node ? 1 : 0));
  const top = rows.slice(0, Math.max(0, k));
  top.forEach((r, i) => (r.rank = i + 1));
  return top;
}
