// The import path on a real network nobody here made: SNAP's email-Eu-core (1,005 people,
// 42 departments, 25,571 e-mails) converted to a bundle and imported into Neo4j.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDirectorySink } from '../../seeds/csv-writer.js';
import { convertEmailEuCore, DEFAULT_DATASET_DIR } from '../../seeds/email-eu-core.js';
import { readImportInput } from '../../server/src/import/read-input.js';
import { importParsed } from '../../server/src/import/import-bundle.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';

let t: TestDatabase;
let dir: string;
beforeAll(async () => {
  t = await openTestDatabase();
  await t.clear();
  dir = mkdtempSync(join(tmpdir(), 'atlas-email-eu-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t.close();
});

it('imports people as employees, departments as communities and e-mails as weighted ties', async () => {
  const summary = await convertEmailEuCore(DEFAULT_DATASET_DIR, createDirectorySink(dir));
  const report = await importParsed(t.db, await readImportInput(dir));
  expect(report.errors).toEqual([]);
  expect(report.counts.stakeholders).toBe(1005);
  expect(report.counts.communities).toBe(42);
  expect(report.counts.ties).toBe(summary.ties);
  expect(await t.count('MATCH (s:Stakeholder:Employee) RETURN count(s) AS n')).toBe(1005);
  expect(await t.count("MATCH (c:Community {kind: 'DECLARED'}) RETURN count(c) AS n")).toBe(42);
  expect(await t.count('MATCH ()-[r:INTERACTS]->() RETURN count(r) AS n')).toBe(25_571 - 642);
  expect(await t.count('MATCH (s:Stakeholder)-[:MEMBER_OF]->(:Community) RETURN count(DISTINCT s) AS n')).toBe(1005);
  // The busiest member's stored degree matches the ties around it.
  const busiest = await t.count(
    'MATCH (s:Stakeholder) WITH s ORDER BY s.degree DESC LIMIT 1 RETURN s.degree - COUNT { (s)-[:INTERACTS]-() } AS n',
  );
  expect(busiest).toBe(0);
});
