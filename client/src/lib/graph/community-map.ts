// The community map: one node per detected community (sized by members, its role mix as a pie), ties aggregated
// between communities, and the members of expanded communities in place of their node, at the server's positions.
// Pure: the answer of `communityMap` and of the members' `network` in, a graphology graph for sigma out.
import { MultiUndirectedGraph } from 'graphology';
import type { Role } from '../graphql/generated/graphql';
import { COMMUNITY_PALETTE, OTHER_COLOUR, ROLE_COLOURS, roleKeyOf, MULTI_ROLE_COLOUR, NONE_COLOUR } from './encodings';
import { ROLES } from './model';
import type { KeyValueStore } from './positions';

/** Above this many stakeholders the Explore map opens on the community map (unless the user chose otherwise). */
export const COMMUNITY_MAP_ABOVE = 5_000;
/** localStorage key overriding COMMUNITY_MAP_ABOVE (set by hand, or by a test to try the map on the demo). */
export const COMMUNITY_MAP_ABOVE_KEY = 'atlas:community-map-above';
/** Ties asked for with the expanded communities' members (the server keeps the strongest when there are more). */
export const MEMBER_TIE_LIMIT = 100_000;
/** Communities whose labels are always drawn (the largest); the others' labels follow sigma's label grid. */
export const FORCED_LABELS = 24;
/** Longest label drawn on the map; longer names are cut (and kept distinct). */
export const MAX_LABEL_LENGTH = 30;

/** What the user asked for: decide by size, or one of the two maps. */
export type MapMode = 'auto' | 'communities' | 'stakeholders';
export const MAP_MODES: readonly MapMode[] = ['auto', 'communities', 'stakeholders'];

/** The threshold: localStorage `atlas:community-map-above` when a positive integer, else COMMUNITY_MAP_ABOVE. */
export function communityMapAbove(store: KeyValueStore | null): number {
  let raw = Number.NaN;
  try {
    raw = Number(store?.getItem(COMMUNITY_MAP_ABOVE_KEY) ?? Number.NaN);
  } catch {
    // Storage blocked: the default applies.
  }
  return Number.isInteger(raw) && raw > 0 ? raw : COMMUNITY_MAP_ABOVE;
}

/**
 * Which map to show: an ego view is always stakeholders; an explicit choice wins; otherwise the community map above
 * the threshold. 'unknown' when the size is not known yet (the community map's member total then decides).
 */
export function resolveMapMode(
  mode: MapMode,
  total: number | null,
  threshold: number,
  egoView: boolean,
): 'communities' | 'stakeholders' | 'unknown' {
  if (egoView) return 'stakeholders';
  if (mode !== 'auto') return mode;
  if (total === null) return 'unknown';
  return total > threshold ? 'communities' : 'stakeholders';
}

// ---- the answers, as the page selects them (structural types, so the pure code does not depend on codegen) ----

export interface MapCommunity {
  id: string;
  name: string;
  members: number;
  roleMix: ReadonlyArray<{ role: Role; count: number }>;
  x: number;
  y: number;
  radius: number;
}

export interface MapLink {
  source: string;
  target: string;
  ties: number;
  weight: number;
}

export interface CommunityMapData {
  run: string | null;
  communities: readonly MapCommunity[];
  links: readonly MapLink[];
}

/**
 * The members' part of a `network(filter: {communities}, run)` answer the map needs: the columns it draws, the
 * detected memberships (strongest first; indices into `communities`) and the run's positions when it has a layout.
 */
export interface MemberColumns {
  attributes: { truncated: boolean; totalNodes: number; totalEdges: number };
  columns: {
    communities: readonly string[];
    nodes: {
      ids: readonly string[];
      labels: readonly string[];
      roleMasks: readonly number[];
      degrees: readonly number[];
      detected?: { counts: readonly number[]; communities: readonly number[] } | null;
      positions?: { x: ReadonlyArray<number | null>; y: ReadonlyArray<number | null> } | null;
    };
    ties: { sourceDeltas: readonly number[]; targetDeltas: readonly number[]; weights: readonly number[] };
  };
}

/** The members of the expanded communities (one answer for all of them, so the ties between them come too). */
export interface MemberSet {
  /** The communities asked for. */
  communities: readonly string[];
  ids: string[];
  labels: string[];
  roles: Role[][];
  degrees: number[];
  /** Each member's detected communities, strongest first (the first is where the run's layout put it). */
  memberships: string[][];
  /** Positions from the run's layout; NaN where it has none (placed in the community's disc when drawn). */
  x: Float64Array;
  y: Float64Array;
  sources: Int32Array;
  targets: Int32Array;
  truncated: boolean;
  totalNodes: number;
  totalEdges: number;
}

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/** Point i of n on Vogel's sunflower: n points spread evenly over a disc (for members the layout did not place). */
export function sunflowerPoint(i: number, n: number, cx: number, cy: number, radius: number): { x: number; y: number } {
  const r = radius * Math.sqrt((i + 0.5) / Math.max(1, n));
  const a = i * GOLDEN_ANGLE;
  return { x: cx + r * Math.cos(a), y: cy + r * Math.sin(a) };
}

function rolesOf(mask: number): Role[] {
  const roles: Role[] = [];
  for (let r = 0; r < ROLES.length; r++) if (mask & (1 << r)) roles.push(ROLES[r]!);
  return roles;
}

/** Decodes the members' answer (ties delta-coded as NetworkColumns documents them). Throws on a malformed answer. */
export function decodeMembers(communities: readonly string[], answer: MemberColumns): MemberSet {
  const { nodes, ties } = answer.columns;
  const n = nodes.ids.length;
  if (nodes.labels.length !== n || nodes.roleMasks.length !== n || nodes.degrees.length !== n) {
    throw new Error('The members answer has node columns of different lengths.');
  }
  const memberships: string[][] = [];
  const detected = nodes.detected ?? null;
  let at = 0;
  for (let i = 0; i < n; i++) {
    const count = detected?.counts[i] ?? 0;
    const list: string[] = [];
    for (let m = at; m < at + count; m++) {
      const id = answer.columns.communities[detected!.communities[m]!];
      if (id === undefined) throw new Error('The members answer refers to a community it does not list.');
      list.push(id);
    }
    at += count;
    memberships.push(list);
  }
  const x = new Float64Array(n).fill(Number.NaN);
  const y = new Float64Array(n).fill(Number.NaN);
  const positions = nodes.positions ?? null;
  if (positions !== null && positions.x.length === n && positions.y.length === n) {
    for (let i = 0; i < n; i++) {
      x[i] = positions.x[i] ?? Number.NaN;
      y[i] = positions.y[i] ?? Number.NaN;
    }
  }
  const count = ties.sourceDeltas.length;
  if (ties.targetDeltas.length !== count || ties.weights.length !== count) {
    throw new Error('The members answer has tie columns of different lengths.');
  }
  const sources = new Int32Array(count);
  const targets = new Int32Array(count);
  let source = 0;
  let target = 0;
  for (let k = 0; k < count; k++) {
    const delta = ties.sourceDeltas[k]!;
    source += delta;
    target = k > 0 && delta === 0 ? target + ties.targetDeltas[k]! : ties.targetDeltas[k]!;
    if (source < 0 || source >= n || target < 0 || target >= n) {
      throw new Error(`The members answer's tie ${k} refers to a node it does not list.`);
    }
    sources[k] = source;
    targets[k] = target;
  }
  return {
    communities: [...communities],
    ids: [...nodes.ids],
    labels: [...nodes.labels],
    roles: nodes.roleMasks.map(rolesOf),
    degrees: [...nodes.degrees],
    memberships,
    x,
    y,
    sources,
    targets,
    truncated: answer.attributes.truncated,
    totalNodes: answer.attributes.totalNodes,
    totalEdges: answer.attributes.totalEdges,
  };
}

/** Whether the loaded members cover every expanded community (then collapsing or re-ordering needs no request). */
export function membersCover(set: MemberSet | null, expanded: readonly string[]): boolean {
  return set !== null && expanded.every((id) => set.communities.includes(id));
}

// ---- names and colours ----

function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, Math.max(1, max - 1));
  const space = room.lastIndexOf(' ');
  // Cut at a word boundary unless that loses more than a third of the room.
  const head = space >= (max * 2) / 3 ? room.slice(0, space) : room;
  return `${head.replace(/[\s,;:(–-]+$/u, '')}…`;
}

/**
 * Labels of at most `max` characters, cut at a word boundary, and distinct: names that would be cut to the same
 * label keep their distinguishing end ("Customers (Corvane…Group 3 41%)"); identical names are numbered.
 */
export function shortNames(names: readonly string[], max = MAX_LABEL_LENGTH): string[] {
  const cut = names.map((n) => cutAtWord(n.trim(), max));
  const groups = new Map<string, number[]>();
  cut.forEach((c, i) => groups.set(c, [...(groups.get(c) ?? []), i]));
  const out = [...cut];
  for (const indices of groups.values()) {
    if (indices.length < 2) continue;
    const full = indices.map((i) => names[i]!.trim());
    indices.forEach((i, k) => {
      const name = full[k]!;
      if (name.length <= max) return; // an uncut name is already what it is
      // The shortest ending no other name of the group shares.
      let tail = '';
      for (let len = 1; len <= name.length; len++) {
        const candidate = name.slice(-len);
        if (full.every((other, j) => j === k || !other.endsWith(candidate))) {
          // Whole words read better: "21%)" rather than "1%)".
          let start = name.length - len;
          while (start > 0 && name[start - 1] !== ' ') start--;
          tail = name.slice(start);
          break;
        }
      }
      const headRoom = max - tail.length - 1;
      out[i] = headRoom >= 4 ? `${name.slice(0, headRoom).trimEnd()}…${tail}` : `${name.slice(0, max - 1)}…`;
    });
  }
  // Whatever is still the same (identical names) is numbered in order.
  const seen = new Map<string, number>();
  return out.map((label) => {
    const k = (seen.get(label) ?? 0) + 1;
    seen.set(label, k);
    return k === 1 ? label : `${label} (${k})`;
  });
}

/** Community colours: the largest communities take the palette, the rest share the "other" grey. */
export interface MapColouring {
  /** Community ids, largest first (ties broken by name). */
  ranked: string[];
  colourOf(community: string): string;
  /** Whether the community has a colour of its own. */
  coloured(community: string): boolean;
  /** The communities without a colour of their own, and their members. */
  other: { communities: number; members: number };
}

export function mapColouring(communities: readonly Pick<MapCommunity, 'id' | 'name' | 'members'>[]): MapColouring {
  const ranked = [...communities].sort((a, b) => b.members - a.members || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
  const colours = new Map(ranked.slice(0, COMMUNITY_PALETTE.length).map((c, i) => [c.id, COMMUNITY_PALETTE[i]!]));
  const rest = ranked.slice(COMMUNITY_PALETTE.length);
  return {
    ranked: ranked.map((c) => c.id),
    colourOf: (id) => colours.get(id) ?? OTHER_COLOUR,
    coloured: (id) => colours.has(id),
    other: { communities: rest.length, members: rest.reduce((sum, c) => sum + c.members, 0) },
  };
}

/** What the "other" legend entry says: "Other: 63 smaller communities (4,210 members)". */
export function otherLabel(other: MapColouring['other']): string {
  const fmt = (n: number): string => n.toLocaleString('en-GB');
  return `Other: ${fmt(other.communities)} smaller ${other.communities === 1 ? 'community' : 'communities'} (${fmt(other.members)} members)`;
}

// ---- the graph sigma draws ----

/** Slices of a community's role-mix pie: one per role, in ROLES order. */
export const ROLE_PIE_SLICES = ROLES.length;
export const ROLE_PIE_PROGRAM = 'rolePie';

export interface MapNodeAttributes {
  x: number;
  y: number;
  size: number;
  label: string;
  color: string;
  /** Sigma's program: the role-mix pie for communities (colour by role), else a plain circle. */
  type: string;
  forceLabel: boolean;
  zIndex: number;
  kind: 'community' | 'member';
  /** The community the node stands for, or the expanded community the member is drawn in. */
  community: string;
  /** Members (communities) or degree (members). */
  weight: number;
  /** The pie program's slices, `pie{i}c` (colour) and `pie{i}v` (count), on role-mix pies only. */
  [pieSlice: string]: unknown;
}

export interface MapEdgeAttributes {
  size: number;
  color: string;
  /** Aggregated ties (between communities) or 1 (a tie between members). */
  ties: number;
}

export type CommunityMapGraph = MultiUndirectedGraph<MapNodeAttributes, MapEdgeAttributes>;

/** Graph keys of community nodes (stakeholder ids are the members' keys). */
const COMMUNITY_KEY_PREFIX = 'community:';
export const communityNodeKey = (id: string): string => `${COMMUNITY_KEY_PREFIX}${id}`;
export function communityOfNodeKey(key: string): string | null {
  return key.startsWith(COMMUNITY_KEY_PREFIX) ? key.slice(COMMUNITY_KEY_PREFIX.length) : null;
}

export const COMMUNITY_MIN_SIZE = 6;
export const COMMUNITY_MAX_SIZE = 36;
export const MEMBER_MIN_SIZE = 1.5;
export const MEMBER_MAX_SIZE = 7;
export const LINK_COLOUR = '#BFC5CD';
/** Links between collapsed communities while any community is expanded: faint, so they do not cross the members. */
export const FADED_LINK_COLOUR = 'rgba(191, 197, 205, 0.3)';
export const MEMBER_TIE_COLOUR = '#D5DAE0';

/** How community nodes and members are coloured: by role (pies, role colours) or by community. */
export type MapColourBy = 'role' | 'community';

export interface MapGraphInput {
  map: CommunityMapData;
  /** The loaded members (null: none yet); only those of expanded communities are drawn. */
  members: MemberSet | null;
  expanded: readonly string[];
  colourBy: MapColourBy;
  colouring: MapColouring;
  /** Labels per community id (shortNames of the names). */
  labels: ReadonlyMap<string, string>;
}

const roleColour = (roles: readonly Role[]): string => {
  const key = roleKeyOf(roles);
  if (key === 'MULTI') return MULTI_ROLE_COLOUR;
  if (key === 'NONE') return NONE_COLOUR;
  return ROLE_COLOURS[key as Role];
};

/** The pie attributes of a community's role mix (slice i: ROLES[i]). */
export function rolePie(roleMix: MapCommunity['roleMix']): Record<string, string | number> {
  const counts = new Map(roleMix.map((r) => [r.role, r.count]));
  const out: Record<string, string | number> = {};
  ROLES.forEach((role, i) => {
    out[`pie${i}c`] = ROLE_COLOURS[role];
    out[`pie${i}v`] = counts.get(role) ?? 0;
  });
  return out;
}

/**
 * Where each member is drawn: in its strongest membership that is expanded; '' when none of its communities is.
 */
function drawnIn(set: MemberSet, expanded: readonly string[]): string[] {
  const open = new Set(expanded);
  // Without memberships (an answer without the run's): the first expanded community.
  return set.memberships.map((list) => (list.length === 0 ? (expanded[0] ?? '') : (list.find((c) => open.has(c)) ?? '')));
}

/**
 * The graph of the community map: communities not expanded as nodes, links between them (thickness by ties), and the
 * members of the expanded communities at the run's positions with the ties among them (between communities too). A
 * member whose main community is collapsed is placed inside the community it is drawn in (the layout put it in its
 * main one); so is one the layout did not place. An expanded community whose members are not loaded keeps its node.
 */
export function buildCommunityMapGraph(input: MapGraphInput): CommunityMapGraph {
  const { map, members, colourBy, colouring, labels } = input;
  const graph: CommunityMapGraph = new MultiUndirectedGraph<MapNodeAttributes, MapEdgeAttributes>();
  const expanded = members === null ? [] : input.expanded.filter((id) => members.communities.includes(id));
  const shown = new Set(expanded);
  const maxMembers = Math.max(1, ...map.communities.map((c) => c.members));
  const forced = new Set(colouring.ranked.slice(0, FORCED_LABELS));
  const byId = new Map(map.communities.map((c) => [c.id, c]));
  for (const c of map.communities) {
    if (shown.has(c.id)) continue;
    const pie = colourBy === 'role' && c.roleMix.some((r) => r.count > 0);
    graph.addNode(communityNodeKey(c.id), {
      x: c.x,
      y: c.y,
      size: COMMUNITY_MIN_SIZE + (COMMUNITY_MAX_SIZE - COMMUNITY_MIN_SIZE) * Math.sqrt(c.members / maxMembers),
      label: labels.get(c.id) ?? c.name,
      color: colouring.colourOf(c.id),
      type: pie ? ROLE_PIE_PROGRAM : 'circle',
      forceLabel: forced.has(c.id),
      zIndex: 1,
      kind: 'community',
      community: c.id,
      weight: c.members,
      ...(pie ? rolePie(c.roleMix) : {}),
    });
  }
  const maxTies = Math.max(1, ...map.links.map((l) => l.ties));
  const linkColour = expanded.length > 0 ? FADED_LINK_COLOUR : LINK_COLOUR;
  for (const link of map.links) {
    const a = communityNodeKey(link.source);
    const b = communityNodeKey(link.target);
    if (a === b || !graph.hasNode(a) || !graph.hasNode(b)) continue;
    graph.addEdge(a, b, { size: 0.5 + 9.5 * Math.sqrt(link.ties / maxTies), color: linkColour, ties: link.ties });
  }
  if (members === null || expanded.length === 0) return graph;

  const where = drawnIn(members, expanded);
  let maxDegree = 1;
  where.forEach((c, i) => {
    if (c !== '' && members.degrees[i]! > maxDegree) maxDegree = members.degrees[i]!;
  });
  // Members placed here (no position, or their main community is not where they are drawn), per community.
  const guests = new Map<string, number[]>();
  where.forEach((c, i) => {
    if (c === '') return;
    const placed = Number.isFinite(members.x[i]!) && Number.isFinite(members.y[i]!);
    if (placed && members.memberships[i]![0] === c) return;
    guests.set(c, [...(guests.get(c) ?? []), i]);
  });
  const guestPosition = new Map<number, { x: number; y: number }>();
  for (const [c, list] of guests) {
    const community = byId.get(c);
    if (community === undefined) continue;
    // Best connected nearest the centre.
    list.sort((a, b) => members.degrees[b]! - members.degrees[a]! || a - b);
    list.forEach((i, rank) =>
      guestPosition.set(i, sunflowerPoint(rank, list.length, community.x, community.y, community.radius)),
    );
  }
  where.forEach((c, i) => {
    const key = members.ids[i]!;
    if (c === '' || graph.hasNode(key)) return;
    const p = guestPosition.get(i) ?? { x: members.x[i]!, y: members.y[i]! };
    graph.addNode(key, {
      x: p.x,
      y: p.y,
      size: MEMBER_MIN_SIZE + (MEMBER_MAX_SIZE - MEMBER_MIN_SIZE) * Math.sqrt(members.degrees[i]! / maxDegree),
      label: members.labels[i]!,
      color: colourBy === 'role' ? roleColour(members.roles[i]!) : colouring.colourOf(c),
      type: 'circle',
      forceLabel: false,
      zIndex: 2,
      kind: 'member',
      community: c,
      weight: members.degrees[i]!,
    });
  });
  for (let k = 0; k < members.sources.length; k++) {
    const s = members.ids[members.sources[k]!]!;
    const t = members.ids[members.targets[k]!]!;
    // One line per pair: parallel ties (types, directions) add nothing at this scale.
    if (s === t || !graph.hasNode(s) || !graph.hasNode(t) || graph.hasEdge(s, t)) continue;
    graph.addEdge(s, t, { size: 0.4, color: MEMBER_TIE_COLOUR, ties: 1 });
  }
  return graph;
}

/** The extent the map keeps while communities expand and collapse (so the camera does not jump). */
export function mapExtent(map: CommunityMapData): { x: [number, number]; y: [number, number] } | null {
  if (map.communities.length === 0) return null;
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const c of map.communities) {
    minX = Math.min(minX, c.x - c.radius);
    maxX = Math.max(maxX, c.x + c.radius);
    minY = Math.min(minY, c.y - c.radius);
    maxY = Math.max(maxY, c.y + c.radius);
  }
  if (maxX - minX === 0) [minX, maxX] = [minX - 1, maxX + 1];
  if (maxY - minY === 0) [minY, maxY] = [minY - 1, maxY + 1];
  return { x: [minX, maxX], y: [minY, maxY] };
}

/** The expanded list after a click: alone (plain click) or added/removed (with a modifier), in a canonical order. */
export function expandAfterClick(expanded: readonly string[], community: string, additive: boolean): string[] {
  if (!additive) return expanded.length === 1 && expanded[0] === community ? [] : [community];
  return expanded.includes(community) ? expanded.filter((c) => c !== community) : [...expanded, community];
}

// ---- a highlighted list on the community map ----

/** Most members a highlight expands communities for (the largest share of the list first). */
export const HIGHLIGHT_MEMBER_BUDGET = 20_000;
/** Most communities a highlight expands. */
export const HIGHLIGHT_COMMUNITY_LIMIT = 24;
/** Most stakeholders of a highlighted list whose communities are looked up (a longer list is cut, and says so). */
export const HIGHLIGHT_LOOKUP_LIMIT = 5_000;

/** What a highlight expands on the community map, and how much of it stays out of view. */
export interface HighlightExpansion {
  /** Communities to expand, holding the most highlighted stakeholders first. */
  expand: string[];
  /** Highlighted stakeholders inside the expanded communities. */
  shown: number;
  /** Highlighted stakeholders in communities left collapsed (over the expansion limit). */
  notShown: number;
  /** Highlighted stakeholders with no community on this map (not in the run, or beyond the lookup limit). */
  outside: number;
}

/**
 * The communities a highlighted list expands: those holding its stakeholders (`places`: stakeholder → community on
 * the map), the ones holding the most of them first (then the smaller community, then by id), while the expanded
 * members stay within `limits` — the first always, so a list inside one huge community still shows.
 */
export function planHighlightExpansion(
  highlighted: number,
  places: ReadonlyMap<string, string>,
  sizes: ReadonlyMap<string, number>,
  limits: { members: number; communities: number } = {
    members: HIGHLIGHT_MEMBER_BUDGET,
    communities: HIGHLIGHT_COMMUNITY_LIMIT,
  },
): HighlightExpansion {
  const held = new Map<string, number>();
  for (const community of places.values()) {
    if (sizes.has(community)) held.set(community, (held.get(community) ?? 0) + 1);
  }
  const order = [...held.keys()].sort(
    (a, b) => held.get(b)! - held.get(a)! || sizes.get(a)! - sizes.get(b)! || (a < b ? -1 : a > b ? 1 : 0),
  );
  const expand: string[] = [];
  let members = 0;
  let shown = 0;
  for (const community of order) {
    const size = sizes.get(community)!;
    if (expand.length >= limits.communities) break;
    if (expand.length > 0 && members + size > limits.members) continue;
    expand.push(community);
    members += size;
    shown += held.get(community)!;
  }
  const placed = [...held.values()].reduce((sum, n) => sum + n, 0);
  return { expand, shown, notShown: placed - shown, outside: Math.max(0, highlighted - placed) };
}

/** What the map says about a highlight it could not show whole ("12 of 40 … not shown"); null when all show. */
export function highlightExpansionNote(plan: HighlightExpansion): string | null {
  const fmt = (n: number): string => n.toLocaleString('en-GB');
  const parts: string[] = [];
  if (plan.notShown > 0) {
    parts.push(
      `${fmt(plan.notShown)} in other communities are not shown (expanding them would pass ${fmt(HIGHLIGHT_MEMBER_BUDGET)} members or ${HIGHLIGHT_COMMUNITY_LIMIT} communities)`,
    );
  }
  if (plan.outside > 0) parts.push(`${fmt(plan.outside)} are not on this run's map`);
  return parts.length === 0 ? null : `${parts.join('; ')}.`;
}
