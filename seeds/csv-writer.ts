// Small streaming RFC 4180 CSV writer and the "bundle sink" the generators write their tables into.
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';

export type CsvValue = string | number | null | undefined;

/** The tables of the import format and the ground truths, by file name (without `.csv`). */
export const BUNDLE_TABLES = {
  stakeholders: ['source', 'external_id', 'kind', 'name', 'email', 'organisation', 'domain', 'title', 'country'],
  roles: ['stakeholder', 'role', 'since', 'until', 'source', 'value', 'tier'],
  ties: ['from', 'to', 'type', 'weight', 'since'],
  communities: ['id', 'name', 'category', 'description'],
  memberships: ['stakeholder', 'community', 'strength', 'since'],
  'ground-truth': ['stakeholder', 'community'],
  interactions: ['id', 'at', 'channel', 'owner', 'initiator', 'sentiment', 'summary'],
  interaction_participants: ['interaction', 'stakeholder'],
  'ground-truth-stories': ['story', 'stakeholder', 'part', 'community', 'date'],
} as const satisfies Record<string, readonly string[]>;

export type BundleTable = keyof typeof BUNDLE_TABLES;

/** One field: quoted only when it holds a comma, a quote, CR or LF (quotes doubled), per RFC 4180. */
export function formatCsvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(value) : value;
  if (/[",\r\n]/.test(text)) return `"${text.replace(/"/g, '""')}"`;
  return text;
}

/** One record, terminated by LF (the import format accepts LF or CRLF; LF keeps git diffs clean). */
export function formatCsvRow(values: readonly CsvValue[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += ',';
    line += formatCsvField(values[i]);
  }
  return line + '\n';
}

export interface TableWriter {
  /** Buffers a row; returns a promise only when the caller must wait for the stream to drain. */
  row(values: readonly CsvValue[]): Promise<void> | undefined;
  close(): Promise<void>;
}

/** Where a generator writes its tables: a folder on disk, memory, a test double. */
export interface BundleSink {
  table(name: BundleTable): TableWriter;
}

const FLUSH_AT = 1 << 16;

/** Writes rows to a Node stream in 64 KiB chunks and honours back-pressure. */
export class CsvStreamWriter implements TableWriter {
  private buffer = '';

  constructor(
    private readonly stream: WriteStream,
    header: readonly string[],
  ) {
    this.buffer = formatCsvRow(header);
  }

  row(values: readonly CsvValue[]): Promise<void> | undefined {
    this.buffer += formatCsvRow(values);
    if (this.buffer.length < FLUSH_AT) return undefined;
    return this.flush();
  }

  private flush(): Promise<void> | undefined {
    const chunk = this.buffer;
    this.buffer = '';
    if (this.stream.write(chunk, 'utf8')) return undefined;
    return new Promise((resolve, reject) => {
      const onDrain = (): void => {
        this.stream.off('error', onError);
        resolve();
      };
      const onError = (error: Error): void => {
        this.stream.off('drain', onDrain);
        reject(error);
      };
      this.stream.once('drain', onDrain);
      this.stream.once('error', onError);
    });
  }

  async close(): Promise<void> {
    const pending = this.flush();
    if (pending) await pending;
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
  }
}

/** A sink that writes `<dir>/<table>.csv` files (UTF-8, no BOM), creating the folder if needed. */
export function createDirectorySink(dir: string): BundleSink {
  mkdirSync(dir, { recursive: true });
  return {
    table(name) {
      const stream = createWriteStream(join(dir, `${name}.csv`), { encoding: 'utf8' });
      return new CsvStreamWriter(stream, BUNDLE_TABLES[name]);
    },
  };
}
