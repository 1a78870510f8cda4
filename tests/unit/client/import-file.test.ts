// Import from the UI: the bundle's format from its name or first bytes, and its content as importData expects it.
import { describe, expect, it } from 'vitest';
import { bytesToBase64, importContent, importFormatFor } from '../../../client/src/lib/act/import-file';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('import files', () => {
  it('reads the format from the extension', () => {
    expect(importFormatFor('bundle.ZIP')).toBe('CSV_ZIP');
    expect(importFormatFor('data.json')).toBe('JSON');
    expect(importFormatFor('graph.gexf')).toBe('GEXF');
    expect(importFormatFor('graph.graphml')).toBe('GRAPHML');
    expect(importFormatFor('team.ics')).toBe('ICALENDAR');
    expect(importFormatFor('Inbox.MBOX')).toBe('MBOX');
  });

  it('sniffs the first bytes when the extension says nothing', () => {
    expect(importFormatFor('upload', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0]))).toBe('CSV_ZIP');
    expect(importFormatFor('upload', bytes('  {"stakeholders": []}'))).toBe('JSON');
    expect(importFormatFor('graph.xml', bytes('<?xml version="1.0"?>\n<gexf xmlns="x">'))).toBe('GEXF');
    expect(importFormatFor('graph.xml', bytes('<?xml version="1.0"?><graphml>'))).toBe('GRAPHML');
    expect(importFormatFor('export', bytes('BEGIN:VCALENDAR\r\nVERSION:2.0'))).toBe('ICALENDAR');
    expect(importFormatFor('Inbox', bytes('From sender@x.org Mon Jan  8 10:00:00 2024\n'))).toBe('MBOX');
    expect(importFormatFor('notes.txt', bytes('hello'))).toBeNull();
  });

  it('sends zips as base64 and the rest as text', () => {
    const big = new Uint8Array(100_000).map((_, i) => i % 256);
    expect(bytesToBase64(big)).toBe(Buffer.from(big).toString('base64'));
    expect(importContent('CSV_ZIP', bytes('PK'))).toBe('UEs=');
    expect(importContent('JSON', bytes('{"a":"é"}'))).toBe('{"a":"é"}');
  });
});
