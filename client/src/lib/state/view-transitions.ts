// The explorer's view state as an immutable snapshot, and its transitions as pure functions.
import type { Role, RoleMatch } from '../graphql/generated/graphql';
import type { ColourBy } from '../graph/encodings';
import { normaliseRoles, type NodeAttributes } from '../graph/model';

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
  highlight: Highlight | null;
}

export function initialView(): ViewSnapshot {
  return {
    hovered: null,
    selected: null,
    colourBy: 'role',
    roles: [],
    roleMatch: 'ANY',
    community: null,
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
  return { ...s, roles: [], roleMatch: 'ANY', community: null };
}

/** Sets a highlight; setting the one already shown toggles it off. Clears the selection so it shows. */
export function toggleHighlight(s: ViewSnapshot, highlight: Highlight): ViewSnapshot {
  if (s.highlight?.key === highlight.key) return { ...s, highlight: null };
  return { ...s, highlight, selected: null };
}

export function clearHighlight(s: ViewSnapshot): ViewSnapshot {
  return s.highlight === null ? s : { ...s, highlight: null };
}

/** Whether any filter is active. */
export function isFiltering(s: Pick<ViewSnapshot, 'roles' | 'community'>): boolean {
  return s.roles.length > 0 || s.community !== null;
}

/** Whether a node passes the role and community filters. */
export function passesFilters(
  attrs: Pick<NodeAttributes, 'roles' | 'communities'>,
  s: Pick<ViewSnapshot, 'roles' | 'roleMatch' | 'community'>,
): boolean {
  if (s.community !== null && !attrs.communities.includes(s.community)) return false;
  if (s.roles.length === 0) return true;
  return s.roleMatch === 'ALL'
    ? s.roles.every((r) => attrs.roles.includes(r))
    : s.roles.some((r) => attrs.roles.includes(r));
}
