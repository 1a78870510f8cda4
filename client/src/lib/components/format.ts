// Small display formatters shared by the panels (numbers, dates, tie types).
import type { TieType } from '../graphql/generated/graphql';

const integer = new Intl.NumberFormat('en-GB');

export function formatCount(n: number): string {
  return integer.format(n);
}

/** "1 stakeholder" / "2 stakeholders". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** "1 hop" / "2 hops" (never "1 hops"). */
export function hopsLabel(n: number): string {
  return plural(n, 'hop');
}

/** A YYYY-MM-DD or ISO instant as "3 Mar 2021"; null stays empty. */
export function formatDate(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** A date with its time (UTC), for runs that may finish on the same day: "30 Nov 2026, 04:12 UTC". */
export function formatDateTime(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const time = date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
  return `${formatDate(value)}, ${time} UTC`;
}

const TIE_LABELS: Record<TieType, string> = {
  WORKS_WITH: 'works with',
  REPORTS_TO: 'reports to',
  BUYS_FROM: 'buys from',
  SUPPLIES: 'supplies',
  FOLLOWS: 'follows',
  MENTIONS: 'mentions',
  INTERACTS: 'interacts with',
};

export function tieLabel(type: TieType): string {
  return TIE_LABELS[type];
}
