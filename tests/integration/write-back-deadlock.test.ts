// A run's write-back survives losing a deadlock (decision 110). Loaded 100k runs failed in the score sets: creating
// HAS_SCORES on a sparse stakeholder locks the first relationship of its chain, a tie that another lane's stakeholder
// shares, and once the driver's retries (30 s from the first failure) ran out the run failed. Here the other lane is
// played by a transaction of the test, deterministically: it holds every relationship of one stakeholder, waits until
// the write-back's commit is blocked on them, then asks for that stakeholder itself. Neo4j aborts the transaction
// holding fewer locks; the test's holds thousands more (on nodes the write-back never touches), so the write-back's
// is the victim, twice in a row: once more than the test driver retries on its own.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { fileURLToPath } from 'node:url';
import neo4j, { type Session, type Transaction } from 'neo4j-driver';
import { inject } from 'vitest';
import { execute, int, type Database } from '../../server/src/db/database.js';
import { readImportInput } from '../../server/src/import/read-input.js';
import { importParsed } from '../../server/src/import/import-bundle.js';
import { runFullAnalysis } from '../../server/src/runner/full-analysis.js';
import { DEFAULT_PARAMETERS } from '../../server/src/runner/parameters.js';
import { loadProjection } from '../../server/src/store/projection.js';
import { claimRun, writeResults } from '../../server/src/store/runs.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';

/** Nodes the test transaction locks besides the stakeholder's relationships (the write-back's batch holds a few per stakeholder). */
const CONTENTION_LOCKS = 5_000;

let t: TestDatabase;
let debugOutcome: () => Promise<string> = async () => 'none';
/** The database as the write-back sees it, through a driver that retries a failed transaction once only (a loaded machine's case). */
let impatient: Database;

beforeAll(async () => {
  t = await openTestDatabase();
  await t.clear();
  const report = await importParsed(
    t.db,
    await readImportInput(fileURLToPath(new URL('../fixtures/import/valid-bundle', import.meta.url))),
  );
  expect(report.ok).toBe(true);
  const target = inject('neo4j');
  const auth = target.username && target.password ? neo4j.auth.basic(target.username, target.password) : undefined;
  // 0 ms of retry time: the driver retries the first failure once (elapsed 0 is not past it), never a second.
  impatient = {
    driver: neo4j.driver(target.uri, auth, { maxTransactionRetryTime: 0, disableLosslessIntegers: true }),
    name: target.database,
  };
});
afterAll(async () => {
  await impatient.driver.close();
  await t.close();
});

/**
 * Waits until another transaction waits for a lock: one reported blocked, or committing ("Closing": Neo4j takes a
 * relationship's locks at commit) with the same number of locks over three looks 100 ms apart.
 */
async function untilBlocked(): Promise<void> {
  const deadline = Date.now() + 30_000;
  let previous = '';
  let same = 0;
  for (;;) {
    const rows = await execute<{ id: string; status: string; locks: number }>(
      t.db,
      `SHOW TRANSACTIONS YIELD transactionId AS id, status, activeLockCount AS locks
       WHERE status STARTS WITH 'Blocked' OR status = 'Closing' RETURN id, status, locks ORDER BY id`,
    );
    if (rows.some((row) => row.status.startsWith('Blocked'))) return;
    const now = JSON.stringify(rows);
    same = rows.length > 0 && now === previous ? same + 1 : 0;
    if (same >= 2) return;
    previous = now;
    if (Date.now() > deadline) throw new Error(`the write-back never waited for the test transaction (${await debugOutcome()})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Makes the write-back's transaction lose a deadlock `rounds` times in a row; `startWriting` is called once the first
 * round holds its locks. Each round's transaction queues for the stakeholder's relationships before the write-back's
 * next attempt begins, and holds a lock on each `Contention` node: more locks than the write-back's, so Neo4j keeps it.
 */
async function loseDeadlocks(stakeholder: string, rounds: number, startWriting: () => void): Promise<void> {
  let held: { session: Session; tx: Transaction } | null = null;
  for (let round = 0; round < rounds; round++) {
    const session = t.db.driver.session({ database: t.db.name });
    const tx = session.beginTransaction({ timeout: 120_000 });
    const holding = tx
      .run(`MATCH (:Stakeholder {id: $id})-[r]-() SET r.contended = true`, { id: stakeholder })
      .then(() => tx.run(`MATCH (c:Contention) SET c.round = $round`, { round }));
    if (held) {
      await held.tx.commit();
      await held.session.close();
    }
    await holding;
    if (round === 0) startWriting();
    await untilBlocked();
    // Closes the cycle: the write-back holds the stakeholder and waits for its relationships; we hold those and ask for it.
    await tx.run(`MATCH (s:Stakeholder {id: $id}) SET s.contended = true`, { id: stakeholder });
    held = { session, tx };
  }
  if (held) {
    await held.tx.commit();
    await held.session.close();
  }
}

it('writes every score set once when a batch of the write-back loses a deadlock more often than the driver retries', async () => {
  const projection = await loadProjection(t.db, DEFAULT_PARAMETERS);
  const result = runFullAnalysis(projection, DEFAULT_PARAMETERS, {});
  // A sparse stakeholder with ties: its chain of relationships is what the score set's relationship must lock.
  const [contended] = await execute<{ id: string }>(
    t.db,
    `MATCH (s:Stakeholder) WHERE COUNT { (s)--(:Stakeholder) } > 0 AND COUNT { (s)--() } < 40 RETURN s.id AS id ORDER BY s.id LIMIT 1`,
  );
  expect(contended).toBeDefined();
  await execute(t.db, `UNWIND range(1, $n) AS i CREATE (:Contention {i: i})`, { n: int(CONTENTION_LOCKS) }, { mode: 'WRITE' });
  const claim = await claimRun(t.db, 'deadlock-run', DEFAULT_PARAMETERS, 'test/1/deadlock');
  expect('run' in claim).toBe(true);

  const warnings: string[] = [];
  const warn = vi.spyOn(console, 'warn').mockImplementation((line: unknown) => void warnings.push(String(line)));
  let outcome: Promise<string> = Promise.resolve('not started');
  try {
    await loseDeadlocks(contended!.id, 2, () => {
      outcome = writeResults(impatient, 'deadlock-run', projection, result).then(
        () => 'written',
        (error: Error) => error.message,
      );
      debugOutcome = () => Promise.race([outcome, new Promise<string>((r) => setTimeout(() => r('pending'), 100))]);
    });
    expect(await outcome).toBe('written');
  } finally {
    warn.mockRestore();
  }

  expect(warnings.some((line) => line.includes('score sets') && line.includes('deadlock'))).toBe(true);
  // No personal data in the log line: no stakeholder id.
  expect(warnings.join('\n')).not.toContain(contended!.id);
  // The victim's attempts were rolled back whole: one score set per stakeholder of the run, no more.
  const [sets] = await execute<{ most: number; stakeholders: number }>(
    t.db,
    `MATCH (s:Stakeholder)-[:HAS_SCORES]->(x:ScoreSet {run: 'deadlock-run'})
     WITH s, count(x) AS sets RETURN max(sets) AS most, count(s) AS stakeholders`,
  );
  expect(sets).toEqual({ most: 1, stakeholders: projection.ids.length });
  expect(await t.count(`MATCH (:Stakeholder)-[m:MEMBER_OF {run: 'deadlock-run'}]->(:Community) RETURN count(m) AS n`)).toBe(
    result.membershipCommunity.length,
  );
});
