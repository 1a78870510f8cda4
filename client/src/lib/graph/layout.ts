// Node placement: deterministic initial positions, then ForceAtlas2 in a web worker that stops when settled or out of time.
import { MultiDirectedGraph } from 'graphology';
import { inferSettings, type ForceAtlas2Settings } from 'graphology-layout-forceatlas2';
import FA2LayoutSupervisor from 'graphology-layout-forceatlas2/worker';
import type { AtlasGraph } from './model';

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
/** Distance scale between neighbouring nodes of the start picture (graph units). */
const NODE_SPACING = 6;

/** The i-th point of a golden-angle (phyllotaxis) spiral: evenly filled discs, no two points alike. */
function spiralPoint(i: number, spacing: number): { x: number; y: number } {
  const r = spacing * Math.sqrt(i + 0.5);
  return { x: r * Math.cos(i * GOLDEN_ANGLE), y: r * Math.sin(i * GOLDEN_ANGLE) };
}

/**
 * Start positions for ForceAtlas2 without a random source: each declared community (a node's first one; none is a
 * group too) gets a small spiral disc of its members in node order, and the discs sit on a wider spiral, largest
 * first. Same graph, same picture; and starting from groups, FA2 pulls clusters apart rather than out of one disc.
 */
export function seedPositions(graph: AtlasGraph): void {
  const groups = new Map<string, string[]>();
  graph.forEachNode((node, attrs) => {
    const key = attrs.communities[0] ?? '';
    const members = groups.get(key);
    if (members === undefined) groups.set(key, [node]);
    else members.push(node);
  });
  // Largest groups nearest the centre; the sort is stable, so ties keep first-seen order.
  const ordered = [...groups.values()].sort((a, b) => b.length - a.length);
  const meanSize = graph.order / Math.max(1, ordered.length);
  // A spiral of step c leaves about 1.8c between points; discs of the mean size then just touch.
  const groupSpacing = (2 * NODE_SPACING * Math.sqrt(meanSize + 0.5)) / 1.8;
  ordered.forEach((members, g) => {
    const centre = spiralPoint(g, groupSpacing);
    members.forEach((node, j) => {
      const p = spiralPoint(j, NODE_SPACING);
      graph.mergeNodeAttributes(node, { x: centre.x + p.x, y: centre.y + p.y });
    });
  });
}

/** How long the layout may run for a graph of `order` nodes (ms). */
export function layoutBudget(order: number): number {
  return Math.round(Math.min(15_000, 2_500 + order * 3));
}

/** FA2 settings for the graph: graphology's inferred ones, tuned for a calm, readable picture. */
export function layoutSettings(order: number): ForceAtlas2Settings {
  return {
    ...inferSettings(order),
    edgeWeightInfluence: 1,
    barnesHutOptimize: order > 1000,
  };
}

/** Positions as a flat [x0, y0, x1, y1, …] array in node iteration order. */
export function snapshotPositions(graph: AtlasGraph | LayoutShadow): Float64Array {
  const out = new Float64Array(graph.order * 2);
  let i = 0;
  graph.forEachNode((_n, a) => {
    out[i++] = a.x;
    out[i++] = a.y;
  });
  return out;
}

/**
 * Mean node displacement between two snapshots, relative to the layout's extent (bounding-box
 * diagonal of `next`): a scale-free measure of how much the layout still moves.
 */
export function relativeMovement(prev: Float64Array, next: Float64Array): number {
  const n = Math.min(prev.length, next.length) / 2;
  if (n < 1) return 0;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const px = prev[2 * i] ?? 0;
    const py = prev[2 * i + 1] ?? 0;
    const x = next[2 * i] ?? 0;
    const y = next[2 * i + 1] ?? 0;
    total += Math.hypot(x - px, y - py);
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const diagonal = Math.hypot(maxX - minX, maxY - minY);
  return diagonal > 0 ? total / n / diagonal : 0;
}

/** Below this relative movement per sample the layout counts as settled. */
export const SETTLED_MOVEMENT = 0.0015;

export type LayoutEnd = 'settled' | 'budget' | 'stopped';

/** The layout's progress as the supervisor samples it. */
export interface LayoutProgress {
  elapsedMs: number;
  budgetMs: number;
  /** Whether any sample so far has seen nodes move (the worker needs a moment to start). */
  started: boolean;
  /** Consecutive samples, since it started, with movement below SETTLED_MOVEMENT. */
  calmSamples: number;
  /** Iterations the worker has made. */
  iterations: number;
}

/** Never call a layout settled before this much time has passed. */
export const MIN_LAYOUT_MS = 1500;
/** Calm samples in a row that make a layout settled. */
export const CALM_SAMPLES = 3;
/** On a slow machine the budget is stretched (up to BUDGET_STRETCH times) until this many iterations ran. */
export const MIN_ITERATIONS = 150;
export const BUDGET_STRETCH = 3;

/** Whether to stop now, and why; null to keep going. */
export function layoutVerdict(p: LayoutProgress): Exclude<LayoutEnd, 'stopped'> | null {
  if (p.started && p.calmSamples >= CALM_SAMPLES && p.elapsedMs >= MIN_LAYOUT_MS) return 'settled';
  if (p.elapsedMs >= p.budgetMs * BUDGET_STRETCH) return 'budget';
  if (p.elapsedMs >= p.budgetMs && p.iterations >= MIN_ITERATIONS) return 'budget';
  return null;
}

export interface LayoutHandle {
  readonly running: boolean;
  /** Iterations received from the worker so far. */
  readonly iterations: number;
  /** Stops the layout (keeps the worker so it could restart). */
  stop(): void;
  /** Stops and terminates the worker; the handle is dead afterwards. */
  kill(): void;
}

export interface LayoutOptions {
  budgetMs?: number;
  /** How often movement is measured (ms). */
  sampleMs?: number;
  /** How often positions are copied to the rendered graph (ms). */
  frameMs?: number;
  onEnd?: (reason: LayoutEnd) => void;
}

/** The graph the layout worker iterates on: positions and weighted ties only. */
export type LayoutShadow = MultiDirectedGraph<{ x: number; y: number }, { weight: number }>;

/**
 * A private copy of `graph` for the layout, keyed by node index ("0", "1", …) with only positions and tie weights.
 * Integer-like keys are array elements for V8, so building it costs a fraction of `graph.copy()` (whose adjacency is
 * keyed by the stakeholder ids); `nodes` maps each node of `graph` to its index.
 */
export function layoutShadow(graph: AtlasGraph): { shadow: LayoutShadow; nodes: Map<string, string> } {
  const shadow: LayoutShadow = new MultiDirectedGraph();
  const nodes = new Map<string, string>();
  graph.forEachNode((node, attrs) => {
    const key = String(nodes.size);
    nodes.set(node, key);
    shadow.addNode(key, { x: attrs.x, y: attrs.y });
  });
  // Keys given, not generated: graphology's generated keys ("geid_…", each checked against the map) cost more.
  let edges = 0;
  graph.forEachEdge((_edge, attrs, source, target) => {
    shadow.addEdgeWithKey(String(edges++), nodes.get(source)!, nodes.get(target)!, { weight: attrs.weight });
  });
  return { shadow, nodes };
}

/**
 * Runs ForceAtlas2 in a web worker on `graph`, stopping itself when movement settles or the budget is spent.
 *
 * The worker iterates on a private copy of the graph; positions are copied onto `graph` (which the
 * renderer watches) every `frameMs`. Otherwise each iteration would trigger a full redraw, and on
 * slow machines (software WebGL) drawing, not the layout, would set the pace.
 */
export function startLayout(graph: AtlasGraph, options: LayoutOptions = {}): LayoutHandle {
  const budget = options.budgetMs ?? layoutBudget(graph.order);
  const sampleMs = options.sampleMs ?? 400;
  const frameMs = options.frameMs ?? 150;
  const { shadow, nodes } = layoutShadow(graph);
  const supervisor = new FA2LayoutSupervisor(shadow, {
    settings: layoutSettings(graph.order),
    getEdgeWeight: 'weight',
  });
  let running = true;
  let killed = false;
  const started = performance.now();
  let last = snapshotPositions(shadow);
  let calmSamples = 0;
  let moving = false;
  let iterations = 0;
  const countIteration = (): void => {
    iterations++;
  };
  shadow.on('eachNodeAttributesUpdated', countIteration);

  const publish = (): void => {
    graph.updateEachNodeAttributes(
      (node, attrs) => {
        const i = nodes.get(node);
        if (i === undefined) return attrs;
        const { x, y } = shadow.getNodeAttributes(i);
        return { ...attrs, x, y };
      },
      { attributes: ['x', 'y'] },
    );
  };

  const finish = (reason: LayoutEnd): void => {
    if (!running) return;
    running = false;
    clearInterval(sampler);
    clearInterval(painter);
    shadow.off('eachNodeAttributesUpdated', countIteration);
    supervisor.stop();
    publish();
    options.onEnd?.(reason);
  };

  const painter = setInterval(publish, frameMs);
  const sampler = setInterval(() => {
    const now = snapshotPositions(shadow);
    const moved = relativeMovement(last, now);
    last = now;
    if (moved > 0) moving = true;
    calmSamples = moving && moved < SETTLED_MOVEMENT ? calmSamples + 1 : 0;
    const verdict = layoutVerdict({
      elapsedMs: performance.now() - started,
      budgetMs: budget,
      started: moving,
      calmSamples,
      iterations,
    });
    if (verdict !== null) finish(verdict);
  }, sampleMs);

  supervisor.start();

  return {
    get running() {
      return running;
    },
    get iterations() {
      return iterations;
    },
    stop: () => finish('stopped'),
    kill: () => {
      if (killed) return;
      finish('stopped');
      killed = true;
      supervisor.kill();
    },
  };
}
