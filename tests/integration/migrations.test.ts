// Migrations create the constraints and indexes, and running them again changes nothing.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { execute } from '../../server/src/db/database.js';
import { MIGRATIONS, migrate } from '../../server/src/db/migrations.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => t.close());

it('creates every constraint and index, idempotently', async () => {
  const names = async () =>
    (
      await execute<{ name: string }>(t.db, `SHOW INDEXES YIELD name, state WHERE state = 'ONLINE' RETURN name ORDER BY name`)
    ).map((r) => r.name);
  const before = await names();
  await migrate(t.db);
  await migrate(t.db);
  expect(await names()).toEqual(before);
  for (const expected of [
    'stakeholder_id',
    'source_record_key',
    'community_id',
    'stakeholder_search',
    'stakeholder_roles_key',
    'analysis_run_id',
    'score_set_run_stakeholder',
  ]) {
    expect(before).toContain(expected);
  }
  // Creations are guarded by IF NOT EXISTS, the removal of earlier indexes by IF EXISTS.
  expect(MIGRATIONS.every((statement) => /\bIF (NOT )?EXISTS\b/.test(statement))).toBe(true);
});

it('reads by id through the unique index, not a scan', async () => {
  const plan = await execute<{ plan: string }>(t.db, `EXPLAIN MATCH (s:Stakeholder {id: 'x'}) RETURN s`).catch(() => []);
  expect(plan).toEqual([]); // EXPLAIN returns no rows; the plan is checked below through the summary
  const summary = await t.db.driver.executeQuery(`EXPLAIN MATCH (s:Stakeholder {id: 'x'}) RETURN s`, {}, { database: t.db.name });
  const operators = JSON.stringify(summary.summary.plan);
  expect(operators).toContain('NodeUniqueIndexSeek');
  const byRole = await t.db.driver.executeQuery(`EXPLAIN MATCH (s:Customer) RETURN s`, {}, { database: t.db.name });
  expect(JSON.stringify(byRole.summary.plan)).toContain('NodeByLabelScan');
});
