// Users, API tokens, sessions and one-time sign-in links in Neo4j. Secrets are stored only as hashes
// (computed by auth/ before they reach this module), so any server process on the database accepts them.
import type { AccessRoleName } from '../domain/access.js';
import { execute, run, writeTransaction, type Database } from '../db/database.js';

export interface UserRecord {
  name: string;
  role: AccessRoleName;
  passwordHash: string | null;
  createdAt: string;
}

export interface ApiTokenRecord {
  id: string;
  name: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revoked: boolean;
}

export interface UserWithTokens extends Omit<UserRecord, 'passwordHash'> {
  tokens: ApiTokenRecord[];
}

/** Who a session or token belongs to, as read on each (uncached) request. */
export interface Holder {
  name: string;
  role: AccessRoleName;
}

const TOKEN_PROJECTION = `t { .id, .name, createdAt: toString(t.createdAt), expiresAt: toString(t.expiresAt),
  lastUsedAt: toString(t.lastUsedAt), revoked: coalesce(t.revoked, false) }`;

export async function countUsers(db: Database): Promise<number> {
  const rows = await execute<{ n: number }>(db, 'MATCH (u:User) RETURN count(u) AS n');
  return rows[0]?.n ?? 0;
}

/** Creates the user; false when the name is taken. */
export async function createUser(
  db: Database,
  name: string,
  role: AccessRoleName,
  passwordHash: string | null,
): Promise<boolean> {
  return writeTransaction(db, async (tx) => {
    const existing = await run(tx, 'MATCH (u:User {name: $name}) RETURN u.name AS name', { name });
    if (existing.length > 0) return false;
    await run(tx, 'CREATE (:User {name: $name, role: $role, passwordHash: $passwordHash, createdAt: datetime()})', {
      name,
      role,
      passwordHash,
    });
    return true;
  });
}

export async function findUser(db: Database, name: string): Promise<UserRecord | null> {
  const rows = await execute<{ u: UserRecord }>(
    db,
    'MATCH (u:User {name: $name}) RETURN u { .name, .role, .passwordHash, createdAt: toString(u.createdAt) } AS u',
    { name },
  );
  return rows[0]?.u ?? null;
}

export async function listUsers(db: Database): Promise<UserWithTokens[]> {
  const rows = await execute<{ u: UserWithTokens }>(
    db,
    `MATCH (u:User)
     RETURN u { .name, .role, createdAt: toString(u.createdAt),
       tokens: [(u)-[:HAS_TOKEN]->(t:ApiToken) | ${TOKEN_PROJECTION}] } AS u
     ORDER BY u.name`,
  );
  return rows.map(({ u }) => ({ ...u, tokens: [...u.tokens].sort((a, b) => a.createdAt.localeCompare(b.createdAt)) }));
}

export async function setUserRole(db: Database, name: string, role: AccessRoleName): Promise<boolean> {
  const rows = await execute(
    db,
    'MATCH (u:User {name: $name}) SET u.role = $role RETURN u.name AS name',
    { name, role },
    { mode: 'WRITE' },
  );
  return rows.length > 0;
}

export async function setPasswordHash(db: Database, name: string, passwordHash: string): Promise<boolean> {
  const rows = await execute(
    db,
    'MATCH (u:User {name: $name}) SET u.passwordHash = $passwordHash RETURN u.name AS name',
    { name, passwordHash },
    { mode: 'WRITE' },
  );
  return rows.length > 0;
}

export async function createApiToken(
  db: Database,
  user: string,
  token: { id: string; name: string; hash: string; expiresAt: string | null },
): Promise<ApiTokenRecord | null> {
  const rows = await execute<{ t: ApiTokenRecord }>(
    db,
    `MATCH (u:User {name: $user})
     CREATE (u)-[:HAS_TOKEN]->(t:ApiToken {id: $id, name: $name, hash: $hash, createdAt: datetime(),
       expiresAt: CASE WHEN $expiresAt IS NULL THEN null ELSE datetime($expiresAt) END, revoked: false})
     RETURN ${TOKEN_PROJECTION} AS t`,
    { user, ...token },
    { mode: 'WRITE' },
  );
  return rows[0]?.t ?? null;
}

/** The token's owner (for ownership checks), or null when there is no such token. */
export async function apiTokenOwner(db: Database, id: string): Promise<string | null> {
  const rows = await execute<{ name: string }>(db, 'MATCH (u:User)-[:HAS_TOKEN]->(:ApiToken {id: $id}) RETURN u.name AS name', {
    id,
  });
  return rows[0]?.name ?? null;
}

export async function revokeApiToken(db: Database, id: string): Promise<string | null> {
  const rows = await execute<{ hash: string }>(
    db,
    'MATCH (t:ApiToken {id: $id}) SET t.revoked = true RETURN t.hash AS hash',
    { id },
    { mode: 'WRITE' },
  );
  return rows[0]?.hash ?? null;
}

/** The holder of a valid (unrevoked, unexpired) token with this hash. */
export async function findTokenHolder(db: Database, hash: string): Promise<(Holder & { id: string }) | null> {
  const rows = await execute<{ h: Holder & { id: string } }>(
    db,
    `MATCH (t:ApiToken {hash: $hash}) WHERE NOT coalesce(t.revoked, false) AND (t.expiresAt IS NULL OR t.expiresAt > datetime())
     MATCH (u:User)-[:HAS_TOKEN]->(t)
     RETURN {name: u.name, role: u.role, id: t.id} AS h`,
    { hash },
  );
  return rows[0]?.h ?? null;
}

export async function touchApiToken(db: Database, id: string): Promise<void> {
  await execute(db, 'MATCH (t:ApiToken {id: $id}) SET t.lastUsedAt = datetime()', { id }, { mode: 'WRITE' });
}

export async function createSession(db: Database, user: string, hash: string, via: string, expiresAt: string): Promise<boolean> {
  const rows = await execute(
    db,
    `MATCH (u:User {name: $user})
     CREATE (u)-[:HAS_SESSION]->(s:Session {hash: $hash, via: $via, createdAt: datetime(), expiresAt: datetime($expiresAt)})
     RETURN s.hash AS hash`,
    { user, hash, via, expiresAt },
    { mode: 'WRITE' },
  );
  return rows.length > 0;
}

export async function findSessionHolder(db: Database, hash: string): Promise<(Holder & { via: string }) | null> {
  const rows = await execute<{ h: Holder & { via: string } }>(
    db,
    `MATCH (u:User)-[:HAS_SESSION]->(s:Session {hash: $hash}) WHERE s.expiresAt > datetime()
     RETURN {name: u.name, role: u.role, via: s.via} AS h`,
    { hash },
  );
  return rows[0]?.h ?? null;
}

export async function deleteSession(db: Database, hash: string): Promise<void> {
  await execute(db, 'MATCH (s:Session {hash: $hash}) DETACH DELETE s', { hash }, { mode: 'WRITE' });
}

/** Expired sessions and sign-in links, removed at start and now and then. */
export async function deleteExpiredSessions(db: Database): Promise<void> {
  await execute(db, 'MATCH (s:Session) WHERE s.expiresAt < datetime() WITH s LIMIT 10000 DETACH DELETE s', {}, { mode: 'WRITE' });
  await execute(
    db,
    'MATCH (l:SignInLink) WHERE l.expiresAt < datetime() WITH l LIMIT 10000 DETACH DELETE l',
    {},
    { mode: 'WRITE' },
  );
}

export async function createSignInLink(db: Database, user: string, hash: string, expiresAt: string): Promise<boolean> {
  const rows = await execute(
    db,
    `MATCH (u:User {name: $user})
     CREATE (u)-[:HAS_LINK]->(l:SignInLink {hash: $hash, createdAt: datetime(), expiresAt: datetime($expiresAt)})
     RETURN l.hash AS hash`,
    { user, hash, expiresAt },
    { mode: 'WRITE' },
  );
  return rows.length > 0;
}

/** Deletes the link and returns its user when it was valid: a link works once. */
export async function consumeSignInLink(db: Database, hash: string): Promise<Holder | null> {
  return writeTransaction(db, async (tx) => {
    const rows = await run<{ h: Holder; valid: boolean }>(
      tx,
      `MATCH (u:User)-[:HAS_LINK]->(l:SignInLink {hash: $hash})
       WITH u, l, l.expiresAt > datetime() AS valid
       DETACH DELETE l
       RETURN {name: u.name, role: u.role} AS h, valid`,
      { hash },
    );
    const row = rows[0];
    return row && row.valid ? row.h : null;
  });
}
