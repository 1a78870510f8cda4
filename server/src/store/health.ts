// Whether Neo4j answers: the readiness probe, and telling "the database is down" or "the query ran out of time" apart from a bug in error masking.
import neo4j from 'neo4j-driver';
import type { Database } from '../db/database.js';

/** True when Neo4j accepts a connection to the app's database. */
export async function databaseReachable(db: Database): Promise<boolean> {
  try {
    await db.driver.verifyConnectivity({ database: db.name });
    return true;
  } catch {
    return false;
  }
}

/** True for the driver's errors that mean Neo4j is unreachable (not a bad query). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === neo4j.error.SERVICE_UNAVAILABLE || code === neo4j.error.SESSION_EXPIRED;
}

const TIMED_OUT = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
]);

/** True when Neo4j stopped a transaction at its time limit. */
export function isTransactionTimeout(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TIMED_OUT.has(code);
}
