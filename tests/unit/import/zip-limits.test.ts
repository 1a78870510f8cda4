// Zip imports are bounded before anything is inflated: entry count and declared uncompressed size, with errors
// that name the limit; an entry that lies about its size is not grown past what it declared.
import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { parseImportContent, unzipBundle, ZIP_LIMITS } from '../../../server/src/import/read-input.js';

/** Rewrites the uncompressed size every central-directory entry declares. */
function declareSize(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 46 <= out.length; i++) {
    if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, size, true);
  }
  return out;
}

describe('zip import limits', () => {
  it('refuses an archive that declares more than the uncompressed limit, naming it', () => {
    const bomb = declareSize(zipSync({ 'stakeholders.csv': new Uint8Array(1000) }), 0x7fffffff);
    const r = unzipBundle(bomb);
    expect(r).toEqual({ error: expect.stringMatching(/inflate to more than 256 MiB, the limit/) });
  });

  it('refuses a real high-ratio archive over a (small) limit', () => {
    const zeros = zipSync({ 'ties.csv': new Uint8Array(100_000) }, { level: 9 });
    expect(zeros.length).toBeLessThan(2_000);
    const r = unzipBundle(zeros, { maxEntries: 10, maxUncompressedBytes: 10_000 });
    expect('error' in r && r.error).toMatch(/more than .* MiB, the limit for an import/);
  });

  it('refuses an archive with more entries than the limit', () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i <= ZIP_LIMITS.maxEntries; i++) files[`f${i}.csv`] = new Uint8Array([0x61]);
    const r = unzipBundle(zipSync(files));
    expect(r).toEqual({ error: `the zip archive holds more than ${ZIP_LIMITS.maxEntries} entries, the limit for an import` });
  });

  it('reports the limit through the import parser, not as a decoding problem', () => {
    const bomb = declareSize(zipSync({ 'stakeholders.csv': new Uint8Array(1000) }), 0x7fffffff);
    const parsed = parseImportContent('CSV_ZIP', bomb);
    expect(parsed.errors[0]?.message).toMatch(/the limit for an import/);
    expect(parsed.errors[0]?.message).not.toMatch(/UTF-8/);
  });

  it('still reads ordinary archives', () => {
    const r = unzipBundle(zipSync({ 'stakeholders.csv': new TextEncoder().encode('id,name\n') }));
    expect('files' in r && [...r.files.keys()]).toEqual(['stakeholders.csv']);
  });
});
