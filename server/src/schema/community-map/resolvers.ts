// The community map of a run: its detected communities as discs placed by the run's layout, with their role mix, and
// the ties between them aggregated (stored at write-back, read in one query, cached by data version).
import type { GraphQLContext } from '../../context.js';
import { badInput } from '../../errors.js';
import { ROLES, type RoleName } from '../../domain/vocabulary.js';
import { readCommunityMap, readMapPlaces, type StoredCommunityMap } from '../../store/community-map.js';
import { isValidId, MAX_ID_LENGTH } from '../../domain/validators.js';
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

/** Most ids one communityMapPlaces call may ask about (a highlighted list is capped well below this in the page). */
export const MAX_PLACE_IDS = 5_000;

function placeIds(ids: readonly string[]): string[] {
  if (ids.length > MAX_PLACE_IDS) throw badInput('ids', `must hold at most ${MAX_PLACE_IDS} ids, got ${ids.length}`);
  const bad = ids.findIndex((id) => !isValidId(id));
  if (bad >= 0) throw badInput(`ids[${bad}]`, `must be 1 to ${MAX_ID_LENGTH} characters without control characters`);
  return [...new Set(ids.map((id) => id.trim()))];
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
    communityMapPlaces: async (_, { ids, run }, context) => {
      const wanted = placeIds(ids);
      const id = await optionalRun(context, run);
      if (id === null || wanted.length === 0) return [];
      return readMapPlaces(context.db, id, wanted);
    },
  },
};
