// Louvain partition of a (projected) stakeholder graph: graphology-communities-louvain, seeded, with deterministic best-of-N restarts.
import type Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import { createRandom } from '../domain/random.js';
import { isUndirectedSimple, toUndirectedWeighted, PROJECTED_WEIGHT, type EdgeWeightOption } from './projection.js';

export interface PartitionOptions {
  /** Modularity resolution γ (default 1; larger → more, smaller communities). */
  resolution?: number;
  /** Seed of the PRNG that drives Louvain's node order (default 42). */
  seed?: number;
  /**
   * Independent Louvain runs (seeds derived from `seed`); the one with the highest modularity is
   * kept, ties going to the earliest run, so the result stays deterministic. Default 3 up to
   * 200,000 ties, 1 above (a single run on 1M ties already takes seconds).
   */
  restarts?: number;
  /** Weight source on the input graph (default `weight`, 1 when absent); null = unweighted. */
  getEdgeWeight?: EdgeWeightOption;
  /** Louvain's random-walk move order (default true, graphology's default; needs `rng` for determinism). */
  randomWalk?: boolean;
}

export interface PartitionResult {
  /** node → community index; index 0 is the largest community (ties broken by first node in graph order). */
  communities: Map<string, number>;
  count: number;
  /** Modularity of the kept partition, at the given resolution, on the undirected weighted projection. */
  modularity: number;
  /** sizes[c] = number of nodes in community c (descending). */
  sizes: number[];
  resolution: number;
  restarts: number;
}

/** Renumbers a node → label assignment so that label 0 is the largest group (stable on ties by first appearance). */
export function renumberBySize<L>(assignment: Iterable<[string, L]>): { communities: Map<string, number>; sizes: number[] } {
  const entries = [...assignment];
  const counts = new Map<L, { size: number; first: number }>();
  entries.forEach(([, label], i) => {
    const c = counts.get(label);
    if (c) c.size++;
    else counts.set(label, { size: 1, first: i });
  });
  const order = [...counts.entries()].sort((a, b) => b[1].size - a[1].size || a[1].first - b[1].first);
  const newIndex = new Map<L, number>();
  order.forEach(([label], i) => newIndex.set(label, i));
  const communities = new Map<string, number>();
  for (const [node, label] of entries) communities.set(node, newIndex.get(label) as number);
  return { communities, sizes: order.map(([, c]) => c.size) };
}

/**
 * Detects a partition with Louvain (weighted, seeded). Directed, multi or looped graphs are first
 * projected onto the undirected weighted simple graph (reciprocal/parallel weights summed, loops dropped).
 */
export function detectPartition(graph: Graph, options: PartitionOptions = {}): PartitionResult {
  const resolution = options.resolution ?? 1;
  const seed = options.seed ?? 42;
  const simple = isUndirectedSimple(graph) ? graph : toUndirectedWeighted(graph, { getEdgeWeight: options.getEdgeWeight });
  const restarts = Math.max(1, Math.floor(options.restarts ?? (simple.size <= 200_000 ? 3 : 1)));
  const getEdgeWeight = simple === graph ? options.getEdgeWeight : PROJECTED_WEIGHT;

  if (simple.order === 0) return { communities: new Map(), count: 0, modularity: 0, sizes: [], resolution, restarts };
  if (simple.size === 0) {
    // Louvain's modularity is undefined without edges: every node is its own community.
    const { communities, sizes } = renumberBySize(simple.nodes().map((n, i) => [n, i] as [string, number]));
    return { communities, count: sizes.length, modularity: 0, sizes, resolution, restarts };
  }

  const seeds = createRandom(seed);
  let best: { communities: Record<string, number>; modularity: number } | undefined;
  for (let r = 0; r < restarts; r++) {
    const rng = createRandom(Math.floor(seeds() * 2 ** 32));
    const detailed = louvain.detailed(simple, {
      getEdgeWeight: getEdgeWeight === undefined ? 'weight' : getEdgeWeight,
      resolution,
      rng,
      randomWalk: options.randomWalk ?? true,
    });
    if (!best || detailed.modularity > best.modularity)
      best = { communities: detailed.communities, modularity: detailed.modularity };
  }
  const chosen = best as { communities: Record<string, number>; modularity: number };
  const { communities, sizes } = renumberBySize(
    simple.nodes().map((n) => [n, chosen.communities[n] as number] as [string, number]),
  );
  return { communities, count: sizes.length, modularity: chosen.modularity, sizes, resolution, restarts };
}
