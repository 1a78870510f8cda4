// The compact, transferable form of a stakeholder-graph projection (typed arrays + id lists) and its conversion into a graphology MultiDirectedGraph.
import { MultiDirectedGraph } from 'graphology';
import type { CompactProjection } from '../domain/models.js';
import { rolesOfMask, TIE_TYPES, type RoleName, type TieTypeName } from '../domain/vocabulary.js';

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
