// The community map in a shared link: which map, and which communities are expanded (in order), survive the URL.
import { describe, expect, it } from 'vitest';
import { decodeUrlState, defaultUrlView, encodeUrlState, historyAction } from '../../../client/src/lib/state/url-state';
import { initialView, MAX_EXPANDED, setExpanded, setMapMode } from '../../../client/src/lib/state/view-transitions';

describe('community map in the URL', () => {
  it('round-trips the map choice and the expanded communities in their order', () => {
    const view = { ...defaultUrlView(), mapMode: 'communities' as const, expanded: ['c-9', 'c-2'] };
    const search = encodeUrlState({ view, camera: null });
    expect(search).toBe('map=communities&expand=c-9%2Cc-2');
    expect(decodeUrlState(search).view).toEqual(view);
  });

  it('leaves the defaults out and ignores an unknown map or empty ids', () => {
    expect(encodeUrlState({ view: defaultUrlView(), camera: null })).toBe('');
    const decoded = decodeUrlState('map=sideways&expand=,a,,a,b');
    expect(decoded.view.mapMode).toBe('auto');
    expect(decoded.view.expanded).toEqual(['a', 'b']);
  });

  it('caps the expanded list a hand-edited link may ask for', () => {
    const ids = Array.from({ length: MAX_EXPANDED + 10 }, (_, i) => `c${i}`);
    expect(decodeUrlState(`expand=${ids.join(',')}`).view.expanded).toHaveLength(MAX_EXPANDED);
    expect(setExpanded(initialView(), ids).expanded).toHaveLength(MAX_EXPANDED);
  });

  it('makes expanding a new history entry (Back collapses), and keeps unchanged snapshots identical', () => {
    const before = encodeUrlState({ view: defaultUrlView(), camera: null });
    const after = encodeUrlState({ view: { ...defaultUrlView(), expanded: ['a'] }, camera: null });
    expect(historyAction(before, after)).toBe('push');
    const s = setExpanded(initialView(), ['a', 'b']);
    expect(setExpanded(s, ['a', 'b'])).toBe(s);
    expect(setMapMode(s, 'auto')).toBe(s);
    expect(setMapMode(s, 'stakeholders').mapMode).toBe('stakeholders');
  });
});
