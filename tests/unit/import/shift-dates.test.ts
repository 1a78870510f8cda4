// The demo's dates moved by whole days to end yesterday (decision 104): every dated record moves by the same days,
// the latest lands on the day before "today" whatever its time of day, and the input is left unchanged.
import { describe, expect, it } from 'vitest';
import {
  daysToYesterday,
  latestDate,
  shiftBundleDates,
  shiftDay,
  shiftToYesterday,
} from '../../../server/src/import/shift-dates.js';
import { emptyBundle, type ImportBundle, type InteractionRow } from '../../../server/src/import/types.js';

const DAY = 86_400_000;
const at = (iso: string): number => Date.parse(iso);

function interaction(id: string, when: string): InteractionRow {
  return {
    id,
    at: at(when),
    channel: 'MEETING',
    participants: ['crm:A', 'crm:B'],
    origin: { file: 'interactions.csv', participantsFile: 'interaction_participants.csv' },
    row: 1,
    participantRows: [1, 2],
  };
}

function bundle(): ImportBundle {
  return {
    ...emptyBundle(),
    records: [
      { source: 'crm', externalId: 'A', kind: 'PERSON', name: 'A' },
      { source: 'crm', externalId: 'B', kind: 'PERSON', name: 'B' },
    ],
    roles: [
      { stakeholder: 'crm:A', role: 'CUSTOMER', since: '2020-02-28', until: '2025-05-25' },
      { stakeholder: 'crm:B', role: 'EMPLOYEE' },
    ],
    ties: [
      { from: 'crm:A', to: 'crm:B', type: 'WORKS_WITH', weight: 1, since: '2025-06-30' },
      { from: 'crm:B', to: 'crm:A', type: 'INTERACTS', weight: 2 },
    ],
    communities: [{ id: 'c', name: 'C' }],
    memberships: [{ stakeholder: 'crm:A', community: 'c', strength: 0.5, since: '2024-12-31' }],
    interactions: [interaction('I-1', '2023-11-28T08:00:00Z'), interaction('I-2', '2026-11-26T17:00:00Z')],
  };
}

describe('shiftDay', () => {
  it('moves an ISO day across months, years and leap days, both ways', () => {
    expect(shiftDay('2026-11-27', 3)).toBe('2026-11-30');
    expect(shiftDay('2026-12-30', 3)).toBe('2027-01-02');
    expect(shiftDay('2028-02-28', 1)).toBe('2028-02-29');
    expect(shiftDay('2024-03-01', -1)).toBe('2024-02-29');
    expect(shiftDay('2026-11-27', 0)).toBe('2026-11-27');
  });
});

describe('daysToYesterday', () => {
  it('counts whole UTC days so that the latest day becomes the one before today, at any time of either day', () => {
    const latest = at('2026-11-26T17:00:00Z');
    expect(daysToYesterday(latest, at('2026-11-27T00:00:00Z'))).toBe(0);
    expect(daysToYesterday(latest, at('2026-11-30T04:30:00Z'))).toBe(3);
    expect(daysToYesterday(latest, at('2026-11-30T23:59:59Z'))).toBe(3);
    expect(daysToYesterday(latest, at('2029-07-04T10:00:00Z'))).toBe(950);
    // A clock before the files' dates moves them back.
    expect(daysToYesterday(latest, at('2026-11-20T12:00:00Z'))).toBe(-7);
  });
});

describe('shiftBundleDates', () => {
  it('moves every dated record by the same days, keeps times of day and undated fields, and leaves the input as it was', () => {
    const input = bundle();
    const copy = structuredClone(input);
    const out = shiftBundleDates(input, 10);
    expect(input).toEqual(copy);
    expect(out.roles.map((r) => [r.since, r.until])).toEqual([
      ['2020-03-09', '2025-06-04'],
      [undefined, undefined],
    ]);
    expect(out.ties.map((t) => t.since)).toEqual(['2025-07-10', undefined]);
    expect(out.memberships[0]?.since).toBe('2025-01-10');
    expect(out.interactions.map((x) => new Date(x.at).toISOString())).toEqual([
      '2023-12-08T08:00:00.000Z',
      '2026-12-06T17:00:00.000Z',
    ]);
    // Everything but the dates is the same.
    expect(out.interactions.map(({ at: _at, ...rest }) => rest)).toEqual(input.interactions.map(({ at: _at, ...rest }) => rest));
    expect(out.records).toEqual(input.records);
    expect(out.communities).toEqual(input.communities);
    expect(shiftBundleDates(input, 0)).toBe(input);
    expect(() => shiftBundleDates(input, 1.5)).toThrow(RangeError);
  });
});

describe('shiftToYesterday', () => {
  it('finds the latest date over every dated record and makes it yesterday', () => {
    const input = bundle();
    expect(latestDate(input)).toBe(at('2026-11-26T17:00:00Z'));
    const today = at('2029-07-04T10:00:00Z');
    const { bundle: out, days } = shiftToYesterday(input, today);
    expect(days).toBe(950);
    const latest = latestDate(out)!;
    expect(new Date(latest).toISOString().slice(0, 10)).toBe('2029-07-03');
    expect(Math.floor(today / DAY) - Math.floor(latest / DAY)).toBe(1);
  });

  it('takes a tie, role or membership day as the latest when no interaction is later', () => {
    const input = { ...bundle(), interactions: [] };
    expect(latestDate(input)).toBe(at('2025-06-30T00:00:00Z'));
    const { bundle: out, days } = shiftToYesterday(input, at('2025-07-05T09:00:00Z'));
    expect(days).toBe(4);
    expect(out.ties[0]?.since).toBe('2025-07-04');
  });

  it('leaves a bundle without dates as it is', () => {
    const input = { ...emptyBundle(), communities: [{ id: 'c', name: 'C' }] };
    expect(latestDate(input)).toBeNull();
    expect(shiftToYesterday(input, Date.now())).toEqual({ bundle: input, days: 0 });
  });
});
