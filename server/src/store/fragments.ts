// Cypher for stakeholders. Labels and relationship types are interpolated only from the fixed
// allow-lists in domain/vocabulary.ts; every value is a parameter.
import { ROLES, ROLE_LABEL, TIE_TYPES, type RoleName } from '../domain/vocabulary.js';

/** Relationship-type alternation for "any tie" (excludes structural relationships). */
export const ANY_TIE = TIE_TYPES.join('|');

/** Projection of a stakeholder node `s` into the Stakeholder model (dates as 'YYYY-MM-DD' text, cheaper to decode than Date values). */
export const STAKEHOLDER_PROJECTION = `s {
  .id, .kind, .name, .email, .organisation, .title, .country,
  degree: coalesce(s.degree, 0),
  createdAt: s.createdAt, updatedAt: s.updatedAt,
  roles: [(s)-[:HAS_ROLE]->(f:RoleFact) | f { .role, since: toString(f.since), until: toString(f.until), .source, .value, .tier }]
}`;

export function roleLabelPredicate(variable: string, roles: readonly RoleName[], match: 'ANY' | 'ALL'): string {
  const parts = roles.map((role) => `${variable}:${ROLE_LABEL[role]}`);
  return `(${parts.join(match === 'ALL' ? ' AND ' : ' OR ')})`;
}

/**
 * Recomputes the denormalised role list (in the fixed role order), its combination key
 * (for role-overlap counts) and the role labels (for label-backed filtering) of $ids.
 */
export const REFRESH_ROLES = `
UNWIND $ids AS sid
MATCH (s:Stakeholder {id: sid})
WITH s, [(s)-[:HAS_ROLE]->(f:RoleFact) | f.role] AS held
WITH s, [r IN ${JSON.stringify(ROLES).replaceAll('"', "'")} WHERE r IN held] AS roles
SET s.roles = roles, s.rolesKey = reduce(k = '', r IN roles | k + CASE k WHEN '' THEN '' ELSE '|' END + r)
${ROLES.map(
  (role) =>
    `FOREACH (_ IN CASE WHEN '${role}' IN roles THEN [1] ELSE [] END | SET s:${ROLE_LABEL[role]})\n` +
    `FOREACH (_ IN CASE WHEN '${role}' IN roles THEN [] ELSE [1] END | REMOVE s:${ROLE_LABEL[role]})`,
).join('\n')}`;

/** Recomputes the tie degree of the given stakeholders. */
export const REFRESH_DEGREE = `
UNWIND $ids AS sid
MATCH (s:Stakeholder {id: sid})
SET s.degree = COUNT { (s)-[:${ANY_TIE}]-() }`;
