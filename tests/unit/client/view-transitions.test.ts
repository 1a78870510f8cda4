// View-state transitions (hover, selection, colour, filters, highlight) as pure functions.
import { describe, expect, it } from 'vitest';
import * as t from '../../../client/src/lib/state/view-transitions';
import { moveActive } from '../../../client/src/lib/state/search-transitions';

const start = t.initialView();

describe('hover', () => {
  it('sets and clears the hovered node', () => {
    const s = t.hoverNode(start, 'a');
    expect(s.hovered).toBe('a');
    expect(t.leaveNode(s, 'a').hovered).toBeNull();
  });

  it('ignores a late leave event for a node no longer hovered', () => {
    const s = t.hoverNode(t.hoverNode(start, 'a'), 'b');
    expect(t.leaveNode(s, 'a')).toBe(s);
  });

  it('returns the same snapshot when nothing changes', () => {
    const s = t.hoverNode(start, 'a');
    expect(t.hoverNode(s, 'a')).toBe(s);
    expect(t.selectNode(start, null)).toBe(start);
    expect(t.setColourBy(start, 'role')).toBe(start);
  });
});

describe('selection and colour', () => {
  it('selects and clears', () => {
    const s = t.selectNode(start, 'x');
    expect(s.selected).toBe('x');
    expect(t.clearSelection(s).selected).toBeNull();
  });

  it('switches the colour encoding', () => {
    expect(t.setColourBy(start, 'community').colourBy).toBe('community');
  });

  it('never mutates its input', () => {
    const frozen = Object.freeze(t.initialView());
    expect(() => t.toggleRole(t.selectNode(t.hoverNode(frozen, 'a'), 'b'), 'CUSTOMER')).not.toThrow();
    expect(frozen.roles).toEqual([]);
  });
});

describe('filters', () => {
  it('toggles roles in display order', () => {
    const s = t.toggleRole(t.toggleRole(start, 'SHAREHOLDER'), 'CUSTOMER');
    expect(s.roles).toEqual(['CUSTOMER', 'SHAREHOLDER']);
    expect(t.toggleRole(s, 'CUSTOMER').roles).toEqual(['SHAREHOLDER']);
  });

  it('knows when it is filtering and clears everything at once', () => {
    expect(t.isFiltering(start)).toBe(false);
    const s = t.setRoleMatch(t.setCommunity(t.toggleRole(start, 'PARTNER'), 'c1'), 'ALL');
    expect(t.isFiltering(s)).toBe(true);
    const cleared = t.clearFilters(s);
    expect(cleared).toMatchObject({ roles: [], community: null, roleMatch: 'ANY' });
    expect(t.isFiltering(cleared)).toBe(false);
  });

  it('matches any or all of the chosen roles and the community', () => {
    const node = { roles: ['CUSTOMER' as const], communities: ['c1'] };
    expect(t.passesFilters(node, { roles: [], roleMatch: 'ANY', community: null })).toBe(true);
    expect(t.passesFilters(node, { roles: ['CUSTOMER', 'PARTNER'], roleMatch: 'ANY', community: null })).toBe(true);
    expect(t.passesFilters(node, { roles: ['CUSTOMER', 'PARTNER'], roleMatch: 'ALL', community: null })).toBe(false);
    expect(t.passesFilters(node, { roles: [], roleMatch: 'ANY', community: 'c2' })).toBe(false);
    expect(t.passesFilters(node, { roles: ['CUSTOMER'], roleMatch: 'ALL', community: 'c1' })).toBe(true);
  });
});

describe('highlight', () => {
  const h = { key: 'roles:CUSTOMER', label: 'Customer', nodes: new Set(['a']) };

  it('sets a highlight, clearing the selection so it shows', () => {
    const s = t.toggleHighlight(t.selectNode(start, 'b'), h);
    expect(s.highlight).toBe(h);
    expect(s.selected).toBeNull();
  });

  it('keeps the selection when the selected stakeholder is a member (paths to the selected target)', () => {
    const paths = { key: 'intro:a', label: 'Introductions to a', nodes: new Set(['a', 'b', 'c']) };
    const s = t.toggleHighlight(t.selectNode(start, 'a'), paths);
    expect(s.highlight).toBe(paths);
    expect(s.selected).toBe('a');
  });

  it('toggles off when the same bar is clicked again, and switches to another bar', () => {
    const s = t.toggleHighlight(start, h);
    expect(t.toggleHighlight(s, { ...h }).highlight).toBeNull();
    const other = { key: 'roles:PARTNER', label: 'Partner', nodes: new Set(['c']) };
    expect(t.toggleHighlight(s, other).highlight).toBe(other);
    expect(t.clearHighlight(s).highlight).toBeNull();
  });
});

describe('search keyboard navigation', () => {
  it('moves down and up with wrap-around', () => {
    expect(moveActive(-1, 3, 1)).toBe(0);
    expect(moveActive(-1, 3, -1)).toBe(2);
    expect(moveActive(0, 3, 1)).toBe(1);
    expect(moveActive(2, 3, 1)).toBe(0);
    expect(moveActive(0, 3, -1)).toBe(2);
    expect(moveActive(0, 0, 1)).toBe(-1);
  });
});
