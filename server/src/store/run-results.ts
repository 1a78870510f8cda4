// Reads analysis results from Neo4j: runs, per-stakeholder score sets, detected communities and memberships, ranked influencers, overlap inputs.
import { execute, int, type Database } from '../db/database.js';
import { ROLES, type RoleName } from '../domain/vocabulary.js';
import type { Community, Membership, ScoreSet } from '../domain/models.js';
import { METRIC_NAMES, type RankedMetric } from '../domain/metrics.js';
import { roleLabelPredicate } from './fragments.js';

const SCORE_PROJECTION = `x { .run, .stakeholder, ${METRIC_NAMES.map((m) => `.${m}`).join(', ')} }`;

export async function runStatus(db: Database, id: string): Promise<'RUNNING' | 'COMPLETE' | 'FAILED' | null> {
  const rows = await execute<{ status: 'RUNNING' | 'COMPLETE' | 'FAILED' }>(
    db,
    'MATCH (r:AnalysisRun {id: $id}) RETURN r.status AS status',
    { id },
  );
  return rows[0]?.status ?? null;
}

export async function scoresOf(db: Database, run: string, stakeholders: string[]): Promise<Map<string, ScoreSet>> {
  const rows = await execute<{ x: ScoreSet }>(
    db,
    `UNWIND $ids AS sid MATCH (x:ScoreSet {run: $run, stakeholder: sid}) RETURN ${SCORE_PROJECTION} AS x`,
    { run, ids: stakeholders },
  );
  return new Map(rows.map((r) => [r.x.stakeholder, r.x]));
}

export async function detectedMemberships(db: Database, run: string, stakeholder: string): Promise<Membership[]> {
  return (
    await execute<{ m: Membership }>(
      db,
      `MATCH (:Stakeholder {id: $id})-[m:MEMBER_OF {run: $run}]->(c:Community)
       RETURN { stakeholder: $id, community: c.id, strength: m.strength, since: null } AS m ORDER BY m.strength DESC, c.index`,
      { id: stakeholder, run },
    )
  ).map((r) => r.m);
}

export async function detectedCommunities(db: Database, run: string): Promise<Community[]> {
  return (
    await execute<{ c: Community }>(
      db,
      `MATCH (c:Community) WHERE c.run = $run AND c.kind = 'DETECTED'
       RETURN c { .id, .name, .kind, .category, .description, size: COUNT { (c)<-[:MEMBER_OF]-() } } AS c ORDER BY c.index`,
      { run },
    )
  ).map((r) => r.c);
}

export interface CommunityDetails {
  id: string;
  label: string | null;
  run: string | null;
  profile: { roles: Array<{ role: string; share: number }>; groups: Array<{ group: string; share: number }> } | null;
}

export async function communityDetails(db: Database, ids: string[]): Promise<Map<string, CommunityDetails>> {
  const rows = await execute<{ id: string; label: string | null; run: string | null; profile: string | null }>(
    db,
    `UNWIND $ids AS cid MATCH (c:Community {id: cid}) RETURN c.id AS id, c.label AS label, c.run AS run, c.profile AS profile`,
    { ids },
  );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        label: r.label,
        run: r.run,
        profile: r.profile ? (JSON.parse(r.profile) as CommunityDetails['profile']) : null,
      },
    ]),
  );
}

export interface SegmentFilter {
  roles: RoleName[] | null;
  roleMatch: 'ANY' | 'ALL';
  community: string | null;
}

/**
 * The first stakeholders of a run by a metric, inside a segment: the run's score sets (from the
 * (run, stakeholder) index), filtered by role labels and membership, then a top-k sort.
 * `metric` comes from the RANKED_METRICS allow-list only.
 */
export async function topByMetric(
  db: Database,
  run: string,
  metric: RankedMetric,
  ascending: boolean,
  segment: SegmentFilter,
  first: number,
): Promise<ScoreSet[]> {
  const where = [`x.run = $run`, `x.${metric} IS NOT NULL`];
  if (segment.roles && segment.roles.length > 0) where.push(roleLabelPredicate('s', segment.roles, segment.roleMatch));
  if (segment.community) where.push('EXISTS { (s)-[:MEMBER_OF]->(:Community {id: $community}) }');
  const rows = await execute<{ x: ScoreSet }>(
    db,
    `MATCH (s:Stakeholder)-[:HAS_SCORES]->(x:ScoreSet) WHERE ${where.join(' AND ')}
     RETURN ${SCORE_PROJECTION} AS x ORDER BY x.${metric} ${ascending ? 'ASC' : 'DESC'}, x.stakeholder LIMIT $first`,
    { run, community: segment.community, first: int(first) },
  );
  return rows.map((r) => r.x);
}

export async function communityExists(db: Database, id: string): Promise<boolean> {
  return (await execute<{ n: number }>(db, 'MATCH (c:Community {id: $id}) RETURN count(c) AS n', { id }))[0]?.n === 1;
}

export async function missingStakeholders(db: Database, ids: string[]): Promise<string[]> {
  const rows = await execute<{ id: string }>(db, 'UNWIND $ids AS sid MATCH (s:Stakeholder {id: sid}) RETURN s.id AS id', { ids });
  const found = new Set(rows.map((r) => r.id));
  return ids.filter((id) => !found.has(id));
}

/** Role name → holders (every role listed, empty ones included). */
export async function roleSets(db: Database): Promise<Map<string, string[]>> {
  const sets = new Map<string, string[]>(ROLES.map((r) => [r, []]));
  const rows = await execute<{ role: string; members: string[] }>(
    db,
    'MATCH (s:Stakeholder) UNWIND coalesce(s.roles, []) AS role RETURN role, collect(s.id) AS members',
  );
  for (const r of rows) sets.get(r.role)?.push(...r.members);
  return sets;
}

/** Declared community id → members. */
export async function declaredCommunitySets(db: Database): Promise<Map<string, string[]>> {
  const rows = await execute<{ id: string; members: string[] }>(
    db,
    `MATCH (c:Community {kind: 'DECLARED'}) RETURN c.id AS id, [(c)<-[:MEMBER_OF]-(s:Stakeholder) | s.id] AS members ORDER BY c.name, c.id`,
  );
  return new Map(rows.map((r) => [r.id, r.members]));
}

/** Stakeholder → the detected communities of a run it belongs to. */
export async function detectedAssignment(db: Database, run: string): Promise<Map<string, string[]>> {
  const rows = await execute<{ s: string; cs: string[] }>(
    db,
    `MATCH (c:Community) WHERE c.run = $run AND c.kind = 'DETECTED' MATCH (s:Stakeholder)-[:MEMBER_OF]->(c) RETURN s.id AS s, collect(c.id) AS cs`,
    { run },
  );
  return new Map(rows.map((r) => [r.s, r.cs]));
}

/** Core member counts of a run's detected communities (each stakeholder counted in its strongest one). */
export async function coreCommunitySizes(db: Database, run: string): Promise<Array<{ id: string; size: number }>> {
  return execute<{ id: string; size: number }>(
    db,
    `MATCH (c:Community) WHERE c.run = $run AND c.kind = 'DETECTED'
     RETURN c.id AS id, COUNT { (c)<-[:MEMBER_OF {core: true}]-(:Stakeholder) } AS size`,
    { run },
  );
}

/** Stakeholders counted by (core community in run `from`, core community in run `to`), for those in both runs. */
export async function coreMembershipFlows(
  db: Database,
  from: string,
  to: string,
): Promise<Array<{ from: string; to: string; count: number }>> {
  return execute<{ from: string; to: string; count: number }>(
    db,
    `MATCH (a:Community) WHERE a.run = $from AND a.kind = 'DETECTED'
     MATCH (a)<-[:MEMBER_OF {core: true}]-(s:Stakeholder)-[m:MEMBER_OF {core: true}]->(b:Community)
     WHERE m.run = $to
     RETURN a.id AS from, b.id AS to, count(s) AS count`,
    { from, to },
  );
}
