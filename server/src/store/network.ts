// Loads subgraphs (a filtered network, or the neighbourhood of one stakeholder) in the compact
// shape graphology imports directly, with one analysis run's scores and detected memberships per node;
// over the limit, the strongest ties are kept.
import { execute, int, type Database } from '../db/database.js';
import { TIE_TYPES, type KindName, type RoleName, type TieTypeName } from '../domain/vocabulary.js';
import { roleLabelPredicate } from './fragments.js';
import {
  BROKERAGE_METRICS,
  INTEGER_METRICS,
  RANKED_METRICS,
  WIRE_SIGNIFICANT_DIGITS,
  type BrokerageMetric,
  type RankedMetric,
} from '../domain/metrics.js';

export interface NetworkFilter {
  roles?: RoleName[] | null;
  roleMatch?: 'ANY' | 'ALL' | null;
  community?: string | null;
  /** Members of any of these communities. */
  communities?: readonly string[] | null;
  kind?: KindName | null;
  tieTypes?: TieTypeName[] | null;
  since?: string | null;
  until?: string | null;
}

/**
 * Score properties a network node can carry: the ranked metrics and the brokerage roles of a ScoreSet (the allow-list
 * for the projection; only the selected ones are read).
 */
export type NetworkScoreField = RankedMetric | BrokerageMetric;
export const NETWORK_SCORE_FIELDS: readonly NetworkScoreField[] = [...RANKED_METRICS, ...BROKERAGE_METRICS];

/** The selected scores of one node (GraphQL NetworkScores; only the fields the operation asked for are read). */
export type NetworkScoresModel = Partial<Record<NetworkScoreField, number | null>>;

export interface NetworkMembership {
  community: string;
  strength: number;
}

/**
 * What to read of an analysis run for each node: which run, which scores (none: null), memberships and layout positions
 * or not; and whether to read each tie's measured relationship (TieColumns.strengths and interaction days).
 */
export interface NodeAnalytics {
  run: string | null;
  scores: readonly NetworkScoreField[] | null;
  detected: boolean;
  positions: boolean;
  relationships?: boolean;
}

export const NO_ANALYTICS: NodeAnalytics = { run: null, scores: null, detected: false, positions: false };

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
    /** The run's layout position; null when the node was not in the run or the run has no layout. */
    position?: [number, number] | null;
  };
}

export interface NetworkEdge {
  source: string;
  target: string;
  attributes: {
    type: TieTypeName;
    weight: number;
    since: string | null;
    /** The pair's relationship strength (RELATES), 0 when the pair has no interaction; read only when asked. */
    strength?: number;
    /** 'YYYY-MM-DD' (UTC) of the pair's first and last interaction; null when none; read only when asked. */
    firstInteraction?: string | null;
    lastInteraction?: string | null;
  };
}

export interface NetworkGraph {
  attributes: { truncated: boolean; totalNodes: number; totalEdges: number; run: string | null };
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

// Declared communities come as [strength, id] pairs and leave sorted strongest first, then by id (shapeNode): the
// order the analysis reads (its first is a stakeholder's primary group in the declared-vs-detected table), so the
// page's cell lists count as the table does. Sorted here, not in Cypher: an ordered COLLECT subquery per node cost
// the ego query 5× its db hits (tests/integration/query-budgets.test.ts).
const BASE_ATTRIBUTES = `label: s.name, kind: s.kind, roles: coalesce(s.roles, []), degree: coalesce(s.degree, 0),
  communities: [(s)-[m:MEMBER_OF]->(c:Community {kind: 'DECLARED'}) | [coalesce(m.strength, 1.0), c.id]]`;

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
  if (analytics.run !== null && analytics.positions) {
    parts.push(`position: [(s)-[:HAS_SCORES]->(x:ScoreSet) WHERE x.run = $run | [x.layoutX, x.layoutY]][0]`);
  }
  return `{ key: s.id, attributes: { ${parts.join(', ')} } }`;
}

/** What the map needs to size, colour and filter, at a fraction of the bytes. */
function roundForWire(value: number): number {
  return Number(value.toPrecision(WIRE_SIGNIFICANT_DIGITS));
}

interface NodeRow {
  key: string;
  attributes: Omit<NetworkNode['attributes'], 'detected' | 'communities' | 'position'> & {
    detected?: Array<[string, number]>;
    communities: Array<[number, string]>;
    position?: [number | null, number | null] | null;
  };
}

/** Layout coordinates travel to 0.01 (neighbouring members are about one unit apart). */
function roundPosition(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Declared community ids, strongest membership first, then by id. */
function strongestFirst(memberships: Array<[number, string]>): string[] {
  return memberships.sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)).map(([, id]) => id);
}

/** Rounds the scores and shapes memberships; without a run, the analytics fields are null. */
function shapeNode(row: NodeRow, analytics: NodeAnalytics): NetworkNode {
  const { detected, scores, communities, position, ...rest } = row.attributes;
  const attributes: NetworkNode['attributes'] = { ...rest, communities: strongestFirst(communities) };
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
  if (analytics.positions) {
    const [x, y] = position ?? [null, null];
    attributes.position = x === null || y === null ? null : [roundPosition(x), roundPosition(y)];
  }
  return { key: row.key, attributes };
}

// Dates leave Neo4j as 'YYYY-MM-DD' text: decoding a Date value costs the driver several Integer operations per tie.
const EDGE_PROJECTION = `{ source: startNode(t).id, target: endNode(t).id,
  attributes: { type: type(t), weight: t.weight, since: toString(t.since) } }`;

/**
 * The ties with their pair's measured relationship: the one RELATES of the pair (either way round, decision 063).
 * A subquery that binds `measuredEdges`; without `relationships` the ties are projected in the RETURN as before, so
 * that a query that does not select them costs what it did (tests/integration/query-budgets.ts).
 */
function edgeColumns(ties: string, relationships: boolean): { call: string; edges: string } {
  if (!relationships) return { call: '', edges: `[t IN ${ties} | ${EDGE_PROJECTION}]` };
  return {
    call: `CALL (ties) {
  UNWIND ${ties} AS t
  WITH t, startNode(t) AS a, endNode(t) AS b
  WITH t, a, b, [(a)-[x:RELATES]-(b) | x][0] AS r
  RETURN collect({ source: a.id, target: b.id, attributes: { type: type(t), weight: t.weight, since: toString(t.since),
    strength: coalesce(r.strength, 0.0), firstInteraction: toString(date(r.firstAt)), lastInteraction: toString(date(r.lastAt)) } }) AS measuredEdges
}
`,
    edges: 'measuredEdges',
  };
}

/** Strengths travel at the precision of the scores. */
function shapeEdges(edges: NetworkEdge[], analytics: NodeAnalytics): NetworkEdge[] {
  if (!analytics.relationships) return edges;
  for (const edge of edges) edge.attributes.strength = roundForWire(edge.attributes.strength ?? 0);
  return edges;
}

function relTypes(types: readonly TieTypeName[] | null | undefined): string {
  return (types && types.length > 0 ? types : TIE_TYPES).join('|');
}

const byCommunities = (filter: NetworkFilter | null | undefined): boolean => (filter?.communities?.length ?? 0) > 0;

/**
 * WHERE fragment restricting the stakeholder bound to `variable` by the node part of a filter (without the
 * `communities` part when the match already starts from those communities).
 */
function nodePredicate(variable: string, filter: NetworkFilter | null | undefined, withCommunities = true): string[] {
  const parts: string[] = [];
  if (filter?.roles && filter.roles.length > 0) parts.push(roleLabelPredicate(variable, filter.roles, filter.roleMatch ?? 'ANY'));
  if (filter?.kind) parts.push(`${variable}.kind = $kind`);
  if (filter?.community) parts.push(`EXISTS { (${variable})-[:MEMBER_OF]->(:Community {id: $community}) }`);
  if (withCommunities && byCommunities(filter)) {
    parts.push(`EXISTS { (${variable})-[:MEMBER_OF]->(${variable}c:Community) WHERE ${variable}c.id IN $communities }`);
  }
  return parts;
}

/**
 * The stakeholders a filter lets through, bound to `variable`. With `communities`, the match starts from those
 * communities (their id index) and their members, instead of testing every stakeholder of the ecosystem.
 */
function stakeholderMatch(variable: string, filter: NetworkFilter | null | undefined): string {
  if (!byCommunities(filter)) return `MATCH (${variable}:Stakeholder) ${where(nodePredicate(variable, filter))}`;
  return `MATCH (${variable}c:Community) WHERE ${variable}c.id IN $communities
    MATCH (${variable}:Stakeholder)-[:MEMBER_OF]->(${variable}c)
    WITH DISTINCT ${variable} ${where(nodePredicate(variable, filter, false))}`;
}

function tiePredicate(filter: NetworkFilter | null | undefined): string[] {
  const parts: string[] = [];
  if (filter?.since) parts.push('t.since >= date($since)');
  if (filter?.until) parts.push('t.since <= date($until)');
  return parts;
}

const where = (parts: string[]): string => (parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '');

/**
 * A filtered slice of the network in one query: the strongest `limit` matching ties, every matching
 * tie and stakeholder counted, and the nodes (all matching stakeholders, isolated ones included; when
 * ties were cut, the endpoints of the kept ties, so that no tie dangles).
 */
export async function loadNetwork(
  db: Database,
  filter: NetworkFilter | null | undefined,
  limit: number,
  pendingAnalytics: NodeAnalytics | Promise<NodeAnalytics> = NO_ANALYTICS,
): Promise<NetworkGraph> {
  const analytics = await pendingAnalytics;
  const rows = await execute<SliceRow>(db, networkSliceCypher(filter, nodeProjection(analytics), analytics.relationships), {
    kind: filter?.kind ?? null,
    community: filter?.community ?? null,
    communities: filter?.communities ?? null,
    since: filter?.since ?? null,
    until: filter?.until ?? null,
    limit: int(limit),
    run: analytics.run,
  });
  const row = rows[0];
  if (!row) throw new Error('The network query returned no row');
  return {
    attributes: {
      truncated: row.totalEdges > row.edges.length || row.nodes.length < row.totalNodes,
      totalNodes: row.totalNodes,
      totalEdges: row.totalEdges,
      run: analytics.run,
    },
    nodes: row.nodes.map((node) => shapeNode(node, analytics)),
    edges: shapeEdges(row.edges, analytics),
  };
}

interface SliceRow {
  totalNodes: number;
  totalEdges: number;
  nodes: NodeRow[];
  edges: NetworkEdge[];
}

/** The network slice query (labels, types and predicates from the allow-lists; every value a parameter). */
export function networkSliceCypher(filter: NetworkFilter | null | undefined, projection: string, relationships = false): string {
  const tieMatch = byCommunities(filter)
    ? `${stakeholderMatch('a', filter)}
    MATCH (a)-[t:${relTypes(filter?.tieTypes)}]->(b:Stakeholder) ${where([...nodePredicate('b', filter), ...tiePredicate(filter)])}`
    : `MATCH (a:Stakeholder)-[t:${relTypes(filter?.tieTypes)}]->(b:Stakeholder)
    ${where([...nodePredicate('a', filter), ...nodePredicate('b', filter), ...tiePredicate(filter)])}`;
  const nodeMatch = stakeholderMatch('s', filter);
  const edges = edgeColumns('ties', relationships);
  // The ties are counted in a second pass only when there are more than the limit.
  return `CALL () { ${nodeMatch} RETURN count(s) AS totalNodes }
CALL () { ${tieMatch} WITH t ORDER BY t.weight DESC, elementId(t) LIMIT $limit + 1 RETURN collect(t) AS strongest }
CALL (strongest) {
  WITH strongest WHERE size(strongest) > $limit
  ${tieMatch}
  RETURN count(t) AS counted
}
WITH totalNodes, strongest[..$limit] AS ties, CASE WHEN size(strongest) > $limit THEN counted ELSE size(strongest) END AS totalEdges
CALL (totalEdges, ties) {
  UNWIND CASE WHEN totalEdges > size(ties) THEN ties ELSE [] END AS t
  UNWIND [startNode(t), endNode(t)] AS s
  RETURN collect(DISTINCT s) AS endpoints
}
CALL (totalEdges, ties) {
  WITH totalEdges, ties WHERE totalEdges <= size(ties)
  ${nodeMatch}
  RETURN collect(s) AS everyone
}
CALL (endpoints, everyone) {
  UNWIND endpoints + everyone AS s
  RETURN collect(${projection}) AS nodes
}
${edges.call}RETURN totalNodes, totalEdges, nodes, ${edges.edges} AS edges`;
}

/**
 * The stakeholders within `depth` hops of `id` (breadth-first, nearest and most strongly tied
 * first, at most `limit` of them) and the ties among them (at most `limit`, strongest first), in one
 * query. A stakeholder's distance and strength come from all its shortest paths (one breadth-first
 * expansion in the engine): the strength is the heaviest last hop, i.e. the strongest tie to a
 * stakeholder one hop nearer, as the hop-by-hop reading had it. totalNodes counts the whole
 * neighbourhood, totalEdges every tie inside it (only counted apart when stakeholders were cut).
 */
export async function loadEgoNetwork(
  db: Database,
  id: string,
  depth: number,
  limit: number,
  tieTypes: TieTypeName[] | null | undefined,
  pendingAnalytics: NodeAnalytics | Promise<NodeAnalytics> = NO_ANALYTICS,
): Promise<NetworkGraph | null> {
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_EGO_DEPTH)
    throw new RangeError(`depth ${depth} is not 1–${MAX_EGO_DEPTH}`);
  const analytics = await pendingAnalytics;
  const cypher = egoNetworkCypher(relTypes(tieTypes), depth, nodeProjection(analytics), analytics.relationships);
  const rows = await execute<EgoRow>(db, cypher, {
    id,
    room: int(limit - 1),
    limit: int(limit),
    run: analytics.run,
  });
  const row = rows[0];
  if (!row) return null;
  return {
    attributes: {
      truncated: row.totalNodes > row.nodes.length || row.tiesAmongKept > row.edges.length,
      totalNodes: row.totalNodes,
      totalEdges: row.totalEdges,
      run: analytics.run,
    },
    nodes: row.nodes.map((node) => shapeNode(node, analytics)),
    edges: shapeEdges(row.edges, analytics),
  };
}

/** The deepest ego network served: a quantifier bound is part of the query text, so it is checked here too. */
export const MAX_EGO_DEPTH = 3;

interface EgoRow {
  totalNodes: number;
  totalEdges: number;
  tiesAmongKept: number;
  nodes: NodeRow[];
  edges: NetworkEdge[];
}

/**
 * The ego network query. Membership tests run against node lists collected in the query (the engine
 * hashes them), never against id lists sent from here. Ties are ordered by weight, then by element id
 * so that a cut is the same on every call.
 */
export function egoNetworkCypher(types: string, depth: number, projection: string, relationships = false): string {
  const edges = edgeColumns('ties[..$limit]', relationships);
  return `MATCH (ego:Stakeholder {id: $id})
CALL (ego) {
  MATCH p = ALL SHORTEST (ego)-[:${types}]-{1,${depth}}(n:Stakeholder)
  WHERE n <> ego
  WITH n, length(p) AS distance, max(last(relationships(p)).weight) AS strength
  ORDER BY distance, strength DESC, n.id
  RETURN collect(n) AS reached
}
WITH ego, reached, [ego] + reached[..$room] AS kept
CALL (kept) {
  UNWIND kept AS a
  MATCH (a)-[t:${types}]->(b) WHERE b IN kept
  WITH t ORDER BY t.weight DESC, elementId(t)
  RETURN collect(t) AS ties
}
CALL (ego, reached, kept) {
  WITH [ego] + reached AS whole WHERE size(whole) > size(kept)
  UNWIND whole AS a
  MATCH (a)-[t:${types}]->(b) WHERE b IN whole
  RETURN count(t) AS tiesInside
}
CALL (kept) {
  UNWIND kept AS s
  RETURN collect(${projection}) AS nodes
}
${edges.call}RETURN 1 + size(reached) AS totalNodes, CASE WHEN size(reached) + 1 > size(kept) THEN tiesInside ELSE size(ties) END AS totalEdges, size(ties) AS tiesAmongKept, nodes,
  ${edges.edges} AS edges`;
}
