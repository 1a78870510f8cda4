// How assessments and network power read in the page: attitude words, percentiles, grid quadrants.

/** Attitude 1 … 5. */
export const ATTITUDE_LABELS: Readonly<Record<number, string>> = {
  1: 'opposes',
  2: 'sceptical',
  3: 'neutral',
  4: 'favourable',
  5: 'supports',
};

export function attitudeText(attitude: number): string {
  return ATTITUDE_LABELS[attitude] ?? String(attitude);
}

/** 0.823 → "82nd percentile"; 0.01 → "1st percentile"; 0.999 → "99th percentile". */
export function percentileText(share: number): string {
  const p = Math.min(99, Math.max(0, Math.floor(share * 100)));
  const tens = p % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : p % 10 === 1 ? 'st' : p % 10 === 2 ? 'nd' : p % 10 === 3 ? 'rd' : 'th';
  return `${p}${suffix} percentile`;
}

/** The classic quadrant of a power × interest position (ratings 1–5; 4 and 5 count as high). */
export function quadrant(power: number, interest: number): string {
  const highPower = power >= 4;
  const highInterest = interest >= 4;
  if (highPower && highInterest) return 'Manage closely';
  if (highPower) return 'Keep satisfied';
  if (highInterest) return 'Keep informed';
  return 'Monitor';
}
