// Neo4j Graph Data Science (GDS) statements of an analysis run on the engine: presence, the in-memory
// projection of the ecosystem, the algorithms (mutating the projection), the streamed per-stakeholder
// results, and dropping the projection. Every statement runs in WRITE mode so that, on a cluster,
// every step reaches the same member (a projection lives in one member's heap); each has a timeout
// and is cancelled by the run's signal.
import { execute, int, stream, type Database } from '../db/database.js';
import { TIE_TYPES } from '../domain/vocabulary.js';
import type { ProjectionFilter } from '../domain/models.js';
import { roleLabelPredicate } from './fragments.js';

/** Configuration keys GDS reads as Long: the driver would send a JS number as a Double, which GDS refuses. */
const LONG_KEYS = new Set(['randomSeed', 'samplingSize', 'samplingSeed', 'hitsIterations', 'maxIterations', 'concurrency']);

function gdsConfiguration(configuration: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(configuration).map(([key, value]) => [
      key,
      LONG_KEYS.has(key) && typeof value === 'number' && Number.isInteger(value) ? int(value) : value,
    ]),
  );
}

export interface GdsCallOptions {
  signal?: AbortSignal;
  timeoutMs: number;
}

/** Relationship types of the projection: stakeholder pairs as directed ties, and as undirected pairs. */
export const DIRECTED = 'OUT';
export const UNDIRECTED = 'UND';

/** The GDS version of this database, or null when GDS is not installed (the function is unknown). */
export async function gdsVersion(db: Database): Promise<string | null> {
  const rows = await execute<{ n: number }>(db, "SHOW FUNCTIONS YIELD name WHERE name = 'gds.version' RETURN count(*) AS n");
  if ((rows[0]?.n ?? 0) === 0) return null;
  const version = await execute<{ v: string }>(db, 'RETURN gds.version() AS v');
  return version[0]?.v ?? null;
}

/** The names of the GDS procedures installed (to pick Leiden or Louvain, HITS when present). */
export async function gdsProcedures(db: Database): Promise<Set<string>> {
  const rows = await execute<{ name: string }>(db, "SHOW PROCEDURES YIELD name WHERE name STARTS WITH 'gds.' RETURN name");
  return new Set(rows.map((r) => r.name));
}

/**
 * Projects the filtered ecosystem into the GDS catalog under `graph` (a Cypher projection: the same
 * stakeholders and ties as the Node engine's projection, isolates included), then adds its undirected
 * view. As the Node engine's tie index does, parallel ties of one ordered pair are collapsed (weights
 * summed, 1 when missing), pairs weighing 0 and self-loops are no ties, and the undirected view sums the
 * two directions. Returns the stakeholder count and the tie count before collapsing.
 */
export async function projectEcosystem(
  db: Database,
  graph: string,
  filter: ProjectionFilter,
  options: GdsCallOptions,
): Promise<{ nodes: number; ties: number }> {
  const types = (filter.tieTypes && filter.tieTypes.length > 0 ? filter.tieTypes : TIE_TYPES).join('|');
  const nodeWhere = filter.roles && filter.roles.length > 0 ? roleLabelPredicate('s', filter.roles, 'ANY') : 'true';
  const tieWhere = [
    'b:Stakeholder',
    filter.roles && filter.roles.length > 0 ? roleLabelPredicate('b', filter.roles, 'ANY') : null,
    filter.since !== null ? 't.since >= date($since)' : null,
    filter.until !== null ? 't.since <= date($until)' : null,
  ].filter((p): p is string => p !== null);
  const rows = await execute<{ nodes: number | null; ties: number }>(
    db,
    `MATCH (s:Stakeholder) WHERE ${nodeWhere}
     OPTIONAL MATCH (s)-[t:${types}]->(b) WHERE ${tieWhere.join(' AND ')}
     WITH s, b, sum(coalesce(toFloat(t.weight), 1.0)) AS weight, count(t) AS ties
     WITH gds.graph.project($graph, s, CASE WHEN weight > 0 AND b <> s THEN b END,
            { relationshipType: '${DIRECTED}', relationshipProperties: { weight: weight } }) AS g, sum(ties) AS ties
     RETURN g.nodeCount AS nodes, ties`,
    { graph, since: filter.since, until: filter.until },
    { mode: 'WRITE', ...options },
  );
  const row = rows[0];
  if (!row || row.nodes === null) throw new Error("no stakeholder passes the run's filter: nothing to project");
  await execute(
    db,
    `CALL gds.graph.relationships.toUndirected($graph,
       { relationshipType: '${DIRECTED}', mutateRelationshipType: '${UNDIRECTED}', aggregation: 'SUM' })
     YIELD relationshipsWritten RETURN relationshipsWritten`,
    { graph },
    { mode: 'WRITE', ...options },
  );
  return { nodes: row.nodes, ties: row.ties };
}

/**
 * Runs one GDS algorithm in mutate mode on the projection and returns the named statistics (e.g.
 * modularity, componentCount). `procedure` comes from the run's fixed list, never from input.
 */
export async function mutate(
  db: Database,
  procedure: string,
  graph: string,
  configuration: Record<string, unknown>,
  yields: readonly string[],
  options: GdsCallOptions,
): Promise<Record<string, number>> {
  if (!/^gds(\.[A-Za-z]+)+\.mutate$/.test(procedure)) throw new Error(`not a GDS mutate procedure: ${procedure}`);
  if (!yields.every((y) => /^[A-Za-z]+$/.test(y))) throw new Error('bad yield name');
  const rows = await execute<Record<string, number>>(
    db,
    `CALL ${procedure}($graph, $configuration) YIELD ${yields.join(', ')} RETURN ${yields.join(', ')}`,
    { graph, configuration: gdsConfiguration(configuration) },
    { mode: 'WRITE', ...options },
  );
  return rows[0] ?? {};
}

export interface GdsNodeRow {
  id: string;
  roles: string[];
  /** Declared memberships [community id, strength]. */
  communities: Array<[string, number | null]>;
  keys: string[];
  values: Array<number | null>;
}

/**
 * Streams the projection's node properties, one row per stakeholder (its id, roles and declared
 * memberships for labels and the declared-vs-detected comparison), in chunks.
 */
export async function streamNodeResults(
  db: Database,
  graph: string,
  properties: readonly string[],
  onRow: (row: GdsNodeRow) => void,
  options: GdsCallOptions,
): Promise<void> {
  await stream<GdsNodeRow>(
    db,
    `CALL gds.graph.nodeProperties.stream($graph, $properties) YIELD nodeId, nodeProperty, propertyValue
     WITH nodeId, collect(nodeProperty) AS keys, collect(propertyValue) AS values
     WITH gds.util.asNode(nodeId) AS s, keys, values
     RETURN s.id AS id, coalesce(s.roles, []) AS roles,
       [(s)-[m:MEMBER_OF]->(c:Community {kind: 'DECLARED'}) | [c.id, m.strength]] AS communities, keys, values`,
    { graph, properties },
    onRow,
    { mode: 'WRITE', ...options },
  );
}

/** Drops the projection (no error when it is already gone). */
export async function dropProjection(db: Database, graph: string, options: GdsCallOptions): Promise<void> {
  await execute(
    db,
    'CALL gds.graph.drop($graph, false) YIELD graphName RETURN graphName',
    { graph },
    { mode: 'WRITE', ...options },
  );
}

/** The Neo4j JVM's heap used / max in bytes, from its JMX bean (for the bench). */
export async function jvmHeap(db: Database): Promise<{ used: number; max: number } | null> {
  const rows = await execute<{ used: number; max: number }>(
    db,
    `CALL dbms.queryJmx('java.lang:type=Memory') YIELD attributes
     RETURN attributes.HeapMemoryUsage.value.properties.used AS used, attributes.HeapMemoryUsage.value.properties.max AS max`,
  );
  return rows[0] ?? null;
}
