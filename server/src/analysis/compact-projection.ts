// The compact, transferable form of a stakeholder-graph projection (typed arrays + id lists) and its conversion into a graphology MultiDirectedGraph.
import { MultiDirectedGraph } from 'graphology';
import { ROLES, TIE_TYPES, type RoleName, type TieTypeName } from '../domain/vocabulary.js';

/**
 * Nodes are indexed 0..n-1 in `ids` order; ties are parallel arrays. Strings travel as plain arrays
 * (structured clone), numbers as typed arrays (transferred to a worker without copying).
 */
export interface CompactProjection {
  ids: string[];
  names: string[];
  /** Bit r set ⇔ the stakeholder holds ROLES[r]. */
  roleMasks: Uint8Array;
  /** Declared community ids of node v: communityIds[communityStart[v] .. communityStart[v+1]), strongest membership first. */
  communityStart: Int32Array;
  communityIds: string[];
  source: Int32Array;
  target: Int32Array;
  weight: Float64Array;
  /** Index into TIE_TYPES. */
  type: Uint8Array;
}

/** Node attributes of the graphology projection. */
export interface ProjectedNode {
  name: string;
  roles: RoleName[];
  /** Declared community ids, strongest membership first. */
  communities: string[];
}

export interface ProjectedTie {
  type: TieTypeName;
  weight: number;
}

export type ProjectedGraph = MultiDirectedGraph<ProjectedNode, ProjectedTie>;

export function rolesOfMask(mask: number): RoleName[] {
  const roles: RoleName[] = [];
  for (let r = 0; r < ROLES.length; r++) if (mask & (1 << r)) roles.push(ROLES[r]!);
  return roles;
}

export function maskOfRoles(roles: readonly string[]): number {
  let mask = 0;
  for (const role of roles) {
    const r = (ROLES as readonly string[]).indexOf(role);
    if (r >= 0) mask |= 1 << r;
  }
  return mask;
}

/** Builds the graphology graph: node keys are stakeholder ids, edge keys the tie indexes. */
export function toGraph(p: CompactProjection): ProjectedGraph {
  const graph: ProjectedGraph = new MultiDirectedGraph<ProjectedNode, ProjectedTie>();
  const n = p.ids.length;
  for (let v = 0; v < n; v++) {
    graph.addNode(p.ids[v]!, {
      name: p.names[v]!,
      roles: rolesOfMask(p.roleMasks[v]!),
      communities: p.communityIds.slice(p.communityStart[v]!, p.communityStart[v + 1]!),
    });
  }
  const m = p.source.length;
  for (let e = 0; e < m; e++) {
    // Explicit keys: graphology's generated keys cost more than the insertion itself.
    graph.addDirectedEdgeWithKey(e, p.ids[p.source[e]!]!, p.ids[p.target[e]!]!, {
      type: TIE_TYPES[p.type[e]!]!,
      weight: p.weight[e]!,
    });
  }
  return graph;
}

/** The buffers of a projection, for a worker postMessage transfer list. */
export function transferList(p: CompactProjection): ArrayBuffer[] {
  return [p.roleMasks, p.communityStart, p.source, p.target, p.weight, p.type].map((a) => a.buffer as ArrayBuffer);
}
