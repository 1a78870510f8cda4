// Reads the meetings of an iCalendar file (RFC 5545) with ical.js: each VEVENT becomes a MEETING interaction at its
// DTSTART, its organiser the initiator, the organiser and attendees its participants by e-mail address (matched to
// stakeholders later, by the identity rules). Summaries are personal data: kept only when asked (keepSummaries).
// Cancelled events, declined attendees, rooms and resources, and events still to come are left out; a recurring
// event counts once, at its first start.
import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import { EARLIEST_INSTANT, hasControlCharacters, isPlausibleEmail, MAX_TEXT_LENGTH } from '../domain/validators.js';
import { decodeUtf8 } from './csv-bundle.js';
import { emptyBundle, type InteractionOrigin, type InteractionRow, type ParseResult } from './types.js';
import { FUTURE_TOLERANCE_MS, MAX_INTERACTION_PEOPLE, Problems } from './validate.js';

export interface CalendarOptions {
  fileName?: string;
  /** Store each event's SUMMARY as the interaction's summary (off by default: it is personal data). */
  keepSummaries?: boolean;
  now?: number;
}

/** The address of a CAL-ADDRESS value (`mailto:erin@acme.com`), or undefined when it is none. */
export function calendarAddress(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const address = value.trim().replace(/^mailto:/i, '');
  return isPlausibleEmail(address) && !hasControlCharacters(address) ? address : undefined;
}

/** Offset (ms) of an IANA time zone at a wall-clock time given as if it were UTC; undefined for an unknown zone. */
export function ianaOffsetMs(zone: string, wallClockAsUtc: number): number | undefined {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    return undefined;
  }
  const wallAt = (instant: number): number => {
    const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, Number(p.value)]));
    return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  };
  // Two passes: the offset at the guessed instant, then at the instant it gives (right across a DST change).
  const first = wallAt(wallClockAsUtc) - wallClockAsUtc;
  const second = wallAt(wallClockAsUtc - first) - (wallClockAsUtc - first);
  return second;
}

/** Epoch milliseconds of a DTSTART: UTC, a zone defined in the file, an IANA zone, else (floating) taken as UTC. */
function startMillis(
  time: ICAL.Time,
  tzid: string | null,
  zones: ReadonlyMap<string, ICAL.Timezone>,
): { at: number; guessed: boolean } {
  const wall = Date.UTC(
    time.year,
    time.month - 1,
    time.day,
    time.isDate ? 0 : time.hour,
    time.isDate ? 0 : time.minute,
    time.isDate ? 0 : time.second,
  );
  if (time.isDate) return { at: wall, guessed: false };
  if (time.zone === ICAL.Timezone.utcTimezone) return { at: wall, guessed: false };
  if (tzid !== null) {
    const zone = zones.get(tzid);
    if (zone) {
      const zoned = ICAL.Time.fromData(
        {
          year: time.year,
          month: time.month,
          day: time.day,
          hour: time.hour,
          minute: time.minute,
          second: time.second,
          isDate: false,
        },
        zone,
      );
      return { at: zoned.toUnixTime() * 1000, guessed: false };
    }
    const offset = ianaOffsetMs(tzid, wall);
    if (offset !== undefined) return { at: wall - offset, guessed: false };
  }
  return { at: wall, guessed: true };
}

const eventId = (parts: string): string => `ics:${createHash('sha256').update(parts).digest('hex').slice(0, 32)}`;

export function parseICalendar(content: string | Uint8Array, options: CalendarOptions = {}): ParseResult {
  const file = options.fileName ?? 'calendar.ics';
  const now = options.now ?? Date.now();
  const p = new Problems();
  const bundle = emptyBundle();
  const done = (): ParseResult => ({ bundle, ...p.result([file]) });
  let text: string;
  if (typeof content === 'string') text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  else {
    const decoded = decodeUtf8(content);
    if (typeof decoded !== 'string') {
      p.error(file, undefined, undefined, decoded.error);
      return done();
    }
    text = decoded;
  }

  let calendars: ICAL.Component[];
  try {
    const parsed: unknown = ICAL.parse(text);
    // One top-level component, or several (calendars concatenated).
    const list = (Array.isArray(parsed) && typeof parsed[0] === 'string' ? [parsed] : parsed) as unknown[];
    calendars = list.map((jcal) => new ICAL.Component(jcal as unknown[]));
  } catch (e) {
    p.error(file, undefined, undefined, `not a readable iCalendar file: ${(e as Error).message.slice(0, 200)}`);
    return done();
  }
  if (calendars.length === 0 || calendars.some((c) => c.name !== 'vcalendar')) {
    p.error(file, undefined, undefined, 'not an iCalendar file (expected BEGIN:VCALENDAR)');
    return done();
  }

  const origin: InteractionOrigin = { file, participantsFile: file };
  const ids = new Set<string>();
  const skipped = { cancelled: 0, future: 0, fewPeople: 0, duplicate: 0 };
  let recurring = 0;
  let guessedZones = 0;
  let number = 0;
  for (const calendar of calendars) {
    const zones = new Map<string, ICAL.Timezone>();
    for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) {
      const tzid = vtimezone.getFirstPropertyValue('tzid');
      if (typeof tzid === 'string') zones.set(tzid, new ICAL.Timezone({ component: vtimezone, tzid }));
    }
    for (const event of calendar.getAllSubcomponents('vevent')) {
      number++;
      try {
        if (String(event.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') {
          skipped.cancelled++;
          continue;
        }
        const start = event.getFirstProperty('dtstart');
        const value: unknown = start?.getFirstValue();
        if (!start || !(value instanceof ICAL.Time)) {
          p.warn(file, number, 'DTSTART', 'event without a start (DTSTART); skipped');
          continue;
        }
        const tzid = start.getParameter('tzid');
        const { at, guessed } = startMillis(value, typeof tzid === 'string' ? tzid : null, zones);
        if (!Number.isFinite(at)) {
          p.warn(file, number, 'DTSTART', 'event with an unreadable start (DTSTART); skipped');
          continue;
        }
        if (at < EARLIEST_INSTANT) {
          p.warn(file, number, 'DTSTART', 'event starts before 1900; skipped');
          continue;
        }
        if (at > now + FUTURE_TOLERANCE_MS) {
          skipped.future++;
          continue;
        }
        if (guessed) guessedZones++;
        const organiser = calendarAddress(event.getFirstPropertyValue('organizer'));
        const people = new Map<string, string>();
        if (organiser !== undefined) people.set(organiser.toLowerCase(), organiser);
        for (const attendee of event.getAllProperties('attendee')) {
          const status = String(attendee.getParameter('partstat') ?? '').toUpperCase();
          const kind = String(attendee.getParameter('cutype') ?? '').toUpperCase();
          if (status === 'DECLINED' || kind === 'ROOM' || kind === 'RESOURCE') continue;
          const address = calendarAddress(attendee.getFirstValue());
          if (address !== undefined && !people.has(address.toLowerCase()) && people.size < MAX_INTERACTION_PEOPLE) {
            people.set(address.toLowerCase(), address);
          }
        }
        if (people.size < 2) {
          skipped.fewPeople++;
          continue;
        }
        if (event.hasProperty('rrule')) recurring++;
        const uid = event.getFirstPropertyValue('uid');
        const recurrence = event.getFirstProperty('recurrence-id')?.toICALString() ?? '';
        const id =
          typeof uid === 'string' && uid.trim() !== ''
            ? eventId(`${uid}\u0000${recurrence}`)
            : eventId(`${at}\u0000${[...people.keys()].sort().join(',')}`);
        if (ids.has(id)) {
          skipped.duplicate++;
          continue;
        }
        ids.add(id);
        const participants = [...people.values()];
        const row: InteractionRow = {
          id,
          at,
          channel: 'MEETING',
          participants,
          origin,
          row: number,
          participantRows: participants.map(() => number),
        };
        if (organiser !== undefined) row.initiator = organiser;
        if (options.keepSummaries) {
          const summary = event.getFirstPropertyValue('summary');
          if (typeof summary === 'string' && summary.trim() !== '') {
            const kept = summary.trim().slice(0, MAX_TEXT_LENGTH);
            if (hasControlCharacters(kept, true)) p.warn(file, number, 'SUMMARY', 'summary with control characters not kept');
            else row.summary = kept;
          }
        }
        bundle.interactions.push(row);
      } catch (e) {
        p.warn(file, number, undefined, `event skipped: ${(e as Error).message.slice(0, 200)}`);
      }
    }
  }
  const note = (n: number, what: string): void => {
    if (n > 0) p.warn(file, undefined, undefined, `${n} event${n === 1 ? '' : 's'} ${what}`);
  };
  note(skipped.cancelled, 'cancelled; skipped');
  note(skipped.future, 'still to come (more than a day ahead); skipped');
  note(skipped.fewPeople, 'with fewer than two people (organiser and attendees who did not decline); skipped');
  note(skipped.duplicate, 'repeated (same UID and recurrence); skipped');
  note(recurring, 'recurring: each counted once, at its first start');
  note(guessedZones, 'without a known time zone (floating or an unknown TZID): their start is taken as UTC');
  if (p.errorCount === 0 && bundle.interactions.length === 0) {
    p.error(file, undefined, undefined, `no meeting with two people among the ${number} events of the file`);
  }
  return done();
}
