// A full analysis run over a compact projection, as a pure function: partition + overlapping communities, influence, brokerage, labels and declared-vs-detected comparison.
import { brokerageRoles, structuralHoles } from '../analytics/brokerage.js';
import { countConnectedComponents } from 'graphology-components';
import { influence } from '../analytics/influence.js';
import { detectOverlapping } from '../analytics/overlapping.js';
import { METRIC_NAMES, type MetricName } from '../domain/metrics.js';
import type { CompactProjection, DetectedCommunitySummary, RunParameters, RunResult } from '../domain/models.js';
import { labelAndCompare } from './community-labels.js';
import { toGraph } from './compact-projection.js';

export type ProgressReporter = (phase: string, percent: number) => void;

/** Runs every algorithm of a full analysis. Deterministic for given parameters. */
export function runFullAnalysis(
  projection: CompactProjection,
  parameters: RunParameters,
  communityNames: Record<string, string>,
  progress: ProgressReporter = () => {},
): RunResult {
  const timings: Record<string, number> = {};
  const time = <T>(phase: string, percent: number, f: () => T): T => {
    progress(phase, percent);
    const t0 = performance.now();
    const r = f();
    timings[phase] = performance.now() - t0;
    return r;
  };
  const n = projection.ids.length;
  const graph = time('graph', 15, () => toGraph(projection));

  const overlapping = time('communities', 20, () =>
    detectOverlapping(graph, { threshold: parameters.threshold, resolution: parameters.resolution, seed: parameters.seed }),
  );
  const partition = overlapping.partition;
  const influenceResult = time('influence', 40, () => influence(graph, { seed: parameters.seed, pivots: parameters.pivots }));
  const holes = time('structural-holes', 60, () => structuralHoles(graph));
  // Gould–Fernandez groups: each stakeholder's primary role (the first it holds in the fixed role order).
  const brokerage = time('brokerage', 70, () =>
    brokerageRoles(graph, (_node, attributes) => (attributes.roles as string[])[0] ?? null, { seed: parameters.seed }),
  );

  const labelsAndComparison = time('labels', 85, () =>
    labelAndCompare(
      partition.communities,
      (node) => ({
        roles: graph.getNodeAttribute(node, 'roles') as string[],
        groups: graph.getNodeAttribute(node, 'communities') as string[],
      }),
      communityNames,
    ),
  );
  const components = time('components', 90, () => countConnectedComponents(graph));

  const result = time('collect', 95, (): RunResult => {
    const scores = Object.fromEntries(METRIC_NAMES.map((c) => [c, new Float64Array(n)])) as Record<MetricName, Float64Array>;
    const core = new Int32Array(n);
    const membershipStart = new Int32Array(n + 1);
    const community: number[] = [];
    const strength: number[] = [];
    for (let v = 0; v < n; v++) {
      const id = projection.ids[v]!;
      const s = influenceResult.scores.get(id);
      if (s) {
        scores.pagerank[v] = s.pagerank;
        scores.hub[v] = s.hub;
        scores.authority[v] = s.authority;
        scores.inDegree[v] = s.inDegree;
        scores.outDegree[v] = s.outDegree;
        scores.weightedInDegree[v] = s.weightedInDegree;
        scores.weightedOutDegree[v] = s.weightedOutDegree;
        scores.coreNumber[v] = s.coreNumber;
        scores.betweenness[v] = s.betweenness;
      }
      const h = holes.get(id);
      scores.constraint[v] = h?.constraint ?? NaN;
      scores.effectiveSize[v] = h?.effectiveSize ?? NaN;
      const b = brokerage.roles.get(id);
      scores.coordinator[v] = b?.coordinator ?? 0;
      scores.itinerant[v] = b?.itinerant ?? 0;
      scores.representative[v] = b?.representative ?? 0;
      scores.gatekeeper[v] = b?.gatekeeper ?? 0;
      scores.liaison[v] = b?.liaison ?? 0;
      core[v] = partition.communities.get(id) ?? -1;
      for (const m of overlapping.memberships.get(id) ?? []) {
        community.push(m.community);
        strength.push(m.strength);
      }
      membershipStart[v + 1] = community.length;
    }
    const communities: DetectedCommunitySummary[] = labelsAndComparison.labels.map((l) => ({
      index: l.community,
      size: l.size,
      members: overlapping.sizes[l.community] ?? l.size,
      label: l.label,
      roles: l.roles,
      groups: l.groups,
    }));
    return {
      summary: {
        nodes: n,
        ties: projection.source.length,
        communities: partition.count,
        modularity: partition.modularity,
        overlappingNodes: overlapping.overlappingNodes,
        nmi: labelsAndComparison.nmi,
        ari: labelsAndComparison.ari,
        labelledNodes: labelsAndComparison.labelled,
        unlabelledNodes: n - labelsAndComparison.labelled,
        betweenness: { mode: influenceResult.betweenness.mode, pivots: influenceResult.betweenness.pivots },
        components,
        metrics: [...METRIC_NAMES],
        warnings: [
          ...influenceResult.warnings,
          ...(brokerage.sampledBrokers.length > 0 ? [`brokerage sampled for ${brokerage.sampledBrokers.length} brokers`] : []),
        ],
      },
      scores,
      core,
      membershipStart,
      membershipCommunity: Int32Array.from(community),
      membershipStrength: Float64Array.from(strength),
      communities,
      contingency: labelsAndComparison.contingency,
      timings,
    };
  });
  result.timings = timings;
  return result;
}

/** The buffers of a result, for a worker postMessage transfer list. */
export function resultTransferList(r: RunResult): ArrayBuffer[] {
  return [
    ...METRIC_NAMES.map((c) => r.scores[c].buffer as ArrayBuffer),
    r.core.buffer as ArrayBuffer,
    r.membershipStart.buffer as ArrayBuffer,
    r.membershipCommunity.buffer as ArrayBuffer,
    r.membershipStrength.buffer as ArrayBuffer,
  ];
}
