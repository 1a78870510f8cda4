// The demo generator's draws (uniform, weighted, normal, log-normal, Pareto, shuffles), all from domain/random.ts.
// The exact sequence is part of the committed demo: changing a draw here changes seeds/demo (regenerate it then).
import { createRandom, deriveSeed, shuffleInPlace } from '../server/src/domain/random.js';

export class Draws {
  private readonly random: () => number;
  private spareNormal: number | null = null;

  /** One independent stream per `label` (a phase: model, ties, memberships) under the run's seed. */
  constructor(seed: number, label = '') {
    this.random = createRandom(deriveSeed(seed, label));
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.random();
  }

  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform float in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Index drawn with probability proportional to weights[i]. */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] ?? 0;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  weightedPick<T>(entries: readonly (readonly [T, number])[]): T {
    const i = this.weightedIndex(entries.map((e) => e[1]));
    const entry = entries[i];
    if (!entry) throw new Error('weightedPick from an empty list');
    return entry[0];
  }

  /** Standard normal (Box–Muller, the spare value kept for the next call). */
  normal(): number {
    if (this.spareNormal !== null) {
      const s = this.spareNormal;
      this.spareNormal = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with median `median` and shape `sigma`. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Pareto with scale 1 and shape `alpha` (heavy tail for small alpha), capped at `cap`. */
  pareto(alpha: number, cap: number): number {
    let u = 0;
    while (u === 0) u = this.next();
    return Math.min(cap, Math.pow(u, -1 / alpha));
  }

  /** Fisher–Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    return shuffleInPlace(this.random, items);
  }
}
