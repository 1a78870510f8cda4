// Nodes first, ties after: decodeNodes builds the nodes (with the server's positions when the answer has them) and
// checks the ties before anything is added; addTiesInSlices adds them in slices with the graph's edgeAdded listeners
// detached (sigma's would re-process the whole graph after every slice), and stops when aborted.
import { describe, expect, it } from 'vitest';
import { encodeColumns } from '../../../server/src/schema/network/columns';
import type { NetworkGraph } from '../../../server/src/store/network';
import { ColumnsError, decodeNetwork, decodeNodes, type WireColumnsNetwork } from '../../../client/src/lib/graph/columns';
import { addTiesInSlices } from '../../../client/src/lib/graph/tie-loader';

/** A ring of `n` nodes with two ties per node (one of them parallel to the next), as the page receives it. */
function ring(n: number): WireColumnsNetwork {
  const nodes = Array.from({ length: n }, (_, i) => ({
    key: `s${i}`,
    attributes: {
      label: `S ${i}`,
      kind: 'PERSON' as const,
      roles: ['CUSTOMER' as const],
      communities: [],
      degree: 2,
      scores: null,
      detected: null,
    },
  }));
  const edges = nodes.flatMap((_node, i) => [
    { source: `s${i}`, target: `s${(i + 1) % n}`, attributes: { type: 'WORKS_WITH' as const, weight: 1, since: '2024-01-02' } },
    { source: `s${i}`, target: `s${(i + 1) % n}`, attributes: { type: 'MENTIONS' as const, weight: 0.5, since: null } },
  ]);
  const store: NetworkGraph = { attributes: { truncated: false, totalNodes: n, totalEdges: 2 * n, run: null }, nodes, edges };
  const columns = encodeColumns(store);
  return JSON.parse(
    JSON.stringify({
      attributes: store.attributes,
      columns: { ...columns, nodes: { ...columns.nodes, declared: { counts: columns.nodes.declared.counts, communities: [] } } },
    }),
  ) as WireColumnsNetwork;
}

const tiesOf = (graph: ReturnType<typeof decodeNetwork>): string[] =>
  graph.mapEdges((key, a, s, t) => JSON.stringify([key, s, t, a.tieType, a.weight, a.since, a.size])).sort();

describe('nodes first, ties in slices', () => {
  it('decodes the nodes alone, then the slices add exactly the ties decodeNetwork adds at once', async () => {
    const wire = ring(3000);
    const { graph, ties, positioned } = decodeNodes(wire);
    expect([graph.order, graph.size, ties.count, positioned]).toEqual([3000, 0, 6000, false]);
    let pauses = 0;
    const complete = await addTiesInSlices(graph, ties, {
      sliceMs: 0, // one check (256 ties) per slice
      pause: async () => {
        pauses++;
      },
    });
    expect(complete).toBe(true);
    expect(pauses).toBeGreaterThanOrEqual(Math.floor(6000 / 256));
    expect(tiesOf(graph)).toEqual(tiesOf(decodeNetwork(wire)));
  });

  it('detaches the edgeAdded listeners while it adds and puts them back', async () => {
    const { graph, ties } = decodeNodes(ring(600));
    const heard: string[] = [];
    const listener = ({ key }: { key: string }): void => void heard.push(key);
    graph.on('edgeAdded', listener);
    let listening = -1;
    await addTiesInSlices(graph, ties, {
      sliceMs: 0,
      pause: async () => {
        listening = Math.max(listening, graph.listeners('edgeAdded').length);
      },
    });
    expect(listening).toBe(0);
    expect(heard).toEqual([]);
    expect(graph.listeners('edgeAdded')).toEqual([listener]);
    graph.addEdgeWithKey('extra', 's0', 's2', {
      tieType: 'FOLLOWS',
      weight: 1,
      since: null,
      size: 1,
      strength: 0,
      firstInteraction: null,
      lastInteraction: null,
    });
    expect(heard).toEqual(['extra']);
  });

  it('stops when aborted, keeping what it added and the listeners', async () => {
    const { graph, ties } = decodeNodes(ring(2000));
    const listener = (): void => undefined;
    graph.on('edgeAdded', listener);
    const controller = new AbortController();
    const complete = await addTiesInSlices(graph, ties, {
      signal: controller.signal,
      sliceMs: 0,
      pause: async () => controller.abort(),
    });
    expect(complete).toBe(false);
    expect(graph.size).toBe(256);
    expect(graph.listeners('edgeAdded')).toEqual([listener]);
  });

  it('uses the server’s positions when every node has one, and refuses a bad tie before adding any node', () => {
    const wire = ring(4);
    (wire.columns.nodes as { positions?: unknown }).positions = { x: [1, 2, 3, 4], y: [-1, -2, -3, -4] };
    const { graph, positioned } = decodeNodes(wire);
    expect(positioned).toBe(true);
    expect(graph.mapNodes((_n, a) => [a.x, a.y])).toEqual([
      [1, -1],
      [2, -2],
      [3, -3],
      [4, -4],
    ]);
    // A node the run did not place: the client lays out as without positions.
    (wire.columns.nodes as { positions?: unknown }).positions = { x: [1, null, 3, 4], y: [-1, -2, -3, -4] };
    expect(decodeNodes(wire).positioned).toBe(false);
    (wire.columns.nodes as { positions?: unknown }).positions = { x: [1, 2, 3], y: [-1, -2, -3] };
    expect(() => decodeNodes(wire)).toThrow(/positions x has 3 entries, not 4/);
    const bad = ring(4);
    bad.columns.ties.targetDeltas[0] = 9;
    expect(() => decodeNodes(bad)).toThrow(ColumnsError);
  });
});
