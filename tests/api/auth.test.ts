// Authentication and authorization through the app: every root field (from introspection) for every
// role and anonymously, personal-data masking, sessions, API tokens, one-time links, the sign-in rate
// limit, OIDC bearer tokens from a local issuer, erasure with re-import, the audit trail, and two app
// instances on one Neo4j.
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { getDirective } from '@graphql-tools/utils';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { readImportInput } from '../../server/src/import/read-input.js';
import { importParsed } from '../../server/src/import/import-bundle.js';
import { buildSchema } from '../../server/src/schema/index.js';
import { hashPassword } from '../../server/src/auth/passwords.js';
import { signInLink } from '../../server/src/auth/first-start.js';
import { MASK } from '../../server/src/auth/rules.js';
import { ACCESS_ROLES, roleAtLeast, type AccessRoleName } from '../../server/src/domain/access.js';
import { createUser } from '../../server/src/store/access.js';
import { execute } from '../../server/src/db/database.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { createTestApp, createTestClient, createTestUser } from '../helpers/app.js';
import type { AtlasApp } from '../../server/src/app.js';

const BUNDLE = fileURLToPath(new URL('../fixtures/import/valid-bundle', import.meta.url));
const ERIN = 'captable:S003';

let t: TestDatabase;
let app: AtlasApp;
type Client = ReturnType<typeof createTestClient>;
const clients = {} as Record<AccessRoleName | 'anonymous', Client>;

beforeAll(async () => {
  t = await openTestDatabase();
  await t.clear();
  await execute(t.db, 'MATCH (n) WHERE n:AuditEvent OR n:Suppression DETACH DELETE n', {}, { mode: 'WRITE' });
  expect((await importParsed(t.db, await readImportInput(BUNDLE))).ok).toBe(true);
  app = createTestApp(t);
  for (const role of ACCESS_ROLES) clients[role] = createTestClient(t, { app, role });
  clients.anonymous = createTestClient(t, { app, role: null });
});
afterAll(async () => t.close());

/** A value of the given input type that passes GraphQL validation (resolvers may still refuse it). */
function dummy(type: GraphQLInputType): string {
  if (isNonNullType(type)) return dummy(type.ofType);
  if (isListType(type)) return `[${dummy(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    const required = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    return `{ ${required.map((f) => `${f.name}: ${dummy(f.type)}`).join(', ')} }`;
  }
  if (isScalarType(type)) {
    if (type.name === 'Int' || type.name === 'Float') return '1';
    if (type.name === 'Boolean') return 'true';
    if (type.name === 'Date') return '"2024-01-01"';
    if (type.name === 'DateTime') return '"2024-01-01T00:00:00Z"';
    return '"x"';
  }
  throw new Error(`no dummy for ${String(type)}`);
}

// Dummy arguments that would start real work get a value the resolver refuses before starting it.
const OVERRIDES: Record<string, string> = { runAnalysis: '(input: { resolution: -1 })' };

function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
  const args =
    OVERRIDES[field.name] ?? (required.length ? `(${required.map((a) => `${a.name}: ${dummy(a.type)}`).join(', ')})` : '');
  const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
  return `${kind} { ${field.name}${args}${selection} }`;
}

describe('every root field, every role', () => {
  const schema = buildSchema();
  const fields = [
    ...Object.values(schema.getQueryType()!.getFields()).map((f) => ({ kind: 'query' as const, field: f })),
    ...Object.values(schema.getMutationType()!.getFields()).map((f) => ({ kind: 'mutation' as const, field: f })),
  ];

  it('introspection lists the same root fields the rules were read from', async () => {
    const data = await clients.admin.data<{
      __schema: { queryType: { fields: Array<{ name: string }> }; mutationType: { fields: Array<{ name: string }> } };
    }>('{ __schema { queryType { fields { name } } mutationType { fields { name } } } }');
    const introspected = [...data.__schema.queryType.fields, ...data.__schema.mutationType.fields].map((f) => f.name).sort();
    expect(introspected).toEqual(fields.map((f) => f.field.name).sort());
    expect(introspected.length).toBeGreaterThan(35);
  });

  it('declares the intended role for the sensitive fields', () => {
    const required = (name: string): string => {
      const found = fields.find((f) => f.field.name === name)!.field;
      return String(getDirective(schema, found, 'auth')?.[0]?.requires);
    };
    expect(required('stakeholder')).toBe('VIEWER');
    expect(required('engagementPlan')).toBe('ANALYST');
    expect(required('recordExport')).toBe('ANALYST');
    expect(required('createStakeholder')).toBe('EDITOR');
    expect(required('importData')).toBe('EDITOR');
    expect(required('eraseStakeholder')).toBe('ADMIN');
    expect(required('auditEvents')).toBe('ADMIN');
    expect(required('users')).toBe('ADMIN');
    expect(required('stakeholderDataExport')).toBe('ADMIN');
  });

  for (const { kind, field } of fields) {
    it(`${kind} ${field.name}: below its role FORBIDDEN, anonymous UNAUTHENTICATED (401), at or above it allowed`, async () => {
      const rule = getDirective(schema, field, 'auth')![0]!;
      const requires = String(rule.requires).toLowerCase() as AccessRoleName;
      const operation = operationFor(kind, field);
      for (const role of ACCESS_ROLES) {
        const response = await clients[role].gql(operation);
        const codes = (response.body.errors ?? []).map((e) => e.extensions?.code);
        if (roleAtLeast(role, requires)) {
          expect(codes, `${role} on ${field.name}: ${JSON.stringify(response.body.errors)}`).not.toContain('FORBIDDEN');
          expect(codes).not.toContain('UNAUTHENTICATED');
        } else {
          expect(codes, `${role} on ${field.name}`).toEqual(['FORBIDDEN']);
        }
      }
      const anonymous = await clients.anonymous.gql(operation);
      if (rule.anonymous === true) {
        expect(anonymous.body.errors).toBeUndefined();
      } else {
        expect(anonymous.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
        expect(anonymous.status).toBe(401);
      }
    });
  }
});

describe('personal data', () => {
  const PERSONAL = `query($id: ID!) { stakeholder(id: $id) { name email roles { role value } sourceRecords { key source externalId email } } }`;
  interface Personal {
    stakeholder: {
      name: string;
      email: string | null;
      roles: Array<{ role: string; value: number | null }>;
      sourceRecords: Array<{ key: string; source: string; externalId: string; email: string | null }>;
    };
  }

  it('is masked for viewers on every @personal field: null, or ••• for non-null strings', async () => {
    const { stakeholder } = await clients.viewer.data<Personal>(PERSONAL, { id: ERIN });
    expect(stakeholder.name).toBe('Erin Cole');
    expect(stakeholder.email).toBeNull();
    expect(stakeholder.roles.find((r) => r.role === 'SHAREHOLDER')?.value).toBeNull();
    expect(stakeholder.sourceRecords.length).toBe(2);
    for (const record of stakeholder.sourceRecords) {
      expect(record).toMatchObject({ key: MASK, externalId: MASK, email: null });
      expect(record.source).toMatch(/^(hr|captable)$/);
    }
  });

  it('is shown to analysts', async () => {
    const { stakeholder } = await clients.analyst.data<Personal>(PERSONAL, { id: ERIN });
    expect(stakeholder.email?.toLowerCase()).toBe('erin.cole@atlas.example');
    expect(stakeholder.roles.find((r) => r.role === 'SHAREHOLDER')?.value).toBe(0.01);
    expect(stakeholder.sourceRecords.map((r) => r.key).sort()).toEqual(['captable:S003', 'hr:E101']);
  });

  it('cannot be probed by viewers through text search: e-mail addresses match for analysts only', async () => {
    const SEARCH = `query($text: String!) { stakeholders(filter: { text: $text }) { totalCount } }`;
    type Found = { stakeholders: { totalCount: number } };
    expect((await clients.analyst.data<Found>(SEARCH, { text: 'erin.cole' })).stakeholders.totalCount).toBeGreaterThan(0);
    expect((await clients.viewer.data<Found>(SEARCH, { text: 'erin.cole' })).stakeholders.totalCount).toBe(0);
    // Names still match for everyone.
    expect((await clients.viewer.data<Found>(SEARCH, { text: 'Erin Cole' })).stakeholders.totalCount).toBeGreaterThan(0);
  });

  it('marks every e-mail, record key, external id and value field @personal', () => {
    const schema = buildSchema();
    const personal = (type: string, field: string): boolean => {
      const object = schema.getType(type);
      if (!isObjectType(object)) throw new Error(type);
      return !!getDirective(schema, object.getFields()[field]!, 'personal')?.[0];
    };
    for (const [type, field] of [
      ['Stakeholder', 'email'],
      ['SourceRecord', 'key'],
      ['SourceRecord', 'externalId'],
      ['SourceRecord', 'email'],
      ['RoleFact', 'value'],
      ['ImportMerge', 'value'],
    ] as const) {
      expect(personal(type, field), `${type}.${field}`).toBe(true);
    }
    expect(isNonNullType(schema.getQueryType()!.getFields().stakeholderDataExport!.type)).toBe(true);
    expect(getNullableType(schema.getQueryType()!.getFields().me!.type)).toBeDefined();
  });
});

async function post(target: AtlasApp, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return target.fetch(`http://atlas.test${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

function sessionCookie(response: Response): string {
  const header = response.headers.get('set-cookie') ?? '';
  const value = /atlas_session=([^;]*)/.exec(header)?.[1];
  if (!value) throw new Error(`no session cookie in '${header}'`);
  return `atlas_session=${value}`;
}

async function me(target: AtlasApp, headers: Record<string, string>): Promise<{ status: number; me: unknown }> {
  const client = createTestClient(t, { app: target, role: null });
  const response = await client.gql<{ me: unknown }>('{ me { name role via } }', {}, headers);
  return { status: response.status, me: response.body.data?.me ?? null };
}

async function withPassword(role: AccessRoleName, password = 'a long enough password'): Promise<string> {
  const name = `pw-${role}-${Math.random().toString(36).slice(2, 8)}`;
  expect(await createUser(t.db, name, role, await hashPassword(password))).toBe(true);
  return name;
}

describe('sessions', () => {
  it('signs in with a password: 204, an HttpOnly SameSite=Strict cookie; signs out: cookie cleared, session gone', async () => {
    const name = await withPassword('editor');
    const response = await post(app, '/auth/sign-in', { name, password: 'a long enough password' });
    expect(response.status).toBe(204);
    const header = response.headers.get('set-cookie') ?? '';
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Strict/);
    expect(header).toMatch(/Path=\//);
    expect(header).not.toMatch(/Secure/);
    const cookie = sessionCookie(response);
    expect(await me(app, { cookie })).toEqual({ status: 200, me: { name, role: 'EDITOR', via: 'password' } });
    expect(await t.count('MATCH (u:User {name: $name})-[:HAS_SESSION]->(s:Session) RETURN count(s) AS n', { name })).toBe(1);
    // The session id is stored hashed, never as sent.
    const raw = cookie.split('=')[1]!;
    expect(await t.count('MATCH (s:Session {hash: $raw}) RETURN count(s) AS n', { raw })).toBe(0);

    const out = await post(app, '/auth/sign-out', {}, { cookie });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/atlas_session=;.*Max-Age=0/);
    expect(await t.count('MATCH (u:User {name: $name})-[:HAS_SESSION]->(s:Session) RETURN count(s) AS n', { name })).toBe(0);
    expect(await me(app, { cookie })).toEqual({ status: 200, me: null });
    const refused = await createTestClient(t, { app, role: null }).gql('{ apiVersion }', {}, { cookie });
    expect(refused.status).toBe(401);
  });

  it('refuses a wrong password or an unknown name with 401 JSON, and marks the cookie Secure behind https', async () => {
    const name = await withPassword('viewer');
    const wrong = await post(app, '/auth/sign-in', { name, password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: string }).error).toMatch(/\S/);
    expect((await post(app, '/auth/sign-in', { name: 'nobody-here', password: 'whatever it is' })).status).toBe(401);
    expect((await post(app, '/auth/sign-in', { name })).status).toBe(400);
    // A browser asks for gzip: the answer goes through the compression plugin and must still be the 401 JSON.
    const zipped = await post(app, '/auth/sign-in', { name, password: 'not the password' }, { 'accept-encoding': 'gzip' });
    expect(zipped.status).toBe(401);
    const unzipped =
      zipped.headers.get('content-encoding') === 'gzip' ? gunzipSync(Buffer.from(await zipped.arrayBuffer())) : null;
    expect((JSON.parse(String(unzipped ?? (await zipped.text()))) as { error: string }).error).toMatch(/\S/);
    const secure = createTestApp(t, { auth: { ...t.config.auth, secureCookies: true } });
    const ok = await post(secure, '/auth/sign-in', { name, password: 'a long enough password' });
    expect(ok.headers.get('set-cookie')).toMatch(/; Secure/);
  });

  it('rate-limits sign-in: after 5 failures for a name, 429 even with the right password', async () => {
    const limited = createTestApp(t);
    const name = await withPassword('viewer');
    for (let i = 0; i < 5; i++)
      expect((await post(limited, '/auth/sign-in', { name, password: `wrong guess ${i}` })).status).toBe(401);
    expect((await post(limited, '/auth/sign-in', { name, password: 'a long enough password' })).status).toBe(429);
    // Per name: another user from the same place still signs in.
    const other = await withPassword('viewer');
    expect((await post(limited, '/auth/sign-in', { name: other, password: 'a long enough password' })).status).toBe(204);
  });
});

describe('personal API tokens', () => {
  it('are created for oneself, shown once, work as Bearer, are listed without the secret, and stop working when revoked', async () => {
    const name = await withPassword('analyst');
    const cookie = sessionCookie(await post(app, '/auth/sign-in', { name, password: 'a long enough password' }));
    const self = createTestClient(t, { app, role: null });
    const created = await self.gql<{
      createApiToken: { token: string; apiToken: { id: string; name: string; expiresAt: string | null; revoked: boolean } };
    }>(
      'mutation { createApiToken(name: "script", expiresInDays: 30) { token apiToken { id name expiresAt revoked } } }',
      {},
      { cookie },
    );
    const { token, apiToken } = created.body.data!.createApiToken;
    expect(token).toMatch(/^atlas_[A-Za-z0-9_-]{40,}$/);
    expect(apiToken).toMatchObject({ name: 'script', revoked: false });
    expect(Date.parse(apiToken.expiresAt!)).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    const bearer = { authorization: `Bearer ${token}` };
    expect((await me(app, bearer)).me).toEqual({ name, role: 'ANALYST', via: 'token' });
    expect(await t.count('MATCH (x:ApiToken {hash: $token}) RETURN count(x) AS n', { token })).toBe(0);

    const users = await clients.admin.data<{
      users: Array<{ name: string; role: string; tokens: Array<{ id: string; lastUsedAt: string | null }> }>;
    }>('{ users { name role tokens { id lastUsedAt } } }');
    const listed = users.users.find((u) => u.name === name)!;
    expect(listed.role).toBe('ANALYST');
    expect(listed.tokens.map((x) => x.id)).toEqual([apiToken.id]);
    expect(JSON.stringify(users)).not.toContain(token);
    await expect
      .poll(async () =>
        t.count('MATCH (x:ApiToken {id: $id}) WHERE x.lastUsedAt IS NOT NULL RETURN count(x) AS n', { id: apiToken.id }),
      )
      .toBe(1);

    // Someone else's token is not theirs to revoke.
    const stranger = await clients.viewer.gql<{ revokeApiToken: boolean }>(`mutation { revokeApiToken(id: "${apiToken.id}") }`);
    expect(stranger.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const revoked = await self.gql<{ revokeApiToken: boolean }>(`mutation { revokeApiToken(id: "${apiToken.id}") }`, {}, bearer);
    expect(revoked.body.data?.revokeApiToken).toBe(true);
    const after = await createTestClient(t, { app, role: null }).gql('{ apiVersion }', {}, bearer);
    expect(after.status).toBe(401);
    expect(after.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('stop working once expired', async () => {
    const user = await createTestUser(t.db, 'viewer');
    await execute(
      t.db,
      'MATCH (:User {name: $name})-[:HAS_TOKEN]->(x:ApiToken) SET x.expiresAt = datetime() - duration({minutes: 1})',
      { name: user.name },
      { mode: 'WRITE' },
    );
    const response = await createTestClient(t, { app: createTestApp(t), role: null }).gql(
      '{ apiVersion }',
      {},
      { authorization: `Bearer ${user.token}` },
    );
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('one-time sign-in links', () => {
  it('sign in once (303 to /), then answer 401 with a page that links to /; the session may set a first password', async () => {
    const name = `linked-${Math.random().toString(36).slice(2, 8)}`;
    await createUser(t.db, name, 'admin', null);
    const link = await signInLink(t.db, name, 'http://atlas.test');
    const path = new URL(link).pathname;
    const first = await app.fetch(`http://atlas.test${path}`, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    const cookie = sessionCookie(first);
    expect((await me(app, { cookie })).me).toEqual({ name, role: 'ADMIN', via: 'link' });

    const again = await app.fetch(`http://atlas.test${path}`, { redirect: 'manual' });
    expect(again.status).toBe(401);
    const page = await again.text();
    expect(page).toMatch(/not valid/);
    expect(page).toContain('href="/"');
    expect((await app.fetch('http://atlas.test/auth/link/made-up-token-made-up-token', { redirect: 'manual' })).status).toBe(401);

    const client = createTestClient(t, { app, role: null });
    const set = await client.gql<{ setPassword: boolean }>(
      'mutation { setPassword(password: "my first password") }',
      {},
      { cookie },
    );
    expect(set.body.data?.setPassword).toBe(true);
    // Now that there is a password, changing it needs the current one.
    const unchecked = await client.gql('mutation { setPassword(password: "another password") }', {}, { cookie });
    expect(unchecked.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'current' });
    expect((await post(app, '/auth/sign-in', { name, password: 'my first password' })).status).toBe(204);
  });
});

describe('OIDC bearer tokens', () => {
  let issuerServer: Server;
  let issuer: string;
  let key: CryptoKey;
  let oidcApp: AtlasApp;
  const audience = 'atlas-test';

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    key = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    issuerServer = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/.well-known/openid-configuration') res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
      else if (req.url === '/jwks') res.end(JSON.stringify({ keys: [jwk] }));
      else res.writeHead(404).end('{}');
    });
    await new Promise<void>((resolve) => issuerServer.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(issuerServer.address() as AddressInfo).port}`;
    oidcApp = createTestApp(t, { auth: { ...t.config.auth, oidc: { issuer, audience, roleClaim: 'atlas_role' } } });
  });
  afterAll(async () => new Promise<void>((resolve) => issuerServer.close(() => resolve())));

  async function jwt(
    claims: Record<string, unknown>,
    options: { iss?: string; aud?: string; exp?: number | string; signWith?: CryptoKey } = {},
  ): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('sso-user-1')
      .setIssuer(options.iss ?? issuer)
      .setAudience(options.aud ?? audience)
      .setIssuedAt()
      .setExpirationTime(options.exp ?? '5m')
      .sign(options.signWith ?? key);
  }

  async function call(token: string): Promise<{ status: number; codes: unknown[]; data: unknown }> {
    const response = await createTestClient(t, { app: oidcApp, role: null }).gql(
      '{ me { name role via } stakeholder(id: "crm:C001") { id } }',
      {},
      {
        authorization: `Bearer ${token}`,
      },
    );
    return {
      status: response.status,
      codes: (response.body.errors ?? []).map((e) => e.extensions?.code),
      data: response.body.data,
    };
  }

  it('accepts a valid token and takes the role from the claim', async () => {
    const result = await call(await jwt({ atlas_role: 'analyst' }));
    expect(result.codes).toEqual([]);
    expect(result.data).toEqual({ me: { name: 'sso-user-1', role: 'ANALYST', via: 'oidc' }, stakeholder: { id: 'crm:C001' } });
  });

  it('refuses a wrong audience, a wrong issuer, an expired token and a foreign key (UNAUTHENTICATED)', async () => {
    const foreign = (await generateKeyPair('RS256')).privateKey;
    for (const token of [
      await jwt({ atlas_role: 'admin' }, { aud: 'someone-else' }),
      await jwt({ atlas_role: 'admin' }, { iss: 'http://127.0.0.1:1' }),
      await jwt({ atlas_role: 'admin' }, { exp: Math.floor(Date.now() / 1000) - 60 }),
      await jwt({ atlas_role: 'admin' }, { signWith: foreign }),
    ]) {
      const result = await call(token);
      expect(result.status).toBe(401);
      expect(result.codes).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('refuses a token whose role claim is missing or unknown (FORBIDDEN)', async () => {
    for (const claims of [{}, { atlas_role: 'superuser' }]) {
      const result = await call(await jwt(claims));
      expect(result.codes).toEqual(['FORBIDDEN']);
    }
  });
});

describe('erasure and data export', () => {
  it('exports everything held about a person, erases them, and a re-import does not bring them back', async () => {
    const exported = await clients.admin.data<{
      stakeholderDataExport: Record<string, Array<Record<string, unknown>> & Record<string, unknown>>;
    }>(`{ stakeholderDataExport(id: "${ERIN}") }`);
    const data = exported.stakeholderDataExport;
    expect((data.stakeholder as unknown as { name: string }).name).toBe('Erin Cole');
    expect(data.roles!.map((r) => r.role).sort()).toEqual(['EMPLOYEE', 'SHAREHOLDER']);
    expect(data.sourceRecords!.map((r) => r.key).sort()).toEqual(['captable:S003', 'hr:E101']);
    expect(data.ties!.length).toBeGreaterThan(0);
    expect(data.ties!.every((tie) => typeof tie.other === 'string')).toBe(true);
    expect(Array.isArray(data.memberships)).toBe(true);
    expect(Array.isArray(data.scores)).toBe(true);
    const neighbours = data.ties!.map((tie) => tie.other as string);

    expect((await clients.editor.gql(`mutation { eraseStakeholder(id: "${ERIN}") }`)).body.errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect(
      (await clients.admin.data<{ eraseStakeholder: boolean }>(`mutation { eraseStakeholder(id: "${ERIN}") }`)).eraseStakeholder,
    ).toBe(true);
    expect(await t.count('MATCH (s:Stakeholder {id: $id}) RETURN count(s) AS n', { id: ERIN })).toBe(0);
    expect(await t.count(`MATCH (r:SourceRecord) WHERE r.key IN ['captable:S003', 'hr:E101'] RETURN count(r) AS n`)).toBe(0);
    // Former neighbours' degrees no longer count the erased ties.
    const stale = await t.count(
      'UNWIND $ids AS id MATCH (s:Stakeholder {id: id}) WHERE s.degree <> COUNT { (s)-[]-(:Stakeholder) } RETURN count(s) AS n',
      { ids: neighbours },
    );
    expect(stale).toBe(0);
    // Suppressions keep no readable personal value.
    const keys = await execute<{ key: string }>(t.db, 'MATCH (x:Suppression) RETURN x.key AS key');
    expect(keys.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(keys)).not.toMatch(/erin|S003|E101/i);

    const report = await importParsed(t.db, await readImportInput(BUNDLE));
    expect(report.ok).toBe(true);
    expect(await t.count(`MATCH (s:Stakeholder) WHERE s.name = 'Erin Cole' RETURN count(s) AS n`)).toBe(0);
    expect(await t.count(`MATCH (r:SourceRecord) WHERE r.key IN ['captable:S003', 'hr:E101'] RETURN count(r) AS n`)).toBe(0);
    const skipped = report.warnings.filter((w) => /erased/.test(w.message));
    expect(skipped.filter((w) => w.row !== undefined).length).toBe(2);
    expect(JSON.stringify(report.warnings)).not.toMatch(/erin|S003|E101/i);
    // Everyone else is back as before.
    expect(await t.count(`MATCH (s:Stakeholder {id: 'crm:C001'}) RETURN count(s) AS n`)).toBe(1);
  });
});

describe('audit trail', () => {
  it('records sign-ins, mutations and the erasure without personal values, readable by admins only, paginated', async () => {
    const name = await withPassword('editor');
    await post(app, '/auth/sign-in', { name, password: 'wrong password here' });
    const cookie = sessionCookie(await post(app, '/auth/sign-in', { name, password: 'a long enough password' }));
    const client = createTestClient(t, { app, role: null });
    await client.gql(
      'mutation { createStakeholder(input: { id: "audit-1", kind: PERSON, name: "Private Person", email: "private@example.org" }) { id } }',
      {},
      { cookie },
    );

    interface Events {
      auditEvents: {
        totalCount: number;
        edges: Array<{
          cursor: string;
          node: { actor: string; action: string; targets: string[]; counts: Record<string, unknown> | null; outcome: string };
        }>;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    }
    const QUERY = `query($action: String, $actor: String, $first: Int, $after: String) {
      auditEvents(action: $action, actor: $actor, first: $first, after: $after) {
        totalCount edges { cursor node { actor action targets counts outcome at id } } pageInfo { hasNextPage endCursor } } }`;
    const signIns = await clients.admin.data<Events>(QUERY, { action: 'signIn', actor: name });
    expect(signIns.auditEvents.edges.map((e) => e.node.outcome)).toEqual(['ok', 'UNAUTHENTICATED']);
    const created = await clients.admin.data<Events>(QUERY, { action: 'createStakeholder', actor: name });
    expect(created.auditEvents.edges[0]?.node).toMatchObject({ targets: ['audit-1'], outcome: 'ok' });
    await clients.editor.gql('mutation { eraseStakeholder(id: "crm:C002") }');
    await clients.admin.data('mutation { eraseStakeholder(id: "crm:C002") }');
    const erased = await clients.admin.data<Events>(QUERY, {
      action: 'eraseStakeholder',
      actor: (await clients.admin.user)!.name,
    });
    expect(erased.auditEvents.edges[0]?.node).toMatchObject({ targets: ['crm:C002'], outcome: 'ok' });
    expect(erased.auditEvents.edges[0]?.node.counts).toMatchObject({ records: 1 });
    const refused = await clients.admin.data<Events>(QUERY, {
      action: 'eraseStakeholder',
      actor: (await clients.editor.user)!.name,
    });
    expect(refused.auditEvents.edges[0]?.node).toMatchObject({ targets: ['crm:C002'], outcome: 'FORBIDDEN' });
    await clients.analyst.data('mutation { recordExport(kind: "csv", count: 12) }');
    const exported = await clients.admin.data<Events>(QUERY, { action: 'recordExport' });
    expect(exported.auditEvents.edges[0]?.node.counts).toEqual({ kind: 'csv', count: 12 });

    const all = await clients.admin.data<Events>(QUERY, { first: 500 });
    expect(all.auditEvents.totalCount).toBeGreaterThan(5);
    expect(JSON.stringify(all)).not.toMatch(
      /Private Person|private@example|Erin|erin\.cole|a long enough password|wrong password/i,
    );

    const page1 = await clients.admin.data<Events>(QUERY, { first: 2 });
    const page2 = await clients.admin.data<Events>(QUERY, { first: 2, after: page1.auditEvents.pageInfo.endCursor });
    expect(page1.auditEvents.pageInfo.hasNextPage).toBe(true);
    expect(page2.auditEvents.edges[0]?.node).toEqual(all.auditEvents.edges[2]?.node);

    for (const role of ['viewer', 'analyst', 'editor'] as const) {
      expect((await clients[role].gql(QUERY, { first: 1 })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});

describe('two app instances on one Neo4j', () => {
  it("accept each other's sessions and tokens", async () => {
    const one = createTestApp(t);
    const two = createTestApp(t);
    const name = await withPassword('viewer');
    const cookie = sessionCookie(await post(one, '/auth/sign-in', { name, password: 'a long enough password' }));
    expect((await me(two, { cookie })).me).toEqual({ name, role: 'VIEWER', via: 'password' });
    const created = await createTestClient(t, { app: two, role: null }).gql<{ createApiToken: { token: string } }>(
      'mutation { createApiToken(name: "elsewhere") { token } }',
      {},
      { cookie },
    );
    const token = created.body.data!.createApiToken.token;
    expect((await me(one, { authorization: `Bearer ${token}` })).me).toEqual({ name, role: 'VIEWER', via: 'token' });
  });
});
