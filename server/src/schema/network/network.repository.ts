// Loads subgraphs (a filtered network, or the neighbourhood of one stakeholder) in the compact
// shape graphology imports directly; over the limit, the strongest ties are kept.
import { execute, int, type Database } from '../../db/database.js';
import { TIE_TYPES, type KindName, type RoleName, type TieTypeName } from '../../domain/vocabulary.js';
import { roleLabelPredicate } from '../stakeholders/stakeholders.cypher.js';

export interface NetworkFilter {
  roles?: RoleName[] | null;
  roleMatch?: 'ANY' | 'ALL' | null;
  community?: string | null;
  kind?: KindName | null;
  tieTypes?: TieTypeName[] | null;
  since?: string | null;
  until?: string | null;
}

export interface NetworkNode {
  key: string;
  attributes: { label: string; kind: KindName; roles: RoleName[]; communities: string[]; degree: number };
}

export interface NetworkEdge {
  source: string;
  target: string;
  attributes: { type: TieTypeName; weight: number; since: string | null };
}

export interface NetworkGraph {
  attributes: { truncated: boolean; totalNodes: number; totalEdges: number };
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

const NODE_PROJECTION = `{ key: s.id, attributes: {
  label: s.name, kind: s.kind, roles: coalesce(s.roles, []), degree: coalesce(s.degree, 0),
  communities: [(s)-[:MEMBER_OF]->(c:Community {kind: 'DECLARED'}) | c.id] } }`;

const EDGE_PROJECTION = `{ source: startNode(t).id, target: endNode(t).id,
  attributes: { type: type(t), weight: t.weight, since: t.since } }`;

function relTypes(types: readonly TieTypeName[] | null | undefined): string {
  return (types && types.length > 0 ? types : TIE_TYPES).join('|');
}

/** WHERE fragment restricting the stakeholder bound to `variable` by the node part of a filter. */
function nodePredicate(variable: string, filter: NetworkFilter | null | undefined): string[] {
  const parts: string[] = [];
  if (filter?.roles && filter.roles.length > 0) parts.push(roleLabelPredicate(variable, filter.roles, filter.roleMatch ?? 'ANY'));
  if (filter?.kind) parts.push(`${variable}.kind = $kind`);
  if (filter?.community) parts.push(`EXISTS { (${variable})-[:MEMBER_OF]->(:Community {id: $community}) }`);
  return parts;
}

function tiePredicate(filter: NetworkFilter | null | undefined): string[] {
  const parts: string[] = [];
  if (filter?.since) parts.push('t.since >= date($since)');
  if (filter?.until) parts.push('t.since <= date($until)');
  return parts;
}

const where = (parts: string[]): string => (parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '');

export async function loadNetwork(db: Database, filter: NetworkFilter | null | undefined, limit: number): Promise<NetworkGraph> {
  const params = {
    kind: filter?.kind ?? null,
    community: filter?.community ?? null,
    since: filter?.since ?? null,
    until: filter?.until ?? null,
    limit: int(limit + 1),
  };
  const tieMatch = `MATCH (a:Stakeholder)-[t:${relTypes(filter?.tieTypes)}]->(b:Stakeholder)
    ${where([...nodePredicate('a', filter), ...nodePredicate('b', filter), ...tiePredicate(filter)])}`;
  const nodeMatch = `MATCH (s:Stakeholder) ${where(nodePredicate('s', filter))}`;

  const [edgeRows, nodeCount] = await Promise.all([
    execute<{ e: NetworkEdge }>(
      db,
      `${tieMatch} WITH t ORDER BY t.weight DESC LIMIT $limit RETURN ${EDGE_PROJECTION} AS e`,
      params,
    ),
    execute<{ n: number }>(db, `${nodeMatch} RETURN count(s) AS n`, params),
  ]);
  const truncated = edgeRows.length > limit;
  const edges = edgeRows.slice(0, limit).map((row) => row.e);
  const totalEdges = truncated
    ? ((await execute<{ n: number }>(db, `${tieMatch} RETURN count(t) AS n`, params))[0]?.n ?? 0)
    : edges.length;
  const totalNodes = nodeCount[0]?.n ?? 0;

  // Whole answer: every matching stakeholder, isolated ones included. Truncated: the endpoints
  // of the kept ties, so no tie dangles.
  const nodeRows = truncated
    ? await execute<{ n: NetworkNode }>(db, `UNWIND $ids AS sid MATCH (s:Stakeholder {id: sid}) RETURN ${NODE_PROJECTION} AS n`, {
        ids: [...new Set(edges.flatMap((e) => [e.source, e.target]))],
      })
    : await execute<{ n: NetworkNode }>(db, `${nodeMatch} RETURN ${NODE_PROJECTION} AS n`, params);
  return {
    attributes: { truncated: truncated || nodeRows.length < totalNodes, totalNodes, totalEdges },
    nodes: nodeRows.map((row) => row.n),
    edges,
  };
}

/**
 * The stakeholders within `depth` hops of `id` (breadth-first, nearest and most strongly tied
 * first, at most `limit` of them) and the ties among them (at most `limit`, strongest first).
 */
export async function loadEgoNetwork(
  db: Database,
  id: string,
  depth: number,
  limit: number,
  tieTypes: TieTypeName[] | null | undefined,
): Promise<NetworkGraph | null> {
  const types = relTypes(tieTypes);
  const reached = new Set<string>([id]);
  let frontier = [id];
  let cut = false;
  for (let level = 0; level < depth && frontier.length > 0 && !cut; level += 1) {
    const room = limit - reached.size;
    const rows = await execute<{ id: string }>(
      db,
      `UNWIND $frontier AS fid
       MATCH (:Stakeholder {id: fid})-[t:${types}]-(n:Stakeholder)
       WHERE NOT n.id IN $reached
       WITH n, max(t.weight) AS strength
       ORDER BY strength DESC, n.id
       LIMIT $room
       RETURN n.id AS id`,
      { frontier, reached: [...reached], room: int(room + 1) },
    );
    if (rows.length > room) cut = true;
    frontier = rows.slice(0, room).map((row) => row.id);
    for (const next of frontier) reached.add(next);
  }
  const ids = [...reached];
  const [edgeRows, nodeRows] = await Promise.all([
    execute<{ e: NetworkEdge }>(
      db,
      `UNWIND $ids AS sid
       MATCH (a:Stakeholder {id: sid})-[t:${types}]->(b:Stakeholder)
       WHERE b.id IN $ids
       WITH t ORDER BY t.weight DESC LIMIT $limit
       RETURN ${EDGE_PROJECTION} AS e`,
      { ids, limit: int(limit + 1) },
    ),
    execute<{ n: NetworkNode }>(db, `UNWIND $ids AS sid MATCH (s:Stakeholder {id: sid}) RETURN ${NODE_PROJECTION} AS n`, {
      ids,
    }),
  ]);
  // An unknown id reaches nothing and has no node row: no extra round trip to check it first.
  if (reached.size === 1 && !nodeRows.some((row) => row.n.key === id)) return null;
  const truncatedEdges = edgeRows.length > limit;
  return {
    attributes: { truncated: cut || truncatedEdges, totalNodes: nodeRows.length, totalEdges: Math.min(edgeRows.length, limit) },
    nodes: nodeRows.map((row) => row.n),
    edges: edgeRows.slice(0, limit).map((row) => row.e),
  };
}
