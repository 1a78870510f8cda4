// The access rules, in one place: a schema transform that reads @auth on every Query and Mutation
// field (who may call it) and @personal on any field (masked for viewers), wraps the resolvers
// accordingly, and writes an audit event for every mutation (ids and counts only).
import { getDirective, MapperKind, mapSchema } from '@graphql-tools/utils';
import {
  defaultFieldResolver,
  GraphQLError,
  getNullableType,
  isNonNullType,
  type GraphQLFieldConfig,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { roleAtLeast, type AccessRoleName, type Principal } from '../domain/access.js';
import { apiError } from '../errors.js';

export const MASK = '•••';

/** What the rules need from the request context. */
export interface AccessContext {
  viewer: Principal | null;
  /** Counts a mutation's resolver wants in its audit event (set during the call). */
  audit: { counts?: Record<string, unknown> };
  recordAudit(event: {
    actor: string;
    action: string;
    targets: string[];
    counts?: Record<string, unknown> | null;
    outcome: string;
  }): Promise<void>;
}

interface AuthRule {
  requires: AccessRoleName;
  anonymous: boolean;
}

function ruleOf(schema: GraphQLSchema, field: Parameters<typeof getDirective>[1]): AuthRule | undefined {
  const directive = getDirective(schema, field, 'auth')?.[0];
  if (!directive) return undefined;
  return {
    requires: String(directive.requires).toLowerCase() as AccessRoleName,
    anonymous: directive.anonymous === true,
  };
}

function rootTypes(schema: GraphQLSchema): Set<string> {
  return new Set([schema.getQueryType()?.name, schema.getMutationType()?.name].filter((n): n is string => !!n));
}

/** Every Query and Mutation field without an @auth rule, as `Type.field`. */
export function fieldsWithoutRule(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of [schema.getQueryType(), schema.getMutationType()]) {
    if (!type) continue;
    for (const [name, field] of Object.entries(type.getFields())) {
      if (!getDirective(schema, field, 'auth')?.[0]) missing.push(`${type.name}.${name}`);
    }
  }
  return missing;
}

export function unauthenticated(): GraphQLError {
  return apiError('UNAUTHENTICATED', 'Sign in first (session cookie or Authorization: Bearer).', { http: { status: 401 } });
}

export function forbidden(requires: AccessRoleName): GraphQLError {
  return apiError('FORBIDDEN', `This needs the ${requires} role or higher.`, { requires: requires.toUpperCase() });
}

/** Argument names whose values are ids (the only argument values an audit event keeps). */
const ID_ARGUMENTS = new Set(['id', 'ids', 'stakeholder', 'community', 'source', 'target', 'run', 'remove', 'from', 'to']);

function idsIn(value: unknown, into: string[]): void {
  if (typeof value === 'string') into.push(value.slice(0, 200));
  else if (Array.isArray(value)) for (const v of value) if (typeof v === 'string') into.push(v.slice(0, 200));
}

/** The ids a mutation touched: id-like arguments (top level and inside `input`), else the id of what it created. */
export function auditTargets(args: Record<string, unknown>, result: unknown): string[] {
  const targets: string[] = [];
  for (const [name, value] of Object.entries(args)) {
    if (ID_ARGUMENTS.has(name)) idsIn(value, targets);
    if (name === 'input' && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, v] of Object.entries(value)) if (ID_ARGUMENTS.has(inner)) idsIn(v, targets);
    }
  }
  if (targets.length === 0 && result && typeof result === 'object') {
    const created = result as { id?: unknown; apiToken?: { id?: unknown } };
    idsIn(created.id ?? created.apiToken?.id, targets);
  }
  return [...new Set(targets)];
}

function resultCounts(result: unknown): Record<string, unknown> | undefined {
  if (!result || typeof result !== 'object') return undefined;
  const report = result as { counts?: unknown; created?: unknown; updated?: unknown; dryRun?: unknown };
  if (!report.counts || typeof report.counts !== 'object') return undefined;
  return {
    ...(report.counts as Record<string, unknown>),
    created: report.created,
    updated: report.updated,
    dryRun: report.dryRun,
  };
}

function errorCode(error: unknown): string {
  const code = error instanceof GraphQLError ? error.extensions.code : undefined;
  return typeof code === 'string' ? code : 'INTERNAL';
}

function guardRoot(
  field: GraphQLFieldConfig<unknown, AccessContext>,
  fieldName: string,
  rule: AuthRule,
  audited: boolean,
): GraphQLFieldConfig<unknown, AccessContext> {
  const resolve: GraphQLFieldResolver<unknown, AccessContext> = field.resolve ?? defaultFieldResolver;
  const guarded: GraphQLFieldResolver<unknown, AccessContext> = async (source, args, context, info) => {
    const viewer = context.viewer;
    // Anonymous calls are refused before anything, unaudited (nobody to name; a flood would fill the trail).
    if (!rule.anonymous && !viewer) throw unauthenticated();
    const allowed = rule.anonymous || (!!viewer?.role && roleAtLeast(viewer.role, rule.requires));
    if (!audited) {
      if (!allowed) throw forbidden(rule.requires);
      return resolve(source, args, context, info);
    }
    context.audit = {};
    let outcome = 'ok';
    let result: unknown;
    try {
      // A refused mutation is audited too: who tried what, on which ids.
      if (!allowed) throw forbidden(rule.requires);
      result = await resolve(source, args, context, info);
      return result;
    } catch (error) {
      outcome = errorCode(error);
      throw error;
    } finally {
      await context
        .recordAudit({
          actor: viewer?.name ?? '(anonymous)',
          action: fieldName,
          targets: auditTargets(args as Record<string, unknown>, result),
          counts: context.audit.counts ?? resultCounts(result) ?? null,
          outcome,
        })
        .catch(() => console.error('[atlas] an audit event could not be written'));
    }
  };
  return { ...field, resolve: guarded };
}

function maskPersonal(field: GraphQLFieldConfig<unknown, AccessContext>): GraphQLFieldConfig<unknown, AccessContext> {
  const resolve: GraphQLFieldResolver<unknown, AccessContext> = field.resolve ?? defaultFieldResolver;
  const masked = isNonNullType(field.type) && String(getNullableType(field.type)) !== 'Boolean' ? MASK : null;
  return {
    ...field,
    resolve: (source, args, context, info) => {
      const role = context.viewer?.role;
      return role && roleAtLeast(role, 'analyst') ? resolve(source, args, context, info) : masked;
    },
  };
}

/** The schema with every rule applied; throws when a Query or Mutation field has no @auth. */
export function applyAccessRules(schema: GraphQLSchema): GraphQLSchema {
  const missing = fieldsWithoutRule(schema);
  if (missing.length > 0) throw new Error(`Fields without an @auth rule: ${missing.join(', ')}`);
  const roots = rootTypes(schema);
  const mutationType = schema.getMutationType()?.name;
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (fieldConfig, fieldName, typeName) => {
      const field = fieldConfig as GraphQLFieldConfig<unknown, AccessContext>;
      if (roots.has(typeName)) return guardRoot(field, fieldName, ruleOf(schema, field)!, typeName === mutationType);
      if (getDirective(schema, field, 'personal')?.[0]) return maskPersonal(field);
      return field;
    },
  });
}
