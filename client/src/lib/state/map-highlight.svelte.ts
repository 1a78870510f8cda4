// A highlighted list on the community map: which communities hold its stakeholders (one request), which of them to
// expand so its members show in place, and what stays out of view (docs/decisions/109-…).
import { describeError, request } from '../graphql/client';
import { CommunityMapPlacesDocument } from '../graphql/generated/graphql';
import {
  HIGHLIGHT_COMMUNITY_LIMIT,
  HIGHLIGHT_LOOKUP_LIMIT,
  planHighlightExpansion,
  type CommunityMapData,
  type HighlightExpansion,
} from '../graph/community-map';
import type { Highlight } from './view-transitions';

export class MapHighlight {
  /** The highlight placed last (its key and the run of the map it was placed on); null: none. */
  key = $state<string | null>(null);
  run = $state<string | null>(null);
  plan = $state.raw<HighlightExpansion | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);

  #controller: AbortController | null = null;

  /** Whether this highlight is already placed on this map. */
  placed(highlight: Highlight, map: CommunityMapData): boolean {
    return this.key === highlight.key && this.run === map.run;
  }

  /** Works out what to expand for a highlight; null when a newer one superseded it or the lookup failed. */
  place = async (highlight: Highlight, map: CommunityMapData): Promise<HighlightExpansion | null> => {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.key = highlight.key;
    this.run = map.run;
    this.plan = null;
    this.error = null;
    // Plain maps: looked up once for this plan, nothing reactive about them.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const sizes = new Map(map.communities.map((c) => [c.id, c.members]));
    const communities = (highlight.communities ?? []).filter((id) => sizes.has(id));
    if (communities.length > 0) {
      // A community highlighted as a whole: expand it (them), every member is in the highlight.
      const expand = communities.slice(0, HIGHLIGHT_COMMUNITY_LIMIT);
      const members = (ids: readonly string[]): number => ids.reduce((sum, id) => sum + (sizes.get(id) ?? 0), 0);
      this.plan = { expand, shown: members(expand), notShown: members(communities.slice(expand.length)), outside: 0 };
      return this.plan;
    }
    const ids = [...highlight.nodes].slice(0, HIGHLIGHT_LOOKUP_LIMIT);
    if (ids.length === 0) {
      this.plan = { expand: [], shown: 0, notShown: 0, outside: 0 };
      return this.plan;
    }
    this.loading = true;
    try {
      const { communityMapPlaces } = await request(
        CommunityMapPlacesDocument,
        { ids, run: map.run },
        { signal: controller.signal },
      );
      if (controller.signal.aborted) return null;
      // eslint-disable-next-line svelte/prefer-svelte-reactivity
      const places = new Map(communityMapPlaces.map((p) => [p.stakeholder, p.community]));
      this.plan = planHighlightExpansion(highlight.nodes.size, places, sizes);
      return this.plan;
    } catch (error) {
      if (!controller.signal.aborted) this.error = describeError(error);
      return null;
    } finally {
      if (this.#controller === controller) this.loading = false;
    }
  };

  /** The community one stakeholder is drawn in on this map (null: none, or the lookup failed). */
  communityOf = async (id: string, map: CommunityMapData): Promise<string | null> => {
    try {
      const { communityMapPlaces } = await request(CommunityMapPlacesDocument, { ids: [id], run: map.run });
      return communityMapPlaces[0]?.community ?? null;
    } catch (error) {
      this.error = describeError(error);
      return null;
    }
  };

  clear = (): void => {
    this.#controller?.abort();
    this.key = null;
    this.run = null;
    this.plan = null;
    this.loading = false;
    this.error = null;
  };
}
