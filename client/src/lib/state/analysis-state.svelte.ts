// The analytics the map shows (current run, per-node scores and detected memberships) and running a new analysis.
import { describeError, request } from '../graphql/client';
import {
  AnalysisRunStatusDocument,
  CurrentAnalysisRunDocument,
  DetectedCommunitiesDocument,
  NodeAnalyticsDocument,
  RunAnalysisDocument,
  type AnalysisInput,
  type NodeAnalyticsQuery,
  type RunFieldsFragment,
} from '../graphql/generated/graphql';
import type { CommunityInfo } from '../graph/encodings';
import type { AtlasGraph } from '../graph/model';
import {
  applyNodeAnalytics,
  clearNodeAnalytics,
  detectedNames,
  isMissingApi,
  isRunning,
  type NodeAnalyticsRow,
} from './analysis-transitions';

export type AnalysisAvailability = 'unknown' | 'unavailable' | 'none' | 'ready';

/** How often a running analysis is polled (ms). */
export const POLL_MS = 1000;
/** Above this many nodes the per-node analytics are not fetched page by page (see the report: the wire shape should carry them). */
export const MAX_ENRICHED_NODES = 25_000;

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

  #graph: AtlasGraph | null = null;
  #poll: ReturnType<typeof setTimeout> | null = null;
  #controller: AbortController | null = null;

  /** Loads the current run and, when there is one, writes its scores and memberships onto `graph`. */
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
        if (graph !== null) clearNodeAnalytics(graph);
        this.version++;
        return;
      }
      const [{ detectedCommunities }, rows] = await Promise.all([
        request(DetectedCommunitiesDocument, {}, { signal }),
        graph === null || graph.order > MAX_ENRICHED_NODES ? Promise.resolve([]) : this.#nodeRows(signal),
      ]);
      if (signal.aborted) return;
      this.detected = detectedNames(detectedCommunities);
      if (graph !== null) {
        clearNodeAnalytics(graph);
        this.enriched = applyNodeAnalytics(graph, rows) > 0;
      }
      this.availability = 'ready';
      this.version++;
    } catch (e) {
      if (signal.aborted) return;
      if (isMissingApi(e)) this.availability = 'unavailable';
      this.error = describeError(e);
    }
  };

  async #nodeRows(signal: AbortSignal): Promise<NodeAnalyticsRow[]> {
    const rows: NodeAnalyticsRow[] = [];
    let after: string | null = null;
    for (;;) {
      const page: NodeAnalyticsQuery = await request(NodeAnalyticsDocument, { first: 500, after }, { signal });
      rows.push(...page.stakeholders.edges.map((e) => e.node));
      if (!page.stakeholders.pageInfo.hasNextPage || page.stakeholders.pageInfo.endCursor === null) return rows;
      after = page.stakeholders.pageInfo.endCursor;
    }
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
