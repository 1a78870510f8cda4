// The fictional company at the centre of the demo (Corvane Systems) and its calendar in UTC day numbers.
import type { CountryCode } from '../names.js';
import type { Draws } from '../draws.js';

export const COMPANY = { name: 'Corvane Systems', domain: 'corvane.io', country: 'NL' as CountryCode };
export const FOUNDED = '2012-03-01';
export const AS_OF = '2025-06-30';

const DAY_MS = 86_400_000;
export const toDay = (iso: string): number => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
export const FOUNDED_DAY = toDay(FOUNDED);
export const AS_OF_DAY = toDay(AS_OF);
const DATE_CACHE_FROM = toDay('2000-01-01');
const DATE_CACHE: string[] = [];
/** Day number → "YYYY-MM-DD" (cached: ties format a million dates). */
export const fromDay = (day: number): string => {
  const i = day - DATE_CACHE_FROM;
  if (i < 0 || i > 20_000) return new Date(day * DAY_MS).toISOString().slice(0, 10);
  return (DATE_CACHE[i] ??= new Date(day * DAY_MS).toISOString().slice(0, 10));
};

/** A day in [from, to), skewed towards `from` when bias > 1 and towards `to` when bias < 1. */
export function dateBetween(rng: Draws, from: number, to: number, bias = 1): number {
  if (to <= from) return from;
  return from + Math.floor(Math.pow(rng.next(), bias) * (to - from));
}
