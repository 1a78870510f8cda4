// The segment chosen on the influencer leaderboard and in the engagement planner: one choice, shared by both, so a
// segment picked on the leaderboard is the planner's too.
import type { Role, RoleMatch } from '../graphql/generated/graphql';

export class SegmentChoice {
  roles = $state<Role[]>([]);
  roleMatch = $state<RoleMatch>('ANY');
  community = $state('');
}
