// Streams the memberships of the declared communities, stakeholder by stakeholder, with strengths and dates.
import { Draws } from '../draws.js';
import { fromDay, toDay } from './company.js';
import { DECLARED, type MembershipContext } from './declared-communities.js';
import { at } from './lists.js';
import { primaryKey, type Ecosystem } from './model.js';

export interface Membership {
  stakeholder: string;
  community: string;
  strength: number;
  since: string;
}

/** Streams memberships of the declared communities, stakeholder by stakeholder. */
export function* generateMemberships(eco: Ecosystem): Generator<Membership> {
  const rng = new Draws(eco.seed, 'memberships');
  const ctx: MembershipContext = {
    planted: eco.planted,
    inPlanted: (e, test) => e.communities.some((i) => test(at(eco.planted, i))),
  };
  for (const e of eco.entities) {
    const key = primaryKey(e);
    for (const d of DECLARED) {
      const p = d.chance(e, ctx);
      if (p <= 0 || !rng.chance(p)) continue;
      const opens = toDay(d.opens);
      let since: number;
      if (d.eventDay !== undefined) {
        const day = toDay(d.eventDay);
        if (e.start > day || e.end < day) continue;
        since = Math.max(opens, day - rng.int(1, 120));
      } else {
        const lo = Math.max(opens, e.start);
        const hi = e.end;
        if (hi < lo) continue;
        since = lo + Math.floor(Math.pow(rng.next(), 1.3) * (hi - lo + 1));
      }
      const strength =
        d.eventDay !== undefined
          ? rng.chance(0.8)
            ? 1
            : 0.5
          : Math.min(1, Math.max(0.05, Math.round(rng.float(0.15, 1) * (e.hub ? 1.3 : 1) * 100) / 100));
      yield { stakeholder: key, community: d.id, strength, since: fromDay(since) };
    }
  }
}
