// `npm start`: build what is missing, open Neo4j (embedded unless NEO4J_URI is set), migrate, fail the
// analysis runs a dead process left behind, load the demo into an empty database, listen, and shut
// everything down on Ctrl-C / SIGTERM; a guard logs unexpected errors (and keeps serving after a rejection).
import type { AddressInfo } from 'node:net';
import { failInterruptedRuns } from './store/runs.js';
import { createApp } from './app.js';
import { ensureClientBuilt } from './client-build.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase, type OpenDatabase } from './db/open-database.js';
import { EmbeddedNeo4jError } from './db/embedded-neo4j.js';
import { migrate } from './db/migrations.js';
import { ensureFirstAdmin } from './auth/first-start.js';
import { loadDemo } from './demo.js';
import { noStakeholders } from './store/stakeholders.js';
import { createHttpServer } from './http-server.js';

const log = (line: string): void => console.log(`[atlas] ${line}`);

/** An unexpected error as a log line: its type, message (shortened) and stack frames, never request data. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return `a thrown ${typeof error} (value not logged)`;
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
  const message = error.message.length > 300 ? `${error.message.slice(0, 300)}…` : error.message;
  return `${error.name}: ${message}\n${frames}`;
}

let database: OpenDatabase | undefined;
let server: ReturnType<typeof createHttpServer> | undefined;
let shuttingDown: Promise<void> | undefined;

/** Stops in any state: before the database is open, while Neo4j is down or restarting, or after it gave up. */
function shutdown(reason: string): Promise<void> {
  shuttingDown ??= (async () => {
    log(`${reason}: shutting down…`);
    if (server?.listening) {
      server.close();
      server.closeAllConnections();
    }
    try {
      await database?.close();
    } catch (error) {
      console.error(`[atlas] Closing the database failed: ${describe(error)}`);
      process.exitCode = 1;
    }
    log('Stopped.');
  })();
  return shuttingDown;
}

process.on('SIGINT', () => void shutdown('SIGINT').then(() => process.exit()));
process.on('SIGTERM', () => void shutdown('SIGTERM').then(() => process.exit()));
// A rejection nobody handled belongs to one request or background task: log it and keep serving.
process.on('unhandledRejection', (reason) => {
  console.error(`[atlas] Unhandled rejection (still serving): ${describe(reason)}`);
});
// After an uncaught exception the process state is unknown: log it and stop cleanly.
process.on('uncaughtException', (error) => {
  console.error(`[atlas] Uncaught exception: ${describe(error)}`);
  process.exitCode = 1;
  void shutdown('Uncaught exception').then(() => process.exit());
});

async function main(): Promise<void> {
  const config = loadConfig();
  const clientDir = ensureClientBuilt(log);
  const opened = await openDatabase(config, log);
  database = opened;
  if (shuttingDown) return;
  log(`Neo4j: ${opened.description}`);

  const http = createHttpServer(createApp({ db: opened.db, config }), clientDir);
  server = http;

  await migrate(opened.db);
  const interrupted = await failInterruptedRuns(opened.db);
  if (interrupted.length > 0) {
    log(`Marked ${interrupted.length} interrupted analysis run(s) as FAILED: ${interrupted.join(', ')}`);
  }
  await ensureFirstAdmin(opened.db, config, log);
  if (config.loadDemo && (await noStakeholders(opened.db))) {
    log('Empty database: loading the demo ecosystem…');
    const report = await loadDemo(opened.db);
    const { stakeholders, ties, interactions, relationships } = report.counts;
    log(
      `Demo loaded: ${stakeholders} stakeholders, ${ties} ties, ${interactions} interactions (${relationships} relationships) in ${report.durationMs} ms; its dates moved ${report.shiftedDays} days to end yesterday.`,
    );
  }
  if (shuttingDown) return;
  http.once('error', (error: NodeJS.ErrnoException) => {
    console.error(
      error.code === 'EADDRINUSE'
        ? `[atlas] Port ${config.port} on ${config.host} is taken: set PORT to a free port.`
        : `[atlas] The HTTP server failed: ${error.message}`,
    );
    process.exitCode = 1;
    void shutdown('HTTP error').then(() => process.exit());
  });
  http.listen(config.port, config.host, () => {
    const { port } = http.address() as AddressInfo;
    log(`Stakeholder Atlas is ready: http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}/`);
    log(`GraphQL API: http://${config.host}:${port}/graphql — Ctrl-C to stop.`);
  });
}

main().catch(async (error: unknown) => {
  if (shuttingDown) return; // a signal closed the database under the start-up; shutdown() exits
  if (error instanceof ConfigError || error instanceof EmbeddedNeo4jError) {
    console.error(`[atlas] ${error.message}`);
  } else {
    console.error('[atlas] Start-up failed:', error);
  }
  process.exitCode = 1;
  await shutdown('Start-up failed');
  process.exit();
});
