// The measured effect of an engagement plan on constructed cases: the periods, the three figures, and the difference
// in differences that leaves out a change both groups saw.
import { describe, expect, it } from 'vitest';
import { planEffect, strongestRelationship, type MemberInteraction } from '../../../server/src/analytics/engagement-effect.js';
import { relationshipStrength } from '../../../server/src/domain/relationship-strength.js';

const DAY = 86_400_000;
const START = Date.UTC(2026, 5, 1);
const END = START + 30 * DAY;

const meeting = (at: number, other: string, sentiment: number | null = null): MemberInteraction => ({
  at,
  channel: 'MEETING',
  sentiment,
  participants: 2,
  initiator: false,
  others: [[other, false]],
});

describe('strongestRelationship', () => {
  it('is the strongest pair by the one formula, counting only interactions up to the instant', () => {
    const list = [
      meeting(START - 10 * DAY, 'x'),
      meeting(START - 5 * DAY, 'x'),
      meeting(START - 20 * DAY, 'y'),
      meeting(END - DAY, 'y'),
    ];
    const x = relationshipStrength(
      [START - 10 * DAY, START - 5 * DAY].map((at) => ({
        at,
        channel: 'MEETING' as const,
        sentiment: null,
        participants: 2,
        initiator: null,
      })),
      0,
      START,
    ).strength;
    expect(strongestRelationship(list, START)).toBeCloseTo(x, 12);
    expect(strongestRelationship([], START)).toBe(0);
    expect(strongestRelationship([meeting(END, 'x')], START)).toBe(0);
  });
});

describe('planEffect', () => {
  it('credits the engaged group with its change beyond the not-engaged group', () => {
    const evidence = new Map<string, MemberInteraction[]>([
      // Engaged: quiet before, two warm meetings in the window.
      ['seed', [meeting(START + 2 * DAY, 'owner', 2), meeting(START + 9 * DAY, 'owner', 1)]],
      // Not engaged: one contact before, one in the window (unchanged reach), sentiment 0 both times.
      ['m1', [meeting(START - 10 * DAY, 'owner', 0), meeting(START + 10 * DAY, 'owner', 0)]],
      ['m2', []],
    ]);
    const e = planEffect(['seed'], ['m1', 'm2'], evidence, START, END);
    expect(e.periodDays).toBe(30);
    expect(e.engaged).toMatchObject({ members: 1, reachBefore: 0, reachAfter: 1, sentimentBefore: null, sentimentAfter: 1.5 });
    expect(e.notEngaged).toMatchObject({ members: 2, reachBefore: 0.5, reachAfter: 0.5, sentimentBefore: 0, sentimentAfter: 0 });
    expect(e.reach).toBeCloseTo(1, 12);
    expect(e.engaged.strengthBefore).toBe(0);
    expect(e.engaged.strengthAfter).toBeGreaterThan(0);
    expect(e.strength).toBeCloseTo(
      e.engaged.strengthAfter - e.engaged.strengthBefore - (e.notEngaged.strengthAfter - e.notEngaged.strengthBefore),
      12,
    );
    // No sentiment before the window for the engaged group: no sentiment effect.
    expect(e.sentiment).toBeNull();
  });

  it('gives no effect when both groups change alike', () => {
    const same = (id: string): [string, MemberInteraction[]] => [
      id,
      [meeting(START - 3 * DAY, 'o', 1), meeting(START + 3 * DAY, 'o', 2)],
    ];
    const evidence = new Map([same('a'), same('b')]);
    const e = planEffect(['a'], ['b'], evidence, START, END);
    expect(e.strength).toBeCloseTo(0, 12);
    expect(e.reach).toBeCloseTo(0, 12);
    expect(e.sentiment).toBeCloseTo(0, 12);
  });

  it('counts interactions before the period before, and after the window, in neither period', () => {
    const evidence = new Map([['a', [meeting(START - 31 * DAY, 'o', 2), meeting(END, 'o', -2)]]]);
    const e = planEffect(['a'], [], evidence, START, END);
    expect(e.engaged.reachBefore).toBe(0);
    expect(e.engaged.reachAfter).toBe(0);
    expect(e.notEngaged.members).toBe(0);
    expect(e.notEngaged.strengthAfter).toBe(0);
  });
});
