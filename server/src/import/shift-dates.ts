// Moves every date of a parsed bundle by whole days: the demo's files keep fixed dates (their ground truth stays
// reproducible, decision 094) and are loaded moved so that their latest date falls on yesterday (decision 104).
import type { ImportBundle } from './types.js';

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The UTC day number (days since 1970-01-01) of an epoch-ms instant. */
const dayNumber = (ms: number): number => Math.floor(ms / DAY_MS);

/** Epoch ms of an ISO day (YYYY-MM-DD) at 00:00 UTC; NaN for anything else. */
function dayStart(iso: string): number {
  return ISO_DAY.test(iso) ? Date.parse(`${iso}T00:00:00Z`) : Number.NaN;
}

/** An ISO day (YYYY-MM-DD) moved by whole days; anything that is not an ISO day is returned as it is. */
export function shiftDay(iso: string, days: number): string {
  const start = dayStart(iso);
  if (!Number.isFinite(start) || days === 0) return iso;
  return new Date(start + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The latest date the bundle holds, epoch ms: interactions' instants, and the days of roles (since, until), ties and
 * memberships (since) at their start. Null when it holds no date.
 */
export function latestDate(bundle: ImportBundle): number | null {
  let latest = Number.NEGATIVE_INFINITY;
  for (const x of bundle.interactions) latest = Math.max(latest, x.at);
  const days = [
    ...bundle.roles.flatMap((r) => [r.since, r.until]),
    ...bundle.ties.map((t) => t.since),
    ...bundle.memberships.map((m) => m.since),
  ];
  for (const day of days) {
    const start = day === undefined ? Number.NaN : dayStart(day);
    if (Number.isFinite(start)) latest = Math.max(latest, start);
  }
  return Number.isFinite(latest) ? latest : null;
}

/** Whole days to add so that the day of `latest` becomes the day before `today` (both epoch ms, days in UTC). */
export function daysToYesterday(latest: number, today: number): number {
  return dayNumber(today) - 1 - dayNumber(latest);
}

/**
 * A copy of the bundle with every date moved by `days` whole days (interactions keep their time of day); records,
 * communities and everything undated are shared with the input, which is left unchanged.
 */
export function shiftBundleDates(bundle: ImportBundle, days: number): ImportBundle {
  if (!Number.isInteger(days)) throw new RangeError(`a shift is a whole number of days, got ${days}`);
  if (days === 0) return bundle;
  const day = (iso: string | undefined): string | undefined => (iso === undefined ? undefined : shiftDay(iso, days));
  return {
    ...bundle,
    roles: bundle.roles.map((r) => ({ ...r, since: day(r.since), until: day(r.until) })),
    ties: bundle.ties.map((t) => ({ ...t, since: day(t.since) })),
    memberships: bundle.memberships.map((m) => ({ ...m, since: day(m.since) })),
    interactions: bundle.interactions.map((x) => ({ ...x, at: x.at + days * DAY_MS })),
  };
}

/** The bundle moved so that its latest date falls on the day before `today` (epoch ms), and by how many days. */
export function shiftToYesterday(bundle: ImportBundle, today: number): { bundle: ImportBundle; days: number } {
  const latest = latestDate(bundle);
  if (latest === null) return { bundle, days: 0 };
  const days = daysToYesterday(latest, today);
  return { bundle: shiftBundleDates(bundle, days), days };
}
