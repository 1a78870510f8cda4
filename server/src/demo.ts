// Loads the demo ecosystem (seeds/demo) into an empty database, so a first start shows something. Its dates are
// moved by whole days so that the latest falls on yesterday: the demo's relationships and stories stay current
// however long after the files were generated it is started (decision 104).
import { fileURLToPath } from 'node:url';
import type { Database } from './db/database.js';
import { readImportInput } from './import/read-input.js';
import { importParsed, type ImportReport } from './import/import-bundle.js';
import { shiftToYesterday } from './import/shift-dates.js';

export const DEMO_BUNDLE = fileURLToPath(new URL('../../seeds/demo', import.meta.url));

export interface DemoOptions {
  /** The clock the demo's dates are moved to (epoch ms; default now): its latest date becomes the day before. */
  today?: number;
}

export interface DemoReport extends ImportReport {
  /** Whole days every date of the bundle was moved by. */
  shiftedDays: number;
}

export async function loadDemo(db: Database, bundle = DEMO_BUNDLE, options: DemoOptions = {}): Promise<DemoReport> {
  // Read without the "not in the future" check: the dates are moved to end yesterday before anything is written.
  const parsed = await readImportInput(bundle, { now: Number.POSITIVE_INFINITY });
  const shifted = shiftToYesterday(parsed.bundle, options.today ?? Date.now());
  const report = await importParsed(db, { ...parsed, bundle: shifted.bundle });
  if (!report.ok) {
    const first = report.errors.slice(0, 5).map((e) => `${e.file}:${e.row ?? '-'} ${e.column ?? ''} ${e.message}`);
    throw new Error(`The demo bundle ${bundle} is invalid:\n${first.join('\n')}`);
  }
  return { ...report, shiftedDays: shifted.days };
}
