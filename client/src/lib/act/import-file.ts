// Reading a bundle file for importData: its format from the name (or first bytes), and its content as text or base64.
import type { ImportFormat } from '../graphql/generated/graphql';

/** The import format of a file, from its extension, else from its first bytes; null when unknown. */
export function importFormatFor(fileName: string, head: Uint8Array = new Uint8Array()): ImportFormat | null {
  const name = fileName.toLowerCase();
  if (name.endsWith('.zip')) return 'CSV_ZIP';
  if (name.endsWith('.json')) return 'JSON';
  if (name.endsWith('.gexf')) return 'GEXF';
  if (name.endsWith('.graphml')) return 'GRAPHML';
  if (name.endsWith('.ics') || name.endsWith('.ical')) return 'ICALENDAR';
  if (name.endsWith('.mbox') || name.endsWith('.mbx')) return 'MBOX';
  // Sniff: "PK\x03\x04" is a zip; XML root names tell GEXF from GraphML; "{" is JSON.
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'CSV_ZIP';
  const text = new TextDecoder().decode(head.slice(0, 512)).trimStart();
  if (text.startsWith('{') || text.startsWith('[')) return 'JSON';
  if (/<gexf[\s>]/.test(text)) return 'GEXF';
  if (/<graphml[\s>]/.test(text)) return 'GRAPHML';
  if (text.startsWith('BEGIN:VCALENDAR')) return 'ICALENDAR';
  if (text.startsWith('From ')) return 'MBOX';
  return null;
}

/** Base64 of bytes, in chunks (String.fromCharCode on a whole large file overflows the stack). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** The `content` importData expects: base64 for a zip, UTF-8 text for the rest. */
export function importContent(format: ImportFormat, bytes: Uint8Array): string {
  return format === 'CSV_ZIP' ? bytesToBase64(bytes) : new TextDecoder().decode(bytes);
}
