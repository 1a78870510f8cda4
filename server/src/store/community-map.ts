// A run's community map: what the write-back stores of the run's layout besides the per-stakeholder positions (a disc
// and role counts per detected community, the links between communities on the run), and the one query reading it.
import { execute, type Database } from '../db/database.js';
import { ROLES, TIE_TYPES } from '../domain/vocabulary.js';
import type { ProjectionFilter, RunLayout } from '../domain/models.js';

export interface CommunityMapRow {
  id: string;
  name: string;
  members: number;
  roleCounts: number[];
  x: number;
  y: number;
  radius: number;
}

export interface StoredCommunityMap {
  communities: CommunityMapRow[];
  links: Array<{ source: string; target: string; ties: number; weight: number }>;
}

/** The community properties the write-back sets from a layout (CREATE … SET c += row.map), by community index. */
export function communityMapProperties(layout: RunLayout, c: number): Record<string, number | number[]> {
  const members = layout.members[c] ?? 0;
  if (members === 0) return { mapMembers: 0 };
  return {
    mapMembers: members,
    mapX: layout.centreX[c]!,
    mapY: layout.centreY[c]!,
    mapRadius: layout.radius[c]!,
    mapRoles: Array.from(layout.roleCounts.subarray(c * ROLES.length, (c + 1) * ROLES.length)),
  };
}

/** Stores the links between communities on the run node, as parallel lists (one property each; no node per link). */
export async function writeCommunityLinks(db: Database, run: string, layout: RunLayout): Promise<void> {
  const { links } = layout;
  await execute(
    db,
    `MATCH (r:AnalysisRun {id: $run})
     SET r.mapLinkCount = $count, r.mapLinkSource = $source, r.mapLinkTarget = $target, r.mapLinkTies = $ties, r.mapLinkWeight = $weight`,
    {
      run,
      count: links.source.length,
      source: Array.from(links.source),
      target: Array.from(links.target),
      ties: Array.from(links.ties),
      weight: Array.from(links.weight),
    },
    { mode: 'WRITE' },
  );
}

/** The run's map in one query; null when the run was recorded without a layout. */
export async function readCommunityMap(db: Database, run: string): Promise<StoredCommunityMap | null> {
  const rows = await execute<{
    count: number | null;
    source: number[] | null;
    target: number[] | null;
    ties: number[] | null;
    weight: number[] | null;
    communities: Array<Omit<CommunityMapRow, 'roleCounts'> & { roleCounts: number[] | null }>;
  }>(
    db,
    `MATCH (r:AnalysisRun {id: $run})
     RETURN r.mapLinkCount AS count, r.mapLinkSource AS source, r.mapLinkTarget AS target, r.mapLinkTies AS ties,
       r.mapLinkWeight AS weight,
       COLLECT { MATCH (c:Community) WHERE c.run = $run AND c.kind = 'DETECTED' AND c.mapMembers > 0
         RETURN c { .id, .name, members: c.mapMembers, roleCounts: c.mapRoles, x: c.mapX, y: c.mapY, radius: c.mapRadius }
         ORDER BY c.index } AS communities`,
    { run },
  );
  const row = rows[0];
  if (!row || row.count === null) return null;
  const id = (index: number): string => `${run}:${Math.round(index)}`;
  const source = row.source ?? [];
  return {
    communities: row.communities.map((c) => ({ ...c, roleCounts: c.roleCounts ?? [] })),
    links: source.map((s, i) => ({
      source: id(s),
      target: id(row.target![i]!),
      ties: Math.round(row.ties![i]!),
      weight: row.weight![i]!,
    })),
  };
}

/**
 * The ties between stakeholders of two different communities, per unordered pair of community indexes, counted and
 * weighed in Cypher: a Graph Data Science run keeps its ties in Neo4j, and knows only each stakeholder's community
 * (`community`, by stakeholder id; stakeholders outside the run are not in it). Ties as the run's projection has them
 * (types and dates of the filter; a missing weight counts 1).
 */
export async function tiesBetweenCommunities(
  db: Database,
  filter: ProjectionFilter,
  community: Record<string, number>,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<Array<{ source: number; target: number; ties: number; weight: number }>> {
  const types = (filter.tieTypes && filter.tieTypes.length > 0 ? filter.tieTypes : TIE_TYPES).join('|');
  const tieWhere = [
    filter.since !== null ? 't.since >= date($since)' : null,
    filter.until !== null ? 't.since <= date($until)' : null,
  ].filter((p): p is string => p !== null);
  return execute(
    db,
    `MATCH (s:Stakeholder)-[t:${types}]->(b:Stakeholder) ${tieWhere.length > 0 ? `WHERE ${tieWhere.join(' AND ')}` : ''}
     WITH $community[s.id] AS a, $community[b.id] AS c, t
     WHERE a IS NOT NULL AND c IS NOT NULL AND a <> c
     WITH CASE WHEN a < c THEN a ELSE c END AS source, CASE WHEN a < c THEN c ELSE a END AS target, t
     RETURN source, target, count(t) AS ties, sum(coalesce(toFloat(t.weight), 1.0)) AS weight ORDER BY source, target`,
    { community, since: filter.since, until: filter.until },
    options,
  );
}

/**
 * Each stakeholder's community on the run's map: its strongest detected membership of the run (ties broken by the
 * community's index, as the network's memberships are ordered); ids without one are left out.
 */
export async function readMapPlaces(
  db: Database,
  run: string,
  ids: readonly string[],
): Promise<Array<{ stakeholder: string; community: string }>> {
  return execute(
    db,
    `UNWIND $ids AS sid
     MATCH (s:Stakeholder {id: sid})
     WITH s, COLLECT { MATCH (s)-[m:MEMBER_OF]->(c:Community) WHERE m.run = $run
       RETURN c.id ORDER BY m.strength DESC, c.index LIMIT 1 } AS best
     WHERE size(best) > 0
     RETURN s.id AS stakeholder, best[0] AS community`,
    { run, ids: [...ids] },
  );
}
