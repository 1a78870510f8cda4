// Repainting only what the date window changed (decision 114) must draw exactly what a full refresh draws.
import { describe, expect, it } from 'vitest';
import { roleEncoding } from '../../../client/src/lib/graph/encodings';
import { buildGraph, type AtlasGraph } from '../../../client/src/lib/graph/model';
import { dateWindowChanges } from '../../../client/src/lib/sigma/partial-refresh';
import { buildReducerContext, reduceEdge, reduceNode, type ReducerContext } from '../../../client/src/lib/sigma/reducers';
import { initialView, type ViewSnapshot } from '../../../client/src/lib/state/view-transitions';
import { wireNetwork } from './fixtures';

const graph: AtlasGraph = buildGraph(wireNetwork());
const encoding = roleEncoding(graph);
const base = initialView();

function ctx(view: Partial<ViewSnapshot> = {}): ReducerContext {
  return buildReducerContext(graph, { ...base, ...view }, encoding);
}

function drawnEdge(edge: string, c: ReducerContext) {
  const source = graph.source(edge);
  const target = graph.target(edge);
  const ends = {
    source,
    target,
    sourceAttributes: graph.getNodeAttributes(source),
    targetAttributes: graph.getNodeAttributes(target),
  };
  return reduceEdge(graph.getEdgeAttributes(edge), ends, c);
}

const windows: Array<Partial<ViewSnapshot>> = [
  {},
  { since: '2019-06-01' },
  { since: '2019-06-01', until: '2020-06-01' },
  { until: '2019-01-01' },
  { since: '2020-01-02' },
];

describe('dateWindowChanges', () => {
  it('lists every node and tie whose drawing the window changed, for each pair of windows', () => {
    for (const from of windows) {
      for (const to of windows) {
        if (JSON.stringify(from) === JSON.stringify(to)) continue;
        const before = ctx(from);
        const after = ctx(to);
        const changed = dateWindowChanges(graph, before, after);
        expect(changed).not.toBeNull();
        const nodes = new Set(changed!.nodes);
        const edges = new Set(changed!.edges);
        graph.forEachNode((node, attrs) => {
          if (!nodes.has(node)) expect(reduceNode(node, attrs, after)).toEqual(reduceNode(node, attrs, before));
        });
        graph.forEachEdge((edge) => {
          if (!edges.has(edge)) expect(drawnEdge(edge, after)).toEqual(drawnEdge(edge, before));
        });
      }
    }
    // Something moved between no window and a window that hides undated ties.
    const some = dateWindowChanges(graph, ctx(), ctx({ since: '2020-01-02' }));
    expect(some!.nodes.length).toBeGreaterThan(0);
    expect(some!.edges.length).toBeGreaterThan(0);
  });

  it('is null when anything else changed too (the caller refreshes everything)', () => {
    expect(dateWindowChanges(graph, ctx(), ctx())).toBeNull();
    expect(dateWindowChanges(graph, ctx(), ctx({ since: '2019-06-01', selected: 'a' }))).toBeNull();
    expect(dateWindowChanges(graph, ctx(), ctx({ since: '2019-06-01', hovered: 'b' }))).toBeNull();
  });
});
