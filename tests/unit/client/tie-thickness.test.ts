// Tie thickness by relationship strength: the size scale, the reducer's choice by the view, and a logged interaction's
// new strength written onto the pair's ties on the map.
import { describe, expect, it } from 'vitest';
import { roleEncoding } from '../../../client/src/lib/graph/encodings';
import { buildGraph, sizeForStrength } from '../../../client/src/lib/graph/model';
import { applyRelationship } from '../../../client/src/lib/graph/relationships';
import { buildReducerContext, FOCUS_EDGE_COLOUR, reduceEdge } from '../../../client/src/lib/sigma/reducers';
import { initialView, setTieThickness, type ViewSnapshot } from '../../../client/src/lib/state/view-transitions';
import { wireNetwork } from './fixtures';

function drawn(graph: ReturnType<typeof buildGraph>, edge: string, view: ViewSnapshot) {
  const source = graph.source(edge);
  const target = graph.target(edge);
  const ctx = buildReducerContext(graph, view, roleEncoding(graph));
  return reduceEdge(
    graph.getEdgeAttributes(edge),
    { source, target, sourceAttributes: graph.getNodeAttributes(source), targetAttributes: graph.getNodeAttributes(target) },
    ctx,
  );
}

describe('tie thickness by relationship strength', () => {
  it('is thin without interactions, grows with strength on an absolute square-root scale, and stays in range', () => {
    expect(sizeForStrength(0)).toBeCloseTo(0.3, 10);
    expect(sizeForStrength(0.25)).toBeCloseTo(0.9, 10);
    expect(sizeForStrength(1)).toBeCloseTo(1.5, 10);
    expect(sizeForStrength(-1)).toBe(sizeForStrength(0));
    expect(sizeForStrength(3)).toBe(sizeForStrength(1));
    expect(sizeForStrength(0.5)).toBeGreaterThan(sizeForStrength(0.4));
  });

  it("the reducer sizes ties by weight by default and by the pair's strength when the view asks", () => {
    const graph = buildGraph(wireNetwork());
    const heavy = graph.edges('a', 'b')[0]!;
    const weightView = initialView();
    const strengthView = setTieThickness(weightView, 'strength');
    expect(drawn(graph, heavy, weightView).size).toBe(graph.getEdgeAttribute(heavy, 'size'));
    // The object shape carries no measured relationship: every tie is thin by strength.
    expect(drawn(graph, heavy, strengthView).size).toBeCloseTo(0.3, 10);
    graph.setEdgeAttribute(heavy, 'strength', 0.64);
    expect(drawn(graph, heavy, strengthView).size).toBeCloseTo(sizeForStrength(0.64), 10);
    // The focused stakeholder's ties stand out by the same encoding.
    const focused = drawn(graph, heavy, { ...strengthView, selected: 'a' });
    expect(focused).toMatchObject({ color: FOCUS_EDGE_COLOUR });
    expect(focused.size).toBeCloseTo(sizeForStrength(0.64) * 1.2, 10);
  });
});

describe('a logged interaction on the map', () => {
  it('writes the new strength and interaction days onto every tie of the pair, either direction', () => {
    const graph = buildGraph(wireNetwork());
    const changed = applyRelationship(graph, {
      a: 'b',
      b: 'a',
      strength: 0.52,
      firstInteractionAt: '2024-02-01T09:00:00.000Z',
      lastInteractionAt: '2026-11-30T10:30:00.000Z',
    });
    expect(changed).toBe(2);
    for (const edge of graph.edges('a', 'b')) {
      expect(graph.getEdgeAttributes(edge)).toMatchObject({
        strength: 0.52,
        firstInteraction: '2024-02-01',
        lastInteraction: '2026-11-30',
      });
    }
    // Other pairs keep theirs.
    expect(graph.getEdgeAttribute(graph.edges('b', 'c')[0]!, 'strength')).toBe(0);
  });

  it('changes nothing for a pair with no tie on the map, or a stakeholder not on it', () => {
    const graph = buildGraph(wireNetwork());
    const pair = { strength: 0.4, firstInteractionAt: null, lastInteractionAt: null };
    expect(applyRelationship(graph, { a: 'a', b: 'd', ...pair })).toBe(0);
    expect(applyRelationship(graph, { a: 'a', b: 'nobody', ...pair })).toBe(0);
    graph.forEachEdge((_edge, attributes) => expect(attributes.strength).toBe(0));
  });
});
