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
