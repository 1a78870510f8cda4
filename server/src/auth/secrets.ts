// Random secrets and their stored form: sessions, API tokens and sign-in links are 32 random bytes,
// kept in Neo4j only as their SHA-256 (a stolen database reveals no usable secret).
import { createHash, randomBytes } from 'node:crypto';

export const API_TOKEN_PREFIX = 'atlas_';

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function newApiToken(): string {
  return `${API_TOKEN_PREFIX}${newSecret()}`;
}

/** SHA-256 is enough for 256-bit random secrets: there is nothing to brute-force. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

export function newId(): string {
  return randomBytes(9).toString('base64url');
}
