// Resolvers for analysis runs and analytics fields: argument checks, run resolution (given or current), thin calls into the run service, repositories and on-demand analytics.
import { listAnswerBytes, maskingLevel } from '../common/answer-cache.js';
import DataLoader from 'dataloader';
import type { GraphQLContext } from '../../context.js';
import { apiError, badInput, notFound } from '../../errors.js';
import type { RoleName } from '../../domain/vocabulary.js';
import type { Community, CompactProjection, ScoreSet } from '../../domain/models.js';
import { RANKING_METRIC, type RankedMetric } from '../../domain/metrics.js';
import { findRun, listRuns, runComparison } from '../../store/runs.js';
import { readAnalysedDataVersion } from '../../store/data-version.js';
import { currentRun, optionalRun, requiredRun } from '../common/run-argument.js';
import type { BrokerGroup, Segment } from '../../runner/on-demand.js';
import type { OnDemandResult, OnDemandTask } from '../../runner/on-demand-tasks.js';
import { OnDemandBusyError, runInPool } from '../../runner/on-demand-pool.js';
import { DEFAULT_PARAMETERS, ParameterError, validateRunParameters } from '../../runner/parameters.js';
import { communityMemberIds, declaredCommunityNames, loadProjection } from '../../store/projection.js';
import { recoverInterruptedRuns, RunInProgressError, startAnalysisRun } from '../../runner/run-analysis.js';
import { EngineUnavailableError } from '../../runner/engine.js';
import { pairwiseOverlaps } from '../../analytics/set-overlaps.js';
import type { InfluenceMetric, Resolvers, SegmentInput } from '../generated/resolvers-types.js';
import { integerInRange } from '../common/validation.js';
import * as repository from '../../store/run-results.js';

/** Per-request state: the whole-graph projection, score and community-detail loaders. */
interface RequestCache {
  projection?: Promise<CompactProjection>;
  scores: Map<string, DataLoader<string, ScoreSet | null>>;
  details: DataLoader<string, repository.CommunityDetails | null>;
}
const caches = new WeakMap<GraphQLContext, RequestCache>();

function cacheOf(context: GraphQLContext): RequestCache {
  let cache = caches.get(context);
  if (!cache) {
    cache = {
      scores: new Map(),
      details: new DataLoader(async (ids) => {
        const found = await repository.communityDetails(context.db, [...ids]);
        return ids.map((id) => found.get(id) ?? null);
      }),
    };
    caches.set(context, cache);
  }
  return cache;
}

/** The whole-graph projection, loaded at most once per request. */
function projectionOf(context: GraphQLContext): Promise<CompactProjection> {
  const cache = cacheOf(context);
  return (cache.projection ??= loadProjection(context.db, DEFAULT_PARAMETERS));
}

/** Runs an on-demand computation in the worker pool; a full pool or a computation over its time limit is UNAVAILABLE. */
async function onDemand(context: GraphQLContext, projection: CompactProjection, task: OnDemandTask): Promise<OnDemandResult> {
  try {
    return await runInPool({ projection, task }, context.signal);
  } catch (error) {
    if (error instanceof OnDemandBusyError) throw apiError('UNAVAILABLE', error.message);
    throw error;
  }
}

function scoreLoader(context: GraphQLContext, run: string): DataLoader<string, ScoreSet | null> {
  const cache = cacheOf(context);
  let loader = cache.scores.get(run);
  if (!loader) {
    loader = new DataLoader(async (ids) => {
      const found = await repository.scoresOf(context.db, run, [...ids]);
      return ids.map((id) => found.get(id) ?? null);
    });
    cache.scores.set(run, loader);
  }
  return loader;
}

// InfluenceMetric's values are the declared rankings (tests/unit/domain/metrics.test.ts checks the enum against them).
const METRIC_PROPERTY: Record<InfluenceMetric, RankedMetric> = RANKING_METRIC;

async function segmentOf(
  context: GraphQLContext,
  input: SegmentInput | null | undefined,
  field = 'segment',
): Promise<Segment & { community: string | null }> {
  const community = input?.community ?? null;
  let members: Set<string> | null = null;
  if (community !== null) {
    members = await communityMemberIds(context.db, community);
    if (members === null) throw badInput(`${field}.community`, `community '${community}' does not exist`);
  }
  return {
    roles: input?.roles && input.roles.length > 0 ? [...input.roles] : null,
    roleMatch: input?.roleMatch ?? 'ANY',
    members,
    community,
  };
}

/** One side of brokersBetween: a role or a community (declared or detected), exactly one of them. */
async function brokerGroup(
  context: GraphQLContext,
  side: 'from' | 'to',
  role: RoleName | null | undefined,
  community: string | null | undefined,
): Promise<BrokerGroup> {
  const hasRole = role !== null && role !== undefined;
  const hasCommunity = community !== null && community !== undefined;
  if (hasRole === hasCommunity)
    throw badInput(`${side}Role`, `give either ${side}Role or ${side}Community, not both and not neither`);
  if (hasRole) return { role };
  const members = await communityMemberIds(context.db, community!);
  if (members === null) throw badInput(`${side}Community`, `community '${community}' does not exist`);
  return { members: [...members] };
}

async function requireStakeholders(context: GraphQLContext, ids: string[], field: string): Promise<void> {
  const missing = await repository.missingStakeholders(context.db, ids);
  if (missing.length > 0)
    throw apiError('NOT_FOUND', `${field}: stakeholder '${missing[0]}' does not exist`, { field, id: missing[0] });
}

async function loadCommunity(context: GraphQLContext, id: string): Promise<Community> {
  const community = await context.loaders.community.load(id);
  // A community deleted since the run still shows, by id, rather than failing the whole answer.
  return community ?? { id, name: id, kind: 'DECLARED', category: null, description: null, size: 0 };
}

async function loadStakeholder(context: GraphQLContext, id: string) {
  const stakeholder = await context.loaders.stakeholder.load(id);
  if (!stakeholder) throw notFound('Stakeholder', id);
  return stakeholder;
}

export const analysisResolvers: Resolvers = {
  Query: {
    analysisRuns: async (_, { first }, { db }) => {
      const limit = integerInRange('first', first, 20, 0, 100);
      await recoverInterruptedRuns(db);
      return listRuns(db, limit);
    },
    analysisRun: async (_, { id }, { db }) => {
      await recoverInterruptedRuns(db);
      return findRun(db, id);
    },
    currentAnalysisRun: async (_, __, context) => {
      const id = await currentRun(context);
      return id === null ? null : findRun(context.db, id);
    },
    dataVersion: (_, __, { db }) => readAnalysedDataVersion(db),
    // A run's results never change once it is complete: its lists are cached (per data version, like every answer).
    detectedCommunities: async (_, { run }, context) => {
      const id = await requiredRun(context, run);
      return context.answers.get({
        kind: 'detectedCommunities',
        key: id,
        level: maskingLevel(context.viewer),
        size: listAnswerBytes,
        load: () => repository.detectedCommunities(context.db, id),
      });
    },
    influencers: async (_, { segment, metric, first, run }, context) => {
      const limit = integerInRange('first', first, 20, 1, context.config.maxPageSize);
      const id = await requiredRun(context, run);
      const seg = await segmentOf(context, segment);
      const property = METRIC_PROPERTY[metric];
      const rows = await context.answers.get({
        kind: 'influencers',
        key: [id, property, seg.roles, seg.roleMatch, seg.community, limit],
        level: maskingLevel(context.viewer),
        size: listAnswerBytes,
        load: () => repository.topByMetric(context.db, id, property, metric === 'CONSTRAINT', seg, limit),
      });
      return rows.map((scores, i) => ({ rank: i + 1, stakeholder: scores.stakeholder, value: scores[property] ?? 0, scores }));
    },
    communityComparison: async (_, { run }, context) => {
      const id = await requiredRun(context, run);
      const [stored, found] = await Promise.all([runComparison(context.db, id), findRun(context.db, id)]);
      const summary = found?.summary;
      return {
        run: id,
        nmi: summary?.nmi ?? null,
        ari: summary?.ari ?? null,
        labelledNodes: summary?.labelledNodes ?? 0,
        unlabelledNodes: summary?.unlabelledNodes ?? 0,
        declared: stored?.declared ?? [],
        detected: (stored?.detected ?? []).map((c) => `${id}:${c}`),
        cells: (stored?.cells ?? []).map(([declared, detected, count]) => ({ declared, detected, count })),
      };
    },
    overlaps: async (_, { kind }, { db }) => {
      const sets = kind === 'ROLES' ? await repository.roleSets(db) : await repository.declaredCommunitySets(db);
      return { kind, ...pairwiseOverlaps(sets) };
    },
    engagementPlan: async (_, args, context) => {
      const k = integerInRange('k', args.k, 10, 1, 50);
      const simulations = integerInRange('simulations', args.simulations, 200, 10, 10_000);
      const seed = integerInRange('seed', args.seed, 1, 0, 2 ** 31 - 1);
      const segment = await segmentOf(context, args.segment);
      const [projection, communityNames, run] = await Promise.all([
        projectionOf(context),
        declaredCommunityNames(context.db),
        currentRun(context),
      ]);
      const result = await onDemand(context, projection, {
        kind: 'engagement',
        segment: { roles: segment.roles, roleMatch: segment.roleMatch, members: segment.members ? [...segment.members] : null },
        k,
        simulations,
        seed,
        communityNames,
      });
      if (result.kind === 'emptySegment') throw badInput('segment', 'no stakeholder is in this segment');
      if (result.kind !== 'engagement') throw new Error(`unexpected on-demand result ${result.kind}`);
      const plan = result.plan;
      if (run !== null) {
        const found = await repository.scoresOf(
          context.db,
          run,
          plan.seeds.map((s) => s.stakeholder),
        );
        for (const s of plan.seeds) {
          const sc = found.get(s.stakeholder) ?? null;
          s.reasons.scores = sc;
          if (sc)
            s.reasons.summary += `; PageRank ${sc.pagerank.toPrecision(2)}, ${sc.outDegree} outgoing ties, core ${sc.coreNumber}`;
        }
      }
      return plan;
    },
    introductionPaths: async (_, args, context) => {
      const from = args.from ?? [];
      const fromRoles = args.fromRoles ?? [];
      if (from.length > 0 === fromRoles.length > 0)
        throw badInput('from', 'give either from (stakeholder ids) or fromRoles, not both and not neither');
      const k = integerInRange('k', args.k, 3, 1, 20);
      const maxHops = integerInRange('maxHops', args.maxHops, 4, 1, 10);
      await requireStakeholders(context, [args.to], 'to');
      if (from.length > 0) await requireStakeholders(context, from, 'from');
      const result = await onDemand(context, await projectionOf(context), {
        kind: 'introductions',
        sources: from.length > 0 ? from.filter((id) => id !== args.to) : null,
        sourceRoles: [...fromRoles],
        target: args.to,
        k,
        maxHops,
        viaRoles: args.viaRoles && args.viaRoles.length > 0 ? [...args.viaRoles] : null,
      });
      if (result.kind !== 'introductions') throw new Error(`unexpected on-demand result ${result.kind}`);
      return result.paths;
    },
    brokersBetween: async (_, args, context) => {
      const limit = integerInRange('first', args.first, 10, 1, 100);
      const from = await brokerGroup(context, 'from', args.fromRole, args.fromCommunity);
      const to = await brokerGroup(context, 'to', args.toRole, args.toCommunity);
      const result = await onDemand(context, await projectionOf(context), { kind: 'brokers', from, to, first: limit });
      if (result.kind !== 'brokers') throw new Error(`unexpected on-demand result ${result.kind}`);
      return result.brokers;
    },
    whatIf: async (_, { remove, run }, context) => {
      const removed = [...new Set(remove)];
      if (removed.length === 0 || removed.length > 100)
        throw badInput('remove', `give 1 to 100 stakeholder ids, got ${removed.length}`);
      await requireStakeholders(context, removed, 'remove');
      const assignment =
        run === null || run === undefined
          ? null
          : Object.fromEntries(await repository.detectedAssignment(context.db, await requiredRun(context, run)));
      const result = await onDemand(context, await projectionOf(context), { kind: 'whatIf', removed, assignment });
      if (result.kind !== 'whatIf') throw new Error(`unexpected on-demand result ${result.kind}`);
      return result.whatIf;
    },
  },
  Mutation: {
    runAnalysis: async (_, { input }, { db, config, viewer }) => {
      let parameters;
      try {
        parameters = validateRunParameters(input ?? {}, 'input.');
      } catch (error) {
        if (error instanceof ParameterError) throw badInput(error.field, error.message.slice(error.field.length + 2));
        throw error;
      }
      try {
        return await startAnalysisRun(db, parameters, {
          requested: input?.engine ?? null,
          settings: config.analysis,
          startedBy: viewer?.name ?? null,
        });
      } catch (error) {
        if (error instanceof RunInProgressError) throw apiError('UNAVAILABLE', error.message, { run: error.runningId });
        if (error instanceof EngineUnavailableError) {
          if (input?.engine) throw badInput('input.engine', error.message);
          throw apiError('UNAVAILABLE', `ATLAS_ANALYSIS_ENGINE=gds: ${error.message}`);
        }
        throw error;
      }
    },
  },
  AnalysisRun: {
    timings: (run) => Object.entries(run.timings).map(([phase, milliseconds]) => ({ phase, milliseconds })),
    parameters: (run) => ({ ...DEFAULT_PARAMETERS, ...run.parameters }),
    summary: (run) =>
      run.summary && {
        ...run.summary,
        betweennessMode: run.summary.betweenness.mode.toUpperCase(),
        betweennessPivots: run.summary.betweenness.pivots,
      },
  },
  StakeholderScores: {
    brokerage: (s) => ({
      coordinator: s.coordinator,
      itinerant: s.itinerant,
      representative: s.representative,
      gatekeeper: s.gatekeeper,
      liaison: s.liaison,
    }),
  },
  Stakeholder: {
    scores: async (stakeholder, { run }, context) => {
      const id = await optionalRun(context, run);
      return id === null ? null : scoreLoader(context, id).load(stakeholder.id);
    },
    detectedCommunities: async (stakeholder, { run }, context) => {
      const id = await optionalRun(context, run);
      return id === null ? [] : repository.detectedMemberships(context.db, id, stakeholder.id);
    },
  },
  Community: {
    label: async (c, _, context) => (c.kind === 'DETECTED' ? ((await cacheOf(context).details.load(c.id))?.label ?? null) : null),
    run: async (c, _, context) => (c.kind === 'DETECTED' ? ((await cacheOf(context).details.load(c.id))?.run ?? null) : null),
    roleShares: async (c, _, context) => {
      if (c.kind !== 'DETECTED') return null;
      const profile = (await cacheOf(context).details.load(c.id))?.profile;
      return profile ? profile.roles.map((r) => ({ role: r.role.toUpperCase() as RoleName, share: r.share })) : null;
    },
    groupShares: async (c, _, context) => {
      if (c.kind !== 'DETECTED') return null;
      const profile = (await cacheOf(context).details.load(c.id))?.profile;
      return profile ? profile.groups.map((g) => ({ community: g.group, share: g.share })) : null;
    },
  },
  GroupShare: { community: (g, _, context) => loadCommunity(context, g.community) },
  Influencer: { stakeholder: (i, _, context) => loadStakeholder(context, i.stakeholder) },
  CommunityComparison: {
    declared: (c, _, context) => Promise.all(c.declared.map((id) => loadCommunity(context, id))),
    detected: (c, _, context) => Promise.all(c.detected.map((id) => loadCommunity(context, id))),
  },
  EngagementSeed: { stakeholder: (s, _, context) => loadStakeholder(context, s.stakeholder) },
  SeedReasons: { communities: (r, _, context) => Promise.all(r.communities.map((id) => loadCommunity(context, id))) },
  IntroductionPath: { stakeholders: (p, _, context) => Promise.all(p.stakeholders.map((id) => loadStakeholder(context, id))) },
  Broker: { stakeholder: (b, _, context) => loadStakeholder(context, b.stakeholder) },
  CommunityImpact: { community: (c, _, context) => loadCommunity(context, c.community) },
  LostPath: {
    from: (p, _, context) => loadStakeholder(context, p.source),
    to: (p, _, context) => loadStakeholder(context, p.target),
    through: (p, _, context) => loadStakeholder(context, p.through),
  },
  SinglePointOfFailure: {
    stakeholder: (p, _, context) => loadStakeholder(context, p.stakeholder),
    community: (p, _, context) => loadCommunity(context, p.community),
  },
};
