// Plain objects the repositories return and the resolvers shape: the GraphQL mapper types.
import type { KindName, RoleName, TieTypeName } from './vocabulary.js';
import type { MetricName, MetricValues } from './metrics.js';
import type { RunWeight } from './relationship-strength.js';

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

/** Which slice of a stable order a connection asks for. */
export interface PageRequest {
  offset: number;
  limit: number;
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
/** The engine that computed a run: this process (graphology, in a worker thread) or Neo4j Graph Data Science. */
export type AnalysisEngine = 'NODE' | 'GDS';

export interface AnalysisRun {
  id: string;
  algorithm: string;
  /** Provenance only: results have the same shape whichever engine computed them. */
  engine: AnalysisEngine;
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
  /** Who started it (a user's name); null for runs from the command line or recorded before it was kept. */
  startedBy: string | null;
  /** The version of the analysed data when the run started (store/data-version.ts); null for runs before it was kept. */
  dataVersion: string | null;
}

/** A stakeholder's scores in one analysis run (a :ScoreSet node). */
export type ScoreSet = { run: string; stakeholder: string } & MetricValues;

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

/** Two contacts of a removed stakeholder who were two steps apart only through it. */
export interface LostPath {
  source: string;
  target: string;
  through: string;
  /** Hops after the removal; null when cut off (no path within the search's limit). */
  hopsAfter: number | null;
}

export interface WhatIf {
  removed: string[];
  communities: CommunityImpact[];
  singlePointsOfFailure: SinglePointOfFailure[];
  lostPaths: LostPath[];
  pathPairsChecked: number;
  pathPairsLost: number;
}

/** Which part of the graph a run (or an on-demand computation) looks at. */
export interface ProjectionFilter {
  /** Only stakeholders holding any of these roles (and the ties between them); null = everyone. */
  roles: RoleName[] | null;
  /** Only ties of these types; null = every type. */
  tieTypes: TieTypeName[] | null;
  /** Only ties whose `since` is within [since, until] (inclusive, ISO dates); null = open. Undated ties are dropped when either bound is set. */
  since: string | null;
  until: string | null;
}

export interface RunParameters extends ProjectionFilter {
  /** What weighs each tie: imported weights, measured relationship strengths, or both (decision 095). */
  weight: RunWeight;
  /** Louvain resolution γ > 0. */
  resolution: number;
  /** Overlapping-membership threshold in [0, 1]. */
  threshold: number;
  /** Seed for Louvain, betweenness pivots and brokerage sampling. */
  seed: number;
  /** Pivots for sampled betweenness (used above 5,000 stakeholders). */
  pivots: number;
}

/**
 * Nodes are indexed 0..n-1 in `ids` order; ties are parallel arrays. Strings travel as plain arrays
 * (structured clone), numbers as typed arrays (transferred to a worker without copying).
 */
export interface CompactProjection {
  ids: string[];
  names: string[];
  /** Bit r set ⇔ the stakeholder holds ROLES[r] (see maskOfRoles). */
  roleMasks: Uint8Array;
  /** Declared community ids of node v: communityIds[communityStart[v] .. communityStart[v+1]), strongest membership first. */
  communityStart: Int32Array;
  communityIds: string[];
  source: Int32Array;
  target: Int32Array;
  weight: Float64Array;
  /** Index into TIE_TYPES. */
  type: Uint8Array;
}

export interface DetectedCommunitySummary {
  index: number;
  /** Core members (the Louvain partition). */
  size: number;
  /** Members including overlapping ones. */
  members: number;
  label: string;
  roles: Array<{ role: string; share: number }>;
  groups: Array<{ group: string; share: number }>;
}

export interface RunSummary {
  nodes: number;
  ties: number;
  communities: number;
  modularity: number;
  overlappingNodes: number;
  /** Declared-vs-detected agreement over stakeholders with a declared community (null when none has one). */
  nmi: number | null;
  ari: number | null;
  labelledNodes: number;
  unlabelledNodes: number;
  betweenness: { mode: string; pivots: number };
  /** Weakly connected components of the projection (null in runs recorded before it was counted). */
  components: number | null;
  /** The score metrics this run computed; the others are null in its score sets. */
  metrics: string[];
  warnings: string[];
}

export interface RunResult {
  summary: RunSummary;
  scores: Record<MetricName, Float64Array>;
  /** Core (Louvain) community per node. */
  core: Int32Array;
  /** Overlapping memberships of node v: [membershipStart[v], membershipStart[v+1]) into the two arrays below. */
  membershipStart: Int32Array;
  membershipCommunity: Int32Array;
  membershipStrength: Float64Array;
  communities: DetectedCommunitySummary[];
  /** Declared (strongest membership) × detected (core) contingency table, sparse. */
  contingency: { declared: string[]; detected: number[]; cells: Array<[number, number, number]> };
  /** Milliseconds per phase. */
  timings: Record<string, number>;
  /** The community-aware layout (null when the engine computed none). */
  layout: RunLayout | null;
}

/**
 * A run's community-aware layout (docs/decisions/087-community-aware-layout.md), in one coordinate space: node v at
 * (x[v], y[v]) lies within radius[c] of (centreX[c], centreY[c]) for its strongest detected community c.
 */
export interface RunLayout {
  x: Float64Array;
  y: Float64Array;
  /** Per community index: members (stakeholders whose strongest community it is), centre and radius (NaN when empty). */
  members: Int32Array;
  centreX: Float64Array;
  centreY: Float64Array;
  radius: Float64Array;
  /** Role holders per community: roleCounts[c * ROLES.length + r]. */
  roleCounts: Int32Array;
  /** Ties between two different communities (source < target), counted and their weights summed. */
  links: { source: Int32Array; target: Int32Array; ties: Int32Array; weight: Float64Array };
}

/** One interaction of a stakeholder, as an engagement plan's measured effect reads it (store → analytics). */
export interface MemberInteraction {
  /** Epoch milliseconds. */
  at: number;
  channel: 'MEETING' | 'CALL' | 'EMAIL' | 'EVENT' | 'DEAL' | 'NOTE';
  sentiment: number | null;
  participants: number;
  /** The member started it. */
  initiator: boolean;
  /** The other people in it, and whether each started it. */
  others: ReadonlyArray<readonly [string, boolean]>;
}
