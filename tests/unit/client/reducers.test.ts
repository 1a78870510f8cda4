// Pure sigma reducers: filters, hover, selection and highlight as functions of (data, view state).
import { describe, expect, it } from 'vitest';
import { DIMMED_NODE_COLOUR, roleEncoding } from '../../../client/src/lib/graph/encodings';
import { buildGraph, type AtlasGraph } from '../../../client/src/lib/graph/model';
import {
  buildReducerContext,
  countVisibleNodes,
  EDGE_COLOUR,
  FOCUS_EDGE_COLOUR,
  reduceEdge,
  pieData,
  PIE_PROGRAM,
  reduceNode,
  type ReducerContext,
} from '../../../client/src/lib/sigma/reducers';
import { initialView, type ViewSnapshot } from '../../../client/src/lib/state/view-transitions';
import { wireNetwork } from './fixtures';

const graph: AtlasGraph = buildGraph(wireNetwork());
const encoding = roleEncoding(graph);

function ctx(view: Partial<ViewSnapshot> = {}): ReducerContext {
  return buildReducerContext(graph, { ...initialView(), ...view }, encoding);
}
const node = (key: string, c: ReducerContext) => reduceNode(key, graph.getNodeAttributes(key), c);
function edge(source: string, target: string, c: ReducerContext, index = 0) {
  const key = graph.edges(source, target)[index];
  if (key === undefined) throw new Error(`no edge ${source}->${target}`);
  return reduceEdge(
    graph.getEdgeAttributes(key),
    {
      source,
      target,
      sourceAttributes: graph.getNodeAttributes(source),
      targetAttributes: graph.getNodeAttributes(target),
    },
    c,
  );
}

describe('without view state', () => {
  it('draws every node with its encoding colour, size, label and position', () => {
    const c = ctx();
    const a = graph.getNodeAttributes('a');
    expect(node('a', c)).toMatchObject({ color: encoding.colourOf(a), size: a.size, label: 'Ada', x: a.x, y: a.y });
    expect(node('a', c).hidden).toBeUndefined();
    expect(edge('a', 'b', c)).toMatchObject({ color: EDGE_COLOUR });
    expect(countVisibleNodes(graph, c)).toBe(5);
  });

  it('never sets the sigma `type` of nodes or edges', () => {
    expect('type' in node('a', ctx())).toBe(false);
    expect('type' in edge('a', 'b', ctx())).toBe(false);
  });
});

describe('filters', () => {
  it('hides nodes failing the role filter (any) and ties touching them', () => {
    const c = ctx({ roles: ['PARTNER'] });
    expect(node('a', c).hidden).toBeUndefined();
    expect(node('c', c).hidden).toBeUndefined();
    expect(node('b', c).hidden).toBe(true);
    expect(edge('a', 'b', c).hidden).toBe(true);
    expect(edge('c', 'a', c).hidden).toBeUndefined();
    expect(countVisibleNodes(graph, c)).toBe(2);
  });

  it('requires every role with ALL', () => {
    expect(countVisibleNodes(graph, ctx({ roles: ['CUSTOMER', 'PARTNER'], roleMatch: 'ALL' }))).toBe(1);
    expect(countVisibleNodes(graph, ctx({ roles: ['CUSTOMER', 'PARTNER'], roleMatch: 'ANY' }))).toBe(3);
  });

  it('filters by declared community', () => {
    expect(countVisibleNodes(graph, ctx({ community: 'c2' }))).toBe(2);
  });

  it('keeps the selected node drawn even when the filters exclude it', () => {
    const c = ctx({ roles: ['SUPPLIER'], selected: 'b' });
    expect(node('b', c).hidden).toBeUndefined();
    expect(countVisibleNodes(graph, c)).toBe(2);
  });
});

describe('hover and selection', () => {
  it('brings the hovered node and its neighbours forward and dims the rest', () => {
    const c = ctx({ hovered: 'b' });
    expect(node('b', c)).toMatchObject({ highlighted: true, forceLabel: true, zIndex: 3 });
    expect(node('a', c)).toMatchObject({ color: encoding.colourOf(graph.getNodeAttributes('a')), zIndex: 2 });
    expect(node('c', c).color).not.toBe(DIMMED_NODE_COLOUR);
    expect(node('d', c)).toMatchObject({ color: DIMMED_NODE_COLOUR, label: null, zIndex: 0 });
  });

  it('shows only the ties of the focused node, darker', () => {
    const c = ctx({ hovered: 'b' });
    expect(edge('a', 'b', c)).toMatchObject({ color: FOCUS_EDGE_COLOUR });
    expect(edge('b', 'c', c).hidden).toBeUndefined();
    expect(edge('c', 'a', c).hidden).toBe(true);
  });

  it('focuses the selected node when nothing is hovered, and hover wins over selection', () => {
    expect(node('d', ctx({ selected: 'a' })).color).toBe(DIMMED_NODE_COLOUR);
    const both = ctx({ selected: 'd', hovered: 'a' });
    expect(both.focus).toBe('a');
    // the selected node stays marked while another is hovered
    expect(node('d', both)).toMatchObject({ highlighted: true, forceLabel: true });
  });

  it('ignores a selection that is not on the map', () => {
    const c = ctx({ selected: 'not-loaded' });
    expect(c.focus).toBeNull();
    expect(node('d', c).color).not.toBe(DIMMED_NODE_COLOUR);
  });
});

describe('highlight', () => {
  const highlight = { key: 'roles:CUSTOMER', label: 'Customer', nodes: new Set(['b', 'a']) };

  it('dims nodes outside the highlighted set and keeps ties inside it', () => {
    const c = ctx({ highlight });
    expect(node('a', c).color).not.toBe(DIMMED_NODE_COLOUR);
    expect(node('c', c).color).toBe(DIMMED_NODE_COLOUR);
    expect(edge('a', 'b', c).hidden).toBeUndefined();
    expect(edge('b', 'c', c).hidden).toBe(true);
  });

  it('stays in front of a selected member: the member is marked, the other members are not dimmed', () => {
    const c = ctx({ highlight, selected: 'a' });
    expect(node('a', c)).toMatchObject({ highlighted: true, forceLabel: true, zIndex: 3 });
    expect(node('b', c).color).not.toBe(DIMMED_NODE_COLOUR);
    expect(node('c', c).color).toBe(DIMMED_NODE_COLOUR);
    expect(edge('a', 'b', c).hidden).toBeUndefined();
    // A selection outside the highlight still takes the front, as before.
    expect(node('b', ctx({ highlight, selected: 'd' })).color).toBe(DIMMED_NODE_COLOUR);
  });

  it('gives way to a hover', () => {
    const c = ctx({ highlight, hovered: 'c' });
    expect(node('c', c).highlighted).toBe(true);
    expect(node('d', c).color).toBe(DIMMED_NODE_COLOUR);
  });
});

describe('purity', () => {
  it('does not touch the graph', () => {
    const before = JSON.stringify(graph.export());
    const c = ctx({ hovered: 'a', roles: ['CUSTOMER'], highlight: { key: 'k', label: 'k', nodes: new Set(['a']) } });
    graph.forEachNode((n, a) => reduceNode(n, a, c));
    expect(JSON.stringify(graph.export())).toBe(before);
  });
});

describe('ties during layout', () => {
  it('hides every tie when asked, leaving nodes alone', () => {
    const c = buildReducerContext(graph, initialView(), encoding, { hideEdges: true });
    expect(edge('a', 'b', c).hidden).toBe(true);
    expect(node('a', c).hidden).toBeUndefined();
  });
});

describe('tie filters', () => {
  const idx = (type: string): number => graph.edges('a', 'b').findIndex((e) => graph.getEdgeAttribute(e, 'tieType') === type);
  it('hide ties of other types and stakeholders with no matching tie', () => {
    const c = ctx({ tieTypes: ['WORKS_WITH'] });
    expect(edge('a', 'b', c, idx('WORKS_WITH')).hidden).toBeFalsy();
    expect(edge('a', 'b', c, idx('MENTIONS')).hidden).toBe(true);
    expect(edge('b', 'c', c).hidden).toBe(true);
    expect(node('a', c).hidden).toBeFalsy();
    expect(node('c', c).hidden).toBe(true);
    expect(countVisibleNodes(graph, c)).toBe(2);
  });

  it('a date window leaves undated ties out and keeps the selected node', () => {
    const c = ctx({ since: '2019-06-01', until: '2020-06-01' });
    expect(edge('a', 'b', c, idx('WORKS_WITH')).hidden).toBeFalsy();
    expect(edge('a', 'b', c, idx('MENTIONS')).hidden).toBe(true);
    expect(node('d', c).hidden).toBe(true);
    expect(node('d', ctx({ since: '2019-06-01', selected: 'd' })).hidden).toBeFalsy();
    expect(countVisibleNodes(graph, ctx({ since: '2020-01-02' }))).toBe(0);
  });

  it('sizes nodes by the size encoding when given', () => {
    const c = buildReducerContext(graph, initialView(), encoding, { sizeOf: () => 7 });
    expect(node('a', c).size).toBe(7);
  });
});

describe('pies', () => {
  it('draws a node with two or more memberships above the threshold as a pie', () => {
    const g = buildGraph(wireNetwork());
    g.mergeNodeAttributes('a', {
      detected: [
        { community: 'x', strength: 0.7 },
        { community: 'y', strength: 0.3 },
      ],
    });
    const view = { ...initialView(), pieThreshold: 0.25 };
    const c = buildReducerContext(g, view, encoding, { sliceColour: (id) => (id === 'x' ? '#111111' : '#222222') });
    const a = reduceNode('a', g.getNodeAttributes('a'), c) as Record<string, unknown>;
    expect(a.type).toBe(PIE_PROGRAM);
    expect(a.pie0c).toBe('#111111');
    expect(a.pie1v).toBe(0.3);
    expect(a.pie2v).toBe(0);
    // above a higher threshold only one membership is left: plain
    const high = buildReducerContext(g, { ...view, pieThreshold: 0.5 }, encoding, { sliceColour: () => '#000000' });
    expect((reduceNode('a', g.getNodeAttributes('a'), high) as Record<string, unknown>).type).toBeUndefined();
    // pies off, or no colours for slices: plain
    expect(pieData(g.getNodeAttributes('a'), { view: initialView(), sliceColour: () => '#000000' })).toBeNull();
    expect(pieData(g.getNodeAttributes('a'), { view, sliceColour: null })).toBeNull();
    // a dimmed node is drawn plain
    const dim = buildReducerContext(g, { ...view, hovered: 'd' }, encoding, { sliceColour: () => '#000000' });
    expect((reduceNode('a', g.getNodeAttributes('a'), dim) as Record<string, unknown>).type).toBe('circle');
  });
});
