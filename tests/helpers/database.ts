// Connects a test file to the Neo4j the global setup started, with schema migrated and helpers
// to clear it (each data test file owns the database while it runs; files run one at a time).
import { inject } from 'vitest';
import { loadConfig, type AppConfig } from '../../server/src/config.js';
import { connect, execute, type Database } from '../../server/src/db/database.js';
import { migrate } from '../../server/src/db/migrations.js';

export interface TestDatabase {
  db: Database;
  config: AppConfig;
  clear(): Promise<void>;
  count(cypher: string, params?: Record<string, unknown>): Promise<number>;
  close(): Promise<void>;
}

/** Labels a clear keeps and a snapshot ignores: users, their tokens, sessions and links. */
const ACCESS_LABELS = 'n:User OR n:ApiToken OR n:Session OR n:SignInLink';

export async function openTestDatabase(): Promise<TestDatabase> {
  const target = inject('neo4j');
  if (!target.uri) throw new Error('No Neo4j for this tier: the global setup did not start one');
  return openDatabaseAt(target);
}

/** Like openTestDatabase, on a Neo4j the test file started itself (e.g. one with Graph Data Science). */
export async function openDatabaseAt(target: {
  uri: string;
  username: string;
  password: string;
  database: string;
}): Promise<TestDatabase> {
  const db = connect(target.uri, target.username || undefined, target.password || undefined, target.database);
  await migrate(db);
  // The in-process app is addressed as http://atlas.test: that is its public URL for the Host check.
  const config = { ...loadConfig({ HOME: process.env.HOME, ATLAS_PUBLIC_URL: 'http://atlas.test' }), database: target.database };
  return {
    db,
    config,
    // Users and their tokens and sessions stay (test clients keep working across a clear); the rest goes.
    clear: async () => {
      await execute(
        db,
        `MATCH (n) WHERE NOT (${ACCESS_LABELS}) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`,
        {},
        {
          mode: 'WRITE',
        },
      ).catch(async () => {
        await execute(db, `MATCH (n) WHERE NOT (${ACCESS_LABELS}) DETACH DELETE n`, {}, { mode: 'WRITE' });
      });
    },
    count: async (cypher, params = {}) => (await execute<{ n: number }>(db, cypher, params))[0]?.n ?? 0,
    close: () => db.driver.close(),
  };
}

/** A fingerprint of everything stored, to prove that a rejected request changed nothing. */
export async function snapshot(db: Database): Promise<string> {
  const nodes = await execute<{ n: unknown }>(
    db,
    // Access bookkeeping (lastUsedAt, sessions), audit events and the data version (bumped by any write
    // transaction, also one that changes nothing) are not data.
    `MATCH (n) WHERE NOT (${ACCESS_LABELS} OR n:AuditEvent OR n:DataVersion) WITH n ORDER BY elementId(n) RETURN [labels(n), properties(n)] AS n`,
  );
  const rels = await execute<{ r: unknown }>(
    db,
    `MATCH (a)-[r]->(b) WHERE NOT a:User WITH a, r, b ORDER BY elementId(r)
     RETURN [type(r), coalesce(a.id, a.key), coalesce(b.id, b.key), properties(r)] AS r`,
  );
  return JSON.stringify({ nodes, rels });
}
