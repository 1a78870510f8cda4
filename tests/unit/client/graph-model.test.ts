// Wire shape → graphology graph: import, attribute shaping, sizes, role combinations.
import { describe, expect, it } from 'vitest';
import { MultiDirectedGraph } from 'graphology';
import {
  buildGraph,
  dictionaryAdjacency,
  employeesOnMap,
  type AtlasGraph,
  MAX_NODE_SIZE,
  MIN_NODE_SIZE,
  membersOfCombination,
  normaliseRoles,
  roleComboKey,
  sizeForDegree,
  sizeForWeight,
} from '../../../client/src/lib/graph/model';
import { wireNetwork } from './fixtures';

describe('buildGraph', () => {
  it('imports every node and tie, keeping parallel ties of different types', () => {
    const g = buildGraph(wireNetwork());
    expect(g.order).toBe(5);
    expect(g.size).toBe(4);
    expect(g.type).toBe('directed');
    expect(g.multi).toBe(true);
    expect(g.edges('a', 'b')).toHaveLength(2);
  });

  it('carries the graph attributes and counts no dropped ties', () => {
    const g = buildGraph(wireNetwork());
    expect(g.getAttributes()).toEqual({ truncated: false, totalNodes: 5, totalEdges: 5, droppedEdges: 0, run: null });
  });

  it("adjacency in dictionary mode behaves exactly like graphology's own (neighbours, ties, order, removal)", () => {
    const wire = wireNetwork();
    const g = buildGraph(wire);
    const plain = new MultiDirectedGraph();
    for (const n of wire.nodes) plain.addNode(n.key);
    wire.edges.forEach((e, i) => plain.addEdgeWithKey(String(i), e.source, e.target));
    for (const n of wire.nodes) {
      expect(g.outNeighbors(n.key)).toEqual(plain.outNeighbors(n.key));
      expect(g.inNeighbors(n.key)).toEqual(plain.inNeighbors(n.key));
      expect(g.outEdges(n.key)).toEqual(plain.outEdges(n.key));
      expect(g.degree(n.key)).toBe(plain.degree(n.key));
    }
    expect(g.hasDirectedEdge('a', 'b')).toBe(true);
    expect(g.hasDirectedEdge('b', 'a')).toBe(false);
    expect(g.edges('a', 'b')).toHaveLength(2);
    g.dropEdge(g.edges('b', 'c')[0]!);
    expect(g.outNeighbors('b')).toEqual([]);
    g.dropNode('a');
    expect(g.order).toBe(4);
    // Only on a graph without ties whose internals look as expected.
    expect(dictionaryAdjacency(buildGraph(wire))).toBe(false);
    const fresh: AtlasGraph = new MultiDirectedGraph();
    fresh.addNode('x', { label: 'X', kind: 'PERSON', roles: [], communities: [], degree: 0, x: 0, y: 0, size: 1 });
    expect(dictionaryAdjacency(fresh)).toBe(true);
  });

  it('carries the run analytics the wire sends, and where the graph came from', () => {
    const wire = wireNetwork();
    wire.attributes.run = 'r1';
    const [a, b] = wire.nodes;
    a!.attributes.scores = { pagerank: 0.25, betweenness: 0.1, hub: 0.2, authority: 0.3, coreNumber: 2, effectiveSize: null };
    a!.attributes.detected = [
      { community: 'r1:0', strength: 0.9 },
      { community: 'r1:3', strength: 0.4 },
    ];
    b!.attributes.scores = null;
    b!.attributes.detected = [];
    const g = buildGraph(wire, { kind: 'ego', id: 'a', depth: 2, limit: 100 });
    expect(g.getAttribute('run')).toBe('r1');
    expect(g.getAttribute('origin')).toEqual({ kind: 'ego', id: 'a', depth: 2, limit: 100 });
    // Scores without nulls (effectiveSize absent = not computed); memberships in the wire's order (strongest first).
    expect(g.getNodeAttribute('a', 'scores')).toEqual({
      pagerank: 0.25,
      betweenness: 0.1,
      hub: 0.2,
      authority: 0.3,
      coreNumber: 2,
    });
    expect(g.getNodeAttribute('a', 'detected')?.map((m) => m.community)).toEqual(['r1:0', 'r1:3']);
    expect(g.getNodeAttribute('b', 'scores')).toBeUndefined();
    expect(g.getNodeAttribute('b', 'detected')).toEqual([]);
    // A selection without analytics: nothing on the nodes.
    expect(g.getNodeAttribute('c', 'scores')).toBeUndefined();
    expect(g.getNodeAttribute('c', 'detected')).toBeUndefined();
  });

  it('renames the tie type (sigma reserves `type` for its programs) and keeps weight and date', () => {
    const g = buildGraph(wireNetwork());
    const [edge] = g.edges('b', 'c');
    const attrs = g.getEdgeAttributes(edge);
    expect(attrs.tieType).toBe('BUYS_FROM');
    expect('type' in attrs).toBe(false);
    expect(attrs.weight).toBe(0.5);
    expect(attrs.size).toBeGreaterThan(0);
  });

  it('normalises roles into display order and gives nodes positions and sizes', () => {
    const g = buildGraph(wireNetwork());
    const a = g.getNodeAttributes('a');
    expect(a.roles).toEqual(['CUSTOMER', 'PARTNER']);
    expect(a.communities).toEqual(['c1', 'c2']);
    expect([a.x, a.y]).toEqual([0, 0]);
    expect(a.size).toBe(MAX_NODE_SIZE);
    expect(g.getNodeAttribute('d', 'size')).toBe(MIN_NODE_SIZE);
  });

  it('drops ties whose ends are missing instead of throwing, and counts them', () => {
    const wire = wireNetwork();
    wire.edges.push({ source: 'a', target: 'ghost', attributes: { type: 'FOLLOWS', weight: 1, since: null } });
    const g = buildGraph(wire);
    expect(g.size).toBe(4);
    expect(g.getAttribute('droppedEdges')).toBe(1);
  });

  it('builds an empty graph from an empty network', () => {
    const g = buildGraph({ attributes: { truncated: false, totalNodes: 0, totalEdges: 0 }, nodes: [], edges: [] });
    expect(g.order).toBe(0);
  });
});

describe('sizes', () => {
  it('scales degree on a square root between the bounds', () => {
    expect(sizeForDegree(0, 0, 100)).toBe(MIN_NODE_SIZE);
    expect(sizeForDegree(100, 0, 100)).toBe(MAX_NODE_SIZE);
    expect(sizeForDegree(25, 0, 100)).toBeCloseTo(MIN_NODE_SIZE + (MAX_NODE_SIZE - MIN_NODE_SIZE) * 0.5);
    expect(sizeForDegree(5, 5, 5)).toBe((MIN_NODE_SIZE + MAX_NODE_SIZE) / 2);
  });

  it('is monotone in degree', () => {
    const sizes = [0, 1, 2, 4, 8, 16, 64].map((d) => sizeForDegree(d, 0, 64));
    expect([...sizes].sort((x, y) => x - y)).toEqual(sizes);
  });

  it('gives ties a positive thickness that grows with weight', () => {
    expect(sizeForWeight(0, 1)).toBeGreaterThan(0);
    expect(sizeForWeight(1, 1)).toBeGreaterThan(sizeForWeight(0.25, 1));
    expect(sizeForWeight(3, 0)).toBeGreaterThan(0);
  });
});

describe('role combinations', () => {
  it('normalises and keys role sets', () => {
    expect(normaliseRoles(['SHAREHOLDER', 'CUSTOMER', 'CUSTOMER'])).toEqual(['CUSTOMER', 'SHAREHOLDER']);
    expect(roleComboKey(['PARTNER', 'CUSTOMER'])).toBe('CUSTOMER+PARTNER');
    expect(roleComboKey([])).toBe('');
  });

  it('finds the members of exactly one combination', () => {
    const g = buildGraph(wireNetwork());
    expect([...membersOfCombination(g, ['PARTNER', 'CUSTOMER'])]).toEqual(['a']);
    expect([...membersOfCombination(g, ['CUSTOMER'])]).toEqual(['b']);
    expect([...membersOfCombination(g, [])]).toEqual(['e']);
  });

  it('lists the employees on the map by name, at most as many as asked', () => {
    const wire = wireNetwork();
    wire.nodes[4]!.attributes.roles = ['EMPLOYEE'];
    wire.nodes[3]!.attributes.roles = ['SUPPLIER', 'EMPLOYEE'];
    const g = buildGraph(wire);
    expect(employeesOnMap(g, 10)).toEqual([
      { id: 'd', name: 'Dora' },
      { id: 'e', name: 'Eve' },
    ]);
    expect(employeesOnMap(g, 1)).toEqual([{ id: 'd', name: 'Dora' }]);
  });
});
