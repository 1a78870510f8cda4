import { describe, expect, it } from 'vitest';
import {
  normaliseDomain,
  normaliseEmail,
  resolveIdentities,
  type ExistingIdentities,
} from '../../../server/src/import/identity.js';
import { parseCsvBundle } from '../../../server/src/import/csv-bundle.js';
import type { SourceRecordRow } from '../../../server/src/import/types.js';
import { folderFiles } from './fixtures.js';

const none = (): ExistingIdentities => ({ byKey: new Map(), byEmail: new Map(), byDomain: new Map() });
const person = (source: string, externalId: string, email?: string): SourceRecordRow =>
  email === undefined
    ? { source, externalId, kind: 'PERSON', name: externalId }
    : { source, externalId, kind: 'PERSON', name: externalId, email };
const org = (source: string, externalId: string, domain?: string, email?: string): SourceRecordRow => {
  const r: SourceRecordRow = { source, externalId, kind: 'ORGANISATION', name: externalId };
  if (domain !== undefined) r.domain = domain;
  if (email !== undefined) r.email = email;
  return r;
};

describe('normaliseEmail', () => {
  it('trims, lower-cases and drops a +tag for every domain, keeping dots', () => {
    expect(normaliseEmail('  Dana+hr@Example.ORG ')).toBe('dana@example.org');
    expect(normaliseEmail('first.last+news@gmail.com')).toBe('first.last@gmail.com');
    expect(normaliseEmail('first.last@gmail.com')).toBe('first.last@gmail.com');
  });
  it('is undefined for implausible addresses', () => {
    for (const bad of ['', 'no-at-sign', 'a@b', 'a b@c.com', '@example.com', '+tag@example.com', 'a@@b.com'])
      expect(normaliseEmail(bad), bad).toBeUndefined();
  });
});

describe('normaliseDomain', () => {
  it('strips scheme, www., path, query and port, and lower-cases', () => {
    expect(normaliseDomain('https://www.Globex.io/about?x=1')).toBe('globex.io');
    expect(normaliseDomain('http://acme.com:8080')).toBe('acme.com');
    expect(normaliseDomain('WWW.ACME.COM.')).toBe('acme.com');
    expect(normaliseDomain('acme.co.uk')).toBe('acme.co.uk');
    expect(normaliseDomain('info@acme.com')).toBe('acme.com');
  });
  it('is undefined for things that are not domains', () => {
    for (const bad of ['', 'localhost', 'not a domain', 'http://', '1234']) expect(normaliseDomain(bad), bad).toBeUndefined();
  });
});

describe('resolveIdentities on the valid bundle', () => {
  const { bundle } = parseCsvBundle(folderFiles('valid-bundle'));
  const res = resolveIdentities(bundle.records, none());

  it('merges a person across crm and hr by email, and an organisation by domain', () => {
    expect(res.stakeholderOf.get('crm:C003')).toBe('crm:C003');
    expect(res.stakeholderOf.get('hr:E102')).toBe('crm:C003');
    expect(res.matchedOn.get('crm:C003')).toBe('FIRST');
    expect(res.matchedOn.get('hr:E102')).toBe('EMAIL');
    // The smallest record key names the new stakeholder.
    expect(res.stakeholderOf.get('crm:C010')).toBe('captable:S001');
    expect(res.matchedOn.get('crm:C010')).toBe('DOMAIN');
    expect(res.stakeholderOf.get('hr:E101')).toBe('captable:S003');
    expect(res.merges).toEqual([
      { stakeholder: 'captable:S001', records: ['captable:S001', 'crm:C010'], matchedOn: 'DOMAIN', value: 'acme.com' },
      {
        stakeholder: 'captable:S003',
        records: ['captable:S003', 'hr:E101'],
        matchedOn: 'EMAIL',
        value: 'erin.cole@atlas.example',
      },
      { stakeholder: 'crm:C003', records: ['crm:C003', 'hr:E102'], matchedOn: 'EMAIL', value: 'dana@example.org' },
    ]);
  });

  it('does not merge people by the domain of their email', () => {
    expect(res.stakeholderOf.get('crm:C001')).toBe('crm:C001'); // alice.martin@acme.com, not Acme
  });

  it('creates 8 stakeholders from 11 records and updates none', () => {
    expect(res.created).toHaveLength(8);
    expect(res.updated).toEqual([]);
    expect(new Set(res.stakeholderOf.values()).size).toBe(8);
    expect(res.warnings).toEqual([]);
  });

  it('re-importing joins every record by KEY with the same ids', () => {
    const again = resolveIdentities(bundle.records, { ...none(), byKey: new Map(res.stakeholderOf) });
    expect(again.stakeholderOf).toEqual(res.stakeholderOf);
    expect(again.created).toEqual([]);
    expect(again.updated).toEqual(res.created);
    expect([...again.matchedOn.values()].every((m) => m === 'KEY')).toBe(true);
    expect(again.warnings).toEqual([]);
  });

  it('is deterministic whatever the record order', () => {
    const shuffled = [...bundle.records].reverse();
    const other = resolveIdentities(shuffled, none());
    expect(new Map([...other.stakeholderOf].sort())).toEqual(new Map([...res.stakeholderOf].sort()));
    expect(other.merges).toEqual(res.merges);
    expect(other.created).toEqual(res.created);
  });
});

describe('resolveIdentities against existing stakeholders', () => {
  it('a new record joins an existing stakeholder by email, and the merge says so', () => {
    const existing = { ...none(), byEmail: new Map([['dana@example.org', 'crm:C003']]) };
    const res = resolveIdentities([person('hr', 'E102', 'DANA+x@example.org')], existing);
    expect(res.stakeholderOf.get('hr:E102')).toBe('crm:C003');
    expect(res.matchedOn.get('hr:E102')).toBe('EMAIL');
    expect(res.updated).toEqual(['crm:C003']);
    expect(res.created).toEqual([]);
    expect(res.merges).toEqual([
      { stakeholder: 'crm:C003', records: ['hr:E102'], matchedOn: 'EMAIL', value: 'dana@example.org' },
    ]);
  });

  it('an organisation joins by domain, taken from its email when it has no domain', () => {
    const existing = { ...none(), byDomain: new Map([['acme.com', 'captable:S001']]) };
    const res = resolveIdentities([org('suppliers', 'V9', undefined, 'sales@acme.com')], existing);
    expect(res.stakeholderOf.get('suppliers:V9')).toBe('captable:S001');
    expect(res.matchedOn.get('suppliers:V9')).toBe('DOMAIN');
  });

  it('never matches organisations on a webmail domain', () => {
    const res = resolveIdentities([org('a', '1', undefined, 'x@gmail.com'), org('b', '2', undefined, 'y@gmail.com')], none());
    expect(res.created).toEqual(['a:1', 'b:2']);
    expect(res.merges).toEqual([]);
  });

  it('a cluster joined by one known key brings its other records along, by email', () => {
    const existing = { ...none(), byKey: new Map([['crm:C1', 'crm:C1']]) };
    const res = resolveIdentities([person('crm', 'C1', 'a@x.com'), person('hr', 'E1', 'a@x.com')], existing);
    expect(res.stakeholderOf.get('hr:E1')).toBe('crm:C1');
    expect(res.matchedOn.get('crm:C1')).toBe('KEY');
    expect(res.matchedOn.get('hr:E1')).toBe('EMAIL');
    expect(res.merges).toEqual([{ stakeholder: 'crm:C1', records: ['crm:C1', 'hr:E1'], matchedOn: 'EMAIL', value: 'a@x.com' }]);
  });

  it('records already merged stay together by KEY when nothing else links them', () => {
    const existing = {
      ...none(),
      byKey: new Map([
        ['crm:C1', 'S'],
        ['hr:E1', 'S'],
      ]),
    };
    const res = resolveIdentities([person('crm', 'C1', 'old@x.com'), person('hr', 'E1', 'new@x.com')], existing);
    expect(res.merges).toEqual([{ stakeholder: 'S', records: ['crm:C1', 'hr:E1'], matchedOn: 'KEY', value: 'S' }]);
  });

  it('does not merge two existing stakeholders: each record keeps its own, with a warning', () => {
    const existing = {
      ...none(),
      byKey: new Map([
        ['crm:C1', 'S-one'],
        ['hr:E1', 'S-two'],
      ]),
    };
    const records = [person('crm', 'C1', 'same@x.com'), person('hr', 'E1', 'same@x.com'), person('web', 'W1', 'same@x.com')];
    const res = resolveIdentities(records, existing);
    expect(res.stakeholderOf.get('crm:C1')).toBe('S-one');
    expect(res.stakeholderOf.get('hr:E1')).toBe('S-two');
    expect(res.stakeholderOf.get('web:W1')).toBe('S-one'); // first by sorted id
    expect(res.updated).toEqual(['S-one', 'S-two']);
    expect(res.warnings).toHaveLength(1);
    expect(res.warnings[0]?.message).toContain("'S-one', 'S-two'");
    expect(res.warnings[0]?.message).toContain('not merged');
  });

  it('in a conflict, a record whose own email is known joins that stakeholder', () => {
    const existing = {
      ...none(),
      byKey: new Map([['crm:C1', 'S-one']]),
      byEmail: new Map([['b@x.com', 'S-two']]),
    };
    // crm:C1 and org records link through the shared domain; their emails point at different stakeholders.
    const res = resolveIdentities([org('crm', 'C1', 'x.com', 'a@x.com'), org('hr', 'E1', 'x.com', 'b@x.com')], existing);
    expect(res.stakeholderOf.get('crm:C1')).toBe('S-one');
    expect(res.stakeholderOf.get('hr:E1')).toBe('S-two');
    expect(res.matchedOn.get('hr:E1')).toBe('EMAIL');
    expect(res.warnings).toHaveLength(1);
  });
});

describe('resolveIdentities at scale', () => {
  it('resolves 100,000 records with many shared emails and domains quickly', () => {
    const records: SourceRecordRow[] = [];
    for (let i = 0; i < 100_000; i++) {
      records.push(
        i % 10 === 0
          ? org(i % 3 === 0 ? 'crm' : 'hr', `X${i}`, `corp${i % 5000}.com`)
          : person(i % 3 === 0 ? 'crm' : 'hr', `X${i}`, `user${i % 90_000}@corp${i % 5000}.com`),
      );
    }
    const res = resolveIdentities(records, none());
    expect(res.stakeholderOf.size).toBe(100_000);
    // Persons i and i + 90,000 share an email (9,000 pairs); the 10,000 organisations sit on
    // 500 distinct domains (multiples of 10 modulo 5,000): 90,000 - 9,000 + 500 stakeholders.
    expect(res.created).toHaveLength(81_500);
    expect(res.merges).toHaveLength(9_500);
    expect(res.merges.filter((m) => m.matchedOn === 'DOMAIN').every((m) => m.records.length === 20)).toBe(true);
  });
});
