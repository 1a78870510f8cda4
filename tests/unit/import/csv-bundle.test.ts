import { describe, expect, it } from 'vitest';
import { forEachCsvRow, parseCsvBundle } from '../../../server/src/import/csv-bundle.js';
import { bytes, folderFiles } from './fixtures.js';

const rowsOf = (text: string, viaCsvParse: boolean): string[][] => {
  const rows: string[][] = [];
  forEachCsvRow(text, (r) => rows.push(r), viaCsvParse);
  return rows;
};

const STAKEHOLDERS = 'source,external_id,kind,name\ncrm,C001,person,Alice\ncrm,C002,person,Bob\n';

describe('parseCsvBundle: the valid bundle', () => {
  const result = parseCsvBundle(folderFiles('valid-bundle'));

  it('has no problems and the expected counts', () => {
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    const b = result.bundle;
    expect([b.records.length, b.roles.length, b.ties.length, b.communities.length, b.memberships.length]).toEqual([
      11, 12, 10, 2, 5,
    ]);
  });

  it('normalises kinds, roles and tie types and keeps quoted fields intact', () => {
    const b = result.bundle;
    expect(b.records[1]).toEqual({
      source: 'crm',
      externalId: 'C002',
      kind: 'PERSON',
      name: 'Bob Stone, Jr.',
      email: 'bob@globex.io',
      organisation: 'Globex Corporation',
      title: 'CTO',
      country: 'US',
    });
    expect(b.records.find((r) => r.externalId === 'C011')?.kind).toBe('ORGANISATION'); // "Organization"
    expect(b.ties.map((t) => t.type)).toEqual([
      'WORKS_WITH',
      'INTERACTS',
      'REPORTS_TO',
      'BUYS_FROM',
      'SUPPLIES',
      'WORKS_WITH',
      'WORKS_WITH',
      'FOLLOWS',
      'WORKS_WITH',
      'MENTIONS',
    ]);
    expect(new Set(b.roles.map((r) => r.role))).toEqual(new Set(['CUSTOMER', 'EMPLOYEE', 'SUPPLIER', 'PARTNER', 'SHAREHOLDER']));
    expect(b.communities[0]?.description).toBe('Customers and staff who meet monthly in London; "open" to all');
  });

  it('fills defaults: weight 1, strength 1, role source from the record', () => {
    const b = result.bundle;
    expect(b.ties[5]).toEqual({ from: 'crm:C002', to: 'crm:C011', type: 'WORKS_WITH', weight: 1 });
    expect(b.ties[9]).toEqual({ from: 'crm:C003', to: 'crm:C001', type: 'MENTIONS', weight: 0, since: '2020-02-29' });
    expect(b.memberships[1]).toEqual({ stakeholder: 'hr:E101', community: 'ug-london', strength: 1, since: '2021-06-01' });
    expect(b.roles[0]).toEqual({
      stakeholder: 'crm:C001',
      role: 'CUSTOMER',
      since: '2021-04-01',
      source: 'crm',
      value: 12000,
      tier: 'gold',
    });
    expect(b.roles.find((r) => r.stakeholder === 'captable:S001')?.source).toBe('registry');
  });

  it('keeps a parallel pair of ties of different types', () => {
    const pair = result.bundle.ties.filter((t) => t.from === 'crm:C001' && t.to === 'hr:E101');
    expect(pair.map((t) => t.type)).toEqual(['WORKS_WITH', 'INTERACTS']);
  });
});

describe('parseCsvBundle: error classes', () => {
  it('bad-header: missing required columns are errors naming file and column; unknown columns warn', () => {
    const r = parseCsvBundle(folderFiles('bad-header'));
    expect(r.errors).toEqual([
      { file: 'stakeholders.csv', column: 'kind', message: "missing required column 'kind'" },
      { file: 'ties.csv', column: 'type', message: "missing required column 'type'" },
    ]);
    expect(r.warnings).toEqual([{ file: 'stakeholders.csv', column: 'nickname', message: "unknown column 'nickname' ignored" }]);
    expect(r.bundle.records).toEqual([]);
  });

  it('unknown-role: names file, row and column and lists the roles', () => {
    const r = parseCsvBundle(folderFiles('unknown-role'));
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ file: 'roles.csv', row: 2, column: 'role' });
    expect(r.errors[0]?.message).toContain("unknown role 'investor'");
    expect(r.errors[0]?.message).toContain('SHAREHOLDER');
    expect(r.bundle.roles.map((x) => `${x.stakeholder} ${x.role}`)).toEqual(['crm:C001 CUSTOMER', 'crm:C002 PARTNER']);
  });

  it('unknown-stakeholder: roles, ties and memberships to keys not in the bundle, and unknown communities', () => {
    const r = parseCsvBundle(folderFiles('unknown-stakeholder'));
    expect(r.errors).toEqual([
      { file: 'roles.csv', row: 1, column: 'stakeholder', message: "unknown stakeholder 'crm:C003'" },
      { file: 'ties.csv', row: 2, column: 'to', message: "unknown stakeholder 'crm:C999'" },
      { file: 'ties.csv', row: 3, column: 'from', message: "unknown stakeholder 'hr:E1'" },
      { file: 'memberships.csv', row: 2, column: 'community', message: "unknown community 'forum'" },
      {
        file: 'memberships.csv',
        row: 3,
        column: 'strength',
        message: "invalid strength '1.5' (expected a number in [0, 1])",
      },
    ]);
    expect(r.bundle.ties).toHaveLength(1);
    expect(r.bundle.memberships).toHaveLength(1);
  });

  it('bad-weight: negative, non-numeric, infinite and hex weights are errors; 1e3 is fine', () => {
    const r = parseCsvBundle(folderFiles('bad-weight'));
    expect(r.errors.map((e) => [e.file, e.row, e.column])).toEqual([
      ['ties.csv', 1, 'weight'],
      ['ties.csv', 2, 'weight'],
      ['ties.csv', 4, 'weight'],
      ['ties.csv', 5, 'weight'],
    ]);
    expect(r.errors[0]?.message).toBe("invalid weight '-1' (expected a number from 0 to 1000000000)");
    expect(r.errors[1]?.message).toContain("'heavy'");
    expect(r.bundle.ties).toEqual([{ from: 'crm:C001', to: 'crm:C002', type: 'FOLLOWS', weight: 1000 }]);
  });

  it('bad-date: impossible days, other formats and until before since', () => {
    const r = parseCsvBundle(folderFiles('bad-date'));
    expect(r.errors.map((e) => [e.file, e.row, e.column, e.message])).toEqual([
      ['roles.csv', 1, 'since', "invalid date '2021-02-30' (expected a real calendar date as YYYY-MM-DD)"],
      ['roles.csv', 2, 'until', "invalid date '01/02/2021' (expected a real calendar date as YYYY-MM-DD)"],
      ['roles.csv', 3, 'until', 'until 2019-12-31 is before since 2020-01-01'],
      ['ties.csv', 1, 'since', "invalid date '2021-13-01' (expected a real calendar date as YYYY-MM-DD)"],
      ['ties.csv', 2, 'since', "invalid date '2023-02-29' (expected a real calendar date as YYYY-MM-DD)"],
      ['ties.csv', 3, 'since', "invalid date '2021-1-5' (expected a real calendar date as YYYY-MM-DD)"],
    ]);
    // 2024-02-29 is a real (leap) day.
    expect(r.bundle.roles).toEqual([{ stakeholder: 'crm:C001', role: 'PARTNER', since: '2024-02-29', source: 'crm' }]);
  });

  it('duplicate-key: duplicate record key, community id, tie and role, each citing the first row', () => {
    const r = parseCsvBundle(folderFiles('duplicate-key'));
    expect(r.errors).toEqual([
      {
        file: 'stakeholders.csv',
        row: 3,
        column: 'external_id',
        message: "duplicate record key 'crm:C001' (first on row 1)",
      },
      { file: 'roles.csv', row: 2, column: 'role', message: "duplicate role CUSTOMER for 'crm:C001' (first on row 1)" },
      {
        file: 'ties.csv',
        row: 2,
        column: 'type',
        message: "duplicate tie WORKS_WITH from 'crm:C001' to 'crm:C002' (first on row 1)",
      },
      { file: 'communities.csv', row: 2, column: 'id', message: "duplicate community id 'ug' (first on row 1)" },
    ]);
    expect(r.bundle.records.map((x) => x.name)).toEqual(['Alice Martin', 'Bob Stone']);
    expect(r.bundle.ties).toHaveLength(2); // the reverse tie is not a duplicate
  });

  it('empty-file: a file without a header is an error; a header-only optional file is fine', () => {
    const r = parseCsvBundle(folderFiles('empty-file'));
    expect(r.errors).toEqual([{ file: 'ties.csv', message: 'file is empty (expected a header row)' }]);
    expect(r.bundle.communities).toEqual([]);
    expect(r.bundle.records).toHaveLength(2);
  });

  it('non-utf8: rejected with the file, the byte and its line', () => {
    const files = folderFiles('non-utf8');
    expect([...files.get('stakeholders.csv')!]).toContain(0xe9); // the fixture really is Latin-1
    const r = parseCsvBundle(files);
    expect(r.errors).toEqual([
      {
        file: 'stakeholders.csv',
        row: 2,
        message: 'file is not valid UTF-8 (byte 0xE9 on line 3); save it as UTF-8',
      },
    ]);
  });
});

describe('parseCsvBundle: structure', () => {
  it('requires stakeholders.csv, with at least one row', () => {
    expect(parseCsvBundle(new Map()).errors).toEqual([
      { file: 'stakeholders.csv', message: 'stakeholders.csv is missing from the bundle' },
    ]);
    expect(parseCsvBundle({ 'stakeholders.csv': bytes('source,external_id,kind,name\n') }).errors).toEqual([
      { file: 'stakeholders.csv', message: 'no data rows (at least one stakeholder is required)' },
    ]);
    expect(parseCsvBundle({ 'stakeholders.csv': bytes('') }).errors[0]?.message).toBe('file is empty (expected a header row)');
  });

  it('warns about unknown files, and file names are case-sensitive', () => {
    const r = parseCsvBundle({ 'stakeholders.csv': bytes(STAKEHOLDERS), 'Ties.csv': bytes('from,to,type\n') });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatchObject({ file: 'Ties.csv' });
    expect(r.warnings[0]?.message).toContain("unknown file 'Ties.csv'");
  });

  it('strips a UTF-8 BOM, accepts CRLF, trims cells and matches headers case-insensitively', () => {
    const text = '\uFEFFSource, External_ID ,KIND,name\r\ncrm, C001 ,person, Alice \r\n';
    const r = parseCsvBundle({ 'stakeholders.csv': bytes(text) });
    expect(r.errors).toEqual([]);
    expect(r.bundle.records).toEqual([{ source: 'crm', externalId: 'C001', kind: 'PERSON', name: 'Alice' }]);
  });

  it('reports rows with the wrong number of fields and missing required values', () => {
    const text = 'source,external_id,kind,name\ncrm,C001,person\ncrm,,person,Bob\n\ncrm,C003,robot,Robo\n';
    const r = parseCsvBundle({ 'stakeholders.csv': bytes(text) });
    expect(r.errors).toEqual([
      { file: 'stakeholders.csv', row: 1, message: 'expected 4 fields like the header, found 3' },
      { file: 'stakeholders.csv', row: 2, column: 'external_id', message: 'required value is missing' },
      {
        file: 'stakeholders.csv',
        row: 4, // the blank line still counts, so rows match line numbers
        column: 'kind',
        message: "unknown kind 'robot' (expected one of PERSON, ORGANISATION)",
      },
    ]);
  });

  it('reports malformed quoting with the row', () => {
    const r = parseCsvBundle({ 'stakeholders.csv': bytes('source,external_id,kind,name\ncrm,C1,person,"Al\n') });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ file: 'stakeholders.csv', row: 1 });
    expect(r.errors[0]?.message).toMatch(/^malformed CSV: Quote Not Closed/);
  });

  it('warns on an odd email or domain and drops a self-tie with a warning', () => {
    const r = parseCsvBundle({
      'stakeholders.csv': bytes(
        'source,external_id,kind,name,email,domain\ncrm,C1,person,Al,al-at-example,\ncrm,C2,organisation,Org,,not a domain\n',
      ),
      'ties.csv': bytes('from,to,type\ncrm:C1,crm:C1,follows\ncrm:C1,crm:C2,follows\n'),
    });
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => [w.file, w.row, w.column])).toEqual([
      ['stakeholders.csv', 1, 'email'],
      ['stakeholders.csv', 2, 'domain'],
      ['ties.csv', 1, 'to'],
    ]);
    expect(r.warnings[2]?.message).toBe("self-tie on 'crm:C1' dropped");
    expect(r.bundle.ties).toHaveLength(1);
    expect(r.bundle.records[0]?.email).toBe('al-at-example'); // kept, just not used for matching
  });

  it('rejects a source containing a colon (it would make record keys ambiguous)', () => {
    const r = parseCsvBundle({ 'stakeholders.csv': bytes('source,external_id,kind,name\ncrm:eu,C1,person,Al\n') });
    expect(r.errors).toEqual([
      { file: 'stakeholders.csv', row: 1, column: 'source', message: "source 'crm:eu' must not contain ':'" },
    ]);
  });

  it('caps errors at 1,000 with a final "… and N more"', () => {
    const lines = ['from,to,type'];
    for (let i = 0; i < 1500; i++) lines.push(`crm:C001,crm:X${i},follows`);
    const r = parseCsvBundle({ 'stakeholders.csv': bytes(STAKEHOLDERS), 'ties.csv': bytes(lines.join('\n')) });
    expect(r.errors).toHaveLength(1001);
    expect(r.errors[999]).toMatchObject({ file: 'ties.csv', row: 1000 });
    expect(r.errors[1000]).toEqual({ file: '*', message: '… and 500 more errors' });
  });
});

describe('forEachCsvRow', () => {
  it('gives the same rows on the fast path as csv-parse', () => {
    const samples = ['a,b,c\n1,2,3\n4,5,6\n', 'a,b\r\n1,2\r\n\r\n3,4', 'a,b\n\n\n1,\n,2\n', 'only\n', ''];
    for (const s of samples) expect(rowsOf(s, false), JSON.stringify(s)).toEqual(rowsOf(s, true));
  });

  it('handles RFC 4180 quoting (commas, quotes and newlines inside fields)', () => {
    expect(rowsOf('a,b\n"x, y","say ""hi""\nthere"\n', false)).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
    ]);
  });
});
