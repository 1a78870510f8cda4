// An analysis run on Neo4j Graph Data Science: project the ecosystem in the database, run community detection
// and centralities there (mutating the projection), stream one row per stakeholder back, and shape it as the
// Node engine's RunResult so that the same store functions write the same AnalysisRun contract.
// What GDS lacks (brokerage roles, Burt's measures, overlapping memberships) is left null / absent and the run
// lists the metrics it computed. See docs/decisions/084-analysis-engines.md.
import { renumberBySize } from '../analytics/partition.js';
import type { Database } from '../db/database.js';
import { METRIC_NAMES, type MetricName } from '../domain/metrics.js';
import type { DetectedCommunitySummary, RunLayout, RunParameters, RunResult } from '../domain/models.js';
import { maskOfRoles } from '../domain/vocabulary.js';
import { tiesBetweenCommunities } from '../store/community-map.js';
import { runLayout } from './run-layout.js';
import {
  DIRECTED,
  dropProjection,
  mutate,
  projectEcosystem,
  streamNodeResults,
  UNDIRECTED,
  type GdsCallOptions,
} from '../store/gds.js';
import { labelAndCompare, type StakeholderFacets } from './community-labels.js';
import type { GdsCapabilities } from './engine.js';
import type { ProgressReporter } from './full-analysis.js';

/** Up to this many stakeholders betweenness is exact, as in the Node engine (influence.ts exactLimit). */
export const EXACT_BETWEENNESS_LIMIT = 5_000;

/** Metrics a GDS run computes; the rest of METRIC_NAMES stays null. */
export const GDS_METRICS: readonly MetricName[] = [
  'pagerank',
  'hub',
  'authority',
  'inDegree',
  'outDegree',
  'weightedInDegree',
  'weightedOutDegree',
  'coreNumber',
  'betweenness',
];

/** Projection property → how it lands in the result. */
const PROPERTIES = [
  'community',
  'pagerank',
  'hubHits',
  'authorityHits',
  'inDegree',
  'outDegree',
  'weightedInDegree',
  'weightedOutDegree',
  'coreNumber',
  'betweenness',
] as const;

export interface GdsRunOptions {
  /** The catalog name of this run's projection (unique per run). */
  graph: string;
  timeoutMs: number;
  signal?: AbortSignal;
  progress?: ProgressReporter;
}

export interface GdsRunOutput {
  /** Stakeholder ids in result order (index v of every array). */
  ids: string[];
  result: RunResult;
}

/** Runs the analysis on GDS; the projection is dropped whatever happens. */
export async function runGdsAnalysis(
  db: Database,
  parameters: RunParameters,
  communityNames: Record<string, string>,
  gds: GdsCapabilities,
  options: GdsRunOptions,
): Promise<GdsRunOutput> {
  const call: GdsCallOptions = { signal: options.signal, timeoutMs: options.timeoutMs };
  const progress = options.progress ?? (() => {});
  const timings: Record<string, number> = {};
  const warnings: string[] = [];
  const time = async <T>(phase: string, percent: number, f: () => Promise<T>): Promise<T> => {
    progress(phase, percent);
    const t0 = performance.now();
    const r = await f();
    timings[phase] = performance.now() - t0;
    return r;
  };
  const run = (procedure: string, configuration: Record<string, unknown>, yields: readonly string[]) =>
    mutate(db, procedure, options.graph, configuration, yields, call);

  const size = await time('projection', 5, () => projectEcosystem(db, options.graph, parameters, call));
  try {
    const n = size.nodes;
    const community = await time('communities', 20, () =>
      gds.communityProcedure === 'gds.leiden.mutate'
        ? run(
            'gds.leiden.mutate',
            {
              relationshipTypes: [UNDIRECTED],
              relationshipWeightProperty: 'weight',
              gamma: parameters.resolution,
              randomSeed: parameters.seed,
              mutateProperty: 'community',
            },
            ['communityCount', 'modularity'],
          )
        : run(
            'gds.louvain.mutate',
            { relationshipTypes: [UNDIRECTED], relationshipWeightProperty: 'weight', mutateProperty: 'community' },
            ['communityCount', 'modularity'],
          ),
    );
    if (gds.communityProcedure === 'gds.louvain.mutate' && parameters.resolution !== 1)
      warnings.push('GDS Louvain has no resolution: the partition is at resolution 1');

    const pagerank = await time('pagerank', 35, () =>
      run(
        'gds.pageRank.mutate',
        {
          relationshipTypes: [DIRECTED],
          relationshipWeightProperty: 'weight',
          dampingFactor: 0.85,
          maxIterations: 1000,
          scaler: 'L1Norm', // sums to 1, like the Node engine's PageRank
          mutateProperty: 'pagerank',
        },
        ['didConverge'],
      ),
    );
    if (!pagerank.didConverge) warnings.push('PageRank stopped after 1000 iterations without converging');

    await time('hits', 45, () =>
      run(
        'gds.hits.mutate',
        {
          relationshipTypes: [DIRECTED],
          hitsIterations: 20,
          hubProperty: 'hub',
          authProperty: 'authority',
          mutateProperty: 'Hits', // GDS appends it to both property names: hubHits, authorityHits
        },
        ['nodePropertiesWritten'],
      ),
    );

    await time('degree', 55, async () => {
      for (const [property, orientation, weighted] of [
        ['outDegree', 'NATURAL', false],
        ['inDegree', 'REVERSE', false],
        ['weightedOutDegree', 'NATURAL', true],
        ['weightedInDegree', 'REVERSE', true],
      ] as const) {
        await run(
          'gds.degree.mutate',
          {
            relationshipTypes: [DIRECTED],
            orientation,
            ...(weighted ? { relationshipWeightProperty: 'weight' } : {}),
            mutateProperty: property,
          },
          ['nodePropertiesWritten'],
        );
      }
    });

    await time('kcore', 60, () =>
      run('gds.kcore.mutate', { relationshipTypes: [UNDIRECTED], mutateProperty: 'coreNumber' }, ['nodePropertiesWritten']),
    );

    const exact = n <= EXACT_BETWEENNESS_LIMIT;
    const pivots = exact ? n : Math.min(parameters.pivots, n);
    await time('betweenness', 65, () =>
      run(
        'gds.betweenness.mutate',
        {
          relationshipTypes: [DIRECTED],
          ...(exact ? {} : { samplingSize: pivots, samplingSeed: parameters.seed }),
          mutateProperty: 'betweenness',
        },
        ['nodePropertiesWritten'],
      ),
    );

    const components = await time('components', 75, () =>
      run('gds.wcc.mutate', { relationshipTypes: [DIRECTED], mutateProperty: 'component' }, ['componentCount']),
    );

    // One row per stakeholder with every property: the Node process holds n rows, never the ties.
    const ids: string[] = [];
    const facets: StakeholderFacets[] = [];
    const values = Object.fromEntries(PROPERTIES.map((p) => [p, [] as number[]])) as Record<
      (typeof PROPERTIES)[number],
      number[]
    >;
    await time('stream', 80, () =>
      streamNodeResults(
        db,
        options.graph,
        PROPERTIES,
        (row) => {
          ids.push(row.id);
          const groups = row.communities
            .map(([id, strength]) => ({ id, strength: typeof strength === 'number' ? strength : 1 }))
            .sort((a, b) => b.strength - a.strength || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
            .map((g) => g.id);
          facets.push({ roles: row.roles, groups });
          row.keys.forEach((key, i) => values[key as (typeof PROPERTIES)[number]]?.push(Number(row.values[i] ?? NaN)));
        },
        call,
      ),
    );
    if (ids.length !== n) throw new Error(`the GDS result stream returned ${ids.length} stakeholders of ${n}`);

    const result = await time('collect', 90, async () =>
      collect(ids, facets, values, communityNames, {
        ties: size.ties,
        modularity: community.modularity ?? 0,
        components: components.componentCount ?? null,
        pivots,
        exact,
        warnings,
      }),
    );
    result.layout = await time('layout', 95, () => gdsLayout(db, ids, facets, result, parameters, call));
    result.timings = timings;
    return { ids, result };
  } finally {
    // Free the heap the projection holds, also after a failure or a cancellation (hence no signal here).
    await dropProjection(db, options.graph, { timeoutMs: options.timeoutMs }).catch(() => undefined);
  }
}

/**
 * The run's layout from what GDS computed: each stakeholder's community (GDS has one per stakeholder), the ties
 * between communities counted by Cypher (the ties stay in Neo4j), PageRank for the order inside a community. Without
 * the ties inside communities every community gets the spiral (decision 087).
 */
async function gdsLayout(
  db: Database,
  ids: string[],
  facets: StakeholderFacets[],
  result: RunResult,
  parameters: RunParameters,
  call: GdsCallOptions,
): Promise<RunLayout> {
  const community: Record<string, number> = {};
  ids.forEach((id, v) => (community[id] = result.core[v]!));
  const rows = await tiesBetweenCommunities(db, parameters, community, call);
  return runLayout({
    strongest: result.core,
    communities: result.summary.communities,
    roleMasks: Uint8Array.from(facets, (f) => maskOfRoles(f.roles)),
    pagerank: result.scores.pagerank,
    ties: {
      links: {
        source: Int32Array.from(rows, (r) => r.source),
        target: Int32Array.from(rows, (r) => r.target),
        ties: Int32Array.from(rows, (r) => r.ties),
        weight: Float64Array.from(rows, (r) => r.weight),
      },
    },
    seed: parameters.seed,
  });
}

interface CollectInput {
  ties: number;
  modularity: number;
  components: number | null;
  pivots: number;
  exact: boolean;
  warnings: string[];
}

/** Shapes the streamed properties as the Node engine's RunResult (same scales: L1-normalised PageRank and HITS, normalised betweenness). */
function collect(
  ids: string[],
  facets: StakeholderFacets[],
  values: Record<(typeof PROPERTIES)[number], number[]>,
  communityNames: Record<string, string>,
  input: CollectInput,
): RunResult {
  const n = ids.length;
  const scores = Object.fromEntries(METRIC_NAMES.map((c) => [c, new Float64Array(n).fill(NaN)])) as Record<
    MetricName,
    Float64Array
  >;
  const copy = (metric: MetricName, from: number[], scale = 1): void => {
    for (let v = 0; v < n; v++) scores[metric][v] = (from[v] ?? 0) * scale;
  };
  const sum = (xs: number[]): number => xs.reduce((s, x) => s + (Number.isFinite(x) ? x : 0), 0);
  copy('pagerank', values.pagerank);
  // GDS scales HITS by the L2 norm; the Node engine (as graphology) divides by the sum.
  const hubSum = sum(values.hubHits);
  const authoritySum = sum(values.authorityHits);
  copy('hub', values.hubHits, hubSum > 0 ? 1 / hubSum : 0);
  copy('authority', values.authorityHits, authoritySum > 0 ? 1 / authoritySum : 0);
  copy('inDegree', values.inDegree);
  copy('outDegree', values.outDegree);
  copy('weightedInDegree', values.weightedInDegree);
  copy('weightedOutDegree', values.weightedOutDegree);
  copy('coreNumber', values.coreNumber);
  // Sampled sums are scaled by n / pivots (as the Node estimator does), then normalised by (n−1)(n−2).
  const scale = (n / Math.max(1, input.pivots)) * (n <= 2 ? 1 : 1 / ((n - 1) * (n - 2)));
  copy('betweenness', values.betweenness, scale);

  const assignment = renumberBySize(ids.map((id, v): [string, number] => [id, values.community[v] ?? -1]));
  const partition = assignment.communities;
  const index = new Map(ids.map((id, v) => [id, v]));
  const labelled = labelAndCompare(partition, (node) => facets[index.get(node)!]!, communityNames);

  const core = new Int32Array(n);
  ids.forEach((id, v) => (core[v] = partition.get(id) ?? -1));
  // One membership per stakeholder, its own community at full strength: GDS has no overlapping detection.
  const membershipStart = Int32Array.from({ length: n + 1 }, (_, v) => v);
  const communities: DetectedCommunitySummary[] = labelled.labels.map((l) => ({
    index: l.community,
    size: l.size,
    members: l.size,
    label: l.label,
    roles: l.roles,
    groups: l.groups,
  }));
  return {
    summary: {
      nodes: n,
      ties: input.ties,
      communities: assignment.sizes.length,
      modularity: input.modularity,
      overlappingNodes: 0,
      nmi: labelled.nmi,
      ari: labelled.ari,
      labelledNodes: labelled.labelled,
      unlabelledNodes: n - labelled.labelled,
      betweenness: { mode: input.exact ? 'exact' : 'sampled', pivots: input.pivots },
      components: input.components,
      metrics: [...GDS_METRICS],
      warnings: [
        ...input.warnings,
        'computed by Neo4j Graph Data Science: no brokerage roles, no Burt measures, no overlapping memberships',
      ],
    },
    scores,
    core,
    membershipStart,
    membershipCommunity: core.slice(),
    membershipStrength: new Float64Array(n).fill(1),
    communities,
    contingency: labelled.contingency,
    timings: {},
    layout: null,
  };
}
