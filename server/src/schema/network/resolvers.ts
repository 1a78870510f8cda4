// Resolvers for subgraph queries (the map's data).
import { notFound, badInput } from '../../errors.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { integerInRange, optionalDate } from '../common/validation.js';
import { loadEgoNetwork, loadNetwork } from './network.repository.js';

export const MAX_NETWORK_LIMIT = 200_000;
export const MAX_EGO_LIMIT = 20_000;

export const networkResolvers: Resolvers = {
  Query: {
    network: (_, { filter, limit }, { db }) => {
      const since = optionalDate('filter.since', filter?.since);
      const until = optionalDate('filter.until', filter?.until);
      if (since && until && until < since) throw badInput('filter.until', `${until} is before since (${since})`);
      return loadNetwork(db, filter, integerInRange('limit', limit, 25_000, 1, MAX_NETWORK_LIMIT));
    },
    egoNetwork: async (_, { id, depth, limit, tieTypes }, { db }) => {
      const graph = await loadEgoNetwork(
        db,
        id,
        integerInRange('depth', depth, 1, 1, 3),
        integerInRange('limit', limit, 2000, 1, MAX_EGO_LIMIT),
        tieTypes,
      );
      if (!graph) throw notFound('Stakeholder', id);
      return graph;
    },
  },
};
