// `npm run user -- add NAME --role ROLE | list | role NAME ROLE | revoke TOKEN_ID | token NAME [--days N] | link NAME`:
// manage users and personal API tokens, also while the app runs (it connects to the app's Neo4j).
import { ConfigError, loadConfig, type AppConfig } from '../config.js';
import type { Database } from '../db/database.js';
import { migrate } from '../db/migrations.js';
import { ACCESS_ROLES, isAccessRole } from '../domain/access.js';
import { hashSecret, newApiToken, newId } from '../auth/secrets.js';
import { publicBase, signInLink } from '../auth/first-start.js';
import { createApiToken, createUser, findUser, listUsers, revokeApiToken, setUserRole } from '../store/access.js';
import { writeAuditEvent } from '../store/audit.js';
import { openAppDatabase } from './app-database.js';

const USAGE = `Usage: npm run user -- <command>
  add NAME --role ROLE        create a user (${ACCESS_ROLES.join('|')}); prints a personal API token on the last line
  list                        users, roles and tokens (never the secrets)
  role NAME ROLE              change a user's role
  token NAME [--days N]       a new personal API token for NAME (printed on the last line)
  revoke TOKEN_ID             revoke a token
  link NAME                   a one-time sign-in link (24 h) for NAME`;

class UsageError extends Error {}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

function roleArgument(value: string | undefined): (typeof ACCESS_ROLES)[number] {
  const role = value?.toLowerCase();
  if (!isAccessRole(role)) throw new UsageError(`ROLE must be one of ${ACCESS_ROLES.join(', ')}`);
  return role;
}

async function newToken(db: Database, name: string, days: number | null): Promise<string> {
  const token = newApiToken();
  const expiresAt = days ? new Date(Date.now() + days * 86_400_000).toISOString() : null;
  const created = await createApiToken(db, name, { id: newId(), name: 'cli', hash: hashSecret(token), expiresAt });
  if (!created) throw new UsageError(`No user '${name}'`);
  console.log(
    `Token ${created.id} for ${name}${expiresAt ? `, expires ${expiresAt}` : ''} (shown once; send as Authorization: Bearer):`,
  );
  await writeAuditEvent(db, { actor: 'cli', action: 'createApiToken', targets: [created.id], outcome: 'ok' });
  return token;
}

async function run(command: string | undefined, args: string[], db: Database, config: AppConfig): Promise<void> {
  switch (command) {
    case 'add': {
      const name = args[0];
      if (!name || name.startsWith('--') || name.length > 100) throw new UsageError('add needs a NAME (at most 100 characters)');
      const role = roleArgument(option(args, '--role'));
      if (!(await createUser(db, name, role, null))) throw new UsageError(`User '${name}' exists already`);
      await writeAuditEvent(db, { actor: 'cli', action: 'addUser', targets: [], counts: { role }, outcome: 'ok' });
      console.log(`Created ${name} (${role}).`);
      console.log(await newToken(db, name, null));
      return;
    }
    case 'list': {
      for (const user of await listUsers(db)) {
        console.log(`${user.name}\t${user.role}\tcreated ${user.createdAt}`);
        for (const t of user.tokens) {
          const state = t.revoked ? 'revoked' : t.expiresAt && t.expiresAt < new Date().toISOString() ? 'expired' : 'active';
          console.log(
            `  token ${t.id}\t${t.name}\t${state}\texpires ${t.expiresAt ?? 'never'}\tlast used ${t.lastUsedAt ?? 'never'}`,
          );
        }
      }
      return;
    }
    case 'role': {
      const [name, value] = args;
      if (!name) throw new UsageError('role needs NAME and ROLE');
      const role = roleArgument(value);
      if (!(await setUserRole(db, name, role))) throw new UsageError(`No user '${name}'`);
      await writeAuditEvent(db, { actor: 'cli', action: 'setRole', targets: [], counts: { role }, outcome: 'ok' });
      console.log(`${name} is now ${role} (running servers apply it within 30 s).`);
      return;
    }
    case 'token': {
      const name = args[0];
      if (!name) throw new UsageError('token needs a NAME');
      const daysText = option(args, '--days');
      const days = daysText === undefined ? null : Number(daysText);
      if (days !== null && (!Number.isInteger(days) || days < 1 || days > 3650)) throw new UsageError('--days must be 1 to 3650');
      console.log(await newToken(db, name, days));
      return;
    }
    case 'revoke': {
      const id = args[0];
      if (!id) throw new UsageError('revoke needs a TOKEN_ID (see list)');
      if ((await revokeApiToken(db, id)) === null) throw new UsageError(`No token '${id}'`);
      await writeAuditEvent(db, { actor: 'cli', action: 'revokeApiToken', targets: [id], outcome: 'ok' });
      console.log(`Revoked ${id} (running servers refuse it within 30 s).`);
      return;
    }
    case 'link': {
      const name = args[0];
      if (!name || !(await findUser(db, name))) throw new UsageError(`No user '${name ?? ''}'`);
      console.log('One-time sign-in link, valid 24 h:');
      console.log(await signInLink(db, name, publicBase(config)));
      return;
    }
    default:
      throw new UsageError(command ? `Unknown command '${command}'` : 'No command');
  }
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (!command || command === '--help' || command === '-h') {
    console.log(USAGE);
    process.exit(command ? 0 : 2);
  }
  const config = loadConfig();
  const connection = await openAppDatabase(config);
  try {
    await migrate(connection.db);
    await run(command, args, connection.db, config);
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
