// A full analysis run over a compact projection, as a pure function: partition + overlapping communities, influence, brokerage, labels, declared-vs-detected comparison and the community-aware layout.
//
// Everything runs on two CSR tie indexes built straight from the projection's typed arrays (one
// directed, one undirected); no graphology copy of the whole graph is made except the one Louvain
// needs (analytics/index-partition.ts). At 100k stakeholders / 1M ties the graphology graphs cost
// more than the algorithms, mostly in garbage collection.
import { brokerageRolesOfIndex, structuralHolesOfIndex } from '../analytics/brokerage.js';
import { influenceOfIndex } from '../analytics/influence.js';
import { partitionOfIndex } from '../analytics/index-partition.js';
import { checkedThreshold, membershipsOfIndex } from '../analytics/overlapping.js';
import { countComponentsOfIndex, directedTieIndexOfTies, undirectedTieIndexOfTies } from '../analytics/tie-index.js';
import { METRIC_NAMES, type MetricName } from '../domain/metrics.js';
import type { CompactProjection, DetectedCommunitySummary, RunParameters, RunResult } from '../domain/models.js';
import { ROLES, rolesOfMask } from '../domain/vocabulary.js';
import { labelAndCompare } from './community-labels.js';
import { layoutTransferList, runLayout, strongestCommunities } from './run-layout.js';

export type ProgressReporter = (phase: string, percent: number) => void;

/**
 * Runs every algorithm of a full analysis. Deterministic for given parameters. With `skipBetweenness`
 * the betweenness column stays 0 and the summary says "skipped": the worker computes it in a second
 * thread (worker.ts) and fills both in.
 */
export function runFullAnalysis(
  projection: CompactProjection,
  parameters: RunParameters,
  communityNames: Record<string, string>,
  progress: ProgressReporter = () => {},
  options: { skipBetweenness?: boolean } = {},
): RunResult {
  const timings: Record<string, number> = {};
  const time = <T>(phase: string, percent: number, f: () => T): T => {
    progress(phase, percent);
    const t0 = performance.now();
    const r = f();
    timings[phase] = performance.now() - t0;
    return r;
  };
  const ids = projection.ids;
  const n = ids.length;
  const { directed, undirected } = time('index', 15, () => ({
    directed: directedTieIndexOfTies(ids, projection),
    undirected: undirectedTieIndexOfTies(ids, projection),
  }));

  const { partition, overlapping } = time('communities', 20, () => {
    const {
      partition,
      core,
      timings: louvain,
    } = partitionOfIndex(undirected, {
      resolution: parameters.resolution,
      seed: parameters.seed,
    });
    // Louvain's share is reported apart: the graph it needs, and Louvain itself.
    timings['communities.graph'] = louvain.graph;
    timings['communities.louvain'] = louvain.louvain;
    const overlapping = membershipsOfIndex(undirected, core, partition.count, checkedThreshold(parameters.threshold));
    return { partition: { ...partition, core }, overlapping };
  });
  const influenceResult = time('influence', 40, () =>
    influenceOfIndex(directed, undirected, {
      seed: parameters.seed,
      pivots: parameters.pivots,
      betweenness: options.skipBetweenness ? 'skip' : 'auto',
    }),
  );
  for (const [step, ms] of Object.entries(influenceResult.timings)) timings[`influence.${step}`] = ms;
  const holes = time('structural-holes', 60, () => structuralHolesOfIndex(undirected));
  // Gould–Fernandez groups: each stakeholder's primary role (the first it holds in the fixed role order).
  const brokerage = time('brokerage', 70, () => {
    const none = new Int32Array(0);
    const groups = Array.from(projection.roleMasks, (mask) => {
      const first = rolesOfMask(mask)[0];
      return first === undefined ? none : Int32Array.of(ROLES.indexOf(first));
    });
    return brokerageRolesOfIndex(directed, groups, { seed: parameters.seed });
  });

  const declaredOf = (v: number): string[] =>
    projection.communityIds.slice(projection.communityStart[v]!, projection.communityStart[v + 1]!);
  const indexOf = directed.indexOf;
  const labelsAndComparison = time('labels', 85, () =>
    labelAndCompare(
      partition.communities,
      (node) => {
        const v = indexOf.get(node)!;
        return { roles: rolesOfMask(projection.roleMasks[v]!), groups: declaredOf(v) };
      },
      communityNames,
    ),
  );
  const components = time('components', 90, () => countComponentsOfIndex(undirected));
  // Positions for the map, computed once per run (docs/decisions/087-community-aware-layout.md).
  const layout = time('layout', 92, () =>
    runLayout({
      strongest: strongestCommunities(overlapping.start, overlapping.community, partition.core),
      communities: partition.count,
      roleMasks: projection.roleMasks,
      pagerank: influenceResult.columns.pagerank,
      ties: projection,
      seed: parameters.seed,
    }),
  );

  const result = time('collect', 95, (): RunResult => {
    const c = influenceResult.columns;
    const scores: Record<MetricName, Float64Array> = {
      pagerank: c.pagerank,
      hub: c.hub,
      authority: c.authority,
      inDegree: c.inDegree,
      outDegree: c.outDegree,
      weightedInDegree: c.weightedInDegree,
      weightedOutDegree: c.weightedOutDegree,
      coreNumber: c.coreNumber,
      betweenness: c.betweenness,
      constraint: holes.constraint,
      effectiveSize: holes.effectiveSize,
      coordinator: brokerage.coordinator,
      itinerant: brokerage.itinerant,
      representative: brokerage.representative,
      gatekeeper: brokerage.gatekeeper,
      liaison: brokerage.liaison,
    };
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
      core: partition.core,
      membershipStart: overlapping.start,
      membershipCommunity: overlapping.community,
      membershipStrength: overlapping.strength,
      communities,
      contingency: labelsAndComparison.contingency,
      timings,
      layout,
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
    ...(r.layout ? layoutTransferList(r.layout) : []),
  ];
}
