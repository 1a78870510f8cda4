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
    disableLosslessIntegers: false,
  });
  return { driver, name };
}

/** Runs one query in a managed, retried transaction and returns its rows as plain objects. */
export async function execute<Row>(
  db: Database,
  cypher: string,
  params: Record<string, unknown> = {},
  options: ExecuteOptions = {},
): Promise<Row[]> {
  const result: QueryResult = await db.driver.executeQuery(cypher, params, {
    database: db.name,
    routing: options.mode === 'WRITE' ? neo4j.routing.WRITE : neo4j.routing.READ,
  });
  return result.records.map((record) => recordToObject<Row>(record));
}

/** Runs several statements in one write transaction: all or nothing. */
export async function writeTransaction<T>(db: Database, work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
  const session = db.driver.session({ database: db.name, defaultAccessMode: neo4j.session.WRITE });
  try {
    return await session.executeWrite(work);
  } finally {
    await session.close();
  }
}

/** Query inside a transaction, rows as plain objects. */
export async function run<Row>(tx: ManagedTransaction, cypher: string, params: Record<string, unknown> = {}): Promise<Row[]> {
  const result = await tx.run(cypher, params);
  return result.records.map((record) => recordToObject<Row>(record));
}

export const int = neo4j.int;
