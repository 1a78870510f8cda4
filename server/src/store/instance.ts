// The identity of the database the app talks to: Neo4j's own id of it (db.info), which a new store or another
// server has differently. Clients key what they keep locally (the target list) by it.
import { execute, type Database } from '../db/database.js';

export async function databaseIdentity(db: Database, signal?: AbortSignal): Promise<string> {
  const rows = await execute<{ id: string }>(db, 'CALL db.info() YIELD id RETURN id', {}, { signal });
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('db.info() returned no id');
  // The database's name too: one server can hold several databases.
  return `${db.name}:${id}`;
}
