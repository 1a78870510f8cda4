// Declared power (a team's assessment) against network power (a run's scores): percentiles and the two lists of the
// power–interest grid. Pure; the thresholds are explained in docs/decisions/096-assessments-and-health-lists.md.

/** Assessments rate power, interest and attitude on this scale (attitude: 1 opposes … 3 neutral … 5 supports). */
export const RATING_MIN = 1;
export const RATING_MAX = 5;
/** A stakeholder rated at least this powerful counts as "rated powerful". */
export const POWERFUL_RATING = 4;
/** Below this PageRank percentile a stakeholder is peripheral in the network. */
export const PERIPHERAL_PERCENTILE = 0.5;
/** At or above this betweenness percentile (and with a betweenness above 0) a stakeholder is a network broker. */
export const BROKER_PERCENTILE = 0.9;

export function isRating(value: number): boolean {
  return Number.isInteger(value) && value >= RATING_MIN && value <= RATING_MAX;
}

/** Index of the first value ≥ `value` in an ascending array. */
function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The share of scores strictly below `value` (0 … 1): 0.82 reads "above 82 % of the ecosystem". 0 for an empty run. */
export function percentileOf(sorted: Float64Array, value: number): number {
  return sorted.length === 0 ? 0 : lowerBound(sorted, value) / sorted.length;
}

export interface NetworkPower {
  run: string;
  pagerank: number;
  pagerankPercentile: number;
  betweenness: number;
  betweennessPercentile: number;
}

/** Rated powerful (power ≥ POWERFUL_RATING) but peripheral: below PERIPHERAL_PERCENTILE of PageRank, or not in the run at all. */
export function isPowerfulPeripheral(power: number, network: NetworkPower | null): boolean {
  return power >= POWERFUL_RATING && (network === null || network.pagerankPercentile < PERIPHERAL_PERCENTILE);
}

/** A network broker: betweenness above 0 and at or above BROKER_PERCENTILE of the run. */
export function isNetworkBroker(network: NetworkPower): boolean {
  return network.betweenness > 0 && network.betweennessPercentile >= BROKER_PERCENTILE;
}
