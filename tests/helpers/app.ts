// The GraphQL app in-process for api tests: send an operation through app.fetch as a user of a given
// role (a user and a personal API token created through the store), or anonymously; get JSON back.
import { randomBytes } from 'node:crypto';
import { createApp, type AtlasApp } from '../../server/src/app.js';
import type { AppConfig } from '../../server/src/config.js';
import type { Database } from '../../server/src/db/database.js';
import type { AccessRoleName } from '../../server/src/domain/access.js';
import { hashSecret, newApiToken, newId } from '../../server/src/auth/secrets.js';
import { createApiToken, createUser } from '../../server/src/store/access.js';
import type { TestDatabase } from './database.js';

export interface GraphQLResponse<T> {
  status: number;
  contentType: string | null;
  body: {
    data?: T;
    errors?: Array<{ message: string; path?: string[]; extensions?: { code?: string; field?: string; [key: string]: unknown } }>;
  };
}

export interface TestUser {
  name: string;
  role: AccessRoleName;
  /** A personal API token (send as Authorization: Bearer). */
  token: string;
}

/** A new user of this role with a personal API token, written through the store. */
export async function createTestUser(
  db: Database,
  role: AccessRoleName,
  name = `test-${role}-${randomBytes(4).toString('hex')}`,
): Promise<TestUser> {
  if (!(await createUser(db, name, role, null))) throw new Error(`user ${name} exists`);
  const token = newApiToken();
  await createApiToken(db, name, { id: newId(), name: 'tests', hash: hashSecret(token), expiresAt: null });
  return { name, role, token };
}

export interface TestClientOptions {
  /** The caller's role (default admin); null sends requests anonymously. */
  role?: AccessRoleName | null;
  /** An existing app (e.g. to share its caches); default: a new one. */
  app?: AtlasApp;
  config?: Partial<AppConfig>;
}

export function createTestApp(database: TestDatabase, config: Partial<AppConfig> = {}): AtlasApp {
  return createApp({ db: database.db, config: { ...database.config, logLevel: 'error', ...config } });
}

export function createTestClient(database: TestDatabase, options: TestClientOptions = {}) {
  const app = options.app ?? createTestApp(database, options.config);
  const role = options.role === undefined ? 'admin' : options.role;
  const user: Promise<TestUser | null> = role ? createTestUser(database.db, role) : Promise.resolve(null);
  user.catch(() => {}); // reported by the first request that awaits it

  /** Headers that authenticate as this client's user (none when anonymous). */
  async function authHeaders(): Promise<Record<string, string>> {
    const u = await user;
    return u ? { authorization: `Bearer ${u.token}` } : {};
  }

  async function gql<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>> {
    const response = await app.fetch('http://atlas.test/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        ...(headers ?? (await authHeaders())),
      },
      body: JSON.stringify({ query, variables }),
    });
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: (await response.json()) as GraphQLResponse<T>['body'],
    };
  }
  /** Returns data, failing the test with the errors when there are any. */
  async function data<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await gql<T>(query, variables);
    if (response.body.errors?.length || !response.body.data) {
      throw new Error(`GraphQL errors: ${JSON.stringify(response.body.errors)}`);
    }
    return response.body.data;
  }
  return { app, gql, data, user, authHeaders };
}
