// First start: with no user in the database, create `admin` (no password) and return a one-time
// sign-in link for the console, as notebook servers do.
import type { AppConfig } from '../config.js';
import type { Database } from '../db/database.js';
import { countUsers, createSignInLink, createUser, deleteExpiredSessions } from '../store/access.js';
import { hashSecret, newSecret } from './secrets.js';

export const FIRST_ADMIN = 'admin';
const LINK_HOURS = 24;

/** Where the server will answer, for printed links: ATLAS_PUBLIC_URL, else the bound host and port. */
export function publicBase(config: AppConfig, env: Record<string, string | undefined> = process.env): string {
  const configured = env.ATLAS_PUBLIC_URL?.trim();
  if (configured) return configured.replace(/\/+$/, '');
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
}

/** A one-time link for `user` (valid 24 h), as a URL under `base`. */
export async function signInLink(db: Database, user: string, base: string): Promise<string> {
  const secret = newSecret();
  const expires = new Date(Date.now() + LINK_HOURS * 3_600_000).toISOString();
  if (!(await createSignInLink(db, user, hashSecret(secret), expires))) throw new Error('No such user');
  return `${base}/auth/link/${secret}`;
}

/** At start: drops expired sessions and links; creates the first admin when there is no user at all and logs a sign-in link. */
export async function ensureFirstAdmin(db: Database, config: AppConfig, log: (line: string) => void): Promise<void> {
  await deleteExpiredSessions(db);
  if ((await countUsers(db)) > 0) return;
  // Two processes starting at once: only the one that creates the user prints a link.
  if (!(await createUser(db, FIRST_ADMIN, 'admin', null))) return;
  const link = await signInLink(db, FIRST_ADMIN, publicBase(config));
  log(`No users yet: created '${FIRST_ADMIN}'. Sign in once, within 24 h, with this link (then set a password):`);
  log(`  ${link}`);
}
