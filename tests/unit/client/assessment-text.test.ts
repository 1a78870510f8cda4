// How assessments read in the page: attitude words, ordinal percentiles, quadrants.
import { describe, expect, it } from 'vitest';
import { attitudeText, percentileText, quadrant } from '../../../client/src/lib/components/assessment-text';

describe('assessment text', () => {
  it('names attitudes from opposes to supports', () => {
    expect([1, 2, 3, 4, 5].map(attitudeText)).toEqual(['opposes', 'sceptical', 'neutral', 'favourable', 'supports']);
  });
  it('writes percentiles as ordinals, 0 to 99', () => {
    expect(percentileText(0)).toBe('0th percentile');
    expect(percentileText(0.011)).toBe('1st percentile');
    expect(percentileText(0.12)).toBe('12th percentile');
    expect(percentileText(0.823)).toBe('82nd percentile');
    expect(percentileText(0.63)).toBe('63rd percentile');
    expect(percentileText(0.9999)).toBe('99th percentile');
    expect(percentileText(1)).toBe('99th percentile');
  });
  it('places power × interest in the four quadrants', () => {
    expect(quadrant(5, 5)).toBe('Manage closely');
    expect(quadrant(4, 1)).toBe('Keep satisfied');
    expect(quadrant(2, 4)).toBe('Keep informed');
    expect(quadrant(3, 3)).toBe('Monitor');
  });
});
