// Streams the ties: heavy-tailed out-degrees, dense inside planted communities, types by role, weights and coherent dates.
import { TIE_TYPES, type TieTypeName } from '../../server/src/domain/vocabulary.js';
import { Draws } from '../draws.js';
import { fromDay } from './company.js';
import { at } from './lists.js';
import { primaryKey, type Ecosystem, type Entity } from './model.js';

export interface Tie {
  from: string;
  to: string;
  /** Entity indices of both ends (for summaries and tests). */
  fromIndex: number;
  toIndex: number;
  type: TieTypeName;
  weight: number;
  since: string;
}

const TYPE_INDEX: Record<TieTypeName, number> = Object.fromEntries(TIE_TYPES.map((t, i) => [t, i])) as Record<
  TieTypeName,
  number
>;
const TYPE_BASE_WEIGHT: Record<TieTypeName, number> = {
  WORKS_WITH: 8,
  REPORTS_TO: 10,
  BUYS_FROM: 6,
  SUPPLIES: 6,
  FOLLOWS: 1.2,
  MENTIONS: 2,
  INTERACTS: 5,
};

function chooseType(rng: Draws, u: Entity, v: Entity): TieTypeName {
  if (u.kind === 'ORGANISATION' && v.kind === 'ORGANISATION') {
    const buyer = u.category === 'customer' || (u.category === 'partner' && v.category === 'supplier');
    const seller = u.category === 'supplier' || (u.category === 'partner' && v.category === 'customer');
    if (buyer && (v.category === 'supplier' || v.category === 'partner')) return 'BUYS_FROM';
    if (seller && (v.category === 'customer' || v.category === 'partner')) return 'SUPPLIES';
    return 'INTERACTS';
  }
  if (u.kind === 'ORGANISATION') return rng.chance(0.6) ? 'MENTIONS' : 'INTERACTS';
  if (v.kind === 'ORGANISATION') {
    if (u.category === 'customer' && (v.category === 'partner' || v.category === 'supplier') && rng.chance(0.3))
      return 'BUYS_FROM';
    const r = rng.next();
    return r < 0.65 ? 'FOLLOWS' : r < 0.85 ? 'MENTIONS' : 'INTERACTS';
  }
  const r = rng.next();
  if (u.category === 'employee' && v.category === 'employee')
    return r < 0.7 ? 'WORKS_WITH' : r < 0.85 ? 'INTERACTS' : r < 0.95 ? 'MENTIONS' : 'FOLLOWS';
  if (u.org >= 0 && u.org === v.org) return r < 0.75 ? 'WORKS_WITH' : r < 0.95 ? 'INTERACTS' : 'MENTIONS';
  if (u.category === 'employee' || v.category === 'employee') {
    if (u.category === 'partner' || v.category === 'partner')
      return r < 0.35 ? 'WORKS_WITH' : r < 0.85 ? 'INTERACTS' : 'MENTIONS';
    return r < 0.7 ? 'INTERACTS' : r < 0.9 ? 'MENTIONS' : 'FOLLOWS';
  }
  return r < 0.45 ? 'INTERACTS' : r < 0.75 ? 'FOLLOWS' : 'MENTIONS';
}

export interface TieOptions {
  ties: number;
  /** Probability that a tie stays inside the community it is drawn for (people). */
  inside?: number;
}

/**
 * Streams `ties` ties in a shuffled order of source stakeholders. Each source's out-degree is its
 * share of the total activity (exact sum); duplicates are avoided with a per-source set, so memory
 * stays O(stakeholders + max degree) and time O(ties · log stakeholders).
 */
export function* generateTies(eco: Ecosystem, options: TieOptions): Generator<Tie> {
  const rng = new Draws(eco.seed, 'ties');
  const { entities, pools } = eco;
  const inside = options.inside ?? 0.9;
  const order = rng.shuffle(entities.map((e) => e.index));
  // The busiest stakeholder goes last: it absorbs what earlier ones could not place (the carry),
  // so the total is exact.
  let busiest = 0;
  order.forEach((ui, i) => {
    if (at(entities, ui).activity > at(entities, at(order, busiest)).activity) busiest = i;
  });
  order.push(...order.splice(busiest, 1));
  const last = at(order, order.length - 1);
  let totalActivity = 0;
  for (const e of entities) totalActivity += e.activity;
  const keys = entities.map(primaryKey);
  const target = Math.max(0, Math.floor(options.ties));
  let cumulative = 0;
  let allotted = 0;
  let carry = 0;
  const local = new Set<number>();

  for (const ui of order) {
    const u = at(entities, ui);
    cumulative += u.activity;
    const upTo = ui === last ? target : Math.floor((target * cumulative) / totalActivity);
    let quota = upTo - allotted + carry;
    allotted = upTo;
    if (quota <= 0) {
      carry = quota;
      continue;
    }
    local.clear();
    const uKey = at(keys, ui);
    const emit = (v: Entity, type: TieTypeName, inner: boolean): Tie | null => {
      const key = v.index * 8 + TYPE_INDEX[type];
      if (v.index === ui || local.has(key)) return null;
      const lo = Math.max(u.start, v.start);
      const hi = Math.min(u.end, v.end);
      if (hi < lo) return null;
      local.add(key);
      const w = TYPE_BASE_WEIGHT[type] * (inner ? 1 : 0.4) * rng.logNormal(1, 0.55);
      return {
        from: uKey,
        to: at(keys, v.index),
        fromIndex: ui,
        toIndex: v.index,
        type,
        weight: Math.max(0.1, Math.round(w * 10) / 10),
        since: fromDay(lo + Math.floor(rng.next() * (hi - lo + 1))),
      };
    };

    if (u.manager >= 0) {
      const tie = emit(at(entities, u.manager), 'REPORTS_TO', true);
      if (tie) {
        yield tie;
        quota--;
      }
    }
    const org = u.org >= 0 ? at(entities, u.org) : null;
    let attempts = ui === last ? quota * 50 + 200 : quota * 4 + 8;
    while (quota > 0 && attempts-- > 0) {
      const c = u.communities.length === 1 || rng.chance(0.45) ? at(u.communities, 0) : rng.pick(u.communities);
      const inner = rng.chance(u.kind === 'PERSON' ? inside : inside - 0.07);
      const wantOrg = u.kind === 'ORGANISATION' ? rng.chance(0.7) : rng.chance(0.06);
      let vi = -1;
      if (inner) {
        if (wantOrg) vi = at(pools.orgs, c).sample(rng);
        else if (org && org.contacts.length > 1 && rng.chance(0.3)) vi = rng.pick(org.contacts);
        else if (u.category === 'employee' && rng.chance(0.3)) vi = at(pools.employees, c).sample(rng);
        else vi = at(pools.people, c).sample(rng);
      } else {
        const pool = wantOrg ? pools.allOrgs : pools.allPeople;
        for (let t = 0; t < 4; t++) {
          const cand = pool.sample(rng);
          if (cand >= 0 && !at(entities, cand).communities.some((x) => u.communities.includes(x))) {
            vi = cand;
            break;
          }
        }
      }
      if (vi < 0) continue;
      const v = at(entities, vi);
      const tie = emit(v, chooseType(rng, u, v), inner);
      if (tie) {
        yield tie;
        quota--;
      }
    }
    carry = quota;
  }
}
