// Response headers every answer carries (CSP, nosniff, referrer, framing), and the relaxed CSP of the GraphiQL page.
import { createHash } from 'node:crypto';

/** The page's own scripts only; inline styles stay allowed because Svelte sets style attributes. */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': APP_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

/**
 * The CSP for GraphiQL's HTML, derived from the HTML yoga renders: its inline scripts by hash and the
 * origins its scripts and stylesheets load from (yoga's GraphiQL comes from a CDN). Only the GET
 * /graphql HTML page gets it; everything else keeps APP_CSP.
 */
export function graphiqlCsp(html: string): string {
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map(
    (match) =>
      `'sha256-${createHash('sha256')
        .update(match[1] ?? '')
        .digest('base64')}'`,
  );
  const scriptOrigins = originsOf(html, /<script[^>]*\bsrc=["']?([^"' >]+)/gi);
  const linkOrigins = originsOf(html, /<link[^>]*\bhref=["']?([^"' >]+)/gi);
  return [
    "default-src 'self'",
    `script-src 'self' ${[...hashes, ...scriptOrigins].join(' ')}`.trim(),
    `style-src 'self' 'unsafe-inline' ${linkOrigins.join(' ')}`.trim(),
    `img-src 'self' data: blob: ${linkOrigins.join(' ')}`.trim(),
    `font-src 'self' data: ${linkOrigins.join(' ')}`.trim(),
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function originsOf(html: string, pattern: RegExp): string[] {
  const origins = new Set<string>();
  for (const match of html.matchAll(pattern)) {
    try {
      const url = new URL(match[1] ?? '');
      if (url.protocol === 'https:') origins.add(url.origin);
    } catch {
      // A relative URL loads from 'self', already allowed.
    }
  }
  return [...origins];
}
