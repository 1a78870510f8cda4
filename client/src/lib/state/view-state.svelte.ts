// The explorer's view state as a small rune class; every action applies one pure transition.
import type { Role, RoleMatch } from '../graphql/generated/graphql';
import type { ColourBy } from '../graph/encodings';
import * as t from './view-transitions';

export class ViewState {
  /** The whole snapshot, replaced (never mutated) by each action. */
  current = $state.raw<t.ViewSnapshot>(t.initialView());

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
  clearFilters = (): void => void (this.current = t.clearFilters(this.current));
  toggleHighlight = (h: t.Highlight): void => void (this.current = t.toggleHighlight(this.current, h));
  clearHighlight = (): void => void (this.current = t.clearHighlight(this.current));
}
