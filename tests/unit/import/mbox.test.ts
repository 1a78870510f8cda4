// The mbox header reader: messages split on "From " lines whatever the chunking, only From/To/Cc/Date read, bodies
// never kept (a 10 MB body line), hostile input (huge header sections, missing Date, not an mbox at all).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  addressesOf,
  MAX_HEADER_BYTES,
  MboxHeaderReader,
  parseMbox,
  readMboxFile,
  type MailHeaders,
} from '../../../server/src/import/mbox.js';

const NOW = Date.parse('2026-11-30T00:00:00Z');
const mbox = (...messages: string[]): string => messages.join('\n');
const message = (headers: string, body = 'Hello,\nsee you.\n'): string =>
  `From sender@x.org Mon Jan  8 10:00:00 2024\n${headers}\n\n${body}`;

function readAll(text: string | Uint8Array, chunk = 7): { headers: MailHeaders[]; skipped: string[]; invalid: string[] } {
  const headers: MailHeaders[] = [];
  const skipped: string[] = [];
  const invalid: string[] = [];
  const reader = new MboxHeaderReader(
    (h) => headers.push(h),
    (n, reason) => skipped.push(`${n}: ${reason}`),
    (reason) => invalid.push(reason),
  );
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  for (let i = 0; i < bytes.length; i += chunk) reader.push(bytes.subarray(i, i + chunk));
  reader.end();
  return { headers, skipped, invalid };
}

describe('MboxHeaderReader', () => {
  const two = mbox(
    message(
      'From: Erin Cole <erin.cole@atlas.example>\nTo: alice.martin@acme.com,\n  "Bob, B." <bob@acme.com>\nCc: carol@acme.com\nDate: Mon, 8 Jan 2024 10:00:00 +0100\nSubject: secret plans',
    ),
    message(
      'From: alice.martin@acme.com\nTo: erin.cole@atlas.example\nDate: Tue, 9 Jan 2024 11:30:00 +0000 (UTC)',
      'Text first.\nFrom the start, this body line\nis not a separator.\n\n>From escaped\n',
    ),
  );

  it('finds every message and keeps only From, To, Cc and Date, whatever the chunk boundaries', () => {
    for (const chunk of [1, 3, 7, 64, 1 << 20]) {
      const { headers, skipped, invalid } = readAll(two, chunk);
      expect(invalid).toEqual([]);
      expect(skipped).toEqual([]);
      expect(headers.map((h) => h.number)).toEqual([1, 2]);
      expect(headers[0]).toMatchObject({
        from: 'Erin Cole <erin.cole@atlas.example>',
        to: 'alice.martin@acme.com, "Bob, B." <bob@acme.com>',
        cc: 'carol@acme.com',
        date: 'Mon, 8 Jan 2024 10:00:00 +0100',
      });
      expect(JSON.stringify(headers)).not.toContain('secret plans');
      expect(JSON.stringify(headers)).not.toContain('is not a separator');
    }
  });

  it('never keeps a body line: a 10 MB line passes through', () => {
    const huge = 'A'.repeat(10 * 1024 * 1024);
    const { headers } = readAll(
      mbox(
        message('From: a@x.org\nTo: b@y.org\nDate: Mon, 8 Jan 2024 10:00:00 +0000', `${huge}\n`),
        message('From: b@y.org\nTo: a@x.org\nDate: Mon, 8 Jan 2024 11:00:00 +0000'),
      ),
      1 << 16,
    );
    expect(headers).toHaveLength(2);
    expect(headers[1]?.from).toBe('b@y.org');
  });

  it('skips a message whose header section is larger than the limit, and reads the next one', () => {
    const big = `X-Junk: ${'j'.repeat(MAX_HEADER_BYTES)}`;
    const { headers, skipped } = readAll(
      mbox(message(`From: a@x.org\n${big}\nTo: b@y.org`), message('From: b@y.org\nTo: a@x.org')),
      4096,
    );
    expect(skipped).toEqual([expect.stringMatching(/^1: its header section is larger than 256 KiB/)]);
    expect(headers.map((h) => h.number)).toEqual([2]);
  });

  it('says a file that does not start with a From line is not an mbox', () => {
    expect(readAll('Subject: hi\n\nbody\n').invalid).toEqual([expect.stringContaining('not an mbox file')]);
    expect(readAll('').invalid).toEqual(['the file is empty']);
  });

  it('reads CRLF files', () => {
    const { headers } = readAll(
      message('From: a@x.org\nTo: b@y.org\nDate: Mon, 8 Jan 2024 10:00:00 +0000').replace(/\n/g, '\r\n'),
    );
    expect(headers[0]).toMatchObject({ from: 'a@x.org', to: 'b@y.org' });
  });
});

describe('addressesOf', () => {
  it('reads display names, groups and quoted commas; scans what does not parse', () => {
    expect(addressesOf('"Cole, Erin" <erin.cole@atlas.example>, bob@acme.com')).toEqual([
      'erin.cole@atlas.example',
      'bob@acme.com',
    ]);
    expect(addressesOf('team: a@x.org, b@x.org;')).toEqual(['a@x.org', 'b@x.org']);
    expect(addressesOf('broken <<a@x.org>> ,, junk')).toEqual(['a@x.org']);
    expect(addressesOf(null)).toEqual([]);
    expect(addressesOf('undisclosed-recipients:;')).toEqual([]);
  });
});

describe('parseMbox', () => {
  it('makes one EMAIL interaction per message, the sender its initiator, with a stable id', () => {
    const first = parseMbox(
      Buffer.from(
        message('From: Erin <erin@atlas.example>\nTo: alice@acme.com\nCc: bob@acme.com\nDate: Mon, 8 Jan 2024 10:00:00 +0100'),
      ),
      { now: NOW },
    );
    expect(first.errors).toEqual([]);
    expect(first.bundle.interactions).toHaveLength(1);
    const x = first.bundle.interactions[0]!;
    expect(x).toMatchObject({ channel: 'EMAIL', at: Date.parse('2024-01-08T09:00:00Z'), initiator: 'erin@atlas.example' });
    expect(x.participants).toEqual(['erin@atlas.example', 'alice@acme.com', 'bob@acme.com']);
    expect(x.summary).toBeUndefined();
    const again = parseMbox(
      Buffer.from(
        message('From: Erin <erin@atlas.example>\nTo: alice@acme.com\nCc: bob@acme.com\nDate: Mon, 8 Jan 2024 10:00:00 +0100'),
      ),
      { now: NOW },
    );
    expect(again.bundle.interactions[0]?.id).toBe(x.id);
  });

  it('takes the separator date when Date is missing, and skips messages with no date or fewer than two people', () => {
    const result = parseMbox(
      Buffer.from(
        mbox(
          message('From: a@x.org\nTo: b@y.org'),
          'From sender\nFrom: a@x.org\nTo: b@y.org\n\nbody\n',
          message('From: a@x.org\nDate: Mon, 8 Jan 2024 10:00:00 +0000'),
          message('From: a@x.org\nTo: b@y.org\nDate: Mon, 8 Jan 2024 11:00:00 +0000'),
          message('From: a@x.org\nTo: b@y.org\nDate: Mon, 8 Jan 2024 11:00:00 +0000'),
        ),
      ),
      { now: NOW },
    );
    expect(result.errors).toEqual([]);
    expect(result.bundle.interactions.map((x) => new Date(x.at).toISOString())).toEqual([
      '2024-01-08T10:00:00.000Z',
      '2024-01-08T11:00:00.000Z',
    ]);
    const messages = result.warnings.map((w) => w.message);
    expect(messages).toContain('1 message without a readable Date header or separator date; skipped');
    expect(messages).toContain('1 message with fewer than two addresses in From, To and Cc; skipped');
    expect(messages).toContain('1 message repeated (same sender, recipients and date); skipped');
  });

  it('rejects a mailbox without any usable message', () => {
    const result = parseMbox(Buffer.from(message('From: a@x.org')), { now: NOW });
    expect(result.errors.map((e) => e.message)).toEqual([expect.stringContaining('no message of the 1 read')]);
  });

  it('streams a file from disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-mbox-'));
    try {
      const path = join(dir, 'mail.mbox');
      writeFileSync(
        path,
        mbox(
          message('From: a@x.org\nTo: b@y.org\nDate: Mon, 8 Jan 2024 10:00:00 +0000', `${'B'.repeat(3 << 20)}\n`),
          message('From: b@y.org\nTo: a@x.org\nDate: Mon, 8 Jan 2024 12:00:00 +0000'),
        ),
      );
      const result = await readMboxFile(path, { now: NOW });
      expect(result.errors).toEqual([]);
      expect(result.bundle.interactions).toHaveLength(2);
      expect(result.bundle.interactions[0]?.origin.file).toBe('mail.mbox');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
