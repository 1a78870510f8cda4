// Errors the API shows to clients, each with a stable extensions.code and, for bad input, the
// field it is about. Anything else thrown is masked by yoga as an internal error.
import { GraphQLError } from 'graphql';

export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'UNAVAILABLE';

export function apiError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

/** `field` is the argument path, e.g. "input.weight". */
export function badInput(field: string, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return apiError('BAD_USER_INPUT', `${field}: ${message}`, { field, ...extensions });
}

/** Longest id echoed back in an error; longer ones are cut with an ellipsis. */
export const MAX_ECHOED_ID = 100;

/** A value as it may be quoted back to the client: at most MAX_ECHOED_ID characters. */
export function shorten(value: string): string {
  return value.length > MAX_ECHOED_ID ? `${value.slice(0, MAX_ECHOED_ID)}…` : value;
}

export function notFound(what: string, id: string): GraphQLError {
  const shown = shorten(id);
  return apiError('NOT_FOUND', `${what} '${shown}' does not exist`, { id: shown });
}
