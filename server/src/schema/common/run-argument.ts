// The one rule for a `run` argument: a given run must exist (NOT_FOUND) and be complete (BAD_USER_INPUT on
// `run`); without one, the current run, read at most once per request.
import type { GraphQLContext } from '../../context.js';
import { apiError, badInput, notFound } from '../../errors.js';
import { runStatus } from '../../store/run-results.js';
import { currentRunId } from '../../store/runs.js';

const currentByRequest = new WeakMap<GraphQLContext, Promise<string | null>>();

/** The current run's id (null before any complete run), read once per request. */
export function currentRun(context: GraphQLContext): Promise<string | null> {
  let current = currentByRequest.get(context);
  if (!current) {
    current = currentRunId(context.db);
    currentByRequest.set(context, current);
  }
  return current;
}

/** Checks a run the client named: it must exist and be complete. */
export async function checkedRun(context: GraphQLContext, run: string): Promise<string> {
  const status = await runStatus(context.db, run);
  if (status === null) throw notFound('AnalysisRun', run);
  if (status !== 'COMPLETE') throw badInput('run', `analysis run '${run}' is ${status}; only complete runs have results`);
  return run;
}

/** The given run (checked), else the current one; NOT_FOUND before any run. */
export async function requiredRun(context: GraphQLContext, run: string | null | undefined): Promise<string> {
  if (run !== null && run !== undefined) return checkedRun(context, run);
  const current = await currentRun(context);
  if (current === null) throw apiError('NOT_FOUND', 'No analysis run yet: start one with the runAnalysis mutation.');
  return current;
}

/** The given run (checked), else the current one, else null: for fields that are empty before any run. */
export async function optionalRun(context: GraphQLContext, run: string | null | undefined): Promise<string | null> {
  if (run !== null && run !== undefined) return checkedRun(context, run);
  return currentRun(context);
}
