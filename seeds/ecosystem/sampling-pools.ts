// Weighted sampling pools over the stakeholders (by planted community and overall), from which ties draw their targets.
import type { Draws } from '../draws.js';
import { at } from './lists.js';
import type { Entity } from './model.js';
import type { PlantedCommunity } from './planted-communities.js';

/** Weighted sampling over a fixed set of entities: cumulative weights and binary search. */
export class WeightedPool {
  readonly ids: Int32Array;
  private readonly cumulative: Float64Array;
  readonly total: number;

  constructor(ids: readonly number[], weight: (id: number) => number) {
    this.ids = Int32Array.from(ids);
    this.cumulative = new Float64Array(ids.length);
    let sum = 0;
    ids.forEach((id, i) => {
      sum += Math.max(0, weight(id));
      this.cumulative[i] = sum;
    });
    this.total = sum;
  }

  get size(): number {
    return this.ids.length;
  }

  sample(rng: Draws): number {
    const n = this.ids.length;
    if (n === 0) return -1;
    const r = rng.next() * this.total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] ?? 0) > r) hi = mid;
      else lo = mid + 1;
    }
    return this.ids[lo] ?? -1;
  }
}

export interface Pools {
  people: WeightedPool[];
  orgs: WeightedPool[];
  employees: WeightedPool[];
  allPeople: WeightedPool;
  allOrgs: WeightedPool;
}

export function buildPools(entities: readonly Entity[], planted: readonly PlantedCommunity[]): Pools {
  const people: number[][] = planted.map(() => []);
  const orgs: number[][] = planted.map(() => []);
  const employees: number[][] = planted.map(() => []);
  for (const e of entities) {
    for (const c of e.communities) {
      (e.kind === 'PERSON' ? people : orgs)[c]?.push(e.index);
      if (e.category === 'employee') employees[c]?.push(e.index);
    }
  }
  const pop = (id: number): number => at(entities, id).popularity;
  return {
    people: people.map((ids) => new WeightedPool(ids, pop)),
    orgs: orgs.map((ids) => new WeightedPool(ids, pop)),
    employees: employees.map((ids) => new WeightedPool(ids, pop)),
    allPeople: new WeightedPool(
      entities.filter((e) => e.kind === 'PERSON').map((e) => e.index),
      pop,
    ),
    allOrgs: new WeightedPool(
      entities.filter((e) => e.kind === 'ORGANISATION').map((e) => e.index),
      pop,
    ),
  };
}
