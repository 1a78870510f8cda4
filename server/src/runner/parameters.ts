// The parameters of a full analysis run: their type, defaults and validation (shared by GraphQL and the run service).
import { isRole, isTieType, ROLES, TIE_TYPES, type RoleName, type TieTypeName } from '../domain/vocabulary.js';
import { isIsoDate } from '../domain/validators.js';
import { isRunWeight, RUN_WEIGHTS } from '../domain/relationship-strength.js';
import type { ProjectionFilter, RunParameters } from '../domain/models.js';

export const DEFAULT_PARAMETERS: RunParameters = {
  resolution: 1,
  threshold: 0.2,
  seed: 42,
  pivots: 256,
  roles: null,
  tieTypes: null,
  since: null,
  until: null,
  weight: 'TIES',
};

/** A parameter problem: which field (e.g. "input.resolution") and what is wrong. */
export class ParameterError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'ParameterError';
  }
}

export interface RunParametersInput {
  resolution?: number | null;
  threshold?: number | null;
  seed?: number | null;
  pivots?: number | null;
  roles?: readonly string[] | null;
  tieTypes?: readonly string[] | null;
  since?: string | null;
  until?: string | null;
  weight?: string | null;
}

/** Validates and completes a filter; `prefix` is the argument path used in error fields. */
export function validateFilter(input: RunParametersInput, prefix: string): ProjectionFilter {
  const roles = input.roles && input.roles.length > 0 ? [...new Set(input.roles)] : null;
  roles?.forEach((r, i) => {
    if (!isRole(r)) throw new ParameterError(`${prefix}roles[${i}]`, `unknown role '${r}' (one of ${ROLES.join(', ')})`);
  });
  const tieTypes = input.tieTypes && input.tieTypes.length > 0 ? [...new Set(input.tieTypes)] : null;
  tieTypes?.forEach((t, i) => {
    if (!isTieType(t))
      throw new ParameterError(`${prefix}tieTypes[${i}]`, `unknown tie type '${t}' (one of ${TIE_TYPES.join(', ')})`);
  });
  const since = input.since ?? null;
  const until = input.until ?? null;
  if (since !== null && !isIsoDate(since)) throw new ParameterError(`${prefix}since`, `'${since}' is not a date (YYYY-MM-DD)`);
  if (until !== null && !isIsoDate(until)) throw new ParameterError(`${prefix}until`, `'${until}' is not a date (YYYY-MM-DD)`);
  if (since !== null && until !== null && until < since)
    throw new ParameterError(`${prefix}until`, `${until} is before since (${since})`);
  return { roles: roles as RoleName[] | null, tieTypes: tieTypes as TieTypeName[] | null, since, until };
}

/** Validates run parameters and fills in defaults; throws ParameterError naming the field. */
export function validateRunParameters(input: RunParametersInput, prefix = 'input.'): RunParameters {
  const resolution = input.resolution ?? DEFAULT_PARAMETERS.resolution;
  if (!Number.isFinite(resolution) || resolution <= 0 || resolution > 100) {
    throw new ParameterError(`${prefix}resolution`, `must be a number in (0, 100], got ${resolution}`);
  }
  const threshold = input.threshold ?? DEFAULT_PARAMETERS.threshold;
  if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
    throw new ParameterError(`${prefix}threshold`, `must be between 0 and 1, got ${threshold}`);
  }
  const seed = input.seed ?? DEFAULT_PARAMETERS.seed;
  if (!Number.isInteger(seed) || seed < 0) throw new ParameterError(`${prefix}seed`, `must be an integer ≥ 0, got ${seed}`);
  const pivots = input.pivots ?? DEFAULT_PARAMETERS.pivots;
  if (!Number.isInteger(pivots) || pivots < 1 || pivots > 100_000) {
    throw new ParameterError(`${prefix}pivots`, `must be an integer between 1 and 100000, got ${pivots}`);
  }
  const weight = input.weight ?? DEFAULT_PARAMETERS.weight;
  if (!isRunWeight(weight))
    throw new ParameterError(`${prefix}weight`, `unknown weight '${weight}' (one of ${RUN_WEIGHTS.join(', ')})`);
  return { resolution, threshold, seed, pivots, weight, ...validateFilter(input, prefix) };
}
