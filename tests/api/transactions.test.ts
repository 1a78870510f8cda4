// Every Neo4j transaction has a timeout, and the abort signal of the request it runs for cancels it in Neo4j too
// (the path the limits plugin gives each GraphQL execution).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCancellation } from '../../server/src/db/cancellation.js';
import { connect, execute } from '../../server/src/db/database.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { inject } from 'vitest';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => t.close());

/** A read that counts to two billion: minutes of work unless something stops it. The marker finds it. */
const slowQuery = (marker: string) => `/* ${marker} */ UNWIND range(1, 2000000000) AS x WITH x WHERE x < 0 RETURN count(x) AS n`;

async function running(marker: string): Promise<number> {
  const rows = await execute<{ n: number }>(
    t.db,
    'SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS $marker RETURN count(*) AS n',
    { marker },
  );
  return rows[0]?.n ?? 0;
}

/** Polls until the condition holds (at most ~30 s, so a broken cancellation fails instead of hanging). */
async function eventually(condition: () => Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < 300; i++) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

describe('transactions', () => {
  it('an aborted request cancels its running transaction', async () => {
    const marker = `slow-${randomUUID()}`;
    const controller = new AbortController();
    const query = withCancellation(controller.signal, () => execute(t.db, slowQuery(marker)));
    query.catch(() => undefined); // asserted below
    expect(await eventually(async () => (await running(marker)) > 0)).toBe(true);
    controller.abort();
    await expect(query).rejects.toMatchObject({ extensions: { code: 'UNAVAILABLE' } });
    expect(await eventually(async () => (await running(marker)) === 0)).toBe(true);
  });

  it('a request already aborted starts nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(execute(t.db, 'RETURN 1 AS n', {}, { signal: controller.signal })).rejects.toMatchObject({
      extensions: { code: 'UNAVAILABLE' },
    });
  });

  it('a read past its timeout is stopped by Neo4j', async () => {
    const target = inject('neo4j');
    const db = connect(target.uri, target.username || undefined, target.password || undefined, target.database, {
      readMs: 1_000,
      writeMs: 1_000,
    });
    try {
      const marker = `slow-${randomUUID()}`;
      await expect(execute(db, slowQuery(marker))).rejects.toMatchObject({ code: expect.stringMatching(/TransactionTimedOut/) });
      expect(await eventually(async () => (await running(marker)) === 0)).toBe(true);
    } finally {
      await db.driver.close();
    }
  });
});
