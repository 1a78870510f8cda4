// Writes a validated import into Neo4j: resolves identities against what is stored, then upserts
// stakeholders, source records, roles, communities, memberships and ties in UNWIND batches.
// Bundles up to ATOMIC_LIMIT rows are written in one transaction (all or nothing); larger ones
// commit batch by batch after full validation (see docs/decisions/004-import-pipeline.md).
// Fast path: stakeholders that did not exist before the import are CREATEd with their records,
// role facts, role labels and degree in one statement, and every tie touching one of them is
// CREATEd (a node that did not exist has no tie to merge with); the rest goes through MERGE.
import type { ManagedTransaction } from 'neo4j-driver';
import { execute, writeTransaction, type Database } from '../db/database.js';
import { ROLES, ROLE_LABEL, TIE_TYPES, type RoleName, type TieTypeName } from '../domain/vocabulary.js';
import { REFRESH_DEGREE, REFRESH_ROLES } from '../schema/stakeholders/stakeholders.cypher.js';
import { normaliseDomain, normaliseEmail, resolveIdentities, type ExistingIdentities, type Merge } from './identity.js';
import type { ImportProblem, ParseResult, SourceRecordRow } from './types.js';
import { recordKey } from './types.js';

export const ATOMIC_LIMIT = 50_000;
const BATCH_SIZE = 10_000;
// Batch by batch imports run the create-only phases in two transactions side by side, so that Neo4j
// works on both cores while the other batch is in flight; CREATE batches touch disjoint new
// entities and never deadlock (measured: 0 retries over 200,000 random ties).
const CREATE_LANES = 2;

export interface ImportProgress {
  phase: string;
  done: number;
  total: number;
  rowsPerSecond: number;
}

export interface ImportOptions {
  dryRun?: boolean;
  onProgress?: (progress: ImportProgress) => void;
  batchSize?: number;
  /** Transactions side by side for the create-only phases of a batch-by-batch import (default 2). */
  lanes?: number;
}

export interface ImportCounts {
  stakeholders: number;
  records: number;
  roles: number;
  ties: number;
  communities: number;
  memberships: number;
}

export interface ImportReport {
  ok: boolean;
  dryRun: boolean;
  errors: ImportProblem[];
  warnings: ImportProblem[];
  merges: Merge[];
  counts: ImportCounts;
  created: number;
  updated: number;
  durationMs: number;
}

const EMPTY_COUNTS: ImportCounts = { stakeholders: 0, records: 0, roles: 0, ties: 0, communities: 0, memberships: 0 };

const recordEmailKey = (record: SourceRecordRow): string | undefined => (record.email ? normaliseEmail(record.email) : undefined);
const recordDomainKey = (record: SourceRecordRow): string | undefined =>
  record.kind !== 'ORGANISATION'
    ? undefined
    : record.domain
      ? normaliseDomain(record.domain)
      : record.email
        ? normaliseDomain(record.email)
        : undefined;

async function loadExistingIdentities(db: Database, records: SourceRecordRow[]): Promise<ExistingIdentities> {
  const keys = records.map((r) => recordKey(r.source, r.externalId));
  const emails = [...new Set(records.map(recordEmailKey).filter((e): e is string => e !== undefined))];
  const domains = [...new Set(records.map(recordDomainKey).filter((d): d is string => d !== undefined))];
  const lookup = async (property: string, values: string[]): Promise<Map<string, string>> => {
    const found = new Map<string, string>();
    for (let i = 0; i < values.length; i += 20_000) {
      // property comes from the fixed list below, never from input.
      const rows = await execute<{ value: string; id: string }>(
        db,
        `UNWIND $values AS value
         MATCH (r:SourceRecord {${property}: value})<-[:HAS_RECORD]-(s:Stakeholder)
         WITH value, min(s.id) AS id RETURN value, id`,
        { values: values.slice(i, i + 20_000) },
      );
      for (const row of rows) found.set(row.value, row.id);
    }
    return found;
  };
  return {
    byKey: await lookup('key', keys),
    byEmail: await lookup('emailKey', emails),
    byDomain: await lookup('domainKey', domains),
  };
}

/** First non-empty value of a field across a stakeholder's records, in bundle order. */
function firstOf<K extends keyof SourceRecordRow>(records: SourceRecordRow[], field: K): SourceRecordRow[K] | null {
  for (const record of records) {
    const value = record[field];
    if (value !== undefined && value !== '') return value;
  }
  return null;
}

interface WritePlan {
  stakeholders: Record<string, unknown>[];
  records: Record<string, unknown>[];
  roles: Record<string, unknown>[];
  communities: Record<string, unknown>[];
  memberships: Record<string, unknown>[];
  tiesByType: Map<TieTypeName, Record<string, unknown>[]>;
  touched: string[];
  tieCount: number;
}

function planWrites(
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
      byKey.set(key, { a, b, weight: tie.weight, since: tie.since ?? null });
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

const WRITE_STAKEHOLDERS = `
UNWIND $rows AS row
MERGE (s:Stakeholder {id: row.id})
ON CREATE SET s.createdAt = datetime(), s.degree = 0, s.roles = [], s.rolesKey = ''
SET s.kind = row.kind, s.name = row.name,
    s.email = coalesce(row.email, s.email), s.organisation = coalesce(row.organisation, s.organisation),
    s.title = coalesce(row.title, s.title), s.country = coalesce(row.country, s.country),
    s.updatedAt = datetime()`;

const WRITE_RECORDS = `
UNWIND $rows AS row
MATCH (s:Stakeholder {id: row.stakeholder})
MERGE (r:SourceRecord {key: row.key})
ON CREATE SET r.matchedOn = row.matchedOn, r.importedAt = datetime()
SET r.source = row.source, r.externalId = row.externalId, r.name = row.name, r.email = row.email,
    r.emailKey = row.emailKey, r.domainKey = row.domainKey
MERGE (s)-[:HAS_RECORD]->(r)`;

const WRITE_ROLES = `
UNWIND $rows AS row
MATCH (s:Stakeholder {id: row.stakeholder})
MERGE (f:RoleFact {id: row.id})
SET f.role = row.role, f.since = date(row.since), f.until = date(row.until), f.source = row.source,
    f.value = row.value, f.tier = row.tier
MERGE (s)-[:HAS_ROLE]->(f)`;

const WRITE_COMMUNITIES = `
UNWIND $rows AS row
MERGE (c:Community {id: row.id})
SET c.kind = 'DECLARED', c.name = row.name, c.category = row.category, c.description = row.description`;

const WRITE_MEMBERSHIPS = `
UNWIND $rows AS row
MATCH (s:Stakeholder {id: row.stakeholder})
MATCH (c:Community {id: row.community})
MERGE (s)-[m:MEMBER_OF]->(c)
SET m.strength = row.strength, m.since = date(row.since)`;

// The type is interpolated from the TIE_TYPES allow-list only.
const writeTies = (type: TieTypeName): string => `
UNWIND $rows AS row
MATCH (a:Stakeholder {id: row.a})
MATCH (b:Stakeholder {id: row.b})
MERGE (a)-[t:${type}]->(b)
SET t.weight = row.weight, t.since = date(row.since)`;

const CREATE_STAKEHOLDERS = `
UNWIND $rows AS row
CREATE (s:Stakeholder {id: row.id, kind: row.kind, name: row.name, email: row.email, organisation: row.organisation,
  title: row.title, country: row.country, degree: row.degree, roles: row.roles, rolesKey: row.rolesKey,
  createdAt: datetime(), updatedAt: datetime()})
SET s:$(row.labels)
FOREACH (r IN row.records |
  CREATE (s)-[:HAS_RECORD]->(:SourceRecord {key: r.key, source: r.source, externalId: r.externalId, name: r.name,
    email: r.email, emailKey: r.emailKey, domainKey: r.domainKey, matchedOn: r.matchedOn, importedAt: datetime()}))
FOREACH (f IN row.roleFacts |
  CREATE (s)-[:HAS_ROLE]->(:RoleFact {id: f.id, role: f.role, since: date(f.since), until: date(f.until),
    source: f.source, value: f.value, tier: f.tier}))`;

const CREATE_MEMBERSHIPS = `
UNWIND $rows AS row
MATCH (s:Stakeholder {id: row.stakeholder})
MATCH (c:Community {id: row.community})
CREATE (s)-[:MEMBER_OF {strength: row.strength, since: date(row.since)}]->(c)`;

// The type is a parameter (dynamic type), and every row's type was checked against TIE_TYPES.
const CREATE_TIES = `
UNWIND $rows AS row
MATCH (a:Stakeholder {id: row.a})
MATCH (b:Stakeholder {id: row.b})
CREATE (a)-[t:$(row.type) {weight: row.weight, since: date(row.since)}]->(b)`;

/**
 * The plan split by what existed before: `fresh` stakeholders (absent from the database) are
 * created whole; ties touching one of them cannot exist yet and are created; everything else merges.
 */
interface SplitPlan {
  newStakeholders: Record<string, unknown>[];
  newStakeholderRows: number;
  oldStakeholders: Record<string, unknown>[];
  oldRecords: Record<string, unknown>[];
  oldRoles: Record<string, unknown>[];
  communities: Record<string, unknown>[];
  newMemberships: Record<string, unknown>[];
  oldMemberships: Record<string, unknown>[];
  newTies: Record<string, unknown>[];
  oldTiesByType: Map<TieTypeName, Record<string, unknown>[]>;
  refreshRoles: string[];
  refreshDegree: string[];
  total: number;
}

function splitPlan(plan: WritePlan, fresh: ReadonlySet<string>): SplitPlan {
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
      endpoints.add(a).add(b);
      const aNew = fresh.has(a);
      const bNew = fresh.has(b);
      if (aNew) degree.set(a, (degree.get(a) ?? 0) + 1);
      if (bNew) degree.set(b, (degree.get(b) ?? 0) + 1);
      if (aNew || bNew) newTies.push({ ...row, type });
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
    total:
      plan.stakeholders.length +
      plan.records.length +
      plan.roles.length +
      plan.communities.length +
      plan.memberships.length +
      plan.tieCount,
  };
}

/** Stakeholder ids among `ids` that are already stored. */
async function storedStakeholders(db: Database, ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 20_000) {
    const rows = await execute<{ id: string }>(db, 'UNWIND $ids AS sid MATCH (s:Stakeholder {id: sid}) RETURN s.id AS id', {
      ids: ids.slice(i, i + 20_000),
    });
    for (const row of rows) found.add(row.id);
  }
  return found;
}

type RunStatement = (cypher: string, params: Record<string, unknown>) => Promise<void>;

async function writePlan(
  plan: SplitPlan,
  runStatement: RunStatement,
  batchSize: number,
  lanes: number,
  onProgress?: (p: ImportProgress) => void,
): Promise<void> {
  const started = Date.now();
  let done = 0;
  const step = async (
    phase: string,
    cypher: string,
    rows: Record<string, unknown>[],
    options: { weight?: (row: Record<string, unknown>) => number; size?: number; lanes?: number } = {},
  ): Promise<void> => {
    const size = options.size ?? batchSize;
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < rows.length) {
        const batch = rows.slice(next, next + size);
        next += size;
        await runStatement(cypher, { rows: batch });
        done += options.weight ? batch.reduce((n, row) => n + options.weight!(row), 0) : batch.length;
        const seconds = Math.max((Date.now() - started) / 1000, 0.001);
        onProgress?.({ phase, done, total: plan.total, rowsPerSecond: Math.round(done / seconds) });
      }
    };
    await Promise.all(Array.from({ length: options.lanes ?? 1 }, lane));
  };
  const weightOfNew = (row: Record<string, unknown>): number =>
    1 + (row.records as unknown[]).length + (row.roleFacts as unknown[]).length;
  // Nested records and role facts make a row about three entities: smaller batches.
  await step('stakeholders (new)', CREATE_STAKEHOLDERS, plan.newStakeholders, {
    weight: weightOfNew,
    size: Math.ceil(batchSize / 2),
    lanes,
  });
  await step('stakeholders', WRITE_STAKEHOLDERS, plan.oldStakeholders);
  await step('records', WRITE_RECORDS, plan.oldRecords);
  await step('roles', WRITE_ROLES, plan.oldRoles);
  await step('communities', WRITE_COMMUNITIES, plan.communities);
  await step('memberships (new)', CREATE_MEMBERSHIPS, plan.newMemberships);
  await step('memberships', WRITE_MEMBERSHIPS, plan.oldMemberships);
  await step('ties (new)', CREATE_TIES, plan.newTies, { lanes });
  for (const type of TIE_TYPES) await step(`ties ${type}`, writeTies(type), plan.oldTiesByType.get(type) ?? []);
  // Denormalised fields of stakeholders that existed before: role labels and keys, then degrees.
  for (let i = 0; i < plan.refreshRoles.length; i += batchSize) {
    await runStatement(REFRESH_ROLES, { ids: plan.refreshRoles.slice(i, i + batchSize) });
  }
  for (let i = 0; i < plan.refreshDegree.length; i += batchSize) {
    await runStatement(REFRESH_DEGREE, { ids: plan.refreshDegree.slice(i, i + batchSize) });
  }
}

/** Validates (parse errors), resolves identities and, unless dry-run or rejected, writes. */
export async function importParsed(db: Database, parse: ParseResult, options: ImportOptions = {}): Promise<ImportReport> {
  const started = Date.now();
  const dryRun = options.dryRun ?? false;
  const report = (partial: Partial<ImportReport>): ImportReport => ({
    ok: true,
    dryRun,
    errors: [],
    warnings: [...parse.warnings],
    merges: [],
    counts: EMPTY_COUNTS,
    created: 0,
    updated: 0,
    ...partial,
    durationMs: Date.now() - started,
  });
  if (parse.errors.length > 0) return report({ ok: false, errors: parse.errors });

  const existing = await loadExistingIdentities(db, parse.bundle.records);
  const resolution = resolveIdentities(parse.bundle.records, existing);
  const warnings = [...parse.warnings, ...resolution.warnings];
  const plan = planWrites(parse, resolution.stakeholderOf, resolution.matchedOn, warnings);
  const counts: ImportCounts = {
    stakeholders: plan.stakeholders.length,
    records: plan.records.length,
    roles: plan.roles.length,
    ties: plan.tieCount,
    communities: plan.communities.length,
    memberships: plan.memberships.length,
  };
  if (dryRun) return report({ warnings, merges: resolution.merges, counts });

  const batchSize = options.batchSize ?? BATCH_SIZE;
  const totalRows = counts.stakeholders + counts.records + counts.roles + counts.ties + counts.communities + counts.memberships;
  const stored = await storedStakeholders(db, resolution.created);
  const split = splitPlan(plan, new Set(resolution.created.filter((id) => !stored.has(id))));
  if (totalRows <= ATOMIC_LIMIT) {
    await writeTransaction(db, async (tx: ManagedTransaction) => {
      const run: RunStatement = async (cypher, params) => void (await tx.run(cypher, params));
      await writePlan(split, run, batchSize, 1, options.onProgress);
    });
  } else {
    const run: RunStatement = async (cypher, params) => void (await execute(db, cypher, params, { mode: 'WRITE' }));
    await writePlan(split, run, batchSize, options.lanes ?? CREATE_LANES, options.onProgress);
  }
  return report({
    warnings,
    merges: resolution.merges,
    counts,
    created: resolution.created.length,
    updated: resolution.updated.length,
  });
}
