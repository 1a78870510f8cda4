// `npm run user` against the test Neo4j (through NEO4J_URI, and as a running app's embedded Neo4j
// found on its Bolt port), and the first start's admin with its one-time sign-in link.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import { ensureFirstAdmin } from '../../server/src/auth/first-start.js';
import { hashSecret } from '../../server/src/auth/secrets.js';
import { execute } from '../../server/src/db/database.js';
import { consumeSignInLink, findTokenHolder, findUser } from '../../server/src/store/access.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'server/src/cli/user.ts');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

let t: TestDatabase;
let dataDir: string;
beforeAll(async () => {
  t = await openTestDatabase();
  dataDir = mkdtempSync(join(tmpdir(), 'atlas-user-cli-'));
  // As a running app's data folder holds them: the embedded Neo4j's generated credentials.
  const target = inject('neo4j');
  writeFileSync(
    join(dataDir, 'atlas-credentials.json'),
    JSON.stringify({ username: target.username, password: target.password }),
    {
      mode: 0o600,
    },
  );
});
afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  await t.close();
});

/** Runs the CLI; `viaBoltPort` finds the database as a running app's embedded Neo4j instead of NEO4J_URI. */
async function user(args: string[], viaBoltPort = false): Promise<string[]> {
  const target = inject('neo4j');
  const env: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: 'error', ATLAS_DATA_DIR: dataDir };
  if (viaBoltPort) {
    delete env.NEO4J_URI;
    env.ATLAS_NEO4J_BOLT_PORT = new URL(target.uri).port;
  } else {
    Object.assign(env, {
      NEO4J_URI: target.uri,
      NEO4J_USERNAME: target.username,
      NEO4J_PASSWORD: target.password,
      NEO4J_DATABASE: target.database,
    });
  }
  const { stdout } = await run(TSX, [CLI, ...args], { cwd: ROOT, env, timeout: 60_000 });
  return stdout.trim().split('\n');
}

const name = `cli-${Math.random().toString(36).slice(2, 8)}`;

describe('npm run user', () => {
  it('adds a user and prints a working personal token on its last line', async () => {
    const lines = await user(['add', name, '--role', 'analyst']);
    const token = lines.at(-1)!;
    expect(token).toMatch(/^atlas_/);
    expect(await findTokenHolder(t.db, hashSecret(token))).toMatchObject({ name, role: 'analyst' });
  });

  it('lists users and tokens without secrets, changes a role, issues and revokes tokens — also through the Bolt port of a running app', async () => {
    const listed = (await user(['list'], true)).join('\n');
    expect(listed).toContain(`${name}\tanalyst`);
    expect(listed).not.toMatch(/atlas_/);
    await user(['role', name, 'editor'], true);
    expect((await findUser(t.db, name))?.role).toBe('editor');
    const lines = await user(['token', name, '--days', '3']);
    const token = lines.at(-1)!;
    const holder = await findTokenHolder(t.db, hashSecret(token));
    expect(holder).toMatchObject({ name, role: 'editor' });
    await user(['revoke', holder!.id]);
    expect(await findTokenHolder(t.db, hashSecret(token))).toBeNull();
  });

  it('refuses unknown roles and commands with a usage message and exit code 2', async () => {
    await expect(user(['add', 'someone', '--role', 'owner'])).rejects.toMatchObject({ code: 2 });
    await expect(user(['frobnicate'])).rejects.toMatchObject({ code: 2 });
  });
});

describe('first start', () => {
  it('creates admin with a one-time sign-in link only when there is no user at all', async () => {
    // Hide the users other tests made (clears keep users), and bring them back afterwards.
    await execute(t.db, 'MATCH (u:User) SET u:HiddenUser REMOVE u:User', {}, { mode: 'WRITE' });
    try {
      const lines: string[] = [];
      await ensureFirstAdmin(t.db, { ...t.config, host: '127.0.0.1', port: 4321 }, (line) => lines.push(line));
      expect((await findUser(t.db, 'admin'))?.role).toBe('admin');
      const link = lines.join('\n').match(/http:\/\/127\.0\.0\.1:4321\/auth\/link\/([A-Za-z0-9_-]+)/);
      expect(link).not.toBeNull();
      const again: string[] = [];
      await ensureFirstAdmin(t.db, t.config, (line) => again.push(line));
      expect(again).toEqual([]);
      expect(await consumeSignInLink(t.db, hashSecret(link![1]!))).toEqual({ name: 'admin', role: 'admin' });
      expect(await consumeSignInLink(t.db, hashSecret(link![1]!))).toBeNull();
    } finally {
      await execute(t.db, "MATCH (u:User {name: 'admin'}) DETACH DELETE u", {}, { mode: 'WRITE' });
      await execute(t.db, 'MATCH (u:HiddenUser) SET u:User REMOVE u:HiddenUser', {}, { mode: 'WRITE' });
    }
  });
});
