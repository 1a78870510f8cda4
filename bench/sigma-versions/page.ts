// The page of the sigma 3 vs sigma 4 benchmark (../sigma-versions.ts): builds one seeded graph from the URL's
// parameters (nodes with sizes and colours by community, ties) and draws it with the Sigma class it is given, then
// reports how long the renderer took to its first frame. page-v3.ts and page-v4.ts bundle it with each major.
import { MultiDirectedGraph } from 'graphology';

export interface BenchRenderer {
  kill(): void;
}
export type CreateRenderer = (graph: MultiDirectedGraph, container: HTMLElement) => BenchRenderer;

export interface PageReport {
  version: string;
  nodes: number;
  ties: number;
  /** Building the graphology graph (not the renderer's work). */
  buildMs: number;
  /** From `new Sigma(…)` to the next animation frame (the first frame on screen). */
  firstFrameMs: number;
  /** The constructor alone (synchronous work on the main thread). */
  constructorMs: number;
}

/** The project's seeded generator is server code; this page only needs a small, stable stream. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PALETTE = [
  '#2563EB',
  '#DC2626',
  '#059669',
  '#D97706',
  '#7C3AED',
  '#DB2777',
  '#0891B2',
  '#65A30D',
  '#EA580C',
  '#4F46E5',
  '#0D9488',
  '#B45309',
];

/** Communities of about 500 nodes in discs on a spiral; 85 % of ties inside a community; sizes heavy-tailed. */
export function benchGraph(nodes: number, ties: number, seed: number): MultiDirectedGraph {
  const random = mulberry32(seed);
  const graph = new MultiDirectedGraph();
  const communities = Math.max(10, Math.round(nodes / 500));
  const members: number[][] = Array.from({ length: communities }, () => []);
  const golden = Math.PI * (3 - Math.sqrt(5));
  for (let i = 0; i < nodes; i++) {
    const c = Math.floor(random() * communities);
    members[c]!.push(i);
    const r = 60 * Math.sqrt(c + 0.5);
    const spread = 12 * Math.sqrt(nodes / communities);
    // Box–Muller: a normal spread around the community's centre.
    const u = Math.max(1e-9, random());
    const v = random();
    const radius = spread * Math.sqrt(-2 * Math.log(u)) * 0.35;
    graph.addNode(String(i), {
      x: r * Math.cos(c * golden) * 10 + radius * Math.cos(2 * Math.PI * v),
      y: r * Math.sin(c * golden) * 10 + radius * Math.sin(2 * Math.PI * v),
      size: 2.5 + 10.5 * random() ** 3,
      color: PALETTE[c % PALETTE.length],
      label: `Stakeholder ${i}`,
      community: c,
    });
  }
  for (let k = 0; k < ties; k++) {
    const source = Math.floor(random() * nodes);
    const own = members[graph.getNodeAttribute(String(source), 'community') as number]!;
    const target = random() < 0.85 ? own[Math.floor(random() * own.length)]! : Math.floor(random() * nodes);
    graph.addEdgeWithKey(String(k), String(source), String(target), { size: 0.3 + 1.2 * random(), color: '#CDD2D9' });
  }
  return graph;
}

/** Builds the graph of `?nodes=&ties=&seed=`, draws it and leaves the report on `window.__benchReport`. */
export function runPage(version: string, create: CreateRenderer): void {
  const params = new URLSearchParams(window.location.search);
  const nodes = Number(params.get('nodes') ?? 10_000);
  const ties = Number(params.get('ties') ?? 100_000);
  const seed = Number(params.get('seed') ?? 1);
  const container = document.getElementById('stage')!;
  const built = performance.now();
  const graph = benchGraph(nodes, ties, seed);
  const buildMs = performance.now() - built;
  // Let the browser finish the task that built the graph before the renderer starts.
  setTimeout(() => {
    const start = performance.now();
    const renderer = create(graph, container);
    const constructorMs = performance.now() - start;
    requestAnimationFrame(() => {
      const report: PageReport = {
        version,
        nodes,
        ties: graph.size,
        buildMs,
        constructorMs,
        firstFrameMs: performance.now() - start,
      };
      (window as unknown as { __benchReport: PageReport; __renderer: BenchRenderer }).__benchReport = report;
      (window as unknown as { __renderer: BenchRenderer }).__renderer = renderer;
    });
  }, 50);
}
