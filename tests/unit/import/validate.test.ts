import { describe, expect, it } from 'vitest';
import {
  BundleBuilder,
  MAX_PROBLEMS,
  Problems,
  normaliseKind,
  normaliseRole,
  normaliseTieType,
} from '../../../server/src/import/validate.js';
import { isIsoDate, isPlausibleEmail, toNumber } from '../../../server/src/domain/validators.js';

describe('vocabulary normalisation', () => {
  it('reads kinds case-insensitively, with the American spelling', () => {
    expect(normaliseKind('person')).toBe('PERSON');
    expect(normaliseKind(' Organisation ')).toBe('ORGANISATION');
    expect(normaliseKind('organization')).toBe('ORGANISATION');
    expect(normaliseKind('company')).toBeUndefined();
  });
  it('reads roles case-insensitively', () => {
    expect(normaliseRole('shareholder')).toBe('SHAREHOLDER');
    expect(normaliseRole('Partner')).toBe('PARTNER');
    expect(normaliseRole('investor')).toBeUndefined();
  });
  it('reads tie types with spaces, hyphens or underscores', () => {
    for (const s of ['works with', 'works-with', 'WORKS_WITH', 'Works  With']) expect(normaliseTieType(s), s).toBe('WORKS_WITH');
    expect(normaliseTieType('reports to')).toBe('REPORTS_TO');
    expect(normaliseTieType('likes')).toBeUndefined();
  });
});

describe('field checks', () => {
  it('accepts only real calendar dates as YYYY-MM-DD', () => {
    for (const ok of ['2024-02-29', '2000-02-29', '1999-12-31', '2021-01-01']) expect(isIsoDate(ok), ok).toBe(true);
    for (const bad of ['1900-02-29', '2023-02-29', '2021-04-31', '2021-00-10', '2021-1-1', '2021-01-01T00:00', '01/02/2021', ''])
      expect(isIsoDate(bad), bad).toBe(false);
  });
  it('parses plain decimal numbers only', () => {
    expect(toNumber('1.5')).toBe(1.5);
    expect(toNumber(' 2 ')).toBe(2);
    expect(toNumber('1e3')).toBe(1000);
    expect(toNumber('.5')).toBe(0.5);
    expect(toNumber(3)).toBe(3);
    for (const bad of ['', 'abc', '0x10', 'Infinity', 'NaN', '1,5', true, null, Number.NaN, Number.POSITIVE_INFINITY])
      expect(toNumber(bad), String(bad)).toBeUndefined();
  });
  it('finds emails plausible or not', () => {
    expect(isPlausibleEmail('a.b+c@example.co.uk')).toBe(true);
    expect(isPlausibleEmail('josé@exämple.de')).toBe(true);
    expect(isPlausibleEmail('a@b')).toBe(false);
    expect(isPlausibleEmail('a b@c.de')).toBe(false);
  });
});

describe('BundleBuilder', () => {
  const files = {
    records: 'r.csv',
    roles: 'roles.csv',
    ties: 't.csv',
    communities: 'c.csv',
    memberships: 'm.csv',
    interactions: 'i.csv',
    participants: 'p.csv',
  };
  const getter = (o: Record<string, unknown>) => (f: string) => o[f];

  it('validates strength in [0, 1] with default 1, and numeric role values', () => {
    const b = new BundleBuilder({ files });
    b.record(getter({ source: 's', externalId: '1', kind: 'person', name: 'A' }), 1);
    b.community(getter({ id: 'g', name: 'G' }), 1);
    b.membership(getter({ stakeholder: 's:1', community: 'g' }), 1);
    b.membership(getter({ stakeholder: 's:1', community: 'g', strength: '0.5' }), 2);
    b.membership(getter({ stakeholder: 's:1', community: 'g', strength: -0.1 }), 3);
    b.role(getter({ stakeholder: 's:1', role: 'customer', value: '12.5' }), 1);
    const r = b.finish();
    expect(r.errors).toEqual([
      {
        file: 'm.csv',
        row: 2,
        column: 'community',
        message: "duplicate membership of 's:1' in 'g' (first on row 1)",
      },
      { file: 'm.csv', row: 3, column: 'strength', message: "invalid strength '-0.1' (expected a number in [0, 1])" },
    ]);
    expect(r.bundle.memberships).toEqual([{ stakeholder: 's:1', community: 'g', strength: 1 }]);
    expect(r.bundle.roles).toEqual([{ stakeholder: 's:1', role: 'CUSTOMER', value: 12.5, source: 's' }]);
  });

  it('collects every problem, then caps each list at MAX_PROBLEMS', () => {
    const p = new Problems();
    for (let i = 0; i < MAX_PROBLEMS + 7; i++) p.error('f', i + 1, 'c', 'bad');
    p.warn('f', 1, 'c', 'odd');
    expect(p.errorCount).toBe(MAX_PROBLEMS + 7);
    const { errors, warnings } = p.result();
    expect(errors).toHaveLength(MAX_PROBLEMS + 1);
    expect(errors.at(-1)).toEqual({ file: '*', message: '… and 7 more errors' });
    expect(warnings).toEqual([{ file: 'f', row: 1, column: 'c', message: 'odd' }]);
  });
});
