// Parses the CSV bundle (stakeholders.csv plus optional roles/ties/communities/memberships, and interactions with
// their participants) from file name → bytes, so a folder and a zip go through the same function.
import { CsvError, parse } from 'csv-parse/sync';
import type { ParseResult } from './types.js';
import { BundleBuilder, FIELDS, REQUIRED_FIELDS, type FieldGetter, type Section } from './validate.js';

/** The bundle's files, in the order they are read and reported. */
export const CSV_FILES: ReadonlyArray<{ file: string; section: Section; required: boolean }> = [
  { file: 'stakeholders.csv', section: 'records', required: true },
  { file: 'roles.csv', section: 'roles', required: false },
  { file: 'ties.csv', section: 'ties', required: false },
  { file: 'communities.csv', section: 'communities', required: false },
  { file: 'memberships.csv', section: 'memberships', required: false },
  { file: 'interactions.csv', section: 'interactions', required: false },
  { file: 'interaction_participants.csv', section: 'participants', required: false },
];

const FILE_OF = Object.fromEntries(CSV_FILES.map((f) => [f.section, f.file])) as Record<Section, string>;

/** CSV column name of a bundle field: snake_case (`externalId` → `external_id`). */
export function csvColumnOf(_section: Section, field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export type CsvBundleFiles = ReadonlyMap<string, Uint8Array> | Readonly<Record<string, Uint8Array>>;

export function parseCsvBundle(files: CsvBundleFiles, options: { now?: number } = {}): ParseResult {
  const map: ReadonlyMap<string, Uint8Array> = files instanceof Map ? files : new Map(Object.entries(files));
  const builder = new BundleBuilder({ files: FILE_OF, columnOf: csvColumnOf, ...options });
  const p = builder.problems;
  const known = new Set(CSV_FILES.map((f) => f.file));

  for (const name of [...map.keys()].sort()) {
    if (!known.has(name))
      p.warn(name, undefined, undefined, `unknown file '${name}' ignored (expected ${[...known].join(', ')})`);
  }

  // A bundle of interactions alone adds them to stakeholders already stored.
  const interactionsOnly = map.has('interactions.csv') && !map.has('stakeholders.csv');
  for (const { file, section, required: always } of CSV_FILES) {
    const required = always && !interactionsOnly;
    const bytes = map.get(file);
    if (!bytes) {
      if (required) p.error(file, undefined, undefined, `${file} is missing from the bundle`);
      continue;
    }
    readCsvFile(builder, file, section, required, bytes);
  }
  return builder.finish();
}

function readCsvFile(builder: BundleBuilder, file: string, section: Section, required: boolean, bytes: Uint8Array): void {
  const p = builder.problems;
  const text = decodeUtf8(bytes);
  if (typeof text !== 'string') {
    // Line n is data row n - 1 unless quoted fields span lines, which we cannot know here.
    p.error(file, text.line > 1 ? text.line - 1 : undefined, undefined, text.error);
    return;
  }

  // Rows are handled as they are split and dropped at once: holding a million row arrays
  // would cost more in garbage collection than the parsing itself.
  let header: string[] | undefined;
  let headerOk = false;
  const index = new Map<string, number>();
  let current: string[] = [];
  // One getter per file reading the current row: no per-row objects beyond the split fields.
  const get: FieldGetter = (field) => {
    const i = index.get(field);
    return i === undefined ? undefined : current[i];
  };
  const add = rowAdder(builder, section);
  let width = 0;
  let dataRows = 0;

  const onRow = (row: string[], r: number): void => {
    if (r === 0) {
      header = row;
      headerOk = readHeader(builder, file, section, row, index);
      width = row.length;
      return;
    }
    if (!headerOk) return;
    if (row.length === 1 && row[0] === '') return; // blank line (still counted in row numbers)
    dataRows++;
    if (row.length !== width) {
      builder.rowError(section, r, `expected ${width} fields like the header, found ${row.length}`);
      return;
    }
    current = row;
    add(get, r);
  };

  try {
    forEachCsvRow(text, onRow);
  } catch (e) {
    if (e instanceof CsvError) {
      // csv-parse counts the header as a record, so the failing data row is the count parsed so far.
      const records = (e as CsvError & { records?: number }).records;
      p.error(file, records && records > 0 ? records : undefined, undefined, `malformed CSV: ${e.message}`);
      return;
    }
    throw e;
  }

  if (!header || (header.length === 1 && header[0]!.trim() === '')) {
    p.error(file, undefined, undefined, 'file is empty (expected a header row)');
    return;
  }
  if (headerOk && dataRows === 0 && required)
    p.error(file, undefined, undefined, 'no data rows (at least one stakeholder is required)');
}

// Maps header columns to fields (trimmed, case-insensitive); reports unknown, repeated and missing columns.
function readHeader(
  builder: BundleBuilder,
  file: string,
  section: Section,
  header: string[],
  index: Map<string, number>,
): boolean {
  const p = builder.problems;
  if (header.length === 1 && header[0]!.trim() === '') return false; // empty file, reported by the caller
  const fieldOfColumn = new Map<string, string>(FIELDS[section].map((f) => [csvColumnOf(section, f), f] as const));
  let ok = true;
  header.forEach((raw, i) => {
    const col = raw.trim().toLowerCase();
    const field = fieldOfColumn.get(col);
    if (!field) {
      p.warn(file, undefined, raw, `unknown column '${raw}' ignored`);
      return;
    }
    if (index.has(field)) {
      p.error(file, undefined, col, `column '${col}' appears twice in the header`);
      ok = false;
      return;
    }
    index.set(field, i);
  });
  for (const field of REQUIRED_FIELDS[section]) {
    if (!index.has(field)) {
      const col = csvColumnOf(section, field);
      p.error(file, undefined, col, `missing required column '${col}'`);
      ok = false;
    }
  }
  return ok;
}

function rowAdder(builder: BundleBuilder, section: Section): (get: FieldGetter, row: number) => void {
  switch (section) {
    case 'records':
      return (g, r) => builder.record(g, r);
    case 'roles':
      return (g, r) => builder.role(g, r);
    case 'ties':
      return (g, r) => builder.tie(g, r);
    case 'communities':
      return (g, r) => builder.community(g, r);
    case 'memberships':
      return (g, r) => builder.membership(g, r);
    case 'interactions':
      return (g, r) => builder.interaction(g, r);
    case 'participants':
      return (g, r) => builder.participant(g, r);
  }
}

/**
 * Calls onRow with the fields of each row (RFC 4180) and its 0-based index (0 = header). Text
 * without any quote and without bare CRs is split directly, which is several times faster than
 * csv-parse on million-row tie files and gives the same rows; anything else goes through
 * csv-parse (or always, with `viaCsvParse`, which tests use to compare the two).
 */
export function forEachCsvRow(text: string, onRow: (fields: string[], index: number) => void, viaCsvParse = false): void {
  if (!viaCsvParse && !text.includes('"') && !/\r(?!\n)/.test(text)) {
    let start = 0;
    let index = 0;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      onRow(text.slice(start, stop).split(','), index++);
      start = end + 1;
    }
    return;
  }
  let index = 0;
  parse(text, {
    relax_column_count: true,
    // Handle each record as it comes and keep none: the sync parser then builds no big array.
    on_record: (record: string[]) => {
      onRow(record, index++);
      return null;
    },
  });
}

/** Decodes strict UTF-8 after stripping a BOM; on bad bytes, says where the first one is. */
export function decodeUtf8(bytes: Uint8Array): string | { error: string; line: number } {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    const at = firstInvalidUtf8(body);
    let line = 1;
    for (let i = 0; i < at; i++) if (body[i] === 0x0a) line++;
    const byte = body[at] ?? 0;
    return {
      line,
      error:
        `file is not valid UTF-8 (byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} on line ${line}); ` +
        'save it as UTF-8',
    };
  }
}

// Offset of the first byte that does not start or continue a well-formed UTF-8 sequence.
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    let n: number;
    let min: number;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) [n, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [n, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return b.length;
}
