// The client's graph model: node/edge attribute types and conversion from the API's wire shape to graphology.
import { MultiDirectedGraph } from 'graphology';
import type { NetworkQuery, Role, StakeholderKind, TieType } from '../graphql/generated/graphql';

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

/** The network as the API sends it. */
export type WireNetwork = NetworkQuery['network'];

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
  /** Scores of the current analysis run, once loaded (absent before). */
  scores?: Partial<Record<ScoreKey, number>>;
  /** Detected memberships of the current run, strongest first, once loaded. */
  detected?: DetectedMembership[];
}

export interface EdgeAttributes {
  /** The wire's `type`, renamed: sigma reads `type` as the name of its edge program. */
  tieType: TieType;
  weight: number;
  since: string | null;
  /** Edge thickness, from weight. */
  size: number;
}

export interface GraphAttributes {
  truncated: boolean;
  totalNodes: number;
  totalEdges: number;
  /** Ties the wire listed whose ends were not in the node list (should be 0). */
  droppedEdges: number;
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
 * Builds a graphology graph from the wire shape via `graph.import()`, adding sizes and zero positions
 * (the layout places nodes) and renaming the tie `type` to `tieType` (sigma reserves `type`). Ties
 * whose ends are missing are dropped and counted rather than throwing.
 */
export function buildGraph(wire: WireNetwork): AtlasGraph {
  const graph: AtlasGraph = new MultiDirectedGraph<NodeAttributes, EdgeAttributes, GraphAttributes>();
  const keys = new Set(wire.nodes.map((n) => n.key));
  let minDegree = Infinity;
  let maxDegree = -Infinity;
  for (const n of wire.nodes) {
    minDegree = Math.min(minDegree, n.attributes.degree);
    maxDegree = Math.max(maxDegree, n.attributes.degree);
  }
  let maxWeight = 0;
  const edges = wire.edges.filter((e) => keys.has(e.source) && keys.has(e.target));
  for (const e of edges) maxWeight = Math.max(maxWeight, e.attributes.weight);

  graph.import({
    attributes: { ...wire.attributes, droppedEdges: wire.edges.length - edges.length },
    nodes: wire.nodes.map((n) => ({
      key: n.key,
      attributes: {
        label: n.attributes.label,
        kind: n.attributes.kind,
        roles: normaliseRoles(n.attributes.roles),
        communities: [...n.attributes.communities],
        degree: n.attributes.degree,
        x: 0,
        y: 0,
        size: sizeForDegree(n.attributes.degree, minDegree, maxDegree),
      },
    })),
    edges: edges.map((e) => ({
      source: e.source,
      target: e.target,
      attributes: {
        tieType: e.attributes.type,
        weight: e.attributes.weight,
        since: e.attributes.since,
        size: sizeForWeight(e.attributes.weight, maxWeight),
      },
    })),
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
