// The offline bulk path of a first load: an embedded store that holds nothing at all is loaded by
// Neo4j's own importer instead of transactions. Validation and identity resolution are the online
// path's (prepareImport), so a bad bundle is rejected with the same report before anything is
// written; then the plan becomes CSV files, `neo4j-admin database import full` writes a new store,
// which is swapped in, started and migrated. See docs/decisions/075-offline-bulk-import.md.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type Database, type TransactionTimeouts } from '../db/database.js';
import { ensureNeo4jJars, startEmbeddedNeo4j, type EmbeddedNeo4j, type EmbeddedNeo4jOptions } from '../db/embedded-neo4j.js';
import { migrate } from '../db/migrations.js';
import { databaseNeverCreated, importOffline } from '../db/offline-import.js';
import { finishBulkLoad, holdsNothing } from '../store/imports.js';
import { ARRAY_DELIMITER, writeBulkFiles } from './bulk-files.js';
import { EMPTY_STORE, prepareImport, type ImportReport } from './import-bundle.js';
import type { ParseResult } from './types.js';
import { splitPlan } from './write-plan.js';

export class BulkLoadRefused extends Error {
  override name = 'BulkLoadRefused';
}

export interface BulkLoadOptions {
  /** The embedded Neo4j to load (its home is the store); started again at the end. */
  embedded: EmbeddedNeo4jOptions;
  database: string;
  timeouts?: TransactionTimeouts;
  /** Memory of the importer's JVM heap and of its off-heap structures (defaults 1g and 2g). */
  importerHeap?: string;
  importerOffHeap?: string;
  /** Folder for the CSV files (a temp folder, removed afterwards, by default). */
  workDir?: string;
  log?: (line: string) => void;
}

/** Wall time of each phase, in milliseconds. */
export interface BulkLoadPhases {
  /** Suppression, identity resolution and the write plan (prepareImport + splitPlan). */
  plan: number;
  /** Checking that the store holds nothing (starts and stops Neo4j when the database exists). */
  check: number;
  csv: number;
  /** neo4j-admin database import full, and the swap. */
  importer: number;
  start: number;
  /** Migrations (constraints, indexes, full-text indexes populated) and the finishing writes. */
  migrate: number;
}

export interface BulkLoadResult {
  report: ImportReport;
  phases: BulkLoadPhases;
  /** Running on the loaded store when the load succeeded (the caller stops it); undefined when rejected. */
  neo4j?: EmbeddedNeo4j;
  db?: Database;
}

/**
 * Loads a parsed bundle into an embedded store that holds nothing at all (never created, or a
 * database without a single node). Users, sessions and audit events are nodes too: a store that has
 * any is refused (BulkLoadRefused), so nothing is lost by writing a new store.
 */
export async function bulkLoad(parsed: ParseResult, options: BulkLoadOptions): Promise<BulkLoadResult> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const phases: BulkLoadPhases = { plan: 0, check: 0, csv: 0, importer: 0, start: 0, migrate: 0 };
  const lap = (phase: keyof BulkLoadPhases, since: number): number => {
    phases[phase] = Date.now() - since;
    return Date.now();
  };

  const interactions = parsed.bundle.interactions.length;
  if (interactions > 0) {
    // Relationship strengths are computed by the online path (store/interactions.ts): one way to write them.
    throw new BulkLoadRefused(
      `--bulk loads stakeholders, roles, ties and communities only, and this bundle has ${interactions} interactions: ` +
        'load it with --bulk without interactions.csv and interaction_participants.csv, then import those two files ' +
        '(a bundle of interactions alone) with `npm run import` once the store is loaded.',
    );
  }
  let t = Date.now();
  const prepared = await prepareImport(parsed, EMPTY_STORE);
  const report = (): ImportReport => ({ ...prepared.report, dryRun: false, durationMs: Date.now() - started });
  if (!prepared.plan || !prepared.resolution) return { report: report(), phases };
  const plan = splitPlan(prepared.plan, new Set(prepared.resolution.created));
  t = lap('plan', t);

  const { embedded, database } = options;
  if (!databaseNeverCreated(embedded.homeDir, database)) await assertHoldsNothing(options);
  t = lap('check', t);

  const workDir = options.workDir ?? mkdtempSync(join(tmpdir(), 'atlas-bulk-'));
  try {
    const files = await writeBulkFiles(plan, workDir, new Date());
    t = lap('csv', t);
    log(
      `Wrote ${files.nodeCount.toLocaleString('en')} nodes and ${files.relationshipCount.toLocaleString('en')} relationships as CSV.`,
    );
    const swapped = await importOffline({
      lib: ensureNeo4jJars(embedded.version, embedded.cacheDir, log),
      homeDir: embedded.homeDir,
      database,
      ...files,
      arrayDelimiter: ARRAY_DELIMITER,
      heap: options.importerHeap ?? '1g',
      offHeap: options.importerOffHeap ?? '2g',
      log,
    });
    t = lap('importer', t);
    let neo4j: EmbeddedNeo4j | undefined;
    let db: Database | undefined;
    try {
      neo4j = await startEmbeddedNeo4j(embedded);
      db = connect(neo4j.uri, neo4j.auth.username, neo4j.auth.password, database, options.timeouts);
      t = lap('start', t);
      await migrate(db);
      await finishBulkLoad(db);
      lap('migrate', t);
    } catch (error) {
      await db?.driver.close();
      await neo4j?.stop();
      swapped.rollback();
      throw error;
    }
    swapped.commit();
    return { report: report(), phases, neo4j, db };
  } finally {
    if (!options.workDir) rmSync(workDir, { recursive: true, force: true });
  }
}

/** Starts the store's Neo4j to count its nodes, and stops it again; refuses a store holding anything. */
async function assertHoldsNothing(options: BulkLoadOptions): Promise<void> {
  const neo4j = await startEmbeddedNeo4j(options.embedded);
  const db = connect(neo4j.uri, neo4j.auth.username, neo4j.auth.password, options.database, options.timeouts);
  try {
    const { empty, nodes } = await holdsNothing(db);
    if (!empty) {
      throw new BulkLoadRefused(
        `The store at ${neo4j.homeDir} holds ${nodes.toLocaleString('en')} nodes (stakeholders, users, sessions or audit events); ` +
          `the bulk path only loads a store that holds nothing, since it writes a new one. ` +
          `Import without --bulk (online, into the live database), or point ATLAS_DATA_DIR at a new folder.`,
      );
    }
  } finally {
    await db.driver.close();
    await neo4j.stop();
  }
}
