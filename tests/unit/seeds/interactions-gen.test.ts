// The generator's interactions: within the three years, between people active then, named by keys or e-mails the
// bundle holds, with the stories' people listed once per part; deterministic for a seed.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERACTIONS_UNTIL } from '../../../seeds/ecosystem/interactions.js';
import { writeEcosystem, type EcosystemSummary } from '../../../seeds/generate.js';
import { parseCsvBundle } from '../../../server/src/import/csv-bundle.js';

let dir = '';
let summary: EcosystemSummary;
const read = (file: string): Array<Record<string, string>> => parse(readFileSync(join(dir, file), 'utf8'), { columns: true });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atlas-seed-interactions-'));
  summary = await writeEcosystem(dir, { stakeholders: 800, ties: 8000, interactions: 4000, seed: 11 });
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('generated interactions', () => {
  it('writes the requested number, in three years up to the demo date, each with two people or more', () => {
    const interactions = read('interactions.csv');
    const participants = read('interaction_participants.csv');
    expect(interactions).toHaveLength(summary.interactions);
    expect(summary.interactions).toBeGreaterThan(3900);
    expect(participants).toHaveLength(summary.participantRows);
    const until = Date.parse(`${INTERACTIONS_UNTIL}T23:59:59Z`);
    for (const x of interactions) {
      const at = Date.parse(x.at!);
      expect(at).toBeLessThanOrEqual(until);
      expect(at).toBeGreaterThan(until - 3 * 366 * 86_400_000);
    }
    const people = new Map<string, number>();
    for (const p of participants) people.set(p.interaction!, (people.get(p.interaction!) ?? 0) + 1);
    expect([...people.values()].every((n) => n >= 2)).toBe(true);
    expect(people.size).toBe(interactions.length);
  });

  it('is a valid bundle for the importer: every reference and value accepted', () => {
    const files = new Map(
      ['stakeholders', 'roles', 'ties', 'communities', 'memberships', 'interactions', 'interaction_participants'].map(
        (name) => [`${name}.csv`, new Uint8Array(readFileSync(join(dir, `${name}.csv`)))] as const,
      ),
    );
    const result = parseCsvBundle(files, { now: Date.parse(`${INTERACTIONS_UNTIL}T12:00:00Z`) });
    expect(result.errors).toEqual([]);
    expect(result.bundle.interactions).toHaveLength(summary.interactions);
    // Every record-key reference names a record of the bundle (e-mail references are matched at import).
    const keys = new Set(result.bundle.records.map((r) => `${r.source}:${r.externalId}`));
    const refs = result.bundle.interactions.flatMap((x) => [...x.participants, x.owner, x.initiator]);
    expect(refs.filter((r): r is string => r !== undefined && !r.includes('@')).every((r) => keys.has(r))).toBe(true);
    expect(refs.some((r) => r?.includes('@'))).toBe(true);
  });

  it('lists the people of the three stories', () => {
    const stories = read('ground-truth-stories.csv');
    const parts = new Set(stories.map((s) => `${s.story} ${s.part}`));
    expect([...parts].sort()).toEqual([
      'broker-leaves broker',
      'broker-leaves side-a',
      'broker-leaves side-b',
      'cooling-partners member',
      'won-segment engaged',
      'won-segment not-engaged',
    ]);
    expect(stories.filter((s) => s.part === 'broker')).toHaveLength(1);
  });
});
