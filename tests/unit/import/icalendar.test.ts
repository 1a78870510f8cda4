// iCalendar import (ical.js): each VEVENT a MEETING at DTSTART in the right zone, organiser as initiator, attendees who
// did not decline as participants, summaries only when asked; hostile input: malformed events, no VCALENDAR, 10 MB lines.
import { describe, expect, it } from 'vitest';
import { ianaOffsetMs, parseICalendar } from '../../../server/src/import/icalendar.js';

const NOW = Date.parse('2026-11-30T00:00:00Z');
const calendar = (...parts: string[]): string =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...parts, 'END:VCALENDAR', ''].join('\r\n');
const event = (...lines: string[]): string => ['BEGIN:VEVENT', ...lines, 'END:VEVENT'].join('\r\n');
const people = [
  'ORGANIZER;CN=Erin Cole:mailto:erin.cole@atlas.example',
  'ATTENDEE;PARTSTAT=ACCEPTED:mailto:alice.martin@acme.com',
  'ATTENDEE;PARTSTAT=DECLINED:mailto:declined@acme.com',
  'ATTENDEE;CUTYPE=ROOM:mailto:room-4@atlas.example',
];

describe('parseICalendar', () => {
  it('makes each event a MEETING between its organiser and the attendees who did not decline', () => {
    const result = parseICalendar(calendar(event('UID:1@test', 'DTSTART:20240110T090000Z', 'SUMMARY:Pricing talk', ...people)), {
      now: NOW,
    });
    expect(result.errors).toEqual([]);
    const [x] = result.bundle.interactions;
    expect(x).toMatchObject({ channel: 'MEETING', at: Date.parse('2024-01-10T09:00:00Z'), initiator: 'erin.cole@atlas.example' });
    expect(x?.participants).toEqual(['erin.cole@atlas.example', 'alice.martin@acme.com']);
    expect(x?.summary).toBeUndefined();
    expect(x?.id).toMatch(/^ics:[0-9a-f]{32}$/);
  });

  it('keeps the summary only when asked', () => {
    const result = parseICalendar(calendar(event('UID:1@test', 'DTSTART:20240110T090000Z', 'SUMMARY:Pricing talk', ...people)), {
      now: NOW,
      keepSummaries: true,
    });
    expect(result.bundle.interactions[0]?.summary).toBe('Pricing talk');
  });

  it('reads the start in a zone the file defines, an IANA zone, or an all-day date', () => {
    const berlin = [
      'BEGIN:VTIMEZONE',
      'TZID:W. Europe Standard Time',
      'BEGIN:STANDARD',
      'DTSTART:16010101T030000',
      'TZOFFSETFROM:+0200',
      'TZOFFSETTO:+0100',
      'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10',
      'END:STANDARD',
      'BEGIN:DAYLIGHT',
      'DTSTART:16010101T020000',
      'TZOFFSETFROM:+0100',
      'TZOFFSETTO:+0200',
      'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3',
      'END:DAYLIGHT',
      'END:VTIMEZONE',
    ].join('\r\n');
    const result = parseICalendar(
      calendar(
        berlin,
        event('UID:a', 'DTSTART;TZID=W. Europe Standard Time:20240710T100000', ...people),
        event('UID:b', 'DTSTART;TZID=America/New_York:20240110T100000', ...people),
        event('UID:c', 'DTSTART;VALUE=DATE:20240301', ...people),
        event('UID:d', 'DTSTART:20240301T120000', ...people),
      ),
      { now: NOW },
    );
    expect(result.errors).toEqual([]);
    expect(result.bundle.interactions.map((x) => new Date(x.at).toISOString())).toEqual([
      '2024-07-10T08:00:00.000Z',
      '2024-01-10T15:00:00.000Z',
      '2024-03-01T00:00:00.000Z',
      '2024-03-01T12:00:00.000Z',
    ]);
    expect(result.warnings.map((w) => w.message)).toContain(
      '1 event without a known time zone (floating or an unknown TZID): their start is taken as UTC',
    );
  });

  it('skips malformed events and says why, keeping the good ones', () => {
    const result = parseICalendar(
      calendar(
        event('UID:no-start', ...people),
        event('UID:bad-start', 'DTSTART:not-a-date', ...people),
        event('UID:alone', 'DTSTART:20240110T090000Z', 'ORGANIZER:mailto:erin.cole@atlas.example'),
        event('UID:cancelled', 'STATUS:CANCELLED', 'DTSTART:20240110T090000Z', ...people),
        event('UID:future', 'DTSTART:20300110T090000Z', ...people),
        event('UID:good', 'DTSTART:20240110T090000Z', ...people),
        event('UID:good', 'DTSTART:20240110T090000Z', ...people),
      ),
      { now: NOW },
    );
    expect(result.errors).toEqual([]);
    expect(result.bundle.interactions).toHaveLength(1);
    const messages = result.warnings.map((w) => `${w.row ?? '-'} ${w.message}`);
    expect(messages).toContain('1 event without a start (DTSTART); skipped');
    expect(messages.some((m) => m.startsWith('2 event skipped:'))).toBe(true);
    expect(messages).toContain('- 1 event with fewer than two people (organiser and attendees who did not decline); skipped');
    expect(messages).toContain('- 1 event cancelled; skipped');
    expect(messages).toContain('- 1 event still to come (more than a day ahead); skipped');
    expect(messages).toContain('- 1 event repeated (same UID and recurrence); skipped');
  });

  it('rejects what is not a calendar, or holds no meeting', () => {
    expect(parseICalendar('hello', { now: NOW }).errors[0]?.message).toMatch(
      /not a readable iCalendar file|not an iCalendar file/,
    );
    expect(parseICalendar('BEGIN:VCARD\r\nVERSION:4.0\r\nEND:VCARD\r\n', { now: NOW }).errors[0]?.message).toContain(
      'not an iCalendar file',
    );
    expect(parseICalendar(calendar(), { now: NOW }).errors[0]?.message).toContain(
      'no meeting with two people among the 0 events',
    );
    expect(parseICalendar(new Uint8Array([0x42, 0xff, 0x0a]), { now: NOW }).errors[0]?.message).toContain('not valid UTF-8');
  });

  it('reads an event with a 10 MB line (an inline attachment) without trouble', () => {
    const attachment = `ATTACH;ENCODING=BASE64;VALUE=BINARY:${'QUJD'.repeat((10 * 1024 * 1024) / 4)}`;
    const result = parseICalendar(calendar(event('UID:big', 'DTSTART:20240110T090000Z', attachment, ...people)), { now: NOW });
    expect(result.errors).toEqual([]);
    expect(result.bundle.interactions).toHaveLength(1);
  });
});

describe('ianaOffsetMs', () => {
  it('gives the offset at a wall-clock time, across daylight saving, and nothing for an unknown zone', () => {
    expect(ianaOffsetMs('Europe/Berlin', Date.UTC(2024, 0, 10, 10))).toBe(3_600_000);
    expect(ianaOffsetMs('Europe/Berlin', Date.UTC(2024, 6, 10, 10))).toBe(7_200_000);
    expect(ianaOffsetMs('Not/AZone', Date.UTC(2024, 0, 10, 10))).toBeUndefined();
  });
});
