// Writes a validated import into Neo4j: resolves identities against what is stored, then upserts
// stakeholders, source records, roles, communities, memberships and ties in UNWIND batches.
// Bundles up to ATOMIC_LIMIT rows are written in one transaction (all or nothing); larger ones
// commit batch by batch after full validation (see docs/decisions/004-import-pipeline.md).
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { execute, type Database } from '../db/database.js';
import { TIE_TYPES, type TieTypeName } from '../domain/vocabulary.js';
import { REFRESH_DEGREE, REFRESH_ROLES } from '../schema/stakeholders/stakeholders.cypher.js';
import { normaliseDomain, normaliseEmail, resolveIdentities, type ExistingIdentities, type Merge } from './identity.js';
import type { ImportProblem, ParseResult, SourceRecordRow } from './types.js';
import { recordKey } from './types.js';

export const ATOMIC_LIMIT = 50_000;
const BATCH_SIZE = 10_000;

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

const recordEmailKey = (record: SourceRecordRow): string | undefined =>
  record.email ? normaliseEmail(record.email) : undefined;
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
  return { byKey: await lookup('key', keys), byEmail: await lookup('emailKey', emails), byDomain: await lookup('domainKey', domains) };
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

function planWrites(parse: ParseResult, stakeholderOf: Map<string, string>, matchedOn: Map<string, string>, warnings: ImportProblem[]): WritePlan {
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

type RunStatement = (cypher: string, params: Record<string, unknown>) => Promise<void>;

async function writePlan(plan: WritePlan, runStatement: RunStatement, batchSize: number, onProgress?: (p: ImportProgress) => void): Promise<void> {
  const started = Date.now();
  const total =
    plan.stakeholders.length + plan.records.length + plan.roles.length + plan.communities.length + plan.memberships.length + plan.tieCount;
  let done = 0;
  const step = async (phase: string, cypher: string, rows: Record<string, unknown>[], param = 'rows'): Promise<void> => {
    for (let i = 0; i < rows.length; i += batchSize) {
      const batch = rows.slice(i, i + batchSize);
      await runStatement(cypher, { [param]: batch });
      done += batch.length;
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      onProgress?.({ phase, done, total, rowsPerSecond: Math.round(done / seconds) });
    }
  };
  await step('stakeholders', WRITE_STAKEHOLDERS, plan.stakeholders);
  await step('records', WRITE_RECORDS, plan.records);
  await step('roles', WRITE_ROLES, plan.roles);
  await step('communities', WRITE_COMMUNITIES, plan.communities);
  await step('memberships', WRITE_MEMBERSHIPS, plan.memberships);
  for (const type of TIE_TYPES) await step(`ties ${type}`, writeTies(type), plan.tiesByType.get(type) ?? []);
  // Denormalised fields last: role labels and combination keys, then tie degrees.
  for (let i = 0; i < plan.touched.length; i += batchSize) {
    const ids = plan.touched.slice(i, i + batchSize);
    await runStatement(REFRESH_ROLES, { ids });
  }
  const degreeIds = new Set(plan.touched);
  for (const rows of plan.tiesByType.values()) for (const row of rows) degreeIds.add(row.b as string);
  const allDegreeIds = [...degreeIds];
  for (let i = 0; i < allDegreeIds.length; i += batchSize) {
    await runStatement(REFRESH_DEGREE, { ids: allDegreeIds.slice(i, i + batchSize) });
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
  if (totalRows <= ATOMIC_LIMIT) {
    const session = db.driver.session({ database: db.name, defaultAccessMode: neo4j.session.WRITE });
    try {
      await session.executeWrite(async (tx: ManagedTransaction) => {
        await writePlan(plan, async (cypher, params) => void (await tx.run(cypher, params)), batchSize, options.onProgress);
      });
    } finally {
      await session.close();
    }
  } else {
    await writePlan(
      plan,
      async (cypher, params) => void (await execute(db, cypher, params, { mode: 'WRITE' })),
      batchSize,
      options.onProgress,
    );
  }
  return report({
    warnings,
    merges: resolution.merges,
    counts,
    created: resolution.created.length,
    updated: resolution.updated.length,
  });
}
