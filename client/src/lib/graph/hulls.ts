// Community hulls: the convex hull of each coloured community's drawn nodes (graph coordinates), for a layer behind the nodes.
import type { Encoding } from './encodings';
import type { AtlasGraph, NodeAttributes } from './model';

export type Point = readonly [number, number];

/** Communities with fewer drawn members get no hull (two points make a line, not an area). */
export const MIN_HULL_MEMBERS = 3;

function cross(o: Point, a: Point, b: Point): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

/**
 * The convex hull of a point set (Andrew's monotone chain), counter-clockwise, without repeated or collinear points.
 * Fewer than three distinct points come back as they are (deduplicated).
 */
export function convexHull(points: readonly Point[]): Point[] {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const unique: Point[] = [];
  for (const p of sorted) {
    const last = unique[unique.length - 1];
    if (last === undefined || last[0] !== p[0] || last[1] !== p[1]) unique.push(p);
  }
  if (unique.length < 3) return unique;
  const lower: Point[] = [];
  for (const p of unique) {
    while (lower.length >= 2 && cross(lower[lower.length - 2] as Point, lower[lower.length - 1] as Point, p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Point[] = [];
  for (let i = unique.length - 1; i >= 0; i--) {
    const p = unique[i] as Point;
    while (upper.length >= 2 && cross(upper[upper.length - 2] as Point, upper[upper.length - 1] as Point, p) <= 0) upper.pop();
    upper.push(p);
  }
  lower.pop();
  upper.pop();
  return [...lower, ...upper];
}

export interface Hull {
  /** The encoding's key (a community id). */
  key: string;
  colour: string;
  /** Hull corners in graph coordinates. */
  points: Point[];
  members: number;
}

/** Communities with at least this many drawn members lose their farthest outliers before the hull is taken. */
export const TRIM_FROM = 10;

/**
 * Drops the `fraction` of points farthest from the centroid (sets of TRIM_FROM points or more), so one far-flung
 * member does not stretch a hull across the map.
 */
export function trimOutliers(points: readonly Point[], fraction: number): Point[] {
  if (points.length < TRIM_FROM || !(fraction > 0)) return [...points];
  let cx = 0;
  let cy = 0;
  for (const [x, y] of points) {
    cx += x;
    cy += y;
  }
  cx /= points.length;
  cy /= points.length;
  const keep = Math.max(3, Math.ceil(points.length * (1 - Math.min(fraction, 0.5))));
  return [...points]
    .map((p) => ({ p, d: (p[0] - cx) ** 2 + (p[1] - cy) ** 2 }))
    .sort((a, b) => a.d - b.d)
    .slice(0, keep)
    .map((e) => e.p);
}

/** Whether an encoding colours by community (hulls follow it); colour by role has no hulls. */
export function hullsApply(encoding: Pick<Encoding, 'by'>): boolean {
  return encoding.by === 'community' || encoding.by === 'detected';
}

/**
 * One hull per community the encoding colours (its legend entries, "other" and "none" left out), around the nodes
 * that are drawn (`visible`), each node under its colour key, without its farthest `trim` share of outliers; largest
 * community first (drawn first, so smaller ones sit on top).
 */
export function communityHulls(
  graph: AtlasGraph,
  encoding: Pick<Encoding, 'by' | 'entries' | 'keyOf'>,
  visible: (node: string, attrs: NodeAttributes) => boolean = () => true,
  /** Share of outliers left out of each hull (see trimOutliers). */
  trim = 0.1,
): Hull[] {
  if (!hullsApply(encoding)) return [];
  const colours = new Map(encoding.entries.filter((e) => e.key !== 'OTHER' && e.key !== 'NONE').map((e) => [e.key, e.colour]));
  const points = new Map<string, Point[]>();
  graph.forEachNode((node, attrs) => {
    const key = encoding.keyOf(attrs);
    if (!colours.has(key) || !visible(node, attrs)) return;
    let list = points.get(key);
    if (list === undefined) points.set(key, (list = []));
    list.push([attrs.x, attrs.y]);
  });
  const hulls: Hull[] = [];
  for (const [key, list] of points) {
    if (list.length < MIN_HULL_MEMBERS) continue;
    const hull = convexHull(trimOutliers(list, trim));
    if (hull.length < 3) continue;
    hulls.push({ key, colour: colours.get(key) ?? '#999999', points: hull, members: list.length });
  }
  return hulls.sort((a, b) => b.members - a.members || a.key.localeCompare(b.key));
}

/** A #RRGGBB colour with an alpha, as rgba() for canvas styles. */
export function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(hex);
  if (m === null) return `rgba(128, 128, 128, ${alpha})`;
  return `rgba(${parseInt(m[1] ?? '80', 16)}, ${parseInt(m[2] ?? '80', 16)}, ${parseInt(m[3] ?? '80', 16)}, ${alpha})`;
}
