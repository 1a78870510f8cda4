// The shape of `window.__atlasCommunityMap`, the read-only probe e2e tests and the client bench use on the community map.

export interface CommunityMapTestHook {
  /** Community nodes drawn (the communities not expanded). */
  communityNodes(): number;
  /** Members of expanded communities drawn. */
  memberNodes(): number;
  /** Lines drawn (links between communities and ties between members). */
  edges(): number;
  /** Ties drawn between members of two different expanded communities. */
  crossTies(): number;
  hasCommunityNode(id: string): boolean;
  /** Links between communities drawn, and how many of them are faded (while any community is expanded). */
  links(): { drawn: number; faded: number };
  /** Members drawn that belong to the highlighted list. */
  highlightedMembers(): number;
  /** Whether this stakeholder is drawn as a member. */
  hasMember(id: string): boolean;
  /** The camera's zoom ratio (1: whole map; smaller: closer). */
  cameraRatio(): number;
  /** Members drawn in place of this community. */
  membersOf(id: string): number;
  /** Graphs sigma has drawn so far (1 for the first; +1 per expand, collapse or recolouring). */
  renders(): number;
  /** Where a node is drawn in the map's viewport (CSS pixels), or null when it is not on the map. */
  viewportOf(key: string): { x: number; y: number } | null;
  /** The community nodes' labels. */
  labels(): string[];
}

declare global {
  interface Window {
    __atlasCommunityMap?: CommunityMapTestHook;
  }
}
