// The database a running app uses, for command-line tools that work beside it (`npm run user`, the client bench).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../config.js';
import { connect, type Database } from '../db/database.js';
import { openDatabase } from '../db/open-database.js';
import { databaseReachable } from '../store/health.js';

export interface Connection {
  db: Database;
  close(): Promise<void>;
}

/** NEO4J_URI if set; else the Bolt port of a running app's embedded Neo4j; else start the embedded Neo4j here. */
export async function openAppDatabase(config: AppConfig): Promise<Connection> {
  if (config.neo4j) {
    const { uri, username, password, database } = config.neo4j;
    const db = connect(uri, username, password, database);
    return { db, close: () => db.driver.close() };
  }
  const file = join(config.embedded.dataDir, 'atlas-credentials.json');
  let credentials: { username?: string; password?: string } = {};
  if (existsSync(file)) credentials = JSON.parse(readFileSync(file, 'utf8')) as typeof credentials;
  const running = connect(
    `bolt://127.0.0.1:${config.embedded.boltPort}`,
    credentials.username,
    credentials.password,
    config.database,
  );
  if (await databaseReachable(running)) return { db: running, close: () => running.driver.close() };
  await running.driver.close();
  const started = await openDatabase(config, (line) => console.error(line));
  return { db: started.db, close: () => started.close() };
}
