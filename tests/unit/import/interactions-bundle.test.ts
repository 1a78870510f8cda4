// interactions.csv and interaction_participants.csv in the bundle (and their JSON mirror): validation with file, row and
// column; the people resolved by the identity rules (bundle keys, e-mails, stored keys and ids), unmatched addresses.
import { describe, expect, it } from 'vitest';
import { parseCsvBundle } from '../../../server/src/import/csv-bundle.js';
import { parseJsonBundle } from '../../../server/src/import/json-bundle.js';
import { planInteractions, storedReferences, type StoredPeople } from '../../../server/src/import/interaction-plan.js';
import type { InteractionRow } from '../../../server/src/import/types.js';
import { bytes } from './fixtures.js';

const NOW = Date.parse('2026-11-30T00:00:00Z');
const STAKEHOLDERS =
  'source,external_id,kind,name,email\ncrm,C001,person,Alice,alice@acme.com\nhr,E101,person,Erin,erin@atlas.example\nhr,E102,person,Frank,\n';
const bundle = (interactions: string, participants: string, stakeholders: string | null = STAKEHOLDERS) => {
  const files = new Map<string, Uint8Array>([
    ['interactions.csv', bytes(interactions)],
    ['interaction_participants.csv', bytes(participants)],
  ]);
  if (stakeholders !== null) files.set('stakeholders.csv', bytes(stakeholders));
  return parseCsvBundle(files, { now: NOW });
};

describe('interactions in the CSV bundle', () => {
  it('reads interactions and their participants', () => {
    const result = bundle(
      'id,at,channel,owner,initiator,sentiment,summary\nm1,2024-03-01T10:00:00+01:00,meeting,hr:E101,crm:C001,2,"Renewal, first talk"\nm2,2024-03-02,E-mail,,,,\n',
      'interaction,stakeholder\nm1,crm:C001\nm1,hr:E101\nm2,alice@acme.com\nm2,Erin@Atlas.example\n',
    );
    expect(result.errors).toEqual([]);
    const [m1, m2] = result.bundle.interactions;
    expect(m1).toMatchObject({
      id: 'm1',
      at: Date.parse('2024-03-01T09:00:00Z'),
      channel: 'MEETING',
      owner: 'hr:E101',
      initiator: 'crm:C001',
      sentiment: 2,
      summary: 'Renewal, first talk',
      participants: ['crm:C001', 'hr:E101'],
      participantRows: [1, 2],
      row: 1,
    });
    expect(m2).toMatchObject({
      at: Date.parse('2024-03-02T00:00:00Z'),
      channel: 'EMAIL',
      participants: ['alice@acme.com', 'Erin@Atlas.example'],
    });
  });

  it('reports every bad value with its file, row and column', () => {
    const result = bundle(
      [
        'id,at,channel,owner,initiator,sentiment,summary',
        'a,2024-02-30,MEETING,,,,',
        'b,2024-03-01T10:00:00,MEETING,,,,',
        'c,2030-01-01,MEETING,,,,',
        'd,2024-03-01,LUNCH,,,,',
        'e,2024-03-01,CALL,,,3,',
        'f,2024-03-01,CALL,,,1.5,',
        'g,2024-03-01,CALL,not@an@address,,,',
        'h,2024-03-01,CALL,,,,',
        'h,2024-03-01,CALL,,,,',
        'i,2024-03-01,NOTE,,,,',
      ].join('\n'),
      'interaction,stakeholder\nh,crm:C001\nh,hr:E101\nh,crm:C001\nzz,crm:C001\ni,crm:C001\n',
    );
    const where = result.errors.map((e) => `${e.file} ${e.row ?? '-'} ${e.column ?? '-'}`);
    expect(where).toEqual([
      'interactions.csv 1 at',
      'interactions.csv 2 at',
      'interactions.csv 3 at',
      'interactions.csv 4 channel',
      'interactions.csv 5 sentiment',
      'interactions.csv 6 sentiment',
      'interactions.csv 7 owner',
      'interactions.csv 9 id',
      'interactions.csv 10 id',
      'interaction_participants.csv 3 stakeholder',
      'interaction_participants.csv 4 interaction',
    ]);
    expect(result.errors.find((e) => e.row === 10)?.message).toContain("interaction 'i' names one person");
  });

  it('accepts a bundle of interactions alone (for stakeholders already stored)', () => {
    const result = bundle('id,at,channel\nm1,2024-03-01,CALL\n', 'interaction,stakeholder\nm1,crm:C001\nm1,hr:E101\n', null);
    expect(result.errors).toEqual([]);
    expect(result.bundle.records).toEqual([]);
    expect(result.bundle.interactions).toHaveLength(1);
  });

  it('has the same shape in JSON', () => {
    const result = parseJsonBundle(
      JSON.stringify({
        interactions: [{ id: 'm1', at: '2024-03-01', channel: 'DEAL', sentiment: -1 }],
        interactionParticipants: [
          { interaction: 'm1', stakeholder: 'crm:C001' },
          { interaction: 'm1', stakeholder: 'erin@atlas.example' },
        ],
      }),
      'data.json',
    );
    expect(result.errors).toEqual([]);
    expect(result.bundle.interactions[0]).toMatchObject({
      channel: 'DEAL',
      sentiment: -1,
      participants: ['crm:C001', 'erin@atlas.example'],
    });
    const bad = parseJsonBundle(JSON.stringify({ interactions: [{ id: 'm1', at: 'yesterday', channel: 'CALL' }] }), 'data.json');
    expect(bad.errors[0]).toMatchObject({ file: 'data.json#interactions', row: 1, column: 'at' });
  });
});

describe('planInteractions: people by the identity rules', () => {
  const origin = { file: 'interactions.csv', participantsFile: 'interaction_participants.csv' };
  const row = (id: string, participants: string[], extra: Partial<InteractionRow> = {}): InteractionRow => ({
    id,
    at: Date.parse('2024-03-01T00:00:00Z'),
    channel: 'CALL',
    participants,
    origin,
    row: 1,
    participantRows: participants.map((_, i) => i + 1),
    ...extra,
  });
  const stakeholderOf = new Map([
    ['crm:C001', 'crm:C001'],
    ['captable:S003', 'hr:E101'],
  ]);
  const bundleEmails = new Map([['alice@acme.com', 'crm:C001']]);
  const stored: StoredPeople = {
    byKey: new Map([['hr:E101', 'hr:E101']]),
    byEmail: new Map([['frank@atlas.example', 'hr:E103']]),
    ids: new Set(['manual-7']),
  };

  it('resolves bundle keys, stored keys, stakeholder ids and e-mails (normalised), owner and initiator included', () => {
    const plan = planInteractions(
      [
        row('a', ['crm:C001', 'captable:S003'], { owner: 'hr:E101', initiator: 'Alice+news@ACME.com' }),
        row('b', ['Frank@atlas.example', 'manual-7']),
      ],
      stakeholderOf,
      bundleEmails,
      stored,
    );
    expect(plan.errors).toEqual([]);
    expect(plan.rows).toEqual([
      expect.objectContaining({ id: 'a', people: ['crm:C001', 'hr:E101'], owner: 'hr:E101', initiator: 'crm:C001' }),
      expect.objectContaining({ id: 'b', people: ['hr:E103', 'manual-7'], owner: null, initiator: null }),
    ]);
    expect(plan.links).toBe(4);
  });

  it('asks the store only for what the bundle cannot resolve', () => {
    expect(
      storedReferences([row('a', ['crm:C001', 'hr:E101', 'alice@acme.com', 'Frank@atlas.example'])], stakeholderOf, bundleEmails),
    ).toEqual({
      keys: ['hr:E101'],
      emails: ['frank@atlas.example'],
    });
  });

  it('reports unknown keys as errors and unknown addresses as warnings; skips interactions left with one person', () => {
    const plan = planInteractions(
      [row('a', ['crm:C001', 'crm:NOPE']), row('b', ['captable:S003', 'nobody@else.org', 'alice@acme.com'])],
      stakeholderOf,
      bundleEmails,
      stored,
    );
    expect(plan.errors).toEqual([
      expect.objectContaining({
        file: 'interaction_participants.csv',
        row: 2,
        column: 'stakeholder',
        message: expect.stringContaining("'crm:NOPE'"),
      }),
    ]);
    expect(plan.warnings.map((w) => w.message)).toEqual([
      "no stakeholder has the address 'nobody@else.org' (1 interaction); left out",
      '1 interaction with fewer than two known people skipped (they relate nobody)',
    ]);
  });

  it('refuses when no address matches at all', () => {
    const plan = planInteractions([row('m', ['x@y.org', 'z@y.org'])], new Map(), new Map(), {
      byKey: new Map(),
      byEmail: new Map(),
      ids: new Set(),
    });
    expect(plan.errors.map((e) => e.message)).toEqual([
      expect.stringContaining('none of the 2 e-mail addresses matches a stakeholder'),
    ]);
  });
});
