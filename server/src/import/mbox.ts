// Reads the mail headers of an mbox file a chunk at a time: From, To, Cc and Date of each message become an EMAIL
// interaction whose sender is its initiator. Bodies are skipped as they stream past and never kept: of each body line
// only its first bytes are looked at, to find the next "From " separator. No other header is read.
// See docs/decisions/093-mbox-header-reader.md.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import emailAddresses from 'email-addresses';
import { hasControlCharacters, isPlausibleEmail } from '../domain/validators.js';
import { emptyBundle, type InteractionOrigin, type InteractionRow, type ParseResult } from './types.js';
import { FUTURE_TOLERANCE_MS, MAX_INTERACTION_PEOPLE, Problems } from './validate.js';
import { EARLIEST_INSTANT } from '../domain/validators.js';

/** A message whose header section is larger than this is skipped (real ones are a few KiB). */
export const MAX_HEADER_BYTES = 256 * 1024;
/** Bytes kept of each line: enough for a "From " separator line; the rest of a long line is never copied. */
const LINE_PREFIX = 512;
const FROM_ = Buffer.from('From ', 'latin1');

/** The headers this reader keeps of one message (raw values, unfolded). */
export interface MailHeaders {
  /** 1-based number of the message in the file. */
  number: number;
  from: string | null;
  to: string | null;
  cc: string | null;
  date: string | null;
  /** The "From sender date" separator line, for its date when the Date header is missing. */
  separator: string;
}

/**
 * A push parser: feed it chunks (any size, any boundary) and it calls `onMessage` with the headers of each message as
 * soon as its header section ends. Memory: one header section (≤ MAX_HEADER_BYTES) and one line prefix, whatever the
 * size of the bodies or of their lines.
 */
export class MboxHeaderReader {
  private state: 'start' | 'headers' | 'body' | 'invalid' = 'start';
  private header: Buffer[] = [];
  private headerBytes = 0;
  private oversized = false;
  private readonly line = Buffer.alloc(LINE_PREFIX);
  private lineKept = 0;
  private lineLength = 0;
  private previousBlank = true;
  private separator = '';
  private count = 0;

  constructor(
    private readonly onMessage: (headers: MailHeaders) => void,
    private readonly onSkipped: (number: number, reason: string) => void,
    private readonly onInvalid: (reason: string) => void,
  ) {}

  get messages(): number {
    return this.count;
  }

  push(chunk: Uint8Array): void {
    let start = 0;
    while (start < chunk.length && this.state !== 'invalid') {
      const lf = chunk.indexOf(0x0a, start);
      const end = lf < 0 ? chunk.length : lf;
      this.take(chunk, start, end);
      if (lf < 0) return;
      this.endLine();
      start = lf + 1;
    }
  }

  /** Call once after the last chunk. */
  end(): void {
    if (this.lineLength > 0) this.endLine();
    if (this.state === 'headers') this.endHeaders();
    if (this.state === 'start') this.onInvalid('the file is empty');
  }

  private take(chunk: Uint8Array, start: number, end: number): void {
    const length = end - start;
    if (this.lineKept < LINE_PREFIX && length > 0) {
      const n = Math.min(LINE_PREFIX - this.lineKept, length);
      this.line.set(chunk.subarray(start, start + n), this.lineKept);
      this.lineKept += n;
    }
    this.lineLength += length;
    if (this.state === 'headers' && length > 0 && !this.oversized) {
      if (this.headerBytes + length > MAX_HEADER_BYTES) this.oversized = true;
      else {
        // A copy: the caller may reuse the chunk's memory.
        this.header.push(Buffer.from(chunk.subarray(start, end)));
        this.headerBytes += length;
      }
    }
  }

  private endLine(): void {
    const blank = this.lineLength === 0 || (this.lineLength === 1 && this.line[0] === 0x0d);
    const isSeparator = this.lineKept >= 5 && this.line.subarray(0, 5).equals(FROM_);
    if (isSeparator && (this.state === 'start' || (this.state === 'body' && this.previousBlank))) {
      this.state = 'headers';
      this.header = [];
      this.headerBytes = 0;
      this.oversized = false;
      this.separator = this.line.toString('latin1', 0, this.lineKept).trimEnd();
    } else if (this.state === 'start') {
      if (!blank) {
        this.state = 'invalid';
        this.onInvalid("the file does not start with a 'From ' line: not an mbox file");
      }
    } else if (this.state === 'headers') {
      if (blank) {
        this.endHeaders();
        this.state = 'body';
      } else if (!this.oversized) {
        this.header.push(Buffer.from('\n'));
        this.headerBytes += 1;
      }
    }
    this.previousBlank = blank;
    this.lineKept = 0;
    this.lineLength = 0;
  }

  private endHeaders(): void {
    this.count++;
    if (this.oversized) {
      this.onSkipped(this.count, `its header section is larger than ${MAX_HEADER_BYTES / 1024} KiB`);
    } else {
      this.onMessage(readHeaders(Buffer.concat(this.header).toString('utf8'), this.count, this.separator));
    }
    this.header = [];
    this.headerBytes = 0;
  }
}

/** The four headers of an unfolded header section (To and Cc may repeat: their lists are joined). */
export function readHeaders(section: string, number: number, separator: string): MailHeaders {
  const headers: MailHeaders = { number, from: null, to: null, cc: null, date: null, separator };
  for (const line of section.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'from' && headers.from === null) headers.from = value;
    else if (name === 'date' && headers.date === null) headers.date = value;
    else if (name === 'to') headers.to = headers.to === null ? value : `${headers.to}, ${value}`;
    else if (name === 'cc') headers.cc = headers.cc === null ? value : `${headers.cc}, ${value}`;
  }
  return headers;
}

const ADDRESS = /[^\s<>,;:"()[\]]+@[^\s<>,;:"()[\]]+/g;

/** The addresses of an address-list header (RFC 5322 with UTF-8; a scan for address-like words when it does not parse). */
export function addressesOf(value: string | null): string[] {
  if (value === null || value.trim() === '') return [];
  const parsed = emailAddresses.parseAddressList({ input: value, rfc6532: true, rejectTLD: false });
  const found: string[] = [];
  if (parsed !== null) {
    for (const entry of parsed) {
      if (entry.type === 'mailbox') found.push(entry.address);
      else for (const member of entry.addresses) found.push(member.address);
    }
  } else {
    found.push(...(value.match(ADDRESS) ?? []));
  }
  return found.map((a) => a.trim()).filter((a) => isPlausibleEmail(a) && !hasControlCharacters(a));
}

/** Epoch milliseconds of the Date header, else of the separator line's date (asctime, UTC); undefined when neither reads. */
export function messageTime(headers: MailHeaders): number | undefined {
  if (headers.date !== null) {
    const time = Date.parse(headers.date.replace(/\([^)]*\)/g, ' ').trim());
    if (Number.isFinite(time)) return time;
  }
  // "From sender Mon Jan  1 00:00:00 2024": the words after the sender.
  const words = headers.separator.split(/\s+/).slice(2).join(' ');
  if (words === '') return undefined;
  const time = Date.parse(`${words} UTC`);
  return Number.isFinite(time) ? time : undefined;
}

export interface MboxOptions {
  fileName?: string;
  now?: number;
}

/** Collects the interactions of an mbox file as its messages' headers arrive. */
class MailInteractions {
  readonly problems = new Problems();
  private readonly bundle = emptyBundle();
  private readonly ids = new Set<string>();
  private readonly origin: InteractionOrigin;
  private readonly file: string;
  private readonly now: number;
  private readonly skipped = { noDate: 0, fewPeople: 0, duplicate: 0, outOfRange: 0 };
  readonly reader: MboxHeaderReader;

  constructor(options: MboxOptions) {
    this.file = options.fileName ?? 'mail.mbox';
    this.now = options.now ?? Date.now();
    this.origin = { file: this.file, participantsFile: this.file };
    this.reader = new MboxHeaderReader(
      (headers) => this.add(headers),
      (number, reason) => this.problems.warn(this.file, number, undefined, `message skipped: ${reason}`),
      (reason) => this.problems.error(this.file, undefined, undefined, reason),
    );
  }

  private add(headers: MailHeaders): void {
    const at = messageTime(headers);
    if (at === undefined) {
      this.skipped.noDate++;
      return;
    }
    if (at < EARLIEST_INSTANT || at > this.now + FUTURE_TOLERANCE_MS) {
      this.skipped.outOfRange++;
      return;
    }
    const from = addressesOf(headers.from)[0];
    const people = new Map<string, string>();
    for (const address of [...(from ? [from] : []), ...addressesOf(headers.to), ...addressesOf(headers.cc)]) {
      const key = address.toLowerCase();
      if (!people.has(key) && people.size < MAX_INTERACTION_PEOPLE) people.set(key, address);
    }
    if (people.size < 2) {
      this.skipped.fewPeople++;
      return;
    }
    // The same message twice (a copy in two folders) is one interaction; importing the file again changes nothing.
    const id = `mbox:${createHash('sha256')
      .update(`${at}\u0000${headers.from ?? ''}\u0000${headers.to ?? ''}\u0000${headers.cc ?? ''}`)
      .digest('hex')
      .slice(0, 32)}`;
    if (this.ids.has(id)) {
      this.skipped.duplicate++;
      return;
    }
    this.ids.add(id);
    const participants = [...people.values()];
    const row: InteractionRow = {
      id,
      at,
      channel: 'EMAIL',
      participants,
      origin: this.origin,
      row: headers.number,
      participantRows: participants.map(() => headers.number),
    };
    if (from !== undefined) row.initiator = from;
    this.bundle.interactions.push(row);
  }

  finish(): ParseResult {
    const { noDate, fewPeople, duplicate, outOfRange } = this.skipped;
    const note = (n: number, what: string): void => {
      if (n > 0) this.problems.warn(this.file, undefined, undefined, `${n} message${n === 1 ? '' : 's'} ${what}; skipped`);
    };
    note(noDate, 'without a readable Date header or separator date');
    note(outOfRange, 'dated before 1900 or more than a day ahead');
    note(fewPeople, 'with fewer than two addresses in From, To and Cc');
    note(duplicate, 'repeated (same sender, recipients and date)');
    if (this.problems.errorCount === 0 && this.bundle.interactions.length === 0) {
      this.problems.error(
        this.file,
        undefined,
        undefined,
        `no message of the ${this.reader.messages} read has a date and two addresses`,
      );
    }
    return { bundle: this.bundle, ...this.problems.result([this.file]) };
  }
}

/** Parses mbox content held in memory (an upload). */
export function parseMbox(content: Uint8Array, options: MboxOptions = {}): ParseResult {
  const mail = new MailInteractions(options);
  mail.reader.push(content);
  mail.reader.end();
  return mail.finish();
}

/** Reads an mbox file as a stream of 1 MiB chunks: bodies pass through without being kept. */
export async function readMboxFile(path: string, options: MboxOptions = {}): Promise<ParseResult> {
  const mail = new MailInteractions(options);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) mail.reader.push(chunk as Buffer);
  mail.reader.end();
  return mail.finish();
}
