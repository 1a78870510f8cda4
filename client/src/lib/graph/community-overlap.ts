// Declared-community overlap computed from the loaded memberships: member sets, Jaccard matrix, role mix.
import type { Role } from '../graphql/generated/graphql';
import { ROLES, type AtlasGraph } from './model';

/** Members on the map of each declared community. */
export function communityMembers(graph: AtlasGraph): Map<string, Set<string>> {
  const members = new Map<string, Set<string>>();
  graph.forEachNode((node, attrs) => {
    for (const c of attrs.communities) {
      let set = members.get(c);
      if (set === undefined) members.set(c, (set = new Set()));
      set.add(node);
    }
  });
  return members;
}

/** Members of both sets. */
export function intersection(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  const out = new Set<string>();
  for (const x of small) if (large.has(x)) out.add(x);
  return out;
}

/** |A ∩ B| / |A ∪ B| from the shared count and the two sizes (so callers intersect once); 0 when both are empty. */
export function jaccard(shared: number, sizeA: number, sizeB: number): number {
  const union = sizeA + sizeB - shared;
  return union === 0 ? 0 : shared / union;
}

export interface OverlapMatrix {
  ids: string[];
  sizes: number[];
  /** counts[i][j] = |i ∩ j| (the diagonal is the size). */
  counts: number[][];
  /** jaccard[i][j]; 1 on the diagonal of non-empty communities. */
  jaccard: number[][];
}

/** The overlap matrix of the `top` largest communities on the map (then by id, for a stable order). */
export function overlapMatrix(members: ReadonlyMap<string, ReadonlySet<string>>, top = 12): OverlapMatrix {
  const ids = [...members.keys()]
    .sort((a, b) => (members.get(b)?.size ?? 0) - (members.get(a)?.size ?? 0) || a.localeCompare(b))
    .slice(0, top);
  const sets = ids.map((id) => members.get(id) ?? new Set<string>());
  const counts = sets.map((a) => sets.map((b) => intersection(a, b).size));
  const jac = counts.map((row, i) => row.map((shared, j) => jaccard(shared, sets[i]!.size, sets[j]!.size)));
  return { ids, sizes: sets.map((s) => s.size), counts, jaccard: jac };
}

/** Other communities ranked by Jaccard overlap with `id` (only those that share members). */
export function overlapsWith(
  id: string,
  members: ReadonlyMap<string, ReadonlySet<string>>,
): Array<{ id: string; shared: number; jaccard: number }> {
  const own = members.get(id);
  if (own === undefined) return [];
  const out: Array<{ id: string; shared: number; jaccard: number }> = [];
  for (const [other, set] of members) {
    if (other === id) continue;
    const shared = intersection(own, set).size;
    if (shared > 0) out.push({ id: other, shared, jaccard: jaccard(shared, own.size, set.size) });
  }
  return out.sort((a, b) => b.jaccard - a.jaccard || b.shared - a.shared || a.id.localeCompare(b.id));
}

/** How many members hold each role (a member with two roles counts twice), in ROLES order. */
export function roleMix(graph: AtlasGraph, nodes: Iterable<string>): Array<{ role: Role; count: number }> {
  const counts = new Map<Role, number>();
  for (const n of nodes) {
    if (!graph.hasNode(n)) continue;
    for (const r of graph.getNodeAttribute(n, 'roles')) counts.set(r, (counts.get(r) ?? 0) + 1);
  }
  return ROLES.map((role) => ({ role, count: counts.get(role) ?? 0 }));
}

/** A sequential colour for a Jaccard value in [0, 1] (white → deep blue), readable in greyscale too. */
export function heatColour(value: number): string {
  const [r, g, b] = heatRgb(value);
  return `rgb(${r}, ${g}, ${b})`;
}

function heatRgb(value: number): [number, number, number] {
  const t = Math.max(0, Math.min(1, value));
  const mix = (a: number, b: number): number => Math.round(a + (b - a) * Math.sqrt(t));
  return [mix(247, 8), mix(251, 69), mix(255, 148)];
}

/**
 * Black or white, whichever reads better on heatColour(value) (WCAG relative luminance): at least 4.5:1 on every
 * shade, where a fixed switch point left mid shades below it (axe: colour contrast).
 */
export function heatText(value: number): string {
  const linear = (c: number): number => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = heatRgb(value);
  const luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? '#000000' : '#ffffff';
}
