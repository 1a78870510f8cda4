// Projections of a directed, possibly multi-edge weighted graph onto the undirected weighted simple graph (and compact adjacency arrays) that community detection needs.
import Graph, { UndirectedGraph } from 'graphology';
import type { Attributes } from 'graphology-types';
import { createEdgeWeightGetter } from 'graphology-utils/getters';

/** Where a tie's weight comes from: an attribute name, a function, or null for "every tie weighs 1". */
export type EdgeWeightOption = string | null | ((edge: string, attributes: Attributes, source: string, target: string) => number);

export interface ProjectionOptions {
  /** Weight source on the input graph (default the `weight` attribute, 1 when absent or not a positive number). */
  getEdgeWeight?: EdgeWeightOption;
  /** Keep self-loops (default false: they carry no information about communities between nodes). */
  keepSelfLoops?: boolean;
}

/** The attribute that carries the summed weight on projected edges. */
export const PROJECTED_WEIGHT = 'weight';

/** Returns a getter (edge, attributes, source, target) → weight for the option, defaulting to `weight` or 1. */
export function edgeWeightGetter(
  option: EdgeWeightOption | undefined,
): (edge: string, attributes: Attributes, source: string, target: string) => number {
  if (typeof option === 'function') return option;
  // graphology-utils returns 1 for missing or non-numeric weights, as graphology-metrics does.
  // A null option gives the getter no name, so every edge weighs 1.
  return createEdgeWeightGetter(option === undefined ? 'weight' : (option ?? undefined)).fromEntry as (
    edge: string,
    attributes: Attributes,
    source: string,
    target: string,
  ) => number;
}

/** True when `graph` already is undirected, simple and loop-free, so a projection would only copy it. */
export function isUndirectedSimple(graph: Graph): boolean {
  return graph.type === 'undirected' && !graph.multi && graph.selfLoopCount === 0;
}

/**
 * Projects `graph` onto an undirected simple weighted graph: parallel and reciprocal ties between
 * the same pair are summed into one edge whose `weight` attribute is the total; self-loops are dropped
 * unless `keepSelfLoops`. Nodes keep their attributes (graphology `emptyCopy`), so isolated nodes survive.
 */
export function toUndirectedWeighted(graph: Graph, options: ProjectionOptions = {}): UndirectedGraph {
  const weightOf = edgeWeightGetter(options.getEdgeWeight);
  const keepSelfLoops = options.keepSelfLoops ?? false;
  const projected = graph.emptyCopy({ type: 'undirected', multi: false, allowSelfLoops: keepSelfLoops }) as UndirectedGraph;
  graph.forEachEdge((edge, attributes, source, target) => {
    if (source === target && !keepSelfLoops) return;
    const w = weightOf(edge, attributes, source, target);
    projected.updateUndirectedEdge(source, target, (attr: Attributes) => ({
      [PROJECTED_WEIGHT]: ((attr[PROJECTED_WEIGHT] as number | undefined) ?? 0) + w,
    }));
  });
  return projected;
}

/**
 * Compressed sparse rows of an undirected weighted graph, for the hot loops of algorithms written here.
 * Node i is `nodes[i]`; its neighbours are `neighbors[offsets[i] .. offsets[i+1])` with `weights` alongside.
 * Every undirected edge appears twice (once from each end); self-loops appear once.
 */
export interface Adjacency {
  nodes: string[];
  index: Map<string, number>;
  offsets: Uint32Array;
  neighbors: Uint32Array;
  weights: Float64Array;
  /** Weighted degree per node. */
  strength: Float64Array;
  /** Total edge weight (each undirected edge counted once). */
  totalWeight: number;
}

/** Builds the CSR adjacency of the undirected weighted projection of `graph` (projects first when needed). */
export function toAdjacency(graph: Graph, options: ProjectionOptions = {}): Adjacency {
  const simple = isUndirectedSimple(graph) ? graph : toUndirectedWeighted(graph, options);
  const weightOf = simple === graph ? edgeWeightGetter(options.getEdgeWeight) : edgeWeightGetter(PROJECTED_WEIGHT);
  const nodes = simple.nodes();
  const index = new Map<string, number>();
  nodes.forEach((n, i) => index.set(n, i));
  const n = nodes.length;
  const offsets = new Uint32Array(n + 1);
  simple.forEachEdge((_e, _a, s, t) => {
    const si = index.get(s) as number;
    const ti = index.get(t) as number;
    offsets[si + 1]! += 1;
    if (si !== ti) offsets[ti + 1]! += 1;
  });
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const cursor = offsets.slice(0, n);
  const neighbors = new Uint32Array(offsets[n]!);
  const weights = new Float64Array(offsets[n]!);
  const strength = new Float64Array(n);
  let totalWeight = 0;
  simple.forEachEdge((e, a, s, t) => {
    const si = index.get(s) as number;
    const ti = index.get(t) as number;
    const w = weightOf(e, a, s, t);
    totalWeight += w;
    let p = cursor[si]!++;
    neighbors[p] = ti;
    weights[p] = w;
    strength[si]! += w;
    if (si !== ti) {
      p = cursor[ti]!++;
      neighbors[p] = si;
      weights[p] = w;
      strength[ti]! += w;
    }
  });
  return { nodes, index, offsets, neighbors, weights, strength, totalWeight };
}
