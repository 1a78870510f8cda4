// Pure helpers of the Users & tokens panel: a token's state, the new-token form, and a fresh secret's lifetime.
import type { ApiTokenRow } from '../graphql/auth-types';

export type TokenState = 'active' | 'expired' | 'revoked';

export function tokenState(token: ApiTokenRow, now: number = Date.now()): TokenState {
  if (token.revoked) return 'revoked';
  if (token.expiresAt !== null && new Date(token.expiresAt).getTime() <= now) return 'expired';
  return 'active';
}

/** Validates the "new token" form: a name, and an expiry in whole days between 1 and 3650 (empty: never). */
export function tokenFormProblem(name: string, expiresInDays: string): string | null {
  if (name.trim() === '') return 'Give the token a name (what script or machine uses it).';
  if (name.trim().length > 100) return 'The name is longer than 100 characters.';
  if (expiresInDays.trim() === '') return null;
  const days = Number(expiresInDays);
  if (!Number.isInteger(days) || days < 1 || days > 3650) return 'Expiry is a whole number of days from 1 to 3650.';
  return null;
}

export function expiryDays(expiresInDays: string): number | null {
  return expiresInDays.trim() === '' ? null : Number(expiresInDays);
}

/** Validates a new password before sending it (the server's own rules answer with their message). */
export function passwordProblem(password: string, repeat: string): string | null {
  if (password === '') return 'Enter a new password.';
  if (password !== repeat) return 'The two passwords differ.';
  return null;
}
