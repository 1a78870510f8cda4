// The CSV files of the offline bulk path: typed headers, quoting of hostile text, empty values as
// absent properties, derived fields (degree, roles, labels) as the online path writes them.
import { afterAll, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBulkFiles } from '../../../server/src/import/bulk-files.js';
import { EMPTY_STORE, prepareImport } from '../../../server/src/import/import-bundle.js';
import { splitPlan } from '../../../server/src/import/write-plan.js';
import type { ParseResult } from '../../../server/src/import/types.js';

const dir = mkdtempSync(join(tmpdir(), 'atlas-bulk-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const parsed: ParseResult = {
  bundle: {
    records: [
      { source: 'crm', externalId: '1', kind: 'PERSON', name: 'Ada "The Count", Lovelace; Jr', email: 'ada@example.org' },
      { source: 'crm', externalId: '2', kind: 'ORGANISATION', name: 'Acme', domain: 'acme.com' },
    ],
    roles: [{ stakeholder: 'crm:1', role: 'SHAREHOLDER', value: 1.5, since: '2020-01-02' }],
    ties: [{ from: 'crm:1', to: 'crm:2', type: 'WORKS_WITH', weight: 2.5 }],
    communities: [{ id: 'c1', name: 'Board', description: 'two\nlines, "quoted"' }],
    memberships: [{ stakeholder: 'crm:2', community: 'c1', strength: 0.5 }],
    interactions: [],
  },
  errors: [],
  warnings: [],
};

it('writes typed, quoted CSV files with the derived fields of new stakeholders', async () => {
  const prepared = await prepareImport(parsed, EMPTY_STORE);
  const plan = splitPlan(prepared.plan!, new Set(prepared.resolution!.created));
  const files = await writeBulkFiles(plan, dir, new Date('2026-01-02T03:04:05.000Z'));
  expect(files.nodeCount).toBe(2 + 2 + 1 + 1);
  expect(files.relationshipCount).toBe(2 + 1 + 1 + 1);
  const read = (name: string): string[] => readFileSync(join(dir, name), 'utf8').trimEnd().split('\n');

  const stakeholders = read('stakeholders.csv');
  expect(stakeholders[0]).toBe(
    'id:ID(Stakeholder),kind,name,email,organisation,title,country,degree:long,roles:string[],rolesKey,createdAt:datetime,updatedAt:datetime,:LABEL',
  );
  expect(stakeholders.slice(1).sort()).toEqual([
    '"crm:1","PERSON","Ada ""The Count"", Lovelace; Jr","ada@example.org",,,,1,"SHAREHOLDER","SHAREHOLDER",' +
      '"2026-01-02T03:04:05.000Z","2026-01-02T03:04:05.000Z","Stakeholder;Shareholder"',
    // No role: an empty field (set to [] after the import) and an empty rolesKey string.
    '"crm:2","ORGANISATION","Acme",,,,,1,,"","2026-01-02T03:04:05.000Z","2026-01-02T03:04:05.000Z","Stakeholder"',
  ]);
  expect(read('role-facts.csv')[1]).toBe('"crm:1|SHAREHOLDER","SHAREHOLDER","2020-01-02",,"crm",1.5,,"RoleFact"');
  expect(read('ties.csv')[1]).toBe('"crm:1","crm:2",2.5,,"WORKS_WITH"');
  expect(readFileSync(join(dir, 'communities.csv'), 'utf8')).toContain('"two\nlines, ""quoted"""');
  expect(files.multiline).toEqual([join(dir, 'communities.csv')]);
});

it('refuses a plan that updates stored stakeholders (the bulk path loads an empty store only)', async () => {
  const prepared = await prepareImport(parsed, EMPTY_STORE);
  const plan = splitPlan(prepared.plan!, new Set());
  await expect(writeBulkFiles(plan, dir, new Date())).rejects.toThrow(/new stakeholders only/);
});
