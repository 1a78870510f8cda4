// Shareable view state: pure encoding of filters (detected community and score range included), encodings (tie thickness too), selection, ego view and camera to a query string, and back.
import type { Role, RoleMatch, TieType } from '../graphql/generated/graphql';
import { COLOUR_MODES, SIZE_MODES, type ColourBy, type SizeBy } from '../graph/encodings';
import { MAP_MODES, type MapMode } from '../graph/community-map';
import { normaliseRoles, normaliseTieTypes, ROLES, SCORE_KEYS, TIE_TYPES, type ScoreKey } from '../graph/model';
import {
  initialView,
  isoDayOrNull,
  MAX_EGO_DEPTH,
  MAX_EXPANDED,
  normaliseScoreRange,
  TIE_THICKNESS_MODES,
  type ScoreRange,
  type TieThickness,
  type UrlView,
} from './view-transitions';

/** The camera as the URL keeps it (sigma's normalised framed-graph coordinates). */
export interface UrlCamera {
  x: number;
  y: number;
  ratio: number;
}

export interface UrlState {
  view: UrlView;
  camera: UrlCamera | null;
  /** The analysis run shown on the map when it is not the current one (absent or null: the current run). */
  run?: string | null;
}

/** Parameter names, short so links stay readable. */
const P = {
  colour: 'colour',
  size: 'size',
  thickness: 'thick',
  roles: 'roles',
  match: 'match',
  community: 'community',
  detected: 'detected',
  score: 'score',
  scoreMin: 'min',
  scoreMax: 'max',
  ties: 'ties',
  since: 'since',
  until: 'until',
  selected: 'sel',
  ego: 'ego',
  depth: 'depth',
  panel: 'panel',
  pie: 'pie',
  hulls: 'hulls',
  map: 'map',
  expand: 'expand',
  camera: 'cam',
  run: 'run',
} as const;

/** The URL part of a fresh view (what an empty query string means). */
export function defaultUrlView(): UrlView {
  const v = initialView();
  return {
    colourBy: v.colourBy,
    sizeBy: v.sizeBy,
    tieThickness: v.tieThickness,
    roles: v.roles,
    roleMatch: v.roleMatch,
    community: v.community,
    detected: v.detected,
    scoreRange: v.scoreRange,
    tieTypes: v.tieTypes,
    since: v.since,
    until: v.until,
    selected: v.selected,
    ego: v.ego,
    openCommunity: v.openCommunity,
    pieThreshold: v.pieThreshold,
    hulls: v.hulls,
    mapMode: v.mapMode,
    expanded: v.expanded,
  };
}

/** The URL part of any snapshot. */
export function urlViewOf(s: UrlView): UrlView {
  return {
    colourBy: s.colourBy,
    sizeBy: s.sizeBy,
    tieThickness: s.tieThickness,
    roles: s.roles,
    roleMatch: s.roleMatch,
    community: s.community,
    detected: s.detected,
    scoreRange: s.scoreRange,
    tieTypes: s.tieTypes,
    since: s.since,
    until: s.until,
    selected: s.selected,
    ego: s.ego,
    openCommunity: s.openCommunity,
    pieThreshold: s.pieThreshold,
    hulls: s.hulls,
    mapMode: s.mapMode,
    expanded: s.expanded,
  };
}

function round(n: number, digits: number): string {
  // Fixed precision, then trailing zeros dropped: short and canonical.
  return String(Number(n.toFixed(digits)));
}

/**
 * Encodes a view (and optionally the camera) as a canonical query string without the leading "?".
 * Defaults are left out, lists are sorted, so equal views give equal strings.
 */
export function encodeUrlState(state: UrlState): string {
  const v = state.view;
  const d = defaultUrlView();
  const params = new URLSearchParams();
  if (v.colourBy !== d.colourBy) params.set(P.colour, v.colourBy);
  if (v.sizeBy !== d.sizeBy) params.set(P.size, v.sizeBy);
  if (v.tieThickness !== d.tieThickness) params.set(P.thickness, v.tieThickness);
  if (v.roles.length > 0) params.set(P.roles, normaliseRoles(v.roles).join(','));
  if (v.roles.length > 0 && v.roleMatch !== d.roleMatch) params.set(P.match, v.roleMatch);
  if (v.community !== null) params.set(P.community, v.community);
  if (v.detected !== null) params.set(P.detected, v.detected);
  const range = normaliseScoreRange(v.scoreRange);
  if (range !== null) {
    params.set(P.score, range.metric);
    if (range.min !== null) params.set(P.scoreMin, String(range.min));
    if (range.max !== null) params.set(P.scoreMax, String(range.max));
  }
  if (v.tieTypes.length > 0) params.set(P.ties, normaliseTieTypes(v.tieTypes).join(','));
  if (v.since !== null) params.set(P.since, v.since);
  if (v.until !== null) params.set(P.until, v.until);
  if (v.ego !== null) {
    params.set(P.ego, v.ego.id);
    if (v.ego.depth !== 1) params.set(P.depth, String(v.ego.depth));
  }
  if (v.selected !== null) params.set(P.selected, v.selected);
  if (v.openCommunity !== null && v.selected === null) params.set(P.panel, v.openCommunity);
  if (v.pieThreshold !== null) params.set(P.pie, round(v.pieThreshold, 2));
  if (v.hulls) params.set(P.hulls, '1');
  if (state.run !== undefined && state.run !== null) params.set(P.run, state.run);
  if (v.mapMode !== d.mapMode) params.set(P.map, v.mapMode);
  // Expansion order is kept (it decides where a stakeholder of two expanded communities is drawn).
  if (v.expanded.length > 0) params.set(P.expand, v.expanded.join(','));
  if (state.camera !== null) {
    const c = state.camera;
    params.set(P.camera, `${round(c.x, 4)},${round(c.y, 4)},${round(c.ratio, 4)}`);
  }
  return params.toString();
}

function listOf<T extends string>(raw: string | null, allowed: readonly T[]): T[] {
  if (raw === null || raw === '') return [];
  const set = new Set<string>(raw.split(','));
  return allowed.filter((a) => set.has(a));
}

function oneOf<T extends string>(raw: string | null, allowed: readonly T[], fallback: T): T {
  return raw !== null && (allowed as readonly string[]).includes(raw) ? (raw as T) : fallback;
}

function nonEmpty(raw: string | null): string | null {
  return raw === null || raw.trim() === '' ? null : raw;
}

/** A finite number, or null (empty, missing or not a number). */
function numberOrNull(raw: string | null): number | null {
  if (raw === null || raw.trim() === '') return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
}

/** Parses a score range (metric, min, max); null when the metric is unknown or both ends are missing. */
export function decodeScoreRange(metric: string | null, min: string | null, max: string | null): ScoreRange | null {
  if (metric === null || !(SCORE_KEYS as readonly string[]).includes(metric)) return null;
  return normaliseScoreRange({ metric: metric as ScoreKey, min: numberOrNull(min), max: numberOrNull(max) });
}

/** Parses a camera "x,y,ratio"; null when malformed or out of sigma's usable range. */
export function decodeCamera(raw: string | null): UrlCamera | null {
  if (raw === null) return null;
  const parts = raw.split(',').map(Number);
  if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n))) return null;
  const [x = 0, y = 0, ratio = 1] = parts;
  if (ratio <= 0 || ratio > 100 || Math.abs(x) > 1e3 || Math.abs(y) > 1e3) return null;
  return { x, y, ratio };
}

/**
 * Decodes a query string (with or without "?") into a view and a camera. Unknown or invalid values
 * fall back to the defaults, so a hand-edited link never breaks the app.
 */
export function decodeUrlState(search: string): UrlState {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const d = defaultUrlView();
  const roles = normaliseRoles(listOf<Role>(params.get(P.roles), ROLES));
  const tieTypes = normaliseTieTypes(listOf<TieType>(params.get(P.ties), TIE_TYPES));
  let since = isoDayOrNull(params.get(P.since));
  let until = isoDayOrNull(params.get(P.until));
  if (since !== null && until !== null && since > until) [since, until] = [until, since];
  const egoId = nonEmpty(params.get(P.ego));
  const depthRaw = Number(params.get(P.depth) ?? '1');
  const depth = Number.isInteger(depthRaw) ? Math.min(MAX_EGO_DEPTH, Math.max(1, depthRaw)) : 1;
  const selected = nonEmpty(params.get(P.selected));
  const pieRaw = params.get(P.pie);
  const pie = pieRaw === null || pieRaw === '' ? Number.NaN : Number(pieRaw);
  return {
    view: {
      colourBy: oneOf<ColourBy>(params.get(P.colour), COLOUR_MODES, d.colourBy),
      sizeBy: oneOf<SizeBy>(params.get(P.size), SIZE_MODES, d.sizeBy),
      tieThickness: oneOf<TieThickness>(params.get(P.thickness), TIE_THICKNESS_MODES, d.tieThickness),
      roles,
      roleMatch: roles.length > 0 ? oneOf<RoleMatch>(params.get(P.match), ['ANY', 'ALL'], d.roleMatch) : d.roleMatch,
      community: nonEmpty(params.get(P.community)),
      detected: nonEmpty(params.get(P.detected)),
      scoreRange: decodeScoreRange(params.get(P.score), params.get(P.scoreMin), params.get(P.scoreMax)),
      tieTypes,
      since,
      until,
      selected,
      ego: egoId === null ? null : { id: egoId, depth },
      openCommunity: selected === null ? nonEmpty(params.get(P.panel)) : null,
      pieThreshold: Number.isFinite(pie) && pie >= 0 && pie <= 1 ? Math.round(pie * 100) / 100 : null,
      hulls: params.get(P.hulls) === '1',
      mapMode: oneOf<MapMode>(params.get(P.map), MAP_MODES, d.mapMode),
      expanded: [...new Set((params.get(P.expand) ?? '').split(',').filter((id) => id.trim() !== ''))].slice(0, MAX_EXPANDED),
    },
    camera: decodeCamera(params.get(P.camera)),
    // Only when the link names one: a link without it shows the current run.
    ...(nonEmpty(params.get(P.run)) === null ? {} : { run: nonEmpty(params.get(P.run)) }),
  };
}

/**
 * How the browser history should take a new URL: a change of view is a new entry (back undoes it);
 * a camera move alone replaces the current one (so back does not replay every pan), and so does moving a date
 * window that is already set (dragging it, or Play, would otherwise add an entry per step).
 */
export function historyAction(current: string, next: string): 'none' | 'push' | 'replace' {
  const a = current.startsWith('?') ? current.slice(1) : current;
  const b = next.startsWith('?') ? next.slice(1) : next;
  if (a === b) return 'none';
  const without = (s: string, keys: readonly string[]): string => {
    const p = new URLSearchParams(s);
    for (const key of keys) p.delete(key);
    return p.toString();
  };
  if (without(a, [P.camera]) === without(b, [P.camera])) return 'replace';
  const params = new URLSearchParams(a);
  const hadWindow = params.has(P.since) || params.has(P.until);
  const window = [P.camera, P.since, P.until];
  return hadWindow && without(a, window) === without(b, window) ? 'replace' : 'push';
}
