// Argument checks shared by the mutations; each failure names the argument path.
import { badInput } from '../../errors.js';
import { isIsoDate, isPlausibleEmail } from '../../import/validate.js';

export function requireText(field: string, value: string | null | undefined, max = 500): string {
  const text = value?.trim() ?? '';
  if (text.length === 0) throw badInput(field, 'must not be empty');
  if (text.length > max) throw badInput(field, `must be at most ${max} characters`);
  return text;
}

export function optionalText(field: string, value: string | null | undefined, max = 500): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || value.trim() === '') return null;
  if (value.length > max) throw badInput(field, `must be at most ${max} characters`);
  return value.trim();
}

export function optionalEmail(field: string, value: string | null | undefined): string | null | undefined {
  const email = optionalText(field, value, 320);
  if (email && !isPlausibleEmail(email)) throw badInput(field, `'${email}' is not an e-mail address`);
  return email;
}

export function optionalDate(field: string, value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (!isIsoDate(value)) throw badInput(field, `'${value}' is not a date (YYYY-MM-DD)`);
  return value;
}

export function weight(field: string, value: number | null | undefined): number {
  const w = value ?? 1;
  if (!Number.isFinite(w) || w < 0) throw badInput(field, `must be a number ≥ 0, got ${w}`);
  return w;
}

export function strength(field: string, value: number | null | undefined): number {
  const s = value ?? 1;
  if (!Number.isFinite(s) || s < 0 || s > 1) throw badInput(field, `must be between 0 and 1, got ${s}`);
  return s;
}

export function integerInRange(
  field: string,
  value: number | null | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < min || n > max) throw badInput(field, `must be an integer between ${min} and ${max}, got ${n}`);
  return n;
}

export function optionalId(field: string, value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  const id = value.trim();
  if (id.length === 0 || id.length > 200) throw badInput(field, 'must be 1 to 200 characters');
  return id;
}

/** Longest free-text search, and most words in it: the full-text index turns each word into a clause. */
export const MAX_SEARCH_CHARS = 200;
export const MAX_SEARCH_WORDS = 32;

export function searchText(field: string, value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return value;
  if (value.length > MAX_SEARCH_CHARS)
    throw badInput(field, `must be at most ${MAX_SEARCH_CHARS} characters, got ${value.length}`);
  const words = value
    .trim()
    .split(/\s+/)
    .filter((word) => word.length > 0).length;
  if (words > MAX_SEARCH_WORDS) throw badInput(field, `must be at most ${MAX_SEARCH_WORDS} words, got ${words}`);
  return value;
}
