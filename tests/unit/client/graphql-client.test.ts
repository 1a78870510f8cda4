// The typed GraphQL fetch: request shape, data, and typed errors with the server's codes.
import { describe, expect, it } from 'vitest';
import { describeError, parseServerErrors, request, RequestError } from '../../../client/src/lib/graphql/client';
import { ApiVersionDocument, StakeholderDocument } from '../../../client/src/lib/graphql/generated/graphql';

function fakeFetch(status: number, body: unknown, seen: RequestInit[] = []): typeof fetch {
  return (async (_url: string | URL | Request, init?: RequestInit) => {
    if (init) seen.push(init);
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/graphql-response+json' },
    });
  }) as typeof fetch;
}

describe('request', () => {
  it('POSTs the printed document and variables and returns data', async () => {
    const seen: RequestInit[] = [];
    const data = await request(
      StakeholderDocument,
      { id: 's1' },
      { fetch: fakeFetch(200, { data: { stakeholder: null } }, seen) },
    );
    expect(data).toEqual({ stakeholder: null });
    const init = seen[0];
    expect(init?.method).toBe('POST');
    expect(new Headers(init?.headers).get('accept')).toContain('application/graphql-response+json');
    const body = JSON.parse(String(init?.body)) as { query: string; variables: unknown };
    expect(body.query).toContain('query Stakeholder');
    expect(body.variables).toEqual({ id: 's1' });
  });

  it('throws a typed error with the server messages and codes', async () => {
    const body = { errors: [{ message: 'id must not be empty', path: ['stakeholder'], extensions: { code: 'BAD_USER_INPUT' } }] };
    const error = await request(StakeholderDocument, { id: '' }, { fetch: fakeFetch(400, body) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestError);
    const e = error as RequestError;
    expect(e.kind).toBe('GRAPHQL');
    expect(e.status).toBe(400);
    expect(e.code).toBe('BAD_USER_INPUT');
    expect(e.errors[0]?.path).toEqual(['stakeholder']);
    expect(describeError(e)).toBe('id must not be empty');
  });

  it('reports an unreachable API with what to do', async () => {
    const failing = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    const error = await request(ApiVersionDocument, {}, { fetch: failing }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestError);
    expect((error as RequestError).kind).toBe('NETWORK');
    expect(describeError(error)).toMatch(/npm start/);
  });

  it('treats a proxy 502 without a GraphQL body as unreachable', async () => {
    const error = await request(ApiVersionDocument, {}, { fetch: fakeFetch(502, 'Bad gateway') }).catch((e: unknown) => e);
    expect((error as RequestError).kind).toBe('HTTP');
    expect(describeError(error)).toMatch(/Cannot reach the API/);
  });

  it('returns partial data even when some fields errored', async () => {
    const data = await request(
      ApiVersionDocument,
      {},
      {
        fetch: fakeFetch(200, { data: { apiVersion: '1' }, errors: [{ message: 'minor' }] }),
      },
    );
    expect(data.apiVersion).toBe('1');
  });
});

describe('parseServerErrors', () => {
  it('tolerates odd shapes', () => {
    expect(parseServerErrors(null)).toEqual([]);
    expect(parseServerErrors({ errors: [42] })).toEqual([{ message: 'Unknown error', code: null, path: null }]);
  });
});
