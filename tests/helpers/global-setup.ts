// Starts one embedded Neo4j (a throwaway store in a temp folder) for the tiers that touch data,
// provides its Bolt URI to the tests, and stops it when the run ends. With NEO4J_URI set, the
// tests use that server instead (the tests clear its database: never point it at real data).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../server/src/config.js';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../server/src/db/embedded-neo4j.js';

interface Shared {
  server: Promise<{ neo4j: EmbeddedNeo4j; home: string }>;
  users: number;
}

// Every data tier lists this setup; they share one Neo4j, stopped when the last tier is done.
const registry = globalThis as typeof globalThis & { __atlasNeo4j?: Shared };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const config = loadConfig();
  if (config.neo4j) {
    project.provide('neo4j', { ...config.neo4j });
    return async () => {};
  }
  registry.__atlasNeo4j ??= {
    users: 0,
    server: (async () => {
      const home = mkdtempSync(join(tmpdir(), 'atlas-test-neo4j-'));
      const neo4j = await startEmbeddedNeo4j({
        ...config.embedded,
        homeDir: home,
        boltPort: 0,
        heap: '1g',
        pageCache: '512m',
        ephemeral: true,
        log: (line) => console.log(`[neo4j] ${line}`),
      });
      return { neo4j, home };
    })(),
  };
  const shared = registry.__atlasNeo4j;
  shared.users += 1;
  const { neo4j } = await shared.server;
  project.provide('neo4j', { uri: neo4j.uri, ...neo4j.auth, database: 'neo4j' });
  return async () => {
    shared.users -= 1;
    if (shared.users > 0) return;
    const { neo4j: server, home } = await shared.server;
    await server.stop();
    rmSync(home, { recursive: true, force: true });
    registry.__atlasNeo4j = undefined;
  };
}
