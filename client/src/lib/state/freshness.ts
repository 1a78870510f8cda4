// Whether the map still shows the newest analysis of the newest data: pure, so the notices can be tested without a page.
import type { KeyValueStore } from '../graph/positions';

/** How often the page asks whether a newer run or newer data exists (ms), while it is visible. */
export const FRESHNESS_POLL_MS = 15_000;
/** localStorage key overriding FRESHNESS_POLL_MS (a test sets it low). */
export const FRESHNESS_POLL_KEY = 'atlas:freshness-poll-ms';

export function freshnessPollMs(store: KeyValueStore | null): number {
  let raw = Number.NaN;
  try {
    raw = Number(store?.getItem(FRESHNESS_POLL_KEY) ?? Number.NaN);
  } catch {
    // Storage blocked: the default applies.
  }
  return Number.isInteger(raw) && raw >= 200 ? raw : FRESHNESS_POLL_MS;
}

/** What the server says now (the MapFreshness query's answer). */
export interface FreshnessAnswer {
  dataVersion?: string | null;
  currentAnalysisRun?: { id: string; finishedAt?: string | null; startedAt: string } | null;
  shownRun?: { id: string; dataVersion?: string | null } | null;
}

export interface Freshness {
  /** A run newer than the one shown (null: none, or an older run is shown on purpose and says so already). */
  newerRun: { id: string; at: string } | null;
  /** The analysed data changed since the shown run read it. */
  dataChanged: boolean;
}

export const FRESH: Freshness = { newerRun: null, dataChanged: false };

/**
 * The notices for the run a map shows: a newer current run (unless an older run is shown on purpose), and data written
 * since the shown run read it (unknown versions say nothing: runs recorded before versions were kept).
 */
export function freshnessOf(shownRun: string, answer: FreshnessAnswer, olderOnPurpose: boolean): Freshness {
  const current = answer.currentAnalysisRun ?? null;
  const newerRun =
    current !== null && current.id !== shownRun && !olderOnPurpose
      ? { id: current.id, at: current.finishedAt ?? current.startedAt }
      : null;
  const was = answer.shownRun?.dataVersion ?? null;
  const now = answer.dataVersion ?? null;
  return { newerRun, dataChanged: was !== null && now !== null && was !== now };
}
