// The explorer's view state as a small rune class; every action applies one pure transition.
import type { Role, RoleMatch, TieType } from '../graphql/generated/graphql';
import type { ColourBy, SizeBy } from '../graph/encodings';
import * as t from './view-transitions';

export class ViewState {
  /** The whole snapshot, replaced (never mutated) by each action. */
  current = $state.raw<t.ViewSnapshot>(t.initialView());

  constructor(initial?: t.UrlView) {
    if (initial !== undefined) this.current = t.fromUrl(this.current, initial);
  }

  get hovered(): string | null {
    return this.current.hovered;
  }
  get selected(): string | null {
    return this.current.selected;
  }
  get colourBy(): ColourBy {
    return this.current.colourBy;
  }
  get filtering(): boolean {
    return t.isFiltering(this.current);
  }

  hover = (node: string): void => void (this.current = t.hoverNode(this.current, node));
  leave = (node: string): void => void (this.current = t.leaveNode(this.current, node));
  select = (node: string | null): void => void (this.current = t.selectNode(this.current, node));
  clearSelection = (): void => void (this.current = t.clearSelection(this.current));
  setColourBy = (by: ColourBy): void => void (this.current = t.setColourBy(this.current, by));
  toggleRole = (role: Role): void => void (this.current = t.toggleRole(this.current, role));
  setRoleMatch = (m: RoleMatch): void => void (this.current = t.setRoleMatch(this.current, m));
  setCommunity = (c: string | null): void => void (this.current = t.setCommunity(this.current, c));
  setDetected = (c: string | null): void => void (this.current = t.setDetected(this.current, c));
  setScoreRange = (r: t.ScoreRange | null): void => void (this.current = t.setScoreRange(this.current, r));
  clearFilters = (): void => void (this.current = t.clearFilters(this.current));
  toggleHighlight = (h: t.Highlight): void => void (this.current = t.toggleHighlight(this.current, h));
  clearHighlight = (): void => void (this.current = t.clearHighlight(this.current));
  toggleTieType = (type: TieType): void => void (this.current = t.toggleTieType(this.current, type));
  setDateWindow = (since: string | null, until: string | null): void =>
    void (this.current = t.setDateWindow(this.current, since, until));
  setSizeBy = (by: SizeBy): void => void (this.current = t.setSizeBy(this.current, by));
  setTieThickness = (by: t.TieThickness): void => void (this.current = t.setTieThickness(this.current, by));
  openEgo = (id: string, depth = 1): void => void (this.current = t.openEgo(this.current, id, depth));
  closeEgo = (): void => void (this.current = t.closeEgo(this.current));
  openCommunity = (id: string | null): void => void (this.current = t.openCommunityPanel(this.current, id));
  setPieThreshold = (v: number | null): void => void (this.current = t.setPieThreshold(this.current, v));
  setHulls = (on: boolean): void => void (this.current = t.setHulls(this.current, on));
  setMapMode = (mode: t.ViewSnapshot['mapMode']): void => void (this.current = t.setMapMode(this.current, mode));
  setExpanded = (ids: readonly string[]): void => void (this.current = t.setExpanded(this.current, ids));
  applyUrl = (u: t.UrlView): void => void (this.current = t.fromUrl(this.current, u));
}
