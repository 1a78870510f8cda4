// Loads subgraphs (a filtered network, or the neighbourhood of one stakeholder) in the compact
// shape graphology imports directly, with one analysis run's scores and detected memberships per node;
// over the limit, the strongest ties are kept.
import { execute, int, type Database } from '../db/database.js';
import { TIE_TYPES, type KindName, type RoleName, type TieTypeName } from '../domain/vocabulary.js';
import { roleLabelPredicate } from './fragments.js';
import { INTEGER_METRICS, RANKED_METRICS, WIRE_SIGNIFICANT_DIGITS, type RankedMetric } from '../domain/metrics.js';

export interface NetworkFilter {
  roles?: RoleName[] | null;
  roleMatch?: 'ANY' | 'ALL' | null;
  community?: string | null;
  kind?: KindName | null;
  tieTypes?: TieTypeName[] | null;
  since?: string | null;
  until?: string | null;
}

/** Score properties a network node can carry: the ranked metrics of a ScoreSet (the allow-list for the projection). */
export const NETWORK_SCORE_FIELDS = RANKED_METRICS;
export type NetworkScoreField = RankedMetric;

/** The selected scores of one node (GraphQL NetworkScores; only the fields the operation asked for are read). */
export type NetworkScoresModel = Partial<Record<NetworkScoreField, number | null>>;

export interface NetworkMembership {
  community: string;
  strength: number;
}

/** What to read of an analysis run for each node: which run, which scores (none: null), and memberships or not. */
export interface NodeAnalytics {
  run: string | null;
  scores: readonly NetworkScoreField[] | null;
  detected: boolean;
}

export const NO_ANALYTICS: NodeAnalytics = { run: null, scores: null, detected: false };

export interface NetworkNode {
  key: string;
  attributes: {
    label: string;
    kind: KindName;
    roles: RoleName[];
    communities: string[];
    degree: number;
    scores?: NetworkScoresModel | null;
    detected?: NetworkMembership[] | null;
  };
}

export interface NetworkEdge {
  source: string;
  target: string;
  attributes: { type: TieTypeName; weight: number; since: string | null };
}

export interface NetworkGraph {
  attributes: { truncated: boolean; totalNodes: number; totalEdges: number; run: string | null };
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

// Declared communities strongest first, then by id: the order the analysis reads (its first is a stakeholder's
// primary group in the declared-vs-detected table), so the page's cell lists count as the table does.
const BASE_ATTRIBUTES = `label: s.name, kind: s.kind, roles: coalesce(s.roles, []), degree: coalesce(s.degree, 0),
  communities: COLLECT { MATCH (s)-[m:MEMBER_OF]->(c:Community {kind: 'DECLARED'})
    RETURN c.id ORDER BY coalesce(m.strength, 1.0) DESC, c.id }`;

/**
 * The node projection, with the run's analytics when asked: the score set the run wrote for the stakeholder
 * (HAS_SCORES, tagged with the run) and its detected memberships (MEMBER_OF tagged with the run), strongest first
 * as Stakeholder.detectedCommunities orders them. Score names come from NETWORK_SCORE_FIELDS only.
 */
function nodeProjection(analytics: NodeAnalytics): string {
  const parts = [BASE_ATTRIBUTES];
  if (analytics.run !== null && analytics.scores !== null) {
    const fields = analytics.scores.filter((f) => (NETWORK_SCORE_FIELDS as readonly string[]).includes(f));
    const projection = fields.length > 0 ? fields.map((f) => `.${f}`).join(', ') : '.run';
    parts.push(`scores: [(s)-[:HAS_SCORES]->(x:ScoreSet) WHERE x.run = $run | x { ${projection} }][0]`);
  }
  if (analytics.run !== null && analytics.detected) {
    parts.push(`detected: COLLECT { MATCH (s)-[m:MEMBER_OF]->(c:Community) WHERE m.run = $run
      RETURN [c.id, m.strength] ORDER BY m.strength DESC, c.index }`);
  }
  return `{ key: s.id, attributes: { ${parts.join(', ')} } }`;
}

/** What the map needs to size, colour and filter, at a fraction of the bytes. */
function roundForWire(value: number): number {
  return Number(value.toPrecision(WIRE_SIGNIFICANT_DIGITS));
}

interface NodeRow {
  key: string;
  attributes: Omit<NetworkNode['attributes'], 'detected'> & { detected?: Array<[string, number]> };
}

/** Rounds the scores and shapes memberships; without a run, the analytics fields are null. */
function shapeNode(row: NodeRow, analytics: NodeAnalytics): NetworkNode {
  const { detected, scores, ...rest } = row.attributes;
  const attributes: NetworkNode['attributes'] = rest;
  if (analytics.scores !== null) {
    let shaped: NetworkScoresModel | null = null;
    if (scores) {
      shaped = {};
      for (const field of analytics.scores) {
        const value = scores[field];
        shaped[field] =
          value === null || value === undefined || INTEGER_METRICS.has(field) ? (value ?? null) : roundForWire(value);
      }
    }
    attributes.scores = shaped;
  }
  if (analytics.detected) {
    attributes.detected =
      analytics.run === null
        ? null
        : (detected ?? []).map(([community, strength]) => ({ community, strength: roundForWire(strength) }));
  }
  return { key: row.key, attributes };
}

// Dates leave Neo4j as 'YYYY-MM-DD' text: decoding a Date value costs the driver several Integer operations per tie.
const EDGE_PROJECTION = `{ source: startNode(t).id, target: endNode(t).id,
  attributes: { type: type(t), weight: t.weight, since: toString(t.since) } }`;

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

export async function loadNetwork(
  db: Database,
  filter: NetworkFilter | null | undefined,
  limit: number,
  pendingAnalytics: NodeAnalytics | Promise<NodeAnalytics> = NO_ANALYTICS,
): Promise<NetworkGraph> {
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

  const [edgeRows, nodeCount, analytics] = await Promise.all([
    execute<{ e: NetworkEdge }>(
      db,
      `${tieMatch} WITH t ORDER BY t.weight DESC LIMIT $limit RETURN ${EDGE_PROJECTION} AS e`,
      params,
    ),
    execute<{ n: number }>(db, `${nodeMatch} RETURN count(s) AS n`, params),
    pendingAnalytics,
  ]);
  const truncated = edgeRows.length > limit;
  const edges = edgeRows.slice(0, limit).map((row) => row.e);
  const totalEdges = truncated
    ? ((await execute<{ n: number }>(db, `${tieMatch} RETURN count(t) AS n`, params))[0]?.n ?? 0)
    : edges.length;
  const totalNodes = nodeCount[0]?.n ?? 0;

  // Whole answer: every matching stakeholder, isolated ones included. Truncated: the endpoints
  // of the kept ties, so no tie dangles.
  const projection = nodeProjection(analytics);
  const nodeRows = truncated
    ? await execute<{ n: NodeRow }>(db, `UNWIND $ids AS sid MATCH (s:Stakeholder {id: sid}) RETURN ${projection} AS n`, {
        ids: [...new Set(edges.flatMap((e) => [e.source, e.target]))],
        run: analytics.run,
      })
    : await execute<{ n: NodeRow }>(db, `${nodeMatch} RETURN ${projection} AS n`, { ...params, run: analytics.run });
  return {
    attributes: { truncated: truncated || nodeRows.length < totalNodes, totalNodes, totalEdges, run: analytics.run },
    nodes: nodeRows.map((row) => shapeNode(row.n, analytics)),
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
  pendingAnalytics: NodeAnalytics | Promise<NodeAnalytics> = NO_ANALYTICS,
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
  const analytics = await pendingAnalytics;
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
    execute<{ n: NodeRow }>(db, `UNWIND $ids AS sid MATCH (s:Stakeholder {id: sid}) RETURN ${nodeProjection(analytics)} AS n`, {
      ids,
      run: analytics.run,
    }),
  ]);
  // An unknown id reaches nothing and has no node row: no extra round trip to check it first.
  if (reached.size === 1 && !nodeRows.some((row) => row.n.key === id)) return null;
  const truncatedEdges = edgeRows.length > limit;
  return {
    attributes: {
      truncated: cut || truncatedEdges,
      totalNodes: nodeRows.length,
      totalEdges: Math.min(edgeRows.length, limit),
      run: analytics.run,
    },
    nodes: nodeRows.map((row) => shapeNode(row.n, analytics)),
    edges: edgeRows.slice(0, limit).map((row) => row.e),
  };
}
