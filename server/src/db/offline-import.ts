// Runs Neo4j's offline bulk importer (`neo4j-admin database import full`, class org.neo4j.cli.AdminTool
// in the same jars as the embedded server) into a staging folder, then swaps the new store into the
// embedded home. The previous database folders are kept aside until the caller commits, so a failed
// import or a failed start leaves the previous store in place. See docs/decisions/075-offline-bulk-import.md.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EmbeddedNeo4jError } from './embedded-neo4j.js';

export interface OfflineImportOptions {
  /** Folder holding the Neo4j jars (ensureNeo4jJars). */
  lib: string;
  /** The embedded Neo4j home (its data folder is `<home>/data`); Neo4j must not be running on it. */
  homeDir: string;
  database: string;
  nodes: string[];
  relationships: string[];
  /** Files whose values may span lines (parsed more slowly, so only these). */
  multiline: string[];
  arrayDelimiter: string;
  /** Heap of the importer's JVM, and the off-heap memory it may use (e.g. '1g', '2g'). */
  heap: string;
  offHeap: string;
  log?: (line: string) => void;
}

/** The swapped-in store: commit() drops the previous folders, rollback() puts them back. */
export interface SwappedStore {
  commit(): void;
  rollback(): void;
}

/** Where the embedded home keeps a database's store and transaction logs. */
export function databaseFolders(homeDir: string, database: string): { store: string; transactions: string } {
  const data = join(resolve(homeDir), 'data');
  return { store: join(data, 'databases', database), transactions: join(data, 'transactions', database) };
}

/** True when the home has never held this database (no store folder): nothing there to lose. */
export function databaseNeverCreated(homeDir: string, database: string): boolean {
  return !existsSync(databaseFolders(homeDir, database).store);
}

const RUNNING_FILE = join('run', 'atlas-neo4j.json');

/** The importer's arguments: string ids per group, every bad entry fatal (the bundle was validated before). */
export function importArguments(options: OfflineImportOptions, reportFile: string): string[] {
  const args = [
    'database',
    'import',
    'full',
    '--overwrite-destination=true',
    '--id-type=string',
    `--array-delimiter=${options.arrayDelimiter}`,
    '--bad-tolerance=0',
    '--skip-bad-relationships=false',
    '--skip-duplicate-nodes=false',
    '--ignore-empty-strings=false',
    `--max-off-heap-memory=${options.offHeap}`,
    `--report-file=${reportFile}`,
    ...options.nodes.map((file) => `--nodes=${file}`),
    ...options.relationships.map((file) => `--relationships=${file}`),
  ];
  if (options.multiline.length > 0) {
    args.push('--multiline-fields-format=v2', `--multiline-fields=${options.multiline.join(',')}`);
  }
  args.push(options.database);
  return args;
}

async function runAdminTool(
  lib: string,
  home: string,
  confDir: string,
  heap: string,
  args: string[],
  logFile: string,
): Promise<number> {
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(
      'java',
      [
        `-Xmx${heap}`,
        '-XX:+UseG1GC',
        // C1 only: a first load of a million ties is over in seconds, and C2's compilations took half of the
        // importer's CPU time (measured at 10k / 100k: 6.6 s against 14.2 s; docs/decisions/099-bulk-import-jvm.md).
        '-XX:TieredStopAtLevel=1',
        '-XX:+ExitOnOutOfMemoryError',
        '-Dfile.encoding=UTF-8',
        '-cp',
        `${lib}/*`,
        'org.neo4j.cli.AdminTool',
        ...args,
      ],
      { env: { ...process.env, NEO4J_HOME: home, NEO4J_CONF: confDir }, stdio: ['ignore', fd, fd] },
    );
    // If this process exits mid-import, the importer must not outlive it (it only writes the staging folder).
    const kill = (): void => void child.kill('SIGKILL');
    process.once('exit', kill);
    try {
      return await new Promise<number>((done, fail) => {
        child.once('error', fail);
        child.once('exit', (code, signal) => done(code ?? (signal ? 128 : 1)));
      });
    } finally {
      process.removeListener('exit', kill);
    }
  } finally {
    closeSync(fd);
  }
}

/** The lines of the importer's log that time its stages and its peak memory. */
export function importerStages(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => / COMPLETED in |^IMPORT DONE in |^Peak memory usage/.test(line));
}

/**
 * Imports the CSV files into a new store under `<home>/bulk-staging`, then moves it in place of the
 * database's folders (the previous ones, if any, are kept aside until commit or rollback).
 */
export async function importOffline(options: OfflineImportOptions): Promise<SwappedStore> {
  const log = options.log ?? (() => {});
  const home = resolve(options.homeDir);
  if (existsSync(join(home, RUNNING_FILE))) {
    throw new EmbeddedNeo4jError(`Neo4j is running on ${home}: stop it before an offline import.`);
  }
  const staging = join(home, 'bulk-staging');
  rmSync(staging, { recursive: true, force: true });
  const confDir = join(staging, 'conf');
  mkdirSync(confDir, { recursive: true });
  writeFileSync(
    join(confDir, 'neo4j.conf'),
    [
      '# Generated by Stakeholder Atlas for one offline import.',
      `server.directories.data=${join(staging, 'data')}`,
      `server.directories.logs=${join(staging, 'logs')}`,
      'dbms.usage_report.enabled=false',
    ].join('\n') + '\n',
  );
  const logFile = join(staging, 'import.log');
  const args = importArguments(options, join(staging, 'import.report'));
  log(`Offline import into ${options.database} (neo4j-admin database import full)…`);
  const status = await runAdminTool(options.lib, staging, confDir, options.heap, args, logFile);
  // The importer's own report of its stages (node import, relationship import, linking, post processing).
  if (existsSync(logFile)) for (const line of importerStages(readFileSync(logFile, 'utf8'))) log(`  ${line}`);
  if (status !== 0) {
    const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-25).join('\n') : '';
    rmSync(staging, { recursive: true, force: true });
    throw new EmbeddedNeo4jError(`neo4j-admin database import full failed (exit ${status}); the store was not changed:\n${tail}`);
  }

  const target = databaseFolders(home, options.database);
  const staged = databaseFolders(staging, options.database);
  const aside = (path: string): string => `${path}.before-bulk`;
  const moves: Array<[from: string, to: string]> = [];
  const move = (from: string, to: string): void => {
    renameSync(from, to);
    moves.push([from, to]);
  };
  const undo = (): void => {
    for (const [from, to] of moves.reverse()) {
      if (existsSync(from)) rmSync(from, { recursive: true, force: true });
      renameSync(to, from);
    }
    moves.length = 0;
  };
  try {
    for (const path of [target.store, target.transactions]) {
      rmSync(aside(path), { recursive: true, force: true });
      mkdirSync(join(path, '..'), { recursive: true });
      if (existsSync(path)) move(path, aside(path));
    }
    move(staged.store, target.store);
    move(staged.transactions, target.transactions);
  } catch (error) {
    undo();
    throw error;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return {
    commit: () => {
      for (const path of [target.store, target.transactions]) rmSync(aside(path), { recursive: true, force: true });
    },
    rollback: () => {
      // The staged folders moved in are removed; the previous ones, if any, come back.
      for (const path of [target.store, target.transactions]) {
        rmSync(path, { recursive: true, force: true });
        if (existsSync(aside(path))) renameSync(aside(path), path);
      }
    },
  };
}
