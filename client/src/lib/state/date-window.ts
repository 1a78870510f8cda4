// The date window's pure parts: the range of the dates on the map (the ties' own and their pairs' interactions), day
// numbers ↔ ISO days, and the steps that Play moves the window's end through. Which ties a window shows:
// passesTieFilters in view-transitions.ts.
import type { AtlasGraph } from '../graph/model';

const DAY_MS = 86_400_000;

export interface DateExtent {
  /** Days since 1970-01-01 (UTC) of the earliest and latest date: a tie's own, or its pair's first or last interaction. */
  first: number;
  last: number;
  /** Ties with a date or an interaction, and ties with neither (a window leaves those out). */
  dated: number;
  undated: number;
}

/** Day number of an ISO day ('YYYY-MM-DD…'). */
export function isoToDay(iso: string): number {
  return Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS);
}

export function dayToIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The dates on the map: the ties' own and their pairs' interactions; null when there is none. */
export function dateExtent(graph: Pick<AtlasGraph, 'forEachEdge'>): DateExtent | null {
  let first = '';
  let last = '';
  let dated = 0;
  let undated = 0;
  // ISO days compare as strings: no Date per tie.
  const see = (day: string): void => {
    if (first === '' || day < first) first = day;
    if (last === '' || day > last) last = day;
  };
  graph.forEachEdge((_edge, attrs) => {
    // Graphs built without interactions (tests, the object shape) may lack the interaction fields.
    const since = attrs.since ?? null;
    const firstContact = attrs.firstInteraction ?? null;
    const lastContact = attrs.lastInteraction ?? null;
    if (since === null && (firstContact === null || lastContact === null)) {
      undated++;
      return;
    }
    dated++;
    if (since !== null) see(since.slice(0, 10));
    if (firstContact !== null && lastContact !== null) {
      see(firstContact.slice(0, 10));
      see(lastContact.slice(0, 10));
    }
  });
  return dated === 0 ? null : { first: isoToDay(first), last: isoToDay(last), dated, undated };
}

/**
 * The window as the view keeps it: an end at the extent's edge is an open end (null), so that a window dragged back
 * to the full range filters nothing (undated ties come back too).
 */
export function windowOf(extent: DateExtent, since: number, until: number): { since: string | null; until: string | null } {
  const a = Math.max(extent.first, Math.min(since, until));
  const b = Math.min(extent.last, Math.max(since, until));
  return { since: a <= extent.first ? null : dayToIso(a), until: b >= extent.last ? null : dayToIso(b) };
}

/** Play: the window's end moves from just after `from` to the extent's end in `steps` even steps (days, ascending). */
export function playSteps(extent: DateExtent, from: number, steps: number): number[] {
  const start = Math.max(extent.first, Math.min(from, extent.last));
  const span = extent.last - start;
  if (span <= 0 || steps < 1) return [extent.last];
  const out: number[] = [];
  for (let i = 1; i <= steps; i++) {
    const day = start + Math.round((span * i) / steps);
    if (day > start && out.at(-1) !== day) out.push(day);
  }
  return out;
}
