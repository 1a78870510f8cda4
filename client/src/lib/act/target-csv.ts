// The target list as CSV: one row per person, with the reasons they are on it (roles, communities, degree, scores, best path).
import type { Role } from '../graphql/generated/graphql';
import { hopsLabel } from '../components/format';

export interface TargetReasons {
  id: string;
  name: string;
  email: string | null;
  organisation: string | null;
  roles: readonly Role[];
  /** Declared communities with membership strengths. */
  communities: ReadonlyArray<{ name: string; strength: number }>;
  degree: number | null;
  /** From the analysis API, when present (null otherwise). */
  pagerank: number | null;
  betweenness: number | null;
  detected: ReadonlyArray<{ name: string; strength: number }> | null;
  /** Best warm-introduction path from an employee: names in order, with its score. */
  bestPath: { names: readonly string[]; score: number } | null;
  from: string;
  /** Why it was added where it was added (the plan's "+8.3 expected contacts: …"); null when nothing was said. */
  reason: string | null;
  addedAt: string;
}

export const TARGET_CSV_COLUMNS = [
  'id',
  'name',
  'email',
  'organisation',
  'roles',
  'declared_communities',
  'degree',
  'pagerank',
  'betweenness',
  'detected_communities',
  'best_introduction_path',
  'introduction_score',
  'why',
  'added_from',
  'added_because',
  'added_at',
] as const;

/** Quotes a CSV field when needed (RFC 4180); neutralises spreadsheet formulas in text fields. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = typeof value === 'number' ? String(value) : value;
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function memberships(list: ReadonlyArray<{ name: string; strength: number }>): string {
  return [...list]
    .sort((a, b) => b.strength - a.strength)
    .map((m) => `${m.name} (${m.strength.toFixed(2)})`)
    .join('; ');
}

/** A score with its significant digits kept (0.00013 stays 0.00013, not 0.0001): six, as spreadsheets read them. */
export function csvScore(n: number | null): string | null {
  if (n === null || !Number.isFinite(n)) return null;
  return String(Number(n.toPrecision(6)));
}

/** One readable sentence: why this person is on the list. */
export function whySentence(r: TargetReasons): string {
  const parts: string[] = [];
  if (r.roles.length > 0)
    parts.push(`holds ${r.roles.map((x) => x.toLowerCase()).join(' + ')} role${r.roles.length > 1 ? 's' : ''}`);
  if (r.communities.length > 0)
    parts.push(`in ${r.communities.length} declared communit${r.communities.length > 1 ? 'ies' : 'y'}`);
  if (r.degree !== null) parts.push(`${r.degree} ties`);
  if (r.pagerank !== null) parts.push(`PageRank ${Number(r.pagerank.toPrecision(3))}`);
  if (r.bestPath !== null)
    parts.push(`reachable in ${hopsLabel(r.bestPath.names.length - 1)} from ${r.bestPath.names[0] ?? 'an employee'}`);
  return parts.length === 0 ? 'added by hand' : parts.join(', ');
}

/** The whole CSV, header first, CRLF line ends (what spreadsheets expect). */
export function targetCsv(rows: readonly TargetReasons[]): string {
  const lines = [TARGET_CSV_COLUMNS.join(',')];
  for (const r of rows) {
    const fields: Array<string | number | null> = [
      r.id,
      r.name,
      r.email,
      r.organisation,
      r.roles.join('+'),
      memberships(r.communities),
      r.degree,
      csvScore(r.pagerank),
      csvScore(r.betweenness),
      r.detected === null ? null : memberships(r.detected),
      r.bestPath === null ? null : r.bestPath.names.join(' > '),
      csvScore(r.bestPath?.score ?? null),
      whySentence(r),
      r.from,
      r.reason,
      r.addedAt,
    ];
    lines.push(fields.map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
