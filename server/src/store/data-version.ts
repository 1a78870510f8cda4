// The data version: one (:DataVersion) node whose counter every write of data bumps in its own
// transaction, so that every app over the database can tell, with one cheap read, whether an answer
// it cached is still the answer (docs/decisions/071-data-version-answer-cache.md).
// Writes that leave what an analysis reads untouched (run results, saved plans, assessments) also count
// in `other`, so `value - other` is the version of the analysed data that runs record
// (docs/decisions/109-community-map-analyses-and-freshness.md).
import { execute, run, writeTransaction, type Database, type Tx } from '../db/database.js';

/** What a write changes: data an analysis reads (stakeholders, roles, ties, communities, interactions) or not. */
export type WriteScope = 'analysed' | 'other';

// The epoch is drawn when the node is created: a database cleared and filled again never repeats a version.
const BUMP = `MERGE (v:DataVersion {id: 'data'})
  ON CREATE SET v.epoch = randomUUID(), v.value = 0
  SET v.value = v.value + 1`;
const BUMP_OTHER = `${BUMP}, v.other = coalesce(v.other, 0) + 1`;

const bumpOf = (scope: WriteScope): string => (scope === 'analysed' ? BUMP : BUMP_OTHER);

/** The analysed data's version as Cypher over the node `v` (null when the node is missing). */
export const ANALYSED_VERSION = `v.epoch + ':' + toString(v.value - coalesce(v.other, 0))`;

/** Bumps the version inside a write transaction (commits with the write, or not at all). */
export async function bumpDataVersion(tx: Tx, scope: WriteScope = 'analysed'): Promise<void> {
  await run(tx, bumpOf(scope));
}

/** Bumps the version in a transaction of its own: after writes that span several transactions (imports batch by batch). */
export async function bumpDataVersionAlone(db: Database, scope: WriteScope = 'analysed'): Promise<void> {
  await execute(db, bumpOf(scope), {}, { mode: 'WRITE' });
}

/** The current version, or null when the node is missing (the data was changed behind the app's back: cache nothing). */
export async function readDataVersion(db: Database): Promise<string | null> {
  const rows = await execute<{ v: string | null }>(
    db,
    `OPTIONAL MATCH (v:DataVersion {id: 'data'}) RETURN v.epoch + ':' + toString(v.value) AS v`,
  );
  return rows[0]?.v ?? null;
}

/** The version of the data an analysis reads (moves with imports and edits, not with runs, plans or assessments). */
export async function readAnalysedDataVersion(db: Database): Promise<string | null> {
  const rows = await execute<{ v: string | null }>(
    db,
    `OPTIONAL MATCH (v:DataVersion {id: 'data'}) RETURN ${ANALYSED_VERSION} AS v`,
  );
  return rows[0]?.v ?? null;
}

/**
 * A write transaction that changes data the API serves: runs the work, then bumps the version in the
 * same transaction. The bump comes last, so every writer takes the version's lock after its own: no
 * deadlock between them through it.
 */
export async function writeData<T>(db: Database, work: (tx: Tx) => Promise<T>, scope: WriteScope = 'analysed'): Promise<T> {
  return writeTransaction(db, async (tx) => {
    const result = await work(tx);
    await bumpDataVersion(tx, scope);
    return result;
  });
}
