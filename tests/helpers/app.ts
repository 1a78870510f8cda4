// The GraphQL app in-process for api tests: send an operation through app.fetch, get JSON back.
import { createApp } from '../../server/src/app.js';
import type { TestDatabase } from './database.js';

export interface GraphQLResponse<T> {
  status: number;
  contentType: string | null;
  body: { data?: T; errors?: Array<{ message: string; path?: string[]; extensions?: { code?: string; field?: string } }> };
}

export function createTestClient(database: TestDatabase) {
  const app = createApp({ db: database.db, config: { ...database.config, logLevel: 'error' } });
  async function gql<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphQLResponse<T>> {
    const response = await app.fetch('http://atlas.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
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
  return { app, gql, data };
}
