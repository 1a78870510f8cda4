// A pair's measured relationship written onto its ties on the map, after an interaction is logged: the answer of
// logInteraction carries the new strengths, so the map shows them without loading the network again.
import type { AtlasGraph } from './model';

/** A pair's relationship as logInteraction answers it (DateTimes as ISO text). */
export interface MeasuredPair {
  a: string;
  b: string;
  strength: number;
  firstInteractionAt: string | null;
  lastInteractionAt: string | null;
}

const dayOf = (instant: string | null): string | null => (instant === null ? null : instant.slice(0, 10));

/** Sets the strength and interaction days on every tie between the pair (either direction, any type); returns how many. */
export function applyRelationship(graph: AtlasGraph, pair: MeasuredPair): number {
  if (!graph.hasNode(pair.a) || !graph.hasNode(pair.b)) return 0;
  const firstInteraction = dayOf(pair.firstInteractionAt);
  const lastInteraction = dayOf(pair.lastInteractionAt);
  const ties = [...graph.outEdges(pair.a, pair.b), ...graph.outEdges(pair.b, pair.a)];
  for (const edge of ties) graph.mergeEdgeAttributes(edge, { strength: pair.strength, firstInteraction, lastInteraction });
  return ties.length;
}
