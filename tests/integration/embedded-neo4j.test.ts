// The embedded Neo4j launcher: requires its generated password, refuses a second server on the
// same store, stops cleanly, and names what is missing when Java is not installed.
import { afterAll, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import neo4j from 'neo4j-driver';
import { loadConfig } from '../../server/src/config.js';
import { CREDENTIALS_FILE, startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../server/src/db/embedded-neo4j.js';
import { connect, execute } from '../../server/src/db/database.js';

const home = mkdtempSync(join(tmpdir(), 'atlas-launcher-'));
const options = { ...loadConfig().embedded, homeDir: home, boltPort: 0, heap: '512m', pageCache: '128m', ephemeral: true };
let first: EmbeddedNeo4j | undefined;
afterAll(async () => {
  await first?.stop();
  rmSync(home, { recursive: true, force: true });
});

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

it('starts, refuses a second server on the same store, and stops leaving no process behind', async () => {
  first = await startEmbeddedNeo4j(options);
  const db = connect(first.uri, first.auth.username, first.auth.password, 'neo4j');
  expect(await execute(db, 'RETURN 1 AS one')).toEqual([{ one: 1 }]);
  await db.driver.close();

  await expect(startEmbeddedNeo4j(options)).rejects.toThrow(/already running on .* \(pid \d+/);

  const pid = first.pid;
  await first.stop();
  first = undefined;
  expect(alive(pid)).toBe(false);
});

it('refuses a Bolt connection without the generated password, which only the owner may read', async () => {
  const server = await startEmbeddedNeo4j(options);
  try {
    expect(statSync(join(home, CREDENTIALS_FILE)).mode & 0o777).toBe(0o600);
    for (const auth of [undefined, neo4j.auth.basic('neo4j', 'neo4j'), neo4j.auth.basic('neo4j', 'wrong')]) {
      const driver = neo4j.driver(server.uri, auth, { connectionTimeout: 5000 });
      try {
        await expect(driver.executeQuery('RETURN 1')).rejects.toMatchObject({
          code: expect.stringMatching(/^Neo\.ClientError\.Security\./),
        });
      } finally {
        await driver.close();
      }
    }
    const db = connect(server.uri, server.auth.username, server.auth.password, 'neo4j');
    expect(await execute(db, 'RETURN 1 AS one')).toEqual([{ one: 1 }]);
    await db.driver.close();
  } finally {
    await server.stop();
  }
});

it('names Java and the Docker alternative when java is missing', () => {
  const script = fileURLToPath(new URL('../../server/src/db/embedded-neo4j.ts', import.meta.url));
  let message = '';
  try {
    execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `import(${JSON.stringify(script)}).then((m) => m.ensureNeo4jJars('5.26.30', ${JSON.stringify(home)}))`,
      ],
      { env: { PATH: '/nonexistent', HOME: home }, encoding: 'utf8', stdio: 'pipe' },
    );
  } catch (error) {
    message = String((error as { stderr?: string }).stderr);
  }
  expect(message).toMatch(/Java 17 or newer is required/);
  expect(message).toMatch(/NEO4J_URI/);
});

it('runs a plugin from the classpath when asked (APOC core)', { timeout: 180_000 }, async () => {
  const pluginHome = mkdtempSync(join(tmpdir(), 'atlas-plugins-'));
  const withApoc = await startEmbeddedNeo4j({ ...options, homeDir: pluginHome, plugins: ['apoc'] });
  try {
    const db = connect(withApoc.uri, withApoc.auth.username, withApoc.auth.password, 'neo4j');
    try {
      const [row] = await execute<{ version: string }>(db, 'RETURN apoc.version() AS version');
      expect(row?.version).toMatch(/^5\.26\./);
    } finally {
      await db.driver.close();
    }
  } finally {
    await withApoc.stop();
    rmSync(pluginHome, { recursive: true, force: true });
  }
});
