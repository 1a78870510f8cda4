// Pure node/edge reducers: how data plus view state (filters, hover, selection, highlight) become display data.
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import { DIMMED_NODE_COLOUR, type Encoding } from '../graph/encodings';
import { sizeForStrength, type AtlasGraph, type EdgeAttributes, type NodeAttributes } from '../graph/model';
import { isTieFiltering, passesFilters, passesTieFilters, type ViewSnapshot } from '../state/view-transitions';

/** Slices a pie node can show (the strongest memberships above the threshold). */
export const PIE_SLICES = 4;
export const PIE_PROGRAM = 'pie';

export const EDGE_COLOUR = '#CDD2D9';
export const FOCUS_EDGE_COLOUR = '#4B5563';
export const HIGHLIGHT_EDGE_COLOUR = '#9AA3AF';
/** Above this many neighbours, hovering a node does not force all their labels. */
export const MAX_FORCED_LABELS = 24;

export interface ReducerContext {
  view: Pick<
    ViewSnapshot,
    'hovered' | 'selected' | 'roles' | 'roleMatch' | 'community' | 'highlight' | 'tieTypes' | 'since' | 'until'
  > &
    Partial<Pick<ViewSnapshot, 'pieThreshold' | 'detected' | 'scoreRange' | 'tieThickness'>>;
  /** Colour of a detected community's pie slice (null: pies are not drawn). */
  sliceColour: ((community: string) => string) | null;
  colourOf: Encoding['colourOf'];
  /** Node radius by the size encoding; null keeps the graph's degree-based size. */
  sizeOf: ((attrs: NodeAttributes) => number) | null;
  /** With a tie filter on: the nodes with at least one matching tie (the others are hidden). Null without. */
  tieEnds: ReadonlySet<string> | null;
  /** The node whose neighbourhood is in front: the hovered one, else the selected one. */
  focus: string | null;
  focusNeighbours: ReadonlySet<string>;
  /** Skip ties entirely (while a layout moves a large graph, drawing them costs more than they tell). */
  hideEdges: boolean;
}

/** Everything the reducers need, computed once per view change (neighbour sets need the graph). */
export function buildReducerContext(
  graph: AtlasGraph,
  view: ReducerContext['view'],
  encoding: Pick<Encoding, 'colourOf'>,
  options: {
    hideEdges?: boolean;
    sizeOf?: ((attrs: NodeAttributes) => number) | null;
    sliceColour?: ((community: string) => string) | null;
  } = {},
): ReducerContext {
  // A selected member of the highlight stays selected without dimming the rest of the highlight (introduction paths
  // to the selected target): the highlight stays in front.
  const selectedInHighlight = view.selected !== null && view.highlight !== null && view.highlight.nodes.has(view.selected);
  const candidate = view.hovered ?? (selectedInHighlight ? null : view.selected);
  const focus = candidate !== null && graph.hasNode(candidate) ? candidate : null;
  const focusNeighbours = new Set<string>(focus === null ? [] : graph.neighbors(focus));
  let tieEnds: Set<string> | null = null;
  if (isTieFiltering(view)) {
    const ends = new Set<string>();
    graph.forEachEdge((_e, attrs, source, target) => {
      if (passesTieFilters(attrs, view)) {
        ends.add(source);
        ends.add(target);
      }
    });
    tieEnds = ends;
  }
  return {
    view,
    colourOf: encoding.colourOf,
    sizeOf: options.sizeOf ?? null,
    sliceColour: options.sliceColour ?? null,
    tieEnds,
    focus,
    focusNeighbours,
    hideEdges: options.hideEdges ?? false,
  };
}

/** Above this many ties, ties are hidden while the layout runs (a redraw per iteration would slow it down). */
export const HIDE_EDGES_DURING_LAYOUT_ABOVE = 3000;

/** Whether a node is drawn at all: it passes the filters, or it is the selected node. */
export function isNodeVisible(node: string, attrs: NodeAttributes, ctx: ReducerContext): boolean {
  if (node === ctx.view.selected) return true;
  if (ctx.tieEnds !== null && !ctx.tieEnds.has(node)) return false;
  return passesFilters(attrs, ctx.view);
}

export function reduceNode(node: string, attrs: NodeAttributes, ctx: ReducerContext): Partial<NodeDisplayData> {
  const base: Partial<NodeDisplayData> = {
    x: attrs.x,
    y: attrs.y,
    size: ctx.sizeOf === null ? attrs.size : ctx.sizeOf(attrs),
    label: attrs.label,
    color: ctx.colourOf(attrs),
    zIndex: 1,
  };
  if (!isNodeVisible(node, attrs, ctx)) return { ...base, hidden: true, label: null };
  const pie = pieData(attrs, ctx);
  if (pie !== null) Object.assign(base, pie);

  const selected = node === ctx.view.selected;
  if (ctx.focus !== null) {
    if (node === ctx.focus || selected) return { ...base, highlighted: true, forceLabel: true, zIndex: 3 };
    if (ctx.focusNeighbours.has(node)) {
      return { ...base, zIndex: 2, forceLabel: ctx.focusNeighbours.size <= MAX_FORCED_LABELS };
    }
    return { ...base, ...PLAIN, color: DIMMED_NODE_COLOUR, label: null, zIndex: 0 };
  }
  const highlight = ctx.view.highlight;
  if (highlight !== null) {
    if (selected) return { ...base, highlighted: true, forceLabel: true, zIndex: 3 };
    if (highlight.nodes.has(node)) return { ...base, zIndex: 2 };
    return { ...base, ...PLAIN, color: DIMMED_NODE_COLOUR, label: null, zIndex: 0 };
  }
  return base;
}

/** Dimmed nodes are drawn plain, whatever their memberships. */
const PLAIN = { type: 'circle' } as const;

/**
 * Pie slices for a node with two or more detected memberships at or above the threshold: the program reads
 * `pie{i}c` (colour) and `pie{i}v` (strength) for i < PIE_SLICES. Null when the node is drawn plain.
 */
export function pieData(
  attrs: NodeAttributes,
  ctx: Pick<ReducerContext, 'view' | 'sliceColour'>,
): Record<string, string | number> | null {
  const threshold = ctx.view.pieThreshold ?? null;
  if (threshold === null || ctx.sliceColour === null || attrs.detected === undefined) return null;
  const shown = attrs.detected.filter((m) => m.strength >= threshold).slice(0, PIE_SLICES);
  if (shown.length < 2) return null;
  const out: Record<string, string | number> = { type: PIE_PROGRAM };
  for (let i = 0; i < PIE_SLICES; i++) {
    const m = shown[i];
    out[`pie${i}c`] = m === undefined ? '#00000000' : ctx.sliceColour(m.community);
    out[`pie${i}v`] = m?.strength ?? 0;
  }
  return out;
}

export interface EdgeEnds {
  source: string;
  target: string;
  sourceAttributes: NodeAttributes;
  targetAttributes: NodeAttributes;
}

/** A tie's thickness by the view's encoding: its weight (the size decoded with it) or its pair's relationship strength. */
export function tieSize(
  attrs: Pick<EdgeAttributes, 'size' | 'strength'>,
  view: Pick<ReducerContext['view'], 'tieThickness'>,
): number {
  return view.tieThickness === 'strength' ? sizeForStrength(attrs.strength) : attrs.size;
}

export function reduceEdge(attrs: EdgeAttributes, ends: EdgeEnds, ctx: ReducerContext): Partial<EdgeDisplayData> {
  const size = tieSize(attrs, ctx.view);
  const base: Partial<EdgeDisplayData> = { size, color: EDGE_COLOUR, zIndex: 0 };
  if (ctx.hideEdges) return { ...base, hidden: true };
  if (ctx.tieEnds !== null && !passesTieFilters(attrs, ctx.view)) return { ...base, hidden: true };
  if (!isNodeVisible(ends.source, ends.sourceAttributes, ctx) || !isNodeVisible(ends.target, ends.targetAttributes, ctx)) {
    return { ...base, hidden: true };
  }
  if (ctx.focus !== null) {
    if (ends.source === ctx.focus || ends.target === ctx.focus) {
      return { ...base, color: FOCUS_EDGE_COLOUR, size: Math.max(0.8, size * 1.2), zIndex: 1 };
    }
    return { ...base, hidden: true };
  }
  const highlight = ctx.view.highlight;
  if (highlight !== null) {
    if (highlight.nodes.has(ends.source) && highlight.nodes.has(ends.target)) {
      return { ...base, color: HIGHLIGHT_EDGE_COLOUR, zIndex: 1 };
    }
    return { ...base, hidden: true };
  }
  return base;
}

/** Counts the nodes a context draws (for the header's "showing" figure). */
export function countVisibleNodes(graph: AtlasGraph, ctx: ReducerContext): number {
  let count = 0;
  graph.forEachNode((node, attrs) => {
    if (isNodeVisible(node, attrs, ctx)) count++;
  });
  return count;
}
