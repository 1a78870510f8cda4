// Rows of the UpSet-style role-overlap chart, derived from the API's role combinations.
import type { Role } from '../graphql/generated/graphql';
import { normaliseRoles, roleComboKey, ROLE_LABELS } from './model';

export interface OverlapRow {
  key: string;
  roles: Role[];
  label: string;
  count: number;
  /** count / largest count, in [0, 1]. */
  fraction: number;
}

/** "Customer + Partner", or "No role". */
export function comboLabel(roles: readonly Role[]): string {
  const sorted = normaliseRoles(roles);
  return sorted.length === 0 ? 'No role' : sorted.map((r) => ROLE_LABELS[r]).join(' + ');
}

/** Largest first (then fewer roles first), zero counts dropped, bar fractions relative to the largest. */
export function overlapRows(combos: ReadonlyArray<{ roles: readonly Role[]; count: number }>): OverlapRow[] {
  const rows = combos
    .filter((c) => c.count > 0)
    .map((c) => {
      const roles = normaliseRoles(c.roles);
      return { key: roleComboKey(roles) || 'NONE', roles, label: comboLabel(roles), count: c.count, fraction: 0 };
    })
    .sort((a, b) => b.count - a.count || a.roles.length - b.roles.length || a.key.localeCompare(b.key));
  const max = rows[0]?.count ?? 0;
  return rows.map((r) => ({ ...r, fraction: max > 0 ? r.count / max : 0 }));
}
