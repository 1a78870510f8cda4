// The one way the server talks to Neo4j: a driver, its database name, and execute() for
// read/write-routed queries whose results come back as plain JS objects, each with a transaction
// timeout and cancelled when the request it runs for is aborted.
import neo4j, { type Driver, type ManagedTransaction, type QueryResult, type Session } from 'neo4j-driver';
import { apiError } from '../errors.js';
import { currentSignal } from './cancellation.js';
import { recordToObject } from './convert.js';

export interface TransactionTimeouts {
  /** Reads (ATLAS_TX_TIMEOUT_MS). */
  readMs: number;
  /** Writes and imports (ATLAS_WRITE_TX_TIMEOUT_MS). */
  writeMs: number;
}

export const DEFAULT_TIMEOUTS: TransactionTimeouts = { readMs: 30_000, writeMs: 300_000 };

export interface Database {
  driver: Driver;
  name: string;
  timeouts?: TransactionTimeouts;
  /** When set, reads run under PROFILE and add their database hits here (the query budget test). */
  profile?: QueryProfile;
}

/** Database hits and queries counted by reads that ran under PROFILE. */
export interface QueryProfile {
  dbHits: number;
  queries: number;
}

/** A handle on the same database whose reads are profiled into `profile`. */
export function profiled(db: Database, profile: QueryProfile = { dbHits: 0, queries: 0 }): Database & { profile: QueryProfile } {
  return { ...db, profile };
}

interface ProfiledPlan {
  dbHits: number;
  children: ProfiledPlan[];
}

function totalDbHits(plan: ProfiledPlan | false | undefined): number {
  return plan ? plan.dbHits + plan.children.reduce((sum, child) => sum + totalDbHits(child), 0) : 0;
}

export interface ExecuteOptions {
  mode?: 'READ' | 'WRITE';
  /** Cancels the query; defaults to the signal of the request being served, if any. */
  signal?: AbortSignal;
  /** Transaction timeout instead of the database's read or write timeout (long analytics procedures). */
  timeoutMs?: number;
}

export function connect(
  uri: string,
  username: string | undefined,
  password: string | undefined,
  name: string,
  timeouts: TransactionTimeouts = DEFAULT_TIMEOUTS,
): Database {
  const auth = username && password ? neo4j.auth.basic(username, password) : undefined;
  const driver = neo4j.driver(uri, auth, {
    maxConnectionPoolSize: 100,
    connectionAcquisitionTimeout: 30_000,
    // Counts, degrees and ids fit in 2^53: plain numbers spare an Integer object per value.
    disableLosslessIntegers: true,
  });
  return { driver, name, timeouts };
}

/**
 * Runs work on a session and closes it when done, or as soon as `signal` aborts: closing a session
 * with a query in flight sends RESET, which makes Neo4j terminate the transaction.
 */
async function withSession<T>(session: Session, signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
  if (signal?.aborted) {
    await session.close();
    throw cancelled();
  }
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      session.close().catch(() => undefined); // the session is being dropped; nothing to report
      reject(cancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => undefined); // handled by the race below, or never raised
  const running = work();
  try {
    return await (signal ? Promise.race([running, aborted]) : running);
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    // After an abort, the work's own failure (the closed session) is expected: keep it from going unhandled.
    running.catch(() => undefined);
    await session.close();
  }
}

function cancelled(): Error {
  return apiError('UNAVAILABLE', 'The request was cancelled before its query finished.');
}

/**
 * Runs one query and returns its rows as plain objects. Reads run as auto-commit transactions
 * (one round trip instead of BEGIN/RUN/COMMIT: ~1.5x the throughput of executeQuery on the
 * by-id lookups, see docs/decisions/040-read-path.md), retried once on a transient error; writes
 * run in a managed, retried transaction. Both share the driver's bookmark manager, so a read
 * sees every write this process has committed, on a cluster too.
 */
export async function execute<Row>(
  db: Database,
  cypher: string,
  params: Record<string, unknown> = {},
  options: ExecuteOptions = {},
): Promise<Row[]> {
  const write = options.mode === 'WRITE';
  const session = db.driver.session({
    database: db.name,
    defaultAccessMode: write ? neo4j.session.WRITE : neo4j.session.READ,
    bookmarkManager: db.driver.executeQueryBookmarkManager,
  });
  const timeouts = db.timeouts ?? DEFAULT_TIMEOUTS;
  const readMs = options.timeoutMs ?? timeouts.readMs;
  const writeMs = options.timeoutMs ?? timeouts.writeMs;
  return withSession(session, options.signal ?? currentSignal(), async () => {
    let result: QueryResult;
    if (write) {
      result = await session.executeWrite((tx) => tx.run(cypher, params), { timeout: writeMs });
    } else {
      const text = db.profile ? `PROFILE ${cypher}` : cypher;
      try {
        result = await session.run(text, params, { timeout: readMs });
      } catch (error) {
        if (!neo4j.isRetryableError(error)) throw error;
        result = await session.run(text, params, { timeout: readMs });
      }
      if (db.profile) {
        db.profile.dbHits += totalDbHits(result.summary.profile as ProfiledPlan | false);
        db.profile.queries += 1;
      }
    }
    return result.records.map((record) => recordToObject<Row>(record));
  });
}

/**
 * Runs one read and hands each row to `onRow` as it arrives (records are fetched in chunks and never
 * held all at once): for projections of the whole graph.
 */
export async function stream<Row>(
  db: Database,
  cypher: string,
  params: Record<string, unknown>,
  onRow: (row: Row) => void,
  options: ExecuteOptions = {},
): Promise<void> {
  const mode = options.mode === 'WRITE' ? neo4j.session.WRITE : neo4j.session.READ;
  const session = db.driver.session({ database: db.name, defaultAccessMode: mode, fetchSize: 5000 });
  // A whole-graph read is import-sized work (seconds at 1M ties on a busy machine): the write timeout bounds it by default.
  const config = { timeout: options.timeoutMs ?? (db.timeouts ?? DEFAULT_TIMEOUTS).writeMs };
  const onAbort = (): void => void session.close().catch(() => undefined); // Neo4j terminates the query
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (options.signal?.aborted) throw cancelled();
    await new Promise<void>((resolve, reject) => {
      session.run(cypher, params, config).subscribe({
        onNext: (record) => onRow(recordToObject<Row>(record)),
        onCompleted: () => resolve(),
        onError: (error: Error) => reject(error),
      });
    });
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await session.close();
  }
}

/** A transaction that writeTransaction hands to its work. */
export type Tx = ManagedTransaction;

/** Runs several statements in one write transaction: all or nothing. */
export async function writeTransaction<T>(
  db: Database,
  work: (tx: Tx) => Promise<T>,
  options: Pick<ExecuteOptions, 'signal'> = {},
): Promise<T> {
  const session = db.driver.session({
    database: db.name,
    defaultAccessMode: neo4j.session.WRITE,
    bookmarkManager: db.driver.executeQueryBookmarkManager,
  });
  const { writeMs } = db.timeouts ?? DEFAULT_TIMEOUTS;
  return withSession(session, options.signal ?? currentSignal(), () => session.executeWrite(work, { timeout: writeMs }));
}

/** Query inside a transaction, rows as plain objects. */
export async function run<Row>(tx: Tx, cypher: string, params: Record<string, unknown> = {}): Promise<Row[]> {
  const result = await tx.run(cypher, params);
  return result.records.map((record) => recordToObject<Row>(record));
}

export const int = neo4j.int;
