// Large ecosystems: when the view's filters go to the server, and what the header says.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SLICE_ABOVE,
  planNetworkFilter,
  serverFilter,
  sliceAbove,
  sliceMessage,
} from '../../../client/src/lib/state/slice';
import { initialView, setDateWindow, toggleRole, toggleTieType } from '../../../client/src/lib/state/view-transitions';

const store = (value: string | null) => ({ getItem: () => value, setItem: () => {}, removeItem: () => {} });

describe('slices of large ecosystems', () => {
  it('reads the threshold from storage, else the default', () => {
    expect(sliceAbove(null)).toBe(DEFAULT_SLICE_ABOVE);
    expect(sliceAbove(store('500'))).toBe(500);
    expect(sliceAbove(store('-3'))).toBe(DEFAULT_SLICE_ABOVE);
    expect(sliceAbove(store('lots'))).toBe(DEFAULT_SLICE_ABOVE);
  });

  it('turns the view filters into the server filter', () => {
    expect(serverFilter(initialView())).toBeNull();
    const v = setDateWindow(toggleTieType(toggleRole(initialView(), 'PARTNER'), 'SUPPLIES'), '2022-01-01', null);
    expect(serverFilter(v)).toEqual({ roles: ['PARTNER'], roleMatch: 'ANY', tieTypes: ['SUPPLIES'], since: '2022-01-01' });
  });

  it('sends filters only for ecosystems known to be over the threshold', () => {
    const v = toggleRole(initialView(), 'CUSTOMER');
    expect(planNetworkFilter(null, 100, v)).toBeNull();
    expect(planNetworkFilter(100, 100, v)).toBeNull();
    expect(planNetworkFilter(101, 100, v)).toEqual({ roles: ['CUSTOMER'], roleMatch: 'ANY' });
    expect(planNetworkFilter(101, 100, initialView())).toBeNull();
  });

  it('tells the user when the map is a slice', () => {
    expect(sliceMessage(100, 100, 100, false)).toBeNull();
    expect(sliceMessage(50_000, 12_000, 20_000, false)).toMatch(/50,000 stakeholders.*slice of 12,000.*filters/);
    expect(sliceMessage(50_000, 800, 20_000, true)).toMatch(/matches your filters \(800\)/);
  });
});
