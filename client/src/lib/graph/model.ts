// The client's graph model: node/edge attribute types and conversion from the API's wire shape to graphology.
import { MultiDirectedGraph } from 'graphology';
import type { NetworkFilter, Role, StakeholderKind, TieType } from '../graphql/generated/graphql';

/** The five roles in display order. */
export const ROLES: readonly Role[] = ['CUSTOMER', 'EMPLOYEE', 'SUPPLIER', 'PARTNER', 'SHAREHOLDER'];

/** Human labels for roles. */
export const ROLE_LABELS: Record<Role, string> = {
  CUSTOMER: 'Customer',
  EMPLOYEE: 'Employee',
  SUPPLIER: 'Supplier',
  PARTNER: 'Partner',
  SHAREHOLDER: 'Shareholder',
};

/** The seven tie types in display order. */
export const TIE_TYPES: readonly TieType[] = [
  'WORKS_WITH',
  'REPORTS_TO',
  'BUYS_FROM',
  'SUPPLIES',
  'FOLLOWS',
  'MENTIONS',
  'INTERACTS',
];

/** Sorts tie types into TIE_TYPES order and removes duplicates. */
export function normaliseTieTypes(types: readonly TieType[]): TieType[] {
  const held = new Set(types);
  return TIE_TYPES.filter((t) => held.has(t));
}

/** Influence scores a node can be sized by (from the current analysis run, when loaded). */
export const SCORE_KEYS = ['pagerank', 'betweenness', 'hub', 'authority', 'coreNumber', 'effectiveSize'] as const;
export type ScoreKey = (typeof SCORE_KEYS)[number];

export const SCORE_LABELS: Record<ScoreKey, string> = {
  pagerank: 'PageRank',
  betweenness: 'Betweenness',
  hub: 'Hub score',
  authority: 'Authority',
  coreNumber: 'Core number',
  effectiveSize: 'Effective size',
};

/** A detected (overlapping) membership of a node. */
export interface DetectedMembership {
  community: string;
  strength: number;
}

/**
 * The network in graphology's serialisation shape, as the API's `nodes`/`edges` carry it (the page loads the columns
 * instead, see columns.ts; scripts and tests use this shape). The analytics (graph `run`, node `scores` and
 * `detected`) may be absent: buildGraph also takes a selection without them, and the nodes then carry none.
 */
export interface WireNetwork {
  attributes: { truncated: boolean; totalNodes: number; totalEdges: number; run?: string | null };
  nodes: Array<{
    key: string;
    attributes: {
      label: string;
      kind: StakeholderKind;
      roles: Role[];
      communities: string[];
      degree: number;
    } & Partial<WireNodeAnalytics>;
  }>;
  edges: Array<{ source: string; target: string; attributes: { type: TieType; weight: number; since: string | null } }>;
}

export interface NodeAttributes {
  label: string;
  kind: StakeholderKind;
  /** Roles held, in ROLES order. */
  roles: Role[];
  /** Declared community ids. */
  communities: string[];
  /** Degree in the whole ecosystem (as the server counts it). */
  degree: number;
  x: number;
  y: number;
  /** Node radius, from degree (sqrt scale). */
  size: number;
  /** Scores of the analysis run in the graph's `run` attribute (absent without a run or when the node was not in it). */
  scores?: Partial<Record<ScoreKey, number>>;
  /** Detected memberships of that run, strongest first (absent without a run). */
  detected?: DetectedMembership[];
}

export interface EdgeAttributes {
  /** The wire's `type`, renamed: sigma reads `type` as the name of its edge program. */
  tieType: TieType;
  weight: number;
  since: string | null;
  /** Edge thickness, from weight. */
  size: number;
  /** The pair's measured relationship strength (0 … 1; 0 when the pair has no interaction). */
  strength: number;
  /** 'YYYY-MM-DD' of the pair's first and last interaction; null when none. */
  firstInteraction: string | null;
  lastInteraction: string | null;
}

export interface GraphAttributes {
  truncated: boolean;
  totalNodes: number;
  totalEdges: number;
  /** Ties the wire listed whose ends were not in the node list (should be 0). */
  droppedEdges: number;
  /** The analysis run whose scores and memberships the nodes carry (null: none). */
  run: string | null;
  /** What was asked for, so the same nodes' analytics can be asked for again (after a new run). */
  origin?: GraphOrigin;
}

/** The request a graph came from: the network (with its filter and limit) or an ego view. */
export type GraphOrigin =
  { kind: 'network'; filter: NetworkFilter | null; limit: number } | { kind: 'ego'; id: string; depth: number; limit: number };

/** A node's analytics as the object shape carries them (NetworkNodeAttributes.scores and .detected, as selected). */
export interface WireNodeAnalytics {
  scores: (Pick<Record<ScoreKey, number>, Exclude<ScoreKey, 'effectiveSize'>> & { effectiveSize: number | null }) | null;
  detected: DetectedMembership[] | null;
}

/** The wire's analytics as node attributes: scores without nulls (absent = not computed), memberships as sent. */
export function nodeAnalytics(wire: Partial<WireNodeAnalytics>): Pick<NodeAttributes, 'scores' | 'detected'> {
  const s = wire.scores;
  let scores: NodeAttributes['scores'];
  if (s) {
    scores = { pagerank: s.pagerank, betweenness: s.betweenness, hub: s.hub, authority: s.authority, coreNumber: s.coreNumber };
    if (s.effectiveSize !== null) scores.effectiveSize = s.effectiveSize;
  }
  return { scores, detected: wire.detected ?? undefined };
}

export type AtlasGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes, GraphAttributes>;

/** Sorts roles into ROLES order and removes duplicates. */
export function normaliseRoles(roles: readonly Role[]): Role[] {
  const held = new Set(roles);
  return ROLES.filter((r) => held.has(r));
}

/** A stable key for a combination of roles, e.g. "CUSTOMER+PARTNER" ("" for none). */
export function roleComboKey(roles: readonly Role[]): string {
  return normaliseRoles(roles).join('+');
}

export const MIN_NODE_SIZE = 2.5;
export const MAX_NODE_SIZE = 13;

/** Node radius for a degree on a square-root scale between the smallest and largest degree present. */
export function sizeForDegree(degree: number, minDegree: number, maxDegree: number): number {
  if (maxDegree <= minDegree) return (MIN_NODE_SIZE + MAX_NODE_SIZE) / 2;
  const t = Math.sqrt(Math.max(0, degree - minDegree)) / Math.sqrt(maxDegree - minDegree);
  return MIN_NODE_SIZE + (MAX_NODE_SIZE - MIN_NODE_SIZE) * Math.min(1, t);
}

/** Edge thickness for a tie weight (weights are usually in (0, 1], sometimes counts). */
export function sizeForWeight(weight: number, maxWeight: number): number {
  if (!(maxWeight > 0)) return 0.5;
  return 0.3 + 1.2 * Math.sqrt(Math.max(0, weight) / maxWeight);
}

/**
 * Tie thickness by relationship strength, on the same range as by weight but on strength's own absolute scale (0 … 1,
 * square root): a pair without interactions is as thin as the lightest tie, and a tie grows when its pair's strength
 * does, whatever the other ties on the map.
 */
export function sizeForStrength(strength: number): number {
  return 0.3 + 1.2 * Math.sqrt(Math.min(1, Math.max(0, strength)));
}

/** An empty object in V8's dictionary mode (deleting a property that is not the last one added switches it). */
function dictionaryObject(): Record<string, unknown> {
  const o: Record<string, unknown> = { a: 0, b: 0 };
  delete o.a;
  delete o.b;
  return o;
}

/**
 * A V8-specific speed-up for adding many ties, with no effect on behaviour: graphology keeps each node's neighbours in
 * plain objects (`in`, `out`) keyed by neighbour id. With thousands of distinct stakeholder ids, V8 gives each of
 * those objects its own chain of hidden classes as ties are added, which made adding 100,000 ties 1.5–3× slower and
 * left much garbage (measured in Node and Chromium). Turning the still-empty objects into dictionaries first avoids
 * that; enumeration order stays insertion order. Reaches into graphology's internals (0.26), so it checks their shape
 * and does nothing when they differ.
 */
export function dictionaryAdjacency(graph: AtlasGraph): boolean {
  const nodes: unknown = (graph as unknown as { _nodes?: unknown })._nodes;
  if (!(nodes instanceof Map) || graph.size > 0) return false;
  const isEmptyObject = (x: unknown): boolean =>
    typeof x === 'object' && x !== null && Object.getPrototypeOf(x) === Object.prototype && Object.keys(x).length === 0;
  const datas = [...(nodes as Map<string, { in?: unknown; out?: unknown }>).values()];
  if (!datas.every((d) => isEmptyObject(d.in) && isEmptyObject(d.out))) return false;
  for (const d of datas) {
    d.in = dictionaryObject();
    d.out = dictionaryObject();
  }
  return true;
}

/**
 * Builds a graphology graph from the wire shape, adding sizes and zero positions (the layout places nodes),
 * renaming the tie `type` to `tieType` (sigma reserves `type`) and keeping the run's analytics on the nodes. Ties
 * whose ends are missing are dropped and counted rather than throwing.
 *
 * Nodes and ties are added one by one rather than through `graph.import()` (no intermediate copies of 100,000 ties);
 * ties are keyed by their index: integer-like keys are array elements for V8, cheaper than generated string keys
 * both here and in sigma's per-edge caches.
 */
export function buildGraph(wire: WireNetwork, origin?: GraphOrigin): AtlasGraph {
  let minDegree = Infinity;
  let maxDegree = -Infinity;
  for (const n of wire.nodes) {
    minDegree = Math.min(minDegree, n.attributes.degree);
    maxDegree = Math.max(maxDegree, n.attributes.degree);
  }
  const graph: AtlasGraph = new MultiDirectedGraph<NodeAttributes, EdgeAttributes, GraphAttributes>();
  for (const n of wire.nodes) {
    const a = n.attributes;
    graph.addNode(n.key, {
      label: a.label,
      kind: a.kind,
      roles: normaliseRoles(a.roles),
      communities: [...a.communities],
      degree: a.degree,
      x: 0,
      y: 0,
      size: sizeForDegree(a.degree, minDegree, maxDegree),
      ...nodeAnalytics(a),
    });
  }
  dictionaryAdjacency(graph);
  // Thickness is relative to the heaviest tie drawn (those whose ends are both present).
  const present = new Uint8Array(wire.edges.length);
  let maxWeight = 0;
  let dropped = 0;
  wire.edges.forEach((e, i) => {
    if (graph.hasNode(e.source) && graph.hasNode(e.target)) {
      present[i] = 1;
      maxWeight = Math.max(maxWeight, e.attributes.weight);
    } else {
      dropped++;
    }
  });
  let kept = 0;
  wire.edges.forEach((e, i) => {
    if (present[i] === 0) return;
    graph.addEdgeWithKey(String(kept++), e.source, e.target, {
      tieType: e.attributes.type,
      weight: e.attributes.weight,
      since: e.attributes.since,
      size: sizeForWeight(e.attributes.weight, maxWeight),
      // The object shape carries no measured relationship (the page reads the columns).
      strength: 0,
      firstInteraction: null,
      lastInteraction: null,
    });
  });
  graph.replaceAttributes({
    ...wire.attributes,
    run: wire.attributes.run ?? null,
    droppedEdges: dropped,
    ...(origin ? { origin } : {}),
  });
  return graph;
}

/** Nodes whose roles are exactly `roles` (the members of one UpSet bar). */
export function membersOfCombination(graph: AtlasGraph, roles: readonly Role[]): Set<string> {
  const key = roleComboKey(roles);
  const members = new Set<string>();
  graph.forEachNode((node, attrs) => {
    if (roleComboKey(attrs.roles) === key) members.add(node);
  });
  return members;
}

/** The employees on the map, by name (at most `max`): the owners a plan's actions are offered. */
export function employeesOnMap(graph: AtlasGraph, max: number): Array<{ id: string; name: string }> {
  const list: Array<{ id: string; name: string }> = [];
  graph.forEachNode((id, attrs) => {
    if (attrs.roles.includes('EMPLOYEE')) list.push({ id, name: attrs.label });
  });
  return list.sort((a, b) => a.name.localeCompare(b.name)).slice(0, max);
}
