// Declared vs detected drill-down: the members on the map of each contingency cell, and the hidden cross-segment communities.
import { ROLE_LABELS, ROLES, type AtlasGraph } from './model';
import type { Role } from '../graphql/generated/graphql';

/** The contingency view as the API sends it (rows and columns are indices into declared / detected). */
export interface Comparison {
  declared: ReadonlyArray<{ id: string; name: string }>;
  detected: ReadonlyArray<{ id: string; name: string; label?: string | null }>;
  cells: ReadonlyArray<{ declared: number; detected: number; count: number }>;
}

/**
 * Each node on the map under its primary declared community (the first listed, as the analysis counts it) and its
 * primary detected community (the strongest membership): declared id → detected id → node keys. Nodes missing either
 * are not in any cell (the server leaves them out of the table too).
 */
export function cellIndex(graph: AtlasGraph): Map<string, Map<string, Set<string>>> {
  const index = new Map<string, Map<string, Set<string>>>();
  graph.forEachNode((node, attrs) => {
    const declared = attrs.communities[0];
    const detected = attrs.detected?.[0]?.community;
    if (declared === undefined || detected === undefined) return;
    let row = index.get(declared);
    if (row === undefined) index.set(declared, (row = new Map()));
    let cell = row.get(detected);
    if (cell === undefined) row.set(detected, (cell = new Set()));
    cell.add(node);
  });
  return index;
}

/** The members on the map of one cell (empty when none is loaded). */
export function cellMembers(
  index: ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<string>>>,
  declared: string,
  detected: string,
): Set<string> {
  return new Set(index.get(declared)?.get(detected) ?? []);
}

/** A stable highlight key for a cell. */
export function cellKey(declared: string, detected: string): string {
  return `contingency:${declared}|${detected}`;
}

/** Members on the map of a detected community: every node with a membership in it, overlapping ones included. */
export function detectedMembers(graph: AtlasGraph, detected: string): Set<string> {
  const members = new Set<string>();
  graph.forEachNode((node, attrs) => {
    if (attrs.detected?.some((m) => m.community === detected)) members.add(node);
  });
  return members;
}

export interface Share<K extends string = string> {
  key: K;
  name: string;
  count: number;
  /** Share of the community's counted members, in [0, 1]. */
  share: number;
}

export interface HiddenCommunity {
  /** Detected community id and display name. */
  id: string;
  name: string;
  /** Members with a declared community (the column total of the table). */
  labelled: number;
  /** Declared groups holding at least `minShare` of them, largest first. */
  groups: Share[];
  /** Role mix of its members on the map, largest first (roles with at least `minShare`). */
  roles: Share<Role>[];
  /** 1 − the largest declared group's share: how far it is from being one declared group. */
  spread: number;
}

export interface HiddenOptions {
  /** A declared group counts when it holds at least this share of the community's labelled members. */
  minShare?: number;
  /** Communities with fewer labelled members are left out (too small to say anything). */
  minSize?: number;
  /** Display names of detected communities by id (defaults to the comparison's label, else name). */
  names?: ReadonlyMap<string, string>;
}

/**
 * Detected communities that cut across declared groups: at least two declared groups each hold `minShare` (default
 * 15%) of their labelled members. Sorted by how many groups they span, then by spread. Roles come from the map.
 */
export function hiddenCommunities(
  comparison: Comparison,
  graph: AtlasGraph | null,
  options: HiddenOptions = {},
): HiddenCommunity[] {
  const minShare = options.minShare ?? 0.15;
  const minSize = options.minSize ?? 5;
  const columns = new Map<number, Array<{ row: number; count: number }>>();
  for (const cell of comparison.cells) {
    if (cell.count <= 0) continue;
    let col = columns.get(cell.detected);
    if (col === undefined) columns.set(cell.detected, (col = []));
    col.push({ row: cell.declared, count: cell.count });
  }
  const roleCounts = new Map<string, Map<Role, number>>();
  const mapped = new Map<string, number>();
  // Without a map of stakeholders (the community map) no role shares are listed.
  graph?.forEachNode((_node, attrs) => {
    for (const m of attrs.detected ?? []) {
      mapped.set(m.community, (mapped.get(m.community) ?? 0) + 1);
      let counts = roleCounts.get(m.community);
      if (counts === undefined) roleCounts.set(m.community, (counts = new Map()));
      for (const r of attrs.roles) counts.set(r, (counts.get(r) ?? 0) + 1);
    }
  });

  const out: HiddenCommunity[] = [];
  for (const [j, col] of columns) {
    const community = comparison.detected[j];
    if (community === undefined) continue;
    const labelled = col.reduce((sum, c) => sum + c.count, 0);
    if (labelled < minSize) continue;
    const groups = col
      .map(({ row, count }) => {
        const d = comparison.declared[row];
        return { key: d?.id ?? String(row), name: d?.name ?? `#${row + 1}`, count, share: count / labelled };
      })
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
    const significant = groups.filter((g) => g.share >= minShare);
    if (significant.length < 2) continue;
    const onMap = mapped.get(community.id) ?? 0;
    const counts = roleCounts.get(community.id) ?? new Map<Role, number>();
    const roles = ROLES.map((r) => ({
      key: r,
      name: ROLE_LABELS[r],
      count: counts.get(r) ?? 0,
      share: onMap > 0 ? (counts.get(r) ?? 0) / onMap : 0,
    }))
      .filter((r) => r.count > 0 && r.share >= minShare)
      .sort((a, b) => b.count - a.count);
    out.push({
      id: community.id,
      name: options.names?.get(community.id) ?? community.label ?? community.name,
      labelled,
      groups: significant,
      roles,
      spread: 1 - (groups[0]?.share ?? 0),
    });
  }
  return out.sort((a, b) => b.groups.length - a.groups.length || b.spread - a.spread || a.name.localeCompare(b.name));
}
