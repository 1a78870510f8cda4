// Every statement of an import: identity lookups, and the write plan's batches (created whole for new
// stakeholders and the ties touching them, merged for the rest), atomic or batch by batch.
import { execute, int, type Database } from '../db/database.js';
import { bumpDataVersionAlone, writeData } from './data-version.js';
import { TIE_TYPES, type TieTypeName } from '../domain/vocabulary.js';
import { inBatches } from './batches.js';
import { REFRESH_DEGREE, REFRESH_ROLES } from './fragments.js';

/** Identities already stored: record key, normalised e-mail and normalised domain → stakeholder id. */
export interface StoredIdentities {
  byKey: Map<string, string>;
  byEmail: Map<string, string>;
  byDomain: Map<string, string>;
}

/** Looks up which stakeholders hold records with these keys, e-mails or (organisation) domains. */
export async function findStoredIdentities(
  db: Database,
  { keys, emails, domains }: { keys: string[]; emails: string[]; domains: string[] },
): Promise<StoredIdentities> {
  const lookup = async (property: 'key' | 'emailKey' | 'domainKey', values: string[]): Promise<Map<string, string>> => {
    const found = new Map<string, string>();
    for (let i = 0; i < values.length; i += LOOKUP_BATCH) {
      // property comes from the fixed union above, never from input.
      const rows = await execute<{ value: string; id: string }>(
        db,
        `UNWIND $values AS value
         MATCH (r:SourceRecord {${property}: value})<-[:HAS_RECORD]-(s:Stakeholder)
         WITH value, min(s.id) AS id RETURN value, id`,
        { values: values.slice(i, i + LOOKUP_BATCH) },
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

const LOOKUP_BATCH = 20_000;

/** Stakeholder ids among `ids` that are already stored. */
export async function storedStakeholders(db: Database, ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += LOOKUP_BATCH) {
    const rows = await execute<{ id: string }>(db, 'UNWIND $ids AS sid MATCH (s:Stakeholder {id: sid}) RETURN s.id AS id', {
      ids: ids.slice(i, i + LOOKUP_BATCH),
    });
    for (const row of rows) found.add(row.id);
  }
  return found;
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
  title: row.title, country: row.country, degree: toInteger(row.degree), roles: row.roles, rolesKey: row.rolesKey,
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

/** Interaction ids among `ids` that are already stored. */
export async function storedInteractions(db: Database, ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += LOOKUP_BATCH) {
    const rows = await execute<{ id: string }>(db, 'UNWIND $ids AS iid MATCH (i:Interaction {id: iid}) RETURN i.id AS id', {
      ids: ids.slice(i, i + LOOKUP_BATCH),
    });
    for (const row of rows) found.add(row.id);
  }
  return found;
}

/** One imported interaction, its people resolved to stakeholder ids (the owner and the initiator among them). */
export interface InteractionWriteRow {
  id: string;
  /** Epoch milliseconds. */
  at: number;
  channel: string;
  sentiment: number | null;
  summary: string | null;
  people: string[];
  owner: string | null;
  initiator: string | null;
}

// As logInteraction writes them (store/interactions.ts), without loggedBy: an imported interaction was not logged.
const INTERACTION_LINKS = `
WITH i, row
UNWIND row.people AS pid
MATCH (p:Stakeholder {id: pid})
CREATE (i)-[:WITH {initiator: coalesce(pid = row.initiator, false), owner: coalesce(pid = row.owner, false)}]->(p)`;

const CREATE_INTERACTIONS = `
UNWIND $rows AS row
CREATE (i:Interaction {id: row.id, at: datetime({epochMillis: toInteger(row.at)}), channel: row.channel, sentiment: row.sentiment,
  summary: row.summary, participants: size(row.people), importedAt: datetime()})
${INTERACTION_LINKS}`;

// Importing an interaction again replaces it, its people included.
const REPLACE_INTERACTIONS = `
UNWIND $rows AS row
MATCH (i:Interaction {id: row.id})
SET i.at = datetime({epochMillis: toInteger(row.at)}), i.channel = row.channel, i.sentiment = row.sentiment, i.summary = row.summary,
    i.participants = size(row.people), i.importedAt = datetime()
WITH i, row
CALL (i) { MATCH (i)-[w:WITH]->() DELETE w }
${INTERACTION_LINKS}`;

/**
 * The plan split by what existed before: `fresh` stakeholders (absent from the database) are
 * created whole; ties touching one of them cannot exist yet and are created; everything else merges.
 */
export interface ImportWritePlan {
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
  /** Interactions whose id is new, and those imported again (replaced). */
  newInteractions: InteractionWriteRow[];
  oldInteractions: InteractionWriteRow[];
  total: number;
}

export interface ImportWriteProgress {
  phase: string;
  done: number;
  total: number;
  rowsPerSecond: number;
}

export interface ImportWriteOptions {
  batchSize: number;
  /** Transactions side by side for the create-only phases (batch by batch only). */
  lanes: number;
  /** One transaction for the whole plan (all or nothing), or one per batch. */
  atomic: boolean;
  onProgress?: (progress: ImportWriteProgress) => void;
  /**
   * Called before every batch and once after the last; throws to stop the import there (a cancel).
   * `undoable` says whether what is written so far and by the coming batch can still be undone: always
   * inside the one atomic transaction (until its commit, announced by a last call with false); batch by
   * batch only while the import creates what did not exist before (see undoCreated).
   */
  checkpoint?: (undoable: boolean) => void;
  /** Batch by batch: none of the plan's communities existed before (creating them can be undone). */
  communitiesAreNew?: boolean;
}

/** Writes the plan: in one transaction when atomic, else batch by batch with `lanes` create transactions in flight. */
export async function writeImportPlan(db: Database, plan: ImportWritePlan, options: ImportWriteOptions): Promise<void> {
  const checkpoint = options.checkpoint ?? ((): void => undefined);
  if (options.atomic) {
    await writeData(db, async (tx) => {
      const run: RunStatement = async (cypher, params) => void (await tx.run(cypher, params));
      // One transaction: stopping anywhere before the commit rolls everything back.
      await writePlan(plan, run, options.batchSize, 1, false, options.onProgress, () => checkpoint(true));
      checkpoint(false);
    });
  } else {
    const run: RunStatement = async (cypher, params) => void (await execute(db, cypher, params, { mode: 'WRITE' }));
    const undoable = (phase: string): boolean =>
      CREATE_PHASES.has(phase) || (phase === 'communities' && options.communitiesAreNew === true);
    try {
      await writePlan(plan, run, options.batchSize, options.lanes, true, options.onProgress, (phase) =>
        checkpoint(undoable(phase)),
      );
      checkpoint(false);
    } finally {
      // Batches in parallel lanes would all queue on the version's lock: one bump after the last
      // (also after a failure: the batches already committed are data too).
      await bumpDataVersionAlone(db);
    }
  }
}

type RunStatement = (cypher: string, params: Record<string, unknown>) => Promise<void>;

// Phases that only create what did not exist before: a cancelled import batch by batch deletes it again (undoCreated).
// The degree refresh is a recount, done again by the undo.
const CREATE_PHASES = new Set(['stakeholders (new)', 'memberships (new)', 'ties (new)', 'interactions (new)', 'degrees']);

async function writePlan(
  plan: ImportWritePlan,
  runStatement: RunStatement,
  batchSize: number,
  lanes: number,
  /** Each batch is a transaction of its own: a deadlock's victim can be written again (decision 110). */
  ownTransactions: boolean,
  onProgress: ((p: ImportWriteProgress) => void) | undefined,
  beforeBatch: (phase: string) => void,
): Promise<void> {
  const started = Date.now();
  let done = 0;
  const step = async (
    phase: string,
    cypher: string,
    rows: Record<string, unknown>[],
    options: { weight?: (row: Record<string, unknown>) => number; size?: number; lanes?: number } = {},
  ): Promise<void> => {
    await inBatches(
      rows,
      async (batch) => {
        beforeBatch(phase);
        await runStatement(cypher, { rows: batch });
        done += options.weight ? batch.reduce((n, row) => n + options.weight!(row), 0) : batch.length;
        const seconds = Math.max((Date.now() - started) / 1000, 0.001);
        onProgress?.({ phase, done, total: plan.total, rowsPerSecond: Math.round(done / seconds) });
      },
      {
        size: options.size ?? batchSize,
        lanes: options.lanes ?? 1,
        retryDeadlocks: ownTransactions ? `import, ${phase}` : undefined,
      },
    );
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
    beforeBatch('roles (refresh)');
    await runStatement(REFRESH_ROLES, { ids: plan.refreshRoles.slice(i, i + batchSize) });
  }
  for (let i = 0; i < plan.refreshDegree.length; i += batchSize) {
    beforeBatch('degrees');
    await runStatement(REFRESH_DEGREE, { ids: plan.refreshDegree.slice(i, i + batchSize) });
  }
  // Interactions last: every stakeholder they name exists by now. One lane: batches share stakeholders.
  const weightOfInteraction = (row: Record<string, unknown>): number => 1 + (row.people as unknown[]).length;
  const interactionBatch = Math.ceil(batchSize / 2);
  const asRows = (rows: InteractionWriteRow[]): Record<string, unknown>[] => rows as unknown as Record<string, unknown>[];
  await step('interactions (new)', CREATE_INTERACTIONS, asRows(plan.newInteractions), {
    weight: weightOfInteraction,
    size: interactionBatch,
  });
  await step('interactions', REPLACE_INTERACTIONS, asRows(plan.oldInteractions), {
    weight: weightOfInteraction,
    size: interactionBatch,
  });
}

/** Community ids among `ids` that are already stored. */
export async function storedCommunities(db: Database, ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += LOOKUP_BATCH) {
    const rows = await execute<{ id: string }>(db, 'UNWIND $ids AS cid MATCH (c:Community {id: cid}) RETURN c.id AS id', {
      ids: ids.slice(i, i + LOOKUP_BATCH),
    });
    for (const row of rows) found.add(row.id);
  }
  return found;
}

/** What a cancelled import batch by batch had created, and the stakeholders that existed before whose degree it changed. */
export interface CreatedByImport {
  stakeholders: string[];
  interactions: string[];
  communities: string[];
  refreshDegree: string[];
}

// A new stakeholder goes with its records and role facts; DETACH takes its ties, memberships and interaction links.
const DELETE_NEW_STAKEHOLDERS = `
UNWIND $ids AS sid
MATCH (s:Stakeholder {id: sid})
CALL (s) { MATCH (s)-[:HAS_RECORD|HAS_ROLE]->(x) DETACH DELETE x }
DETACH DELETE s`;

const DELETE_NEW_INTERACTIONS = `
UNWIND $ids AS iid
MATCH (i:Interaction {id: iid})
DETACH DELETE i`;

const DELETE_NEW_COMMUNITIES = `
UNWIND $ids AS cid
MATCH (c:Community {id: cid})
DETACH DELETE c`;

/**
 * Undoes the create-only phases of an import written batch by batch (docs/decisions/106-import-jobs.md):
 * deletes what it created, in bounded transactions, then counts the degrees of the stakeholders that
 * existed before again. Only valid while the import changed nothing that existed before (the checkpoint's rule).
 */
export async function undoCreated(db: Database, created: CreatedByImport, batchSize = 5_000): Promise<void> {
  const each = async (cypher: string, ids: string[]): Promise<void> => {
    for (let i = 0; i < ids.length; i += batchSize) {
      await execute(db, cypher, { ids: ids.slice(i, i + batchSize) }, { mode: 'WRITE' });
    }
  };
  try {
    await each(DELETE_NEW_INTERACTIONS, created.interactions);
    await each(DELETE_NEW_STAKEHOLDERS, created.stakeholders);
    await each(DELETE_NEW_COMMUNITIES, created.communities);
    await each(REFRESH_DEGREE, created.refreshDegree);
  } finally {
    await bumpDataVersionAlone(db);
  }
}

/** Whether the database holds no node at all (not even users or audit events): the offline bulk path's condition. */
export async function holdsNothing(db: Database): Promise<{ empty: boolean; nodes: number }> {
  const rows = await execute<{ n: number }>(db, 'MATCH (n) RETURN count(n) AS n');
  const nodes = rows[0]?.n ?? 0;
  return { empty: nodes === 0, nodes };
}

const SET_EMPTY_ROLES = `
MATCH (s:Stakeholder) WHERE s.roles IS NULL
WITH s LIMIT $limit
SET s.roles = []
RETURN count(s) AS n`;

/**
 * What the offline importer cannot write: an empty list property (a CSV field holds no empty array),
 * set here on stakeholders without roles, in bounded transactions, as the online path stores them.
 */
export async function finishBulkLoad(db: Database, batchSize = 10_000): Promise<void> {
  for (;;) {
    const rows = await execute<{ n: number }>(db, SET_EMPTY_ROLES, { limit: int(batchSize) }, { mode: 'WRITE' });
    if ((rows[0]?.n ?? 0) < batchSize) return;
  }
}
