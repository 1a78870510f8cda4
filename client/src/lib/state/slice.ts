// Large ecosystems: above a configurable number of stakeholders the client asks the server for a filtered slice.
import type { NetworkFilter } from '../graphql/generated/graphql';
import type { KeyValueStore } from '../graph/positions';
import type { ViewSnapshot } from './view-transitions';

/** Default: above this many stakeholders, the map loads a slice instead of everything. */
export const DEFAULT_SLICE_ABOVE = 20_000;
export const SLICE_ABOVE_KEY = 'atlas:slice-above';
export const KNOWN_TOTAL_KEY = 'atlas:known-total';

/** The threshold: localStorage `atlas:slice-above` (set by hand or by a test), else the default. */
export function sliceAbove(store: KeyValueStore | null): number {
  const raw = Number(store?.getItem(SLICE_ABOVE_KEY) ?? Number.NaN);
  return Number.isInteger(raw) && raw > 0 ? raw : DEFAULT_SLICE_ABOVE;
}

/** The view's filters in the server's NetworkFilter shape; null when none is set. */
export function serverFilter(
  v: Pick<ViewSnapshot, 'roles' | 'roleMatch' | 'community' | 'tieTypes' | 'since' | 'until'>,
): NetworkFilter | null {
  const filter: NetworkFilter = {};
  if (v.roles.length > 0) {
    filter.roles = [...v.roles];
    filter.roleMatch = v.roleMatch;
  }
  if (v.community !== null) filter.community = v.community;
  if (v.tieTypes.length > 0) filter.tieTypes = [...v.tieTypes];
  if (v.since !== null) filter.since = v.since;
  if (v.until !== null) filter.until = v.until;
  return Object.keys(filter).length === 0 ? null : filter;
}

/**
 * Whether to send the view's filters with the network request: only when the ecosystem is known to be larger
 * than the threshold (small ones load whole and filter instantly on the client).
 */
export function planNetworkFilter(
  knownTotal: number | null,
  threshold: number,
  view: Parameters<typeof serverFilter>[0],
): NetworkFilter | null {
  if (knownTotal === null || knownTotal <= threshold) return null;
  return serverFilter(view);
}

/** What the header says about a slice, or null when the whole network is shown. */
export function sliceMessage(total: number, shown: number, threshold: number, filtered: boolean): string | null {
  if (total <= threshold) return null;
  const fmt = (n: number): string => n.toLocaleString('en-GB');
  return filtered
    ? `Large ecosystem (${fmt(total)} stakeholders, over ${fmt(threshold)}): showing the slice that matches your filters (${fmt(shown)}).`
    : `Large ecosystem (${fmt(total)} stakeholders, over ${fmt(threshold)}): showing a slice of ${fmt(shown)}. Set filters — they are applied by the server — or open an ego view to see the rest.`;
}
