// Analytics on the client: scores and detected memberships onto nodes, detected-community colours, size by score, run progress.
import { describe, expect, it } from 'vitest';
import { detectedEncoding, encodingFor, NONE_COLOUR, sizeScale } from '../../../client/src/lib/graph/encodings';
import { buildGraph, MAX_NODE_SIZE, MIN_NODE_SIZE } from '../../../client/src/lib/graph/model';
import {
  applyNodeAnalytics,
  clearNodeAnalytics,
  detectedNames,
  isMissingApi,
  isRunning,
  membershipsAbove,
  progressLabel,
  scoredNodes,
  type NodeAnalyticsRow,
  staleAnalysisNote,
} from '../../../client/src/lib/state/analysis-transitions';
import { wireNetwork } from './fixtures';

function row(key: string, pagerank: number, memberships: Array<[string, number]>): NodeAnalyticsRow {
  return {
    key,
    attributes: {
      scores: { pagerank, betweenness: pagerank / 2, hub: 0, authority: 0, coreNumber: 1, effectiveSize: null },
      detected: memberships.map(([community, strength]) => ({ community, strength })),
    },
  };
}

function analysed() {
  const graph = buildGraph(wireNetwork());
  const scored = applyNodeAnalytics(graph, [
    row('a', 0.4, [
      ['d1', 0.9],
      ['d2', 0.3],
    ]),
    row('b', 0.1, [['d1', 1]]),
    row('c', 0.2, [['d2', 1]]),
    row('zz', 1, []),
  ]);
  return { graph, scored };
}

describe('node analytics', () => {
  it('writes scores and memberships (strongest first) onto known nodes only', () => {
    const { graph, scored } = analysed();
    expect(scored).toBe(3);
    expect(scoredNodes(graph)).toBe(3);
    expect(graph.getNodeAttribute('a', 'scores')?.pagerank).toBe(0.4);
    expect(graph.getNodeAttribute('a', 'scores')).not.toHaveProperty('effectiveSize');
    expect(graph.getNodeAttribute('a', 'detected')?.map((m) => m.community)).toEqual(['d1', 'd2']);
    expect(graph.getNodeAttribute('d', 'scores')).toBeUndefined();
    clearNodeAnalytics(graph);
    expect(graph.getNodeAttribute('a', 'scores')).toBeUndefined();
    expect(graph.getNodeAttribute('a', 'detected')).toBeUndefined();
  });

  it('colours by the strongest detected community, largest communities first', () => {
    const { graph } = analysed();
    const enc = detectedEncoding(graph, [
      { id: 'd1', name: 'Customers 1' },
      { id: 'd2', name: 'Partners' },
    ]);
    expect(enc.entries.map((e) => e.key)).toEqual(['d1', 'd2', 'NONE']);
    expect(enc.entries[0]).toMatchObject({ label: 'Customers 1', count: 2 });
    expect(enc.keyOf(graph.getNodeAttributes('a'))).toBe('d1');
    expect(enc.colourOf(graph.getNodeAttributes('d'))).toBe(NONE_COLOUR);
    expect(encodingFor('detected', graph, []).by).toBe('detected');
  });

  it('sizes by a score between the min and max sizes, degree stays with the graph', () => {
    const { graph } = analysed();
    expect(sizeScale(graph, 'degree')).toBeNull();
    const size = sizeScale(graph, 'pagerank');
    if (size === null) throw new Error('expected a scale');
    expect(size(graph.getNodeAttributes('a'))).toBeCloseTo(MAX_NODE_SIZE);
    expect(size(graph.getNodeAttributes('b'))).toBeCloseTo(MIN_NODE_SIZE);
    expect(size(graph.getNodeAttributes('d'))).toBe(MIN_NODE_SIZE);
    expect(sizeScale(buildGraph(wireNetwork()), 'pagerank')).toBeNull();
  });

  it('filters memberships by strength', () => {
    expect(
      membershipsAbove(
        [
          { community: 'x', strength: 0.2 },
          { community: 'y', strength: 0.6 },
        ],
        0.5,
      ),
    ).toEqual([{ community: 'y', strength: 0.6 }]);
    expect(membershipsAbove(undefined, 0)).toEqual([]);
  });
});

describe('runs', () => {
  it('reads progress and status', () => {
    expect(isRunning({ status: 'RUNNING' })).toBe(true);
    expect(isRunning({ status: 'COMPLETE' })).toBe(false);
    expect(isRunning(null)).toBe(false);
    expect(progressLabel({ progress: 41.6, phase: 'structural-holes' })).toBe('42% · structural holes');
    expect(progressLabel({ progress: 120, phase: null })).toBe('100%');
  });

  it('numbers detected communities that share a label', () => {
    expect(
      detectedNames([
        { id: '1', name: 'x', label: 'Customers' },
        { id: '2', name: 'y', label: 'Customers' },
        { id: '3', name: 'Suppliers', label: null },
      ]),
    ).toEqual([
      { id: '1', name: 'Customers 1' },
      { id: '2', name: 'Customers 2' },
      { id: '3', name: 'Suppliers' },
    ]);
  });

  it('tells a missing analysis API from other errors', () => {
    expect(isMissingApi(new Error('Cannot query field "currentAnalysisRun" on type "Query".'))).toBe(true);
    expect(isMissingApi(new Error('Cannot reach the API'))).toBe(false);
  });
});

describe('data changed since the shown analysis', () => {
  it('warns when the run counted other stakeholders than the ecosystem holds now', () => {
    expect(staleAnalysisNote(2000, 2000)).toBeNull();
    expect(staleAnalysisNote(null, 2000)).toBeNull();
    expect(staleAnalysisNote(2000, undefined)).toBeNull();
    const note = staleAnalysisNote(2000, 2013);
    expect(note).toContain('covered 2,000 stakeholders, the ecosystem now has 2,013');
    expect(note).toContain('run the analysis again');
  });
});
