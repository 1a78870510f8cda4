// The community map of a run: its detected communities as discs placed by the run's layout, with their role mix, and
// the ties between them aggregated (stored at write-back, read in one query, cached by data version).
import type { GraphQLContext } from '../../context.js';
import { badInput } from '../../errors.js';
import { ROLES, type RoleName } from '../../domain/vocabulary.js';
import { readCommunityMap, type StoredCommunityMap } from '../../store/community-map.js';
import { maskingLevel } from '../common/answer-cache.js';
import { optionalRun } from '../common/run-argument.js';
import type { Resolvers } from '../generated/resolvers-types.js';

/** Role holders as (role, count), most held first; roles nobody holds are left out. */
export function roleMixOf(counts: readonly number[]): Array<{ role: RoleName; count: number }> {
  return ROLES.map((role, r) => ({ role, count: Math.round(counts[r] ?? 0) }))
    .filter((m) => m.count > 0)
    .sort((a, b) => b.count - a.count || ROLES.indexOf(a.role) - ROLES.indexOf(b.role));
}

function mapAnswerBytes(answer: { map: StoredCommunityMap | null }): number {
  return 256 + (answer.map ? answer.map.communities.length * 400 + answer.map.links.length * 150 : 0);
}

async function storedMap(context: GraphQLContext, run: string): Promise<StoredCommunityMap> {
  const { map } = await context.answers.get({
    kind: 'communityMap',
    key: run,
    level: maskingLevel(context.viewer),
    size: mapAnswerBytes,
    load: async () => ({ map: await readCommunityMap(context.db, run) }),
  });
  if (!map)
    throw badInput(
      'run',
      `analysis run '${run}' has no layout (it was recorded before layouts, or by an engine that computes none)`,
    );
  return map;
}

export const communityMapResolvers: Resolvers = {
  Query: {
    communityMap: async (_, { run }, context) => {
      const id = await optionalRun(context, run);
      if (id === null) return { run: null, communities: [], links: [] };
      const map = await storedMap(context, id);
      return {
        run: id,
        communities: map.communities.map(({ roleCounts, ...c }) => ({ ...c, roleMix: roleMixOf(roleCounts) })),
        links: map.links,
      };
    },
  },
};
