// Pure pieces of the analytics state: applying per-node scores and detected memberships, and reading run progress.
import type { RunFieldsFragment } from '../graphql/generated/graphql';
import { nodeAnalytics, type AtlasGraph, type DetectedMembership, type WireNodeAnalytics } from '../graph/model';

/** One node's analytics as the network answer carries them. */
export interface NodeAnalyticsRow {
  key: string;
  attributes: WireNodeAnalytics;
}

/** Writes scores and detected memberships (as sent: strongest first) onto the graph's nodes; returns how many nodes got scores. */
export function applyNodeAnalytics(graph: AtlasGraph, rows: readonly NodeAnalyticsRow[]): number {
  let scored = 0;
  for (const row of rows) {
    if (!graph.hasNode(row.key)) continue;
    const analytics = nodeAnalytics(row.attributes);
    graph.mergeNodeAttributes(row.key, analytics);
    if (analytics.scores !== undefined) scored++;
  }
  return scored;
}

/** How many of the graph's nodes carry scores. */
export function scoredNodes(graph: AtlasGraph): number {
  let scored = 0;
  graph.forEachNode((_n, a) => {
    if (a.scores !== undefined) scored++;
  });
  return scored;
}

/** Removes analytics from every node (a new load or a run without results). */
export function clearNodeAnalytics(graph: AtlasGraph): void {
  graph.updateEachNodeAttributes((_n, a) => ({ ...a, scores: undefined, detected: undefined }), {
    attributes: ['scores', 'detected'],
  });
}

/** Whether a run is still going (poll again). */
export function isRunning(run: Pick<RunFieldsFragment, 'status'> | null): boolean {
  return run?.status === 'RUNNING';
}

/** A progress label such as "42% · communities". */
export function progressLabel(run: Pick<RunFieldsFragment, 'progress' | 'phase'>): string {
  const pct = Math.max(0, Math.min(100, Math.round(run.progress)));
  return run.phase ? `${pct}% · ${run.phase.replaceAll('-', ' ')}` : `${pct}%`;
}

/** Memberships at or above a strength threshold (for pies and halos). */
export function membershipsAbove(detected: readonly DetectedMembership[] | undefined, threshold: number): DetectedMembership[] {
  return (detected ?? []).filter((m) => m.strength >= threshold);
}

/** Whether an error says the server has no analysis API at all (an older server) rather than no run yet. */
export function isMissingApi(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /Cannot query field/.test(message);
}

/** Display names for detected communities: their label (else name), numbered when several share one. */
export function detectedNames(
  rows: ReadonlyArray<{ id: string; name: string; label: string | null }>,
): Array<{ id: string; name: string }> {
  const total = new Map<string, number>();
  for (const r of rows) {
    const n = r.label ?? r.name;
    total.set(n, (total.get(n) ?? 0) + 1);
  }
  const seen = new Map<string, number>();
  return rows.map((r) => {
    const n = r.label ?? r.name;
    if ((total.get(n) ?? 0) < 2) return { id: r.id, name: n };
    const i = (seen.get(n) ?? 0) + 1;
    seen.set(n, i);
    return { id: r.id, name: `${n} ${i}` };
  });
}

/**
 * A warning when the data changed since the shown analysis: the run counted a different number of stakeholders than
 * the ecosystem holds now (an import or an erasure since). Null when they agree or either count is unknown.
 */
export function staleAnalysisNote(runNodes: number | null | undefined, ecosystemNodes: number | null | undefined): string | null {
  if (runNodes === null || runNodes === undefined || ecosystemNodes === null || ecosystemNodes === undefined) return null;
  if (runNodes === ecosystemNodes) return null;
  const fmt = (n: number) => new Intl.NumberFormat('en-GB').format(n);
  return `The data changed since this analysis: it covered ${fmt(runNodes)} stakeholders, the ecosystem now has ${fmt(ecosystemNodes)}. Scores and detected communities may be out of date: run the analysis again (Analyse tab).`;
}
