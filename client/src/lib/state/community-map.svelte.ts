// Loads the community map of the current run and, on demand, the members of the expanded communities: one request
// for all of them (so the ties between two expanded communities come too), kept while it covers what is expanded.
import { describeError, request } from '../graphql/client';
import { CommunityMapDocument, CommunityMembersDocument } from '../graphql/generated/graphql';
import { decodeMembers, MEMBER_TIE_LIMIT, membersCover, type CommunityMapData, type MemberSet } from '../graph/community-map';
import { MAX_EXPANDED } from './view-transitions';

export type CommunityMapStatus = 'idle' | 'loading' | 'ready' | 'error';

export class CommunityMapState {
  status = $state<CommunityMapStatus>('idle');
  error = $state<string | null>(null);
  map = $state.raw<CommunityMapData | null>(null);
  /** The members loaded last (they cover `members.communities`). */
  members = $state.raw<MemberSet | null>(null);
  /** The communities whose members are being loaded (empty: none). */
  loading = $state.raw<readonly string[]>([]);
  /** Why the members could not be loaded. */
  membersError = $state<string | null>(null);

  #controller: AbortController | null = null;
  #membersController: AbortController | null = null;

  /** Stakeholders on the map (the communities' members added up). */
  get memberTotal(): number {
    return this.map?.communities.reduce((sum, c) => sum + c.members, 0) ?? 0;
  }

  /** The run asked for last (null: the current run). */
  askedRun = $state<string | null>(null);

  load = async (run: string | null = null): Promise<void> => {
    this.askedRun = run;
    this.#controller?.abort();
    this.#membersController?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.status = 'loading';
    this.error = null;
    this.members = null;
    this.loading = [];
    this.membersError = null;
    try {
      const { communityMap } = await request(CommunityMapDocument, { run }, { signal: controller.signal });
      if (controller.signal.aborted) return;
      this.map = communityMap;
      this.status = 'ready';
      performance.mark('atlas:community-map-data');
    } catch (error) {
      if (controller.signal.aborted) return;
      this.map = null;
      this.error = describeError(error);
      this.status = 'error';
    }
  };

  /** Makes the members of these communities available: nothing to do when the loaded ones cover them. */
  ensureMembers = async (expanded: readonly string[]): Promise<void> => {
    const map = this.map;
    const wanted = expanded.filter((id) => map?.communities.some((c) => c.id === id)).slice(0, MAX_EXPANDED);
    if (map === null || wanted.length === 0 || membersCover(this.members, wanted)) return;
    if (this.loading.length === wanted.length && wanted.every((id) => this.loading.includes(id))) return;
    this.#membersController?.abort();
    const controller = new AbortController();
    this.#membersController = controller;
    this.loading = wanted;
    this.membersError = null;
    try {
      const { network } = await request(
        CommunityMembersDocument,
        { filter: { communities: wanted }, limit: MEMBER_TIE_LIMIT, run: map.run },
        { signal: controller.signal },
      );
      if (controller.signal.aborted || this.map !== map) return;
      this.members = decodeMembers(wanted, network);
      performance.mark('atlas:community-members');
    } catch (error) {
      if (controller.signal.aborted || this.map !== map) return;
      this.membersError = describeError(error);
    } finally {
      if (this.#membersController === controller) {
        this.#membersController = null;
        this.loading = [];
      }
    }
  };

  dispose = (): void => {
    this.#controller?.abort();
    this.#membersController?.abort();
  };
}
