// Reads an import from a path (folder, zip, JSON, GEXF, GraphML, iCalendar, mbox) or from uploaded content, and
// hands it to the matching parser; the CLI and the GraphQL mutation share this one entry.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { unzipSync } from 'fflate';
import type { ParseResult } from './types.js';
import { parseCsvBundle } from './csv-bundle.js';
import { parseJsonBundle } from './json-bundle.js';
import { parseGraphFile } from './graph-formats.js';
import { parseICalendar } from './icalendar.js';
import { parseMbox, readMboxFile } from './mbox.js';
import { emptyBundle } from './types.js';
import { Problems } from './validate.js';

export type ImportFormat = 'CSV_ZIP' | 'JSON' | 'GEXF' | 'GRAPHML' | 'ICALENDAR' | 'MBOX';

export interface ImportContentOptions {
  /** Source system for GEXF/GraphML nodes without a `source` attribute. */
  source?: string;
  /** Name to report in problems (defaults per format). */
  fileName?: string;
  /** iCalendar: keep each event's SUMMARY (personal data, off by default). */
  keepSummaries?: boolean;
}

/** Extensions read as single files; a folder is read as a CSV bundle. */
const FORMAT_OF_EXTENSION: Record<string, ImportFormat> = {
  '.zip': 'CSV_ZIP',
  '.json': 'JSON',
  '.gexf': 'GEXF',
  '.graphml': 'GRAPHML',
  '.xml': 'GRAPHML', // sniffed: a .xml holding <gexf> is read as GEXF
  '.ics': 'ICALENDAR',
  '.ical': 'ICALENDAR',
  '.mbox': 'MBOX',
  '.mbx': 'MBOX',
};

export async function readImportInput(
  path: string,
  opts: { source?: string; keepSummaries?: boolean; now?: number } = {},
): Promise<ParseResult> {
  let isDir: boolean;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch (e) {
    return failure(path, `cannot read '${path}': ${(e as Error).message}`);
  }
  if (isDir) return parseCsvBundle(await readFolder(path), opts.now === undefined ? {} : { now: opts.now });

  const ext = extname(path).toLowerCase();
  let format = FORMAT_OF_EXTENSION[ext];
  if (!format) {
    const hint = ext === '.csv' ? ' (a CSV bundle is a folder or a .zip holding stakeholders.csv and friends)' : '';
    return failure(
      basename(path),
      `unknown file type '${ext || basename(path)}'${hint}; expected a folder, .zip, .json, .gexf, .graphml, .xml, .ics or .mbox`,
    );
  }
  // A mailbox may be gigabytes of bodies: streamed, never read whole.
  if (format === 'MBOX') return readMboxFile(path, { fileName: basename(path) });
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    return failure(path, `cannot read '${path}': ${(e as Error).message}`);
  }
  if (ext === '.xml' && looksLikeGexf(bytes)) format = 'GEXF';
  return parseImportContent(format, bytes, { ...opts, fileName: basename(path) });
}

/**
 * Parses uploaded content. Text formats accept a string or UTF-8 bytes; CSV_ZIP accepts the zip's
 * bytes or, as a string, its base64 encoding (how the GraphQL mutation carries it).
 */
export function parseImportContent(
  format: ImportFormat,
  content: Uint8Array | string,
  opts: ImportContentOptions = {},
): ParseResult {
  switch (format) {
    case 'CSV_ZIP': {
      const bytes = typeof content === 'string' ? base64Bytes(content) : content;
      const files = unzipBundle(bytes);
      if ('error' in files) return failure(opts.fileName ?? 'bundle.zip', files.error);
      return parseCsvBundle(files.files);
    }
    case 'JSON':
      return parseJsonBundle(content, opts.fileName ?? 'bundle.json');
    case 'GEXF':
    case 'GRAPHML': {
      const graphOpts: { defaultSource?: string; fileName?: string } = {};
      if (opts.source !== undefined) graphOpts.defaultSource = opts.source;
      if (opts.fileName !== undefined) graphOpts.fileName = opts.fileName;
      return parseGraphFile(format, content, graphOpts);
    }
    case 'ICALENDAR':
      return parseICalendar(content, {
        ...(opts.fileName === undefined ? {} : { fileName: opts.fileName }),
        keepSummaries: opts.keepSummaries ?? false,
      });
    case 'MBOX':
      return parseMbox(typeof content === 'string' ? Buffer.from(content, 'utf8') : content, {
        ...(opts.fileName === undefined ? {} : { fileName: opts.fileName }),
      });
  }
}

/** Bounds on a zip import, checked from the archive's central directory before anything is inflated. */
export interface ZipLimits {
  maxEntries: number;
  maxUncompressedBytes: number;
}

export const ZIP_LIMITS: ZipLimits = { maxEntries: 1_000, maxUncompressedBytes: 256 * 1024 * 1024 };

class ZipLimitExceeded extends Error {}

/**
 * The bundle files of a zip, by file name. Files may sit at the root or together in one folder
 * (what zipping a folder usually gives); macOS metadata and dot-files are skipped. The entry count
 * and declared sizes are checked first; fflate inflates each entry into a buffer of its declared
 * size, so an entry that lies about its size is cut there, not grown.
 */
export function unzipBundle(
  bytes: Uint8Array,
  limits: ZipLimits = ZIP_LIMITS,
): { files: Map<string, Uint8Array> } | { error: string } {
  let entries: Record<string, Uint8Array>;
  try {
    let count = 0;
    let total = 0;
    unzipSync(bytes, {
      filter: (f) => {
        count += 1;
        if (count > limits.maxEntries) {
          throw new ZipLimitExceeded(`the zip archive holds more than ${limits.maxEntries} entries, the limit for an import`);
        }
        total += f.originalSize;
        if (total > limits.maxUncompressedBytes) {
          throw new ZipLimitExceeded(
            `the zip archive would inflate to more than ${limits.maxUncompressedBytes / 1024 / 1024} MiB, the limit for an import; split it into smaller imports`,
          );
        }
        return false; // measuring only: nothing is inflated in this pass
      },
    });
    entries = unzipSync(bytes, { filter: (f) => !isJunk(f.name) });
  } catch (e) {
    if (e instanceof ZipLimitExceeded) return { error: e.message };
    return { error: `not a readable zip archive: ${(e as Error).message}` };
  }
  const names = Object.keys(entries).filter((n) => !n.endsWith('/'));
  if (names.length === 0) return { error: 'the zip archive holds no files' };
  const first = names[0]!;
  const slash = first.indexOf('/');
  const prefix = slash >= 0 ? first.slice(0, slash + 1) : '';
  const strip = prefix !== '' && names.every((n) => n.startsWith(prefix) && !n.slice(prefix.length).includes('/'));
  const files = new Map<string, Uint8Array>();
  for (const n of names) files.set(strip ? n.slice(prefix.length) : n, entries[n]!);
  return { files };
}

async function readFolder(dir: string): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  const entries = await readdir(dir, { withFileTypes: true });
  await Promise.all(
    entries
      .filter((e) => e.isFile() && !e.name.startsWith('.'))
      .map(async (e) => {
        files.set(e.name, await readFile(join(dir, e.name)));
      }),
  );
  return files;
}

function isJunk(name: string): boolean {
  return name.startsWith('__MACOSX/') || name.split('/').some((part) => part.startsWith('.'));
}

function base64Bytes(s: string): Uint8Array {
  return Buffer.from(s, 'base64');
}

function looksLikeGexf(bytes: Uint8Array): boolean {
  const head = new TextDecoder().decode(bytes.subarray(0, 2048));
  return /<gexf[\s>]/.test(head);
}

function failure(file: string, message: string): ParseResult {
  const p = new Problems();
  p.error(file, undefined, undefined, message);
  return {
    bundle: emptyBundle(),
    ...p.result(),
  };
}
