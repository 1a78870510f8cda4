// The explorer's view state as an immutable snapshot, and its transitions as pure functions.
import type { Role, RoleMatch, TieType } from '../graphql/generated/graphql';
import type { ColourBy, SizeBy } from '../graph/encodings';
import { normaliseRoles, normaliseTieTypes, type EdgeAttributes, type NodeAttributes } from '../graph/model';

/** A named set of nodes pushed to the foreground (e.g. one UpSet bar's members). */
export interface Highlight {
  key: string;
  label: string;
  nodes: ReadonlySet<string>;
}

export interface ViewSnapshot {
  hovered: string | null;
  selected: string | null;
  colourBy: ColourBy;
  /** Role filter: empty means no filter. */
  roles: readonly Role[];
  roleMatch: RoleMatch;
  /** Declared community filter. */
  community: string | null;
  /** Tie type filter: empty means every type. */
  tieTypes: readonly TieType[];
  /** Date window on ties (ISO days, inclusive); null means open. */
  since: string | null;
  until: string | null;
  /** Node size encoding. */
  sizeBy: SizeBy;
  /** Ego view: the network around one stakeholder, loaded from the API; null is the whole network. */
  ego: EgoView | null;
  /** The community whose panel is open (shown when no stakeholder is selected). */
  openCommunity: string | null;
  /** Overlapping detected memberships drawn as pies, at or above this strength; null draws plain nodes. */
  pieThreshold: number | null;
  highlight: Highlight | null;
}

export interface EgoView {
  id: string;
  /** Hops, 1–3. */
  depth: number;
}

export const MAX_EGO_DEPTH = 3;

export function initialView(): ViewSnapshot {
  return {
    hovered: null,
    selected: null,
    colourBy: 'role',
    roles: [],
    roleMatch: 'ANY',
    community: null,
    tieTypes: [],
    since: null,
    until: null,
    sizeBy: 'degree',
    ego: null,
    openCommunity: null,
    pieThreshold: null,
    highlight: null,
  };
}

export function hoverNode(s: ViewSnapshot, node: string): ViewSnapshot {
  return s.hovered === node ? s : { ...s, hovered: node };
}

/** Clears the hover, but only if it is still on `node` (leave events can arrive late). */
export function leaveNode(s: ViewSnapshot, node: string): ViewSnapshot {
  return s.hovered === node ? { ...s, hovered: null } : s;
}

export function selectNode(s: ViewSnapshot, node: string | null): ViewSnapshot {
  return s.selected === node ? s : { ...s, selected: node };
}

export function clearSelection(s: ViewSnapshot): ViewSnapshot {
  return selectNode(s, null);
}

export function setColourBy(s: ViewSnapshot, colourBy: ColourBy): ViewSnapshot {
  return s.colourBy === colourBy ? s : { ...s, colourBy };
}

export function toggleRole(s: ViewSnapshot, role: Role): ViewSnapshot {
  const roles = s.roles.includes(role) ? s.roles.filter((r) => r !== role) : normaliseRoles([...s.roles, role]);
  return { ...s, roles };
}

export function setRoleMatch(s: ViewSnapshot, roleMatch: RoleMatch): ViewSnapshot {
  return s.roleMatch === roleMatch ? s : { ...s, roleMatch };
}

export function setCommunity(s: ViewSnapshot, community: string | null): ViewSnapshot {
  return s.community === community ? s : { ...s, community };
}

export function clearFilters(s: ViewSnapshot): ViewSnapshot {
  return { ...s, roles: [], roleMatch: 'ANY', community: null, tieTypes: [], since: null, until: null };
}

export function toggleTieType(s: ViewSnapshot, type: TieType): ViewSnapshot {
  const tieTypes = s.tieTypes.includes(type) ? s.tieTypes.filter((t) => t !== type) : normaliseTieTypes([...s.tieTypes, type]);
  return { ...s, tieTypes };
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A valid ISO day (YYYY-MM-DD that is a real date), or null. */
export function isoDayOrNull(value: string | null | undefined): string | null {
  if (value === null || value === undefined || !ISO_DAY.test(value)) return null;
  const d = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value ? null : value;
}

/** Sets the tie date window; invalid days become open ends, and a reversed window is swapped. */
export function setDateWindow(s: ViewSnapshot, since: string | null, until: string | null): ViewSnapshot {
  let a = isoDayOrNull(since);
  let b = isoDayOrNull(until);
  if (a !== null && b !== null && a > b) [a, b] = [b, a];
  return s.since === a && s.until === b ? s : { ...s, since: a, until: b };
}

export function setSizeBy(s: ViewSnapshot, sizeBy: SizeBy): ViewSnapshot {
  return s.sizeBy === sizeBy ? s : { ...s, sizeBy };
}

/** Opens the ego view around a stakeholder (depth clamped to 1–3); it stays selected. */
export function openEgo(s: ViewSnapshot, id: string, depth = 1): ViewSnapshot {
  const d = Math.min(MAX_EGO_DEPTH, Math.max(1, Math.round(depth)));
  if (s.ego?.id === id && s.ego.depth === d) return s;
  return { ...s, ego: { id, depth: d }, selected: id, hovered: null, highlight: null };
}

/** Back to the whole network (the selection is kept). */
export function closeEgo(s: ViewSnapshot): ViewSnapshot {
  return s.ego === null ? s : { ...s, ego: null, hovered: null, highlight: null };
}

/** Pies on (at a strength threshold clamped to [0, 1], two decimals) or off (null). */
export function setPieThreshold(s: ViewSnapshot, threshold: number | null): ViewSnapshot {
  const t =
    threshold === null || !Number.isFinite(threshold) ? null : Math.round(Math.min(1, Math.max(0, threshold)) * 100) / 100;
  return s.pieThreshold === t ? s : { ...s, pieThreshold: t };
}

export function openCommunityPanel(s: ViewSnapshot, id: string | null): ViewSnapshot {
  return s.openCommunity === id && s.selected === null ? s : { ...s, openCommunity: id, selected: null };
}

/** Replaces everything the URL carries (filters, encodings, selection, ego), keeping hover and highlight. */
export function fromUrl(s: ViewSnapshot, u: UrlView): ViewSnapshot {
  return { ...s, ...u };
}

/** The part of the snapshot that lives in the URL. */
export type UrlView = Pick<
  ViewSnapshot,
  | 'colourBy'
  | 'sizeBy'
  | 'roles'
  | 'roleMatch'
  | 'community'
  | 'tieTypes'
  | 'since'
  | 'until'
  | 'selected'
  | 'ego'
  | 'openCommunity'
  | 'pieThreshold'
>;

/** Sets a highlight; setting the one already shown toggles it off. Clears the selection so it shows. */
export function toggleHighlight(s: ViewSnapshot, highlight: Highlight): ViewSnapshot {
  if (s.highlight?.key === highlight.key) return { ...s, highlight: null };
  return { ...s, highlight, selected: null };
}

export function clearHighlight(s: ViewSnapshot): ViewSnapshot {
  return s.highlight === null ? s : { ...s, highlight: null };
}

/** Whether any filter is active. */
export function isFiltering(s: Pick<ViewSnapshot, 'roles' | 'community' | 'tieTypes' | 'since' | 'until'>): boolean {
  return s.roles.length > 0 || s.community !== null || isTieFiltering(s);
}

/** Whether a tie filter (type or date window) is active. */
export function isTieFiltering(s: Pick<ViewSnapshot, 'tieTypes' | 'since' | 'until'>): boolean {
  return s.tieTypes.length > 0 || s.since !== null || s.until !== null;
}

/**
 * Whether a tie passes the type and date filters. With a date window, undated ties are left out
 * (like the server's network(filter) slice), since nobody can say they fall inside it.
 */
export function passesTieFilters(
  attrs: Pick<EdgeAttributes, 'tieType' | 'since'>,
  s: Pick<ViewSnapshot, 'tieTypes' | 'since' | 'until'>,
): boolean {
  if (s.tieTypes.length > 0 && !s.tieTypes.includes(attrs.tieType)) return false;
  if (s.since === null && s.until === null) return true;
  if (attrs.since === null) return false;
  const day = attrs.since.slice(0, 10);
  if (s.since !== null && day < s.since) return false;
  if (s.until !== null && day > s.until) return false;
  return true;
}

/** Whether a node passes the role and community filters. */
export function passesFilters(
  attrs: Pick<NodeAttributes, 'roles' | 'communities'>,
  s: Pick<ViewSnapshot, 'roles' | 'roleMatch' | 'community'>,
): boolean {
  if (s.community !== null && !attrs.communities.includes(s.community)) return false;
  if (s.roles.length === 0) return true;
  return s.roleMatch === 'ALL' ? s.roles.every((r) => attrs.roles.includes(r)) : s.roles.some((r) => attrs.roles.includes(r));
}
