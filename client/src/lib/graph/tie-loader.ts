// Adds a large answer's ties to the map's graph after the nodes are drawn, in time slices that leave the browser free
// to paint and to answer input between them (issue 12 §2: no main-thread task over 200 ms; decision 085).
import { addTies, type DecodedTies } from './columns';
import type { AtlasGraph } from './model';

/** Work per slice (ms): well under the 50 ms a task may take before the browser calls it long. */
export const TIE_SLICE_MS = 12;
/** Ties added between two looks at the clock. */
const CHECK_EVERY = 256;
/** Up to this many ties are added at once, with the nodes (an ego view, a small ecosystem): no visible second step. */
export const SLICE_TIES_ABOVE = 5_000;

/** Lets the browser run a frame and pending input before the next slice (scheduler.yield where there is one). */
export function yieldToBrowser(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  // A message is not throttled like a nested setTimeout (clamped to 4 ms after five levels).
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export interface TieSliceOptions {
  signal?: AbortSignal;
  sliceMs?: number;
  /** How to give the browser its turn between slices (tests pass a resolved promise). */
  pause?: () => Promise<void>;
}

/**
 * Adds every decoded tie to the graph in slices of about `sliceMs`, yielding between them; resolves true when all are
 * in, false when aborted (the ties added so far stay). While it runs, the graph's `edgeAdded` listeners are detached
 * and put back at the end: sigma reacts to each added tie by re-processing the whole graph on the next frame, which
 * would redo all ties added so far after every slice. Whoever draws the graph refreshes once when this resolves.
 */
export async function addTiesInSlices(graph: AtlasGraph, ties: DecodedTies, options: TieSliceOptions = {}): Promise<boolean> {
  const sliceMs = options.sliceMs ?? TIE_SLICE_MS;
  const pause = options.pause ?? yieldToBrowser;
  const listeners = graph.listeners('edgeAdded');
  for (const listener of listeners) graph.removeListener('edgeAdded', listener);
  try {
    let next = 0;
    while (next < ties.count) {
      if (options.signal?.aborted) return false;
      const until = performance.now() + sliceMs;
      do {
        const end = Math.min(ties.count, next + CHECK_EVERY);
        addTies(graph, ties, next, end);
        next = end;
      } while (next < ties.count && performance.now() < until);
      if (next < ties.count) await pause();
    }
    return !options.signal?.aborted;
  } finally {
    for (const listener of listeners) graph.on('edgeAdded', listener);
  }
}
