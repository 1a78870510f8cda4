// What-if analysis: remove stakeholders and report what each community loses in connectivity, which pairs of their contacts lose their shortest path and what an engagement plan loses in reach; find single points of failure inside communities.
//
// Written here: connectivity inside a community is measured on the undirected projection restricted
// to the community's members (BFS over the shared CSR index rather than graphology-components on a
// copied subgraph, which would copy the graph twice per community and per scenario); single points
// of failure are the articulation points of each community's subgraph, found with an iterative
// Tarjan/Hopcroft low-link DFS (no graphology package has articulation points; recursion would
// overflow the stack on long chains).
// Reach is re-simulated with common random numbers: the same live-edge worlds before and after, the
// removed stakeholders simply blocked, so the per-world difference is paired and its CI tight.
import type Graph from 'graphology';
import type { Attributes } from 'graphology-types';
import {
  nodeMask,
  prepareCascade,
  simulateReach,
  type CascadeModel,
  type CascadeOptions,
  type NodeSelector,
  type ReachEstimate,
} from './engagement.js';
import { findInRow, undirectedTieIndex, type Csr } from './tie-index.js';

/** Community ids of a stakeholder (default: the `communities` attribute). */
export type CommunityOf = (node: string, attributes: Attributes) => string | readonly string[] | null | undefined;

const defaultCommunityOf: CommunityOf = (_node, attributes) =>
  Array.isArray(attributes.communities)
    ? (attributes.communities as string[])
    : typeof attributes.communities === 'string'
      ? attributes.communities
      : null;

export interface CommunityConnectivity {
  /** Members present. */
  members: number;
  /** Members in the largest connected piece of the community's own subgraph. */
  largestComponent: number;
  components: number;
  /** Ties (every type, parallel ties counted) with both ends in the community. */
  internalTies: number;
}

export interface CommunityImpact {
  community: string;
  before: CommunityConnectivity;
  after: CommunityConnectivity;
  removedMembers: number;
  internalTiesLost: number;
  /** The community falls into more pieces than before. */
  split: boolean;
}

export interface EngagementPlanInput {
  seeds: readonly string[];
  /** Segment whose reach counts (default: everyone). */
  segment?: NodeSelector;
}

export interface ReachChange {
  before: ReachEstimate;
  after: ReachEstimate;
  /** after − before, with a 95% CI from the paired per-world differences. */
  change: number;
  changeCi95: [number, number];
  seedsLost: string[];
}

export interface WhatIfOptions extends CascadeOptions {
  communityOf?: CommunityOf;
  /** An engagement plan to re-simulate without the removed stakeholders. */
  plan?: EngagementPlanInput;
  /** Reuse a prepared cascade model. */
  model?: CascadeModel;
}

export interface WhatIfResult {
  removed: string[];
  communities: CommunityImpact[];
  reach: ReachChange | null;
}

interface CommunityIndex {
  names: string[];
  /** members[c] = node indices. */
  members: number[][];
  /** per node: community ids. */
  of: number[][];
}

function indexCommunities(graph: Graph, nodes: string[], communityOf: CommunityOf): CommunityIndex {
  const ids = new Map<string, number>();
  const names: string[] = [];
  const members: number[][] = [];
  const of = nodes.map((node, v) => {
    const raw = communityOf(node, graph.getNodeAttributes(node));
    const list = raw === null || raw === undefined ? [] : typeof raw === 'string' ? [raw] : [...new Set(raw)];
    return list.map((name) => {
      let c = ids.get(name);
      if (c === undefined) {
        c = names.length;
        ids.set(name, c);
        names.push(name);
        members.push([]);
      }
      members[c]!.push(v);
      return c;
    });
  });
  return { names, members, of };
}

/** Components of the subgraph induced by `list` (mask: inside[v] === tag), skipping removed nodes. */
function components(
  adj: Csr,
  list: number[],
  inside: Int32Array,
  tag: number,
  removed: Uint8Array | null,
  seen: Int32Array,
  queue: Int32Array,
) {
  let count = 0;
  let largest = 0;
  let present = 0;
  for (const r of list) {
    if ((removed && removed[r]) || seen[r] === tag) continue;
    count++;
    let head = 0;
    let tail = 0;
    queue[tail++] = r;
    seen[r] = tag;
    while (head < tail) {
      const v = queue[head++]!;
      for (let p = adj.start[v]!; p < adj.start[v + 1]!; p++) {
        const w = adj.target[p]!;
        if (inside[w] !== tag || seen[w] === tag || (removed && removed[w])) continue;
        seen[w] = tag;
        queue[tail++] = w;
      }
    }
    present += tail;
    if (tail > largest) largest = tail;
  }
  return { components: count, largestComponent: largest, members: present };
}

/** Removes `removed` (hypothetically) and reports per-community connectivity and plan reach before/after. */
export function whatIf(graph: Graph, removed: Iterable<string>, options: WhatIfOptions = {}): WhatIfResult {
  const ix = undirectedTieIndex(graph, { getEdgeWeight: null });
  const n = ix.nodes.length;
  const gone = new Uint8Array(n);
  const removedList: string[] = [];
  for (const node of removed) {
    const v = ix.indexOf.get(node);
    if (v !== undefined && !gone[v]) {
      gone[v] = 1;
      removedList.push(node);
    }
  }
  const comm = indexCommunities(graph, ix.nodes, options.communityOf ?? defaultCommunityOf);
  const C = comm.names.length;

  // Internal ties per community, and those lost, over the original (multi) ties.
  const internal = new Float64Array(C);
  const lost = new Float64Array(C);
  graph.forEachEdge((_e, _a, source, target) => {
    if (source === target) return;
    const s = ix.indexOf.get(source)!;
    const t = ix.indexOf.get(target)!;
    const cs = comm.of[s]!;
    const ct = comm.of[t]!;
    if (cs.length === 0 || ct.length === 0) return;
    for (const c of cs) {
      if (!ct.includes(c)) continue;
      internal[c]!++;
      if (gone[s] || gone[t]) lost[c]!++;
    }
  });

  const inside = new Int32Array(n).fill(-1);
  const seen = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  const communities: CommunityImpact[] = [];
  for (let c = 0; c < C; c++) {
    const list = comm.members[c]!;
    for (const v of list) inside[v] = c;
    const before = components(ix.adj, list, inside, c, null, seen, queue);
    const tag = c + C; // a fresh tag for the second pass
    for (const v of list) inside[v] = tag;
    const after = components(ix.adj, list, inside, tag, gone, seen, queue);
    const removedMembers = list.reduce((s, v) => s + gone[v]!, 0);
    communities.push({
      community: comm.names[c]!,
      before: { ...before, internalTies: internal[c]! },
      after: { ...after, internalTies: internal[c]! - lost[c]! },
      removedMembers,
      internalTiesLost: lost[c]!,
      split: after.components > before.components,
    });
  }

  let reach: ReachChange | null = null;
  if (options.plan) {
    const model = options.model ?? prepareCascade(graph, options);
    const segment = nodeMask(graph, model, options.plan.segment, true);
    const blocked = new Uint8Array(model.index.nodes.length);
    for (const node of removedList) {
      const v = model.index.indexOf.get(node);
      if (v !== undefined) blocked[v] = 1;
    }
    const seeds = options.plan.seeds.map((s) => model.index.indexOf.get(s)).filter((v): v is number => v !== undefined);
    const before = simulateReach(model, seeds, segment, options);
    const after = simulateReach(model, seeds, segment, { ...options, blocked });
    const R = before.perWorld.length;
    let sum = 0;
    let sumSq = 0;
    for (let r = 0; r < R; r++) {
      const d = after.perWorld[r]! - before.perWorld[r]!;
      sum += d;
      sumSq += d * d;
    }
    const mean = sum / R;
    const sd = R > 1 ? Math.sqrt(Math.max(0, (sumSq - R * mean * mean) / (R - 1))) : 0;
    const half = (1.96 * sd) / Math.sqrt(R);
    reach = {
      before,
      after,
      change: mean,
      changeCi95: [mean - half, mean + half],
      seedsLost: options.plan.seeds.filter((s) => removedList.includes(s)),
    };
  }
  return { removed: removedList, communities, reach };
}

export interface SinglePointOfFailure {
  node: string;
  community: string;
  /** Members of the community, and of the connected piece this node sits in. */
  communitySize: number;
  componentSize: number;
  /** Sizes of the pieces its piece falls into without it, largest first. */
  pieces: number[];
  /** Members cut off from the largest remaining piece. */
  separated: number;
}

/**
 * Articulation points of the induced subgraph `list` (inside[v] === tag) with the pieces each one
 * leaves behind; iterative Tarjan low-link DFS, O(Σ deg) over the members.
 */
function articulationPoints(
  adj: Csr,
  list: number[],
  inside: Int32Array,
  tag: number,
  visited: Int32Array,
): Array<{ v: number; componentSize: number; pieces: number[] }> {
  const n = inside.length;
  // Local state in maps keyed by node: communities are usually far smaller than the graph.
  const disc = new Map<number, number>();
  const low = new Map<number, number>();
  const size = new Map<number, number>();
  const parent = new Map<number, number>();
  const cursor = new Map<number, number>();
  const cut = new Map<number, number[]>();
  const stack = new Int32Array(Math.min(n, list.length) + 1);
  const out: Array<{ v: number; componentSize: number; pieces: number[] }> = [];
  let time = 0;
  for (const r of list) {
    if (visited[r] === tag) continue;
    const componentNodes: number[] = [];
    let top = 0;
    stack[top++] = r;
    visited[r] = tag;
    disc.set(r, time);
    low.set(r, time++);
    size.set(r, 1);
    parent.set(r, -1);
    cursor.set(r, adj.start[r]!);
    componentNodes.push(r);
    while (top > 0) {
      const v = stack[top - 1]!;
      const p = cursor.get(v)!;
      if (p < adj.start[v + 1]!) {
        cursor.set(v, p + 1);
        const w = adj.target[p]!;
        if (inside[w] !== tag) continue;
        if (visited[w] !== tag) {
          visited[w] = tag;
          disc.set(w, time);
          low.set(w, time++);
          size.set(w, 1);
          parent.set(w, v);
          cursor.set(w, adj.start[w]!);
          componentNodes.push(w);
          stack[top++] = w;
        } else if (w !== parent.get(v)) {
          low.set(v, Math.min(low.get(v)!, disc.get(w)!));
        }
      } else {
        top--;
        const u = parent.get(v)!;
        if (u >= 0) {
          low.set(u, Math.min(low.get(u)!, low.get(v)!));
          size.set(u, size.get(u)! + size.get(v)!);
          if (low.get(v)! >= disc.get(u)!) {
            const list2 = cut.get(u);
            if (list2) list2.push(size.get(v)!);
            else cut.set(u, [size.get(v)!]);
          }
        }
      }
    }
    const componentSize = size.get(r)!;
    for (const u of componentNodes) {
      const pieces = cut.get(u);
      if (!pieces) continue;
      if (u === r) {
        if (pieces.length >= 2) out.push({ v: u, componentSize, pieces: [...pieces].sort((a, b) => b - a) });
      } else {
        const rest = componentSize - 1 - pieces.reduce((s, x) => s + x, 0);
        out.push({ v: u, componentSize, pieces: [...pieces, rest].sort((a, b) => b - a) });
      }
    }
  }
  return out;
}

/** Stakeholders whose removal splits a community (articulation points of each community's subgraph), worst first. */
export function singlePointsOfFailure(graph: Graph, options: { communityOf?: CommunityOf } = {}): SinglePointOfFailure[] {
  const ix = undirectedTieIndex(graph, { getEdgeWeight: null });
  const n = ix.nodes.length;
  const comm = indexCommunities(graph, ix.nodes, options.communityOf ?? defaultCommunityOf);
  const inside = new Int32Array(n).fill(-1);
  const visited = new Int32Array(n).fill(-1);
  const out: SinglePointOfFailure[] = [];
  for (let c = 0; c < comm.names.length; c++) {
    const list = comm.members[c]!;
    for (const v of list) inside[v] = c;
    for (const ap of articulationPoints(ix.adj, list, inside, c, visited)) {
      out.push({
        node: ix.nodes[ap.v]!,
        community: comm.names[c]!,
        communitySize: list.length,
        componentSize: ap.componentSize,
        pieces: ap.pieces,
        separated: ap.componentSize - 1 - ap.pieces[0]!,
      });
    }
  }
  out.sort(
    (a, b) =>
      b.separated - a.separated ||
      (a.community < b.community ? -1 : a.community > b.community ? 1 : 0) ||
      (a.node < b.node ? -1 : 1),
  );
  return out;
}

export interface LostPath {
  /** Two contacts of a removed stakeholder, two steps apart only through it before the removal. */
  source: string;
  target: string;
  /** The removed stakeholder between them. */
  through: string;
  /** Hops between them after the removal (ties either way); null when no path of at most `maxHops` is left. */
  hopsAfter: number | null;
}

export interface LostPathsResult {
  /** Cut off first, then the longest detours; at most `first`. */
  pairs: LostPath[];
  /** Pairs of contacts checked, and how many of them lost their shortest path. */
  checked: number;
  lost: number;
}

export interface LostPathsOptions {
  /** Contacts per removed stakeholder, strongest ties first (default 30). */
  maxContacts?: number;
  /** Contacts searched from (each one BFS), over every removed stakeholder (default 300). */
  maxSources?: number;
  /** Hops searched after the removal (default 6). */
  maxHops?: number;
  /** Pairs returned (default 50). */
  first?: number;
}

/**
 * Pairs of contacts that lose their shortest path when `removed` leave (docs/decisions/091-what-if-lost-paths.md): two
 * contacts of a removed stakeholder who had no tie between them were two steps apart through it; they lose their
 * shortest path when no other common contact is left, i.e. they end up three or more hops apart, or cut off. One
 * bounded BFS per contact, on the undirected projection without the removed stakeholders.
 */
export function lostShortestPaths(graph: Graph, removed: Iterable<string>, options: LostPathsOptions = {}): LostPathsResult {
  const maxContacts = options.maxContacts ?? 30;
  const maxSources = options.maxSources ?? 300;
  const maxHops = options.maxHops ?? 6;
  const first = options.first ?? 50;
  const ix = undirectedTieIndex(graph);
  const { start, target, weight } = ix.adj;
  const n = ix.nodes.length;
  const gone = new Uint8Array(n);
  const removedIndices: number[] = [];
  for (const node of removed) {
    const v = ix.indexOf.get(node);
    if (v !== undefined && !gone[v]) {
      gone[v] = 1;
      removedIndices.push(v);
    }
  }

  // source → (target → the removed stakeholder between them), source < target.
  const pairs = new Map<number, Map<number, number>>();
  let checked = 0;
  for (const r of removedIndices) {
    const positions: number[] = [];
    for (let p = start[r]!; p < start[r + 1]!; p++) if (!gone[target[p]!]) positions.push(p);
    positions.sort((a, b) => weight[b]! - weight[a]! || target[a]! - target[b]!);
    const contacts = positions
      .slice(0, maxContacts)
      .map((p) => target[p]!)
      .sort((a, b) => a - b);
    for (let i = 0; i < contacts.length; i++) {
      const a = contacts[i]!;
      let row = pairs.get(a);
      if (row === undefined) {
        if (pairs.size >= maxSources) continue;
        row = new Map();
        pairs.set(a, row);
      }
      for (let j = i + 1; j < contacts.length; j++) {
        const b = contacts[j]!;
        if (row.has(b) || findInRow(ix.adj, a, b) >= 0) continue; // tied directly: still one hop apart
        row.set(b, r);
        checked++;
      }
    }
  }

  const seen = new Int32Array(n).fill(-1);
  const depth = new Int32Array(n);
  const queue = new Int32Array(n);
  const lost: LostPath[] = [];
  for (const [a, targets] of [...pairs].sort((x, y) => x[0] - y[0])) {
    if (targets.size === 0) continue;
    const found = new Map<number, number>();
    let head = 0;
    let tail = 0;
    queue[tail++] = a;
    seen[a] = a;
    depth[a] = 0;
    while (head < tail && found.size < targets.size) {
      const v = queue[head++]!;
      if (depth[v]! >= maxHops) break; // breadth first: everything left is at least this far
      for (let p = start[v]!; p < start[v + 1]!; p++) {
        const w = target[p]!;
        if (gone[w] || seen[w] === a) continue;
        seen[w] = a;
        depth[w] = depth[v]! + 1;
        queue[tail++] = w;
        if (targets.has(w)) found.set(w, depth[w]!);
      }
    }
    for (const [b, through] of targets) {
      const after = found.get(b) ?? null;
      if (after !== null && after <= 2) continue; // another common contact: still two steps apart
      lost.push({ source: ix.nodes[a]!, target: ix.nodes[b]!, through: ix.nodes[through]!, hopsAfter: after });
    }
  }
  lost.sort(
    (x, y) =>
      (x.hopsAfter === null ? 0 : 1) - (y.hopsAfter === null ? 0 : 1) ||
      (y.hopsAfter ?? 0) - (x.hopsAfter ?? 0) ||
      (x.source < y.source ? -1 : x.source > y.source ? 1 : x.target < y.target ? -1 : x.target > y.target ? 1 : 0),
  );
  return { pairs: lost.slice(0, first), checked, lost: lost.length };
}
