// `npm start`: build what is missing, open Neo4j (embedded unless NEO4J_URI is set), migrate,
// load the demo into an empty database, listen, and shut everything down on Ctrl-C / SIGTERM.
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { ensureClientBuilt } from './client-build.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/open-database.js';
import { EmbeddedNeo4jError } from './db/embedded-neo4j.js';
import { migrate } from './db/migrations.js';
import { ensureFirstAdmin } from './auth/first-start.js';
import { loadDemo } from './demo.js';
import { noStakeholders } from './store/stakeholders.js';
import { createHttpServer } from './http-server.js';

const log = (line: string): void => console.log(`[atlas] ${line}`);

async function main(): Promise<void> {
  const config = loadConfig();
  const clientDir = ensureClientBuilt(log);
  const database = await openDatabase(config, log);
  log(`Neo4j: ${database.description}`);

  const server = createHttpServer(createApp({ db: database.db, config }), clientDir);
  let shuttingDown = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    log(`${signal}: shutting down…`);
    server.close();
    server.closeAllConnections();
    await database.close();
    log('Stopped.');
    process.exitCode ??= 0;
  };
  process.on('SIGINT', () => void shutdown('SIGINT').then(() => process.exit()));
  process.on('SIGTERM', () => void shutdown('SIGTERM').then(() => process.exit()));

  await migrate(database.db);
  await ensureFirstAdmin(database.db, config, log);
  if (config.loadDemo && (await noStakeholders(database.db))) {
    log('Empty database: loading the demo ecosystem…');
    const report = await loadDemo(database.db);
    log(`Demo loaded: ${report.counts.stakeholders} stakeholders, ${report.counts.ties} ties in ${report.durationMs} ms.`);
  }
  server.once('error', (error: NodeJS.ErrnoException) => {
    console.error(
      error.code === 'EADDRINUSE'
        ? `[atlas] Port ${config.port} on ${config.host} is taken: set PORT to a free port.`
        : `[atlas] The HTTP server failed: ${error.message}`,
    );
    process.exitCode = 1;
    void shutdown('HTTP error').then(() => process.exit());
  });
  server.listen(config.port, config.host, () => {
    const { port } = server.address() as AddressInfo;
    log(`Stakeholder Atlas is ready: http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}/`);
    log(`GraphQL API: http://${config.host}:${port}/graphql — Ctrl-C to stop.`);
  });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof EmbeddedNeo4jError) {
    console.error(`[atlas] ${error.message}`);
  } else {
    console.error('[atlas] Start-up failed:', error);
  }
  process.exit(1);
});
