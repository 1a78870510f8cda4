// Warm introductions: the k best simple paths from any of our people to a target stakeholder, ranked by tie strength, with a hop limit and a role filter on intermediaries.
//
// Written here: Yen's k shortest simple paths (Yen 1971), because graphology-shortest-path has
// single shortest paths (Dijkstra, A*) but no k-shortest-paths routine; and the single-path search
// under Yen is a hop-limited Dijkstra (over (node, hops) states, which plain Dijkstra cannot honour).
//
// Tie strength → cost. Parallel ties between a pair (any type; in both directions unless
// `direction: 'out'`) are represented by the strongest one. Default cost ('log'):
//     p = w / (w + w̄),   cost = −ln p = ln(1 + w̄ / w)
// with w̄ the mean positive tie weight: p is read as the chance the tie carries an introduction
// (an average tie is a coin flip, a tie 3× stronger than average 0.75), so a path's score is the
// product of its ties' p — every extra hop costs, strong ties cost less. 'inverse': cost = w̄ / w
// (an average tie costs 1), score = 1 / cost. Zero-weight ties are never used.
// Multi-source: a super-source joins every source at cost 0; Yen's deviations at the super-source
// switch to another starting person. Sources are never intermediaries (a path through another of our
// people is better started from that person); the target is never passed through.
import type Graph from 'graphology';
import type { Attributes } from 'graphology-types';
import Heap from 'mnemonist/heap.js';
import { tieWeightGetter, type TieWeightOption } from './tie-index.js';

export interface IntroductionOptions {
  /** Paths to return (default 3). */
  k?: number;
  /** Most ties on a path (default 4; Infinity for no limit). */
  maxHops?: number;
  /** Intermediaries must hold one of these roles (default: anyone). */
  viaRoles?: readonly string[];
  /** Roles of a node (default: the `roles` attribute). */
  rolesOf?: (node: string, attributes: Attributes) => readonly string[];
  /** 'any' (default): a tie works in both directions for an introduction; 'out': follow tie direction. */
  direction?: 'any' | 'out';
  /** Cost of a tie from its weight (see header, default 'log'). */
  cost?: 'log' | 'inverse';
  getEdgeWeight?: TieWeightOption;
}

export interface IntroductionTie {
  edge: string;
  source: string;
  target: string;
  type: string | null;
  weight: number;
}

export interface IntroductionPath {
  /** From one of the sources to the target. */
  nodes: string[];
  ties: IntroductionTie[];
  /** Sum of tie costs (lower is better). */
  cost: number;
  /** 'log': product of tie probabilities p ∈ (0, 1]; 'inverse': 1 / cost. Higher is better. */
  score: number;
  hops: number;
}

interface Found {
  nodes: number[];
  /** CSR positions of the steps. */
  steps: number[];
  cost: number;
}

/** The k best warm-introduction paths from `sources` to `target` (Yen over hop-limited Dijkstra). */
export function warmIntroductions(
  graph: Graph,
  sources: Iterable<string>,
  target: string,
  options: IntroductionOptions = {},
): IntroductionPath[] {
  const K = Math.max(0, Math.floor(options.k ?? 3));
  const nodes = graph.nodes();
  const n = nodes.length;
  // A simple path has at most n − 1 ties, so Infinity (no limit) becomes n.
  const maxHops = Math.min(Math.floor(options.maxHops ?? 4), n);
  if (K === 0 || !graph.hasNode(target) || maxHops < 1) return [];
  const indexOf = new Map<string, number>();
  nodes.forEach((v, i) => indexOf.set(v, i));
  const T = indexOf.get(target)!;
  const S = n; // super-source
  const isSource = new Uint8Array(n + 1);
  const sourceList: number[] = [];
  for (const s of sources) {
    const i = indexOf.get(s);
    if (i !== undefined && i !== T && !isSource[i]) {
      isSource[i] = 1;
      sourceList.push(i);
    }
  }
  if (sourceList.length === 0) return [];
  sourceList.sort((a, b) => a - b);

  // Intermediary eligibility.
  const viaRoles = options.viaRoles ? new Set(options.viaRoles) : null;
  const rolesOf =
    options.rolesOf ??
    ((_node: string, attributes: Attributes) => (Array.isArray(attributes.roles) ? (attributes.roles as string[]) : []));
  const eligible = new Uint8Array(n + 1);
  for (let v = 0; v < n; v++) {
    if (isSource[v] || v === T) continue;
    eligible[v] = !viaRoles || rolesOf(nodes[v]!, graph.getNodeAttributes(nodes[v]!)).some((r) => viaRoles.has(r)) ? 1 : 0;
  }

  // Strongest tie per pair.
  const directed = options.direction === 'out';
  const weightOf = tieWeightGetter(options.getEdgeWeight);
  interface Tie {
    edge: string;
    s: number;
    t: number;
    w: number;
    type: string | null;
  }
  const best = new Map<number, Tie>();
  let sumW = 0;
  let countW = 0;
  graph.forEachEdge((edge, attributes, source, target, _sa, _ta, undirectedEdge) => {
    if (source === target) return;
    const w = weightOf(edge, attributes, source, target);
    if (!(w > 0)) return;
    sumW += w;
    countW++;
    const s = indexOf.get(source)!;
    const t = indexOf.get(target)!;
    const tie: Tie = { edge, s, t, w, type: typeof attributes.type === 'string' ? attributes.type : null };
    const keys =
      directed && !undirectedEdge ? [s * n + t] : directed ? [s * n + t, t * n + s] : [Math.min(s, t) * n + Math.max(s, t)];
    for (const key of keys) {
      const prev = best.get(key);
      if (!prev || w > prev.w || (w === prev.w && edge < prev.edge)) best.set(key, tie);
    }
  });
  const mean = countW > 0 ? sumW / countW : 1;
  const costOf = options.cost === 'inverse' ? (w: number) => mean / w : (w: number) => Math.log1p(mean / w);

  // CSR over n + 1 nodes (super-source last); each step remembers its tie.
  const rows: Array<Array<[number, number, Tie | null]>> = Array.from({ length: n + 1 }, () => []);
  for (const [key, tie] of best) {
    const c = costOf(tie.w);
    if (directed) {
      const a = Math.floor(key / n);
      rows[a]!.push([key - a * n, c, tie]);
    } else {
      rows[tie.s]!.push([tie.t, c, tie]);
      rows[tie.t]!.push([tie.s, c, tie]);
    }
  }
  for (const s of sourceList) rows[S]!.push([s, 0, null]);
  const start = new Int32Array(n + 2);
  for (let v = 0; v <= n; v++) {
    rows[v]!.sort((a, b) => a[0] - b[0]);
    start[v + 1] = start[v]! + rows[v]!.length;
  }
  const stepTarget = new Int32Array(start[n + 1]!);
  const stepCost = new Float64Array(start[n + 1]!);
  const stepTie: Array<Tie | null> = [];
  for (let v = 0; v <= n; v++) {
    rows[v]!.forEach(([t, c, tie], k) => {
      stepTarget[start[v]! + k] = t;
      stepCost[start[v]! + k] = c;
      stepTie[start[v]! + k] = tie;
    });
  }

  const H = maxHops + 1; // steps including the super-source step
  const canLeave = (v: number, hops: number): boolean => v === S || (isSource[v] === 1 && hops === 1) || eligible[v] === 1;
  // Hop budget: hops already used at `from` (for the canLeave rule on sources) and steps allowed after it.
  const shortest = (
    from: number,
    hopsAtFrom: number,
    budget: number,
    bannedNode: Uint8Array,
    bannedStep: Set<number>,
  ): Found | null => {
    const key = (v: number, h: number) => v * (H + 2) + h;
    const dist = new Map<number, number>();
    const pred = new Map<number, [number, number]>(); // state → [previous state, step]
    const settledHops = new Map<number, number>();
    const heap = new Heap<[number, number, number]>((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]); // [cost, hops, node]
    dist.set(key(from, hopsAtFrom), 0);
    heap.push([0, hopsAtFrom, from]);
    while (heap.size > 0) {
      const [c, h, v] = heap.pop()!;
      const sk = key(v, h);
      if (c > dist.get(sk)!) continue;
      const settled = settledHops.get(v);
      if (settled !== undefined && settled <= h) continue;
      settledHops.set(v, h);
      if (v === T) {
        const nodesOut: number[] = [];
        const steps: number[] = [];
        let cur = sk;
        let node = v;
        nodesOut.push(node);
        while (pred.has(cur)) {
          const [prev, step] = pred.get(cur)!;
          steps.push(step);
          node = Math.floor(prev / (H + 2));
          nodesOut.push(node);
          cur = prev;
        }
        return { nodes: nodesOut.reverse(), steps: steps.reverse(), cost: c };
      }
      if (h - hopsAtFrom >= budget || !canLeave(v, h)) continue;
      for (let p = start[v]!; p < start[v + 1]!; p++) {
        const w = stepTarget[p]!;
        if (bannedNode[w] || bannedStep.has(p)) continue;
        if (isSource[w] && v !== S) continue; // sources are only entered from the super-source
        if (w !== T && !isSource[w] && !eligible[w]) continue;
        const nc = c + stepCost[p]!;
        const nh = h + 1;
        const s2 = settledHops.get(w);
        if (s2 !== undefined && s2 <= nh) continue;
        const nk = key(w, nh);
        const old = dist.get(nk);
        if (old !== undefined && old <= nc) continue;
        dist.set(nk, nc);
        pred.set(nk, [sk, p]);
        heap.push([nc, nh, w]);
      }
    }
    return null;
  };

  const noNodes = new Uint8Array(n + 1);
  const first = shortest(S, 0, H, noNodes, new Set());
  if (!first) return [];
  const A: Found[] = [first];
  const seen = new Set<string>([first.nodes.join(',')]);
  const B = new Heap<Found>(
    (a, b) => a.cost - b.cost || a.steps.length - b.steps.length || (a.nodes.join(',') < b.nodes.join(',') ? -1 : 1),
  );
  while (A.length < K) {
    const prev = A[A.length - 1]!;
    for (let i = 0; i < prev.nodes.length - 1; i++) {
      const spur = prev.nodes[i]!;
      const rootNodes = prev.nodes.slice(0, i + 1);
      const bannedStep = new Set<number>();
      for (const path of A) {
        if (path.nodes.length > i && rootNodes.every((v, j) => path.nodes[j] === v)) {
          const step = path.steps[i];
          if (step !== undefined) bannedStep.add(step);
        }
      }
      const bannedNode = new Uint8Array(n + 1);
      for (let j = 0; j < i; j++) bannedNode[rootNodes[j]!] = 1;
      const spurPath = shortest(spur, i, H - i, bannedNode, bannedStep);
      if (!spurPath) continue;
      let rootCost = 0;
      for (let j = 0; j < i; j++) rootCost += stepCost[prev.steps[j]!]!;
      const candidate: Found = {
        nodes: [...rootNodes.slice(0, i), ...spurPath.nodes],
        steps: [...prev.steps.slice(0, i), ...spurPath.steps],
        cost: rootCost + spurPath.cost,
      };
      const key = candidate.nodes.join(',');
      if (!seen.has(key)) {
        seen.add(key);
        B.push(candidate);
      }
    }
    const next = B.pop();
    if (!next) break;
    A.push(next);
  }

  return A.map((found) => {
    const pathNodes = found.nodes.slice(1).map((v) => nodes[v]!);
    const ties = found.steps.slice(1).map((p) => {
      const tie = stepTie[p]!;
      return { edge: tie.edge, source: nodes[tie.s]!, target: nodes[tie.t]!, type: tie.type, weight: tie.w };
    });
    const score = options.cost === 'inverse' ? (found.cost > 0 ? 1 / found.cost : Infinity) : Math.exp(-found.cost);
    return { nodes: pathNodes, ties, cost: found.cost, score, hops: ties.length };
  });
}
