// The analysis worker's index forms (tie indexes built from arrays, scores by node index) give what the graph forms give on the same multi, directed, weighted ties.
import { describe, expect, it } from 'vitest';
import Graph from 'graphology';
import {
  brokerageRoles,
  brokerageRolesOfIndex,
  structuralHoles,
  structuralHolesOfIndex,
} from '../../../server/src/analytics/brokerage.js';
import { influence, influenceOfIndex } from '../../../server/src/analytics/influence.js';
import { detectOverlapping, membershipsOfIndex } from '../../../server/src/analytics/overlapping.js';
import { partitionOfIndex } from '../../../server/src/analytics/index-partition.js';
import {
  directedTieIndex,
  directedTieIndexOfTies,
  undirectedTieIndex,
  undirectedTieIndexOfTies,
} from '../../../server/src/analytics/tie-index.js';
import { createRandom } from '../../../server/src/domain/random.js';

/** 40 nodes in two loose groups, 300 random ties (parallel ties, reciprocal ties, a self-loop, a zero weight, an isolate). */
function ties() {
  const random = createRandom(5);
  const nodes = Array.from({ length: 40 }, (_, i) => `n${i}`);
  const source: number[] = [];
  const target: number[] = [];
  const weight: number[] = [];
  for (let e = 0; e < 300; e++) {
    const s = Math.floor(random() * 39);
    const sameGroup = random() < 0.8;
    const t = sameGroup ? (s < 20 ? Math.floor(random() * 20) : 20 + Math.floor(random() * 19)) : Math.floor(random() * 39);
    source.push(s);
    target.push(t);
    weight.push(e === 7 ? 0 : 1 + Math.floor(random() * 4));
  }
  source.push(3);
  target.push(3);
  weight.push(2);
  const arrays = { source: Int32Array.from(source), target: Int32Array.from(target), weight: Float64Array.from(weight) };
  const graph = new Graph({ type: 'directed', multi: true, allowSelfLoops: true });
  for (const node of nodes)
    graph.addNode(node, { group: Number(node.slice(1)) % 3 === 0 ? null : `g${Number(node.slice(1)) % 3}` });
  for (let e = 0; e < source.length; e++) graph.addEdge(nodes[source[e]!]!, nodes[target[e]!]!, { weight: weight[e]! });
  return { nodes, arrays, graph };
}

describe('index forms of the analytics', () => {
  const { nodes, arrays, graph } = ties();
  const directed = directedTieIndexOfTies(nodes, arrays);
  const undirected = undirectedTieIndexOfTies(nodes, arrays);

  it('build the same tie indexes as the graph forms', () => {
    const fromGraph = directedTieIndex(graph);
    expect(directed.out).toEqual(fromGraph.out);
    expect(directed.in).toEqual(fromGraph.in);
    expect(directed.inToOut).toEqual(fromGraph.inToOut);
    const undirectedFromGraph = undirectedTieIndex(graph);
    expect(undirected.adj).toEqual(undirectedFromGraph.adj);
    expect(undirected.strength).toEqual(undirectedFromGraph.strength);
    expect(directed.nodes).toEqual(nodes);
  });

  it('give the same influence, structural-hole and brokerage scores', () => {
    const byGraph = influence(graph, { seed: 3 });
    const byIndex = influenceOfIndex(directed, undirected, { seed: 3 });
    nodes.forEach((node, v) => {
      const s = byGraph.scores.get(node)!;
      for (const metric of Object.keys(byIndex.columns) as Array<keyof typeof byIndex.columns>)
        expect(byIndex.columns[metric][v]).toBeCloseTo(s[metric], 12);
    });
    expect(byIndex.betweenness).toEqual(byGraph.betweenness);

    const holes = structuralHoles(graph);
    const holeColumns = structuralHolesOfIndex(undirected);
    nodes.forEach((node, v) => {
      const h = holes.get(node)!;
      expect(holeColumns.degree[v]).toBe(h.degree);
      if (h.constraint === null) expect(holeColumns.constraint[v]).toBeNaN();
      else expect(holeColumns.constraint[v]).toBeCloseTo(h.constraint, 12);
      if (h.effectiveSize === null) expect(holeColumns.effectiveSize[v]).toBeNaN();
      else expect(holeColumns.effectiveSize[v]).toBeCloseTo(h.effectiveSize, 12);
    });

    const groupOf = (_node: string, attributes: Record<string, unknown>) => attributes.group as string | null;
    const roles = brokerageRoles(graph, groupOf, { seed: 2, maxPairsPerBroker: 20 });
    const groupIds = nodes.map((node) => {
      const g = graph.getNodeAttribute(node, 'group') as string | null;
      return g === null ? new Int32Array(0) : Int32Array.of(Number(g.slice(1)));
    });
    const columns = brokerageRolesOfIndex(directed, groupIds, { seed: 2, maxPairsPerBroker: 20 });
    expect(columns.sampledBrokers.map((b) => nodes[b])).toEqual(roles.sampledBrokers);
    expect(roles.sampledBrokers.length).toBeGreaterThan(0);
    nodes.forEach((node, v) => {
      const r = roles.roles.get(node)!;
      for (const role of ['coordinator', 'itinerant', 'representative', 'gatekeeper', 'liaison', 'total', 'weighted'] as const)
        expect(columns[role][v]).toBeCloseTo(r[role], 9);
    });
  });

  it('give the same partition and memberships as detectOverlapping', () => {
    const overlapping = detectOverlapping(graph, { seed: 9, threshold: 0.1 });
    const { partition, core } = partitionOfIndex(undirected, { seed: 9 });
    expect(partition.modularity).toBeCloseTo(overlapping.partition.modularity, 12);
    expect([...partition.communities]).toEqual([...overlapping.partition.communities]);
    const columns = membershipsOfIndex(undirected, core, partition.count, 0.1);
    expect(columns.overlappingNodes).toBe(overlapping.overlappingNodes);
    expect(columns.sizes).toEqual(overlapping.sizes);
    nodes.forEach((node, v) => {
      const list = overlapping.memberships.get(node)!;
      expect(Array.from(columns.community.subarray(columns.start[v]!, columns.start[v + 1]!))).toEqual(
        list.map((m) => m.community),
      );
      expect(list.map((m) => m.community)).toContain(core[v]);
    });
  });
});
