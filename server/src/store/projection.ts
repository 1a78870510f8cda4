// Loads a stakeholder-graph projection (whole graph, or filtered by roles, tie types and a date window) from Neo4j in one streaming query.
import { execute, stream, type Database } from '../db/database.js';
import { maskOfRoles, TIE_TYPES } from '../domain/vocabulary.js';
import { roleLabelPredicate } from './fragments.js';
import type { CompactProjection, ProjectionFilter } from '../domain/models.js';

function num(value: number | null, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/**
 * One row per stakeholder: its roles, its declared memberships and its out-ties (to stakeholders that
 * pass the same filter) as three parallel lists, so the driver decodes n rows, not m. Tie types only
 * ever join stakeholders, so the target's label is not checked (one store read less per tie).
 * Relationship types come only from the TIE_TYPES allow-list; every value is a parameter.
 */
export function projectionQuery(filter: ProjectionFilter): string {
  const types = (filter.tieTypes && filter.tieTypes.length > 0 ? filter.tieTypes : TIE_TYPES).join('|');
  const nodeWhere = filter.roles && filter.roles.length > 0 ? roleLabelPredicate('s', filter.roles, 'ANY') : 'true';
  const tieWhere = [
    filter.roles && filter.roles.length > 0 ? roleLabelPredicate('b', filter.roles, 'ANY') : null,
    filter.since !== null ? 't.since >= date($since)' : null,
    filter.until !== null ? 't.since <= date($until)' : null,
  ].filter((p): p is string => p !== null);
  return `
MATCH (s:Stakeholder) WHERE ${nodeWhere}
WITH s, [(s)-[t:${types}]->(b) ${tieWhere.length > 0 ? `WHERE ${tieWhere.join(' AND ')}` : ''} | [b.id, type(t), t.weight]] AS ties
RETURN s.id AS id, s.name AS name, coalesce(s.roles, []) AS roles,
  [(s)-[m:MEMBER_OF]->(c:Community {kind: 'DECLARED'}) | [c.id, m.strength]] AS communities,
  [x IN ties | x[0]] AS targets, [x IN ties | x[1]] AS types, [x IN ties | x[2]] AS weights`;
}

interface ProjectionRow {
  id: string;
  name: string | null;
  roles: string[];
  communities: Array<[string, number | null]>;
  targets: string[];
  types: string[];
  weights: Array<number | null>;
}

/** Streams the projection into compact arrays (records are consumed as they arrive). */
export async function loadProjection(db: Database, filter: ProjectionFilter): Promise<CompactProjection> {
  const ids: string[] = [];
  const names: string[] = [];
  const masks: number[] = [];
  const communityStart: number[] = [0];
  const communityIds: string[] = [];
  const tieSource: number[] = [];
  const tieTarget: string[] = [];
  const tieWeight: number[] = [];
  const tieType: number[] = [];
  const typeIndex = new Map<string, number>(TIE_TYPES.map((t, i) => [t, i]));

  await stream<ProjectionRow>(db, projectionQuery(filter), { since: filter.since, until: filter.until }, (row) => {
    const v = ids.length;
    ids.push(row.id);
    names.push(row.name ?? '');
    masks.push(maskOfRoles(row.roles));
    const memberships = row.communities
      .map(([id, strength]) => ({ id, strength: num(strength, 1) }))
      .sort((a, b) => b.strength - a.strength || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const m of memberships) communityIds.push(m.id);
    communityStart.push(communityIds.length);
    for (let i = 0; i < row.targets.length; i++) {
      tieSource.push(v);
      tieTarget.push(row.targets[i]!);
      tieType.push(typeIndex.get(row.types[i]!) ?? 0);
      tieWeight.push(num(row.weights[i] ?? null, 1));
    }
  });

  const index = new Map<string, number>();
  ids.forEach((id, v) => index.set(id, v));
  const m = tieSource.length;
  const source = new Int32Array(m);
  const target = new Int32Array(m);
  const weight = new Float64Array(m);
  const type = new Uint8Array(m);
  let kept = 0;
  for (let e = 0; e < m; e++) {
    const t = index.get(tieTarget[e]!);
    if (t === undefined) continue; // defensive: the query already keeps ties inside the filter
    source[kept] = tieSource[e]!;
    target[kept] = t;
    weight[kept] = tieWeight[e]!;
    type[kept] = tieType[e]!;
    kept++;
  }
  return {
    ids,
    names,
    roleMasks: Uint8Array.from(masks),
    communityStart: Int32Array.from(communityStart),
    communityIds,
    source: source.slice(0, kept),
    target: target.slice(0, kept),
    weight: weight.slice(0, kept),
    type: type.slice(0, kept),
  };
}

/** Declared community id → name (for community labels). */
export async function declaredCommunityNames(db: Database): Promise<Record<string, string>> {
  const rows = await execute<{ id: string; name: string }>(
    db,
    `MATCH (c:Community {kind: 'DECLARED'}) RETURN c.id AS id, c.name AS name`,
  );
  return Object.fromEntries(rows.map((r) => [r.id, r.name]));
}

/** Ids of the members of a community (declared or detected); null when the community does not exist. */
export async function communityMemberIds(db: Database, id: string): Promise<Set<string> | null> {
  const rows = await execute<{ found: boolean; members: string[] }>(
    db,
    `OPTIONAL MATCH (c:Community {id: $id})
     RETURN c IS NOT NULL AS found, CASE WHEN c IS NULL THEN [] ELSE [(c)<-[:MEMBER_OF]-(s:Stakeholder) | s.id] END AS members`,
    { id },
  );
  const row = rows[0];
  return row?.found ? new Set(row.members) : null;
}

/** Ties between stakeholders, all types: the size that chooses an analysis engine (Neo4j's count store, one read per type). */
export async function countTies(db: Database): Promise<number> {
  let total = 0;
  for (const type of TIE_TYPES) {
    const rows = await execute<{ n: number }>(db, `MATCH ()-[t:${type}]->() RETURN count(t) AS n`);
    total += rows[0]?.n ?? 0;
  }
  return total;
}
