import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { parseImportContent, readImportInput, unzipBundle } from '../../../server/src/import/read-input.js';
import { fixture, folderFiles } from './fixtures.js';

const tmp = mkdtempSync(join(tmpdir(), 'atlas-import-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const bundleZip = (prefix: string, extra: Record<string, Uint8Array> = {}): Uint8Array => {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, data] of folderFiles('valid-bundle')) entries[`${prefix}${name}`] = data;
  return zipSync({ ...entries, ...extra });
};

describe('readImportInput', () => {
  it('reads a folder, a zip and a zip with one sub-folder into identical bundles', async () => {
    const fromFolder = await readImportInput(fixture('valid-bundle'));
    expect(fromFolder.errors).toEqual([]);
    const flat = join(tmp, 'flat.zip');
    writeFileSync(flat, bundleZip(''));
    const nested = join(tmp, 'nested.zip');
    writeFileSync(nested, bundleZip('export-2024/', { '__MACOSX/export-2024/._roles.csv': new Uint8Array([0]) }));
    for (const path of [flat, nested]) {
      const fromZip = await readImportInput(path);
      expect(fromZip.errors, path).toEqual([]);
      expect(fromZip.warnings, path).toEqual([]);
      expect(fromZip.bundle, path).toEqual(fromFolder.bundle);
    }
  });

  it('reads .json, .gexf, .graphml, and a .xml holding GEXF', async () => {
    const json = await readImportInput(fixture('valid.json'));
    expect(json.errors).toEqual([]);
    expect(json.bundle.records).toHaveLength(11);
    const gexf = await readImportInput(fixture('valid.gexf'), { source: 'social' });
    const graphml = await readImportInput(fixture('valid.graphml'), { source: 'social' });
    expect(gexf.errors).toEqual([]);
    expect(graphml.bundle).toEqual(gexf.bundle);
    const xml = join(tmp, 'graph.xml');
    writeFileSync(xml, readFileSync(fixture('valid.gexf')));
    expect((await readImportInput(xml, { source: 'social' })).bundle).toEqual(gexf.bundle);
  });

  it('names the file in problems from a path', async () => {
    const path = join(tmp, 'bad.json');
    writeFileSync(path, '{"stakeholders": [{"source": "crm"}]}');
    const r = await readImportInput(path);
    expect(r.errors.map((e) => [e.file, e.row, e.column])).toEqual([
      ['bad.json#stakeholders', 1, 'externalId'],
      ['bad.json#stakeholders', 1, 'kind'],
      ['bad.json#stakeholders', 1, 'name'],
    ]);
  });

  it('gives a clear error for unknown extensions, a lone CSV and missing paths', async () => {
    const txt = join(tmp, 'notes.txt');
    writeFileSync(txt, 'hello');
    expect((await readImportInput(txt)).errors[0]?.message).toBe(
      "unknown file type '.txt'; expected a folder, .zip, .json, .gexf, .graphml, .xml, .ics or .mbox",
    );
    const csv = join(tmp, 'stakeholders.csv');
    writeFileSync(csv, 'source,external_id,kind,name\n');
    expect((await readImportInput(csv)).errors[0]?.message).toContain('a CSV bundle is a folder or a .zip');
    const missing = await readImportInput(join(tmp, 'nope.zip'));
    expect(missing.errors[0]?.message).toMatch(/^cannot read '.*nope\.zip': ENOENT/);
  });
});

describe('parseImportContent', () => {
  it('takes a base64 zip for CSV_ZIP, as the GraphQL mutation sends it', () => {
    const zip = bundleZip('bundle/');
    const fromBase64 = parseImportContent('CSV_ZIP', Buffer.from(zip).toString('base64'));
    const fromBytes = parseImportContent('CSV_ZIP', zip);
    expect(fromBase64.errors).toEqual([]);
    expect(fromBase64.bundle).toEqual(fromBytes.bundle);
    expect(fromBase64.bundle.ties).toHaveLength(10);
  });

  it('reports an unreadable zip', () => {
    const r = parseImportContent('CSV_ZIP', new Uint8Array([1, 2, 3, 4]), { fileName: 'upload.zip' });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.file).toBe('upload.zip');
    expect(r.errors[0]?.message).toMatch(/^not a readable zip archive/);
  });

  it('passes the default source to graph formats', () => {
    const text = readFileSync(fixture('valid.graphml'), 'utf8');
    const r = parseImportContent('GRAPHML', text, { source: 'events' });
    expect(r.bundle.records.map((x) => x.source)).toEqual(['crm', 'crm', 'hr', 'events']);
  });
});

describe('unzipBundle', () => {
  it('keeps paths when files are spread over several folders (then reported as unknown files)', () => {
    const z = zipSync({ 'a/stakeholders.csv': new Uint8Array([0x61]), 'b/ties.csv': new Uint8Array([0x62]) });
    const r = unzipBundle(z);
    expect('files' in r && [...r.files.keys()].sort()).toEqual(['a/stakeholders.csv', 'b/ties.csv']);
  });
});
