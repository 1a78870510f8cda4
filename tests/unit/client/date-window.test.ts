// The date window's pure parts: the extent of the ties' dates, open ends at the extent's edges, and Play's steps.
import Graph from 'graphology';
import { describe, expect, it } from 'vitest';
import { dateExtent, dayToIso, isoToDay, playSteps, windowOf } from '../../../client/src/lib/state/date-window';
import { passesTieFilters } from '../../../client/src/lib/state/view-transitions';

function graphWith(dates: Array<string | null>) {
  const g = new Graph({ multi: true });
  g.addNode('a');
  g.addNode('b');
  for (const since of dates) g.addEdge('a', 'b', { since });
  return g;
}

describe('date window', () => {
  it('converts ISO days and day numbers both ways', () => {
    expect(isoToDay('1970-01-02')).toBe(1);
    expect(dayToIso(isoToDay('2024-02-29'))).toBe('2024-02-29');
    expect(isoToDay('2024-02-29T13:00:00Z')).toBe(isoToDay('2024-02-29'));
  });

  it('finds the earliest and latest dated tie and counts the undated ones', () => {
    const e = dateExtent(graphWith(['2021-03-01', null, '2019-07-15', '2023-01-31']) as never);
    expect(e).toEqual({ first: isoToDay('2019-07-15'), last: isoToDay('2023-01-31'), dated: 3, undated: 1 });
    expect(dateExtent(graphWith([null]) as never)).toBeNull();
  });

  it('keeps ends at the extent as open ends, clamps and orders the rest', () => {
    const e = { first: 100, last: 200, dated: 1, undated: 0 };
    expect(windowOf(e, 100, 200)).toEqual({ since: null, until: null });
    expect(windowOf(e, 50, 150)).toEqual({ since: null, until: dayToIso(150) });
    expect(windowOf(e, 180, 120)).toEqual({ since: dayToIso(120), until: dayToIso(180) });
  });

  it('plays the end from the start to the last day in even, rising steps', () => {
    const e = { first: 0, last: 100, dated: 1, undated: 0 };
    const steps = playSteps(e, 20, 4);
    expect(steps).toEqual([40, 60, 80, 100]);
    expect(playSteps(e, 100, 4)).toEqual([100]);
    expect(playSteps({ first: 0, last: 3, dated: 1, undated: 0 }, 0, 10)).toEqual([0, 1, 2, 3].slice(1));
  });

  it("reaches over the pairs' first and last interactions too, and counts a tie with either as dated", () => {
    const g = new Graph({ multi: true });
    g.addNode('a');
    g.addNode('b');
    g.addEdge('a', 'b', { since: '2021-03-01', firstInteraction: null, lastInteraction: null });
    g.addEdge('a', 'b', { since: null, firstInteraction: '2019-05-02', lastInteraction: '2025-10-30' });
    g.addEdge('a', 'b', { since: null, firstInteraction: null, lastInteraction: null });
    expect(dateExtent(g as never)).toEqual({ first: isoToDay('2019-05-02'), last: isoToDay('2025-10-30'), dated: 2, undated: 1 });
  });
});

describe('the date window rule: dated inside, or the pair in contact during the window', () => {
  const tie = (since: string | null, first: string | null = null, last: string | null = null) => ({
    tieType: 'WORKS_WITH' as const,
    since,
    firstInteraction: first,
    lastInteraction: last,
  });
  const window = (since: string | null, until: string | null) => ({ tieTypes: [], since, until });
  const w = window('2024-01-01', '2024-06-30');

  it('shows a tie dated inside the window, ends included, and no other tie without interactions', () => {
    expect(passesTieFilters(tie('2024-01-01'), w)).toBe(true);
    expect(passesTieFilters(tie('2024-06-30'), w)).toBe(true);
    expect(passesTieFilters(tie('2023-12-31'), w)).toBe(false);
    expect(passesTieFilters(tie('2024-07-01'), w)).toBe(false);
    expect(passesTieFilters(tie(null), w)).toBe(false);
    expect(passesTieFilters(tie(null), window(null, null))).toBe(true);
  });

  it("shows a tie dated outside (or undated) when its pair's first-to-last interaction span overlaps the window", () => {
    // An interaction inside the window.
    expect(passesTieFilters(tie('2020-01-01', '2024-03-01', '2024-03-01'), w)).toBe(true);
    // In contact across the whole window (first before, last after), with no interaction inside it.
    expect(passesTieFilters(tie(null, '2023-01-01', '2025-01-01'), w)).toBe(true);
    // The last interaction on the window's first day, the first on its last day.
    expect(passesTieFilters(tie(null, '2023-01-01', '2024-01-01'), w)).toBe(true);
    expect(passesTieFilters(tie(null, '2024-06-30', '2025-01-01'), w)).toBe(true);
    // Contact ended before the window, or began after it.
    expect(passesTieFilters(tie(null, '2022-01-01', '2023-12-31'), w)).toBe(false);
    expect(passesTieFilters(tie('2019-01-01', '2024-07-01', '2025-01-01'), w)).toBe(false);
  });

  it("with one open end: Play's window shows a pair from the day of its first interaction", () => {
    const pair = tie(null, '2024-03-10', '2026-01-01');
    expect(passesTieFilters(pair, window(null, '2024-03-09'))).toBe(false);
    expect(passesTieFilters(pair, window(null, '2024-03-10'))).toBe(true);
    expect(passesTieFilters(pair, window('2026-01-01', null))).toBe(true);
    expect(passesTieFilters(pair, window('2026-01-02', null))).toBe(false);
  });

  it('still applies the tie type filter first', () => {
    expect(passesTieFilters(tie('2024-02-02'), { tieTypes: ['MENTIONS'], since: '2024-01-01', until: null })).toBe(false);
  });
});
