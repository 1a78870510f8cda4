// Unit tests of the demo ecosystem generator: determinism, format, references and planted structure.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_TABLES, formatCsvRow, type BundleTable } from '../../../seeds/csv-writer.js';
import { COMMUNITY_CATEGORIES } from '../../../seeds/ecosystem/declared-communities.js';
import { emailIdentity } from '../../../seeds/ecosystem/source-records.js';
import { SOURCE_OF_ROLE } from '../../../seeds/ecosystem/sources.js';
import { ROLES, TIE_TYPES } from '../../../server/src/domain/vocabulary.js';
import { writeEcosystem, type EcosystemSummary } from '../../../seeds/generate.js';

/** Minimal RFC 4180 parser, independent of the writer, so quoting is checked rather than assumed. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

type Table = Record<string, string>[];

function readTable(dir: string, name: BundleTable): Table {
  const [header, ...rows] = parseCsv(readFileSync(join(dir, `${name}.csv`), 'utf8'));
  expect(header).toEqual([...BUNDLE_TABLES[name]]);
  return rows.map((r) => {
    expect(r.length).toBe(BUNDLE_TABLES[name].length);
    return Object.fromEntries(BUNDLE_TABLES[name].map((h, i) => [h, r[i] ?? '']));
  });
}

const isDate = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const get = (row: Record<string, string>, column: string): string => {
  const v = row[column];
  if (v === undefined) throw new Error(`missing column ${column}`);
  return v;
};

const OPTIONS = { stakeholders: 600, ties: 6000, seed: 7 };
let dirA = '';
let dirB = '';
let summary: EcosystemSummary;
let stakeholders: Table;
let roles: Table;
let ties: Table;
let communities: Table;
let memberships: Table;
let truth: Table;

beforeAll(async () => {
  dirA = mkdtempSync(join(tmpdir(), 'atlas-seed-a-'));
  dirB = mkdtempSync(join(tmpdir(), 'atlas-seed-b-'));
  summary = await writeEcosystem(dirA, OPTIONS);
  await writeEcosystem(dirB, OPTIONS);
  stakeholders = readTable(dirA, 'stakeholders');
  roles = readTable(dirA, 'roles');
  ties = readTable(dirA, 'ties');
  communities = readTable(dirA, 'communities');
  memberships = readTable(dirA, 'memberships');
  truth = readTable(dirA, 'ground-truth');
});

afterAll(() => {
  for (const d of [dirA, dirB]) if (d) rmSync(d, { recursive: true, force: true });
});

describe('csv writer', () => {
  it('quotes only what RFC 4180 requires', () => {
    expect(formatCsvRow(['a', 'b, c', 'say "hi"', 'line\nbreak', 3, null])).toBe('a,"b, c","say ""hi""","line\nbreak",3,\n');
    expect(parseCsv(formatCsvRow(['x,y', '"q"', '']))).toEqual([['x,y', '"q"', '']]);
  });
});

describe('generateEcosystem', () => {
  it('is deterministic: same seed, byte-identical files', () => {
    const files = readdirSync(dirA).sort();
    expect(files).toEqual(
      Object.keys(BUNDLE_TABLES)
        .map((t) => `${t}.csv`)
        .sort(),
    );
    for (const f of files) expect(readFileSync(join(dirB, f)).equals(readFileSync(join(dirA, f))), f).toBe(true);
  });

  it('changes with the seed', async () => {
    const dirC = mkdtempSync(join(tmpdir(), 'atlas-seed-c-'));
    try {
      await writeEcosystem(dirC, { ...OPTIONS, seed: 8 });
      expect(readFileSync(join(dirC, 'ties.csv')).equals(readFileSync(join(dirA, 'ties.csv')))).toBe(false);
    } finally {
      rmSync(dirC, { recursive: true, force: true });
    }
  });

  it('writes unique source records that merge into the requested number of stakeholders', () => {
    const keys = new Set<string>();
    const identities = new Map<string, Set<string>>();
    for (const r of stakeholders) {
      const key = `${get(r, 'source')}:${get(r, 'external_id')}`;
      expect(keys.has(key), key).toBe(false);
      keys.add(key);
      expect(['PERSON', 'ORGANISATION']).toContain(get(r, 'kind'));
      expect(get(r, 'name').length).toBeGreaterThan(0);
      if (get(r, 'kind') === 'PERSON') expect(get(r, 'email')).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/i);
      else expect(get(r, 'domain')).toMatch(/^[a-z0-9-]+(\.[a-z]+)+$/);
      const id = get(r, 'kind') === 'PERSON' ? `e:${emailIdentity(get(r, 'email'))}` : `d:${get(r, 'domain')}`;
      const set = identities.get(id) ?? new Set<string>();
      set.add(get(r, 'email'));
      identities.set(id, set);
    }
    expect(identities.size).toBe(OPTIONS.stakeholders);
    expect(summary.stakeholders).toBe(OPTIONS.stakeholders);
    expect(summary.mergedByEmailOrDomain).toBe(OPTIONS.stakeholders);
    expect(stakeholders.length).toBeGreaterThan(OPTIONS.stakeholders); // overlaps exist
    // Some records of one person spell the e-mail differently (case, +tag): the importer must normalise.
    expect([...identities.values()].some((spellings) => spellings.size > 1)).toBe(true);
  });

  it('gives every record one role, known to its source, in the allowed vocabulary', () => {
    const recordSource = new Map(stakeholders.map((r) => [`${get(r, 'source')}:${get(r, 'external_id')}`, get(r, 'source')]));
    const seen = new Set<string>();
    for (const r of roles) {
      const key = get(r, 'stakeholder');
      expect(recordSource.has(key), key).toBe(true);
      expect(ROLES as readonly string[]).toContain(get(r, 'role'));
      expect(SOURCE_OF_ROLE[get(r, 'role') as (typeof ROLES)[number]]).toBe(recordSource.get(key));
      expect(get(r, 'source')).toBe(recordSource.get(key));
      const pair = `${key}|${get(r, 'role')}`;
      expect(seen.has(pair), pair).toBe(false);
      seen.add(pair);
      expect(isDate(get(r, 'since'))).toBe(true);
      if (get(r, 'until')) {
        expect(isDate(get(r, 'until'))).toBe(true);
        expect(get(r, 'until') >= get(r, 'since')).toBe(true);
      }
      if (get(r, 'value')) expect(Number.isFinite(Number(get(r, 'value')))).toBe(true);
    }
    for (const role of ROLES)
      expect(
        roles.some((r) => get(r, 'role') === role),
        role,
      ).toBe(true);
    expect(summary.multiRole).toBeGreaterThan(OPTIONS.stakeholders * 0.03);
  });

  it('writes valid ties that reference one record per stakeholder', () => {
    expect(ties.length).toBe(OPTIONS.ties);
    const kind = new Map(stakeholders.map((r) => [`${get(r, 'source')}:${get(r, 'external_id')}`, r]));
    const identityOf = (key: string): string => {
      const r = kind.get(key);
      if (!r) throw new Error(`unknown record ${key}`);
      return get(r, 'kind') === 'PERSON' ? emailIdentity(get(r, 'email')) : get(r, 'domain');
    };
    const seen = new Set<string>();
    const keyOfIdentity = new Map<string, string>();
    for (const t of ties) {
      const from = get(t, 'from');
      const to = get(t, 'to');
      expect(from).not.toBe(to);
      expect(TIE_TYPES as readonly string[]).toContain(get(t, 'type'));
      expect(get(t, 'weight')).toMatch(/^\d+\.\d$/);
      expect(Number(get(t, 'weight'))).toBeGreaterThan(0);
      expect(isDate(get(t, 'since'))).toBe(true);
      const k = `${from}|${to}|${get(t, 'type')}`;
      expect(seen.has(k), k).toBe(false);
      seen.add(k);
      for (const key of [from, to]) {
        const id = identityOf(key);
        const prev = keyOfIdentity.get(id);
        if (prev !== undefined) expect(prev, id).toBe(key);
        keyOfIdentity.set(id, key);
      }
      expect(identityOf(from)).not.toBe(identityOf(to));
    }
    for (const type of TIE_TYPES)
      expect(
        ties.some((t) => get(t, 'type') === type),
        type,
      ).toBe(true);
    // Parallel ties of different types between one pair occur.
    const pairs = new Map<string, number>();
    for (const t of ties)
      pairs.set(`${get(t, 'from')}|${get(t, 'to')}`, (pairs.get(`${get(t, 'from')}|${get(t, 'to')}`) ?? 0) + 1);
    expect([...pairs.values()].some((n) => n > 1)).toBe(true);
  });

  it('declares about twenty communities and valid memberships', () => {
    expect(communities.length).toBeGreaterThanOrEqual(18);
    const ids = new Set(communities.map((c) => get(c, 'id')));
    expect(ids.size).toBe(communities.length);
    for (const c of communities) expect(COMMUNITY_CATEGORIES as readonly string[]).toContain(get(c, 'category'));
    for (const category of COMMUNITY_CATEGORIES)
      expect(
        communities.some((c) => get(c, 'category') === category),
        category,
      ).toBe(true);
    const keys = new Set(stakeholders.map((r) => `${get(r, 'source')}:${get(r, 'external_id')}`));
    const seen = new Set<string>();
    for (const m of memberships) {
      expect(keys.has(get(m, 'stakeholder'))).toBe(true);
      expect(ids.has(get(m, 'community'))).toBe(true);
      const s = Number(get(m, 'strength'));
      expect(s >= 0 && s <= 1).toBe(true);
      expect(isDate(get(m, 'since'))).toBe(true);
      const k = `${get(m, 'stakeholder')}|${get(m, 'community')}`;
      expect(seen.has(k)).toBe(false);
      seen.add(k);
    }
    const used = new Set(memberships.map((m) => get(m, 'community')));
    expect(used.size).toBe(communities.length);
  });

  it('has a heavy-tailed degree distribution (hubs)', () => {
    const degree = new Map<string, number>();
    for (const t of ties) for (const k of [get(t, 'from'), get(t, 'to')]) degree.set(k, (degree.get(k) ?? 0) + 1);
    const values = [...degree.values()].sort((a, b) => b - a);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(values[0] ?? 0).toBeGreaterThan(6 * mean);
    const top = values.slice(0, Math.ceil(values.length / 100)).reduce((a, b) => a + b, 0);
    expect(top / (2 * ties.length)).toBeGreaterThan(0.05); // top 1 % of nodes carry > 5 % of tie ends
  });

  it('plants community structure: most tie weight stays inside a ground-truth community', () => {
    const people = new Set(
      stakeholders.filter((r) => get(r, 'kind') === 'PERSON').map((r) => `${get(r, 'source')}:${get(r, 'external_id')}`),
    );
    const community = new Map(truth.map((t) => [get(t, 'stakeholder'), get(t, 'community')]));
    for (const key of community.keys()) expect(people.has(key), key).toBe(true);
    const labels = new Set(community.values());
    expect(labels.size).toBe(summary.plantedCommunities);
    let inside = 0;
    let insideN = 0;
    let between = 0;
    let betweenN = 0;
    for (const t of ties) {
      const a = community.get(get(t, 'from'));
      const b = community.get(get(t, 'to'));
      if (a === undefined || b === undefined) continue;
      const w = Number(get(t, 'weight'));
      if (a === b) {
        inside += w;
        insideN++;
      } else {
        between += w;
        betweenN++;
      }
    }
    expect(inside / (inside + between)).toBeGreaterThan(0.8);
    expect(inside / insideN).toBeGreaterThan(1.5 * (between / betweenN));
    // Ties reference the primary record of each person: every ground-truth key has ties.
    const endpoints = new Set(ties.flatMap((t) => [get(t, 'from'), get(t, 'to')]));
    const covered = [...community.keys()].filter((k) => endpoints.has(k)).length;
    expect(covered / community.size).toBeGreaterThan(0.9);
  });
});
