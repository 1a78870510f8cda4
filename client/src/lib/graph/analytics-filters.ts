// What the detected-community and score-range filters offer: detected communities with members on the map, and each score's extent.
import { SCORE_KEYS, type AtlasGraph, type ScoreKey } from './model';

export interface ScoreExtent {
  min: number;
  max: number;
  /** Nodes on the map that carry this score. */
  count: number;
}

/** The extent of one score over the nodes that carry it; null when none does (no analysis loaded). */
export function scoreExtent(graph: AtlasGraph, metric: ScoreKey): ScoreExtent | null {
  let min = Infinity;
  let max = -Infinity;
  let count = 0;
  graph.forEachNode((_node, attrs) => {
    const v = attrs.scores?.[metric];
    if (v === undefined || !Number.isFinite(v)) return;
    if (v < min) min = v;
    if (v > max) max = v;
    count++;
  });
  return count === 0 ? null : { min, max, count };
}

/** The scores at least one node on the map carries, in SCORE_KEYS order. */
export function availableScores(graph: AtlasGraph): ScoreKey[] {
  const held = new Set<ScoreKey>();
  graph.forEachNode((_node, attrs) => {
    if (attrs.scores === undefined) return;
    for (const key of SCORE_KEYS) if (attrs.scores[key] !== undefined) held.add(key);
  });
  return SCORE_KEYS.filter((k) => held.has(k));
}

/** Members on the map per detected community (every membership counts, overlapping ones included). */
export function detectedMemberCounts(graph: AtlasGraph): Map<string, number> {
  const counts = new Map<string, number>();
  graph.forEachNode((_node, attrs) => {
    for (const m of attrs.detected ?? []) counts.set(m.community, (counts.get(m.community) ?? 0) + 1);
  });
  return counts;
}

/** A score for display: 3 significant digits, no exponent for everyday magnitudes. */
export function formatScore(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e-6 && abs < 1e9) return String(Number(value.toPrecision(3)));
  return value.toExponential(2);
}
