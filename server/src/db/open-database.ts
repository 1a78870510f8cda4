// Opens the database the config names: the remote Neo4j of NEO4J_URI, or the embedded one.
import type { AppConfig } from '../config.js';
import { connect, type Database, type TransactionTimeouts } from './database.js';
import { startEmbeddedNeo4j } from './embedded-neo4j.js';

export interface OpenDatabase {
  db: Database;
  description: string;
  close(): Promise<void>;
}

export async function openDatabase(config: AppConfig, log: (line: string) => void): Promise<OpenDatabase> {
  if (config.neo4j) {
    const { uri, username, password, database } = config.neo4j;
    const db = connect(uri, username, password, database, timeoutsOf(config));
    await db.driver.verifyConnectivity({ database });
    return { db, description: `${uri} (database ${database})`, close: () => db.driver.close() };
  }
  const neo4j = await startEmbeddedNeo4j({ ...config.embedded, homeDir: config.embedded.dataDir, log });
  const db = connect(neo4j.uri, neo4j.auth.username, neo4j.auth.password, config.database, timeoutsOf(config));
  return {
    db,
    description: `embedded Neo4j ${config.embedded.version} at ${neo4j.uri} (store ${neo4j.homeDir})`,
    close: async () => {
      await db.driver.close();
      await neo4j.stop();
    },
  };
}

function timeoutsOf(config: AppConfig): TransactionTimeouts {
  return { readMs: config.txTimeoutMs, writeMs: config.writeTxTimeoutMs };
}
