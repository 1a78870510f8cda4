// Reads and writes communities and memberships in Neo4j.
import { randomUUID } from 'node:crypto';
import { execute, int, run, type Database } from '../db/database.js';
import { writeData } from './data-version.js';
import type { RoleName } from '../domain/vocabulary.js';
import type { Community, Membership, Page, PageRequest } from '../domain/models.js';
import { toPage } from './pages.js';

const COMMUNITY_PROJECTION = `c { .id, .name, .kind, .category, .description, size: COUNT { (c)<-[:MEMBER_OF]-() } }`;
const MEMBERSHIP_PROJECTION = `{ stakeholder: s.id, community: c.id, strength: m.strength, since: m.since }`;

export async function findCommunitiesByIds(db: Database, ids: string[]): Promise<Map<string, Community>> {
  const rows = await execute<{ c: Community }>(
    db,
    `UNWIND $ids AS cid MATCH (c:Community {id: cid}) RETURN ${COMMUNITY_PROJECTION} AS c`,
    { ids },
  );
  return new Map(rows.map((row) => [row.c.id, row.c]));
}

/** Declared communities and/or the detected communities of one analysis run. */
export async function listCommunities(
  db: Database,
  kind: 'DECLARED' | 'DETECTED' | null | undefined,
  detectedRun: string | null,
): Promise<Community[]> {
  const rows = await execute<{ c: Community }>(
    db,
    `MATCH (c:Community)
     WHERE (c.kind = 'DECLARED' AND $declared) OR (c.kind = 'DETECTED' AND c.run = $run)
     RETURN ${COMMUNITY_PROJECTION} AS c ORDER BY c.kind, c.name, c.id`,
    { declared: kind !== 'DETECTED', run: kind === 'DECLARED' ? null : detectedRun },
  );
  return rows.map((row) => row.c);
}

export async function roleCounts(db: Database, id: string): Promise<Array<{ role: RoleName; count: number }>> {
  return execute(
    db,
    `MATCH (:Community {id: $id})<-[:MEMBER_OF]-(s:Stakeholder)
     UNWIND s.roles AS role
     RETURN role, count(*) AS count ORDER BY count DESC, role`,
    { id },
  );
}

export async function communityMembers(db: Database, id: string, request: PageRequest): Promise<Page<Membership>> {
  const rows = await execute<{ m: Membership }>(
    db,
    `MATCH (c:Community {id: $id})<-[m:MEMBER_OF]-(s:Stakeholder)
     WITH c, m, s ORDER BY m.strength DESC, s.name, s.id SKIP $skip LIMIT $limit
     RETURN ${MEMBERSHIP_PROJECTION} AS m`,
    { id, skip: int(request.offset), limit: int(request.limit + 1) },
  );
  let total: Promise<number> | undefined;
  return toPage(
    rows.map((row) => row.m),
    request,
    () =>
      (total ??= execute<{ n: number }>(db, 'MATCH (:Community {id: $id})<-[m:MEMBER_OF]-() RETURN count(m) AS n', {
        id,
      }).then((r) => r[0]?.n ?? 0)),
  );
}

export async function stakeholderMemberships(db: Database, stakeholderId: string): Promise<Membership[]> {
  const rows = await execute<{ m: Membership }>(
    db,
    `MATCH (s:Stakeholder {id: $id})-[m:MEMBER_OF]->(c:Community {kind: 'DECLARED'})
     RETURN ${MEMBERSHIP_PROJECTION} AS m ORDER BY m.strength DESC, c.name`,
    { id: stakeholderId },
  );
  return rows.map((row) => row.m);
}

export async function createCommunity(
  db: Database,
  input: { id?: string | null; name: string; category?: string | null; description?: string | null },
): Promise<string | null> {
  const id = input.id ?? `community-${randomUUID()}`;
  const rows = await writeData(db, (tx) =>
    run<{ id: string }>(
      tx,
      `OPTIONAL MATCH (existing:Community {id: $id})
     WITH existing WHERE existing IS NULL
     CREATE (c:Community {id: $id, name: $name, kind: 'DECLARED', category: $category, description: $description})
     RETURN c.id AS id`,
      { id, name: input.name, category: input.category ?? null, description: input.description ?? null },
    ),
  );
  return rows[0]?.id ?? null;
}

/** Creates or updates a membership; returns which endpoint is missing, if one is. */
export async function addMembership(
  db: Database,
  input: Membership,
): Promise<{ membership: Membership } | { missing: 'stakeholder' | 'community' }> {
  return writeData(db, async (tx) => {
    const found = await run<{ s: boolean; c: boolean }>(
      tx,
      `OPTIONAL MATCH (s:Stakeholder {id: $stakeholder}) OPTIONAL MATCH (c:Community {id: $community})
       RETURN s IS NOT NULL AS s, c IS NOT NULL AS c`,
      { ...input },
    );
    if (!found[0]?.s) return { missing: 'stakeholder' };
    if (!found[0]?.c) return { missing: 'community' };
    const rows = await run<{ m: Membership }>(
      tx,
      `MATCH (s:Stakeholder {id: $stakeholder}), (c:Community {id: $community})
       MERGE (s)-[m:MEMBER_OF]->(c)
       SET m.strength = $strength, m.since = date($since)
       RETURN ${MEMBERSHIP_PROJECTION} AS m`,
      { ...input },
    );
    const written = rows[0];
    if (!written) throw new Error('membership was not written');
    return { membership: written.m };
  });
}

export async function removeMembership(db: Database, stakeholder: string, community: string): Promise<boolean> {
  const rows = await writeData(db, (tx) =>
    run<{ n: number }>(
      tx,
      `MATCH (:Stakeholder {id: $stakeholder})-[m:MEMBER_OF]->(:Community {id: $community}) DELETE m RETURN count(*) AS n`,
      { stakeholder, community },
    ),
  );
  return (rows[0]?.n ?? 0) > 0;
}
