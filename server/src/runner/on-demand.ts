// On-demand analytics over a loaded projection (engagement plans, warm introductions, brokers between roles or communities, what-if), shaped into the API's models.
import { brokersBetween } from '../analytics/brokerage.js';
import { planEngagement } from '../analytics/engagement.js';
import { warmIntroductions } from '../analytics/introductions.js';
import { lostShortestPaths, singlePointsOfFailure, whatIf } from '../analytics/what-if.js';
import type { RoleName } from '../domain/vocabulary.js';
import type { Broker, CommunityImpact, EngagementPlan, IntroductionPath, ScoreSet, WhatIf } from '../domain/models.js';
import type { ProjectedGraph, ProjectedNode } from './compact-projection.js';

export interface Segment {
  roles: RoleName[] | null;
  roleMatch: 'ANY' | 'ALL';
  /** Members of the segment's community (declared or detected), when it names one. */
  members: ReadonlySet<string> | null;
}

export function inSegment(segment: Segment, node: string, attributes: ProjectedNode): boolean {
  if (segment.members && !segment.members.has(node)) return false;
  if (segment.roles && segment.roles.length > 0) {
    const held = attributes.roles;
    return segment.roleMatch === 'ALL'
      ? segment.roles.every((r) => held.includes(r))
      : segment.roles.some((r) => held.includes(r));
  }
  return true;
}

export function segmentSize(graph: ProjectedGraph, segment: Segment): number {
  let n = 0;
  graph.forEachNode((node, attributes) => {
    if (inSegment(segment, node, attributes)) n++;
  });
  return n;
}

const fmt = (x: number): string => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(1) : x.toPrecision(2));

/** Seeds by CELF under independent cascade, restricted to the segment, with reasons for each seed. */
export function engagementPlan(
  graph: ProjectedGraph,
  segment: Segment,
  options: { k: number; simulations: number; seed: number },
  scoresOf: (id: string) => ScoreSet | null,
  communityName: (id: string) => string,
): EngagementPlan {
  const plan = planEngagement(graph, {
    k: options.k,
    simulations: options.simulations,
    seed: options.seed,
    segment: (node, attributes) => inSegment(segment, node, attributes as ProjectedNode),
  });
  return {
    seeds: plan.seeds.map((step, i) => {
      const attributes = graph.getNodeAttributes(step.node);
      const scores = scoresOf(step.node);
      const parts = [`adds about ${fmt(step.marginalGain)} expected contacts in the segment`];
      if (attributes.roles.length > 0) parts.push(`holds ${attributes.roles.map((r) => r.toLowerCase()).join(', ')}`);
      if (attributes.communities.length > 0) parts.push(`in ${attributes.communities.slice(0, 3).map(communityName).join(', ')}`);
      if (scores) parts.push(`PageRank ${fmt(scores.pagerank)}, ${scores.outDegree} outgoing ties, core ${scores.coreNumber}`);
      return {
        rank: i + 1,
        stakeholder: step.node,
        marginalGain: step.marginalGain,
        reasons: { roles: attributes.roles, communities: attributes.communities, scores, summary: parts.join('; ') },
      };
    }),
    expectedReach: plan.expectedReach.mean,
    reachLow: plan.expectedReach.ci95[0],
    reachHigh: plan.expectedReach.ci95[1],
    segmentSize: plan.segmentSize,
    simulations: plan.expectedReach.simulations,
  };
}

export function introductionPaths(
  graph: ProjectedGraph,
  sources: string[],
  target: string,
  options: { k: number; maxHops: number; viaRoles: RoleName[] | null },
): IntroductionPath[] {
  return warmIntroductions(graph, sources, target, {
    k: options.k,
    maxHops: options.maxHops,
    viaRoles: options.viaRoles && options.viaRoles.length > 0 ? options.viaRoles : undefined,
  }).map((path) => ({
    stakeholders: path.nodes,
    ties: path.ties.map((t) => ({
      source: t.source,
      target: t.target,
      type: graph.getEdgeAttribute(t.edge, 'type'),
      weight: t.weight,
      since: null,
    })),
    score: path.score,
    hops: path.hops,
  }));
}

/** One side of "who connects A and B": the holders of a role, or given members (a community's). */
export type BrokerGroup = { role: RoleName } | { members: string[] };

function memberOf(group: BrokerGroup): (node: string, attributes: ProjectedNode) => boolean {
  if ('role' in group) return (_node, attributes) => attributes.roles.includes(group.role);
  const members = new Set(group.members);
  return (node) => members.has(node);
}

/** Who connects `from` to `to` (open two-paths a → b → c), each side a role or a set of members. */
export function groupBrokers(graph: ProjectedGraph, from: BrokerGroup, to: BrokerGroup, first: number): Broker[] {
  const inFrom = memberOf(from);
  const inTo = memberOf(to);
  const groupOf = (node: string, attributes: Record<string, unknown>): string[] => {
    const a = attributes as unknown as ProjectedNode;
    const groups: string[] = [];
    if (inFrom(node, a)) groups.push('from');
    if (inTo(node, a)) groups.push('to');
    return groups;
  };
  return brokersBetween(graph, groupOf, 'from', 'to', first).map((b) => ({
    rank: b.rank,
    stakeholder: b.node,
    twoPaths: b.twoPaths,
    weight: b.weight,
    sources: b.sources,
    targets: b.targets,
  }));
}

/** Per-community connectivity change for the communities that lose members, and their single points of failure. */
export function whatIfRemoved(
  graph: ProjectedGraph,
  removed: string[],
  communityOf: (node: string, attributes: ProjectedNode) => readonly string[],
  maxPoints = 50,
): WhatIf {
  const of = (node: string, attributes: Record<string, unknown>): readonly string[] =>
    communityOf(node, attributes as unknown as ProjectedNode);
  const result = whatIf(graph, removed, { communityOf: of });
  const communities: CommunityImpact[] = result.communities
    .filter((c) => c.removedMembers > 0)
    .map((c) => ({
      community: c.community,
      membersBefore: c.before.members,
      membersAfter: c.after.members,
      componentsBefore: c.before.components,
      componentsAfter: c.after.components,
      largestComponentBefore: c.before.largestComponent,
      largestComponentAfter: c.after.largestComponent,
      internalTiesLost: c.internalTiesLost,
      split: c.split,
    }));
  const touched = new Set(communities.map((c) => c.community));
  const points = singlePointsOfFailure(graph, { communityOf: of })
    .filter((p) => touched.has(p.community))
    .slice(0, maxPoints)
    .map((p) => ({ stakeholder: p.node, community: p.community, communitySize: p.communitySize, separated: p.separated }));
  const paths = lostShortestPaths(graph, removed);
  return {
    removed: result.removed,
    communities,
    singlePointsOfFailure: points,
    lostPaths: paths.pairs,
    pathPairsChecked: paths.checked,
    pathPairsLost: paths.lost,
  };
}
