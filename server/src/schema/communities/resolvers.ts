// Resolvers for communities and memberships.
import { notFound, badInput } from '../../errors.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { connectionResolvers, pageRequest } from '../common/pagination.js';
import { optionalDate, optionalId, optionalText, requireText, strength } from '../common/validation.js';
import * as repository from '../../store/communities.js';
import { checkedRun, currentRun } from '../common/run-argument.js';

export const communityResolvers: Resolvers = {
  Query: {
    communities: async (_, { kind, run }, context) => {
      // A given run must be complete: a running one has no communities to show yet.
      const detectedRun =
        run !== null && run !== undefined
          ? await checkedRun(context, run)
          : kind === 'DECLARED'
            ? null
            : await currentRun(context);
      return repository.listCommunities(context.db, kind, detectedRun);
    },
    community: (_, { id }, { loaders }) => loaders.community.load(id),
  },
  Community: {
    roleCounts: (community, _, { db }) => repository.roleCounts(db, community.id),
    members: (community, { first, after }, { db, config }) =>
      repository.communityMembers(db, community.id, pageRequest(first, after, config.maxPageSize)),
  },
  Membership: {
    community: async (membership, _, { loaders }) => {
      const community = await loaders.community.load(membership.community);
      if (!community) throw notFound('Community', membership.community);
      return community;
    },
    stakeholder: async (membership, _, { loaders }) => {
      const stakeholder = await loaders.stakeholder.load(membership.stakeholder);
      if (!stakeholder) throw notFound('Stakeholder', membership.stakeholder);
      return stakeholder;
    },
  },
  MembershipConnection: connectionResolvers,
  Mutation: {
    createCommunity: async (_, { input }, { db, loaders }) => {
      const id = await repository.createCommunity(db, {
        id: optionalId('input.id', input.id),
        name: requireText('input.name', input.name),
        category: optionalText('input.category', input.category, 100),
        description: optionalText('input.description', input.description, 2000),
      });
      if (id === null) throw badInput('input.id', `a community with id '${input.id}' already exists`);
      const community = await loaders.community.load(id);
      if (!community) throw notFound('Community', id);
      return community;
    },
    addMembership: async (_, { input }, { db }) => {
      const result = await repository.addMembership(db, {
        stakeholder: input.stakeholder,
        community: input.community,
        strength: strength('input.strength', input.strength),
        since: optionalDate('input.since', input.since),
      });
      if ('missing' in result) {
        throw result.missing === 'stakeholder'
          ? notFound('Stakeholder', input.stakeholder)
          : notFound('Community', input.community);
      }
      return result.membership;
    },
    removeMembership: (_, { stakeholder, community }, { db }) => repository.removeMembership(db, stakeholder, community),
  },
};
