// Plain objects the repositories return and the resolvers shape: the GraphQL mapper types.
import type { KindName, RoleName, TieTypeName } from './domain/vocabulary.js';
import type { RunSummary } from './analysis/full-analysis.js';
import type { RunParameters } from './analysis/parameters.js';

export interface RoleFact {
  role: RoleName;
  since: string | null;
  until: string | null;
  source: string | null;
  value: number | null;
  tier: string | null;
}

export interface Stakeholder {
  id: string;
  kind: KindName;
  name: string;
  email: string | null;
  organisation: string | null;
  title: string | null;
  country: string | null;
  degree: number;
  roles: RoleFact[];
  createdAt: string;
  updatedAt: string;
}

export interface Tie {
  source: string;
  target: string;
  type: TieTypeName;
  weight: number;
  since: string | null;
}

export interface Community {
  id: string;
  name: string;
  kind: 'DECLARED' | 'DETECTED';
  category: string | null;
  description: string | null;
  size: number;
}

export interface Membership {
  stakeholder: string;
  community: string;
  strength: number;
  since: string | null;
}

export interface RoleCombination {
  roles: RoleName[];
  count: number;
}

/** One page of a cursor connection; the total is counted only when asked for. */
export interface Page<T> {
  items: T[];
  offset: number;
  hasNextPage: boolean;
  totalCount: () => Promise<number>;
}

export type StakeholderPage = Page<Stakeholder>;
export type TiePage = Page<Tie>;
export type MembershipPage = Page<Membership>;

/** An analysis run as stored (JSON properties parsed). */
export interface AnalysisRun {
  id: string;
  algorithm: string;
  status: 'RUNNING' | 'COMPLETE' | 'FAILED';
  /** Percent, 0–100. */
  progress: number;
  phase: string | null;
  parameters: RunParameters;
  startedAt: string;
  finishedAt: string | null;
  /** Milliseconds per phase. */
  timings: Record<string, number>;
  summary: RunSummary | null;
  error: string | null;
  current: boolean;
}

/** A stakeholder's scores in one analysis run (a :ScoreSet node). */
export interface ScoreSet {
  run: string;
  stakeholder: string;
  pagerank: number;
  hub: number;
  authority: number;
  inDegree: number;
  outDegree: number;
  weightedInDegree: number;
  weightedOutDegree: number;
  coreNumber: number;
  betweenness: number;
  constraint: number | null;
  effectiveSize: number | null;
  coordinator: number;
  itinerant: number;
  representative: number;
  gatekeeper: number;
  liaison: number;
}

export interface Influencer {
  rank: number;
  stakeholder: string;
  value: number;
  scores: ScoreSet;
}

export interface CommunityComparison {
  run: string;
  nmi: number | null;
  ari: number | null;
  labelledNodes: number;
  unlabelledNodes: number;
  /** Community ids (rows, columns). */
  declared: string[];
  detected: string[];
  cells: Array<{ declared: number; detected: number; count: number }>;
}

export interface GroupShare {
  community: string;
  share: number;
}

export interface SeedReasons {
  roles: RoleName[];
  communities: string[];
  scores: ScoreSet | null;
  summary: string;
}

export interface EngagementSeed {
  rank: number;
  stakeholder: string;
  marginalGain: number;
  reasons: SeedReasons;
}

export interface EngagementPlan {
  seeds: EngagementSeed[];
  expectedReach: number;
  reachLow: number;
  reachHigh: number;
  segmentSize: number;
  simulations: number;
}

export interface IntroductionPath {
  stakeholders: string[];
  ties: Tie[];
  score: number;
  hops: number;
}

export interface Broker {
  rank: number;
  stakeholder: string;
  twoPaths: number;
  weight: number;
  sources: number;
  targets: number;
}

export interface CommunityImpact {
  community: string;
  membersBefore: number;
  membersAfter: number;
  componentsBefore: number;
  componentsAfter: number;
  largestComponentBefore: number;
  largestComponentAfter: number;
  internalTiesLost: number;
  split: boolean;
}

export interface SinglePointOfFailure {
  stakeholder: string;
  community: string;
  communitySize: number;
  separated: number;
}

export interface WhatIf {
  removed: string[];
  communities: CommunityImpact[];
  singlePointsOfFailure: SinglePointOfFailure[];
}
