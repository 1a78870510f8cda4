// Loads the demo ecosystem (seeds/demo) into an empty database, so a first start shows something.
import { fileURLToPath } from 'node:url';
import type { Database } from './db/database.js';
import { readImportInput } from './import/read-input.js';
import { importParsed, type ImportReport } from './import/import-bundle.js';

export const DEMO_BUNDLE = fileURLToPath(new URL('../../seeds/demo', import.meta.url));

export async function loadDemo(db: Database, bundle = DEMO_BUNDLE): Promise<ImportReport> {
  const report = await importParsed(db, await readImportInput(bundle));
  if (!report.ok) {
    const first = report.errors.slice(0, 5).map((e) => `${e.file}:${e.row ?? '-'} ${e.column ?? ''} ${e.message}`);
    throw new Error(`The demo bundle ${bundle} is invalid:\n${first.join('\n')}`);
  }
  return report;
}
