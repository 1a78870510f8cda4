// Source records of each stakeholder and the role each source knows, with the spellings identity resolution merges.
import type { RoleName } from '../../server/src/domain/vocabulary.js';
import { COUNTRIES, type CountryCode } from '../names.js';
import type { Draws } from '../draws.js';
import { AS_OF_DAY, COMPANY, dateBetween, FOUNDED_DAY, toDay } from './company.js';
import { at } from './lists.js';
import type { Entity, RoleFact, SourceRecord } from './model.js';
import { ROUNDS } from './population-tables.js';
import type { Source } from './sources.js';

/** Source records and role facts, including the overlaps that identity resolution must merge. */
export function addSourceRecords(entities: readonly Entity[], rng: Draws): void {
  const orgOf = (e: Entity): Entity | undefined => (e.org >= 0 ? entities[e.org] : undefined);
  const alsoCustomerOrg = new Set<number>();
  const add = (e: Entity, source: Source, prefix: string, role: RoleFact, variant: boolean): void => {
    let name = e.name;
    let email = e.email;
    if (variant && e.kind === 'ORGANISATION' && rng.chance(0.5)) name = stripLegalForm(e.name, e.country);
    if (variant && e.kind === 'PERSON') email = emailVariant(rng, e.email, source);
    const org = orgOf(e);
    e.records.push({
      source,
      prefix,
      externalId: '',
      name,
      email,
      organisation: e.kind === 'PERSON' ? (org?.name ?? (e.category === 'angel' ? e.affiliation : COMPANY.name)) : '',
      domain: e.kind === 'ORGANISATION' ? e.domain : '',
      title: e.kind === 'PERSON' ? e.title : '',
      country: COUNTRIES[e.country].name,
      role,
    });
  };
  const fact = (
    role: RoleName,
    since: number,
    tier: string,
    value: number | null = null,
    until: number | null = null,
  ): RoleFact => ({ role, since, until, value, tier });

  for (const e of entities) {
    switch (e.category) {
      case 'customer': {
        if (e.kind === 'ORGANISATION') {
          const arr = Math.round(rng.logNormal(60_000, 1.1) / 100) * 100;
          e.tier = arr >= 500_000 ? 'platinum' : arr >= 150_000 ? 'gold' : arr >= 40_000 ? 'silver' : 'bronze';
          add(e, 'crm', 'A', fact('CUSTOMER', e.start, e.tier, arr), false);
        } else {
          add(e, 'crm', 'C', fact('CUSTOMER', e.start, orgOf(e)?.tier ?? ''), false);
        }
        break;
      }
      case 'partner': {
        if (e.kind === 'ORGANISATION') {
          const revenue = Math.round(rng.logNormal(90_000, 1.0) / 1000) * 1000;
          e.tier = revenue >= 400_000 ? 'platinum' : revenue >= 120_000 ? 'gold' : revenue >= 30_000 ? 'silver' : 'registered';
          add(e, 'partners', 'P', fact('PARTNER', e.start, e.tier, revenue), false);
          if (rng.chance(0.3)) {
            // Resellers and integrators that run the product themselves.
            alsoCustomerOrg.add(e.index);
            const since = dateBetween(rng, e.start, AS_OF_DAY - 30);
            const arr = Math.round(rng.logNormal(25_000, 0.8) / 100) * 100;
            add(e, 'crm', 'A', fact('CUSTOMER', since, arr >= 40_000 ? 'silver' : 'bronze', arr), true);
          }
          if (rng.chance(0.12)) {
            const since = dateBetween(rng, e.start, AS_OF_DAY - 30);
            add(
              e,
              'procurement',
              'V',
              fact('SUPPLIER', since, 'approved', Math.round(rng.logNormal(40_000, 0.8) / 100) * 100),
              true,
            );
          }
        } else {
          const org = orgOf(e);
          add(e, 'partners', 'PC', fact('PARTNER', e.start, org?.tier ?? ''), false);
          if (org && alsoCustomerOrg.has(org.index) && rng.chance(0.55)) {
            const crm = org.records.find((r) => r.source === 'crm');
            add(e, 'crm', 'C', fact('CUSTOMER', Math.max(e.start, crm?.role.since ?? e.start), crm?.role.tier ?? ''), true);
          }
        }
        break;
      }
      case 'supplier': {
        if (e.kind === 'ORGANISATION') {
          const spend = Math.round(rng.logNormal(45_000, 1.1) / 100) * 100;
          e.tier = spend >= 250_000 ? 'strategic' : spend >= 60_000 ? 'preferred' : 'approved';
          add(e, 'procurement', 'V', fact('SUPPLIER', e.start, e.tier, spend), false);
          if (rng.chance(0.15)) {
            alsoCustomerOrg.add(e.index);
            const since = dateBetween(rng, e.start, AS_OF_DAY - 30);
            const arr = Math.round(rng.logNormal(30_000, 0.9) / 100) * 100;
            add(e, 'crm', 'A', fact('CUSTOMER', since, arr >= 40_000 ? 'silver' : 'bronze', arr), true);
          }
        } else {
          const org = orgOf(e);
          add(e, 'procurement', 'VC', fact('SUPPLIER', e.start, org?.tier ?? ''), false);
          if (org && alsoCustomerOrg.has(org.index) && rng.chance(0.4)) {
            const crm = org.records.find((r) => r.source === 'crm');
            add(e, 'crm', 'C', fact('CUSTOMER', Math.max(e.start, crm?.role.since ?? e.start), crm?.role.tier ?? ''), true);
          }
        }
        break;
      }
      case 'fund': {
        const shares = Math.round(rng.logNormal(900_000, 0.6) / 1000) * 1000;
        add(e, 'captable', 'SH', fact('SHAREHOLDER', e.start, e.tier, shares), false);
        break;
      }
      case 'angel': {
        const shares = Math.round(rng.logNormal(30_000, 0.6) / 100) * 100;
        const round = e.start < toDay(ROUNDS[1]?.[1] ?? '2015-09-22') ? 'Seed Preferred' : 'Series A Preferred';
        add(e, 'captable', 'SH', fact('SHAREHOLDER', e.start, round, shares), false);
        break;
      }
      case 'employee': {
        const band =
          e.department === 'Executive'
            ? 'E' + rng.int(1, 2)
            : e.seniority >= 3
              ? 'M' + rng.int(3, 4)
              : e.seniority === 2
                ? 'M' + rng.int(1, 2)
                : 'IC' + (e.seniority === 0 ? rng.int(1, 2) : rng.int(3, 5));
        let until: number | null = null;
        if (e.department !== 'Executive' && e.seniority < 3 && rng.chance(0.04) && AS_OF_DAY - e.start > 400) {
          until = dateBetween(rng, e.start + 300, AS_OF_DAY - 30);
          e.end = until;
        }
        add(e, 'hr', 'E', fact('EMPLOYEE', e.start, band, null, until), false);
        const equity =
          e.department === 'Executive'
            ? 1
            : e.seniority >= 3
              ? 0.9
              : e.seniority === 2
                ? 0.5
                : e.start < toDay('2019-01-01')
                  ? 0.3
                  : 0.1;
        if (rng.chance(equity)) {
          const founder = e.department === 'Executive' && e.start === FOUNDED_DAY;
          const grant = founder ? FOUNDED_DAY : Math.min(AS_OF_DAY - 10, e.start + rng.int(180, 900));
          const shares = founder
            ? Math.round(rng.logNormal(1_800_000, 0.2) / 1000) * 1000
            : Math.round(rng.logNormal(e.seniority >= 3 ? 40_000 : 6_000, 0.7) / 50) * 50;
          const tier = founder ? 'Common' : rng.chance(0.6) ? 'Options (vested)' : 'Common';
          add(e, 'captable', 'SH', fact('SHAREHOLDER', grant, tier, shares), true);
        }
        break;
      }
    }
  }
  // Customer executives who invested early (angels who are also customers).
  for (const e of entities) {
    if (e.kind !== 'PERSON' || e.category !== 'customer' || e.seniority < 3 || !rng.chance(0.06)) continue;
    const since = dateBetween(rng, Math.max(e.start, toDay('2015-01-01')), AS_OF_DAY - 30);
    add(
      e,
      'captable',
      'SH',
      fact(
        'SHAREHOLDER',
        since,
        since < toDay('2018-03-06') ? 'Series A Preferred' : 'Series B Preferred',
        Math.round(rng.logNormal(8_000, 0.6) / 100) * 100,
      ),
      true,
    );
  }
}

/** External ids: numbered per prefix in a shuffled order, so ids reveal nothing about the model. */
export function assignExternalIds(entities: readonly Entity[], rng: Draws): void {
  const byPrefix = new Map<string, SourceRecord[]>();
  for (const e of entities) {
    for (const r of e.records) {
      const list = byPrefix.get(r.prefix) ?? [];
      list.push(r);
      byPrefix.set(r.prefix, list);
    }
  }
  for (const [prefix, list] of [...byPrefix].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const numbers = rng.shuffle(list.map((_, i) => i + 1));
    const width = Math.max(5, String(list.length).length);
    list.forEach((r, i) => {
      r.externalId = `${prefix}-${String(at(numbers, i) + (prefix === 'E' ? 1000 : 0)).padStart(width, '0')}`;
    });
  }
}

const LEGAL_SUFFIX =
  /\s+(AB|AS|ASA|A\/S|ApS|Oy|Oyj|GmbH & Co\. KG|GmbH|AG|SE|Ltd\.?|plc|LLP|DAC|SA|SAS|SARL|NV|BV|B\.V\.|N\.V\.|S\.A\.|S\.à r\.l\.|S\.L\.|Lda\.|S\.p\.A\.|S\.r\.l\.|Sp\. z o\.o\.|s\.r\.o\.|a\.s\.|S\.R\.L\.|IKE|A\.Ş\.|Ltd\. Şti\.|Inc\.|LLC|Corp\.|S\.A\. de C\.V\.|S\. de R\.L\.|S\.R\.L\.|SpA|S\.A\.S\.|Pte\. Ltd\.|Pty Ltd|Limited|K\.K\.|G\.K\.|Co\., Ltd\.|Pvt\. Ltd\.|FZ-LLC|\(Pty\) Ltd|JSC)$/;

/** "Northgate Logistics AB" → "Northgate Logistics" (how another system might spell it). */
function stripLegalForm(name: string, _country: CountryCode): string {
  const stripped = name.replace(LEGAL_SUFFIX, '');
  return stripped.length > 0 ? stripped : name;
}

/** Same mailbox, spelt as another system stores it: capitalised, or with a +tag. */
function emailVariant(rng: Draws, email: string, source: Source): string {
  const r = rng.next();
  if (r < 0.5) return email;
  const [local = '', domain = ''] = email.split('@');
  if (r < 0.78) {
    const cap = local
      .split('.')
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join('.');
    return `${cap}@${domain.charAt(0).toUpperCase()}${domain.slice(1)}`;
  }
  const tag = source === 'captable' ? 'equity' : source === 'crm' ? 'crm' : source === 'procurement' ? 'billing' : 'partners';
  return `${local}+${tag}@${domain}`;
}

/** The identity key of a person's e-mail as the importer normalises it: lowercase, no +tag. */
export const emailIdentity = (email: string): string => {
  const [local = '', domain = ''] = email.trim().toLowerCase().split('@');
  return `${local.split('+')[0] ?? ''}@${domain}`;
};
