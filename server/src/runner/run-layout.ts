// The run's community-aware layout from what an engine computed: each stakeholder placed by its strongest detected
// membership, ranked by PageRank inside it, and the role holders counted per community (the community map's pies).
import { communityLayout, type CommunityLinks, type LayoutTies } from '../analytics/community-layout.js';
import type { RunLayout } from '../domain/models.js';
import { ROLES } from '../domain/vocabulary.js';

/** Each node's strongest detected membership: the first of its memberships (they are stored strongest first). */
export function strongestCommunities(membershipStart: Int32Array, membershipCommunity: Int32Array, core: Int32Array): Int32Array {
  const n = core.length;
  const strongest = new Int32Array(n);
  for (let v = 0; v < n; v++)
    strongest[v] = membershipStart[v + 1]! > membershipStart[v]! ? membershipCommunity[membershipStart[v]!]! : core[v]!;
  return strongest;
}

export interface RunLayoutInput {
  /** Per node: the strongest detected community (0 … communities − 1), role bit masks, PageRank. */
  strongest: Int32Array;
  communities: number;
  roleMasks: Uint8Array;
  pagerank: Float64Array;
  ties: LayoutTies | { links: CommunityLinks };
  seed: number;
}

export function runLayout(input: RunLayoutInput): RunLayout {
  const layout = communityLayout({
    community: input.strongest,
    communities: input.communities,
    ties: input.ties,
    rank: input.pagerank,
    seed: input.seed,
  });
  const roleCounts = new Int32Array(input.communities * ROLES.length);
  for (let v = 0; v < input.strongest.length; v++) {
    const mask = input.roleMasks[v]!;
    const base = input.strongest[v]! * ROLES.length;
    for (let r = 0; r < ROLES.length; r++) if (mask & (1 << r)) roleCounts[base + r]!++;
  }
  return { ...layout, roleCounts };
}

/** The buffers of a layout, for a worker's transfer list. */
export function layoutTransferList(layout: RunLayout): ArrayBuffer[] {
  const { links } = layout;
  return [
    layout.x,
    layout.y,
    layout.members,
    layout.centreX,
    layout.centreY,
    layout.radius,
    layout.roleCounts,
    links.source,
    links.target,
    links.ties,
    links.weight,
  ].map((a) => a.buffer as ArrayBuffer);
}
