// Resolvers for subgraph queries (the map's data), with the analytics of one run on the nodes.
import type { GraphQLResolveInfo } from 'graphql';
import type { GraphQLContext } from '../../context.js';
import { notFound, badInput } from '../../errors.js';
import { checkedRun, currentRun } from '../common/run-argument.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { integerInRange, optionalDate } from '../common/validation.js';
import {
  loadEgoNetwork,
  loadNetwork,
  MAX_EGO_DEPTH,
  NETWORK_SCORE_FIELDS,
  type NetworkScoreField,
  type NodeAnalytics,
} from '../../store/network.js';
import { selectedFields } from '../common/selection.js';
import { maskingLevel, networkAnswerBytes } from '../common/answer-cache.js';
import { encodeColumns } from './columns.js';

export const MAX_NETWORK_LIMIT = 200_000;
export const MAX_EGO_LIMIT = 20_000;
/** Communities one network filter may name (the community map expands at most this many). */
export const MAX_FILTER_COMMUNITIES = 50;

/**
 * What the operation wants of the run's analytics and which run (the given one, checked, or the current one;
 * null before any run). Nothing selected: no read.
 */
async function nodeAnalytics(
  context: GraphQLContext,
  info: GraphQLResolveInfo,
  run: string | null | undefined,
): Promise<NodeAnalytics> {
  const { scoreFields, detected, positions, relationships } = selectedAnalytics(info);
  const wanted = scoreFields !== null || detected || positions || (selectedFields(info, ['attributes'])?.has('run') ?? false);
  const resolved = run !== null && run !== undefined ? await checkedRun(context, run) : wanted ? await currentRun(context) : null;
  return {
    run: resolved,
    scores: scoreFields === null ? null : NETWORK_SCORE_FIELDS.filter((f): f is NetworkScoreField => scoreFields.has(f)),
    detected,
    positions,
    relationships,
  };
}

/** The tie columns read from the pairs' measured relationships (RELATES). */
const RELATIONSHIP_COLUMNS = ['strengths', 'firstInteraction', 'lastInteraction'] as const;

/**
 * The scores, memberships and layout positions asked for, in either shape: the nodes' attributes or the columns
 * (positions: columns only); and whether the ties' measured relationships are (columns only).
 */
function selectedAnalytics(info: GraphQLResolveInfo): {
  scoreFields: Set<string> | null;
  detected: boolean;
  positions: boolean;
  relationships: boolean;
} {
  const tieColumns = selectedFields(info, ['columns', 'ties']);
  return {
    scoreFields: union(
      selectedFields(info, ['nodes', 'attributes', 'scores']),
      selectedFields(info, ['columns', 'nodes', 'scores']),
    ),
    detected:
      selectedFields(info, ['nodes', 'attributes', 'detected']) !== null ||
      selectedFields(info, ['columns', 'nodes', 'detected']) !== null,
    positions: selectedFields(info, ['columns', 'nodes', 'positions']) !== null,
    relationships: RELATIONSHIP_COLUMNS.some((column) => tieColumns?.has(column) ?? false),
  };
}

function union(a: Set<string> | null, b: Set<string> | null): Set<string> | null {
  return a === null ? b : b === null ? a : new Set([...a, ...b]);
}

/** What of the run's analytics (and of the ties' relationships) an operation selected: part of a cached answer's key. */
function analyticsSelection(info: GraphQLResolveInfo): unknown {
  const { scoreFields, detected, positions, relationships } = selectedAnalytics(info);
  return [
    [...(scoreFields ?? [])].sort(),
    detected,
    positions,
    relationships,
    selectedFields(info, ['attributes'])?.has('run') ?? false,
  ];
}

export const networkResolvers: Resolvers = {
  NetworkGraph: {
    columns: (graph) => encodeColumns(graph),
  },
  Query: {
    network: async (_, { filter, limit, run }, context, info) => {
      const since = optionalDate('filter.since', filter?.since);
      const until = optionalDate('filter.until', filter?.until);
      if (since && until && until < since) throw badInput('filter.until', `${until} is before since (${since})`);
      if ((filter?.communities?.length ?? 0) > MAX_FILTER_COMMUNITIES) {
        throw badInput('filter.communities', `at most ${MAX_FILTER_COMMUNITIES} communities`);
      }
      const checkedLimit = integerInRange('limit', limit, 25_000, 1, MAX_NETWORK_LIMIT);
      return context.answers.get({
        kind: 'network',
        key: [filter ?? null, checkedLimit, run ?? null, analyticsSelection(info)],
        level: maskingLevel(context.viewer),
        size: networkAnswerBytes,
        load: async () => loadNetwork(context.db, filter, checkedLimit, await nodeAnalytics(context, info, run)),
      });
    },
    egoNetwork: async (_, { id, depth, limit, tieTypes, run }, context, info) => {
      const checkedDepth = integerInRange('depth', depth, 1, 1, MAX_EGO_DEPTH);
      const checkedLimit = integerInRange('limit', limit, 2000, 1, MAX_EGO_LIMIT);
      const graph = await context.answers.get({
        kind: 'egoNetwork',
        key: [id, checkedDepth, checkedLimit, tieTypes ?? null, run ?? null, analyticsSelection(info)],
        level: maskingLevel(context.viewer),
        size: (answer) => (answer.graph ? networkAnswerBytes(answer.graph) : 64),
        load: async () => ({
          graph: await loadEgoNetwork(
            context.db,
            id,
            checkedDepth,
            checkedLimit,
            tieTypes,
            await nodeAnalytics(context, info, run),
          ),
        }),
      });
      if (!graph.graph) throw notFound('Stakeholder', id);
      return graph.graph;
    },
  },
};
