// URL state: encode/decode round-trips, canonical strings, tolerant decoding, history push vs replace.
import { describe, expect, it } from 'vitest';
import {
  decodeCamera,
  decodeUrlState,
  defaultUrlView,
  encodeUrlState,
  historyAction,
  urlViewOf,
  type UrlState,
} from '../../../client/src/lib/state/url-state';
import { initialView, openEgo, setDateWindow, toggleRole, toggleTieType } from '../../../client/src/lib/state/view-transitions';

describe('url state', () => {
  it('encodes the default view as an empty string', () => {
    expect(encodeUrlState({ view: defaultUrlView(), camera: null })).toBe('');
    expect(decodeUrlState('')).toEqual({ view: defaultUrlView(), camera: null });
  });

  it('round-trips every field', () => {
    const state: UrlState = {
      view: {
        colourBy: 'detected',
        sizeBy: 'pagerank',
        tieThickness: 'strength',
        roles: ['CUSTOMER', 'PARTNER'],
        roleMatch: 'ALL',
        community: 'ug-dach',
        detected: 'run-1:3',
        scoreRange: { metric: 'betweenness', min: 0.0125, max: 1250 },
        tieTypes: ['WORKS_WITH', 'BUYS_FROM'],
        since: '2021-01-01',
        until: '2024-06-30',
        selected: 'crm:C-1',
        ego: { id: 'crm:C-1', depth: 2 },
        openCommunity: null,
        pieThreshold: 0.35,
        hulls: true,
        mapMode: 'communities',
        expanded: ['run-1:3', 'run-1:1'],
      },
      camera: { x: 0.4123, y: 0.61, ratio: 0.25 },
    };
    const text = encodeUrlState(state);
    expect(decodeUrlState(text)).toEqual(state);
    expect(decodeUrlState(`?${text}`)).toEqual(state);
    expect(encodeUrlState(decodeUrlState(text))).toBe(text);
  });

  it('is canonical: list order does not matter, defaults are left out', () => {
    const a = toggleRole(toggleRole(initialView(), 'PARTNER'), 'CUSTOMER');
    const b = toggleRole(toggleRole(initialView(), 'CUSTOMER'), 'PARTNER');
    expect(encodeUrlState({ view: urlViewOf(a), camera: null })).toBe(encodeUrlState({ view: urlViewOf(b), camera: null }));
    expect(encodeUrlState({ view: urlViewOf(a), camera: null })).toBe('roles=CUSTOMER%2CPARTNER');
  });

  it('keeps the community panel only without a selection', () => {
    const view = { ...defaultUrlView(), openCommunity: 'ug-dach' };
    expect(decodeUrlState(encodeUrlState({ view, camera: null })).view.openCommunity).toBe('ug-dach');
    expect(decodeUrlState('panel=ug-dach&sel=x').view.openCommunity).toBeNull();
  });

  it('ignores unknown and invalid values', () => {
    const { view, camera } = decodeUrlState(
      'colour=rainbow&size=height&thick=heavy&roles=CUSTOMER,KING&match=SOME&ties=HUGS&since=2021-02-30&until=soon&depth=9&ego=x&cam=1,2',
    );
    expect(view.colourBy).toBe('role');
    expect(view.sizeBy).toBe('degree');
    expect(view.tieThickness).toBe('weight');
    expect(view.roles).toEqual(['CUSTOMER']);
    expect(view.roleMatch).toBe('ANY');
    expect(view.tieTypes).toEqual([]);
    expect(view.since).toBeNull();
    expect(view.until).toBeNull();
    expect(view.ego).toEqual({ id: 'x', depth: 3 });
    expect(camera).toBeNull();
  });

  it('keeps the pie threshold within [0, 1]', () => {
    expect(decodeUrlState('pie=0.3').view.pieThreshold).toBe(0.3);
    expect(decodeUrlState('pie=2').view.pieThreshold).toBeNull();
    expect(decodeUrlState('pie=').view.pieThreshold).toBeNull();
  });

  it('swaps a reversed date window', () => {
    expect(decodeUrlState('since=2024-01-01&until=2020-01-01').view).toMatchObject({ since: '2020-01-01', until: '2024-01-01' });
  });

  it('parses cameras within range only', () => {
    expect(decodeCamera('0.5,0.5,1')).toEqual({ x: 0.5, y: 0.5, ratio: 1 });
    expect(decodeCamera('0.5,0.5,0')).toBeNull();
    expect(decodeCamera('a,b,c')).toBeNull();
    expect(decodeCamera(null)).toBeNull();
  });

  it('pushes a history entry for a view change and replaces for a camera move', () => {
    const v1 = urlViewOf(toggleTieType(initialView(), 'FOLLOWS'));
    const v2 = urlViewOf(openEgo(initialView(), 'a', 2));
    const cam = { x: 0.5, y: 0.5, ratio: 0.5 };
    const s1 = encodeUrlState({ view: v1, camera: null });
    expect(historyAction(`?${s1}`, s1)).toBe('none');
    expect(historyAction(s1, encodeUrlState({ view: v1, camera: cam }))).toBe('replace');
    expect(historyAction(s1, encodeUrlState({ view: v2, camera: cam }))).toBe('push');
    expect(historyAction('', s1)).toBe('push');
  });

  it('moving a date window replaces the history entry; setting one, or changing anything else, pushes', () => {
    const url = (since: string | null, until: string | null, roles = false) => {
      const v = setDateWindow(initialView(), since, until);
      return encodeUrlState({ view: urlViewOf(roles ? toggleRole(v, 'CUSTOMER') : v), camera: null });
    };
    expect(historyAction(url(null, null), url(null, '2020-01-01'))).toBe('push');
    expect(historyAction(url(null, '2020-01-01'), url(null, '2021-06-30'))).toBe('replace');
    expect(historyAction(url('2019-01-01', '2021-06-30'), url(null, null))).toBe('replace');
    expect(historyAction(url(null, '2021-06-30'), url(null, '2021-06-30', true))).toBe('push');
  });

  it('carries the date window set through the transition', () => {
    const v = urlViewOf(setDateWindow(initialView(), '2023-05-01', null));
    expect(encodeUrlState({ view: v, camera: null })).toBe('since=2023-05-01');
  });
});
