// Network power: percentiles count the scores strictly below, and the grid's two lists follow their thresholds.
import { describe, expect, it } from 'vitest';
import {
  isNetworkBroker,
  isPowerfulPeripheral,
  isRating,
  percentileOf,
  type NetworkPower,
} from '../../../server/src/domain/network-power.js';
import { runTieWeight, TIE_SHARE, tieStrength } from '../../../server/src/domain/relationship-strength.js';

const power = (pagerankPercentile: number, betweenness = 0, betweennessPercentile = 0): NetworkPower => ({
  run: 'r',
  pagerank: 0,
  pagerankPercentile,
  betweenness,
  betweennessPercentile,
});

describe('percentileOf', () => {
  const sorted = Float64Array.from([0, 0, 0.1, 0.2, 0.2, 0.5]);
  it('is the share of scores strictly below', () => {
    expect(percentileOf(sorted, 0)).toBe(0);
    expect(percentileOf(sorted, 0.2)).toBeCloseTo(3 / 6, 12);
    expect(percentileOf(sorted, 0.5)).toBeCloseTo(5 / 6, 12);
    expect(percentileOf(sorted, 9)).toBe(1);
  });
  it('is 0 for an empty run', () => expect(percentileOf(new Float64Array(0), 1)).toBe(0));
});

describe('the grid’s lists', () => {
  it('rated powerful and peripheral: power 4 or 5 below the median PageRank, or absent from the run', () => {
    expect(isPowerfulPeripheral(4, power(0.49))).toBe(true);
    expect(isPowerfulPeripheral(5, null)).toBe(true);
    expect(isPowerfulPeripheral(5, power(0.5))).toBe(false);
    expect(isPowerfulPeripheral(3, power(0.1))).toBe(false);
  });
  it('network broker: betweenness above 0 in the top tenth', () => {
    expect(isNetworkBroker(power(0, 0.01, 0.9))).toBe(true);
    expect(isNetworkBroker(power(0, 0.01, 0.89))).toBe(false);
    expect(isNetworkBroker(power(0, 0, 1))).toBe(false);
  });
  it('ratings are integers 1 to 5', () => {
    expect([1, 5].every(isRating)).toBe(true);
    expect([0, 6, 2.5, Number.NaN].some(isRating)).toBe(false);
  });
});

describe('runTieWeight', () => {
  it('TIES keeps the imported weight', () => expect(runTieWeight('TIES', 3, 0.7)).toBe(3));
  it('RELATIONSHIPS takes the measured strength, else the formula from the tie alone', () => {
    expect(runTieWeight('RELATIONSHIPS', 3, 0.7)).toBe(0.7);
    expect(runTieWeight('RELATIONSHIPS', 3, null)).toBeCloseTo(TIE_SHARE * tieStrength(3), 12);
    expect(runTieWeight('RELATIONSHIPS', 100, null)).toBeLessThanOrEqual(TIE_SHARE);
  });
  it('BLENDED keeps the imported weight, up to doubled by a measured relationship', () => {
    expect(runTieWeight('BLENDED', 3, null)).toBe(3);
    expect(runTieWeight('BLENDED', 3, 0.5)).toBeCloseTo(4.5, 12);
    expect(runTieWeight('BLENDED', 3, 1)).toBe(6);
  });
});
