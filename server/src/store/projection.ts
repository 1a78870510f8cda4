// Loads a stakeholder-graph projection (whole graph, or filtered by roles, tie types and a date window) from Neo4j in one streaming query.
import { execute, stream, type Database } from '../db/database.js';
import { maskOfRoles, TIE_TYPES } from '../domain/vocabulary.js';
import { roleLabelPredicate } from './fragments.js';
import type { CompactProjection, ProjectionFilter } from '../domain/models.js';
import { runTieWeight, type RunWeight } from '../domain/relationship-strength.js';

function num(value: number | null, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/**
 * One row per stakeholder: its roles, its declared memberships and its out-ties (to stakeholders that
 * pass the same filter) as three parallel lists, so the driver decodes n rows, not m. Tie types only
 * ever join stakeholders, so the target's label is not checked (one store read less per tie).
 * Relationship types come only from the TIE_TYPES allow-list; every value is a parameter. Unless the run is
 * weighted by TIES, each tie also carries its pair's measured strength (RELATES, null when unmeasured).
 */
export function projectionQuery(filter: ProjectionFilter, weight: RunWeight = 'TIES'): string {
  const measured = weight === 'TIES' ? '' : ', [(s)-[r:RELATES]-(b) | r.strength][0]';
  const types = (filter.tieTypes && filter.tieTypes.length > 0 ? filter.tieTypes : TIE_TYPES).join('|');
  const nodeWhere = filter.roles && filter.roles.length > 0 ? roleLabelPredicate('s', filter.roles, 'ANY') : 'true';
  const tieWhere = [
    filter.roles && filter.roles.length > 0 ? roleLabelPredicate('b', filter.roles, 'ANY') : null,
    filter.since !== null ? 't.since >= date($since)' : null,
    filter.until !== null ? 't.since <= date($until)' : null,
  ].filter((p): p is string => p !== null);
  return `
MATCH (s:Stakeholder) WHERE ${nodeWhere}
WITH s, [(s)-[t:${types}]->(b) ${tieWhere.length > 0 ? `WHERE ${tieWhere.join(' AND ')}` : ''} | [b.id, type(t), t.weight${measured}]] AS ties
RETURN s.id AS id, s.name AS name, coalesce(s.roles, []) AS roles,
  [(s)-[m:MEMBER_OF]->(c:Community {kind: 'DECLARED'}) | [c.id, m.strength]] AS communities,
  [x IN ties | x[0]] AS targets, [x IN ties | x[1]] AS types, [x IN ties | x[2]] AS weights${weight === 'TIES' ? '' : ', [x IN ties | x[3]] AS strengths'}`;
}

interface ProjectionRow {
  id: string;
  name: string | null;
  roles: string[];
  communities: Array<[string, number | null]>;
  targets: string[];
  types: string[];
  weights: Array<number | null>;
  /** Each tie's pair's measured strength (only when the run is not weighted by TIES). */
  strengths?: Array<number | null>;
}

/** A growable typed array (doubling), so that a million ties never sit in boxed JS arrays. */
class Column<T extends Int32Array | Float64Array | Uint8Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (size: number) => T,
  ) {}
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  /** The filled part, as a right-sized copy (the spare capacity is not transferred to the worker). */
  done(): T {
    return this.data.slice(0, this.length) as T;
  }
}

/**
 * Streams the projection into compact arrays (records are consumed as they arrive). A tie's target
 * gets its node index when first seen, as a target or as a row, so no tie keeps a string; a target
 * that never comes as a row (outside the filter) is dropped with its ties at the end.
 */
export async function loadProjection(
  db: Database,
  filter: ProjectionFilter & { weight?: RunWeight },
): Promise<CompactProjection> {
  const choice = filter.weight ?? 'TIES';
  const index = new Map<string, number>();
  const ids: string[] = [];
  const hasRow: boolean[] = [];
  const names: string[] = [];
  const masks: number[] = [];
  const communities: string[][] = [];
  const indexOf = (id: string): number => {
    let v = index.get(id);
    if (v === undefined) {
      v = ids.length;
      index.set(id, v);
      ids.push(id);
      hasRow.push(false);
      names.push('');
      masks.push(0);
      communities.push([]);
    }
    return v;
  };
  const source = new Column(new Int32Array(1024), (k) => new Int32Array(k));
  const target = new Column(new Int32Array(1024), (k) => new Int32Array(k));
  const weight = new Column(new Float64Array(1024), (k) => new Float64Array(k));
  const type = new Column(new Uint8Array(1024), (k) => new Uint8Array(k));
  const typeIndex = new Map<string, number>(TIE_TYPES.map((t, i) => [t, i]));

  await stream<ProjectionRow>(db, projectionQuery(filter, choice), { since: filter.since, until: filter.until }, (row) => {
    const v = indexOf(row.id);
    hasRow[v] = true;
    names[v] = row.name ?? '';
    masks[v] = maskOfRoles(row.roles);
    communities[v] = row.communities
      .map(([id, strength]) => ({ id, strength: num(strength, 1) }))
      .sort((a, b) => b.strength - a.strength || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((m) => m.id);
    for (let i = 0; i < row.targets.length; i++) {
      source.push(v);
      target.push(indexOf(row.targets[i]!));
      type.push(typeIndex.get(row.types[i]!) ?? 0);
      weight.push(runTieWeight(choice, num(row.weights[i] ?? null, 1), row.strengths?.[i] ?? null));
    }
  });

  // Nodes in stream order (targets seen before their row move to their row's place); ties follow.
  const order: number[] = [];
  for (let v = 0; v < ids.length; v++) if (hasRow[v]) order.push(v);
  const renumber = new Int32Array(ids.length).fill(-1);
  order.forEach((v, i) => (renumber[v] = i));
  const src = source.done();
  const dst = target.done();
  const w = weight.done();
  const t = type.done();
  let kept = 0;
  for (let e = 0; e < src.length; e++) {
    const a = renumber[src[e]!]!;
    const b = renumber[dst[e]!]!;
    if (a < 0 || b < 0) continue; // defensive: the query already keeps ties inside the filter
    src[kept] = a;
    dst[kept] = b;
    w[kept] = w[e]!;
    t[kept] = t[e]!;
    kept++;
  }
  const communityStart = new Int32Array(order.length + 1);
  const communityIds: string[] = [];
  order.forEach((v, i) => {
    for (const id of communities[v]!) communityIds.push(id);
    communityStart[i + 1] = communityIds.length;
  });
  return {
    ids: order.map((v) => ids[v]!),
    names: order.map((v) => names[v]!),
    roleMasks: Uint8Array.from(order, (v) => masks[v]!),
    communityStart,
    communityIds,
    source: src.slice(0, kept),
    target: dst.slice(0, kept),
    weight: w.slice(0, kept),
    type: t.slice(0, kept),
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
