import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsvBundle } from '../../../server/src/import/csv-bundle.js';
import { parseJsonBundle } from '../../../server/src/import/json-bundle.js';
import { bytes, fixture, folderFiles } from './fixtures.js';

const json = (doc: unknown): string => JSON.stringify(doc);
const ONE = { source: 'crm', externalId: 'C1', kind: 'person', name: 'Al' };

describe('parseJsonBundle', () => {
  it('gives the same bundle as the CSV folder for the same content', () => {
    const fromJson = parseJsonBundle(readFileSync(fixture('valid.json'), 'utf8'), 'valid.json');
    const fromCsv = parseCsvBundle(folderFiles('valid-bundle'));
    expect(fromJson.errors).toEqual([]);
    expect(fromJson.warnings).toEqual([]);
    expect(fromJson.bundle).toEqual(fromCsv.bundle);
  });

  it('accepts bytes (with a BOM) as well as a string', () => {
    const r = parseJsonBundle(bytes(`\uFEFF${json({ stakeholders: [ONE] })}`));
    expect(r.errors).toEqual([]);
    expect(r.bundle.records).toEqual([{ source: 'crm', externalId: 'C1', kind: 'PERSON', name: 'Al' }]);
  });

  it('names file#array, 1-based row and field in problems', () => {
    const r = parseJsonBundle(
      json({
        stakeholders: [ONE, { source: 'crm', externalId: 7, kind: 'person', name: 'Numeric id' }],
        ties: [
          { from: 'crm:C1', to: 'crm:7', type: 'works with', weight: 2 },
          { from: 'crm:C1', to: 'crm:7', type: 'follows', weight: '-3' },
          { from: 'crm:C1', to: 'crm:7', type: 'mentions', weight: true },
        ],
        roles: [{ stakeholder: 'crm:C1', role: 'customer', value: 'lots' }],
        memberships: [{ stakeholder: 'crm:C1', community: 'nowhere' }],
      }),
      'data.json',
    );
    expect(r.errors).toEqual([
      { file: 'data.json#roles', row: 1, column: 'value', message: "invalid number 'lots'" },
      {
        file: 'data.json#ties',
        row: 2,
        column: 'weight',
        message: "invalid weight '-3' (expected a number from 0 to 1000000000)",
      },
      {
        file: 'data.json#ties',
        row: 3,
        column: 'weight',
        message: "invalid weight 'true' (expected a number from 0 to 1000000000)",
      },
      { file: 'data.json#memberships', row: 1, column: 'community', message: "unknown community 'nowhere'" },
    ]);
    // A numeric externalId is read as text.
    expect(r.bundle.ties).toEqual([{ from: 'crm:C1', to: 'crm:7', type: 'WORKS_WITH', weight: 2 }]);
  });

  it('reports wrong value types, non-object rows and unknown keys and fields', () => {
    const r = parseJsonBundle(
      json({
        stakeholders: [{ ...ONE, name: ['Al'], nickname: 'x' }, 'crm:C2', { ...ONE, externalId: 'C3', nickname: 'y' }],
        extras: [],
      }),
      'data.json',
    );
    expect(r.errors).toEqual([
      { file: 'data.json#stakeholders', row: 1, column: 'name', message: 'expected text, found a list' },
      { file: 'data.json#stakeholders', row: 2, message: 'expected an object' },
    ]);
    expect(r.warnings).toEqual([
      { file: 'data.json', column: 'extras', message: "unknown key 'extras' ignored" },
      { file: 'data.json#stakeholders', row: 1, column: 'nickname', message: "unknown field 'nickname' ignored" },
    ]);
  });

  it('rejects malformed JSON, a non-object, and a missing or empty stakeholders array', () => {
    expect(parseJsonBundle('{"stakeholders": [', 'x.json').errors[0]?.message).toMatch(/^malformed JSON: /);
    expect(parseJsonBundle('[]', 'x.json').errors).toEqual([
      { file: 'x.json', message: 'expected a JSON object with a "stakeholders" array' },
    ]);
    expect(parseJsonBundle('{}', 'x.json').errors).toEqual([
      { file: 'x.json', column: 'stakeholders', message: 'missing "stakeholders" array' },
    ]);
    expect(parseJsonBundle('{"stakeholders": []}', 'x.json').errors).toEqual([
      { file: 'x.json#stakeholders', message: 'no stakeholders (at least one is required)' },
    ]);
    expect(parseJsonBundle(json({ stakeholders: [ONE], ties: {} }), 'x.json').errors).toEqual([
      { file: 'x.json', column: 'ties', message: '"ties" must be an array' },
    ]);
  });

  it('rejects non-UTF-8 bytes', () => {
    const r = parseJsonBundle(new Uint8Array([0x7b, 0xff, 0x7d]), 'x.json');
    expect(r.errors[0]?.message).toContain('not valid UTF-8 (byte 0xFF on line 1)');
  });
});
