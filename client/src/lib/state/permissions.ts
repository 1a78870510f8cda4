// What each access role may do in the UI (viewer < analyst < editor < admin); the server enforces, the UI only offers.
import type { AccessRole } from '../graphql/auth-types';

export const ROLE_ORDER: readonly AccessRole[] = ['VIEWER', 'ANALYST', 'EDITOR', 'ADMIN'];

export const ACCESS_ROLE_LABELS: Record<AccessRole, string> = {
  VIEWER: 'Viewer',
  ANALYST: 'Analyst',
  EDITOR: 'Editor',
  ADMIN: 'Admin',
};

/** Whether `role` is `min` or above. */
export function atLeast(role: AccessRole, min: AccessRole): boolean {
  return ROLE_ORDER.indexOf(role) >= ROLE_ORDER.indexOf(min);
}

export interface Permissions {
  /** Personal values (e-mails, source-record keys) come unmasked. */
  personalData: boolean;
  /** Run analyses, plan engagement, warm introductions, target lists. */
  analyse: boolean;
  /** CSV, GEXF and PNG exports. */
  exportData: boolean;
  /** Imports and other writes. */
  edit: boolean;
  /** Audit view, users and tokens, personal-data export and erasure. */
  admin: boolean;
}

export function permissionsFor(role: AccessRole | null): Permissions {
  if (role === null) return { personalData: false, analyse: false, exportData: false, edit: false, admin: false };
  return {
    personalData: atLeast(role, 'ANALYST'),
    analyse: atLeast(role, 'ANALYST'),
    exportData: atLeast(role, 'ANALYST'),
    edit: atLeast(role, 'EDITOR'),
    admin: atLeast(role, 'ADMIN'),
  };
}

/** The string the server puts in place of a masked personal value. */
export const MASKED = '•••';

/**
 * How a personal value reads in the UI: "hidden" when masked (the server's "•••", or null for a role that cannot see
 * personal data), null when there is nothing to show, else the value.
 */
export function personalText(value: string | null | undefined, canSeePersonal: boolean): string | null {
  if (value === MASKED) return 'hidden';
  if (value === null || value === undefined || value === '') return canSeePersonal ? null : 'hidden';
  return value;
}

/** Whether a value is masked (shown as "hidden"). */
export function isMasked(value: string | null | undefined, canSeePersonal: boolean): boolean {
  return value === MASKED || (!canSeePersonal && (value === null || value === undefined || value === ''));
}
