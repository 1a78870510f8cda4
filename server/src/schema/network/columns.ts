// The compact network answer: the store's NetworkGraph turned into columns, ties referring to nodes by index, sorted
// and delta-coded so that gzip has small, repetitive numbers to work on (docs/decisions/073-compact-network-answer.md).
import { maskOfRoles, TIE_TYPES, type KindName, type TieTypeName } from '../../domain/vocabulary.js';
import { NETWORK_SCORE_FIELDS, type NetworkGraph, type NetworkNode, type NetworkScoreField } from '../../store/network.js';

export interface MembershipColumns {
  counts: number[];
  communities: number[];
  strengths: number[] | null;
}

export type ScoreColumns = Record<NetworkScoreField, Array<number | null>>;

export interface PositionColumns {
  x: Array<number | null>;
  y: Array<number | null>;
}

export interface NetworkColumns {
  nodes: {
    ids: string[];
    labels: string[];
    kinds: KindName[];
    roleMasks: number[];
    degrees: number[];
    declared: MembershipColumns;
    detected: MembershipColumns | null;
    scores: ScoreColumns | null;
    positions: PositionColumns | null;
  };
  ties: {
    sourceDeltas: number[];
    targetDeltas: number[];
    typeNames: TieTypeName[];
    types: number[];
    weights: number[];
    since: Array<number | null>;
    /** The pair's measured relationship (0 and null when it has none, or when it was not read: then not selected). */
    strengths: number[];
    firstInteraction: Array<number | null>;
    lastInteraction: Array<number | null>;
  };
  communities: string[];
}

const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' as days since 1970-01-01 (UTC); null when undated or unreadable. */
export function dayNumber(date: string | null): number | null {
  if (date === null) return null;
  const ms = Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
  return Number.isFinite(ms) ? Math.round(ms / DAY_MS) : null;
}

/** Gives each distinct community id an index, in order of first use. */
class CommunityIndex {
  readonly ids: string[] = [];
  readonly #index = new Map<string, number>();

  of(id: string): number {
    let i = this.#index.get(id);
    if (i === undefined) {
      i = this.ids.length;
      this.#index.set(id, i);
      this.ids.push(id);
    }
    return i;
  }
}

function declaredColumns(nodes: readonly NetworkNode[], index: CommunityIndex): MembershipColumns {
  const counts: number[] = new Array<number>(nodes.length);
  const communities: number[] = [];
  nodes.forEach((node, i) => {
    counts[i] = node.attributes.communities.length;
    for (const id of node.attributes.communities) communities.push(index.of(id));
  });
  return { counts, communities, strengths: null };
}

function detectedColumns(nodes: readonly NetworkNode[], index: CommunityIndex): MembershipColumns {
  const counts: number[] = new Array<number>(nodes.length);
  const communities: number[] = [];
  const strengths: number[] = [];
  nodes.forEach((node, i) => {
    const detected = node.attributes.detected ?? [];
    counts[i] = detected.length;
    for (const m of detected) {
      communities.push(index.of(m.community));
      strengths.push(m.strength);
    }
  });
  return { counts, communities, strengths };
}

/** Every score as a column; a node without scores (not in the run) has null in each, as has a score not read. */
function scoreColumns(nodes: readonly NetworkNode[]): ScoreColumns {
  const columns = {} as ScoreColumns;
  for (const field of NETWORK_SCORE_FIELDS) {
    columns[field] = nodes.map((node) => node.attributes.scores?.[field] ?? null);
  }
  return columns;
}

/** The layout positions when they were read and the run has them (some node placed); else null. */
function positionColumns(nodes: readonly NetworkNode[]): PositionColumns | null {
  if (!nodes.some((node) => node.attributes.position)) return null;
  return {
    x: nodes.map((node) => node.attributes.position?.[0] ?? null),
    y: nodes.map((node) => node.attributes.position?.[1] ?? null),
  };
}

/**
 * Encodes the store's answer. Ties whose ends are not among the nodes (the store never sends such) are left out.
 * Analytics: without a run, `scores` and `detected` are null, as on NetworkNodeAttributes.
 */
export function encodeColumns(graph: NetworkGraph): NetworkColumns {
  const { nodes, edges } = graph;
  const position = new Map<string, number>();
  nodes.forEach((node, i) => position.set(node.key, i));
  const hasRun = graph.attributes.run !== null;
  const communityIndex = new CommunityIndex();
  const declared = declaredColumns(nodes, communityIndex);
  const detected = hasRun ? detectedColumns(nodes, communityIndex) : null;

  // Ends as indices, then the ties in (source, target) order.
  const sources = new Int32Array(edges.length);
  const targets = new Int32Array(edges.length);
  const kept: number[] = [];
  edges.forEach((edge, k) => {
    const s = position.get(edge.source);
    const t = position.get(edge.target);
    if (s === undefined || t === undefined) return;
    sources[k] = s;
    targets[k] = t;
    kept.push(k);
  });
  const order = Int32Array.from(kept).sort((a, b) => sources[a]! - sources[b]! || targets[a]! - targets[b]!);

  const typeNames = TIE_TYPES.filter((type) => edges.some((e) => e.attributes.type === type));
  const typeIndex = new Map<TieTypeName, number>(typeNames.map((type, i) => [type, i]));
  const count = order.length;
  const ties: NetworkColumns['ties'] = {
    sourceDeltas: new Array<number>(count),
    targetDeltas: new Array<number>(count),
    typeNames,
    types: new Array<number>(count),
    weights: new Array<number>(count),
    since: new Array<number | null>(count),
    strengths: new Array<number>(count),
    firstInteraction: new Array<number | null>(count),
    lastInteraction: new Array<number | null>(count),
  };
  let previousSource = 0;
  let previousTarget = 0;
  for (let i = 0; i < count; i++) {
    const k = order[i]!;
    const edge = edges[k]!;
    const source = sources[k]!;
    const target = targets[k]!;
    ties.sourceDeltas[i] = source - previousSource;
    ties.targetDeltas[i] = i > 0 && source === previousSource ? target - previousTarget : target;
    ties.types[i] = typeIndex.get(edge.attributes.type) ?? 0;
    ties.weights[i] = edge.attributes.weight;
    ties.since[i] = dayNumber(edge.attributes.since);
    ties.strengths[i] = edge.attributes.strength ?? 0;
    ties.firstInteraction[i] = dayNumber(edge.attributes.firstInteraction ?? null);
    ties.lastInteraction[i] = dayNumber(edge.attributes.lastInteraction ?? null);
    previousSource = source;
    previousTarget = target;
  }

  return {
    nodes: {
      ids: nodes.map((n) => n.key),
      labels: nodes.map((n) => n.attributes.label),
      kinds: nodes.map((n) => n.attributes.kind),
      roleMasks: nodes.map((n) => maskOfRoles(n.attributes.roles)),
      degrees: nodes.map((n) => n.attributes.degree),
      declared,
      detected,
      scores: hasRun ? scoreColumns(nodes) : null,
      positions: hasRun ? positionColumns(nodes) : null,
    },
    ties,
    communities: communityIndex.ids,
  };
}
