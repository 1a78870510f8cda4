// A user and personal API token for benchmarks (the API answers only signed-in callers).
import { randomBytes } from 'node:crypto';
import type { Database } from '../server/src/db/database.js';
import type { AccessRoleName } from '../server/src/domain/access.js';
import { hashSecret, newApiToken, newId } from '../server/src/auth/secrets.js';
import { createApiToken, createUser } from '../server/src/store/access.js';

export async function createBenchToken(db: Database, role: AccessRoleName): Promise<string> {
  const name = `bench-${role}-${randomBytes(4).toString('hex')}`;
  await createUser(db, name, role, null);
  const token = newApiToken();
  await createApiToken(db, name, { id: newId(), name: 'bench', hash: hashSecret(token), expiresAt: null });
  return token;
}
