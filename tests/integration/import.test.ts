// Import against the real Neo4j: identity resolution, idempotence, all-or-nothing rejection.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readImportInput } from '../../server/src/import/read-input.js';
import { importParsed } from '../../server/src/import/import-bundle.js';
import { execute } from '../../server/src/db/database.js';
import { openTestDatabase, snapshot, type TestDatabase } from '../helpers/database.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => t.close());
beforeEach(async () => t.clear());

describe('importing the valid bundle', () => {
  it('merges records of one person across sources into one stakeholder holding the union of roles', async () => {
    const report = await importParsed(t.db, await readImportInput(fixture('valid-bundle')));
    expect(report.ok).toBe(true);
    expect(report.errors).toEqual([]);
    // Erin Cole: hr:E101 and captable:S003 share an e-mail (different case).
    const erin = await execute<{ roles: string[]; records: string[]; labels: string[] }>(
      t.db,
      `MATCH (s:Stakeholder)-[:HAS_RECORD]->(r:SourceRecord {key: 'captable:S003'})
       MATCH (s)-[:HAS_RECORD]->(all:SourceRecord)
       RETURN s.roles AS roles, collect(all.key) AS records, labels(s) AS labels`,
    );
    expect(erin).toHaveLength(1);
    expect(erin[0]?.records.sort()).toEqual(['captable:S003', 'hr:E101']);
    expect(erin[0]?.roles).toEqual(expect.arrayContaining(['EMPLOYEE', 'SHAREHOLDER']));
    expect(erin[0]?.labels).toEqual(expect.arrayContaining(['Stakeholder', 'Employee', 'Shareholder']));
    const emailMerge = report.merges.find((m) => m.records.includes('captable:S003'));
    expect(emailMerge?.matchedOn).toBe('EMAIL');
    // Acme: crm:C010 (acme.com) and captable:S001 (www.acme.com) merge by domain.
    const domainMerge = report.merges.find((m) => m.records.includes('captable:S001'));
    expect(domainMerge?.matchedOn).toBe('DOMAIN');
    expect(report.counts.stakeholders).toBeLessThan(report.counts.records);
    expect(await t.count('MATCH (s:Stakeholder) RETURN count(s) AS n')).toBe(report.counts.stakeholders);
    expect(
      await t.count('MATCH ()-[t:WORKS_WITH|REPORTS_TO|BUYS_FROM|SUPPLIES|FOLLOWS|MENTIONS|INTERACTS]->() RETURN count(t) AS n'),
    ).toBe(report.counts.ties);
  });

  it('is idempotent: importing twice gives the same ids and counts', async () => {
    const first = await importParsed(t.db, await readImportInput(fixture('valid-bundle')));
    const idsBefore = await execute<{ id: string }>(t.db, 'MATCH (s:Stakeholder) RETURN s.id AS id ORDER BY id');
    const countsBefore = await t.count('MATCH (n) RETURN count(n) AS n');
    const relsBefore = await t.count('MATCH ()-[r]->() RETURN count(r) AS n');
    const second = await importParsed(t.db, await readImportInput(fixture('valid-bundle')));
    expect(second.ok).toBe(true);
    expect(second.created).toBe(0);
    expect(second.updated).toBe(first.created);
    expect(await execute(t.db, 'MATCH (s:Stakeholder) RETURN s.id AS id ORDER BY id')).toEqual(idsBefore);
    expect(await t.count('MATCH (n) RETURN count(n) AS n')).toBe(countsBefore);
    expect(await t.count('MATCH ()-[r]->() RETURN count(r) AS n')).toBe(relsBefore);
  });

  it('keeps parallel ties of different types between the same pair', async () => {
    await importParsed(t.db, await readImportInput(fixture('valid-bundle')));
    const parallel = await t.count(
      `MATCH (a:Stakeholder)-[t]->(b:Stakeholder) WITH a, b, count(DISTINCT type(t)) AS types WHERE types > 1 RETURN count(*) AS n`,
    );
    expect(parallel).toBeGreaterThan(0);
  });

  it('keeps stored degrees equal to the real number of ties', async () => {
    await importParsed(t.db, await readImportInput(fixture('valid-bundle')));
    const wrong = await t.count(
      `MATCH (s:Stakeholder) WHERE s.degree <> COUNT { (s)-[:WORKS_WITH|REPORTS_TO|BUYS_FROM|SUPPLIES|FOLLOWS|MENTIONS|INTERACTS]-() }
       RETURN count(s) AS n`,
    );
    expect(wrong).toBe(0);
  });
});

describe('rejected bundles leave the database unchanged', () => {
  const invalid = readdirSync(fileURLToPath(new URL('../fixtures/import/', import.meta.url)), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('valid'))
    .map((entry) => entry.name);

  it.each(invalid)('%s is rejected with located errors and writes nothing', async (name) => {
    await importParsed(t.db, await readImportInput(fixture('valid-bundle')));
    const before = await snapshot(t.db);
    const report = await importParsed(t.db, await readImportInput(fixture(name)));
    expect(report.ok).toBe(false);
    expect(report.errors.length).toBeGreaterThan(0);
    for (const error of report.errors) {
      expect(error.file).toMatch(/\S/);
      expect(error.message).toMatch(/\S/);
    }
    expect(await snapshot(t.db)).toBe(before);
  });

  it('a dry run reports counts and merges but writes nothing', async () => {
    const before = await snapshot(t.db);
    const report = await importParsed(t.db, await readImportInput(fixture('valid-bundle')), { dryRun: true });
    expect(report.ok).toBe(true);
    expect(report.dryRun).toBe(true);
    expect(report.counts.stakeholders).toBeGreaterThan(0);
    expect(report.merges.length).toBeGreaterThan(0);
    expect(await snapshot(t.db)).toBe(before);
  });
});

describe('other formats', () => {
  it.each(['valid.json', 'valid.gexf', 'valid.graphml'])('imports %s', async (name) => {
    const report = await importParsed(t.db, await readImportInput(fixture(name)));
    expect(report.errors).toEqual([]);
    expect(report.counts.stakeholders).toBeGreaterThan(0);
    expect(await t.count('MATCH (s:Stakeholder) RETURN count(s) AS n')).toBe(report.counts.stakeholders);
  });
});
