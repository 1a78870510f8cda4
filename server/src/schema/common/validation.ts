// Argument checks shared by the mutations; each failure names the argument path (and never echoes a long value).
import { badInput } from '../../errors.js';
import {
  hasControlCharacters,
  isIsoDate,
  isPlausibleEmail,
  isValidId,
  isValidWeight,
  MAX_ID_LENGTH,
  MAX_NAME_LENGTH,
  MAX_WEIGHT,
} from '../../domain/validators.js';

/** One line of text: trimmed, 1 to `max` characters, no control characters. */
export function requireText(field: string, value: string | null | undefined, max = MAX_NAME_LENGTH): string {
  const text = value?.trim() ?? '';
  if (text.length === 0) throw badInput(field, 'must not be empty');
  return checkedText(field, text, max);
}

export function optionalText(field: string, value: string | null | undefined, max = MAX_NAME_LENGTH): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || value.trim() === '') return null;
  return checkedText(field, value.trim(), max);
}

function checkedText(field: string, text: string, max: number): string {
  if (text.length > max) throw badInput(field, `must be at most ${max} characters, got ${text.length}`);
  if (hasControlCharacters(text)) throw badInput(field, 'must not contain control characters (NUL, escape, line breaks …)');
  return text;
}

export function optionalEmail(field: string, value: string | null | undefined): string | null | undefined {
  const email = optionalText(field, value, 320);
  if (email && !isPlausibleEmail(email)) throw badInput(field, `'${email}' is not an e-mail address`);
  return email;
}

export function optionalDate(field: string, value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (!isIsoDate(value)) throw badInput(field, `'${value.slice(0, 40)}' is not a date (YYYY-MM-DD)`);
  return value;
}

export function weight(field: string, value: number | null | undefined): number {
  const w = value ?? 1;
  if (!isValidWeight(w)) throw badInput(field, `must be a number from 0 to ${MAX_WEIGHT}, got ${w}`);
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
  if (!isValidId(value)) throw badInput(field, `must be 1 to ${MAX_ID_LENGTH} characters without control characters`);
  return value.trim();
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
