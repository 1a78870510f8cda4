// Erased people stay erased: records whose key or normalised e-mail is suppressed are left out of an
// import, with everything that refers to them, and a warning names the row, never the person.
import type { ImportProblem, ParseResult } from './types.js';
import { recordKey } from './types.js';
import { recordEmailKey } from './write-plan.js';

export interface Suppressed {
  recordKeys: Set<string>;
  emails: Set<string>;
}

/** The bundle without suppressed records and the role facts, ties and memberships that refer to them. */
export function withoutSuppressed(parse: ParseResult, suppressed: Suppressed): { parse: ParseResult; warnings: ImportProblem[] } {
  if (suppressed.recordKeys.size === 0 && suppressed.emails.size === 0) return { parse, warnings: [] };
  const { bundle } = parse;
  const dropped = new Set<string>();
  const warnings: ImportProblem[] = [];
  const records = bundle.records.filter((record, index) => {
    const key = recordKey(record.source, record.externalId);
    const email = recordEmailKey(record);
    if (!suppressed.recordKeys.has(key) && !(email !== undefined && suppressed.emails.has(email))) return true;
    dropped.add(key);
    warnings.push({ file: 'records', row: index + 1, message: 'skipped: this record belongs to an erased person' });
    return false;
  });
  if (dropped.size === 0) return { parse, warnings: [] };
  const roles = bundle.roles.filter((r) => !dropped.has(r.stakeholder));
  const ties = bundle.ties.filter((t) => !dropped.has(t.from) && !dropped.has(t.to));
  const memberships = bundle.memberships.filter((m) => !dropped.has(m.stakeholder));
  const related =
    bundle.roles.length - roles.length + (bundle.ties.length - ties.length) + (bundle.memberships.length - memberships.length);
  if (related > 0) {
    warnings.push({ file: 'records', message: `skipped ${related} role facts, ties and memberships of erased people` });
  }
  return { parse: { ...parse, bundle: { ...bundle, records, roles, ties, memberships } }, warnings };
}
