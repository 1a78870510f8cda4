// A target segment as the API takes it (SegmentInput), from what the segment picker holds.
import type { Role, RoleMatch, SegmentInput } from '../graphql/generated/graphql';

export interface SegmentSnapshot {
  roles: readonly Role[];
  roleMatch: RoleMatch;
  /** A declared or detected community id; '' for none. */
  community: string;
}

/** No role means every role; no community means the whole ecosystem. */
export function segmentInput(s: SegmentSnapshot): SegmentInput {
  return {
    roles: s.roles.length > 0 ? [...s.roles] : null,
    roleMatch: s.roleMatch,
    community: s.community === '' ? null : s.community,
  };
}
