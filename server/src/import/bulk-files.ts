// Writes an import's plan as the header-annotated CSV files of Neo4j's offline importer
// (`neo4j-admin database import full`), streamed to disk a chunk at a time. Every stakeholder is new
// (the bulk path loads an empty store), so the plan carries the derived fields the online path writes:
// degree, roles, rolesKey and the role labels. See docs/decisions/075-offline-bulk-import.md.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import type { ImportWritePlan } from '../store/imports.js';

/** Separates the values of array properties (roles) and of the :LABEL column. */
export const ARRAY_DELIMITER = ';';

export interface BulkFiles {
  /** Node files, each with its own header and :LABEL column. */
  nodes: string[];
  /** Relationship files, each with its own header and :TYPE column. */
  relationships: string[];
  /** Files whose quoted values may hold line breaks (community descriptions). */
  multiline: string[];
  /** Rows written: nodes and relationships. */
  nodeCount: number;
  relationshipCount: number;
}

type Cell = string | number | null | undefined;

/** A quoted string ("" inside), a plain number, or an empty field (no property). */
function cell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  return `"${value.replaceAll('"', '""')}"`;
}

/** An array value; an empty array is written as an empty field and set afterwards (see finishBulkLoad). */
const arrayCell = (values: readonly string[]): string => (values.length === 0 ? '' : cell(values.join(ARRAY_DELIMITER)));

const CHUNK_CHARS = 1 << 20;

/** One CSV file written through a stream, in chunks of about 1 MB, waiting when the disk falls behind. */
class CsvFile {
  private readonly stream;
  private chunk = '';
  rows = 0;

  constructor(
    readonly path: string,
    header: string[],
  ) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.chunk = header.join(',') + '\n';
  }

  async row(cells: string[]): Promise<void> {
    this.chunk += cells.join(',') + '\n';
    this.rows += 1;
    if (this.chunk.length >= CHUNK_CHARS) await this.flush();
  }

  private async flush(): Promise<void> {
    const text = this.chunk;
    this.chunk = '';
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

/**
 * Writes the CSV files of a plan in which every stakeholder is new (`splitPlan` with every id fresh)
 * into `dir`. `now` is the import time written as createdAt, updatedAt and importedAt.
 */
export async function writeBulkFiles(plan: ImportWritePlan, dir: string, now: Date): Promise<BulkFiles> {
  if (plan.oldStakeholders.length + plan.oldRecords.length + plan.oldRoles.length + plan.oldMemberships.length > 0) {
    throw new Error('the bulk path writes new stakeholders only (the store must be empty)');
  }
  if ([...plan.oldTiesByType.values()].some((rows) => rows.length > 0)) {
    throw new Error('the bulk path writes new ties only (the store must be empty)');
  }
  const at = cell(now.toISOString());
  const stakeholders = new CsvFile(join(dir, 'stakeholders.csv'), [
    'id:ID(Stakeholder)',
    'kind',
    'name',
    'email',
    'organisation',
    'title',
    'country',
    'degree:long',
    'roles:string[]',
    'rolesKey',
    'createdAt:datetime',
    'updatedAt:datetime',
    ':LABEL',
  ]);
  const records = new CsvFile(join(dir, 'records.csv'), [
    'key:ID(SourceRecord)',
    'source',
    'externalId',
    'name',
    'email',
    'emailKey',
    'domainKey',
    'matchedOn',
    'importedAt:datetime',
    ':LABEL',
  ]);
  const roleFacts = new CsvFile(join(dir, 'role-facts.csv'), [
    'id:ID(RoleFact)',
    'role',
    'since:date',
    'until:date',
    'source',
    'value:double',
    'tier',
    ':LABEL',
  ]);
  const communities = new CsvFile(join(dir, 'communities.csv'), [
    'id:ID(Community)',
    'kind',
    'name',
    'category',
    'description',
    ':LABEL',
  ]);
  const hasRecord = new CsvFile(join(dir, 'has-record.csv'), [':START_ID(Stakeholder)', ':END_ID(SourceRecord)', ':TYPE']);
  const hasRole = new CsvFile(join(dir, 'has-role.csv'), [':START_ID(Stakeholder)', ':END_ID(RoleFact)', ':TYPE']);
  const memberships = new CsvFile(join(dir, 'memberships.csv'), [
    ':START_ID(Stakeholder)',
    ':END_ID(Community)',
    'strength:double',
    'since:date',
    ':TYPE',
  ]);
  const ties = new CsvFile(join(dir, 'ties.csv'), [
    ':START_ID(Stakeholder)',
    ':END_ID(Stakeholder)',
    'weight:double',
    'since:date',
    ':TYPE',
  ]);
  const files = [stakeholders, records, roleFacts, communities, hasRecord, hasRole, memberships, ties];
  try {
    for (const s of plan.newStakeholders) {
      const id = cell(s.id as string);
      await stakeholders.row([
        id,
        cell(s.kind as Cell),
        cell(s.name as Cell),
        cell(s.email as Cell),
        cell(s.organisation as Cell),
        cell(s.title as Cell),
        cell(s.country as Cell),
        cell(s.degree as number),
        arrayCell(s.roles as string[]),
        cell(s.rolesKey as string),
        at,
        at,
        cell(['Stakeholder', ...(s.labels as string[])].join(ARRAY_DELIMITER)),
      ]);
      for (const r of s.records as Record<string, Cell>[]) {
        const key = cell(r.key);
        await records.row([
          key,
          cell(r.source),
          cell(r.externalId),
          cell(r.name),
          cell(r.email),
          cell(r.emailKey),
          cell(r.domainKey),
          cell(r.matchedOn),
          at,
          '"SourceRecord"',
        ]);
        await hasRecord.row([id, key, '"HAS_RECORD"']);
      }
      for (const f of s.roleFacts as Record<string, Cell>[]) {
        const factId = cell(f.id);
        await roleFacts.row([
          factId,
          cell(f.role),
          cell(f.since),
          cell(f.until),
          cell(f.source),
          cell(f.value),
          cell(f.tier),
          '"RoleFact"',
        ]);
        await hasRole.row([id, factId, '"HAS_ROLE"']);
      }
    }
    for (const c of plan.communities as Record<string, Cell>[]) {
      await communities.row([cell(c.id), '"DECLARED"', cell(c.name), cell(c.category), cell(c.description), '"Community"']);
    }
    for (const m of plan.newMemberships as Record<string, Cell>[]) {
      await memberships.row([cell(m.stakeholder), cell(m.community), cell(m.strength), cell(m.since), '"MEMBER_OF"']);
    }
    // The type comes from the TIE_TYPES allow-list (splitPlan checked every one).
    for (const t of plan.newTies as Record<string, Cell>[]) {
      await ties.row([cell(t.a), cell(t.b), cell(t.weight), cell(t.since), cell(t.type)]);
    }
  } finally {
    await Promise.all(files.map((file) => file.close()));
  }
  const nodes = [stakeholders, records, roleFacts, communities];
  const relationships = [hasRecord, hasRole, memberships, ties];
  return {
    nodes: nodes.map((f) => f.path),
    relationships: relationships.map((f) => f.path),
    multiline: [communities.path],
    nodeCount: nodes.reduce((n, f) => n + f.rows, 0),
    relationshipCount: relationships.reduce((n, f) => n + f.rows, 0),
  };
}
