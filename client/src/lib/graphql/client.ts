// A small typed fetch for GraphQL over HTTP: one POST per operation, typed by the generated documents.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

/** One error as the server reports it (GraphQL-over-HTTP response body). */
export interface ServerError {
  message: string;
  code: string | null;
  path: ReadonlyArray<string | number> | null;
}

/** Why a request failed: the network, the HTTP layer, or the GraphQL layer. */
export type RequestErrorKind = 'NETWORK' | 'HTTP' | 'GRAPHQL';

/** A failed request, with the server's messages and extension codes when it sent any. */
export class RequestError extends Error {
  override readonly name = 'RequestError';
  constructor(
    readonly kind: RequestErrorKind,
    message: string,
    readonly status: number | null = null,
    readonly errors: ReadonlyArray<ServerError> = [],
  ) {
    super(message);
  }

  /** The first extension code the server gave (e.g. `BAD_USER_INPUT`), if any. */
  get code(): string | null {
    return this.errors.find((e) => e.code !== null)?.code ?? null;
  }
}

export interface RequestOptions {
  endpoint?: string;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

const printed = new WeakMap<object, string>();

/** Whether an error means "not signed in" (HTTP 401 or the code UNAUTHENTICATED): the session has ended. */
export function isUnauthenticated(error: unknown): boolean {
  return error instanceof RequestError && (error.status === 401 || error.code === 'UNAUTHENTICATED');
}

let unauthenticatedListener: (() => void) | null = null;

/** Registers who hears that a request answered 401/UNAUTHENTICATED (the session shows the sign-in page); null removes it. */
export function onUnauthenticated(listener: (() => void) | null): void {
  unauthenticatedListener = listener;
}

function queryText(document: TypedDocumentNode<unknown, never>): string {
  let text = printed.get(document);
  if (text === undefined) {
    text = print(document);
    printed.set(document, text);
  }
  return text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads the `errors` array of a GraphQL response body into plain objects. */
export function parseServerErrors(body: unknown): ServerError[] {
  if (!isRecord(body) || !Array.isArray(body.errors)) return [];
  return body.errors.map((raw: unknown): ServerError => {
    const e = isRecord(raw) ? raw : {};
    const ext = isRecord(e.extensions) ? e.extensions : {};
    return {
      message: typeof e.message === 'string' ? e.message : 'Unknown error',
      code: typeof ext.code === 'string' ? ext.code : null,
      path: Array.isArray(e.path) ? (e.path as Array<string | number>) : null,
    };
  });
}

/** Runs one operation against the API; resolves with `data` or throws a RequestError. */
export async function request<TResult, TVars extends Record<string, unknown>>(
  document: TypedDocumentNode<TResult, TVars>,
  variables: TVars,
  options: RequestOptions = {},
): Promise<TResult> {
  try {
    return await send(document, variables, options);
  } catch (error) {
    if (isUnauthenticated(error)) unauthenticatedListener?.();
    throw error;
  }
}

async function send<TResult, TVars extends Record<string, unknown>>(
  document: TypedDocumentNode<TResult, TVars>,
  variables: TVars,
  options: RequestOptions,
): Promise<TResult> {
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(options.endpoint ?? '/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json;q=0.9',
      },
      body: JSON.stringify({ query: queryText(document as TypedDocumentNode<unknown, never>), variables }),
      signal: options.signal ?? null,
      // The session cookie (HttpOnly, SameSite=Strict) goes with every request to our own origin.
      credentials: 'same-origin',
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new RequestError('NETWORK', 'Cannot reach the API — is the server running? (npm start)');
  }

  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  const errors = parseServerErrors(body);
  const data = isRecord(body) ? body.data : undefined;

  if (errors.length > 0 && (data === null || data === undefined)) {
    throw new RequestError('GRAPHQL', errors.map((e) => e.message).join('; '), response.status, errors);
  }
  if (!response.ok && (data === null || data === undefined)) {
    const message =
      response.status === 502 || response.status === 503 || response.status === 504
        ? 'Cannot reach the API — is the server running? (npm start)'
        : `The API answered ${response.status} ${response.statusText}`.trim();
    throw new RequestError('HTTP', message, response.status, errors);
  }
  if (data === null || data === undefined) {
    throw new RequestError('GRAPHQL', 'The API returned no data', response.status, errors);
  }
  return data as TResult;
}

/** A sentence for the user: what went wrong and what to do. */
export function describeError(error: unknown): string {
  if (error instanceof RequestError) {
    if (error.kind === 'NETWORK') return error.message;
    if (error.code === 'UNAVAILABLE') return 'The database is not available yet — wait a moment and retry.';
    if (isUnauthenticated(error)) return 'Your session has ended — sign in again.';
    return error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
