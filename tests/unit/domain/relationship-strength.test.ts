// The relationship-strength formula: each of its parts moves the strength the way the README says.
import { describe, expect, it } from 'vitest';
import {
  HALF_LIFE_DAYS,
  TIE_SHARE,
  decay,
  relationshipStrength,
  tieStrength,
  type PairInteraction,
} from '../../../server/src/domain/relationship-strength.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 29);
const meeting = (daysAgo: number, extra: Partial<PairInteraction> = {}): PairInteraction => ({
  at: NOW - daysAgo * DAY,
  channel: 'MEETING',
  sentiment: null,
  participants: 2,
  initiator: null,
  ...extra,
});

describe('relationship strength', () => {
  it('halves an interaction’s weight every half-life', () => {
    expect(decay(0)).toBe(1);
    expect(decay(HALF_LIFE_DAYS * DAY)).toBeCloseTo(0.5, 12);
    expect(decay(2 * HALF_LIFE_DAYS * DAY)).toBeCloseTo(0.25, 12);
    expect(decay(-5 * DAY)).toBe(1);
  });

  it('is 0 with nothing, grows with interactions and stays below 1', () => {
    expect(relationshipStrength([], 0, NOW).strength).toBe(0);
    const one = relationshipStrength([meeting(1)], 0, NOW).strength;
    const five = relationshipStrength(
      [1, 2, 3, 4, 5].map((d) => meeting(d)),
      0,
      NOW,
    ).strength;
    expect(one).toBeGreaterThan(0);
    expect(five).toBeGreaterThan(one);
    expect(
      relationshipStrength(
        Array.from({ length: 500 }, () => meeting(0)),
        0,
        NOW,
      ).strength,
    ).toBeLessThanOrEqual(1);
  });

  it('weakens as interactions age (a cooling relationship) and ignores those after `now`', () => {
    const recent = relationshipStrength([meeting(5), meeting(10)], 0, NOW).strength;
    const old = relationshipStrength([meeting(200), meeting(210)], 0, NOW).strength;
    expect(old).toBeLessThan(recent);
    const asOfEarlier = relationshipStrength([meeting(5), meeting(200)], 0, NOW - 100 * DAY);
    expect(asOfEarlier.decayedFrequency).toBeCloseTo(decay(100 * DAY), 12);
  });

  it('weighs channels: a meeting says more than an e-mail', () => {
    const meetings = relationshipStrength([meeting(1), meeting(2)], 0, NOW).strength;
    const emails = relationshipStrength([meeting(1, { channel: 'EMAIL' }), meeting(2, { channel: 'EMAIL' })], 0, NOW).strength;
    expect(emails).toBeLessThan(meetings);
  });

  it('shares a many-person interaction among the pairs it relates', () => {
    const private2 = relationshipStrength([meeting(1)], 0, NOW).decayedFrequency;
    const event10 = relationshipStrength([meeting(1, { participants: 10 })], 0, NOW).decayedFrequency;
    expect(event10).toBeCloseTo(private2 / 9, 12);
  });

  it('rewards reciprocity and warmth', () => {
    const emails = (initiators: Array<'a' | 'b'>): PairInteraction[] =>
      initiators.map((initiator, i) => meeting(i + 1, { channel: 'EMAIL', initiator }));
    const balanced = relationshipStrength(emails(['a', 'b', 'a', 'b']), 0, NOW);
    const oneSided = relationshipStrength(emails(['a', 'a', 'a', 'a']), 0, NOW);
    expect(balanced.reciprocity).toBe(1);
    expect(oneSided.reciprocity).toBe(0);
    expect(oneSided.strength).toBeLessThan(balanced.strength);

    const warm = relationshipStrength([meeting(1, { sentiment: 2 }), meeting(3, { sentiment: 1 })], 0, NOW);
    const cold = relationshipStrength([meeting(1, { sentiment: -2 }), meeting(3, { sentiment: -1 })], 0, NOW);
    expect(warm.sentiment).toBeGreaterThan(1);
    expect(cold.strength).toBeLessThan(warm.strength);
  });

  it('blends imported tie weights in, bounded by their share', () => {
    expect(tieStrength(0)).toBe(0);
    const tieOnly = relationshipStrength([], 1e9, NOW);
    expect(tieOnly.strength).toBeCloseTo(TIE_SHARE, 9);
    const both = relationshipStrength([meeting(1)], 2, NOW).strength;
    expect(both).toBeGreaterThan(relationshipStrength([meeting(1)], 0, NOW).strength);
    expect(both).toBeGreaterThan(relationshipStrength([], 2, NOW).strength);
  });
});
