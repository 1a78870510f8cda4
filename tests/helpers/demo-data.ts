// Puts the demo ecosystem (seeds/demo) into the test database, replacing whatever is there.
import { loadDemo } from '../../server/src/demo.js';
import type { ImportReport } from '../../server/src/import/import-bundle.js';
import { openTestDatabase } from './database.js';

export async function resetToDemo(): Promise<ImportReport> {
  const t = await openTestDatabase();
  try {
    await t.clear();
    return await loadDemo(t.db);
  } finally {
    await t.close();
  }
}
