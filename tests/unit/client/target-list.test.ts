// Target list: pure transitions, tolerant parsing, and the CSV that says why each person is on it.
import { describe, expect, it } from 'vitest';
import {
  csvField,
  csvScore,
  TARGET_CSV_COLUMNS,
  targetCsv,
  whySentence,
  type TargetReasons,
} from '../../../client/src/lib/act/target-csv';
import { hopsLabel } from '../../../client/src/lib/components/format';
import { mapLimited } from '../../../client/src/lib/act/target-reasons';
import {
  addTarget,
  parseTargets,
  removeTarget,
  targetsStorageKey,
  type Target,
} from '../../../client/src/lib/state/target-transitions';

const t = (id: string): Target => ({ id, name: `N ${id}`, from: 'panel', addedAt: '2025-01-01T00:00:00Z' });

function reasons(over: Partial<TargetReasons> = {}): TargetReasons {
  return {
    id: 'crm:1',
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    organisation: 'Analytical, Ltd',
    roles: ['CUSTOMER', 'PARTNER'],
    communities: [
      { name: 'UG DACH', strength: 0.5 },
      { name: 'Partner Network', strength: 1 },
    ],
    degree: 12,
    pagerank: 0.012345,
    betweenness: 0.1,
    detected: [{ name: 'Customers · DACH', strength: 0.8 }],
    bestPath: { names: ['Emma Employee', 'Bob', 'Ada Lovelace'], score: 0.42 },
    from: 'panel',
    reason: null,
    addedAt: '2025-01-01T00:00:00Z',
    ...over,
  };
}

describe('target list transitions', () => {
  it('adds once, removes, keeps order', () => {
    let items = addTarget([], t('a'));
    items = addTarget(items, t('b'));
    expect(addTarget(items, t('a'))).toBe(items);
    expect(items.map((x) => x.id)).toEqual(['a', 'b']);
    expect(removeTarget(items, 'a').map((x) => x.id)).toEqual(['b']);
    expect(removeTarget(items, 'zz')).toBe(items);
  });

  it('parses stored lists, dropping malformed entries and duplicates', () => {
    expect(parseTargets(null)).toEqual([]);
    expect(parseTargets('{')).toEqual([]);
    expect(parseTargets('{"a":1}')).toEqual([]);
    const parsed = parseTargets(JSON.stringify([t('a'), { id: 'a' }, { name: 'no id' }, 3, { id: 'b' }]));
    expect(parsed.map((x) => x.id)).toEqual(['a', 'b']);
    expect(parsed[1]).toEqual({ id: 'b', name: 'b', from: 'unknown', addedAt: '' });
  });

  it('keeps one list per database (a list made on one database does not show on another)', () => {
    expect(targetsStorageKey('neo4j:A1')).not.toBe(targetsStorageKey('neo4j:B2'));
    expect(targetsStorageKey('neo4j:A1')).toBe(targetsStorageKey('neo4j:A1'));
    expect(targetsStorageKey(null)).toBe('atlas:targets');
  });

  it("keeps the reason a target was added with (the plan's expected gain) through storage", () => {
    const planned = { ...t('p'), from: 'engagement plan', reason: 'adds 8.3 expected contacts (seed 1): bridges DACH customers' };
    expect(parseTargets(JSON.stringify([planned]))).toEqual([planned]);
  });
});

describe('target list CSV', () => {
  it('quotes fields per RFC 4180 and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField(null)).toBe('');
    expect(csvField(-3)).toBe('-3');
  });

  it('writes a header and one row per target with its reasons', () => {
    const csv = targetCsv([reasons()]);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(TARGET_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(2);
    const row = lines[1] ?? '';
    expect(row).toContain('"Analytical, Ltd"');
    expect(row).toContain('CUSTOMER+PARTNER');
    expect(row).toContain('Partner Network (1.00); UG DACH (0.50)');
    expect(row).toContain('Emma Employee > Bob > Ada Lovelace');
    expect(row).toContain('0.0123');
    expect(row).toContain('Customers · DACH (0.80)');
  });

  it("carries the plan's reason into its own column", () => {
    const reason = 'adds 8.3 expected contacts (seed 1): bridges DACH customers';
    const [header, row] = targetCsv([reasons({ from: 'engagement plan', reason })]).split('\r\n');
    const column = TARGET_CSV_COLUMNS.indexOf('added_because');
    expect(header?.split(',')[column]).toBe('added_because');
    expect(row).toContain(`engagement plan,${reason},`);
  });

  it('keeps significant digits of small scores (0.00013 is not cut to 0.0001)', () => {
    expect(csvScore(0.00013)).toBe('0.00013');
    expect(csvScore(0.000123456789)).toBe('0.000123457');
    expect(csvScore(0.012345)).toBe('0.012345');
    expect(csvScore(null)).toBeNull();
    const row = targetCsv([reasons({ pagerank: 0.00013, betweenness: 0 })]).split('\r\n')[1] ?? '';
    expect(row).toContain(',0.00013,0,');
    expect(whySentence(reasons({ pagerank: 0.00013 }))).toContain('PageRank 0.00013');
  });

  it('says "1 hop", not "1 hops"', () => {
    expect(hopsLabel(1)).toBe('1 hop');
    expect(hopsLabel(3)).toBe('3 hops');
    expect(whySentence(reasons({ bestPath: { names: ['Emma Employee', 'Ada Lovelace'], score: 0.5 } }))).toContain(
      'reachable in 1 hop from Emma Employee',
    );
  });

  it('leaves analytics columns empty without the analysis API', () => {
    const r = reasons({ pagerank: null, betweenness: null, detected: null, bestPath: null });
    const row = targetCsv([r]).split('\r\n')[1] ?? '';
    expect(row.split(',').length).toBeGreaterThanOrEqual(TARGET_CSV_COLUMNS.length);
    expect(whySentence(r)).toBe('holds customer + partner roles, in 2 declared communities, 12 ties');
    expect(whySentence(reasons({ roles: [], communities: [], degree: null, pagerank: null, bestPath: null }))).toBe(
      'added by hand',
    );
  });

  it('fetches with bounded concurrency, in order', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapLimited([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return n * 2;
    });
    expect(out).toEqual([2, 4, 6, 8, 10, 12, 14]);
    expect(peak).toBeLessThanOrEqual(3);
  });
});
