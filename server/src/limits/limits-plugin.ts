// The yoga plugin that applies the operation limits and the heavy-operation gates, and runs each execution with its
// request's abort signal so that a client going away cancels the Neo4j transactions it started.
import { GraphQLError, Kind, getOperationAST, type DocumentNode, type GraphQLSchema, type SelectionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { withCancellation } from '../db/cancellation.js';
import { checkOperation, type OperationLimits } from './operation-limits.js';
import { HEAVY_FIELDS, type OperationGates } from './operation-gates.js';

export interface LimitsPluginOptions {
  limits: OperationLimits;
  gates: OperationGates;
}

export function useOperationLimits({ limits, gates }: LimitsPluginOptions): Plugin {
  return {
    onExecute({ args, executeFn, setExecuteFn, setResultAndStopExecution }) {
      const rejection = checkOperation(
        args.schema,
        args.document,
        args.operationName,
        args.variableValues as Record<string, unknown> | null | undefined,
        limits,
      );
      if (rejection) {
        setResultAndStopExecution({ errors: [rejection] });
        return;
      }
      const heavy = heavyRootFields(args.schema, args.document, args.operationName);
      // Aliases of one heavy field run side by side inside one permit: allow no more of them than there are permits.
      const repeated = [...new Set(heavy)].find((name) => heavy.filter((h) => h === name).length > gates.permits);
      if (repeated !== undefined) {
        const field = repeated.split('.')[1];
        const count = heavy.filter((h) => h === repeated).length;
        setResultAndStopExecution({
          errors: [
            new GraphQLError(
              `query: ${field} is selected ${count} times; one operation may select it at most ${gates.permits} times`,
              {
                extensions: { code: 'BAD_USER_INPUT', field: 'query', limit: 'heavyConcurrency', http: { status: 400 } },
              },
            ),
          ],
        });
        return;
      }
      const permit = gates.tryAcquire(heavy);
      if ('busy' in permit) {
        setResultAndStopExecution({
          errors: [
            new GraphQLError(`${permit.busy.split('.')[1]} is busy: ${gates.permits} already running; retry in a moment.`, {
              extensions: { code: 'UNAVAILABLE', http: { status: 503, headers: { 'retry-after': '1' } } },
            }),
          ],
        });
        return;
      }
      const signal = (args.contextValue as { request?: Request }).request?.signal;
      setExecuteFn(async (executionArgs) => {
        try {
          return await withCancellation(signal, () => executeFn(executionArgs));
        } finally {
          permit.release();
        }
      });
    },
  };
}

/** The heavy root fields an operation selects, as "Query.network", once per selection (fragments on the root type included). */
function heavyRootFields(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): string[] {
  const operation = getOperationAST(document, operationName);
  const root = operation ? schema.getRootType(operation.operation)?.name : undefined;
  if (!operation || !root) return [];
  const found: string[] = [];
  const seen = new Set<string>();
  const visit = (selections: readonly SelectionNode[]): void => {
    for (const selection of selections) {
      if (selection.kind === Kind.FIELD) {
        const name = `${root}.${selection.name.value}`;
        if (HEAVY_FIELDS.includes(name)) found.push(name);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet.selections);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = document.definitions.find(
          (d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value,
        );
        if (fragment?.kind === Kind.FRAGMENT_DEFINITION) visit(fragment.selectionSet.selections);
      }
    }
  };
  visit(operation.selectionSet.selections);
  return found;
}
