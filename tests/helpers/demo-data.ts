// Puts the demo ecosystem (seeds/demo) into the test database, replacing whatever is there.
import { loadDemo } from '../../server/src/demo.js';
import type { ImportReport } from '../../server/src/import/import-bundle.js';
import { openTestDatabase } from './database.js';
import { execute } from '../../server/src/db/database.js';
import { bumpDataVersionAlone } from '../../server/src/store/data-version.js';

export async function resetToDemo(options: { interactions?: boolean } = {}): Promise<ImportReport> {
  const t = await openTestDatabase();
  try {
    await t.clear();
    const report = await loadDemo(t.db);
    if (options.interactions === false) {
      // For journeys that plant their own interactions: the demo's three years would count too.
      await execute(t.db, 'MATCH (i:Interaction) DETACH DELETE i', {}, { mode: 'WRITE' });
      await execute(t.db, 'MATCH ()-[x:RELATES]->() DELETE x', {}, { mode: 'WRITE' });
      await bumpDataVersionAlone(t.db);
    }
    return report;
  } finally {
    await t.close();
  }
}
