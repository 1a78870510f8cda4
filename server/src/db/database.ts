// The one way the server talks to Neo4j: a driver, its database name, and execute() for
// read/write-routed queries whose results come back as plain JS objects.
import neo4j, { type Driver, type ManagedTransaction, type QueryResult } from 'neo4j-driver';
import { recordToObject } from './convert.js';

export interface Database {
  driver: Driver;
  name: string;
}

export interface ExecuteOptions {
  mode?: 'READ' | 'WRITE';
}

export function connect(uri: string, username: string | undefined, password: string | undefined, name: string): Database {
  const auth = username && password ? neo4j.auth.basic(username, password) : undefined;
  const driver = neo4j.driver(uri, auth, {
    maxConnectionPoolSize: 100,
    connectionAcquisitionTimeout: 30_000,
    // Counts, degrees and ids fit in 2^53: plain numbers spare an Integer object per value.
    disableLosslessIntegers: true,
  });
  return { driver, name };
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
  try {
    let result: QueryResult;
    if (write) {
      result = await session.executeWrite((tx) => tx.run(cypher, params));
    } else {
      try {
        result = await session.run(cypher, params);
      } catch (error) {
        if (!neo4j.isRetryableError(error)) throw error;
        result = await session.run(cypher, params);
      }
    }
    return result.records.map((record) => recordToObject<Row>(record));
  } finally {
    await session.close();
  }
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
): Promise<void> {
  const session = db.driver.session({ database: db.name, defaultAccessMode: neo4j.session.READ, fetchSize: 5000 });
  try {
    await new Promise<void>((resolve, reject) => {
      session.run(cypher, params).subscribe({
        onNext: (record) => onRow(recordToObject<Row>(record)),
        onCompleted: () => resolve(),
        onError: (error: Error) => reject(error),
      });
    });
  } finally {
    await session.close();
  }
}

/** A transaction that writeTransaction hands to its work. */
export type Tx = ManagedTransaction;

/** Runs several statements in one write transaction: all or nothing. */
export async function writeTransaction<T>(db: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  const session = db.driver.session({
    database: db.name,
    defaultAccessMode: neo4j.session.WRITE,
    bookmarkManager: db.driver.executeQueryBookmarkManager,
  });
  try {
    return await session.executeWrite(work);
  } finally {
    await session.close();
  }
}

/** Query inside a transaction, rows as plain objects. */
export async function run<Row>(tx: Tx, cypher: string, params: Record<string, unknown> = {}): Promise<Row[]> {
  const result = await tx.run(cypher, params);
  return result.records.map((record) => recordToObject<Row>(record));
}

export const int = neo4j.int;
