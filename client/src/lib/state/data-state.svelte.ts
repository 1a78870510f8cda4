// Loads what the explorer shows (network, declared communities, role overlaps) and holds it as raw state.
import { describeError, request, RequestError } from '../graphql/client';
import {
  CommunitiesDocument,
  EgoNetworkDocument,
  NetworkDocument,
  RoleOverlapsDocument,
  type CommunitiesQuery,
  type RoleOverlapsQuery,
} from '../graphql/generated/graphql';
import { seedPositions } from '../graph/layout';
import type { AtlasGraph } from '../graph/model';
import { addTies, decodeNodes } from '../graph/columns';
import { applyRelationship, type MeasuredPair } from '../graph/relationships';
import { browserStore, restorePositions } from '../graph/positions';
import { addTiesInSlices, SLICE_TIES_ABOVE } from '../graph/tie-loader';
import type { EgoView } from './view-transitions';
import type { NetworkFilter } from '../graphql/generated/graphql';
import { KNOWN_TOTAL_KEY, sliceAbove, sliceMessage } from './slice';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'empty' | 'error';

export type CommunityRow = CommunitiesQuery['communities'][number];
export type RoleOverlapRow = RoleOverlapsQuery['roleOverlaps'][number];

/**
 * How many ties to ask for; the server keeps the strongest when there are more. 100,000 ties (≈ 20,000
 * stakeholders at the demo's density) stay usable; beyond, the slice threshold applies.
 */
export const NETWORK_LIMIT = 100_000;
/** Ties an ego view may bring (the server's cap on egoNetwork). */
export const EGO_LIMIT = 5_000;

function readKnownTotal(): number | null {
  const n = Number(browserStore()?.getItem(KNOWN_TOTAL_KEY) ?? Number.NaN);
  return Number.isInteger(n) && n >= 0 ? n : null;
}

/** Resolves once the browser has painted what is on screen now (or after 250 ms in a hidden tab, which paints nothing). */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, 250);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }, 0),
    );
  });
}

export class AtlasData {
  status = $state<LoadStatus>('idle');
  error = $state<string | null>(null);
  /** True when the error means the API could not be reached at all. */
  unreachable = $state(false);
  /** The graph is not reactive inside: sigma reads it; a new load replaces the reference. */
  graph = $state.raw<AtlasGraph | null>(null);
  communities = $state.raw<CommunityRow[]>([]);
  overlaps = $state.raw<RoleOverlapRow[]>([]);
  /** Non-fatal problems (a side panel's data failed). */
  warnings = $state.raw<string[]>([]);
  /** The ego view the graph shows (null: the whole network). */
  ego = $state.raw<EgoView | null>(null);
  /** Whether the positions came from a saved layout (then the layout does not run by itself). */
  restoredPositions = $state(false);
  /** Whether the positions came with the answer (computed by the server for the run): no layout runs by itself. */
  serverPositions = $state(false);
  /** Whether the graph's ties are still being added (large answers: nodes are drawn first, ties after, in slices). */
  tiesLoading = $state(false);
  /**
   * Bumped when a graph's ties are all in, or when ties' attributes changed in place (a logged interaction's new
   * strengths): dependants that read ties recompute, the map redraws them.
   */
  tiesVersion = $state(0);
  /** The filters sent with the network request (large ecosystems only); null for the whole network. */
  serverFilter = $state.raw<NetworkFilter | null>(null);
  /** Said in the header when the map shows a slice of a large ecosystem. */
  slice = $state<string | null>(null);
  /** Stakeholders in the whole ecosystem, as the last load reported (remembered across visits). */
  knownTotal = $state<number | null>(readKnownTotal());
  /** Bumped after each successful load, so dependants (analytics, panels) can refresh. */
  generation = $state(0);

  #controller: AbortController | null = null;

  load = async (ego: EgoView | null = this.ego, filter: NetworkFilter | null = this.serverFilter): Promise<void> => {
    this.#controller?.abort();
    this.ego = ego;
    this.serverFilter = filter;
    const controller = new AbortController();
    this.#controller = controller;
    const { signal } = controller;
    this.status = 'loading';
    this.error = null;
    this.unreachable = false;
    this.warnings = [];
    try {
      const [network, communities, overlaps] = await Promise.allSettled([
        ego === null
          ? request(NetworkDocument, { limit: NETWORK_LIMIT, filter }, { signal }).then((d) => d.network)
          : request(EgoNetworkDocument, { id: ego.id, depth: ego.depth, limit: EGO_LIMIT }, { signal }).then((d) => d.egoNetwork),
        request(CommunitiesDocument, { kind: 'DECLARED' }, { signal }),
        request(RoleOverlapsDocument, {}, { signal }),
      ]);
      if (signal.aborted) return;
      if (network.status === 'rejected') throw network.reason;
      performance.mark('atlas:data');
      const warnings: string[] = [];
      if (communities.status === 'fulfilled') this.communities = communities.value.communities;
      else warnings.push(`Communities unavailable: ${describeError(communities.reason)}`);
      if (overlaps.status === 'fulfilled') this.overlaps = overlaps.value.roleOverlaps;
      else warnings.push(`Role overlaps unavailable: ${describeError(overlaps.reason)}`);
      this.warnings = warnings;
      const { graph, ties, positioned } = decodeNodes(
        network.value,
        ego === null
          ? { kind: 'network', filter, limit: NETWORK_LIMIT }
          : { kind: 'ego', id: ego.id, depth: ego.depth, limit: EGO_LIMIT },
      );
      // Small answers get their ties at once; large ones after the nodes are on screen (tie-loader.ts).
      const sliced = ties.count > SLICE_TIES_ABOVE;
      if (!sliced) addTies(graph, ties, 0, ties.count);
      performance.mark('atlas:graph');
      if (ego === null) {
        const threshold = sliceAbove(browserStore());
        const total = filter === null ? network.value.attributes.totalNodes : Math.max(this.knownTotal ?? 0, graph.order);
        if (filter === null) {
          this.knownTotal = total;
          try {
            browserStore()?.setItem(KNOWN_TOTAL_KEY, String(total));
          } catch {
            // Storage blocked: the slice decision is then made after each load.
          }
        }
        this.slice = sliceMessage(total, graph.order, threshold, filter !== null);
      } else {
        this.slice = null;
      }
      // The server's positions are the run's map, the same for every user: neither seeded nor replaced by a saved one.
      this.serverPositions = positioned;
      if (positioned) {
        this.restoredPositions = false;
      } else {
        seedPositions(graph);
        this.restoredPositions = restorePositions(graph, browserStore());
      }
      this.tiesLoading = sliced;
      this.graph = graph;
      this.generation++;
      this.status = graph.order === 0 ? 'empty' : 'ready';
      if (sliced) {
        await afterNextPaint();
        if (signal.aborted) return;
        if (!(await addTiesInSlices(graph, ties, { signal })) || signal.aborted) return;
        performance.mark('atlas:ties');
        this.tiesLoading = false;
        this.tiesVersion++;
      }
    } catch (error) {
      if (signal.aborted) return;
      this.graph = null;
      this.tiesLoading = false;
      this.error = describeError(error);
      this.unreachable =
        error instanceof RequestError && (error.kind === 'NETWORK' || error.status === 502 || error.status === 504);
      this.status = 'error';
    }
  };

  /** Writes pairs' new measured relationships onto their ties on the map (relationships.ts) and redraws them. */
  applyRelationships = (pairs: readonly MeasuredPair[]): void => {
    const graph = this.graph;
    if (graph === null) return;
    let changed = 0;
    for (const pair of pairs) changed += applyRelationship(graph, pair);
    if (changed > 0) this.tiesVersion++;
  };

  dispose = (): void => {
    this.#controller?.abort();
  };
}
