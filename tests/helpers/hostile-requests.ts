// Builds hostile GraphQL requests for every Query and Mutation field of a schema read by introspection:
// one argument at a time gets a malformed or oversized value (the others a plausible one), plus whole
// requests that are hostile in shape (aliases, depth, size, circular fragments, batches).
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  isLeafType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';

export interface HostileRequest {
  /** What is hostile about it, for failure messages. */
  label: string;
  body: string;
  /** A mutation: must be rejected without writing anything. */
  mutation: boolean;
}

export const INTROSPECTION_QUERY = getIntrospectionQuery();

export function schemaFromIntrospection(result: IntrospectionQuery): GraphQLSchema {
  return buildClientSchema(result);
}

const HUGE = 'x'.repeat(100_001);
const LONG = 'x'.repeat(10_001);

/** Values that no argument of this type may accept; `forWrite` leaves out those that are valid data. */
function hostileLeaves(type: GraphQLInputType, forWrite: boolean): unknown[] {
  const named = getNamedType(type);
  if (named instanceof GraphQLEnumType) return ['NOT_A_VALUE', '', 42];
  if (!(named instanceof GraphQLScalarType)) return [];
  switch (named.name) {
    // In-range numbers can be valid data (a seed, a role's value): writes only get the ones nothing accepts.
    case 'Int':
      return forWrite
        ? [2 ** 31, -(2 ** 31) - 1, 1.5, '1', null]
        : [-1, -2147483648, 2147483647, 2 ** 31, -(2 ** 31) - 1, 1.5, '1', null];
    case 'Float':
      return forWrite
        ? [1e308, -1e308, Number.MAX_VALUE, 'NaN', 'Infinity', null]
        : [-1, 1e308, -1e308, Number.MAX_VALUE, 'NaN', 'Infinity', null];
    case 'Boolean':
      return ['yes', 1];
    case 'Date':
    case 'DateTime':
      return ['2024-13-45', '0000-00-00', 'yesterday', LONG, '2024-02-30'];
    case 'JSON':
      return [LONG];
    default: {
      const invalid = [
        '\u0000',
        'a\u0000b',
        '\u001b[31mred',
        'line\nbreak',
        'del\u007f',
        'lone \ud800 surrogate',
        LONG,
        HUGE,
        '💥'.repeat(6000),
        42,
      ];
      // An ID accepts a number (it becomes "42"): valid data, so not for writes.
      if (forWrite && named.name === 'ID') invalid.pop();
      return forWrite
        ? invalid
        : [...invalid, '', ' ', "'; MATCH (n) DETACH DELETE n //", '*', '"', 'AND OR NOT ~ ^ \\', '%_%', '\u2028'];
    }
  }
}

/** A value the argument accepts, for the arguments a request is not attacking. */
function plausible(type: GraphQLInputType): unknown {
  if (type instanceof GraphQLNonNull) return plausible(type.ofType);
  if (type instanceof GraphQLList) return [plausible(type.ofType)];
  if (type instanceof GraphQLEnumType) return type.getValues()[0]?.name;
  if (type instanceof GraphQLInputObjectType) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (field.type instanceof GraphQLNonNull) value[field.name] = plausible(field.type);
    }
    return value;
  }
  switch ((type as GraphQLScalarType).name) {
    case 'Int':
      return 1;
    case 'Float':
      return 0.5;
    case 'Boolean':
      return true;
    case 'Date':
      return '2024-01-01';
    case 'DateTime':
      return '2024-01-01T00:00:00Z';
    case 'JSON':
      return {};
    default:
      return 'does-not-exist';
  }
}

/** Hostile values for one argument or input field, recursing into input objects one field at a time. */
function hostileValues(type: GraphQLInputType, forWrite: boolean, depth = 0): Array<{ label: string; value: unknown }> {
  const required = type instanceof GraphQLNonNull;
  const inner = required ? type.ofType : type;
  const out: Array<{ label: string; value: unknown }> = [];
  if (required) out.push({ label: 'null for a required value', value: null });
  if (inner instanceof GraphQLList) {
    const element = plausible(inner.ofType);
    out.push({ label: '10,000 entries', value: Array.from({ length: 10_000 }, () => element) });
    out.push({ label: '20,001 entries', value: Array.from({ length: 20_001 }, () => element) });
    out.push({ label: 'a list of lists', value: [[element]] });
    for (const v of hostileValues(inner.ofType, forWrite, depth).slice(0, 4))
      out.push({ label: `[${v.label}]`, value: [v.value] });
    return out;
  }
  if (inner instanceof GraphQLInputObjectType) {
    out.push({ label: 'unknown field', value: { ...(plausible(inner) as object), notAField: 1 } });
    out.push({ label: 'a string instead of an object', value: 'x' });
    if (depth < 2) {
      const base = plausible(inner) as Record<string, unknown>;
      for (const field of Object.values(inner.getFields())) {
        for (const v of hostileValues(field.type, forWrite, depth + 1)) {
          out.push({ label: `${field.name}: ${v.label}`, value: { ...base, [field.name]: v.value } });
        }
      }
    }
    return out;
  }
  for (const value of hostileLeaves(inner, forWrite)) {
    if (value === null && !required) continue; // null is a valid "not given"
    out.push({ label: describe(value), value });
  }
  return out;
}

function describe(value: unknown): string {
  if (typeof value === 'string') {
    const shown = value.length > 24 ? `${JSON.stringify(value.slice(0, 12))}… (${value.length} chars)` : JSON.stringify(value);
    return `string ${shown}`;
  }
  return JSON.stringify(value);
}

/** A small selection of a field's result: scalars, and one level into objects (first ones only). */
function selection(type: GraphQLOutputType, depth = 0): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (!isObjectType(named) || depth > 1) return '{ __typename }';
  const fields = Object.values((named as GraphQLObjectType).getFields()).filter((f) =>
    f.args.every((a) => !(a.type instanceof GraphQLNonNull)),
  );
  const leaves = fields.filter((f) => isLeafType(getNamedType(f.type))).slice(0, 4);
  const objects = depth === 0 ? fields.filter((f) => isObjectType(getNamedType(f.type))).slice(0, 2) : [];
  const parts = [...leaves.map((f) => f.name), ...objects.map((f) => `${f.name} ${selection(f.type, depth + 1)}`)];
  return `{ __typename ${parts.join(' ')} }`;
}

/** `value` as a GraphQL literal of `type` (enum names bare); null when it has no literal form. */
function literal(value: unknown, type: GraphQLInputType): string | null {
  const named = getNamedType(type);
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    const items = value.map((v) => literal(v, type instanceof GraphQLNonNull ? (type.ofType as GraphQLInputType) : type));
    return items.includes(null) ? null : `[${items.join(', ')}]`;
  }
  if (typeof value === 'object') {
    const fields = named instanceof GraphQLInputObjectType ? named.getFields() : {};
    const parts = Object.entries(value as Record<string, unknown>).map(([k, v]) => {
      const printed = literal(v, fields[k]?.type ?? (named as GraphQLInputType));
      return printed === null ? null : `${k}: ${printed}`;
    });
    return parts.includes(null) ? null : `{${parts.join(', ')}}`;
  }
  if (typeof value === 'string' && named instanceof GraphQLEnumType && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value)) return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  return JSON.stringify(value);
}

function typeRef(type: GraphQLInputType): string {
  return String(type);
}

function fieldRequests(operation: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): HostileRequest[] {
  const forWrite = operation === 'mutation';
  const args = field.args;
  const declared = args.map((a) => `$${a.name}: ${typeRef(a.type)}`).join(', ');
  const passed = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const query = `${operation}${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''} ${selection(field.type)} }`;
  const base: Record<string, unknown> = {};
  for (const arg of args) if (arg.type instanceof GraphQLNonNull) base[arg.name] = plausible(arg.type);
  const requests: HostileRequest[] = [];
  for (const arg of args) {
    for (const { label, value } of hostileValues(arg.type, forWrite)) {
      requests.push({
        label: `${operation} ${field.name}(${arg.name}: ${label})`,
        body: JSON.stringify({ query, variables: { ...base, [arg.name]: value } }),
        mutation: forWrite,
      });
    }
  }
  // The same values written inline in the document go through the parser and validator instead.
  for (const arg of args) {
    const others = args.filter((a) => a !== arg && a.type instanceof GraphQLNonNull);
    for (const { label, value } of [
      ...hostileValues(arg.type, forWrite),
      { label: 'an object', value: { a: { b: [1, 'x'] } } },
    ]) {
      const printed = literal(value, arg.type);
      if (printed === null || printed.length > 100_000) continue;
      const inline = [`${arg.name}: ${printed}`, ...others.map((a) => `${a.name}: ${literal(plausible(a.type), a.type)}`)];
      requests.push({
        label: `${operation} ${field.name}(${arg.name}: ${label}, inline)`,
        body: JSON.stringify({ query: `${operation} { ${field.name}(${inline.join(', ')}) ${selection(field.type)} }` }),
        mutation: forWrite,
      });
    }
  }
  return requests;
}

/** Requests hostile in shape rather than in one value. */
function shapeRequests(schema: GraphQLSchema): HostileRequest[] {
  const query = schema.getQueryType()!;
  const cheap = Object.values(query.getFields()).find((f) => f.args.length === 0 && isLeafType(getNamedType(f.type)));
  const leaf = cheap?.name ?? '__typename';
  const requests: HostileRequest[] = [];
  const add = (label: string, body: unknown) =>
    requests.push({ label, body: typeof body === 'string' ? body : JSON.stringify(body), mutation: false });
  add('1,000 aliases', { query: `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: ${leaf}`).join(' ')} }` });
  add('500-level nesting', { query: `{ __schema { types { ${'ofType { '.repeat(500)}name${' }'.repeat(500)} } } }` });
  add('circular fragments', { query: `query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }` });
  add('a 5 MB query', { query: `{ ${leaf} } # ${'x'.repeat(5_000_000)}` });
  add('10,000 directives', { query: `{ ${leaf} ${'@include(if: true) '.repeat(10_000)}}` });
  add('unknown operation name', { query: `query A { ${leaf} }`, operationName: 'B' });
  add('variables not an object', { query: `{ ${leaf} }`, variables: [1, 2, 3] });
  add('query not a string', { query: { not: 'a string' } });
  add(
    'a batch of 1,000 operations',
    Array.from({ length: 1000 }, () => ({ query: `{ ${leaf} }` })),
  );
  add('not JSON', '{"query": "{ __typename }"');
  add('a JSON string', '"just a string"');
  add('deeply nested variables', `{"query": "{ ${leaf} }", "variables": ${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`);
  add('unterminated string', { query: `{ ${leaf}(x: "abc) }` });
  add('10,000 fields', { query: `{ ${`${leaf} `.repeat(10_000)}}` });
  return requests;
}

/** Every hostile request for the schema: per argument of every root field, then the shape attacks. */
export function hostileRequests(schema: GraphQLSchema): HostileRequest[] {
  const requests: HostileRequest[] = [];
  for (const [operation, root] of [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const) {
    if (!root) continue;
    for (const field of Object.values(root.getFields())) requests.push(...fieldRequests(operation, field));
  }
  return [...requests, ...shapeRequests(schema)];
}
