// Users for benchmarks (the API answers only signed-in callers): with a personal API token, or with a password.
import { randomBytes } from 'node:crypto';
import type { Database } from '../server/src/db/database.js';
import type { AccessRoleName } from '../server/src/domain/access.js';
import { hashSecret, newApiToken, newId } from '../server/src/auth/secrets.js';
import { hashPassword } from '../server/src/auth/passwords.js';
import { createApiToken, createUser, setPasswordHash, setUserRole } from '../server/src/store/access.js';

export async function createBenchToken(db: Database, role: AccessRoleName): Promise<string> {
  const name = `bench-${role}-${randomBytes(4).toString('hex')}`;
  await createUser(db, name, role, null);
  const token = newApiToken();
  await createApiToken(db, name, { id: newId(), name: 'bench', hash: hashSecret(token), expiresAt: null });
  return token;
}

/**
 * A user who signs in with a password, for benchmarks that drive the page (which signs in with a session cookie):
 * `bench-<role>` is created once and gets a new random password at each call (users are never deleted).
 */
export async function benchUserWithPassword(db: Database, role: AccessRoleName): Promise<{ name: string; password: string }> {
  const name = `bench-${role}`;
  const password = randomBytes(18).toString('base64url');
  const hash = await hashPassword(password);
  if (!(await createUser(db, name, role, hash))) {
    await setPasswordHash(db, name, hash);
    await setUserRole(db, name, role);
  }
  return { name, password };
}
