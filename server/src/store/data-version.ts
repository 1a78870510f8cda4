// The data version: one (:DataVersion) node whose counter every write of data bumps in its own
// transaction, so that every app over the database can tell, with one cheap read, whether an answer
// it cached is still the answer (docs/decisions/071-data-version-answer-cache.md).
import { execute, run, writeTransaction, type Database, type Tx } from '../db/database.js';

// The epoch is drawn when the node is created: a database cleared and filled again never repeats a version.
const BUMP = `MERGE (v:DataVersion {id: 'data'})
  ON CREATE SET v.epoch = randomUUID(), v.value = 0
  SET v.value = v.value + 1`;

/** Bumps the version inside a write transaction (commits with the write, or not at all). */
export async function bumpDataVersion(tx: Tx): Promise<void> {
  await run(tx, BUMP);
}

/** Bumps the version in a transaction of its own: after writes that span several transactions (imports batch by batch). */
export async function bumpDataVersionAlone(db: Database): Promise<void> {
  await execute(db, BUMP, {}, { mode: 'WRITE' });
}

/** The current version, or null when the node is missing (the data was changed behind the app's back: cache nothing). */
export async function readDataVersion(db: Database): Promise<string | null> {
  const rows = await execute<{ v: string | null }>(
    db,
    `OPTIONAL MATCH (v:DataVersion {id: 'data'}) RETURN v.epoch + ':' + toString(v.value) AS v`,
  );
  return rows[0]?.v ?? null;
}

/**
 * A write transaction that changes data the API serves: runs the work, then bumps the version in the
 * same transaction. The bump comes last, so every writer takes the version's lock after its own: no
 * deadlock between them through it.
 */
export async function writeData<T>(db: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  return writeTransaction(db, async (tx) => {
    const result = await work(tx);
    await bumpDataVersion(tx);
    return result;
  });
}
