// Scalars and the schema-wide fields.
import { GraphQLScalarType, Kind } from 'graphql';
import { badInput, shorten } from '../../errors.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { isIsoDate } from '../../domain/validators.js';
import { databaseIdentity } from '../../store/instance.js';

const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'Calendar date, YYYY-MM-DD',
  serialize: (value) => String(value),
  parseValue: (value) => {
    if (typeof value !== 'string' || !isIsoDate(value))
      throw badInput('Date', `'${shorten(String(value))}' is not a date (YYYY-MM-DD)`);
    return value;
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw badInput('Date', 'date literals must be "YYYY-MM-DD" strings');
    if (!isIsoDate(ast.value)) throw badInput('Date', `'${shorten(ast.value)}' is not a date (YYYY-MM-DD)`);
    return ast.value;
  },
});

const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: 'Instant, ISO 8601',
  serialize: (value) => String(value),
  parseValue: (value) => {
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value)))
      throw badInput('DateTime', `'${shorten(String(value))}' is not an ISO date-time`);
    return value;
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING || Number.isNaN(Date.parse(ast.value)))
      throw badInput('DateTime', 'date-time literals must be ISO strings');
    return ast.value;
  },
});

const JSONScalar = new GraphQLScalarType<unknown, unknown>({
  name: 'JSON',
  serialize: (value) => value,
  parseValue: (value) => value,
});

export const API_VERSION = '1';

export const commonResolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  JSON: JSONScalar,
  Query: { apiVersion: () => API_VERSION, databaseId: (_root, _args, ctx) => databaseIdentity(ctx.db, ctx.signal) },
  Mutation: { _noop: () => null },
};
