// Pure helpers of the Audit view: filters → query variables, appending pages, and how counts and targets read.
import type { AuditEventNode, AuditEventsQueryVariables } from '../graphql/auth-types';

export interface AuditFilters {
  action: string;
  actor: string;
  /** `YYYY-MM-DD` from a date input, '' for open. */
  from: string;
  /** `YYYY-MM-DD`, inclusive, '' for open. */
  to: string;
}

export const emptyAuditFilters: AuditFilters = { action: '', actor: '', from: '', to: '' };

export const AUDIT_PAGE = 50;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The start of a local calendar day as an ISO instant (null when the text is not a day). */
export function dayStart(day: string, offsetDays = 0): string | null {
  if (!DAY.test(day)) return null;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(y, m - 1, d + offsetDays);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Query variables for one page: empty filters are left out; `to` includes its whole day. */
export function auditVariables(filters: AuditFilters, after: string | null = null): AuditEventsQueryVariables {
  const action = filters.action.trim();
  const actor = filters.actor.trim();
  return {
    first: AUDIT_PAGE,
    after,
    action: action === '' ? null : action,
    actor: actor === '' ? null : actor,
    since: dayStart(filters.from),
    // The day after `to`, exclusive on the server's side or not, includes every event of `to`.
    until: filters.to === '' ? null : dayStart(filters.to, 1),
  };
}

/** Whether the date range is backwards (then the view says so instead of asking). */
export function rangeProblem(filters: AuditFilters): string | null {
  if (filters.from !== '' && filters.to !== '' && filters.from > filters.to) return 'The start date is after the end date.';
  return null;
}

/** Rows after "load more": the new page appended, an event already shown kept once. */
export function appendEvents(rows: readonly AuditEventNode[], page: readonly AuditEventNode[]): AuditEventNode[] {
  const seen = new Set(rows.map((r) => r.id));
  return [...rows, ...page.filter((r) => !seen.has(r.id))];
}

/** `{ nodes: 120, ties: 300 }` → "nodes 120 · ties 300"; anything else as compact JSON; '' for none. */
export function formatCounts(counts: unknown): string {
  if (counts === null || counts === undefined) return '';
  if (typeof counts === 'object' && !Array.isArray(counts)) {
    return Object.entries(counts as Record<string, unknown>)
      .map(([k, v]) => `${k} ${typeof v === 'number' ? v.toLocaleString('en-US') : JSON.stringify(v)}`)
      .join(' · ');
  }
  return typeof counts === 'string' ? counts : JSON.stringify(counts);
}

/** The first few target ids and how many more. */
export function targetSummary(targets: readonly string[], shown = 3): { shown: string[]; more: number } {
  return { shown: targets.slice(0, shown), more: Math.max(0, targets.length - shown) };
}

/** An event time as the table shows it: local `YYYY-MM-DD HH:MM:SS`. */
export function formatEventTime(at: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
