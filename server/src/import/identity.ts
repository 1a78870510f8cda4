// Pure identity resolution: which source records become which stakeholder, and why.
import type { ImportProblem, SourceRecordRow } from './types.js';
import { recordKey } from './types.js';
import { isPlausibleDomain, isPlausibleEmail, stripDomainDecorations } from '../domain/validators.js';

/**
 * Trimmed, lower-cased email with any `+tag` suffix of the local part removed (for every
 * domain); dots are kept, since only some providers ignore them. Undefined if not plausible.
 */
export function normaliseEmail(email: string): string | undefined {
  const s = email.trim().toLowerCase();
  if (!isPlausibleEmail(s)) return undefined;
  const at = s.lastIndexOf('@');
  let local = s.slice(0, at);
  const plus = local.indexOf('+');
  if (plus >= 0) local = local.slice(0, plus);
  if (local === '') return undefined;
  return `${local}${s.slice(at)}`;
}

/** Lower-cased host of a domain, URL or email: no scheme, `www.`, path or port. Undefined if not plausible. */
export function normaliseDomain(domainOrUrlOrEmail: string): string | undefined {
  const s = stripDomainDecorations(domainOrUrlOrEmail);
  return isPlausibleDomain(s) ? s : undefined;
}

/**
 * Webmail providers: an organisation's contact address there says nothing about its identity,
 * so the domain of such an email is never used to match organisations (an explicit `domain` is).
 */
const PUBLIC_EMAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'hotmail.com',
  'outlook.com',
  'live.com',
  'msn.com',
  'icloud.com',
  'me.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  'mail.com',
  'yandex.com',
  'yandex.ru',
  'orange.fr',
  'free.fr',
]);

/** Identities already in the database. Keys of byEmail/byDomain must be normalised with the functions above. */
export interface ExistingIdentities {
  byKey: Map<string, string>;
  byEmail: Map<string, string>;
  byDomain: Map<string, string>;
}

/** FIRST: the record that gave a new stakeholder its id. */
export type MatchKey = 'FIRST' | 'KEY' | 'EMAIL' | 'DOMAIN';

export interface Merge {
  stakeholder: string;
  records: string[];
  matchedOn: 'KEY' | 'EMAIL' | 'DOMAIN';
  value: string;
}

export interface Resolution {
  /** Record key → stakeholder id. */
  stakeholderOf: Map<string, string>;
  matchedOn: Map<string, MatchKey>;
  merges: Merge[];
  created: string[];
  updated: string[];
  warnings: ImportProblem[];
}

/**
 * Clusters the records (union-find over shared email, and shared domain for organisations),
 * then attaches each cluster to an existing stakeholder (by record key, else by email/domain)
 * or makes it a new stakeholder named after its smallest record key. Linear in the records.
 */
export function resolveIdentities(records: SourceRecordRow[], existing: ExistingIdentities): Resolution {
  const n = records.length;
  const keys: string[] = new Array<string>(n);
  const emails: (string | undefined)[] = new Array<string | undefined>(n);
  const domains: (string | undefined)[] = new Array<string | undefined>(n);
  // Per-record flags: bit 1 = its email is shared with another record, bit 2 = its domain is.
  const shared = new Uint8Array(n);
  const SHARED_EMAIL = 1;
  const SHARED_DOMAIN = 2;

  // Union-find with path halving and union by size.
  const parent = new Int32Array(n);
  const size = new Int32Array(n).fill(1);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (i: number): number => {
    while (parent[i] !== i) {
      const gp = parent[parent[i]!]!;
      parent[i] = gp;
      i = gp;
    }
    return i;
  };
  const union = (a: number, b: number): void => {
    let ra = find(a);
    let rb = find(b);
    if (ra === rb) return;
    if (size[ra]! < size[rb]!) [ra, rb] = [rb, ra];
    parent[rb] = ra;
    size[ra]! += size[rb]!;
  };

  const firstByKey = new Map<string, number>();
  const firstByEmail = new Map<string, number>();
  const firstByDomain = new Map<string, number>();
  const link = (map: Map<string, number>, value: string, i: number, flag: number): void => {
    const j = map.get(value);
    if (j === undefined) {
      map.set(value, i);
      return;
    }
    shared[i]! |= flag;
    shared[j]! |= flag;
    union(i, j);
  };

  for (let i = 0; i < n; i++) {
    const r = records[i]!;
    const key = recordKey(r.source, r.externalId);
    keys[i] = key;
    link(firstByKey, key, i, 0); // the same key twice is the same record
    const email = r.email === undefined ? undefined : normaliseEmail(r.email);
    emails[i] = email;
    if (email !== undefined) link(firstByEmail, email, i, SHARED_EMAIL);
    if (r.kind === 'ORGANISATION') {
      let domain = r.domain === undefined ? undefined : normaliseDomain(r.domain);
      if (domain === undefined && email !== undefined) {
        const fromEmail = email.slice(email.lastIndexOf('@') + 1);
        if (!PUBLIC_EMAIL_DOMAINS.has(fromEmail)) domain = fromEmail;
      }
      domains[i] = domain;
      if (domain !== undefined) link(firstByDomain, domain, i, SHARED_DOMAIN);
    }
  }

  // The outcome per record, by index (turned into maps keyed by record key at the end).
  const sid: string[] = new Array<string>(n);
  const how: MatchKey[] = new Array<MatchKey>(n);
  const created = new Set<string>();
  const updated = new Set<string>();
  const warnings: ImportProblem[] = [];

  // What a record's own key/email/domain points at in the database, if anything.
  let ownId = '';
  const ownMatch = (i: number): MatchKey | undefined => {
    const byKey = existing.byKey.get(keys[i]!);
    if (byKey !== undefined) return ((ownId = byKey), 'KEY');
    const e = emails[i];
    const byEmail = e === undefined ? undefined : existing.byEmail.get(e);
    if (byEmail !== undefined) return ((ownId = byEmail), 'EMAIL');
    const d = domains[i];
    const byDomain = d === undefined ? undefined : existing.byDomain.get(d);
    if (byDomain !== undefined) return ((ownId = byDomain), 'DOMAIN');
    return undefined;
  };
  // How a record is linked into its cluster: by the email or domain it shares with another record.
  const linkKind = (i: number): MatchKey => (shared[i]! & SHARED_EMAIL ? 'EMAIL' : shared[i]! & SHARED_DOMAIN ? 'DOMAIN' : 'KEY'); // KEY: a repeated record key
  // How a record without a match of its own joins an existing stakeholder through its cluster.
  const joinKind = (i: number, id: string): MatchKey => {
    const e = emails[i];
    if (e !== undefined && existing.byEmail.get(e) === id) return 'EMAIL';
    const d = domains[i];
    if (d !== undefined && existing.byDomain.get(d) === id) return 'DOMAIN';
    return linkKind(i);
  };

  // Most records stand alone: settle them at once, and group only the rest by cluster root.
  const clusters = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    if (size[root] === 1) {
      const on = ownMatch(i);
      const id = on ? ownId : keys[i]!;
      sid[i] = id;
      how[i] = on ?? 'FIRST';
      (on ? updated : created).add(id);
      continue;
    }
    const members = clusters.get(root);
    if (members) members.push(i);
    else clusters.set(root, [i]);
  }

  for (const members of clusters.values()) {
    const byKey = new Set<string>();
    const byValue = new Set<string>();
    for (const i of members) {
      const on = ownMatch(i);
      if (on) (on === 'KEY' ? byKey : byValue).add(ownId);
    }

    if (byKey.size === 0 && byValue.size === 0) {
      // New stakeholder: the smallest key names it, so re-running the same import gives the same id.
      let id = keys[members[0]!]!;
      for (const i of members) if (keys[i]! < id) id = keys[i]!;
      created.add(id);
      for (const i of members) {
        sid[i] = id;
        how[i] = keys[i] === id ? 'FIRST' : linkKind(i);
      }
      continue;
    }

    // Key matches take precedence: the cluster joins the stakeholder one of its keys already names.
    const preferred = [...(byKey.size > 0 ? byKey : byValue)].sort();
    const all = new Set([...byKey, ...byValue]);
    const target = preferred[0]!;
    const conflict = all.size > 1;
    if (conflict) {
      const memberKeys = [...new Set(members.map((i) => keys[i]!))].sort();
      const ids = [...all].sort();
      warnings.push({
        file: 'identity',
        message:
          `records ${memberKeys.map((k) => `'${k}'`).join(', ')} are linked by email or domain but ` +
          `match different existing stakeholders (${ids.map((t) => `'${t}'`).join(', ')}); existing ` +
          `stakeholders are not merged: each record joins the one its own key, email or domain ` +
          `matches, otherwise '${target}'`,
      });
    }
    for (const i of members) {
      // Without a conflict only a known key is a record's own match; email/domain joins are explained by joinKind.
      const on = ownMatch(i);
      const own = on === 'KEY' || (conflict && on !== undefined);
      const id = own ? ownId : target;
      sid[i] = id;
      how[i] = own ? on! : joinKind(i, id);
      updated.add(id);
    }
  }

  const stakeholderOf = new Map<string, string>();
  const matchedOn = new Map<string, MatchKey>();
  for (let i = 0; i < n; i++) {
    stakeholderOf.set(keys[i]!, sid[i]!);
    matchedOn.set(keys[i]!, how[i]!);
  }

  return {
    stakeholderOf,
    matchedOn,
    merges: explainMerges(keys, emails, domains, shared, sid, how, existing),
    created: [...created].sort(),
    updated: [...updated].sort(),
    warnings,
  };
}

/**
 * One Merge per (stakeholder, email or domain) shared by two or more of its records, or by which
 * a record joined an existing stakeholder; plus one KEY merge for a stakeholder that two or more
 * records joined by their own known keys when no email/domain merge already explains them.
 */
function explainMerges(
  keys: string[],
  emails: (string | undefined)[],
  domains: (string | undefined)[],
  shared: Uint8Array,
  sid: string[],
  how: MatchKey[],
  existing: ExistingIdentities,
): Merge[] {
  interface Group {
    stakeholder: string;
    matchedOn: Merge['matchedOn'];
    value: string;
    records: Set<string>;
    joined: boolean;
  }
  const groups = new Map<string, Group>();
  const add = (stakeholder: string, on: Merge['matchedOn'], value: string, key: string, joined: boolean) => {
    const g = `${stakeholder}\u0000${on}\u0000${value}`;
    let group = groups.get(g);
    if (!group) {
      group = { stakeholder, matchedOn: on, value, records: new Set(), joined: false };
      groups.set(g, group);
    }
    group.records.add(key);
    if (joined) group.joined = true;
  };
  // Only stakeholders that two or more records joined by their own keys can need a KEY merge.
  const keyJoins = new Map<string, number>();
  for (let i = 0; i < keys.length; i++) {
    if (how[i] === 'KEY' && existing.byKey.has(keys[i]!)) keyJoins.set(sid[i]!, (keyJoins.get(sid[i]!) ?? 0) + 1);
  }

  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const id = sid[i]!;
    const on = how[i];
    const e = emails[i];
    const d = domains[i];
    // Values carried by a single record that did not join through them explain nothing: skip early.
    if (e !== undefined && (shared[i]! & 1 || on === 'EMAIL')) {
      add(id, 'EMAIL', e, key, on === 'EMAIL' && existing.byEmail.get(e) === id);
    }
    if (d !== undefined && (shared[i]! & 2 || on === 'DOMAIN')) {
      add(id, 'DOMAIN', d, key, on === 'DOMAIN' && existing.byDomain.get(d) === id);
    }
    if (on === 'KEY' && (keyJoins.get(id) ?? 0) > 1 && existing.byKey.has(key)) add(id, 'KEY', id, key, false);
  }

  const merges: Merge[] = [];
  const covered = new Set<string>();
  for (const g of groups.values()) {
    if (g.matchedOn === 'KEY' || (g.records.size < 2 && !g.joined)) continue;
    merges.push({ stakeholder: g.stakeholder, records: [...g.records].sort(), matchedOn: g.matchedOn, value: g.value });
    if (g.records.size > 1) for (const r of g.records) covered.add(r);
  }
  for (const g of groups.values()) {
    if (g.matchedOn !== 'KEY' || g.records.size < 2) continue;
    if ([...g.records].every((r) => covered.has(r))) continue;
    merges.push({ stakeholder: g.stakeholder, records: [...g.records].sort(), matchedOn: 'KEY', value: g.value });
  }
  const order = { KEY: 0, EMAIL: 1, DOMAIN: 2 } as const;
  merges.sort((a, b) => cmp(a.stakeholder, b.stakeholder) || order[a.matchedOn] - order[b.matchedOn] || cmp(a.value, b.value));
  return merges;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
