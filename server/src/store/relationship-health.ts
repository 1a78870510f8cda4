// Health lists over measured relationships: cooling relationships, single-threaded key accounts, stakeholders nobody
// owns. Definitions in docs/decisions/096-assessments-and-health-lists.md; every list is paged in a stable order.
import { execute, int, type Database } from '../db/database.js';
import type { Page, PageRequest, Stakeholder } from '../domain/models.js';
import { ROLES, type RoleName } from '../domain/vocabulary.js';
import { roleLabelPredicate, STAKEHOLDER_PROJECTION } from './fragments.js';
import { RELATIONSHIP_PROJECTION, seenFrom, type RelationshipRecord, type RelationshipView } from './interactions.js';
import { toPage } from './pages.js';

export interface CoolingRecord {
  /** One of the pair (the one with the smaller id); `relationship.other` is the other. */
  stakeholder: string;
  relationship: RelationshipView;
  /** strengthBefore − strength. */
  drop: number;
}

export type CoolingPage = Page<CoolingRecord>;

/** Relationships whose strength fell by at least `minDrop` over the cooling window, steepest fall first. */
export async function coolingRelationships(db: Database, minDrop: number, page: PageRequest): Promise<CoolingPage> {
  const rows = await execute<{ r: RelationshipRecord }>(
    db,
    `MATCH (a:Stakeholder)-[x:RELATES]->(b:Stakeholder) WHERE x.strengthBefore - x.strength >= $minDrop
     WITH a, b, x ORDER BY x.strengthBefore - x.strength DESC, a.id, b.id SKIP $offset LIMIT $limit
     RETURN ${RELATIONSHIP_PROJECTION} AS r`,
    { minDrop, offset: int(page.offset), limit: int(page.limit + 1) },
  );
  return toPage(
    rows.map(({ r }) => ({ stakeholder: r.a, relationship: seenFrom(r, r.a), drop: r.strengthBefore - r.strength })),
    page,
    async () => {
      const [count] = await execute<{ n: number }>(
        db,
        'MATCH ()-[x:RELATES]->() WHERE x.strengthBefore - x.strength >= $minDrop RETURN count(x) AS n',
        { minDrop },
      );
      return count?.n ?? 0;
    },
  );
}

export interface SingleThreadedRecord {
  account: string;
  employee: string;
  /** People on the account's side (the organisation included) the employee has a measured relationship with. */
  contacts: number;
  interactions: number;
  lastInteractionAt: string | null;
}

export type SingleThreadedPage = Page<SingleThreadedRecord>;

/**
 * Key accounts (organisations holding the CUSTOMER or PARTNER role) where every measured relationship between an
 * employee and the account's side (the organisation, and people whose `organisation` is its name) belongs to one
 * employee. Most interactions first.
 */
const SINGLE_THREADED = `
  MATCH (e:Employee)-[x:RELATES]-(p:Stakeholder) WHERE NOT p:Employee
  WITH e, p, x, CASE WHEN p.kind = 'ORGANISATION' THEN p.name ELSE p.organisation END AS accountName
  WHERE accountName IS NOT NULL
  WITH accountName, collect(DISTINCT e.id) AS employees, count(DISTINCT p) AS contacts,
       sum(x.interactionCount) AS interactions, max(x.lastAt) AS lastAt
  WHERE size(employees) = 1
  MATCH (o:Stakeholder {name: accountName}) WHERE o.kind = 'ORGANISATION' AND (o:Customer OR o:Partner)`;

export async function singleThreadedAccounts(db: Database, page: PageRequest): Promise<SingleThreadedPage> {
  const rows = await execute<SingleThreadedRecord>(
    db,
    `${SINGLE_THREADED}
     WITH o, employees, contacts, interactions, lastAt ORDER BY interactions DESC, o.id SKIP $offset LIMIT $limit
     RETURN o.id AS account, employees[0] AS employee, contacts, interactions, toString(lastAt) AS lastInteractionAt`,
    { offset: int(page.offset), limit: int(page.limit + 1) },
  );
  return toPage(rows, page, async () => {
    const [count] = await execute<{ n: number }>(db, `${SINGLE_THREADED} RETURN count(o) AS n`);
    return count?.n ?? 0;
  });
}

/** Roles whose holders someone at the company should own (everyone's but the employees' own). */
export const OWNED_ROLES: readonly RoleName[] = ROLES.filter((r) => r !== 'EMPLOYEE');

/**
 * Stakeholders holding any of `roles` (not employees themselves) whom nobody owns: no interaction they took part in
 * has an owner other than themselves. Most ties first (who matters most and is left alone).
 */
export async function unownedStakeholders(
  db: Database,
  roles: readonly RoleName[],
  page: PageRequest,
): Promise<Page<Stakeholder>> {
  const where = `${roleLabelPredicate('s', roles, 'ANY')} AND NOT s:Employee
    AND NOT EXISTS { (s)<-[:WITH]-(:Interaction)-[:WITH {owner: true}]->(o:Stakeholder) WHERE o <> s }`;
  const rows = await execute<{ s: Stakeholder }>(
    db,
    `MATCH (s:Stakeholder) WHERE ${where}
     WITH s ORDER BY s.degree DESC, s.id SKIP $offset LIMIT $limit
     RETURN ${STAKEHOLDER_PROJECTION} AS s`,
    { offset: int(page.offset), limit: int(page.limit + 1) },
  );
  return toPage(
    rows.map((r) => r.s),
    page,
    async () => {
      const [count] = await execute<{ n: number }>(db, `MATCH (s:Stakeholder) WHERE ${where} RETURN count(s) AS n`);
      return count?.n ?? 0;
    },
  );
}
