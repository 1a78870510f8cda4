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
  NETWORK_SCORE_FIELDS,
  type NetworkScoreField,
  type NodeAnalytics,
} from '../../store/network.js';
import { selectedFields } from './selection.js';
import { encodeColumns } from './columns.js';

export const MAX_NETWORK_LIMIT = 200_000;
export const MAX_EGO_LIMIT = 20_000;

/**
 * What the operation wants of the run's analytics and which run (the given one, checked, or the current one;
 * null before any run). Nothing selected: no read.
 */
async function nodeAnalytics(
  context: GraphQLContext,
  info: GraphQLResolveInfo,
  run: string | null | undefined,
): Promise<NodeAnalytics> {
  // Asked for in either shape: nodes' attributes or the columns.
  const scoreFields = union(
    selectedFields(info, ['nodes', 'attributes', 'scores']),
    selectedFields(info, ['columns', 'nodes', 'scores']),
  );
  const detected =
    selectedFields(info, ['nodes', 'attributes', 'detected']) !== null ||
    selectedFields(info, ['columns', 'nodes', 'detected']) !== null;
  const wanted = scoreFields !== null || detected || (selectedFields(info, ['attributes'])?.has('run') ?? false);
  const resolved = run !== null && run !== undefined ? await checkedRun(context, run) : wanted ? await currentRun(context) : null;
  return {
    run: resolved,
    scores: scoreFields === null ? null : NETWORK_SCORE_FIELDS.filter((f): f is NetworkScoreField => scoreFields.has(f)),
    detected,
  };
}

function union(a: Set<string> | null, b: Set<string> | null): Set<string> | null {
  return a === null ? b : b === null ? a : new Set([...a, ...b]);
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
      const checkedLimit = integerInRange('limit', limit, 25_000, 1, MAX_NETWORK_LIMIT);
      // The run is resolved while the ties are read (the node read, which needs it, comes after them).
      return loadNetwork(context.db, filter, checkedLimit, nodeAnalytics(context, info, run));
    },
    egoNetwork: async (_, { id, depth, limit, tieTypes, run }, context, info) => {
      const checkedDepth = integerInRange('depth', depth, 1, 1, 3);
      const checkedLimit = integerInRange('limit', limit, 2000, 1, MAX_EGO_LIMIT);
      // Resolved while the hops are read and awaited after them: until then its rejection (an unknown or
      // incomplete run) has no handler, and Node ends the process on it. Mark it handled; the await still throws.
      const analytics = nodeAnalytics(context, info, run);
      analytics.catch(() => undefined);
      const graph = await loadEgoNetwork(context.db, id, checkedDepth, checkedLimit, tieTypes, analytics);
      if (!graph) throw notFound('Stakeholder', id);
      return graph;
    },
  },
};
