// Visual encodings of the map: colour by role or by declared community, and the legend entries they imply.
import type { Role } from '../graphql/generated/graphql';
import {
  MAX_NODE_SIZE,
  MIN_NODE_SIZE,
  ROLES,
  ROLE_LABELS,
  SCORE_KEYS,
  type AtlasGraph,
  type NodeAttributes,
  type ScoreKey,
} from './model';

export type ColourBy = 'role' | 'community' | 'detected';
export const COLOUR_MODES: readonly ColourBy[] = ['role', 'community', 'detected'];

/** Node size: degree (always there) or an influence score of the current analysis run. */
export type SizeBy = 'degree' | ScoreKey;
export const SIZE_MODES: readonly SizeBy[] = ['degree', ...SCORE_KEYS];

/** Okabe–Ito, colour-blind safe: one colour per single role. */
export const ROLE_COLOURS: Record<Role, string> = {
  CUSTOMER: '#0072B2',
  EMPLOYEE: '#009E73',
  SUPPLIER: '#E69F00',
  PARTNER: '#56B4E9',
  SHAREHOLDER: '#CC79A7',
};
/** Okabe–Ito vermillion: stakeholders holding two roles or more. */
export const MULTI_ROLE_COLOUR = '#D55E00';
/** Stakeholders with no role, or in no community. */
export const NONE_COLOUR = '#B8BEC6';
/** Communities beyond the palette. */
export const OTHER_COLOUR = '#6B7280';
/** Nodes pushed to the background by hover, selection or highlight. */
export const DIMMED_NODE_COLOUR = '#E3E6EA';

/**
 * Kelly's colours of maximum contrast (without white, black and grey), ordered so that the
 * first dozen are far apart: 14 communities can be told apart before "other" takes over.
 */
export const COMMUNITY_PALETTE: readonly string[] = [
  '#0067A5',
  '#F38400',
  '#008856',
  '#BE0032',
  '#875692',
  '#F3C300',
  '#A1CAF1',
  '#882D17',
  '#8DB600',
  '#E68FAC',
  '#604E97',
  '#C2B280',
  '#2B3D26',
  '#F99379',
];

export interface LegendEntry {
  key: string;
  label: string;
  colour: string;
  /** Nodes of the loaded network with this colour. */
  count: number;
}

export interface Encoding {
  by: ColourBy;
  title: string;
  entries: LegendEntry[];
  /** The colour key of a node (one of the entries' keys). */
  keyOf(attrs: NodeAttributes): string;
  /** The colour of a node. */
  colourOf(attrs: NodeAttributes): string;
}

export interface CommunityInfo {
  id: string;
  name: string;
}

/** The role colour key of a node: its role, "MULTI" for several, "NONE" for none. */
export function roleKeyOf(roles: readonly Role[]): string {
  if (roles.length === 0) return 'NONE';
  if (roles.length > 1) return 'MULTI';
  return roles[0] ?? 'NONE';
}

function withColours(entries: Array<Omit<LegendEntry, 'count'>>, counts: Map<string, number>): LegendEntry[] {
  return entries.map((e) => ({ ...e, count: counts.get(e.key) ?? 0 }));
}

/** The "other" legend entry: how many communities share the grey (their members are counted on the entry). */
export function otherCommunitiesLabel(communities: number, kind = ''): string {
  const noun = communities === 1 ? 'community' : 'communities';
  return `Other: ${communities.toLocaleString('en-GB')} smaller ${kind}${noun}`;
}

/**
 * A coloured community's legend count is its members on the map, overlapping ones included: what the community
 * filters let through (a stakeholder in two communities counts in both; the "other" and "none" entries count nodes).
 */
function withMemberCounts(
  counts: Map<string, number>,
  members: Map<string, number>,
  coloured: readonly string[],
): Map<string, number> {
  const out = new Map(counts);
  for (const id of coloured) out.set(id, members.get(id) ?? 0);
  return out;
}

function countKeys(graph: AtlasGraph, keyOf: (a: NodeAttributes) => string): Map<string, number> {
  const counts = new Map<string, number>();
  graph.forEachNode((_n, attrs) => {
    const k = keyOf(attrs);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  });
  return counts;
}

/** Colour by role: five role colours, one for multi-role, one for none (shown only when present). */
export function roleEncoding(graph: AtlasGraph): Encoding {
  const colours = new Map<string, string>([
    ...ROLES.map((r): [string, string] => [r, ROLE_COLOURS[r]]),
    ['MULTI', MULTI_ROLE_COLOUR],
    ['NONE', NONE_COLOUR],
  ]);
  const keyOf = (a: NodeAttributes): string => roleKeyOf(a.roles);
  const counts = countKeys(graph, keyOf);
  const entries = withColours(
    [
      ...ROLES.map((r) => ({ key: r, label: ROLE_LABELS[r], colour: ROLE_COLOURS[r] })),
      { key: 'MULTI', label: 'Several roles', colour: MULTI_ROLE_COLOUR },
      { key: 'NONE', label: 'No role', colour: NONE_COLOUR },
    ],
    counts,
  ).filter((e) => e.key !== 'NONE' || e.count > 0);
  return {
    by: 'role',
    title: 'Colour: role',
    entries,
    keyOf,
    colourOf: (a) => colours.get(keyOf(a)) ?? NONE_COLOUR,
  };
}

/**
 * Colour by declared community. Communities are ranked by members on the map (then name); the
 * top ones take the palette, a node takes the colour of its best-ranked community, the rest share
 * "Other communities", and nodes in none share "No community".
 */
export function communityEncoding(graph: AtlasGraph, communities: readonly CommunityInfo[]): Encoding {
  const names = new Map(communities.map((c) => [c.id, c.name]));
  const members = new Map<string, number>();
  graph.forEachNode((_n, a) => {
    for (const c of a.communities) members.set(c, (members.get(c) ?? 0) + 1);
  });
  const ranked = [...members.keys()].sort(
    (a, b) => (members.get(b) ?? 0) - (members.get(a) ?? 0) || (names.get(a) ?? a).localeCompare(names.get(b) ?? b),
  );
  const rank = new Map(ranked.map((id, i) => [id, i]));
  const coloured = ranked.slice(0, COMMUNITY_PALETTE.length);
  const colours = new Map<string, string>(coloured.map((id, i) => [id, COMMUNITY_PALETTE[i] ?? OTHER_COLOUR]));
  colours.set('OTHER', OTHER_COLOUR);
  colours.set('NONE', NONE_COLOUR);

  const keyOf = (a: NodeAttributes): string => {
    if (a.communities.length === 0) return 'NONE';
    let best: string | null = null;
    let bestRank = Infinity;
    for (const c of a.communities) {
      const r = rank.get(c) ?? Infinity;
      if (r < bestRank) {
        bestRank = r;
        best = c;
      }
    }
    return best !== null && bestRank < COMMUNITY_PALETTE.length ? best : 'OTHER';
  };
  const counts = withMemberCounts(countKeys(graph, keyOf), members, coloured);
  const entries = withColours(
    [
      ...coloured.map((id) => ({ key: id, label: names.get(id) ?? id, colour: colours.get(id) ?? OTHER_COLOUR })),
      { key: 'OTHER', label: otherCommunitiesLabel(ranked.length - coloured.length), colour: OTHER_COLOUR },
      { key: 'NONE', label: 'No community', colour: NONE_COLOUR },
    ],
    counts,
  ).filter((e) => e.count > 0);
  return {
    by: 'community',
    title: 'Colour: declared community',
    entries,
    keyOf,
    colourOf: (a) => colours.get(keyOf(a)) ?? NONE_COLOUR,
  };
}

/**
 * Colour by detected community (current analysis run): a node takes the colour of its strongest
 * membership; communities are ranked by members on the map, the top ones take the palette.
 */
export function detectedEncoding(graph: AtlasGraph, communities: readonly CommunityInfo[]): Encoding {
  const names = new Map(communities.map((c) => [c.id, c.name]));
  const primary = (a: NodeAttributes): string | null => a.detected?.[0]?.community ?? null;
  const members = new Map<string, number>();
  graph.forEachNode((_n, a) => {
    for (const m of a.detected ?? []) members.set(m.community, (members.get(m.community) ?? 0) + 1);
  });
  const ranked = [...members.keys()].sort((a, b) => (members.get(b) ?? 0) - (members.get(a) ?? 0) || a.localeCompare(b));
  const coloured = ranked.slice(0, COMMUNITY_PALETTE.length);
  const colours = new Map<string, string>(coloured.map((id, i) => [id, COMMUNITY_PALETTE[i] ?? OTHER_COLOUR]));
  const keyOf = (a: NodeAttributes): string => {
    const c = primary(a);
    if (c === null) return 'NONE';
    return colours.has(c) ? c : 'OTHER';
  };
  colours.set('OTHER', OTHER_COLOUR);
  colours.set('NONE', NONE_COLOUR);
  const counts = withMemberCounts(countKeys(graph, keyOf), members, coloured);
  const entries = withColours(
    [
      ...coloured.map((id) => ({ key: id, label: names.get(id) ?? id, colour: colours.get(id) ?? OTHER_COLOUR })),
      { key: 'OTHER', label: otherCommunitiesLabel(ranked.length - coloured.length, 'detected '), colour: OTHER_COLOUR },
      { key: 'NONE', label: 'Not in the analysis', colour: NONE_COLOUR },
    ],
    counts,
  ).filter((e) => e.count > 0);
  return {
    by: 'detected',
    title: 'Colour: detected community',
    entries,
    keyOf,
    colourOf: (a) => colours.get(keyOf(a)) ?? NONE_COLOUR,
  };
}

/**
 * The stakeholders a legend entry counts, to highlight them: a coloured community's members on the map (overlapping ones
 * included, as its count and its filter), else the nodes drawn in the entry's colour (a role, "other", "none").
 */
export function legendMembers(graph: AtlasGraph, encoding: Encoding, key: string): Set<string> {
  const isMember = (a: NodeAttributes): boolean => {
    if (encoding.by === 'role' || key === 'OTHER' || key === 'NONE') return encoding.keyOf(a) === key;
    if (encoding.by === 'detected') return a.detected?.some((m) => m.community === key) ?? false;
    return a.communities.includes(key);
  };
  const members = new Set<string>();
  graph.forEachNode((node, a) => {
    if (isMember(a)) members.add(node);
  });
  return members;
}

/** The colour of each detected community under an encoding (for pie slices), else the "other" grey. */
export function detectedColour(encoding: Encoding, community: string): string {
  return encoding.entries.find((e) => e.key === community)?.colour ?? OTHER_COLOUR;
}

/** The encoding for a colour mode. */
export function encodingFor(by: ColourBy, graph: AtlasGraph, communities: readonly CommunityInfo[]): Encoding {
  if (by === 'community') return communityEncoding(graph, communities);
  if (by === 'detected') return detectedEncoding(graph, communities);
  return roleEncoding(graph);
}

/**
 * Node radius by a score, on a square-root scale between the smallest and largest value on the map.
 * Returns null for degree (the graph's own `size` attribute) or when no node has the score.
 */
export function sizeScale(graph: AtlasGraph, by: SizeBy): ((a: NodeAttributes) => number) | null {
  if (by === 'degree') return null;
  let min = Infinity;
  let max = -Infinity;
  graph.forEachNode((_n, a) => {
    const v = a.scores?.[by];
    if (v === undefined || !Number.isFinite(v)) return;
    min = Math.min(min, v);
    max = Math.max(max, v);
  });
  if (!Number.isFinite(min)) return null;
  return (a) => {
    const v = a.scores?.[by];
    if (v === undefined || !Number.isFinite(v)) return MIN_NODE_SIZE;
    if (max <= min) return (MIN_NODE_SIZE + MAX_NODE_SIZE) / 2;
    return MIN_NODE_SIZE + (MAX_NODE_SIZE - MIN_NODE_SIZE) * Math.sqrt((v - min) / (max - min));
  };
}
