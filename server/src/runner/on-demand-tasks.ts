// The on-demand computations as plain, cloneable tasks over a compact projection: what a request asks,
// and the pure function the worker pool runs for it (the graph is built inside the worker).
import type { Broker, CompactProjection, EngagementPlan, IntroductionPath, WhatIf } from '../domain/models.js';
import type { RoleName } from '../domain/vocabulary.js';
import { toGraph } from './compact-projection.js';
import {
  engagementPlan,
  groupBrokers,
  introductionPaths,
  segmentSize,
  whatIfRemoved,
  type BrokerGroup,
  type Segment,
} from './on-demand.js';

/** A segment as it crosses to the worker: members as a list. */
export interface WireSegment {
  roles: RoleName[] | null;
  roleMatch: 'ANY' | 'ALL';
  members: string[] | null;
}

export type OnDemandTask =
  | {
      kind: 'engagement';
      segment: WireSegment;
      k: number;
      simulations: number;
      seed: number;
      communityNames: Record<string, string>;
    }
  | {
      kind: 'introductions';
      /** Given sources, or (when null) every stakeholder holding one of `sourceRoles`. */
      sources: string[] | null;
      sourceRoles: RoleName[];
      target: string;
      k: number;
      maxHops: number;
      viaRoles: RoleName[] | null;
    }
  | { kind: 'brokers'; from: BrokerGroup; to: BrokerGroup; first: number }
  | { kind: 'whatIf'; removed: string[]; assignment: Record<string, string[]> | null };

export type OnDemandResult =
  | { kind: 'engagement'; plan: EngagementPlan }
  | { kind: 'introductions'; paths: IntroductionPath[] }
  | { kind: 'brokers'; brokers: Broker[] }
  | { kind: 'whatIf'; whatIf: WhatIf }
  | { kind: 'emptySegment' };

export interface OnDemandRequest {
  projection: CompactProjection;
  task: OnDemandTask;
}

function segmentOf(wire: WireSegment): Segment {
  return { roles: wire.roles, roleMatch: wire.roleMatch, members: wire.members ? new Set(wire.members) : null };
}

/** Runs one task; pure (no I/O), so the pool can run it in any worker. */
export function runOnDemandTask({ projection, task }: OnDemandRequest): OnDemandResult {
  const graph = toGraph(projection);
  switch (task.kind) {
    case 'engagement': {
      const segment = segmentOf(task.segment);
      if (segmentSize(graph, segment) === 0) return { kind: 'emptySegment' };
      const plan = engagementPlan(
        graph,
        segment,
        { k: task.k, simulations: task.simulations, seed: task.seed },
        () => null,
        (id) => task.communityNames[id] ?? id,
      );
      return { kind: 'engagement', plan };
    }
    case 'introductions': {
      const sources =
        task.sources ??
        graph.filterNodes(
          (node, attributes) => node !== task.target && attributes.roles.some((r) => task.sourceRoles.includes(r)),
        );
      const paths = introductionPaths(graph, sources, task.target, { k: task.k, maxHops: task.maxHops, viaRoles: task.viaRoles });
      return { kind: 'introductions', paths };
    }
    case 'brokers':
      return { kind: 'brokers', brokers: groupBrokers(graph, task.from, task.to, task.first) };
    case 'whatIf': {
      const assignment = task.assignment;
      const whatIf = whatIfRemoved(graph, task.removed, (node, attributes) =>
        assignment === null ? attributes.communities : (assignment[node] ?? []),
      );
      return { kind: 'whatIf', whatIf };
    }
  }
}
