// Detected-community and score-range filters: transitions, node predicate, reducers, URL, and what the filter panel offers.
import { describe, expect, it } from 'vitest';
import { availableScores, detectedMemberCounts, formatScore, scoreExtent } from '../../../client/src/lib/graph/analytics-filters';
import { roleEncoding } from '../../../client/src/lib/graph/encodings';
import { buildGraph, type AtlasGraph } from '../../../client/src/lib/graph/model';
import { buildReducerContext, countVisibleNodes, reduceEdge, reduceNode } from '../../../client/src/lib/sigma/reducers';
import { decodeScoreRange, decodeUrlState, encodeUrlState, urlViewOf } from '../../../client/src/lib/state/url-state';
import * as t from '../../../client/src/lib/state/view-transitions';
import { wireNetwork } from './fixtures';

/** The fixture network with analytics: a and b in detected d1 (a also in d2), c in d2; d has scores but no membership; e nothing. */
function analysedGraph(): AtlasGraph {
  const g = buildGraph(wireNetwork());
  g.mergeNodeAttributes('a', {
    scores: { pagerank: 0.4, betweenness: 12 },
    detected: [
      { community: 'r1:1', strength: 0.7 },
      { community: 'r1:2', strength: 0.3 },
    ],
  });
  g.mergeNodeAttributes('b', { scores: { pagerank: 0.25, betweenness: 0 }, detected: [{ community: 'r1:1', strength: 1 }] });
  g.mergeNodeAttributes('c', { scores: { pagerank: 0.2, betweenness: 3 }, detected: [{ community: 'r1:2', strength: 1 }] });
  g.mergeNodeAttributes('d', { scores: { pagerank: 0.15 }, detected: [] });
  return g;
}

const start = t.initialView();

describe('detected community and score range transitions', () => {
  it('sets and clears the detected community; a blank id is no filter', () => {
    const s = t.setDetected(start, 'r1:1');
    expect(s.detected).toBe('r1:1');
    expect(t.setDetected(s, 'r1:1')).toBe(s);
    expect(t.setDetected(s, null).detected).toBeNull();
    expect(t.setDetected(start, '  ')).toBe(start);
    expect(t.isFiltering(s)).toBe(true);
  });

  it('normalises a score range: reversed ends swap, bounds keep 6 significant digits, no ends is no filter', () => {
    expect(t.setScoreRange(start, { metric: 'pagerank', min: 0.3, max: 0.1 }).scoreRange).toEqual({
      metric: 'pagerank',
      min: 0.1,
      max: 0.3,
    });
    expect(t.setScoreRange(start, { metric: 'pagerank', min: 0.123456789, max: null }).scoreRange?.min).toBe(0.123457);
    expect(t.setScoreRange(start, { metric: 'pagerank', min: null, max: null })).toBe(start);
    expect(t.setScoreRange(start, { metric: 'pagerank', min: Number.NaN, max: Infinity })).toBe(start);
    const s = t.setScoreRange(start, { metric: 'betweenness', min: 1, max: null });
    expect(t.setScoreRange(s, { metric: 'betweenness', min: 1, max: null })).toBe(s);
    expect(t.isFiltering(s)).toBe(true);
    expect(t.setScoreRange(s, null).scoreRange).toBeNull();
  });

  it('clearFilters clears both, and they survive unrelated transitions', () => {
    const s = t.setScoreRange(t.setDetected(start, 'r1:2'), { metric: 'hub', min: 0, max: 0.5 });
    const moved = t.toggleRole(t.selectNode(s, 'a'), 'CUSTOMER');
    expect(moved.detected).toBe('r1:2');
    expect(moved.scoreRange).toEqual({ metric: 'hub', min: 0, max: 0.5 });
    const cleared = t.clearFilters(moved);
    expect(cleared.detected).toBeNull();
    expect(cleared.scoreRange).toBeNull();
    expect(t.isFiltering(cleared)).toBe(false);
  });
});

describe('node predicate', () => {
  const g = analysedGraph();
  const passes = (key: string, view: Partial<t.ViewSnapshot>): boolean =>
    t.passesFilters(g.getNodeAttributes(key), { ...start, ...view });

  it('keeps the members of a detected community, overlapping memberships included', () => {
    const view = { detected: 'r1:2' };
    expect(['a', 'b', 'c', 'd', 'e'].filter((k) => passes(k, view))).toEqual(['a', 'c']);
  });

  it('keeps nodes whose score lies in the range, ends inclusive; nodes without the score fail', () => {
    expect(
      ['a', 'b', 'c', 'd', 'e'].filter((k) => passes(k, { scoreRange: { metric: 'pagerank', min: 0.2, max: 0.3 } })),
    ).toEqual(['b', 'c']);
    expect(
      ['a', 'b', 'c', 'd', 'e'].filter((k) => passes(k, { scoreRange: { metric: 'betweenness', min: 3, max: null } })),
    ).toEqual(['a', 'c']);
    // d has a PageRank but no betweenness; e has no scores at all.
    expect(passes('d', { scoreRange: { metric: 'betweenness', min: null, max: 100 } })).toBe(false);
    expect(passes('e', { scoreRange: { metric: 'pagerank', min: null, max: 1 } })).toBe(false);
  });

  it('compares at the precision the bounds keep (a bound from the URL still includes its node)', () => {
    const h = buildGraph(wireNetwork());
    h.mergeNodeAttributes('a', { scores: { pagerank: 0.001234567891 } });
    const range = t.normaliseScoreRange({ metric: 'pagerank', min: 0.001234567891, max: 0.001234567891 });
    expect(t.passesScoreRange(h.getNodeAttributes('a'), range)).toBe(true);
  });

  it('combines with the role and declared community filters (all must hold)', () => {
    expect(passes('a', { detected: 'r1:1', roles: ['PARTNER'] })).toBe(true);
    expect(passes('b', { detected: 'r1:1', roles: ['PARTNER'] })).toBe(false);
    expect(passes('a', { detected: 'r1:1', community: 'c2' })).toBe(true);
    expect(passes('b', { detected: 'r1:1', community: 'c2' })).toBe(false);
  });
});

describe('reducers', () => {
  const g = analysedGraph();
  const encoding = roleEncoding(g);

  it('hide nodes outside the detected community and their ties; the selected node stays drawn', () => {
    const ctx = buildReducerContext(g, { ...start, detected: 'r1:1' }, encoding);
    expect(countVisibleNodes(g, ctx)).toBe(2);
    expect(reduceNode('c', g.getNodeAttributes('c'), ctx).hidden).toBe(true);
    const bc = g.edges('b', 'c')[0] ?? '';
    expect(
      reduceEdge(
        g.getEdgeAttributes(bc),
        { source: 'b', target: 'c', sourceAttributes: g.getNodeAttributes('b'), targetAttributes: g.getNodeAttributes('c') },
        ctx,
      ).hidden,
    ).toBe(true);
    const selected = buildReducerContext(g, { ...start, detected: 'r1:1', selected: 'c' }, encoding);
    expect(reduceNode('c', g.getNodeAttributes('c'), selected).hidden).toBeUndefined();
  });

  it('hide nodes outside the score range', () => {
    const ctx = buildReducerContext(g, { ...start, scoreRange: { metric: 'pagerank', min: 0.21, max: null } }, encoding);
    expect(countVisibleNodes(g, ctx)).toBe(2);
    expect(reduceNode('d', g.getNodeAttributes('d'), ctx).hidden).toBe(true);
    expect(reduceNode('a', g.getNodeAttributes('a'), ctx).hidden).toBeUndefined();
  });
});

describe('URL', () => {
  it('encodes the detected community and the score range canonically, and decodes them back', () => {
    const view = t.setScoreRange(t.setDetected(start, 'run-7:3'), { metric: 'pagerank', min: 0.002, max: 0.0005 });
    const text = encodeUrlState({ view: urlViewOf(view), camera: null });
    expect(text).toBe('detected=run-7%3A3&score=pagerank&min=0.0005&max=0.002');
    const back = decodeUrlState(text).view;
    expect(back.detected).toBe('run-7:3');
    expect(back.scoreRange).toEqual({ metric: 'pagerank', min: 0.0005, max: 0.002 });
    expect(encodeUrlState({ view: back, camera: null })).toBe(text);
  });

  it('leaves an open end out', () => {
    const view = t.setScoreRange(start, { metric: 'coreNumber', min: 4, max: null });
    expect(encodeUrlState({ view: urlViewOf(view), camera: null })).toBe('score=coreNumber&min=4');
  });

  it('decodes tolerantly: unknown metric, no bounds or junk bounds are no filter; a reversed range swaps', () => {
    expect(decodeUrlState('score=charisma&min=1').view.scoreRange).toBeNull();
    expect(decodeUrlState('score=pagerank').view.scoreRange).toBeNull();
    expect(decodeUrlState('score=pagerank&min=abc&max=').view.scoreRange).toBeNull();
    expect(decodeUrlState('min=1&max=2').view.scoreRange).toBeNull();
    expect(decodeUrlState('score=hub&min=0.9&max=0.1').view.scoreRange).toEqual({ metric: 'hub', min: 0.1, max: 0.9 });
    expect(decodeUrlState('score=hub&min=x&max=0.5').view.scoreRange).toEqual({ metric: 'hub', min: null, max: 0.5 });
    expect(decodeUrlState('detected=').view.detected).toBeNull();
    expect(decodeScoreRange('authority', '1e-3', null)).toEqual({ metric: 'authority', min: 0.001, max: null });
  });
});

describe('what the filter panel offers', () => {
  it('counts detected members on the map, overlapping memberships included', () => {
    expect(detectedMemberCounts(analysedGraph())).toEqual(
      new Map([
        ['r1:1', 2],
        ['r1:2', 2],
      ]),
    );
    expect(detectedMemberCounts(buildGraph(wireNetwork())).size).toBe(0);
  });

  it('gives the extent of a score over the nodes that carry it, and which scores are present', () => {
    const g = analysedGraph();
    expect(scoreExtent(g, 'pagerank')).toEqual({ min: 0.15, max: 0.4, count: 4 });
    expect(scoreExtent(g, 'betweenness')).toEqual({ min: 0, max: 12, count: 3 });
    expect(scoreExtent(g, 'hub')).toBeNull();
    expect(availableScores(g)).toEqual(['pagerank', 'betweenness']);
    expect(availableScores(buildGraph(wireNetwork()))).toEqual([]);
  });

  it('formats scores with 3 significant digits', () => {
    expect(formatScore(0.000123456)).toBe('0.000123');
    expect(formatScore(1234.5)).toBe('1230');
    expect(formatScore(0)).toBe('0');
    expect(formatScore(0.000075)).toBe('0.000075');
    expect(formatScore(1.5e-7)).toBe('1.50e-7');
  });
});
