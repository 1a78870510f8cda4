// The serving queries stay set-based: each runs under PROFILE on the demo ecosystem (2,000 stakeholders,
// 20,000 ties) and fails when its database hits exceed the budget recorded in query-budgets.ts, or when
// it takes more round trips than it did when the budget was recorded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute, profiled, type Database, type QueryProfile } from '../../server/src/db/database.js';
import { loadDemo } from '../../server/src/demo.js';
import { loadEgoNetwork, loadNetwork, NO_ANALYTICS } from '../../server/src/store/network.js';
import { findStakeholdersByIds, listStakeholders } from '../../server/src/store/stakeholders.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { QUERY_BUDGETS, type BudgetedQuery } from './query-budgets.js';

let t: TestDatabase;
let hub: string;
beforeAll(async () => {
  t = await openTestDatabase();
  await t.clear();
  await loadDemo(t.db);
  // Fresh statistics and an empty plan cache: the planner's choice (hence the db hits) must not depend on what
  // earlier test files left in the database or on when Neo4j last sampled its indexes.
  await execute(t.db, 'CALL db.prepareForReplanning()', {}, { mode: 'WRITE' });
  hub = (await execute<{ id: string }>(t.db, 'MATCH (s:Stakeholder) RETURN s.id AS id ORDER BY s.degree DESC, s.id LIMIT 1'))[0]!
    .id;
});
afterAll(async () => t.close());

/** The store call behind each budgeted query, as the API makes it (the most connected stakeholder for the ego networks). */
const CALLS: Record<BudgetedQuery, (db: Database) => Promise<unknown>> = {
  egoDepth1: (db) => loadEgoNetwork(db, hub, 1, 2000, null),
  egoDepth2: (db) => loadEgoNetwork(db, hub, 2, 2000, null),
  filteredPage: async (db) => {
    // As the API asks when totalCount is selected: the page and its total in one query.
    const page = await listStakeholders(db, { roles: ['CUSTOMER'] }, 'NAME', { offset: 50, limit: 50 }, true, true);
    return page.totalCount();
  },
  networkSlice: (db) => loadNetwork(db, { roles: ['CUSTOMER', 'PARTNER'] }, 500),
  // The same two with each tie's measured relationship (TieColumns.strengths and the interaction days selected).
  egoDepth1Relationships: (db) => loadEgoNetwork(db, hub, 1, 2000, null, { ...NO_ANALYTICS, relationships: true }),
  networkSliceRelationships: (db) =>
    loadNetwork(db, { roles: ['CUSTOMER', 'PARTNER'] }, 500, { ...NO_ANALYTICS, relationships: true }),
  stakeholderById: (db) => findStakeholdersByIds(db, [hub]),
};

describe('query budgets (PROFILE db hits on the demo ecosystem)', () => {
  const measured: Record<string, QueryProfile> = {};
  afterAll(() => {
    // Printed to re-record the budgets after an intended change (see query-budgets.ts).
    console.log(`measured db hits / queries: ${JSON.stringify(measured)}`);
  });

  for (const name of Object.keys(QUERY_BUDGETS) as BudgetedQuery[]) {
    it(`${name} stays within ${QUERY_BUDGETS[name].dbHits.toLocaleString('en')} db hits in ${QUERY_BUDGETS[name].queries} queries`, async () => {
      const db = profiled(t.db);
      await CALLS[name](db);
      measured[name] = { ...db.profile };
      expect(db.profile.queries).toBe(QUERY_BUDGETS[name].queries);
      expect(db.profile.dbHits).toBeGreaterThan(0);
      expect(db.profile.dbHits).toBeLessThanOrEqual(QUERY_BUDGETS[name].dbHits);
    });
  }
});
