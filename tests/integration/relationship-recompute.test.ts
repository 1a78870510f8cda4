// The full recomputation of every relationship against the real Neo4j: it stores exactly what logging the same
// interactions one by one stored (every property of every pair, broadcasts and imported ties included), whether it
// overwrites the relationships or creates them afresh, in one lane or several; relationships left without interactions go.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute } from '../../server/src/db/database.js';
import { createRandom } from '../../server/src/domain/random.js';
import { INTERACTION_CHANNELS, MAX_PAIRED_PARTICIPANTS } from '../../server/src/domain/relationship-strength.js';
import { parseCsvBundle } from '../../server/src/import/csv-bundle.js';
import { importParsed } from '../../server/src/import/import-bundle.js';
import { logInteraction, RELATIONSHIP_PROJECTION, type RelationshipRecord } from '../../server/src/store/interactions.js';
import { recomputeAllRelationships } from '../../server/src/store/relationship-recompute.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';

const PEOPLE = 80;
const INTERACTIONS = 60;
const HOUR = 3_600_000;
const id = (i: number): string => `t:P${String(i).padStart(3, '0')}`;
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

let t: TestDatabase;
/** Every relationship as logging stored it, interaction by interaction. */
let incremental: Map<string, RelationshipRecord>;
const now = new Date();

async function stored(): Promise<Map<string, RelationshipRecord>> {
  const rows = await execute<{ r: RelationshipRecord }>(
    t.db,
    `MATCH (a:Stakeholder)-[x:RELATES]->(b:Stakeholder) RETURN ${RELATIONSHIP_PROJECTION} AS r`,
  );
  return new Map(rows.map(({ r }) => [`${r.a} ${r.b}`, r]));
}

const FLOATS = new Set<keyof RelationshipRecord>(['strength', 'strengthBefore', 'reciprocity', 'sentiment']);

/**
 * The same relationships: every property equal, the floating-point ones to 1e-12 (each path sums a pair's interactions
 * in the order it reads them, which may change the last bit).
 */
function expectSame(actual: Map<string, RelationshipRecord>, expected: Map<string, RelationshipRecord>): void {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [key, want] of expected) {
    const got = actual.get(key)!;
    for (const field of Object.keys(want) as Array<keyof RelationshipRecord>) {
      const value = want[field];
      if (FLOATS.has(field) && typeof value === 'number') expect(got[field], `${key} ${field}`).toBeCloseTo(value, 12);
      else expect(got[field], `${key} ${field}`).toBe(value);
    }
  }
}

beforeAll(async () => {
  t = await openTestDatabase();
  await t.clear();
  const random = createRandom(113);
  const stakeholders = Array.from({ length: PEOPLE }, (_, i) => `t,P${String(i).padStart(3, '0')},person,Person ${i}`);
  // Ties between some pairs, some pairs with two types (their weights add up), so that the tie part of the formula counts.
  const ties = new Map<string, string>();
  for (let i = 0; i < 120; i++) {
    const a = Math.floor(random() * PEOPLE);
    const b = (a + 1 + Math.floor(random() * 5)) % PEOPLE;
    const type = i % 2 === 0 ? 'works with' : 'INTERACTS';
    ties.set(`${a} ${b} ${type}`, `${id(a)},${id(b)},${type},${(1 + Math.floor(random() * 30)) / 10}`);
  }
  const report = await importParsed(
    t.db,
    parseCsvBundle(
      new Map([
        ['stakeholders.csv', bytes(`source,external_id,kind,name\n${stakeholders.join('\n')}\n`)],
        ['ties.csv', bytes(`from,to,type,weight\n${[...ties.values()].join('\n')}\n`)],
      ]),
    ),
  );
  expect(report.errors).toEqual([]);
  // Interactions logged one by one as of `now`, each at its own hour (the latest owner of a pair is then one).
  for (let i = 0; i < INTERACTIONS; i++) {
    const broadcast = i === 5;
    const size = broadcast ? MAX_PAIRED_PARTICIPANTS + 5 : 2 + Math.floor(random() * 4);
    const first = Math.floor(random() * PEOPLE);
    // Small groups drawn from a few neighbours, so that pairs meet more than once.
    const participants = Array.from({ length: size }, (_, k) =>
      id((first + (broadcast ? k : Math.floor(random() * 6))) % PEOPLE),
    );
    const unique = [...new Set(participants)];
    const owner = random() < 0.6 ? unique[0]! : null;
    const initiator = random() < 0.5 ? unique[unique.length - 1]! : null;
    const result = await logInteraction(
      t.db,
      {
        at: new Date(now.getTime() - (i * 37 + 1) * HOUR).toISOString(),
        channel: INTERACTION_CHANNELS[i % INTERACTION_CHANNELS.length]!,
        participants: unique,
        initiator,
        owner,
        sentiment: random() < 0.5 ? Math.floor(random() * 5) - 2 : null,
        summary: null,
        loggedBy: null,
      },
      now,
    );
    expect('missing' in result).toBe(false);
  }
  incremental = await stored();
  expect(incremental.size).toBeGreaterThan(50);
}, 600_000);
afterAll(async () => t.close());

describe('recomputeAllRelationships', () => {
  it('overwrites every relationship with exactly what logging stored', async () => {
    const summary = await recomputeAllRelationships(t.db, now);
    expect(summary).toEqual({ interactions: INTERACTIONS, relationships: incremental.size });
    expectSame(await stored(), incremental);
  });

  it('creates them afresh with the same values, in several lanes and small batches', async () => {
    await execute(t.db, 'MATCH ()-[x:RELATES]->() DELETE x', {}, { mode: 'WRITE' });
    await recomputeAllRelationships(t.db, now, { lanes: 2, batchSize: 7 });
    expectSame(await stored(), incremental);
    // Overwritten in three lanes, still one relationship per pair.
    await recomputeAllRelationships(t.db, now, { lanes: 3, batchSize: 11 });
    expectSame(await stored(), incremental);
  });

  it('removes a relationship whose pair has no interaction left', async () => {
    // A pair that met once, then that meeting is deleted.
    const a = id(0);
    const b = [...Array(PEOPLE).keys()].map(id).find((other) => other > a && !incremental.has(`${a} ${other}`))!;
    const logged = await logInteraction(
      t.db,
      {
        at: new Date(now.getTime() - HOUR / 2).toISOString(),
        channel: 'CALL',
        participants: [a, b],
        initiator: a,
        owner: null,
        sentiment: null,
        summary: null,
        loggedBy: null,
      },
      now,
    );
    if ('missing' in logged) throw new Error(`missing ${logged.missing.join(', ')}`);
    expect((await stored()).has(`${a} ${b}`)).toBe(true);
    await execute(t.db, 'MATCH (i:Interaction {id: $i}) DETACH DELETE i', { i: logged.interaction.id }, { mode: 'WRITE' });
    const later = new Date(now.getTime() + 1000);
    const summary = await recomputeAllRelationships(t.db, later);
    expect(summary).toEqual({ interactions: INTERACTIONS, relationships: incremental.size });
    const after = await stored();
    expect(after.has(`${a} ${b}`)).toBe(false);
    expect([...after.keys()].sort()).toEqual([...incremental.keys()].sort());
    expect([...after.values()].every((r) => r.updatedAt === later.toISOString())).toBe(true);
  });
});
