// The before/after scene of a what-if: the affected communities' members as two small graphs on the map's positions,
// before (the removed marked) and after (the removed gone, members cut off from their community's largest piece marked).
import Graph from 'graphology';
import type { AtlasGraph } from './model';
import { COMMUNITY_PALETTE } from './encodings';

export interface SceneNode {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  forceLabel?: boolean;
  zIndex?: number;
}
export type SceneGraph = Graph<SceneNode, { size: number; color: string }>;

export interface WhatIfScene {
  before: SceneGraph;
  after: SceneGraph;
  /** Members cut off from the rest of the piece of their community that a leaver held together. */
  cutOff: number;
  /** Affected communities drawn (largest first, up to the node budget), with their colour. */
  communities: Array<{ id: string; colour: string }>;
  /** True when the budget left some affected communities out. */
  truncated: boolean;
}

export const REMOVED_COLOUR = '#B91C1C';
/** Near black: apart from every community colour of the palette. */
export const CUT_OFF_COLOUR = '#111827';
const TIE_COLOUR = '#CDD2D9';

/**
 * Builds the scene from the loaded graph: `members(id)` gives a community's members on the map (declared or detected,
 * as the what-if was asked); at most `budget` members are drawn.
 */
export function whatIfScene(
  graph: AtlasGraph,
  removed: readonly string[],
  affected: readonly string[],
  members: (community: string) => ReadonlySet<string>,
  budget = 3000,
): WhatIfScene {
  const gone = new Set(removed.filter((id) => graph.hasNode(id)));
  const chosen: Array<{ id: string; colour: string; members: ReadonlySet<string> }> = [];
  const included = new Set<string>(gone);
  let truncated = false;
  const lists = affected.map((id) => ({ id, members: members(id) })).sort((a, b) => b.members.size - a.members.size);
  for (const [i, c] of lists.entries()) {
    if (included.size + c.members.size > budget && chosen.length > 0) {
      truncated = true;
      continue;
    }
    chosen.push({ id: c.id, colour: COMMUNITY_PALETTE[i % COMMUNITY_PALETTE.length]!, members: c.members });
    for (const m of c.members) if (graph.hasNode(m)) included.add(m);
  }
  const colourOf = new Map<string, string>();
  for (const c of [...chosen].reverse()) for (const m of c.members) colourOf.set(m, c.colour);

  // Members cut off: in a piece of a community that held a leaver, outside the largest fragment that piece leaves
  // (pieces that were apart before the removal stay as they were).
  const cut = new Set<string>();
  const piecesOf = (nodes: Iterable<string>, inside: ReadonlySet<string>, skip: ReadonlySet<string>): string[][] => {
    const seen = new Set<string>();
    const pieces: string[][] = [];
    for (const start of nodes) {
      if (skip.has(start) || seen.has(start) || !graph.hasNode(start)) continue;
      const piece = [start];
      seen.add(start);
      for (let k = 0; k < piece.length; k++) {
        for (const w of graph.neighbors(piece[k]!)) {
          if (skip.has(w) || seen.has(w) || !inside.has(w)) continue;
          seen.add(w);
          piece.push(w);
        }
      }
      pieces.push(piece);
    }
    return pieces;
  };
  const none = new Set<string>();
  for (const c of chosen) {
    for (const piece of piecesOf(c.members, c.members, none)) {
      if (!piece.some((m) => gone.has(m))) continue;
      const inPiece = new Set(piece);
      const fragments = piecesOf(piece, inPiece, gone).sort((a, b) => b.length - a.length);
      for (const fragment of fragments.slice(1)) for (const m of fragment) cut.add(m);
    }
  }

  const before: SceneGraph = new Graph({ type: 'undirected' });
  const after: SceneGraph = new Graph({ type: 'undirected' });
  for (const id of included) {
    const a = graph.getNodeAttributes(id);
    const removedHere = gone.has(id);
    before.addNode(id, {
      x: a.x,
      y: a.y,
      size: removedHere ? Math.max(8, a.size * 1.5) : a.size,
      color: removedHere ? REMOVED_COLOUR : (colourOf.get(id) ?? '#9AA3AF'),
      label: a.label,
      forceLabel: removedHere,
      zIndex: removedHere ? 2 : 0,
    });
    if (removedHere) continue;
    const isCut = cut.has(id);
    after.addNode(id, {
      x: a.x,
      y: a.y,
      size: isCut ? Math.max(6, a.size * 1.3) : a.size,
      color: isCut ? CUT_OFF_COLOUR : (colourOf.get(id) ?? '#9AA3AF'),
      label: a.label,
      zIndex: isCut ? 1 : 0,
    });
  }
  graph.forEachEdge((_e, _attrs, source, target) => {
    if (source === target || !included.has(source) || !included.has(target)) return;
    if (!before.hasEdge(source, target)) before.addEdge(source, target, { size: 0.5, color: TIE_COLOUR });
    if (after.hasNode(source) && after.hasNode(target) && !after.hasEdge(source, target))
      after.addEdge(source, target, { size: 0.5, color: TIE_COLOUR });
  });
  return { before, after, cutOff: cut.size, communities: chosen.map((c) => ({ id: c.id, colour: c.colour })), truncated };
}
