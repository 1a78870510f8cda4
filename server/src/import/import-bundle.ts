// Imports a parsed bundle: resolves identities against what is stored, plans the writes and has the
// store write them. Bundles up to ATOMIC_LIMIT rows are written in one transaction (all or nothing);
// larger ones commit batch by batch after full validation (see docs/decisions/004-import-pipeline.md).
// Fast path: stakeholders that did not exist before the import are CREATEd with their records,
// role facts, role labels and degree in one statement, and every tie touching one of them is
// CREATEd (a node that did not exist has no tie to merge with); the rest goes through MERGE.
// Interactions come last, their people resolved by the identity rules (interaction-plan.ts); the strength of
// every relationship is then recomputed (store/relationship-recompute.ts), after the import's own transactions.
// An import job may stop it at a batch boundary (ImportControl): the one transaction rolls back, or, batch by batch,
// what the committed batches created is deleted again (docs/decisions/106-import-jobs.md).
import type { Database } from '../db/database.js';
import {
  findStoredIdentities,
  storedCommunities,
  storedInteractions,
  storedStakeholders,
  undoCreated,
  writeImportPlan,
  type ImportWriteProgress,
} from '../store/imports.js';
import { recomputeAllRelationships } from '../store/relationship-recompute.js';
import {
  interactionPeople,
  planInteractions,
  storedReferences,
  type InteractionPlan,
  type StoredPeople,
} from './interaction-plan.js';
import { findSuppressed } from '../store/suppressions.js';
import { resolveIdentities, type ExistingIdentities, type Merge, type Resolution } from './identity.js';
import { withoutSuppressed, type Suppressed } from './suppression.js';
import type { ImportProblem, ParseResult } from './types.js';
import { recordKey } from './types.js';
import { planWrites, recordDomainKey, recordEmailKey, splitPlan, type WritePlan } from './write-plan.js';

export const ATOMIC_LIMIT = 50_000;
const BATCH_SIZE = 10_000;
// Batch by batch imports run the create-only phases in two transactions side by side, so that Neo4j
// works on both cores while the other batch is in flight; CREATE batches touch disjoint new
// entities and never deadlock (measured: 0 retries over 200,000 random ties).
const CREATE_LANES = 2;

export type ImportProgress = ImportWriteProgress;

/** Thrown at the batch boundary where an import was asked to stop; by then the database is as before the import. */
export class ImportCancelledError extends Error {
  constructor() {
    super('the import was cancelled');
    this.name = 'ImportCancelledError';
  }
}

/** How a running import is stopped (an import job's cancel): asked at every batch boundary. */
export interface ImportControl {
  /** True once someone asked the import to stop. */
  stopRequested(): boolean;
  /** Told once the import can no longer be undone: it commits, or changes what existed before. */
  pastUndo(): void;
}

export interface ImportOptions {
  dryRun?: boolean;
  onProgress?: (progress: ImportProgress) => void;
  batchSize?: number;
  /** Transactions side by side for the create-only phases of a batch-by-batch import (default 2). */
  lanes?: number;
  /** Recompute every relationship strength after writing interactions (default true; the benchmark times it apart). */
  recompute?: boolean;
  /** Lets the import be cancelled (docs/decisions/106-import-jobs.md). */
  control?: ImportControl;
}

export interface ImportCounts {
  stakeholders: number;
  records: number;
  roles: number;
  ties: number;
  communities: number;
  memberships: number;
  interactions: number;
  /** Relationships (pairs) whose strength was recomputed after writing interactions. */
  relationships: number;
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

const EMPTY_COUNTS: ImportCounts = {
  stakeholders: 0,
  records: 0,
  roles: 0,
  ties: 0,
  communities: 0,
  memberships: 0,
  interactions: 0,
  relationships: 0,
};

/** What an import looks up in the store before planning: suppressions and identities already stored. */
export interface StoredLookups {
  suppressed(recordKeys: string[], emails: string[]): Promise<Suppressed>;
  identities(query: { keys: string[]; emails: string[]; domains: string[] }): Promise<ExistingIdentities>;
  /** The stored stakeholders that interaction references name: by record key or stakeholder id, and by e-mail. */
  people(query: { keys: string[]; emails: string[] }): Promise<StoredPeople>;
}

/** The lookups of a live database. */
export const lookupsOf = (db: Database): StoredLookups => ({
  suppressed: (recordKeys, emails) => findSuppressed(db, recordKeys, emails),
  identities: (query) => findStoredIdentities(db, query),
  people: async ({ keys, emails }) => {
    const found = await findStoredIdentities(db, { keys, emails, domains: [] });
    const ids = await storedStakeholders(
      db,
      keys.filter((key) => !found.byKey.has(key)),
    );
    return { byKey: found.byKey, byEmail: found.byEmail, ids };
  },
});

/** The lookups of a store that holds nothing at all (the offline bulk path): nothing is suppressed or stored. */
export const EMPTY_STORE: StoredLookups = {
  suppressed: async () => ({ recordKeys: new Set(), emails: new Set() }),
  identities: async () => ({ byKey: new Map(), byEmail: new Map(), byDomain: new Map() }),
  people: async () => ({ byKey: new Map(), byEmail: new Map(), ids: new Set() }),
};

/** A bundle ready to write: its report (without duration) and its plan; the plan is absent when rejected. */
export interface PreparedImport {
  report: Omit<ImportReport, 'durationMs' | 'dryRun'>;
  plan?: WritePlan;
  resolution?: Resolution;
  interactions?: InteractionPlan;
}

/**
 * Everything before writing, shared by the online and the offline bulk path: parse errors reject the
 * bundle; suppressed records are left out; identities are resolved against the store; the writes planned.
 */
export async function prepareImport(parsed: ParseResult, lookups: StoredLookups): Promise<PreparedImport> {
  const rejected = (errors: ImportProblem[], warnings: ImportProblem[]): PreparedImport => ({
    report: { ok: false, errors, warnings, merges: [], counts: EMPTY_COUNTS, created: 0, updated: 0 },
  });
  if (parsed.errors.length > 0) return rejected(parsed.errors, [...parsed.warnings]);
  // Erased people are not brought back by re-importing an old bundle, nor named again in interactions.
  const people = interactionPeople(parsed.bundle.interactions);
  const suppressed = await lookups.suppressed(
    [...parsed.bundle.records.map((r) => recordKey(r.source, r.externalId)), ...people.keys],
    [...new Set([...parsed.bundle.records.map(recordEmailKey).filter((e): e is string => e !== undefined), ...people.emails])],
  );
  const filtered = withoutSuppressed(parsed, suppressed);
  const parse = { ...filtered.parse, warnings: [...filtered.parse.warnings, ...filtered.warnings] };

  const records = parse.bundle.records;
  const existing = await lookups.identities({
    keys: records.map((r) => recordKey(r.source, r.externalId)),
    emails: [...new Set(records.map(recordEmailKey).filter((e): e is string => e !== undefined))],
    domains: [...new Set(records.map(recordDomainKey).filter((d): d is string => d !== undefined))],
  });
  const resolution = resolveIdentities(parse.bundle.records, existing);
  const warnings = [...parse.warnings, ...resolution.warnings];
  const plan = planWrites(parse, resolution.stakeholderOf, resolution.matchedOn, warnings);
  let interactions: InteractionPlan | undefined;
  if (parse.bundle.interactions.length > 0) {
    // Addresses of the bundle's own records first: a bundle may bring the people of its interactions.
    const bundleEmails = new Map<string, string>();
    for (const record of records) {
      const email = recordEmailKey(record);
      const id = resolution.stakeholderOf.get(recordKey(record.source, record.externalId));
      if (email !== undefined && id !== undefined && !bundleEmails.has(email)) bundleEmails.set(email, id);
    }
    const refs = storedReferences(parse.bundle.interactions, resolution.stakeholderOf, bundleEmails);
    const stored = await lookups.people(refs);
    interactions = planInteractions(parse.bundle.interactions, resolution.stakeholderOf, bundleEmails, stored);
    warnings.push(...interactions.warnings);
    if (interactions.errors.length > 0) return rejected(interactions.errors, warnings);
  }
  const counts: ImportCounts = {
    stakeholders: plan.stakeholders.length,
    records: plan.records.length,
    roles: plan.roles.length,
    ties: plan.tieCount,
    communities: plan.communities.length,
    memberships: plan.memberships.length,
    interactions: interactions?.rows.length ?? 0,
    relationships: 0,
  };
  return {
    report: {
      ok: true,
      errors: [],
      warnings,
      merges: resolution.merges,
      counts,
      created: resolution.created.length,
      updated: resolution.updated.length,
    },
    plan,
    resolution,
    ...(interactions ? { interactions } : {}),
  };
}

/** Validates (parse errors), resolves identities and, unless dry-run or rejected, writes. */
export async function importParsed(db: Database, parsed: ParseResult, options: ImportOptions = {}): Promise<ImportReport> {
  const started = Date.now();
  const dryRun = options.dryRun ?? false;
  const prepared = await prepareImport(parsed, lookupsOf(db));
  const { plan, resolution } = prepared;
  const done = (written: boolean): ImportReport => ({
    ...prepared.report,
    ...(written ? {} : { created: 0, updated: 0 }),
    dryRun,
    durationMs: Date.now() - started,
  });
  if (!plan || !resolution) return done(false);
  if (dryRun) return done(false);

  const { counts } = prepared.report;
  const batchSize = options.batchSize ?? BATCH_SIZE;
  const links = prepared.interactions?.links ?? 0;
  const totalRows =
    counts.stakeholders +
    counts.records +
    counts.roles +
    counts.ties +
    counts.communities +
    counts.memberships +
    counts.interactions +
    links;
  const stored = await storedStakeholders(db, resolution.created);
  const split = splitPlan(plan, new Set(resolution.created.filter((id) => !stored.has(id))));
  const interactionRows = prepared.interactions?.rows ?? [];
  if (interactionRows.length > 0) {
    const again = await storedInteractions(
      db,
      interactionRows.map((row) => row.id),
    );
    split.newInteractions = interactionRows.filter((row) => !again.has(row.id));
    split.oldInteractions = interactionRows.filter((row) => again.has(row.id));
    split.total += interactionRows.length + links;
  }
  const atomic = totalRows <= ATOMIC_LIMIT;
  const { control } = options;
  // Batch by batch, creating the plan's communities can be undone only if none of them existed.
  const communitiesAreNew =
    control !== undefined &&
    !atomic &&
    (await storedCommunities(
      db,
      plan.communities.map((c) => c.id as string),
    ).then((stored) => stored.size === 0));
  // Identities resolved and writes planned: the progress says so before the first batch.
  options.onProgress?.({ phase: 'planned', done: 0, total: totalRows, rowsPerSecond: 0 });
  try {
    await writeImportPlan(db, split, {
      batchSize,
      lanes: options.lanes ?? CREATE_LANES,
      atomic,
      onProgress: options.onProgress,
      communitiesAreNew,
      ...(control ? { checkpoint: checkpointOf(control) } : {}),
    });
  } catch (error) {
    // Atomic: the transaction rolled back. Batch by batch: what the committed batches created is deleted again.
    if (error instanceof ImportCancelledError && !atomic) {
      options.onProgress?.({ phase: 'undoing', done: 0, total: totalRows, rowsPerSecond: 0 });
      await undoCreated(db, {
        stakeholders: split.newStakeholders.map((row) => row.id as string),
        interactions: split.newInteractions.map((row) => row.id),
        communities: communitiesAreNew ? plan.communities.map((c) => c.id as string) : [],
        refreshDegree: split.refreshDegree,
      });
    }
    throw error;
  }
  if (interactionRows.length > 0 && (options.recompute ?? true)) {
    // Every pair an interaction touched, and the rest with it: the full recomputation streams each interaction once.
    const recomputed = await recomputeAllRelationships(db, new Date());
    prepared.report.counts.relationships = recomputed.relationships;
  }
  return done(true);
}

/** The store's checkpoint for a control: stop when asked (while it can be undone), and say when undoing ends. */
function checkpointOf(control: ImportControl): (undoable: boolean) => void {
  let past = false;
  return (undoable) => {
    if (past) return;
    if (control.stopRequested()) throw new ImportCancelledError();
    if (!undoable) {
      past = true;
      control.pastUndo();
    }
  };
}
