// The value checks every edge shares (import rows, GraphQL arguments, run parameters): dates, numbers,
// e-mail addresses, domains, ids and names. Pure predicates; each caller words its own error.

/** Longest stakeholder, community or run id accepted anywhere. */
export const MAX_ID_LENGTH = 200;
/** Longest name or other one-line text accepted for a stakeholder or community. */
export const MAX_NAME_LENGTH = 500;
/** Longest multi-line text (a community's description, a note). */
export const MAX_TEXT_LENGTH = 5000;
/** Largest tie weight or interaction count: far above any real one, far below float overflow. */
export const MAX_WEIGHT = 1e9;

// C0 controls and DEL; tab, line feed and carriage return are allowed only in multi-line text.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LINE_BREAK_OR_TAB = /[\t\n\r]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * True when `text` holds a NUL or other control character (line breaks and tabs too, unless `multiLine`),
 * or half of a surrogate pair (not valid Unicode: Neo4j and every export would garble it).
 */
export function hasControlCharacters(text: string, multiLine = false): boolean {
  return CONTROL.test(text) || (!multiLine && LINE_BREAK_OR_TAB.test(text)) || LONE_SURROGATE.test(text);
}

/** A usable id: 1 to MAX_ID_LENGTH characters once trimmed, no control characters. */
export function isValidId(raw: string): boolean {
  const id = raw.trim();
  return id.length > 0 && id.length <= MAX_ID_LENGTH && !hasControlCharacters(id);
}

/** A finite, non-negative weight no larger than MAX_WEIGHT. */
export function isValidWeight(value: number): boolean {
  return Number.isFinite(value) && value >= 0 && value <= MAX_WEIGHT;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True for a strictly formatted `YYYY-MM-DD` that names a real calendar day. */
export function isIsoDate(raw: string): boolean {
  const m = DATE.exec(raw);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const max = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return day <= max;
}

// Plain decimal notation only: Number() alone would accept '', '0x1F' and 'Infinity'.
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A finite number from a number or a numeric string, else undefined. */
export function toNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw !== 'string') return undefined;
  const s = raw.trim();
  if (!NUMBER.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

// Local part without spaces or '@'; a domain of dot-separated labels ending in an alphabetic TLD.
const EMAIL = /^[^\s@]+@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,}$/u;

/** A plausible e-mail address (not a deliverability check). */
export function isPlausibleEmail(raw: string): boolean {
  return EMAIL.test(raw.trim());
}

const DOMAIN = /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,}$/u;

/** A plausible internet domain such as `acme.co.uk`. */
export function isPlausibleDomain(raw: string): boolean {
  return DOMAIN.test(raw);
}

/** Strips scheme, `www.`, path and port so `https://www.acme.com/x` validates as a domain. */
export function stripDomainDecorations(raw: string): string {
  let s = raw.trim().toLowerCase();
  const at = s.lastIndexOf('@');
  if (at >= 0 && !s.includes('://')) s = s.slice(at + 1);
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  const cut = s.search(/[/?#]/);
  if (cut >= 0) s = s.slice(0, cut);
  const userinfo = s.lastIndexOf('@');
  if (userinfo >= 0) s = s.slice(userinfo + 1);
  s = s.replace(/:\d*$/, '').replace(/\.$/, '');
  if (s.startsWith('www.')) s = s.slice(4);
  return s;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
/** The earliest instant accepted for a dated fact (an interaction). */
export const EARLIEST_INSTANT = Date.UTC(1900, 0, 1);

/**
 * Epoch milliseconds of a date (`YYYY-MM-DD`, taken as midnight UTC) or an ISO 8601 instant with its zone;
 * undefined for anything else (a time without a zone is ambiguous) or before 1900.
 */
export function instantMillis(raw: string): number | undefined {
  const text = raw.trim();
  const date = isIsoDate(text);
  if (!date && !(INSTANT.test(text) && isIsoDate(text.slice(0, 10)))) return undefined;
  const time = Date.parse(date ? `${text}T00:00:00Z` : text);
  return Number.isFinite(time) && time >= EARLIEST_INSTANT ? time : undefined;
}
