// Assessments (power, interest, attitude with history) and the power–interest grid that sets them against network
// power from an analysis run. Arguments are checked here; the Cypher is in store/assessments.ts.
import { badInput, notFound } from '../../errors.js';
import {
  isNetworkBroker,
  isPowerfulPeripheral,
  isRating,
  percentileOf,
  RATING_MAX,
  RATING_MIN,
  type NetworkPower,
} from '../../domain/network-power.js';
import { hasControlCharacters, isValidId, MAX_TEXT_LENGTH } from '../../domain/validators.js';
import * as store from '../../store/assessments.js';
import type { Database } from '../../db/database.js';
import type { GraphQLContext } from '../../context.js';
import { connectionResolvers, pageRequest } from '../common/pagination.js';
import { optionalRun } from '../common/run-argument.js';
import { instant } from '../interactions/resolvers.js';
import type { Resolvers } from '../generated/resolvers-types.js';

/** An assessment may be dated up to a day ahead (time zones), no further. */
const FUTURE_TOLERANCE_MS = 86_400_000;
const MAX_GRID_ENTRIES = 2_000;
const MAX_BROKERS = 100;

function rating(field: string, value: number): number {
  if (!isRating(value)) throw badInput(field, `must be an integer from ${RATING_MIN} to ${RATING_MAX}, got ${value}`);
  return value;
}

function integerArgument(field: string, value: number | null | undefined, fallback: number, max: number): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 0 || n > max) throw badInput(field, `must be between 0 and ${max}, got ${n}`);
  return n;
}

// A complete run's scores never change: its sorted distribution is kept for the few runs last asked about.
const distributions = new WeakMap<Database, Map<string, Promise<store.ScoreDistribution>>>();
const KEPT_RUNS = 4;

function distributionOf(db: Database, runId: string): Promise<store.ScoreDistribution> {
  const byRun = distributions.get(db) ?? new Map<string, Promise<store.ScoreDistribution>>();
  distributions.set(db, byRun);
  let found = byRun.get(runId);
  if (!found) {
    found = store.scoreDistribution(db, runId);
    found.catch(() => byRun.delete(runId));
    byRun.set(runId, found);
    while (byRun.size > KEPT_RUNS) byRun.delete(byRun.keys().next().value!);
  }
  return found;
}

function powerOf(runId: string, score: store.RunScore, distribution: store.ScoreDistribution): NetworkPower {
  return {
    run: runId,
    pagerank: score.pagerank,
    pagerankPercentile: percentileOf(distribution.pagerank, score.pagerank),
    betweenness: score.betweenness,
    betweennessPercentile: percentileOf(distribution.betweenness, score.betweenness),
  };
}

/** Network power of these stakeholders in a run (absent: not in it). */
async function networkPowers(db: Database, runId: string, ids: readonly string[]): Promise<Map<string, NetworkPower>> {
  const [scores, distribution] = await Promise.all([store.runScores(db, runId, ids), distributionOf(db, runId)]);
  return new Map([...scores].map(([id, score]) => [id, powerOf(runId, score, distribution)]));
}

async function stakeholderOrThrow(context: GraphQLContext, id: string) {
  const stakeholder = await context.loaders.stakeholder.load(id);
  if (!stakeholder) throw notFound('Stakeholder', id);
  return stakeholder;
}

export const assessmentResolvers: Resolvers = {
  Query: {
    powerInterestGrid: async (_, { run, first, brokers }, context) => {
      const limit = integerArgument('first', first, 500, MAX_GRID_ENTRIES);
      const brokerLimit = integerArgument('brokers', brokers, 20, MAX_BROKERS);
      const runId = await optionalRun(context, run);
      const { assessments, total } = await store.latestAssessmentOfEveryone(context.db, limit);
      const powers =
        runId === null
          ? new Map<string, NetworkPower>()
          : await networkPowers(
              context.db,
              runId,
              assessments.map((a) => a.stakeholder),
            );
      const entries: store.GridEntryRecord[] = assessments.map((assessment) => ({
        stakeholder: assessment.stakeholder,
        assessment,
        network: powers.get(assessment.stakeholder) ?? null,
      }));
      let unratedBrokers: store.UnratedBrokerRecord[] = [];
      if (runId !== null && brokerLimit > 0) {
        const distribution = await distributionOf(context.db, runId);
        unratedBrokers = (await store.unassessedByBetweenness(context.db, runId, brokerLimit))
          .map((score) => ({ stakeholder: score.stakeholder, network: powerOf(runId, score, distribution) }))
          .filter((broker) => isNetworkBroker(broker.network));
      }
      return {
        run: runId,
        assessedCount: total,
        entries,
        ratedPowerfulPeripheral: runId === null ? [] : entries.filter((e) => isPowerfulPeripheral(e.assessment.power, e.network)),
        unratedBrokers,
      };
    },
  },
  Stakeholder: {
    assessments: (stakeholder, { first, after }, { db, config }) =>
      store.assessmentsOf(db, stakeholder.id, pageRequest(first, after, config.maxPageSize)),
    latestAssessment: async (stakeholder, _, { db }) =>
      (await store.latestAssessments(db, [stakeholder.id])).get(stakeholder.id) ?? null,
    networkPower: async (stakeholder, { run }, context) => {
      const runId = await optionalRun(context, run);
      if (runId === null) return null;
      return (await networkPowers(context.db, runId, [stakeholder.id])).get(stakeholder.id) ?? null;
    },
  },
  AssessmentConnection: connectionResolvers,
  PowerInterestEntry: {
    stakeholder: (entry, _, context) => stakeholderOrThrow(context, entry.stakeholder),
  },
  UnratedBroker: {
    stakeholder: (broker, _, context) => stakeholderOrThrow(context, broker.stakeholder),
  },
  Mutation: {
    assessStakeholder: async (_, { stakeholder, input }, context) => {
      if (!isValidId(stakeholder)) throw badInput('stakeholder', 'is not a valid stakeholder id');
      const now = new Date();
      const at = input.at ? instant('input.at', input.at) : now.toISOString();
      if (Date.parse(at) > now.getTime() + FUTURE_TOLERANCE_MS)
        throw badInput('input.at', 'must not be more than a day in the future');
      const note = input.note?.trim() || null;
      if (note !== null && note.length > MAX_TEXT_LENGTH)
        throw badInput('input.note', `must be at most ${MAX_TEXT_LENGTH} characters, got ${note.length}`);
      if (note !== null && hasControlCharacters(note, true)) throw badInput('input.note', 'must not contain control characters');
      const assessment = await store.addAssessment(
        context.db,
        stakeholder,
        {
          at,
          power: rating('input.power', input.power),
          interest: rating('input.interest', input.interest),
          attitude: rating('input.attitude', input.attitude),
          note,
          author: context.viewer?.name ?? null,
        },
        now,
      );
      if (assessment === null) throw notFound('Stakeholder', stakeholder);
      return assessment;
    },
  },
};
