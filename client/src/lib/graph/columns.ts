// Decodes the compact network answer (columns; ties as delta-coded node indices) straight into graphology: no
// intermediate node or tie objects, one attribute object per node and per tie, which the graph keeps.
// The format is described on NetworkColumns in server/src/schema/network/schema.graphql.
import { MultiDirectedGraph } from 'graphology';
import type { NetworkColumnsGraphFragment, NodeAnalyticsColumnsFragment, Role, TieType } from '../graphql/generated/graphql';
import {
  dictionaryAdjacency,
  nodeAnalytics,
  ROLES,
  sizeForDegree,
  sizeForWeight,
  type AtlasGraph,
  type DetectedMembership,
  type EdgeAttributes,
  type GraphAttributes,
  type GraphOrigin,
  type NodeAttributes,
  type WireNodeAnalytics,
} from './model';

/** The answer as the page selects it (fragment NetworkColumnsGraph). */
export type WireColumnsNetwork = NetworkColumnsGraphFragment;

/** Why an answer cannot be decoded (columns of different lengths, an index out of range): a server bug, said plainly. */
export class ColumnsError extends Error {
  override readonly name = 'ColumnsError';
}

const DAY_MS = 86_400_000;

/** Day numbers (days since 1970-01-01) as 'YYYY-MM-DD', one string per distinct day. */
function dayFormatter(): (day: number | null) => string | null {
  const cache = new Map<number, string>();
  return (day) => {
    if (day === null) return null;
    let text = cache.get(day);
    if (text === undefined) {
      text = new Date(day * DAY_MS).toISOString().slice(0, 10);
      cache.set(day, text);
    }
    return text;
  };
}

/** The roles of a bit mask (bit i: ROLES[i], the server's order), in ROLES order. */
export function rolesOfMask(mask: number): Role[] {
  const roles: Role[] = [];
  for (let r = 0; r < ROLES.length; r++) if (mask & (1 << r)) roles.push(ROLES[r]!);
  return roles;
}

function expectLength(name: string, column: readonly unknown[], length: number): void {
  if (column.length !== length)
    throw new ColumnsError(`The network answer's ${name} has ${column.length} entries, not ${length}.`);
}

/** Start offsets of each node's memberships (prefix sums of counts), checked against the membership list. */
function offsets(name: string, counts: readonly number[], total: number): Int32Array {
  const starts = new Int32Array(counts.length + 1);
  for (let i = 0; i < counts.length; i++) starts[i + 1] = starts[i]! + counts[i]!;
  if (starts[counts.length] !== total) throw new ColumnsError(`The network answer's ${name} counts do not add up.`);
  return starts;
}

/** Reads one node's analytics from the columns, as the object shape carries them (null: none). */
function analyticsReader(
  nodes: NodeAnalyticsColumnsFragment,
  communityId: (index: number) => string,
): { scoresOf(i: number): WireNodeAnalytics['scores']; detectedOf(i: number): DetectedMembership[] | null } {
  const { scores, detected } = nodes;
  const detectedAt = detected ? offsets('detected', detected.counts, detected.communities.length) : null;
  return {
    // A node the run scored has a PageRank; one it did not has null in every column (as `scores: null` before).
    scoresOf: (i) =>
      scores && scores.pagerank[i] != null
        ? {
            pagerank: scores.pagerank[i]!,
            betweenness: scores.betweenness[i] ?? 0,
            hub: scores.hub[i] ?? 0,
            authority: scores.authority[i] ?? 0,
            coreNumber: scores.coreNumber[i] ?? 0,
            effectiveSize: scores.effectiveSize[i] ?? null,
          }
        : null,
    detectedOf: (i) => {
      if (!detected || !detectedAt) return null;
      const memberships: DetectedMembership[] = [];
      for (let m = detectedAt[i]!; m < detectedAt[i + 1]!; m++) {
        memberships.push({ community: communityId(detected.communities[m]!), strength: detected.strengths?.[m] ?? 0 });
      }
      return memberships;
    },
  };
}

function communityLookup(communities: readonly string[]): (index: number) => string {
  return (index) => {
    const id = communities[index];
    if (id === undefined) throw new ColumnsError(`The network answer refers to community ${index}, which it does not list.`);
    return id;
  };
}

/** A run's analytics per node from the columns (NetworkAnalytics / EgoNetworkAnalytics), keyed by node id. */
export function nodeAnalyticsRows(columns: {
  communities: string[];
  nodes: NodeAnalyticsColumnsFragment;
}): Array<{ key: string; attributes: WireNodeAnalytics }> {
  const { nodes } = columns;
  if (nodes.scores) expectLength('pagerank', nodes.scores.pagerank, nodes.ids.length);
  if (nodes.detected) expectLength('detected counts', nodes.detected.counts, nodes.ids.length);
  const read = analyticsReader(nodes, communityLookup(columns.communities));
  return nodes.ids.map((key, i) => ({ key, attributes: { scores: read.scoresOf(i), detected: read.detectedOf(i) } }));
}

/**
 * Positions computed by the server for the run (NodeColumns.positions: one x and one y per node, null where the run
 * placed no node), or null when the answer has none.
 */
export interface ServerPositions {
  x: ReadonlyArray<number | null>;
  y: ReadonlyArray<number | null>;
}

/**
 * An answer's ties decoded into typed arrays (node indices, type indices, weights, day numbers): no object per tie
 * until a tie is added to the graph, so the nodes can be drawn first and the ties added afterwards in slices.
 */
export interface DecodedTies {
  readonly count: number;
  readonly sources: Int32Array;
  readonly targets: Int32Array;
  readonly types: Uint8Array;
  readonly weights: Float64Array;
  /** Day numbers; NaN where the tie has no date. */
  readonly days: Float64Array;
  /** The pairs' relationship strengths (0: no interaction). */
  readonly strengths: Float64Array;
  /** Day numbers of the pairs' first and last interactions; NaN where the pair has none. */
  readonly firstContacts: Float64Array;
  readonly lastContacts: Float64Array;
  readonly typeNames: readonly TieType[];
  /** Node ids by index (the graph's keys). */
  readonly ids: readonly string[];
  readonly maxWeight: number;
  /** 'YYYY-MM-DD' of a day number, one string per distinct day. */
  readonly dayText: (day: number | null) => string | null;
}

/** Undoes the delta coding and checks every index, before anything is added: a bad answer adds no tie at all. */
export function decodeTies(wire: WireColumnsNetwork): DecodedTies {
  const { nodes, ties } = wire.columns;
  const count = ties.sourceDeltas.length;
  for (const [name, column] of [
    ['targetDeltas', ties.targetDeltas],
    ['types', ties.types],
    ['weights', ties.weights],
    ['since', ties.since],
    ['strengths', ties.strengths],
    ['firstInteraction', ties.firstInteraction],
    ['lastInteraction', ties.lastInteraction],
  ] as const)
    expectLength(name, column, count);
  if (ties.typeNames.length > 255) throw new ColumnsError('The network answer lists more tie types than it can have.');
  const n = nodes.ids.length;
  const sources = new Int32Array(count);
  const targets = new Int32Array(count);
  const types = new Uint8Array(count);
  const weights = new Float64Array(count);
  const days = new Float64Array(count);
  const strengths = new Float64Array(count);
  const firstContacts = new Float64Array(count);
  const lastContacts = new Float64Array(count);
  let maxWeight = 0;
  let source = 0;
  let target = 0;
  for (let k = 0; k < count; k++) {
    const delta = ties.sourceDeltas[k]!;
    source += delta;
    target = k > 0 && delta === 0 ? target + ties.targetDeltas[k]! : ties.targetDeltas[k]!;
    const type = ties.types[k]!;
    if (!(source >= 0 && source < n && target >= 0 && target < n && type >= 0 && type < ties.typeNames.length)) {
      throw new ColumnsError(`The network answer's tie ${k} refers to a node or type it does not list.`);
    }
    sources[k] = source;
    targets[k] = target;
    types[k] = type;
    const weight = ties.weights[k]!;
    weights[k] = weight;
    if (weight > maxWeight) maxWeight = weight;
    days[k] = ties.since[k] ?? Number.NaN;
    strengths[k] = ties.strengths[k]!;
    firstContacts[k] = ties.firstInteraction[k] ?? Number.NaN;
    lastContacts[k] = ties.lastInteraction[k] ?? Number.NaN;
  }
  return {
    count,
    sources,
    targets,
    types,
    weights,
    days,
    strengths,
    firstContacts,
    lastContacts,
    typeNames: ties.typeNames,
    ids: nodes.ids,
    maxWeight,
    dayText: dayFormatter(),
  };
}

/** Adds ties [from, to) of the decoded answer to the graph, keyed by their index in (source, target) order. */
export function addTies(graph: AtlasGraph, ties: DecodedTies, from: number, to: number): void {
  const { sources, targets, types, weights, days, strengths, firstContacts, lastContacts, typeNames, ids, maxWeight } = ties;
  const dayText = (day: number): string | null => (Number.isNaN(day) ? null : ties.dayText(day));
  for (let k = from; k < to; k++) {
    const weight = weights[k]!;
    graph.addEdgeWithKey(String(k), ids[sources[k]!]!, ids[targets[k]!]!, {
      tieType: typeNames[types[k]!]!,
      weight,
      since: dayText(days[k]!),
      size: sizeForWeight(weight, maxWeight),
      strength: strengths[k]!,
      firstInteraction: dayText(firstContacts[k]!),
      lastInteraction: dayText(lastContacts[k]!),
    });
  }
}

/** The server's positions of an answer when it has them for every node (null otherwise: the client lays out). */
export function serverPositions(wire: WireColumnsNetwork): ServerPositions | null {
  const positions = wire.columns.nodes.positions ?? null;
  if (positions === null) return null;
  const n = wire.columns.nodes.ids.length;
  expectLength('positions x', positions.x, n);
  expectLength('positions y', positions.y, n);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(positions.x[i]) || !Number.isFinite(positions.y[i])) return null;
  }
  return positions;
}

/**
 * The map's graph from the columns, nodes only: keyed by id with sizes, the run's analytics as buildGraph keeps
 * them, and the server's positions when the answer has them (else zero: the layout places them); plus the answer's
 * ties, decoded and checked, for addTies. `positioned` says whether the server's positions were used.
 */
export function decodeNodes(
  wire: WireColumnsNetwork,
  origin?: GraphOrigin,
): { graph: AtlasGraph; ties: DecodedTies; positioned: boolean } {
  const { nodes, communities } = wire.columns;
  const n = nodes.ids.length;
  for (const [name, column] of [
    ['labels', nodes.labels],
    ['kinds', nodes.kinds],
    ['roleMasks', nodes.roleMasks],
    ['degrees', nodes.degrees],
    ['declared counts', nodes.declared.counts],
  ] as const)
    expectLength(name, column, n);
  const declaredAt = offsets('declared', nodes.declared.counts, nodes.declared.communities.length);
  if (nodes.scores) expectLength('pagerank', nodes.scores.pagerank, n);
  if (nodes.detected) expectLength('detected counts', nodes.detected.counts, n);
  const communityId = communityLookup(communities);
  const analytics = analyticsReader(nodes, communityId);
  const positions = serverPositions(wire);
  // Checked before the first node is added: a malformed answer builds no graph at all.
  const ties = decodeTies(wire);

  let minDegree = Infinity;
  let maxDegree = -Infinity;
  for (const degree of nodes.degrees) {
    if (degree < minDegree) minDegree = degree;
    if (degree > maxDegree) maxDegree = degree;
  }

  const graph: AtlasGraph = new MultiDirectedGraph<NodeAttributes, EdgeAttributes, GraphAttributes>();
  for (let i = 0; i < n; i++) {
    const declared: string[] = [];
    for (let m = declaredAt[i]!; m < declaredAt[i + 1]!; m++) declared.push(communityId(nodes.declared.communities[m]!));
    const attributes: NodeAttributes = {
      label: nodes.labels[i]!,
      kind: nodes.kinds[i]!,
      roles: rolesOfMask(nodes.roleMasks[i]!),
      communities: declared,
      degree: nodes.degrees[i]!,
      x: positions === null ? 0 : positions.x[i]!,
      y: positions === null ? 0 : positions.y[i]!,
      size: sizeForDegree(nodes.degrees[i]!, minDegree, maxDegree),
      // The same conversion as for the object shape (absent scores: not in the run).
      ...nodeAnalytics({ scores: analytics.scoresOf(i), detected: analytics.detectedOf(i) }),
    };
    graph.addNode(nodes.ids[i]!, attributes);
  }
  dictionaryAdjacency(graph);
  graph.replaceAttributes({
    ...wire.attributes,
    run: wire.attributes.run ?? null,
    droppedEdges: 0,
    ...(origin ? { origin } : {}),
  });
  return { graph, ties, positioned: positions !== null };
}

/** The map's graph from the columns with every tie (decodeNodes, then addTies over all of them). */
export function decodeNetwork(wire: WireColumnsNetwork, origin?: GraphOrigin): AtlasGraph {
  const { graph, ties } = decodeNodes(wire, origin);
  addTies(graph, ties, 0, ties.count);
  return graph;
}
