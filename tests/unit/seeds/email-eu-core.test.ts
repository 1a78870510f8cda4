// Unit test of the email-Eu-core converter against the real dataset (tests/fixtures/datasets).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDirectorySink } from '../../../seeds/csv-writer.js';
import { convertEmailEuCore, DEFAULT_DATASET_DIR } from '../../../seeds/email-eu-core.js';

describe('convertEmailEuCore', () => {
  it('writes people, departments and aggregated INTERACTS ties, dropping self-loops', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-email-eu-'));
    try {
      const s = await convertEmailEuCore(DEFAULT_DATASET_DIR, createDirectorySink(dir));
      expect(s.people).toBe(1005);
      expect(s.departments).toBe(42);
      expect(s.selfLoops).toBeGreaterThan(0);
      const lines = (f: string): string[] => readFileSync(join(dir, f), 'utf8').trimEnd().split('\n');
      const ties = lines('ties.csv');
      expect(ties[0]).toBe('from,to,type,weight,since');
      expect(ties.length - 1).toBe(s.ties);
      const total = ties.slice(1).reduce((sum, l) => sum + Number(l.split(',')[3]), 0);
      expect(total).toBe(s.edgeLines - s.selfLoops);
      for (const l of ties.slice(1)) {
        const [from, to, type] = l.split(',');
        expect(from).not.toBe(to);
        expect(type).toBe('INTERACTS');
      }
      expect(lines('stakeholders.csv')[1]).toBe('email-eu,0,PERSON,Member 0,,,,,');
      expect(lines('communities.csv').length - 1).toBe(42);
      expect(lines('memberships.csv').length - 1).toBe(1005);
      expect(lines('ground-truth.csv').length - 1).toBe(1005);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
