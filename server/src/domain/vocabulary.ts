// The fixed vocabularies of the data model: roles, kinds, tie types. Labels and relationship
// types in Cypher come only from these allow-lists, never from user input.

export const ROLES = ['CUSTOMER', 'EMPLOYEE', 'SUPPLIER', 'PARTNER', 'SHAREHOLDER'] as const;
export type RoleName = (typeof ROLES)[number];

/** Neo4j label that marks a stakeholder holding the role (label-backed role filtering). */
export const ROLE_LABEL: Record<RoleName, string> = {
  CUSTOMER: 'Customer',
  EMPLOYEE: 'Employee',
  SUPPLIER: 'Supplier',
  PARTNER: 'Partner',
  SHAREHOLDER: 'Shareholder',
};

export const KINDS = ['PERSON', 'ORGANISATION'] as const;
export type KindName = (typeof KINDS)[number];

export const TIE_TYPES = ['WORKS_WITH', 'REPORTS_TO', 'BUYS_FROM', 'SUPPLIES', 'FOLLOWS', 'MENTIONS', 'INTERACTS'] as const;
export type TieTypeName = (typeof TIE_TYPES)[number];

export function isRole(value: string): value is RoleName {
  return (ROLES as readonly string[]).includes(value);
}
export function isKind(value: string): value is KindName {
  return (KINDS as readonly string[]).includes(value);
}
export function isTieType(value: string): value is TieTypeName {
  return (TIE_TYPES as readonly string[]).includes(value);
}

/** The roles of a bit mask (bit r set ⇔ ROLES[r] held): the compact projection's encoding. */
export function rolesOfMask(mask: number): RoleName[] {
  const roles: RoleName[] = [];
  for (let r = 0; r < ROLES.length; r++) if (mask & (1 << r)) roles.push(ROLES[r]!);
  return roles;
}

/** The bit mask of a list of roles; unknown names are ignored. */
export function maskOfRoles(roles: readonly string[]): number {
  let mask = 0;
  for (const role of roles) {
    const r = (ROLES as readonly string[]).indexOf(role);
    if (r >= 0) mask |= 1 << r;
  }
  return mask;
}
