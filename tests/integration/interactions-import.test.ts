// Importing interactions against the real Neo4j: people matched by the identity rules, strengths recomputed and equal to
// what logging computes, all or nothing, idempotent; iCalendar and mbox files through the same path.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { execute } from '../../server/src/db/database.js';
import { parseCsvBundle } from '../../server/src/import/csv-bundle.js';
import { importParsed } from '../../server/src/import/import-bundle.js';
import { parseImportContent, readImportInput } from '../../server/src/import/read-input.js';
import { relationshipsOf } from '../../server/src/store/interactions.js';
import { recomputeAllRelationships } from '../../server/src/store/relationship-recompute.js';
import { openTestDatabase, snapshot, type TestDatabase } from '../helpers/database.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const interactionsBundle = (interactions: string, participants: string, extra: Record<string, string> = {}) =>
  parseCsvBundle(
    new Map([
      ['interactions.csv', bytes(interactions)],
      ['interaction_participants.csv', bytes(participants)],
      ...Object.entries(extra).map(([k, v]) => [k, bytes(v)] as [string, Uint8Array]),
    ]),
  );
const daysAgo = (n: number): string => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 19) + 'Z';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => t.close());
beforeEach(async () => {
  await t.clear();
  const report = await importParsed(t.db, await readImportInput(fixture('valid-bundle')));
  expect(report.ok).toBe(true);
});

const INTERACTIONS = `id,at,channel,owner,initiator,sentiment,summary
m1,${daysAgo(10)},MEETING,hr:E101,crm:C001,2,Renewal talk
m2,${daysAgo(40)},EMAIL,,alice.martin@acme.com,,
m3,${daysAgo(400)},CALL,hr:E103,,-1,
`;
const PARTICIPANTS = `interaction,stakeholder
m1,crm:C001
m1,captable:S003
m2,alice.martin@acme.com
m2,ERIN.COLE+x@atlas.example
m2,nobody@unknown.org
m3,crm:C002
`;

describe('interactions in a bundle', () => {
  it('adds interactions to stored stakeholders, matched by key, merged key and e-mail, and recomputes their strengths', async () => {
    const report = await importParsed(t.db, interactionsBundle(INTERACTIONS, PARTICIPANTS));
    expect(report.errors).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.counts.interactions).toBe(3);
    expect(report.warnings.map((w) => w.message)).toContain(
      "no stakeholder has the address 'nobody@unknown.org' (1 interaction); left out",
    );
    // hr:E101, captable:S003 and ERIN.COLE+x@… are all Erin, whose id is her smallest record key (captable:S003):
    // m1 and m2 relate Alice and Erin; m3 Bob and Frank.
    const people = await execute<{ id: string; people: string[]; initiator: string[]; owner: string[]; summary: string | null }>(
      t.db,
      `MATCH (i:Interaction)-[w:WITH]->(s:Stakeholder)
       WITH i, s.id AS sid, w ORDER BY sid
       RETURN i.id AS id, collect(sid) AS people, [x IN collect(CASE WHEN w.initiator THEN sid END) WHERE x IS NOT NULL] AS initiator,
              [x IN collect(CASE WHEN w.owner THEN sid END) WHERE x IS NOT NULL] AS owner, i.summary AS summary ORDER BY id`,
    );
    expect(people).toEqual([
      {
        id: 'm1',
        people: ['captable:S003', 'crm:C001'],
        initiator: ['crm:C001'],
        owner: ['captable:S003'],
        summary: 'Renewal talk',
      },
      { id: 'm2', people: ['captable:S003', 'crm:C001'], initiator: ['crm:C001'], owner: [], summary: null },
      { id: 'm3', people: ['crm:C002', 'hr:E103'], initiator: [], owner: ['hr:E103'], summary: null },
    ]);
    expect(report.counts.relationships).toBe(2);
    const [alice] = await relationshipsOf(t.db, 'crm:C001', 5);
    expect(alice).toMatchObject({ other: 'captable:S003', interactionCount: 2, owner: 'captable:S003' });
    expect(alice!.strength).toBeGreaterThan(0.3);
    // The import's recomputation is the full one: running it again gives the same strengths.
    await recomputeAllRelationships(t.db, new Date());
    const [again] = await relationshipsOf(t.db, 'crm:C001', 5);
    expect(again!.strength).toBeCloseTo(alice!.strength, 3);
  });

  it('is idempotent: importing the same interactions again replaces them', async () => {
    await importParsed(t.db, interactionsBundle(INTERACTIONS, PARTICIPANTS));
    const nodes = await t.count('MATCH (n) RETURN count(n) AS n');
    const links = await t.count('MATCH ()-[w:WITH]->() RETURN count(w) AS n');
    const second = await importParsed(t.db, interactionsBundle(INTERACTIONS, PARTICIPANTS));
    expect(second.ok).toBe(true);
    expect(await t.count('MATCH (n) RETURN count(n) AS n')).toBe(nodes);
    expect(await t.count('MATCH ()-[w:WITH]->() RETURN count(w) AS n')).toBe(links);
  });

  it('writes nothing at all when one participant is unknown, stakeholders of the same bundle included', async () => {
    const before = await snapshot(t.db);
    const report = await importParsed(
      t.db,
      interactionsBundle(INTERACTIONS, `${PARTICIPANTS}m3,crm:NOPE\n`, {
        'stakeholders.csv': 'source,external_id,kind,name\nnew,N1,person,Newcomer\n',
      }),
    );
    expect(report.ok).toBe(false);
    expect(report.errors).toEqual([
      expect.objectContaining({
        file: 'interaction_participants.csv',
        row: 7,
        column: 'stakeholder',
        message: expect.stringContaining("'crm:NOPE'"),
      }),
    ]);
    expect(await snapshot(t.db)).toBe(before);
  });

  it('writes nothing when a row is invalid', async () => {
    const before = await snapshot(t.db);
    const report = await importParsed(t.db, interactionsBundle(`${INTERACTIONS}m4,yesterday,CALL,,,,\n`, PARTICIPANTS));
    expect(report.ok).toBe(false);
    expect(report.errors[0]).toMatchObject({ file: 'interactions.csv', row: 4, column: 'at' });
    expect(await snapshot(t.db)).toBe(before);
  });
});

describe('calendar and mail files', () => {
  it('imports the meetings of an .ics file between known people; unmatched attendees are reported', async () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//test//EN',
      'BEGIN:VEVENT',
      'UID:meeting-1',
      `DTSTART:${daysAgo(3).replace(/[-:]/g, '')}`,
      'SUMMARY:Confidential pricing',
      'ORGANIZER:mailto:erin.cole@atlas.example',
      'ATTENDEE:mailto:alice.martin@acme.com',
      'ATTENDEE:mailto:stranger@nowhere.org',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const report = await importParsed(t.db, parseImportContent('ICALENDAR', ics, { fileName: 'team.ics' }));
    expect(report.errors).toEqual([]);
    expect(report.counts.interactions).toBe(1);
    expect(report.warnings.map((w) => w.message)).toContain(
      "no stakeholder has the address 'stranger@nowhere.org' (1 interaction); left out",
    );
    const [row] = await execute<{ channel: string; summary: string | null; n: number }>(
      t.db,
      'MATCH (i:Interaction)-[:WITH]->(s) RETURN i.channel AS channel, i.summary AS summary, count(s) AS n',
    );
    expect(row).toEqual({ channel: 'MEETING', summary: null, n: 2 });
  });

  it('refuses a mailbox whose addresses match nobody, and imports one that matches', async () => {
    const before = await snapshot(t.db);
    const message = (from: string, to: string) =>
      `From x Mon Jan  8 10:00:00 2024\nFrom: ${from}\nTo: ${to}\nDate: ${new Date(Date.now() - 86_400_000).toUTCString()}\n\nbody\n`;
    const none = await importParsed(t.db, parseImportContent('MBOX', message('a@x.org', 'b@y.org'), { fileName: 'mail.mbox' }));
    expect(none.ok).toBe(false);
    expect(none.errors[0]?.message).toContain('none of the 2 e-mail addresses matches a stakeholder');
    expect(await snapshot(t.db)).toBe(before);
    const some = await importParsed(
      t.db,
      parseImportContent('MBOX', message('Erin <erin.cole@atlas.example>', 'frank.osei@atlas.example'), {
        fileName: 'mail.mbox',
      }),
    );
    expect(some.errors).toEqual([]);
    expect(some.counts.interactions).toBe(1);
    const [rel] = await relationshipsOf(t.db, 'captable:S003', 5);
    expect(rel).toMatchObject({ other: 'hr:E103', interactionCount: 1 });
  });
});
