// Whether Neo4j answers: the readiness probe, and telling "the database is down" apart from a bug in error masking.
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
