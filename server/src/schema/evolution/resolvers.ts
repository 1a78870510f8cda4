// Community evolution between two analysis runs: both runs checked (they must exist and be complete), their core
// memberships read as sizes and flows (store/run-results.ts), the matching done by analytics/community-evolution.ts.
import type { GraphQLContext } from '../../context.js';
import type { AnalysisRun, Community } from '../../domain/models.js';
import { communityEvolution, EVOLUTION_RULES, type CommunityEvolution } from '../../analytics/community-evolution.js';
import { coreCommunitySizes, coreMembershipFlows } from '../../store/run-results.js';
import { findRun } from '../../store/runs.js';
import { checkedRun } from '../common/run-argument.js';
import type { Resolvers } from '../generated/resolvers-types.js';

/** The answer: the two runs and the evolution between them. */
export interface CommunityEvolutionModel {
  fromRun: AnalysisRun;
  toRun: AnalysisRun;
  evolution: CommunityEvolution;
}

async function community(context: GraphQLContext, id: string): Promise<Community> {
  const found = await context.loaders.community.load(id);
  // A community deleted since the run still shows, by id, rather than failing the whole answer.
  return found ?? { id, name: id, kind: 'DETECTED', category: null, description: null, size: 0 };
}

async function completeRun(context: GraphQLContext, id: string): Promise<AnalysisRun> {
  await checkedRun(context, id);
  const run = await findRun(context.db, id);
  if (run === null) throw new Error(`analysis run ${id} vanished`);
  return run;
}

export const evolutionResolvers: Resolvers = {
  Query: {
    communityEvolution: async (_, args, context) => {
      const [fromRun, toRun] = await Promise.all([completeRun(context, args.from), completeRun(context, args.to)]);
      const [earlier, later] = await Promise.all([
        coreCommunitySizes(context.db, fromRun.id),
        coreCommunitySizes(context.db, toRun.id),
      ]);
      // A run against itself: everyone stays (one pattern cannot use the same membership twice in Cypher).
      const flows =
        fromRun.id === toRun.id
          ? earlier.map((c) => ({ from: c.id, to: c.id, count: c.size }))
          : await coreMembershipFlows(context.db, fromRun.id, toRun.id);
      return { fromRun, toRun, evolution: communityEvolution(earlier, later, flows) };
    },
  },
  CommunityEvolution: {
    from: (m) => m.fromRun,
    to: (m) => m.toRun,
    rules: () => ({
      minimumSize: EVOLUTION_RULES.minTrackedSize,
      minimumShared: EVOLUTION_RULES.minShared,
      jaccard: EVOLUTION_RULES.matchJaccard,
      share: EVOLUTION_RULES.matchShare,
      sizeChange: EVOLUTION_RULES.sizeChange,
    }),
    fromCommunities: (m) => m.evolution.from,
    toCommunities: (m) => m.evolution.to,
    flows: (m) => m.evolution.flows,
    events: (m) => m.evolution.events,
  },
  EvolvingCommunity: {
    community: (c, _, context) => community(context, c.id),
    members: (c) => c.size,
  },
  CommunityFlow: {
    from: (f, _, context) => (f.from === null ? null : community(context, f.from)),
    to: (f, _, context) => (f.to === null ? null : community(context, f.to)),
    members: (f) => f.count,
  },
  CommunityEvent: {
    from: (e, _, context) => Promise.all(e.from.map((id) => community(context, id))),
    to: (e, _, context) => Promise.all(e.to.map((id) => community(context, id))),
  },
};
