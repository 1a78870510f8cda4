// The analytics the map shows (current run, per-node scores and detected memberships) and running a new analysis.
import { describeError, request } from '../graphql/client';
import {
  AnalysisRunStatusDocument,
  CurrentAnalysisRunDocument,
  DetectedCommunitiesDocument,
  EgoNetworkAnalyticsDocument,
  NetworkAnalyticsDocument,
  RunAnalysisDocument,
  type AnalysisInput,
  type RunFieldsFragment,
} from '../graphql/generated/graphql';
import type { CommunityInfo } from '../graph/encodings';
import type { AtlasGraph } from '../graph/model';
import { nodeAnalyticsRows } from '../graph/columns';
import {
  applyNodeAnalytics,
  clearNodeAnalytics,
  detectedNames,
  isMissingApi,
  isRunning,
  scoredNodes,
  type NodeAnalyticsRow,
} from './analysis-transitions';

export type AnalysisAvailability = 'unknown' | 'unavailable' | 'none' | 'ready';

/** How often a running analysis is polled (ms). */
export const POLL_MS = 1000;

export class AnalysisState {
  availability = $state<AnalysisAvailability>('unknown');
  current = $state.raw<RunFieldsFragment | null>(null);
  /** The run started from the UI and still being polled. */
  running = $state.raw<RunFieldsFragment | null>(null);
  detected = $state.raw<CommunityInfo[]>([]);
  /** Bumped when node analytics were written onto the graph (encodings depend on it). */
  version = $state(0);
  /** Whether the graph's nodes carry scores of the current run. */
  enriched = $state(false);
  error = $state<string | null>(null);
  /** The run shown on the map when it is not the current one (an older run from the history); null: the current run. */
  shownRun = $state<string | null>(null);
  /** That run's figures, once loaded. */
  shown = $state.raw<RunFieldsFragment | null>(null);

  #graph: AtlasGraph | null = null;
  #poll: ReturnType<typeof setTimeout> | null = null;
  #controller: AbortController | null = null;

  /**
   * Loads the current run and its detected communities. The graph's nodes arrive with the analytics of the run that
   * was current when the network was read (its `run` attribute); only when another run has become current since
   * (one finished meanwhile) are that run's analytics asked for, for the same nodes, in one request.
   */
  constructor(shownRun: string | null = null) {
    this.shownRun = shownRun;
  }

  /** Shows a run's analytics on the map (null: the current run's). */
  show = (run: string | null): Promise<void> => {
    if (run === this.shownRun) return Promise.resolve();
    this.shownRun = run;
    return this.refresh(this.#graph);
  };

  refresh = async (graph: AtlasGraph | null): Promise<void> => {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    const { signal } = controller;
    this.#graph = graph;
    this.error = null;
    try {
      const { currentAnalysisRun } = await request(CurrentAnalysisRunDocument, {}, { signal });
      if (signal.aborted) return;
      this.current = currentAnalysisRun;
      if (currentAnalysisRun === null) {
        this.availability = 'none';
        this.enriched = false;
        if (graph !== null && graph.getAttribute('run') !== null) {
          clearNodeAnalytics(graph);
          graph.setAttribute('run', null);
        }
        this.version++;
        return;
      }
      // An older run asked for (the history, a shared link): its analytics, unless it is gone or not complete.
      let target = currentAnalysisRun;
      this.shown = null;
      if (this.shownRun !== null && this.shownRun !== currentAnalysisRun.id) {
        const { analysisRun } = await request(AnalysisRunStatusDocument, { id: this.shownRun }, { signal });
        if (signal.aborted) return;
        if (analysisRun?.status === 'COMPLETE') {
          target = analysisRun;
          this.shown = analysisRun;
        } else {
          this.error = `Analysis run ${this.shownRun} is not available; the map shows the current run.`;
          this.shownRun = null;
        }
      } else if (this.shownRun !== null) {
        this.shownRun = null;
      }
      const stale = graph !== null && graph.getAttribute('run') !== target.id;
      const [{ detectedCommunities }, rows] = await Promise.all([
        request(DetectedCommunitiesDocument, { run: target.id }, { signal }),
        stale ? this.#nodeRows(graph, target.id, signal) : Promise.resolve(null),
      ]);
      if (signal.aborted) return;
      this.detected = detectedNames(detectedCommunities);
      if (graph !== null && rows !== null) {
        clearNodeAnalytics(graph);
        applyNodeAnalytics(graph, rows);
        graph.setAttribute('run', target.id);
      }
      this.enriched = graph !== null && scoredNodes(graph) > 0;
      this.availability = 'ready';
      this.version++;
    } catch (e) {
      if (signal.aborted) return;
      if (isMissingApi(e)) this.availability = 'unavailable';
      this.error = describeError(e);
    }
  };

  /** A run's analytics for the nodes of `graph`, asked for the way the graph itself was (network or ego view). */
  async #nodeRows(graph: AtlasGraph, run: string, signal: AbortSignal): Promise<NodeAnalyticsRow[]> {
    const origin = graph.getAttribute('origin');
    if (origin === undefined) return [];
    if (origin.kind === 'network') {
      const { network } = await request(
        NetworkAnalyticsDocument,
        { filter: origin.filter, limit: origin.limit, run },
        { signal },
      );
      return nodeAnalyticsRows(network.columns);
    }
    const { egoNetwork } = await request(
      EgoNetworkAnalyticsDocument,
      { id: origin.id, depth: origin.depth, limit: origin.limit, run },
      { signal },
    );
    return nodeAnalyticsRows(egoNetwork.columns);
  }

  /** Starts a run and polls it; when it completes, the map's analytics refresh. */
  run = async (input: AnalysisInput): Promise<void> => {
    this.error = null;
    try {
      const { runAnalysis } = await request(RunAnalysisDocument, { input });
      this.running = runAnalysis;
      this.#schedule(runAnalysis.id);
    } catch (e) {
      this.error = describeError(e);
    }
  };

  #schedule(id: string): void {
    if (this.#poll !== null) clearTimeout(this.#poll);
    this.#poll = setTimeout(() => void this.#check(id), POLL_MS);
  }

  async #check(id: string): Promise<void> {
    this.#poll = null;
    try {
      const { analysisRun } = await request(AnalysisRunStatusDocument, { id });
      this.running = analysisRun;
      if (isRunning(analysisRun)) {
        this.#schedule(id);
        return;
      }
      if (analysisRun?.status === 'FAILED') {
        this.error = `The analysis failed: ${analysisRun.error ?? 'no reason given'}. Check the parameters and run it again.`;
        return;
      }
      // A finished run becomes current a moment after its status flips: wait for it (a few tries).
      for (let attempt = 0; attempt < 10; attempt++) {
        const { currentAnalysisRun } = await request(CurrentAnalysisRunDocument, {});
        if (currentAnalysisRun?.id === id) break;
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      this.running = null;
      this.shownRun = null; // a run just finished: the map shows it, not an older one
      await this.refresh(this.#graph);
    } catch (e) {
      this.error = describeError(e);
      this.#schedule(id);
    }
  }

  dispose = (): void => {
    this.#controller?.abort();
    if (this.#poll !== null) clearTimeout(this.#poll);
  };
}
