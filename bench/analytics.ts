// Micro-benchmark of the influence, brokerage and engagement analytics on seeded random stakeholder graphs with planted communities (run: npx tsx bench/analytics.ts).
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import Graph from 'graphology';
import { createRandom } from '../server/src/domain/random.js';
import { betweenness, collapsedDirected, coreNumbers } from '../server/src/analytics/influence.js';
import pagerank from 'graphology-metrics/centrality/pagerank';
import { brokerageRoles, brokersBetween, structuralHoles } from '../server/src/analytics/brokerage.js';
import { planEngagement } from '../server/src/analytics/engagement.js';
import { warmIntroductions } from '../server/src/analytics/introductions.js';
import { singlePointsOfFailure } from '../server/src/analytics/what-if.js';

const ROLES = ['CUSTOMER', 'EMPLOYEE', 'SUPPLIER', 'PARTNER', 'SHAREHOLDER'] as const;
const TYPES = ['WORKS_WITH', 'TALKS_TO', 'BUYS_FROM', 'SUPPLIES', 'FOLLOWS'] as const;

/**
 * A directed multi graph of `nodes` stakeholders in communities of ~`communitySize`, with `ties` ties:
 * 80% inside a community, endpoints drawn proportionally to a heavy-tailed activity (Pareto, α = 2.5)
 * so some stakeholders are hubs; weights 1..10 skewed low; random tie types (parallel ties happen).
 */
export function plantedGraph(nodes: number, ties: number, seed = 42, communitySize = 200): Graph {
  const random = createRandom(seed);
  const graph = new Graph({ type: 'directed', multi: true });
  const communities = Math.max(1, Math.round(nodes / communitySize));
  const activity = new Float64Array(nodes);
  const members: number[][] = Array.from({ length: communities }, () => []);
  for (let i = 0; i < nodes; i++) {
    const c = i % communities;
    members[c]!.push(i);
    activity[i] = Math.min(50, Math.pow(1 - random(), -1 / 2.5));
    const roles = ROLES.filter(() => random() < 0.3);
    graph.addNode(`n${i}`, { roles: roles.length ? roles : ['CUSTOMER'], communities: [`c${c}`] });
  }
  // Cumulative activity per community, and over everyone, for proportional sampling.
  const cumulative = members.map((list) => {
    const acc = new Float64Array(list.length);
    let s = 0;
    list.forEach((v, k) => (acc[k] = s += activity[v]!));
    return acc;
  });
  const pick = (c: number): number => {
    const acc = cumulative[c]!;
    const x = random() * acc[acc.length - 1]!;
    let lo = 0;
    let hi = acc.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (acc[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return members[c]![lo]!;
  };
  let added = 0;
  while (added < ties) {
    const c = Math.floor(random() * communities);
    const s = pick(c);
    const t = random() < 0.8 ? pick(c) : pick(Math.floor(random() * communities));
    if (s === t) continue;
    const weight = 1 + Math.floor(9 * random() * random());
    const type = TYPES[Math.floor(random() * TYPES.length)]!;
    graph.addEdge(`n${s}`, `n${t}`, { weight, type });
    added++;
  }
  return graph;
}

export interface BenchRow {
  graph: string;
  nodes: number;
  ties: number;
  step: string;
  ms: number;
  note: string;
}

function timed<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const r = f();
  return [r, performance.now() - t0];
}

/** Runs the benchmark and returns its rows (also printed as a table with the machine). */
export function runAnalyticsBench(
  sizes: Array<[number, number]> = [
    [10_000, 100_000],
    [100_000, 1_000_000],
  ],
): BenchRow[] {
  const rows: BenchRow[] = [];
  const cpus = os.cpus();
  console.log(
    `machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown cpu'}, ${os.platform()} ${os.arch()}, node ${process.version}`,
  );
  for (const [n, m] of sizes) {
    const [graph, buildMs] = timed(() => plantedGraph(n, m));
    const label = `${n / 1000}k/${m / 1000}k`;
    const add = (step: string, ms: number, note = '') => {
      rows.push({ graph: label, nodes: graph.order, ties: graph.size, step, ms, note });
      console.log(`  ${label} ${step}: ${ms.toFixed(0)} ms ${note}`);
    };
    add('generate graph', buildMs);
    const [simple, collapseMs] = timed(() => collapsedDirected(graph));
    add('collapse parallel ties', collapseMs, `${simple.size} directed pairs`);
    const [, prMs] = timed(() => pagerank(simple, { getEdgeWeight: 'weight', maxIterations: 1000, tolerance: 1e-9 }));
    add('PageRank (graphology-metrics)', prMs);
    const [b, bMs] = timed(() => betweenness(graph, { mode: 'sampled', pivots: 256, seed: 1 }));
    add('betweenness, sampled', bMs, `${b.pivots} pivots`);
    const [, kMs] = timed(() => coreNumbers(graph));
    add('k-core', kMs);
    const [, cMs] = timed(() => structuralHoles(graph));
    add('constraint + effective size', cMs);
    const firstRole = (_n: string, a: { roles?: string[] }) => a.roles?.[0];
    const [gf, gfMs] = timed(() => brokerageRoles(graph, firstRole));
    add('Gould–Fernandez roles (first role)', gfMs, `${gf.sampledBrokers.length} brokers sampled`);
    const roles = (_n: string, a: { roles?: string[] }) => a.roles;
    const [, bbMs] = timed(() => brokersBetween(graph, roles, 'SUPPLIER', 'CUSTOMER', 20));
    add('brokersBetween SUPPLIER→CUSTOMER', bbMs);
    const [paths, wiMs] = timed(() => warmIntroductions(graph, ['n1', 'n2', 'n3'], `n${n - 1}`, { k: 5, maxHops: 4 }));
    add('warm introductions k=5, ≤4 hops', wiMs, `${paths.length} paths`);
    const [spof, spMs] = timed(() => singlePointsOfFailure(graph));
    add('single points of failure', spMs, `${spof.length} found`);
    if (n <= 10_000) {
      const [plan, eMs] = timed(() => planEngagement(graph, { k: 10, seed: 1 }));
      add(
        'engagement k=10, segment = all',
        eMs,
        `reach ${plan.expectedReach.mean.toFixed(1)} ± ${((plan.expectedReach.ci95[1] - plan.expectedReach.ci95[0]) / 2).toFixed(1)}; ${plan.samples.rrSets} RR sets`,
      );
    }
  }
  console.log('| graph | nodes | ties | step | ms | note |');
  console.log('| --- | ---: | ---: | --- | ---: | --- |');
  for (const r of rows) console.log(`| ${r.graph} | ${r.nodes} | ${r.ties} | ${r.step} | ${r.ms.toFixed(0)} | ${r.note} |`);
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) runAnalyticsBench();
