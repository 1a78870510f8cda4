// Quality: the partition (Leiden) on karate, Les Misérables, email-Eu-core and Facebook against the published figures, igraph's Louvain and ground truth (datasets in tests/fixtures/datasets).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadGraphFile, parseNodeLabels, type LoadOptions } from '../../server/src/import/graph-files.js';
import { detectPartition, type PartitionOptions } from '../../server/src/analytics/partition.js';
import { ari, nmi } from '../../server/src/analytics/comparison.js';

const dataset = (path: string): string => fileURLToPath(new URL(`../fixtures/datasets/${path}`, import.meta.url));
const figures: Array<Record<string, string | number>> = [];
afterAll(() => console.table(figures));

describe('partition modularity and agreement with ground truth', () => {
  it('karate: modularity ≥ 0.41', { timeout: 60_000 }, () => {
    const g = loadGraphFile(dataset('karate/karate.gml'));
    const t0 = performance.now();
    const p = detectPartition(g, { seed: 42 });
    const ms = performance.now() - t0;
    const factions = new Map<string, string>();
    for (const line of readFileSync(dataset('karate/karate-factions-alt.dat'), 'utf8').split('\n')) {
      const [node, group] = line.trim().split(/\s+/);
      if (node && group) factions.set(node, group);
    }
    figures.push({
      graph: 'karate',
      nodes: g.order,
      ties: g.size,
      communities: p.count,
      modularity: +p.modularity.toFixed(4),
      'NMI truth': +nmi(p.communities, factions).toFixed(3),
      ms: Math.round(ms),
    });
    expect(p.modularity).toBeGreaterThanOrEqual(0.41);
  });

  it('lesmis (weighted by value): modularity ≥ 0.55', { timeout: 60_000 }, () => {
    const g = loadGraphFile(dataset('lesmis/lesmis.gml'));
    const t0 = performance.now();
    const p = detectPartition(g, { seed: 42, getEdgeWeight: 'value' });
    const ms = performance.now() - t0;
    const unweighted = detectPartition(g, { seed: 42, getEdgeWeight: null });
    figures.push({
      graph: 'lesmis (value)',
      nodes: g.order,
      ties: g.size,
      communities: p.count,
      modularity: +p.modularity.toFixed(4),
      'NMI truth': '—',
      ms: Math.round(ms),
    });
    figures.push({
      graph: 'lesmis (unweighted)',
      nodes: g.order,
      ties: g.size,
      communities: unweighted.count,
      modularity: +unweighted.modularity.toFixed(4),
      'NMI truth': '—',
      ms: '',
    });
    expect(p.modularity).toBeGreaterThanOrEqual(0.55);
    expect(unweighted.modularity).toBeGreaterThanOrEqual(0.55);
  });

  it(
    'email-Eu-core (undirected, no loops): modularity ≥ 0.40, mean NMI vs departments ≥ 0.55 over seeds 1–5',
    { timeout: 60_000 },
    () => {
      const departments = parseNodeLabels(readFileSync(dataset('email-eu-core/departments.txt'), 'utf8'));
      // As the reference figures: undirected simple graph (reciprocal e-mails merged), self-loops dropped by the projection.
      // Also: the directed file projected with reciprocal e-mails summed (weight 2), what the analysis service does.
      const variants = [
        ['email-Eu-core', loadGraphFile(dataset('email-eu-core/edges.txt'))],
        ['email-Eu-core (directed → weighted)', loadGraphFile(dataset('email-eu-core/edges.txt'), { directed: true })],
      ] as const;
      const seeds = [1, 2, 3, 4, 5];
      for (const [name, g] of variants) {
        const t0 = performance.now();
        const runs = seeds.map((seed) => detectPartition(g, { seed }));
        const ms = (performance.now() - t0) / seeds.length;
        const nmis = runs.map((p) => nmi(p.communities, departments));
        const aris = runs.map((p) => ari(p.communities, departments));
        const mean = (v: number[]): number => v.reduce((s, x) => s + x, 0) / v.length;
        figures.push({
          graph: name,
          nodes: g.order,
          ties: g.size - g.selfLoopCount,
          communities: runs.map((p) => p.count).join('/'),
          modularity: +Math.min(...runs.map((p) => p.modularity)).toFixed(4),
          'NMI truth': +mean(nmis).toFixed(3),
          'NMI min–max': `${Math.min(...nmis).toFixed(3)}–${Math.max(...nmis).toFixed(3)}`,
          ARI: +mean(aris).toFixed(3),
          ms: Math.round(ms),
        });
        for (const p of runs) expect(p.modularity).toBeGreaterThanOrEqual(0.4);
        expect(mean(nmis)).toBeGreaterThanOrEqual(0.55);
      }
    },
  );

  it('is deterministic: same seed → identical partition', { timeout: 60_000 }, () => {
    const g = loadGraphFile(dataset('email-eu-core/edges.txt'), { directed: true });
    const a = detectPartition(g, { seed: 7 });
    const b = detectPartition(g, { seed: 7 });
    expect([...b.communities]).toEqual([...a.communities]);
    expect(b.modularity).toBe(a.modularity);
  });
});

// igraph 0.10.2 (Debian python3-igraph), community_multilevel, the best modularity over Python seeds 0–9,
// on the same graphs as read here; recorded in tests/fixtures/datasets/README.md (Python is not needed here).
const IGRAPH_LOUVAIN_BEST: Array<{
  graph: string;
  file: string;
  load?: LoadOptions;
  options?: PartitionOptions;
  modularity: number;
}> = [
  { graph: 'karate', file: 'karate/karate.gml', modularity: 0.41979 },
  { graph: 'lesmis (value)', file: 'lesmis/lesmis.gml', options: { getEdgeWeight: 'value' }, modularity: 0.566688 },
  { graph: 'lesmis (unweighted)', file: 'lesmis/lesmis.gml', options: { getEdgeWeight: null }, modularity: 0.559086 },
  { graph: 'email-Eu-core', file: 'email-eu-core/edges.txt', modularity: 0.415942 },
  {
    graph: 'email-Eu-core (directed → weighted)',
    file: 'email-eu-core/edges.txt',
    load: { directed: true },
    modularity: 0.428266,
  },
  { graph: 'facebook combined', file: 'facebook-ego/combined.txt', modularity: 0.83497 },
];

describe("modularity at least igraph's Louvain (best of 10 seeds) on every dataset, for seeds 1–3", () => {
  it.each(IGRAPH_LOUVAIN_BEST)('$graph: ≥ $modularity', { timeout: 120_000 }, ({ graph, file, load, options, modularity }) => {
    const g = loadGraphFile(dataset(file), load);
    const runs = [1, 2, 3].map((seed) => detectPartition(g, { seed, ...options }));
    const lowest = Math.min(...runs.map((p) => p.modularity));
    figures.push({
      graph: `${graph} vs igraph`,
      nodes: g.order,
      ties: g.size,
      communities: runs.map((p) => p.count).join('/'),
      modularity: +lowest.toFixed(6),
      'NMI truth': `igraph ${modularity}`,
    });
    // The reference is rounded to 6 decimals: equal optima (karate, lesmis) may differ in the 7th.
    for (const p of runs) expect(p.modularity).toBeGreaterThanOrEqual(modularity - 5e-7);
  });
});
