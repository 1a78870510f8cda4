// The measured effect of an engagement plan once its window has closed: strength, sentiment and reach of the
// engaged seeds and of the segment's members who were not engaged, in the period before the window and in the
// window, and the difference in differences (docs/decisions/098-engagement-effect.md).
//
// Written here because it is this project's own measure. Pure: the store reads the interactions, the relationship
// strength is the one formula of domain/relationship-strength.ts.
import type { MemberInteraction } from '../domain/models.js';
import { relationshipStrength, type PairInteraction } from '../domain/relationship-strength.js';

export type { MemberInteraction };

export interface GroupFigures {
  members: number;
  /** Mean over the members of their strongest relationship (from interactions) at the window's start and end. */
  strengthBefore: number;
  strengthAfter: number;
  /** Mean recorded sentiment of the members' interactions in the period before and in the window; null when none. */
  sentimentBefore: number | null;
  sentimentAfter: number | null;
  /** Share of members with at least one interaction in the period before, and in the window. */
  reachBefore: number;
  reachAfter: number;
}

export interface PlanEffect {
  periodDays: number;
  engaged: GroupFigures;
  notEngaged: GroupFigures;
  /** The engaged group's change minus the not-engaged group's (null when a sentiment is missing). */
  strength: number;
  sentiment: number | null;
  reach: number;
}

const DAY_MS = 86_400_000;

/** A member's strongest relationship as of `at`, from the interactions before it (imported tie weights left out). */
export function strongestRelationship(interactions: readonly MemberInteraction[], at: number): number {
  const byOther = new Map<string, PairInteraction[]>();
  for (const i of interactions) {
    if (i.at > at) continue;
    for (const [other, otherStarted] of i.others) {
      const pair: PairInteraction = {
        at: i.at,
        channel: i.channel,
        sentiment: i.sentiment,
        participants: i.participants,
        // 'a' is the member, 'b' the other one.
        initiator: i.initiator ? 'a' : otherStarted ? 'b' : null,
      };
      const list = byOther.get(other);
      if (list) list.push(pair);
      else byOther.set(other, [pair]);
    }
  }
  let best = 0;
  for (const list of byOther.values()) best = Math.max(best, relationshipStrength(list, 0, at).strength);
  return best;
}

function figures(
  members: readonly string[],
  evidence: ReadonlyMap<string, readonly MemberInteraction[]>,
  start: number,
  end: number,
): GroupFigures {
  const before = start - (end - start);
  let strengthBefore = 0;
  let strengthAfter = 0;
  let reachedBefore = 0;
  let reachedAfter = 0;
  const sentiment = { before: { sum: 0, n: 0 }, after: { sum: 0, n: 0 } };
  for (const member of members) {
    const interactions = evidence.get(member) ?? [];
    strengthBefore += strongestRelationship(interactions, start);
    strengthAfter += strongestRelationship(interactions, end);
    let inBefore = false;
    let inAfter = false;
    for (const i of interactions) {
      const period = i.at >= before && i.at < start ? sentiment.before : i.at >= start && i.at < end ? sentiment.after : null;
      if (period === null) continue;
      if (period === sentiment.before) inBefore = true;
      else inAfter = true;
      if (i.sentiment !== null) {
        period.sum += i.sentiment;
        period.n++;
      }
    }
    if (inBefore) reachedBefore++;
    if (inAfter) reachedAfter++;
  }
  const n = members.length;
  const mean = (x: number): number => (n === 0 ? 0 : x / n);
  return {
    members: n,
    strengthBefore: mean(strengthBefore),
    strengthAfter: mean(strengthAfter),
    sentimentBefore: sentiment.before.n === 0 ? null : sentiment.before.sum / sentiment.before.n,
    sentimentAfter: sentiment.after.n === 0 ? null : sentiment.after.sum / sentiment.after.n,
    reachBefore: mean(reachedBefore),
    reachAfter: mean(reachedAfter),
  };
}

/**
 * The effect of a plan whose window is [start, end) (epoch ms): `engaged` are the seeds whose action was done,
 * `notEngaged` the segment's members who were no seed. The period before is as long as the window and ends at its
 * start.
 */
export function planEffect(
  engaged: readonly string[],
  notEngaged: readonly string[],
  evidence: ReadonlyMap<string, readonly MemberInteraction[]>,
  start: number,
  end: number,
): PlanEffect {
  const a = figures(engaged, evidence, start, end);
  const b = figures(notEngaged, evidence, start, end);
  const change = (after: number | null, before: number | null): number | null =>
    after === null || before === null ? null : after - before;
  const sa = change(a.sentimentAfter, a.sentimentBefore);
  const sb = change(b.sentimentAfter, b.sentimentBefore);
  return {
    periodDays: Math.round((end - start) / DAY_MS),
    engaged: a,
    notEngaged: b,
    strength: a.strengthAfter - a.strengthBefore - (b.strengthAfter - b.strengthBefore),
    sentiment: sa === null || sb === null ? null : sa - sb,
    reach: a.reachAfter - a.reachBefore - (b.reachAfter - b.reachBefore),
  };
}
