// The compact network answer: the server's encoder (store NetworkGraph → columns) and the client's decoder (columns →
// graphology) give the same graph as the object shape, with the format's delta coding and its checks.
import { describe, expect, it } from 'vitest';
import { encodeColumns, dayNumber } from '../../../server/src/schema/network/columns';
import type { NetworkGraph } from '../../../server/src/store/network';
import { ROLES as SERVER_ROLES } from '../../../server/src/domain/vocabulary';
import { buildGraph, ROLES, type AtlasGraph, type WireNetwork } from '../../../client/src/lib/graph/model';
import {
  ColumnsError,
  decodeNetwork,
  nodeAnalyticsRows,
  rolesOfMask,
  type WireColumnsNetwork,
} from '../../../client/src/lib/graph/columns';

const SCORES = { pagerank: 0.1234, betweenness: 0.5, hub: 0.01, authority: 0.02, coreNumber: 3, effectiveSize: 1.5 };

/** A store answer with a run: parallel ties, a self-contained triangle, an isolate, a node the run did not score. */
function storeNetwork(): NetworkGraph {
  return {
    attributes: { truncated: true, totalNodes: 7, totalEdges: 9, run: 'run-1' },
    nodes: [
      {
        key: 'a',
        attributes: {
          label: 'Ada',
          kind: 'PERSON',
          roles: ['PARTNER', 'CUSTOMER'],
          communities: ['c1', 'c2'],
          degree: 9,
          scores: SCORES,
          detected: [
            { community: 'd7', strength: 0.8 },
            { community: 'd2', strength: 0.2 },
          ],
        },
      },
      {
        key: 'b',
        attributes: {
          label: 'Ben',
          kind: 'PERSON',
          roles: ['CUSTOMER'],
          communities: ['c1'],
          degree: 4,
          scores: { ...SCORES, effectiveSize: null },
          detected: [{ community: 'd7', strength: 1 }],
        },
      },
      {
        key: 'c',
        attributes: {
          label: 'Contoso',
          kind: 'ORGANISATION',
          roles: ['PARTNER', 'SHAREHOLDER'],
          communities: ['c2'],
          degree: 1,
          scores: SCORES,
          detected: [],
        },
      },
      {
        key: 'd',
        attributes: {
          label: 'Dora',
          kind: 'PERSON',
          roles: ['SUPPLIER'],
          communities: [],
          degree: 0,
          scores: null,
          detected: [],
        },
      },
    ],
    edges: [
      { source: 'b', target: 'c', attributes: { type: 'BUYS_FROM', weight: 0.5, since: '2024-02-29' } },
      { source: 'a', target: 'b', attributes: { type: 'WORKS_WITH', weight: 1, since: '2020-01-01' } },
      { source: 'c', target: 'a', attributes: { type: 'SUPPLIES', weight: 0.5, since: null } },
      { source: 'a', target: 'b', attributes: { type: 'MENTIONS', weight: 0.25, since: null } },
      { source: 'a', target: 'c', attributes: { type: 'MENTIONS', weight: 2, since: '1969-12-31' } },
    ],
  };
}

/** What the page receives: the encoder's output through JSON, as the client's fragment selects it. */
function onTheWire(graph: NetworkGraph): WireColumnsNetwork {
  const columns = encodeColumns(graph);
  const { scores } = columns.nodes;
  const selected =
    scores === null
      ? null
      : {
          pagerank: scores.pagerank,
          betweenness: scores.betweenness,
          hub: scores.hub,
          authority: scores.authority,
          coreNumber: scores.coreNumber,
          effectiveSize: scores.effectiveSize,
        };
  const declared = { counts: columns.nodes.declared.counts, communities: columns.nodes.declared.communities };
  return JSON.parse(
    JSON.stringify({
      attributes: graph.attributes,
      columns: { ...columns, nodes: { ...columns.nodes, declared, scores: selected } },
    }),
  ) as WireColumnsNetwork;
}

/** Ties as sortable text (keys differ between the two builds: wire order vs (source, target) order). */
function tiesOf(graph: AtlasGraph): string[] {
  return graph
    .mapEdges((_key, a, source, target) => JSON.stringify([source, target, a.tieType, a.weight, a.since, a.size]))
    .sort();
}

describe('the compact network answer', () => {
  it('decodes into the same graph as the object shape (nodes, analytics, ties, sizes, attributes)', () => {
    const store = storeNetwork();
    const fromColumns = decodeNetwork(onTheWire(store), { kind: 'network', filter: null, limit: 10 });
    const fromObjects = buildGraph(JSON.parse(JSON.stringify(store)) as WireNetwork, {
      kind: 'network',
      filter: null,
      limit: 10,
    });
    expect(fromColumns.nodes()).toEqual(fromObjects.nodes());
    for (const node of fromObjects.nodes())
      expect(fromColumns.getNodeAttributes(node)).toEqual(fromObjects.getNodeAttributes(node));
    expect(tiesOf(fromColumns)).toEqual(tiesOf(fromObjects));
    expect(fromColumns.getAttributes()).toEqual(fromObjects.getAttributes());
    expect(fromColumns.getNodeAttribute('d', 'scores')).toBeUndefined();
    expect(fromColumns.getNodeAttribute('b', 'scores')).not.toHaveProperty('effectiveSize');
    expect(fromColumns.getNodeAttribute('a', 'detected')).toEqual([
      { community: 'd7', strength: 0.8 },
      { community: 'd2', strength: 0.2 },
    ]);
    expect(fromColumns.edges('a', 'b')).toHaveLength(2);
  });

  it('gives a run’s analytics per node id as the object shape carries them (the refresh after a new run)', () => {
    const store = storeNetwork();
    const rows = nodeAnalyticsRows(onTheWire(store).columns);
    const objects = JSON.parse(JSON.stringify(store)) as NetworkGraph;
    expect(rows).toEqual(
      objects.nodes.map((n) => ({
        key: n.key,
        attributes: {
          scores:
            n.attributes.scores === null || n.attributes.scores === undefined
              ? null
              : {
                  pagerank: n.attributes.scores.pagerank,
                  betweenness: n.attributes.scores.betweenness,
                  hub: n.attributes.scores.hub,
                  authority: n.attributes.scores.authority,
                  coreNumber: n.attributes.scores.coreNumber,
                  effectiveSize: n.attributes.scores.effectiveSize,
                },
          detected: n.attributes.detected,
        },
      })),
    );
  });

  it('sorts ties by source and target and delta-codes both; types by index into the types present', () => {
    const { ties, nodes, communities } = encodeColumns(storeNetwork());
    // Indices: a 0, b 1, c 2. Sorted: a→b, a→b, a→c, b→c, c→a.
    expect(ties.sourceDeltas).toEqual([0, 0, 0, 1, 1]);
    expect(ties.targetDeltas).toEqual([1, 0, 1, 2, 0]);
    expect(ties.typeNames).toEqual(['WORKS_WITH', 'BUYS_FROM', 'SUPPLIES', 'MENTIONS']);
    expect(ties.types.map((t) => ties.typeNames[t])).toEqual(['WORKS_WITH', 'MENTIONS', 'MENTIONS', 'BUYS_FROM', 'SUPPLIES']);
    expect(ties.since).toEqual([18262, null, -1, 19782, null]);
    expect(nodes.roleMasks).toEqual([0b1001, 0b0001, 0b11000, 0b0100]);
    expect(communities).toEqual(['c1', 'c2', 'd7', 'd2']);
    expect(nodes.declared).toEqual({ counts: [2, 1, 1, 0], communities: [0, 1, 0, 1], strengths: null });
    expect(nodes.detected).toEqual({ counts: [2, 1, 0, 0], communities: [2, 3, 2], strengths: [0.8, 0.2, 1] });
    expect(nodes.scores?.pagerank).toEqual([0.1234, 0.1234, 0.1234, null]);
    expect(nodes.scores?.effectiveSize).toEqual([1.5, null, 1.5, null]);
  });

  it("carries each tie's pair relationship when read: strength (0 without) and first/last interaction days", () => {
    const store = storeNetwork();
    // The store reads them for every tie of the answer; both a→b ties belong to the same pair.
    for (const edge of store.edges) {
      const measured = edge.source === 'a' && edge.target === 'b';
      edge.attributes.strength = measured ? 0.5213 : 0;
      edge.attributes.firstInteraction = measured ? '2024-02-29' : null;
      edge.attributes.lastInteraction = measured ? '2026-11-27' : null;
    }
    const { ties } = encodeColumns(store);
    // Sorted: a→b, a→b, a→c, b→c, c→a.
    expect(ties.strengths).toEqual([0.5213, 0.5213, 0, 0, 0]);
    expect(ties.firstInteraction).toEqual([19782, 19782, null, null, null]);
    expect(ties.lastInteraction).toEqual([dayNumber('2026-11-27'), dayNumber('2026-11-27'), null, null, null]);
    const graph = decodeNetwork(onTheWire(store));
    for (const edge of graph.edges('a', 'b')) {
      expect(graph.getEdgeAttributes(edge)).toMatchObject({
        strength: 0.5213,
        firstInteraction: '2024-02-29',
        lastInteraction: '2026-11-27',
      });
    }
    expect(graph.getEdgeAttributes(graph.edges('b', 'c')[0]!)).toMatchObject({
      strength: 0,
      firstInteraction: null,
      lastInteraction: null,
    });
    const short = onTheWire(store);
    short.columns.ties.strengths.pop();
    expect(() => decodeNetwork(short)).toThrow(/strengths has 4 entries, not 5/);
  });

  it('without a run has no analytics columns, and the nodes carry none', () => {
    const store = storeNetwork();
    store.attributes.run = null;
    for (const node of store.nodes) {
      node.attributes.scores = null;
      node.attributes.detected = null;
    }
    const columns = encodeColumns(store);
    expect(columns.nodes.scores).toBeNull();
    expect(columns.nodes.detected).toBeNull();
    const graph = decodeNetwork(onTheWire(store));
    expect(graph.getAttribute('run')).toBeNull();
    graph.forEachNode((_node, a) => {
      expect(a.scores).toBeUndefined();
      expect(a.detected).toBeUndefined();
    });
  });

  it('leaves out ties whose ends are not among the nodes, and encodes an empty network', () => {
    const store = storeNetwork();
    store.edges.push({ source: 'a', target: 'nobody', attributes: { type: 'FOLLOWS', weight: 1, since: null } });
    expect(encodeColumns(store).ties.sourceDeltas).toHaveLength(5);
    const empty: NetworkGraph = {
      attributes: { truncated: false, totalNodes: 0, totalEdges: 0, run: null },
      nodes: [],
      edges: [],
    };
    const graph = decodeNetwork(onTheWire(empty));
    expect([graph.order, graph.size]).toEqual([0, 0]);
  });

  it('refuses an answer whose columns disagree, naming what is wrong', () => {
    const badTie = onTheWire(storeNetwork());
    badTie.columns.ties.targetDeltas[4] = 40;
    expect(() => decodeNetwork(badTie)).toThrow(ColumnsError);
    const short = onTheWire(storeNetwork());
    short.columns.nodes.labels.pop();
    expect(() => decodeNetwork(short)).toThrow(/labels has 3 entries, not 4/);
    const counts = onTheWire(storeNetwork());
    counts.columns.nodes.declared.counts[0] = 5;
    expect(() => decodeNetwork(counts)).toThrow(/declared counts do not add up/);
    const community = onTheWire(storeNetwork());
    community.columns.nodes.declared.communities[0] = 99;
    expect(() => decodeNetwork(community)).toThrow(/community 99/);
  });

  it('reads role masks in the server’s role order, and dates as UTC days', () => {
    expect(ROLES).toEqual(SERVER_ROLES);
    expect(rolesOfMask(0b10110)).toEqual(['EMPLOYEE', 'SUPPLIER', 'SHAREHOLDER']);
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber(null)).toBeNull();
    expect(dayNumber('not a date')).toBeNull();
  });
});
