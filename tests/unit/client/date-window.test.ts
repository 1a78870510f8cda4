// The date window's pure parts: the extent of the ties' dates, open ends at the extent's edges, and Play's steps.
import Graph from 'graphology';
import { describe, expect, it } from 'vitest';
import { dateExtent, dayToIso, isoToDay, playSteps, windowOf } from '../../../client/src/lib/state/date-window';

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
});
