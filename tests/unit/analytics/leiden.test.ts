// Unit tests for Leiden on typed arrays and the partition built on it: the modularity it reports, the ties it merges, determinism, connected communities, argument checks.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import Graph from 'graphology';
import modularity from 'graphology-metrics/graph/modularity.js';
import { leiden, modularity as csrModularity } from '../../../server/src/analytics/leiden.js';
import { detectPartition, detectPartitionOfTies, tiesToCsr } from '../../../server/src/analytics/partition.js';
import { toUndirectedWeighted } from '../../../server/src/analytics/projection.js';
import { loadGraphFile } from '../../../server/src/import/graph-files.js';
import { readEdgeListFile } from '../../../server/src/import/edge-list.js';
import { analyze } from '../../../server/src/cli/analyze.js';

const dataset = (path: string): string => fileURLToPath(new URL(`../../fixtures/datasets/${path}`, import.meta.url));

describe('tiesToCsr', () => {
  it('sums reciprocal and parallel ties into one entry per row, drops self-loops, keeps isolated nodes', () => {
    const csr = tiesToCsr(4, { source: [0, 1, 0, 1, 2], target: [1, 0, 1, 2, 2], weight: [2, 4, 1, 1, 9] });
    expect([...csr.offsets]).toEqual([0, 1, 3, 4, 4]);
    expect([...csr.neighbors]).toEqual([1, 0, 2, 1]);
    expect([...csr.weights]).toEqual([7, 7, 1, 1]);
  });

  it('refuses ties outside the node range, negative or infinite weights, and ragged arrays', () => {
    expect(() => tiesToCsr(2, { source: [0], target: [2] })).toThrow(RangeError);
    expect(() => tiesToCsr(2, { source: [0], target: [1], weight: [-1] })).toThrow(/weights must be finite and ≥ 0/);
    expect(() => tiesToCsr(2, { source: [0], target: [1], weight: [Infinity] })).toThrow(RangeError);
    expect(() => tiesToCsr(2, { source: [0, 1], target: [1] })).toThrow(/same length/);
  });
});

describe('Leiden', () => {
  it(
    'reports the modularity graphology-metrics computes for the same partition, at several resolutions',
    { timeout: 60_000 },
    () => {
      const lesmis = loadGraphFile(dataset('lesmis/lesmis.gml'));
      for (const resolution of [0.5, 1, 1.5]) {
        const p = detectPartition(lesmis, { seed: 3, resolution, getEdgeWeight: 'value' });
        const communities = Object.fromEntries(p.communities);
        const reference = modularity(lesmis, {
          getNodeCommunity: (n: string) => communities[n] as number,
          getEdgeWeight: 'value',
          resolution,
        });
        expect(p.modularity).toBeCloseTo(reference, 10);
      }
    },
  );

  it('partitions a directed multi graph as its undirected weighted projection would be', { timeout: 60_000 }, () => {
    const email = loadGraphFile(dataset('email-eu-core/edges.txt'), { directed: true });
    const direct = detectPartition(email, { seed: 5 });
    const projected = detectPartition(toUndirectedWeighted(email), { seed: 5 });
    expect([...direct.communities]).toEqual([...projected.communities]);
    expect(direct.modularity).toBe(projected.modularity);
  });

  it('gives the same partition from a graph and from its ties, and the same for the same seed', { timeout: 60_000 }, () => {
    const file = dataset('facebook-ego/combined.txt');
    const list = readEdgeListFile(file);
    const fromTies = detectPartitionOfTies(list.nodes, list, { seed: 9 });
    const again = detectPartitionOfTies(list.nodes, list, { seed: 9 });
    const fromGraph = detectPartition(loadGraphFile(file), { seed: 9 });
    expect([...again.communities]).toEqual([...fromTies.communities]);
    expect([...fromGraph.communities]).toEqual([...fromTies.communities]);
    expect(fromGraph.modularity).toBe(fromTies.modularity);
    expect(fromTies.sizes.reduce((s, x) => s + x, 0)).toBe(list.nodes.length);
    expect(fromTies.sizes).toEqual([...fromTies.sizes].sort((a, b) => b - a));
  });

  it('returns connected communities (the refinement phase guarantees it)', { timeout: 60_000 }, () => {
    const list = readEdgeListFile(dataset('email-eu-core/edges.txt'));
    const csr = tiesToCsr(list.nodes.length, list);
    const result = leiden(csr, { resolution: 1, seed: 11, maxPasses: 2 });
    const n = list.nodes.length;
    const seen = new Uint8Array(n);
    const components = new Array<number>(result.count).fill(0);
    for (let start = 0; start < n; start++) {
      if (seen[start]) continue;
      const c = result.membership[start]!;
      components[c]!++;
      const stack = [start];
      seen[start] = 1;
      while (stack.length > 0) {
        const v = stack.pop()!;
        for (let p = csr.offsets[v]!; p < csr.offsets[v + 1]!; p++) {
          const u = csr.neighbors[p]!;
          if (!seen[u] && result.membership[u] === c) {
            seen[u] = 1;
            stack.push(u);
          }
        }
      }
    }
    expect(components.every((k) => k === 1)).toBe(true);
    expect(result.modularity).toBeCloseTo(csrModularity(csr, result.membership, 1), 12);
  });

  it('finds more, smaller communities at a higher resolution', () => {
    const karate = loadGraphFile(dataset('karate/karate.gml'));
    const coarse = detectPartition(karate, { seed: 1, resolution: 0.5 });
    const fine = detectPartition(karate, { seed: 1, resolution: 2 });
    expect(fine.count).toBeGreaterThan(coarse.count);
  });

  it('keeps every node alone when no tie has weight, and refuses bad options', () => {
    const g = new Graph({ type: 'undirected' });
    g.mergeEdge('a', 'b', { weight: 0 });
    g.addNode('c');
    const p = detectPartition(g);
    expect([p.count, p.modularity]).toEqual([3, 0]);
    expect(() => detectPartition(g, { resolution: 0 })).toThrow(/resolution/);
    expect(() => detectPartition(g, { restarts: 1000 })).toThrow(/restarts/);
    const negative = new Graph({ type: 'undirected' });
    negative.mergeEdge('a', 'b', { weight: -2 });
    expect(() => detectPartition(negative)).toThrow(/weights must be finite and ≥ 0/);
  });

  it(
    'analyze --algorithm louvain on an edge list (typed arrays, no graph) gives the partition of the graph path',
    { timeout: 60_000 },
    () => {
      const file = dataset('email-eu-core/edges.txt');
      const out = analyze([file, '--algorithm', 'louvain', '--seed', '4', '--directed']);
      const reference = detectPartition(loadGraphFile(file, { directed: true }), { seed: 4 });
      expect(out.partition).toEqual(Object.fromEntries(reference.communities));
      expect(out.modularity).toBe(reference.modularity);
      expect(out.input).toMatchObject({ nodes: 1005, edges: 25_571, directed: true, weight: null });
    },
  );
});
