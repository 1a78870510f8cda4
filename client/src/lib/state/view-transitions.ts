// The explorer's view state as an immutable snapshot, and its transitions as pure functions.
import type { Role, RoleMatch, TieType } from '../graphql/generated/graphql';
import type { ColourBy, SizeBy } from '../graph/encodings';
import type { MapMode } from '../graph/community-map';
import {
  normaliseRoles,
  normaliseTieTypes,
  SCORE_KEYS,
  type EdgeAttributes,
  type NodeAttributes,
  type ScoreKey,
} from '../graph/model';

/** A named set of nodes pushed to the foreground (e.g. one UpSet bar's members). */
export interface Highlight {
  key: string;
  label: string;
  nodes: ReadonlySet<string>;
  /**
   * Detected communities the highlight is about (every member of them is in it): the community map expands these
   * rather than looking the stakeholders up, and on it `nodes` may be empty.
   */
  communities?: readonly string[];
}

/** A score filter: nodes whose `metric` lies in [min, max] (a null end is open). */
export interface ScoreRange {
  metric: ScoreKey;
  min: number | null;
  max: number | null;
}

/** What a tie's thickness shows: its imported weight, or its pair's relationship strength measured from interactions. */
export type TieThickness = 'weight' | 'strength';
export const TIE_THICKNESS_MODES: readonly TieThickness[] = ['weight', 'strength'];

export interface ViewSnapshot {
  hovered: string | null;
  selected: string | null;
  colourBy: ColourBy;
  /** Role filter: empty means no filter. */
  roles: readonly Role[];
  roleMatch: RoleMatch;
  /** Declared community filter. */
  community: string | null;
  /** Detected community filter (an id of the current analysis run). */
  detected: string | null;
  /** Score range filter on one influence score; null is no filter. */
  scoreRange: ScoreRange | null;
  /** Tie type filter: empty means every type. */
  tieTypes: readonly TieType[];
  /**
   * Date window (ISO days, inclusive; null means open): a tie is shown when it is dated inside it, or when its pair was
   * in contact during it (passesTieFilters).
   */
  since: string | null;
  until: string | null;
  /** Node size encoding. */
  sizeBy: SizeBy;
  /** Tie thickness encoding. */
  tieThickness: TieThickness;
  /** Ego view: the network around one stakeholder, loaded from the API; null is the whole network. */
  ego: EgoView | null;
  /** The community whose panel is open (shown when no stakeholder is selected). */
  openCommunity: string | null;
  /** Overlapping detected memberships drawn as pies, at or above this strength; null draws plain nodes. */
  pieThreshold: number | null;
  /** Convex hulls around the communities of the colour encoding (declared or detected), behind the nodes. */
  hulls: boolean;
  highlight: Highlight | null;
  /** Which map Explore shows: by size ('auto'), the community map, or the stakeholders. */
  mapMode: MapMode;
  /** Communities of the community map shown as their members, in the order they were expanded. */
  expanded: readonly string[];
}

export interface EgoView {
  id: string;
  /** Hops, 1–3. */
  depth: number;
}

export const MAX_EGO_DEPTH = 3;

/** Every filter off: the initial view's filters, and what clearFilters restores. */
const NO_FILTERS = {
  roles: [],
  roleMatch: 'ANY',
  community: null,
  detected: null,
  scoreRange: null,
  tieTypes: [],
  since: null,
  until: null,
} as const satisfies Partial<ViewSnapshot>;

export function initialView(): ViewSnapshot {
  return {
    hovered: null,
    selected: null,
    colourBy: 'role',
    ...NO_FILTERS,
    sizeBy: 'degree',
    tieThickness: 'weight',
    ego: null,
    openCommunity: null,
    pieThreshold: null,
    hulls: false,
    highlight: null,
    mapMode: 'auto',
    expanded: [],
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

export function setDetected(s: ViewSnapshot, detected: string | null): ViewSnapshot {
  const d = detected === null || detected.trim() === '' ? null : detected;
  return s.detected === d ? s : { ...s, detected: d };
}

/** Rounds a score bound to 6 significant digits (what the URL keeps); non-finite values are open ends. */
export function scoreBound(value: number | null | undefined): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  return Number(value.toPrecision(6));
}

/**
 * A valid score range, or null (no filter): an unknown metric or two open ends is no filter, bounds are
 * rounded like the URL keeps them, and a reversed range is swapped.
 */
export function normaliseScoreRange(range: ScoreRange | null): ScoreRange | null {
  if (range === null || !(SCORE_KEYS as readonly string[]).includes(range.metric)) return null;
  let min = scoreBound(range.min);
  let max = scoreBound(range.max);
  if (min === null && max === null) return null;
  if (min !== null && max !== null && min > max) [min, max] = [max, min];
  return { metric: range.metric, min, max };
}

function sameRange(a: ScoreRange | null, b: ScoreRange | null): boolean {
  if (a === null || b === null) return a === b;
  return a.metric === b.metric && a.min === b.min && a.max === b.max;
}

/** Sets (or with null, clears) the score range filter. */
export function setScoreRange(s: ViewSnapshot, range: ScoreRange | null): ViewSnapshot {
  const r = normaliseScoreRange(range);
  return sameRange(s.scoreRange, r) ? s : { ...s, scoreRange: r };
}

export function clearFilters(s: ViewSnapshot): ViewSnapshot {
  return { ...s, ...NO_FILTERS };
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

export function setTieThickness(s: ViewSnapshot, tieThickness: TieThickness): ViewSnapshot {
  return s.tieThickness === tieThickness ? s : { ...s, tieThickness };
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

export function setHulls(s: ViewSnapshot, hulls: boolean): ViewSnapshot {
  return s.hulls === hulls ? s : { ...s, hulls };
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
  | 'tieThickness'
  | 'roles'
  | 'roleMatch'
  | 'community'
  | 'detected'
  | 'scoreRange'
  | 'tieTypes'
  | 'since'
  | 'until'
  | 'selected'
  | 'ego'
  | 'openCommunity'
  | 'pieThreshold'
  | 'hulls'
  | 'mapMode'
  | 'expanded'
>;

/** Communities a view may keep expanded (a hand-edited link cannot ask for more). */
export const MAX_EXPANDED = 50;

export function setMapMode(s: ViewSnapshot, mapMode: MapMode): ViewSnapshot {
  return s.mapMode === mapMode ? s : { ...s, mapMode };
}

/** The expanded communities: duplicates dropped, at most MAX_EXPANDED, order kept. */
export function setExpanded(s: ViewSnapshot, expanded: readonly string[]): ViewSnapshot {
  const next = [...new Set(expanded.filter((id) => id !== ''))].slice(0, MAX_EXPANDED);
  return next.length === s.expanded.length && next.every((id, i) => id === s.expanded[i]) ? s : { ...s, expanded: next };
}

/** Sets a highlight; setting the one already shown toggles it off. Clears the selection so it shows. */
/** A new highlight clears the selection, unless the selected stakeholder is a member (paths to the selected target). */
export function toggleHighlight(s: ViewSnapshot, highlight: Highlight): ViewSnapshot {
  if (s.highlight?.key === highlight.key) return { ...s, highlight: null };
  const selected = s.selected !== null && highlight.nodes.has(s.selected) ? s.selected : null;
  return { ...s, highlight, selected };
}

export function clearHighlight(s: ViewSnapshot): ViewSnapshot {
  return s.highlight === null ? s : { ...s, highlight: null };
}

/** Whether any filter is active. */
export function isFiltering(
  s: Pick<ViewSnapshot, 'roles' | 'community' | 'tieTypes' | 'since' | 'until'> &
    Partial<Pick<ViewSnapshot, 'detected' | 'scoreRange'>>,
): boolean {
  return (
    s.roles.length > 0 ||
    s.community !== null ||
    (s.detected ?? null) !== null ||
    (s.scoreRange ?? null) !== null ||
    isTieFiltering(s)
  );
}

/** Whether a tie filter (type or date window) is active. */
export function isTieFiltering(s: Pick<ViewSnapshot, 'tieTypes' | 'since' | 'until'>): boolean {
  return s.tieTypes.length > 0 || s.since !== null || s.until !== null;
}

/**
 * Whether a tie passes the type and date filters. The date window (inclusive, either end open) shows a tie when
 * - the tie's own date lies inside the window, or
 * - its pair was in contact during the window: a pair counts as in contact from its first interaction to its last
 *   (a gap between two interactions included), so its first interaction is on or before the window's end and its
 *   last on or after the window's start.
 * A tie with neither a date nor an interaction is left out while a window is set: nobody can say it falls inside.
 */
export function passesTieFilters(
  attrs: Pick<EdgeAttributes, 'tieType' | 'since'> & Partial<Pick<EdgeAttributes, 'firstInteraction' | 'lastInteraction'>>,
  s: Pick<ViewSnapshot, 'tieTypes' | 'since' | 'until'>,
): boolean {
  if (s.tieTypes.length > 0 && !s.tieTypes.includes(attrs.tieType)) return false;
  if (s.since === null && s.until === null) return true;
  return datedInside(attrs.since, s) || inContactDuring(attrs.firstInteraction ?? null, attrs.lastInteraction ?? null, s);
}

/** ISO days compare as strings ('YYYY-MM-DD'). */
function datedInside(date: string | null, s: Pick<ViewSnapshot, 'since' | 'until'>): boolean {
  if (date === null) return false;
  const day = date.slice(0, 10);
  return (s.since === null || day >= s.since) && (s.until === null || day <= s.until);
}

function inContactDuring(first: string | null, last: string | null, s: Pick<ViewSnapshot, 'since' | 'until'>): boolean {
  if (first === null || last === null) return false;
  return (s.until === null || first.slice(0, 10) <= s.until) && (s.since === null || last.slice(0, 10) >= s.since);
}

/** Whether a node's score lies in the range; a node without that score (no analysis yet) does not. */
export function passesScoreRange(attrs: Pick<NodeAttributes, 'scores'>, range: ScoreRange | null): boolean {
  if (range === null) return true;
  const value = attrs.scores?.[range.metric];
  if (value === undefined || !Number.isFinite(value)) return false;
  // Bounds are rounded to 6 significant digits, so compare the value at the same precision.
  const v = Number(value.toPrecision(6));
  return (range.min === null || v >= range.min) && (range.max === null || v <= range.max);
}

/**
 * Whether a node passes the role, declared community, detected community and score filters. The detected
 * filter takes any membership of the node (overlapping ones included).
 */
export function passesFilters(
  attrs: Pick<NodeAttributes, 'roles' | 'communities'> & Partial<Pick<NodeAttributes, 'detected' | 'scores'>>,
  s: Pick<ViewSnapshot, 'roles' | 'roleMatch' | 'community'> & Partial<Pick<ViewSnapshot, 'detected' | 'scoreRange'>>,
): boolean {
  if (s.community !== null && !attrs.communities.includes(s.community)) return false;
  const detected = s.detected ?? null;
  if (detected !== null && !(attrs.detected ?? []).some((m) => m.community === detected)) return false;
  if (!passesScoreRange(attrs, s.scoreRange ?? null)) return false;
  if (s.roles.length === 0) return true;
  return s.roleMatch === 'ALL' ? s.roles.every((r) => attrs.roles.includes(r)) : s.roles.some((r) => attrs.roles.includes(r));
}
