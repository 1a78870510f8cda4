// Node placement: seeded initial positions, then ForceAtlas2 in a web worker that stops when settled or out of time.
import random from 'graphology-layout/random';
import { inferSettings, type ForceAtlas2Settings } from 'graphology-layout-forceatlas2';
import FA2LayoutSupervisor from 'graphology-layout-forceatlas2/worker';
import type { AtlasGraph } from './model';
import { createRandom } from './random';

/** Places nodes uniformly at random in a square scaled to the graph's size, reproducibly for a seed. */
export function seedPositions(graph: AtlasGraph, seed = 1): void {
  const scale = Math.max(10, Math.sqrt(graph.order) * 10);
  random.assign(graph, { rng: createRandom(seed), scale, center: 0 });
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
export function snapshotPositions(graph: AtlasGraph): Float64Array {
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

export interface LayoutHandle {
  readonly running: boolean;
  /** Stops the layout (keeps the worker so it could restart). */
  stop(): void;
  /** Stops and terminates the worker; the handle is dead afterwards. */
  kill(): void;
}

export interface LayoutOptions {
  budgetMs?: number;
  sampleMs?: number;
  onEnd?: (reason: LayoutEnd) => void;
}

/** Runs ForceAtlas2 in a web worker on `graph`, stopping itself when movement settles or the budget is spent. */
export function startLayout(graph: AtlasGraph, options: LayoutOptions = {}): LayoutHandle {
  const budget = options.budgetMs ?? layoutBudget(graph.order);
  const sampleMs = options.sampleMs ?? 400;
  const supervisor = new FA2LayoutSupervisor(graph, {
    settings: layoutSettings(graph.order),
    getEdgeWeight: 'weight',
  });
  let running = true;
  let killed = false;
  const started = performance.now();
  let last = snapshotPositions(graph);
  let calmSamples = 0;

  const finish = (reason: LayoutEnd): void => {
    if (!running) return;
    running = false;
    clearInterval(timer);
    supervisor.stop();
    options.onEnd?.(reason);
  };

  const timer = setInterval(() => {
    const now = snapshotPositions(graph);
    const moved = relativeMovement(last, now);
    last = now;
    calmSamples = moved < SETTLED_MOVEMENT ? calmSamples + 1 : 0;
    if (calmSamples >= 2) finish('settled');
    else if (performance.now() - started > budget) finish('budget');
  }, sampleMs);

  supervisor.start();

  return {
    get running() {
      return running;
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
