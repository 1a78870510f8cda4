// An analysis run is claimed through Neo4j: of two server processes (two drivers) asking at the same moment,
// exactly one gets the run; the other is told which run holds the slot. A stale run no longer holds it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { inject } from 'vitest';
import { connect, execute, type Database } from '../../server/src/db/database.js';
import { DEFAULT_PARAMETERS } from '../../server/src/runner/parameters.js';
import { claimRun } from '../../server/src/store/runs.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';

let t: TestDatabase;
let other: Database;
beforeAll(async () => {
  t = await openTestDatabase();
  await t.clear();
  const target = inject('neo4j');
  other = connect(target.uri, target.username || undefined, target.password || undefined, target.database);
});
afterAll(async () => {
  await other.driver.close();
  await t.close();
});

it('gives the slot to exactly one of two processes claiming at once', async () => {
  const claims = await Promise.all([
    claimRun(t.db, 'claim-a', DEFAULT_PARAMETERS, 'host/1/a'),
    claimRun(other, 'claim-b', DEFAULT_PARAMETERS, 'host/2/b'),
  ]);
  const won = claims.filter((c) => 'run' in c);
  const lost = claims.filter((c) => 'runningId' in c);
  expect(won).toHaveLength(1);
  expect(lost).toHaveLength(1);
  const winner = (won[0] as { run: { id: string } }).run.id;
  expect(lost[0]).toEqual({ runningId: winner });
  expect(await t.count(`MATCH (r:AnalysisRun {status: 'RUNNING'}) RETURN count(r) AS n`)).toBe(1);
  expect(await t.count(`MATCH (l:AnalysisLock) RETURN count(l) AS n`)).toBe(1);
});

it('lets a new run claim the slot once the running one stops beating', async () => {
  await execute(
    t.db,
    `MATCH (r:AnalysisRun {status: 'RUNNING'}) SET r.heartbeatAt = datetime() - duration({minutes: 10})`,
    {},
    { mode: 'WRITE' },
  );
  const claim = await claimRun(other, 'claim-c', DEFAULT_PARAMETERS, 'host/2/b');
  expect('run' in claim && claim.run.id).toBe('claim-c');
});
