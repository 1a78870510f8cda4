// Saved layouts: positions kept in localStorage under a hash of the node set, so the same view opens with the same map.
import type { AtlasGraph } from './model';

/** Storage key prefix; the index lists saved layouts, most recent first. */
export const POSITIONS_PREFIX = 'atlas:positions:';
export const POSITIONS_INDEX = 'atlas:positions-index';
/** How many layouts are kept (each is up to a few hundred kB for large networks). */
export const MAX_SAVED_LAYOUTS = 6;

/** Minimal storage interface (localStorage in the app, a Map in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** FNV-1a (32-bit) over a string, as 8 hex digits. */
function fnv1a(text: string, seed = 0x811c9dc5): string {
  let h = seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** A key for a set of node ids, independent of their order: two FNV-1a hashes of the sorted ids and the count. */
export function nodeSetHash(keys: Iterable<string>): string {
  const sorted = [...keys].sort();
  const text = sorted.join('\n');
  return `${sorted.length.toString(36)}-${fnv1a(text)}${fnv1a(text, 0x01000193)}`;
}

interface SavedLayout {
  v: 1;
  /** Node ids in sorted order and their positions, flat [x0, y0, x1, y1, …], rounded. */
  keys: string[];
  xy: number[];
}

/** Serialises the graph's positions (sorted by node id, 2 decimals). */
export function serialisePositions(graph: AtlasGraph): string {
  const keys = graph.nodes().sort();
  const xy: number[] = [];
  for (const k of keys) {
    const a = graph.getNodeAttributes(k);
    xy.push(Math.round(a.x * 100) / 100, Math.round(a.y * 100) / 100);
  }
  const saved: SavedLayout = { v: 1, keys, xy };
  return JSON.stringify(saved);
}

/**
 * Applies serialised positions to the graph when they cover exactly its nodes; returns whether it did.
 * Anything malformed is ignored (the layout then runs as usual).
 */
export function applySerialisedPositions(graph: AtlasGraph, text: string | null): boolean {
  if (text === null) return false;
  let saved: unknown;
  try {
    saved = JSON.parse(text);
  } catch {
    return false;
  }
  if (typeof saved !== 'object' || saved === null) return false;
  const { v, keys, xy } = saved as Partial<SavedLayout>;
  if (v !== 1 || !Array.isArray(keys) || !Array.isArray(xy)) return false;
  if (keys.length !== graph.order || xy.length !== keys.length * 2) return false;
  if (!keys.every((k) => typeof k === 'string' && graph.hasNode(k))) return false;
  if (!xy.every((n) => typeof n === 'number' && Number.isFinite(n))) return false;
  keys.forEach((k, i) => {
    graph.mergeNodeAttributes(k, { x: xy[2 * i] ?? 0, y: xy[2 * i + 1] ?? 0 });
  });
  return true;
}

function readIndex(store: KeyValueStore): string[] {
  try {
    const parsed: unknown = JSON.parse(store.getItem(POSITIONS_INDEX) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** Restores the saved layout of this node set, if any; returns whether positions were applied. */
export function restorePositions(graph: AtlasGraph, store: KeyValueStore | null): boolean {
  if (store === null || graph.order === 0) return false;
  try {
    return applySerialisedPositions(graph, store.getItem(POSITIONS_PREFIX + nodeSetHash(graph.nodes())));
  } catch {
    return false;
  }
}

/** Saves the graph's positions under its node-set hash, keeping the most recent MAX_SAVED_LAYOUTS. */
export function savePositions(graph: AtlasGraph, store: KeyValueStore | null): boolean {
  if (store === null || graph.order === 0) return false;
  const hash = nodeSetHash(graph.nodes());
  const index = [hash, ...readIndex(store).filter((h) => h !== hash)];
  for (const old of index.splice(MAX_SAVED_LAYOUTS)) store.removeItem(POSITIONS_PREFIX + old);
  try {
    store.setItem(POSITIONS_PREFIX + hash, serialisePositions(graph));
    store.setItem(POSITIONS_INDEX, JSON.stringify(index));
    return true;
  } catch {
    // Quota exceeded: drop every saved layout but this one's index entry and give up quietly.
    for (const h of index) store.removeItem(POSITIONS_PREFIX + h);
    store.removeItem(POSITIONS_INDEX);
    return false;
  }
}

/** localStorage when the browser allows it (private modes may throw). */
export function browserStore(): KeyValueStore | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
