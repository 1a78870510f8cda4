// The one seeded pseudo-random generator (mulberry32): analytics, the demo generator and the benchmarks draw from it.

/**
 * A seeded generator of floats in [0, 1) (mulberry32: 32-bit state, period 2^32, good enough
 * for shuffles, tie-breaking and Monte-Carlo simulations; not for cryptography).
 * The same seed always yields the same sequence.
 */
export function createRandom(seed: number): () => number {
  let state = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  return function random(): number {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [0, n) drawn from `random`. */
export function randomInt(random: () => number, n: number): number {
  return Math.floor(random() * n);
}

/** Fisher–Yates shuffle of `items` in place, driven by `random`; returns the same array. */
export function shuffleInPlace<T>(random: () => number, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = items[i] as T;
    items[i] = items[j] as T;
    items[j] = tmp;
  }
  return items;
}

/** 32-bit FNV-1a hash of a string (used to derive seeds from labels). */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The seed of an independent stream named `label` under `seed` (one per phase of a generator),
 * so that drawing more in one phase leaves the other phases' sequences unchanged.
 */
export function deriveSeed(seed: number, label: string): number {
  return (Math.trunc(seed) ^ hashString(label)) >>> 0;
}
