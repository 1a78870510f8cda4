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

export function notFound(what: string, id: string): GraphQLError {
  return apiError('NOT_FOUND', `${what} '${id}' does not exist`, { id });
}
