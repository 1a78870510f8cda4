// The one declaration of the per-stakeholder scores an analysis run computes: name, number type, ranking, label.
// The run's score columns, the Cypher projections, the rankings and the GraphQL score types follow from it
// (the schema and the client's list are checked against it by tests/unit/domain/metrics.test.ts).

export interface MetricDeclaration {
  /** Property of a :ScoreSet node, field of StakeholderScores / NetworkScores. */
  readonly name: string;
  readonly type: 'integer' | 'float';
  /** Undefined for some stakeholders (e.g. Burt's measures of an isolate). */
  readonly nullable: boolean;
  /** Value of the InfluenceMetric enum that ranks by it; null when rankings do not offer it. */
  readonly ranking: string | null;
  /** Offered by the map for sizing and filtering (the client's list of scores). */
  readonly onMap: boolean;
  readonly label: string;
}

export const METRICS = [
  { name: 'pagerank', type: 'float', nullable: false, ranking: 'PAGERANK', onMap: true, label: 'PageRank' },
  { name: 'hub', type: 'float', nullable: false, ranking: 'HUB', onMap: true, label: 'Hub score' },
  { name: 'authority', type: 'float', nullable: false, ranking: 'AUTHORITY', onMap: true, label: 'Authority' },
  { name: 'inDegree', type: 'integer', nullable: false, ranking: 'IN_DEGREE', onMap: false, label: 'In-degree' },
  { name: 'outDegree', type: 'integer', nullable: false, ranking: 'OUT_DEGREE', onMap: false, label: 'Out-degree' },
  {
    name: 'weightedInDegree',
    type: 'float',
    nullable: false,
    ranking: 'WEIGHTED_IN_DEGREE',
    onMap: false,
    label: 'Weighted in-degree',
  },
  {
    name: 'weightedOutDegree',
    type: 'float',
    nullable: false,
    ranking: 'WEIGHTED_OUT_DEGREE',
    onMap: false,
    label: 'Weighted out-degree',
  },
  { name: 'coreNumber', type: 'integer', nullable: false, ranking: 'CORE_NUMBER', onMap: true, label: 'Core number' },
  { name: 'betweenness', type: 'float', nullable: false, ranking: 'BETWEENNESS', onMap: true, label: 'Betweenness' },
  { name: 'constraint', type: 'float', nullable: true, ranking: 'CONSTRAINT', onMap: false, label: 'Constraint' },
  { name: 'effectiveSize', type: 'float', nullable: true, ranking: 'EFFECTIVE_SIZE', onMap: true, label: 'Effective size' },
  // Gould–Fernandez brokerage roles: weighted counts of brokered pairs, hence floats; null in a run whose
  // engine has no brokerage roles (Graph Data Science, docs/decisions/084-analysis-engines.md).
  { name: 'coordinator', type: 'float', nullable: true, ranking: null, onMap: false, label: 'Coordinator' },
  { name: 'itinerant', type: 'float', nullable: true, ranking: null, onMap: false, label: 'Itinerant' },
  { name: 'representative', type: 'float', nullable: true, ranking: null, onMap: false, label: 'Representative' },
  { name: 'gatekeeper', type: 'float', nullable: true, ranking: null, onMap: false, label: 'Gatekeeper' },
  { name: 'liaison', type: 'float', nullable: true, ranking: null, onMap: false, label: 'Liaison' },
] as const satisfies readonly MetricDeclaration[];

type Metric = (typeof METRICS)[number];
export type MetricName = Metric['name'];
/** Metrics a ranking may sort by (an allow-list: their names are interpolated into Cypher). */
export type RankedMetric = Extract<Metric, { ranking: string }>['name'];
export type RankingName = Extract<Metric, { ranking: string }>['ranking'];
export type NullableMetric = Extract<Metric, { nullable: true }>['name'];

/** Every score column of a run, in declaration order. */
export const METRIC_NAMES: readonly MetricName[] = METRICS.map((m) => m.name);

export const RANKED_METRICS: readonly RankedMetric[] = METRICS.flatMap((m) => (m.ranking === null ? [] : [m.name]));

/** The score property each ranking sorts by (InfluenceMetric enum value → property). */
export const RANKING_METRIC = Object.fromEntries(
  METRICS.flatMap((m) => (m.ranking === null ? [] : [[m.ranking, m.name]])),
) as Record<RankingName, RankedMetric>;

/** The Gould–Fernandez brokerage roles (metrics without a ranking): the map can read them to filter by role. */
export type BrokerageMetric = Extract<Metric, { ranking: null }>['name'];
export const BROKERAGE_METRICS: readonly BrokerageMetric[] = METRICS.flatMap((m) => (m.ranking === null ? [m.name] : []));

export const INTEGER_METRICS: ReadonlySet<MetricName> = new Set(METRICS.filter((m) => m.type === 'integer').map((m) => m.name));

/** Scores the map offers for sizing and filtering (the network answer can carry every ranked metric). */
export const MAP_METRICS: readonly RankedMetric[] = METRICS.flatMap((m) => (m.onMap && m.ranking !== null ? [m.name] : []));

/** Significant digits of the float scores and strengths on the network answer: enough to size, colour and filter. */
export const WIRE_SIGNIFICANT_DIGITS = 4;

export function isRankedMetric(value: string): value is RankedMetric {
  return (RANKED_METRICS as readonly string[]).includes(value);
}

/** One stakeholder's scores, as a run stores them (NaN is stored as null, so only nullable metrics are ever null). */
export type MetricValues = { [K in MetricName]: K extends NullableMetric ? number | null : number };
