// The write plan of an import, as pure code: which stakeholders, records, role facts, communities,
// memberships and ties to write once identities are resolved, split by what existed before.
import { ROLES, ROLE_LABEL, TIE_TYPES, type RoleName, type TieTypeName } from '../domain/vocabulary.js';
import type { ImportWritePlan } from '../store/imports.js';
import { normaliseDomain, normaliseEmail } from './identity.js';
import type { ImportProblem, ParseResult, SourceRecordRow } from './types.js';
import { recordKey } from './types.js';

export const recordEmailKey = (record: SourceRecordRow): string | undefined =>
  record.email ? normaliseEmail(record.email) : undefined;
export const recordDomainKey = (record: SourceRecordRow): string | undefined =>
  record.kind !== 'ORGANISATION'
    ? undefined
    : record.domain
      ? normaliseDomain(record.domain)
      : record.email
        ? normaliseDomain(record.email)
        : undefined;

/** First non-empty value of a field across a stakeholder's records, in bundle order. */
function firstOf<K extends keyof SourceRecordRow>(records: SourceRecordRow[], field: K): SourceRecordRow[K] | null {
  for (const record of records) {
    const value = record[field];
    if (value !== undefined && value !== '') return value;
  }
  return null;
}

export interface WritePlan {
  stakeholders: Record<string, unknown>[];
  records: Record<string, unknown>[];
  roles: Record<string, unknown>[];
  communities: Record<string, unknown>[];
  memberships: Record<string, unknown>[];
  tiesByType: Map<TieTypeName, Record<string, unknown>[]>;
  touched: string[];
  tieCount: number;
}

export function planWrites(
  parse: ParseResult,
  stakeholderOf: Map<string, string>,
  matchedOn: Map<string, string>,
  warnings: ImportProblem[],
): WritePlan {
  const { bundle } = parse;
  const recordsOf = new Map<string, SourceRecordRow[]>();
  for (const record of bundle.records) {
    const id = stakeholderOf.get(recordKey(record.source, record.externalId));
    if (id === undefined) continue;
    const list = recordsOf.get(id);
    if (list) list.push(record);
    else recordsOf.set(id, [record]);
  }
  const stakeholders = [...recordsOf].map(([id, records]) => ({
    id,
    kind: firstOf(records, 'kind'),
    name: firstOf(records, 'name'),
    email: firstOf(records, 'email'),
    organisation: firstOf(records, 'organisation'),
    title: firstOf(records, 'title'),
    country: firstOf(records, 'country'),
  }));
  const records = bundle.records.map((record) => {
    const key = recordKey(record.source, record.externalId);
    return {
      key,
      stakeholder: stakeholderOf.get(key),
      source: record.source,
      externalId: record.externalId,
      name: record.name,
      email: record.email ?? null,
      emailKey: recordEmailKey(record) ?? null,
      domainKey: recordDomainKey(record) ?? null,
      matchedOn: matchedOn.get(key) ?? 'FIRST',
    };
  });

  const sourceOfRecord = new Map(bundle.records.map((r) => [recordKey(r.source, r.externalId), r.source]));
  const roleFacts = new Map<string, Record<string, unknown>>();
  for (const role of bundle.roles) {
    const id = stakeholderOf.get(role.stakeholder);
    if (id === undefined) continue;
    const factId = `${id}|${role.role}`;
    // Two merged records may both state a role: the first stated fact wins field by field.
    const previous = roleFacts.get(factId);
    const fact = {
      id: factId,
      stakeholder: id,
      role: role.role,
      since: role.since ?? null,
      until: role.until ?? null,
      source: role.source ?? sourceOfRecord.get(role.stakeholder) ?? null,
      value: role.value ?? null,
      tier: role.tier ?? null,
    };
    if (!previous) roleFacts.set(factId, fact);
    else for (const [k, v] of Object.entries(fact)) if (previous[k] === null) previous[k] = v;
  }

  const memberships = new Map<string, Record<string, unknown>>();
  for (const m of bundle.memberships) {
    const id = stakeholderOf.get(m.stakeholder);
    if (id === undefined) continue;
    const key = `${id}|${m.community}`;
    const previous = memberships.get(key);
    if (!previous || (previous.strength as number) < m.strength) {
      memberships.set(key, { stakeholder: id, community: m.community, strength: m.strength, since: m.since ?? null });
    }
  }

  const tiesByType = new Map<TieTypeName, Map<string, Record<string, unknown>>>();
  let tieCount = 0;
  for (const [index, tie] of bundle.ties.entries()) {
    const a = stakeholderOf.get(tie.from);
    const b = stakeholderOf.get(tie.to);
    if (a === undefined || b === undefined) continue;
    if (a === b) {
      warnings.push({
        file: 'ties',
        row: index + 1,
        message: `tie ${tie.from} → ${tie.to} joins two records of the same stakeholder '${a}' and was dropped`,
      });
      continue;
    }
    let byKey = tiesByType.get(tie.type);
    if (!byKey) tiesByType.set(tie.type, (byKey = new Map()));
    const key = `${a}\u0000${b}`;
    const previous = byKey.get(key);
    if (!previous) {
      byKey.set(key, { a, b, type: tie.type, weight: tie.weight, since: tie.since ?? null });
      tieCount += 1;
    } else if ((previous.weight as number) < tie.weight) {
      // Records merged into one stakeholder may repeat a tie: keep the strongest.
      previous.weight = tie.weight;
      previous.since = tie.since ?? previous.since;
    }
  }

  return {
    stakeholders,
    records,
    roles: [...roleFacts.values()],
    communities: bundle.communities.map((c) => ({
      id: c.id,
      name: c.name,
      category: c.category ?? null,
      description: c.description ?? null,
    })),
    memberships: [...memberships.values()],
    tiesByType: new Map([...tiesByType].map(([type, byKey]) => [type, [...byKey.values()]])),
    touched: [...recordsOf.keys()],
    tieCount,
  };
}

/**
 * The plan split by what existed before: `fresh` stakeholders (absent from the database) are
 * created whole; ties touching one of them cannot exist yet and are created; everything else merges.
 */
export function splitPlan(plan: WritePlan, fresh: ReadonlySet<string>): ImportWritePlan {
  const group = (rows: Record<string, unknown>[]): Map<string, Record<string, unknown>[]> => {
    const by = new Map<string, Record<string, unknown>[]>();
    for (const row of rows) {
      const id = row.stakeholder as string;
      if (!fresh.has(id)) continue;
      const list = by.get(id);
      if (list) list.push(row);
      else by.set(id, [row]);
    }
    return by;
  };
  const recordsOf = group(plan.records);
  const rolesOf = group(plan.roles);
  const degree = new Map<string, number>();
  const newTies: Record<string, unknown>[] = [];
  const oldTiesByType = new Map<TieTypeName, Record<string, unknown>[]>();
  const endpoints = new Set<string>();
  for (const [type, rows] of plan.tiesByType) {
    if (!(TIE_TYPES as readonly string[]).includes(type)) throw new Error(`unknown tie type '${type}'`);
    const old: Record<string, unknown>[] = [];
    for (const row of rows) {
      const a = row.a as string;
      const b = row.b as string;
      // Rows carry their type (planWrites); only endpoints that existed before need their degree refreshed.
      const aNew = fresh.has(a);
      const bNew = fresh.has(b);
      if (aNew) degree.set(a, (degree.get(a) ?? 0) + 1);
      else endpoints.add(a);
      if (bNew) degree.set(b, (degree.get(b) ?? 0) + 1);
      else endpoints.add(b);
      if (aNew || bNew) newTies.push(row);
      else old.push(row);
    }
    if (old.length > 0) oldTiesByType.set(type, old);
  }

  const newStakeholders: Record<string, unknown>[] = [];
  const oldStakeholders: Record<string, unknown>[] = [];
  let newStakeholderRows = 0;
  for (const row of plan.stakeholders) {
    const id = row.id as string;
    if (!fresh.has(id)) {
      oldStakeholders.push(row);
      continue;
    }
    const records = recordsOf.get(id) ?? [];
    const roleFacts = rolesOf.get(id) ?? [];
    // As REFRESH_ROLES would set them: roles in the fixed order, their key, their labels.
    const held = new Set(roleFacts.map((f) => f.role as RoleName));
    const roles = ROLES.filter((role) => held.has(role));
    newStakeholders.push({
      ...row,
      degree: degree.get(id) ?? 0,
      roles,
      rolesKey: roles.join('|'),
      labels: roles.map((role) => ROLE_LABEL[role]),
      records,
      roleFacts,
    });
    newStakeholderRows += 1 + records.length + roleFacts.length;
  }
  const isOld = (row: Record<string, unknown>): boolean => !fresh.has(row.stakeholder as string);
  const oldRecords = plan.records.filter(isOld);
  const oldRoles = plan.roles.filter(isOld);
  const refreshRoles = plan.touched.filter((id) => !fresh.has(id));
  const refreshDegree = [...new Set([...refreshRoles, ...endpoints])].filter((id) => !fresh.has(id));
  return {
    newStakeholders,
    newStakeholderRows,
    oldStakeholders,
    oldRecords,
    oldRoles,
    communities: plan.communities,
    newMemberships: plan.memberships.filter((m) => !isOld(m)),
    oldMemberships: plan.memberships.filter(isOld),
    newTies,
    oldTiesByType,
    refreshRoles,
    refreshDegree,
    // Filled by the import once it knows which interaction ids are stored (import-bundle.ts).
    newInteractions: [],
    oldInteractions: [],
    total:
      plan.stakeholders.length +
      plan.records.length +
      plan.roles.length +
      plan.communities.length +
      plan.memberships.length +
      plan.tieCount,
  };
}
