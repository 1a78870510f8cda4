// One pass over an operation before it runs: caps on every argument (list lengths, string lengths and characters,
// finite numbers) and on its size (fields, estimated cost), with variables and defaults applied.
import {
  GraphQLError,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  getArgumentValues,
  getNamedType,
  getOperationAST,
  getVariableValues,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import type { RequestLimits } from '../config.js';

/** Input fields that carry whole documents (an import file): bounded by the body size, not the string cap. */
const DOCUMENT_INPUTS = new Set(['ImportInput.content']);

/** Arguments that say how much a field reads or computes: its subtree's cost is multiplied by each. */
export const SIZE_ARGUMENTS = ['first', 'limit', 'k', 'depth', 'maxHops', 'simulations'];

/** Largest magnitude a number argument may have: far above any real weight or count, far below overflow. */
export const MAX_NUMBER = 1e12;

// C0 controls except tab, line feed and carriage return, and DEL: matching them is the point.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export type OperationLimits = Pick<RequestLimits, 'maxCost' | 'maxFields' | 'maxListLength' | 'maxStringLength'>;

interface Size {
  cost: number;
  fields: number;
}

class LimitExceeded extends Error {
  constructor(
    readonly field: string,
    readonly limit: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Returns the first limit the operation breaks, as a BAD_USER_INPUT error (HTTP 400) naming the
 * argument path or the limit, or undefined when it is within every limit. Operations that graphql
 * itself will reject (unknown operation, variables of the wrong type) are left to it.
 */
export function checkOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  rawVariables: Record<string, unknown> | null | undefined,
  limits: OperationLimits,
): GraphQLError | undefined {
  const operation = getOperationAST(document, operationName);
  if (!operation) return undefined;
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return undefined;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {}, {
    maxErrors: 1,
  });
  if ('errors' in coerced) return undefined;
  const variables = coerced.coerced;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  // Each fragment is sized once: a fragment spread a thousand times costs one walk, not a thousand.
  const fragmentSizes = new Map<string, Size>();

  function fieldDefinition(parent: GraphQLNamedType, name: string): GraphQLField<unknown, unknown> | undefined {
    if (name === '__typename') return TypeNameMetaFieldDef;
    if (name === '__schema' && parent === rootType) return SchemaMetaFieldDef;
    if (name === '__type' && parent === rootType) return TypeMetaFieldDef;
    if (isObjectType(parent) || isInterfaceType(parent)) return parent.getFields()[name];
    return undefined;
  }

  function sizeOf(selectionSet: SelectionSetNode, parent: GraphQLNamedType): Size {
    const size: Size = { cost: 0, fields: 0 };
    for (const selection of selectionSet.selections) {
      let child: Size = { cost: 0, fields: 0 };
      if (selection.kind === Kind.FIELD) {
        const definition = fieldDefinition(parent, selection.name.value);
        if (!definition) continue; // validation has already refused unknown fields
        let multiplier = 1;
        if (definition.args.length > 0) {
          let args: Record<string, unknown>;
          try {
            args = getArgumentValues(definition, selection, variables);
          } catch {
            continue; // execution reports the bad argument itself
          }
          for (const arg of definition.args) {
            checkValue(args[arg.name], arg.type, `${selection.name.value}.${arg.name}`, limits);
            const value = args[arg.name];
            if (SIZE_ARGUMENTS.includes(arg.name) && typeof value === 'number' && value > 1) multiplier *= value;
          }
        }
        const inner = selection.selectionSet
          ? sizeOf(selection.selectionSet, getNamedType(definition.type))
          : { cost: 0, fields: 0 };
        child = { cost: 1 + multiplier * inner.cost, fields: 1 + inner.fields };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type) child = sizeOf(selection.selectionSet, type);
      } else {
        const name = selection.name.value;
        let known = fragmentSizes.get(name);
        if (!known) {
          const fragment = fragments.get(name);
          const type = fragment ? schema.getType(fragment.typeCondition.name.value) : undefined;
          // A cycle (refused by validation anyway) counts as empty while it is being walked.
          fragmentSizes.set(name, { cost: 0, fields: 0 });
          known = fragment && type ? sizeOf(fragment.selectionSet, type) : { cost: 0, fields: 0 };
          fragmentSizes.set(name, known);
        }
        child = known;
      }
      size.cost += child.cost;
      size.fields += child.fields;
    }
    return size;
  }

  try {
    const size = sizeOf(operation.selectionSet, rootType);
    if (size.fields > limits.maxFields) {
      throw new LimitExceeded(
        'query',
        'maxFields',
        `the operation selects ${size.fields} fields (fragments expanded); at most ${limits.maxFields} are allowed`,
      );
    }
    if (size.cost > limits.maxCost) {
      throw new LimitExceeded(
        'query',
        'maxCost',
        `the operation's estimated cost is ${Math.round(size.cost).toLocaleString('en')}, above the limit of ${limits.maxCost.toLocaleString('en')} ` +
          `(each field costs 1, times its ${SIZE_ARGUMENTS.join('/')} arguments); ask for smaller limits or fewer fields`,
      );
    }
    return undefined;
  } catch (error) {
    if (!(error instanceof LimitExceeded)) throw error;
    return new GraphQLError(`${error.field}: ${error.message}`, {
      extensions: { code: 'BAD_USER_INPUT', field: error.field, limit: error.limit, http: { status: 400 } },
    });
  }
}

function checkValue(value: unknown, type: GraphQLInputType, path: string, limits: OperationLimits, coordinate = ''): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) {
    checkValue(value, type.ofType, path, limits, coordinate);
    return;
  }
  if (isListType(type)) {
    const items = Array.isArray(value) ? (value as unknown[]) : [value];
    if (items.length > limits.maxListLength) {
      throw new LimitExceeded(path, 'maxListLength', `at most ${limits.maxListLength} entries are allowed, got ${items.length}`);
    }
    items.forEach((item, index) => checkValue(item, type.ofType as GraphQLInputType, `${path}[${index}]`, limits));
    return;
  }
  if (isInputObjectType(type)) {
    const record = value as Record<string, unknown>;
    for (const field of Object.values(type.getFields())) {
      checkValue(record[field.name], field.type, `${path}.${field.name}`, limits, `${type.name}.${field.name}`);
    }
    return;
  }
  checkLeaf(value, path, limits, DOCUMENT_INPUTS.has(coordinate));
}

/** Strings, numbers, and whatever a custom scalar (JSON) holds. */
function checkLeaf(value: unknown, path: string, limits: OperationLimits, isDocument: boolean): void {
  if (typeof value === 'string') {
    if (isDocument) return;
    if (value.length > limits.maxStringLength) {
      throw new LimitExceeded(
        path,
        'maxStringLength',
        `must be at most ${limits.maxStringLength} characters, got ${value.length}`,
      );
    }
    if (CONTROL.test(value)) {
      throw new LimitExceeded(path, 'characters', 'must not contain NUL or control characters (tab and line breaks are fine)');
    }
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value) || Math.abs(value) > MAX_NUMBER) {
      throw new LimitExceeded(path, 'number', `must be a finite number between -1e12 and 1e12, got ${value}`);
    }
  } else if (Array.isArray(value)) {
    if (value.length > limits.maxListLength) {
      throw new LimitExceeded(path, 'maxListLength', `at most ${limits.maxListLength} entries are allowed, got ${value.length}`);
    }
    value.forEach((item, index) => checkLeaf(item, `${path}[${index}]`, limits, false));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) checkLeaf(item, `${path}.${key}`, limits, false);
  }
}
