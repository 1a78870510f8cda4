// Suppression entries: erased people stay erased. Each entry is the SHA-256 of a source-record key
// or of a normalised e-mail (the erased values themselves are not kept); imports skip matching records.
import { createHash } from 'node:crypto';
import { execute, type Database, type Tx, run } from '../db/database.js';

const digest = (value: string): string => createHash('sha256').update(value).digest('base64url');
export const recordSuppressionKey = (recordKey: string): string => `record:${digest(recordKey)}`;
export const emailSuppressionKey = (normalisedEmail: string): string => `email:${digest(normalisedEmail)}`;

/** Writes suppression entries inside the erasure's transaction. */
export async function addSuppressions(tx: Tx, recordKeys: string[], emails: string[]): Promise<number> {
  const keys = [...new Set([...recordKeys.map(recordSuppressionKey), ...emails.map(emailSuppressionKey)])];
  await run(tx, 'UNWIND $keys AS key MERGE (x:Suppression {key: key}) ON CREATE SET x.createdAt = datetime()', { keys });
  return keys.length;
}

/** Which of these record keys and normalised e-mails are suppressed. */
export async function findSuppressed(
  db: Database,
  recordKeys: string[],
  emails: string[],
): Promise<{ recordKeys: Set<string>; emails: Set<string> }> {
  const byKey = new Map<string, { kind: 'record' | 'email'; value: string }>();
  for (const key of recordKeys) byKey.set(recordSuppressionKey(key), { kind: 'record', value: key });
  for (const email of emails) byKey.set(emailSuppressionKey(email), { kind: 'email', value: email });
  const found = { recordKeys: new Set<string>(), emails: new Set<string>() };
  if (byKey.size === 0) return found;
  const rows = await execute<{ key: string }>(db, 'UNWIND $keys AS key MATCH (x:Suppression {key: key}) RETURN x.key AS key', {
    keys: [...byKey.keys()],
  });
  for (const { key } of rows) {
    const hit = byKey.get(key);
    if (hit?.kind === 'record') found.recordKeys.add(hit.value);
    else if (hit) found.emails.add(hit.value);
  }
  return found;
}
