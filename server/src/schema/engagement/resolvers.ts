// Saved engagement plans: saving one (checked here, written by store/engagement-plans.ts), their progress, and their
// measured effect once the window has closed (analytics/engagement-effect.ts).
import type { GraphQLContext } from '../../context.js';
import { badInput, notFound, shorten } from '../../errors.js';
import { planEffect } from '../../analytics/engagement-effect.js';
import * as store from '../../store/engagement-plans.js';
import { interaction } from '../../store/interactions.js';
import type { Resolvers, SaveEngagementPlanInput, UpdateEngagementActionInput } from '../generated/resolvers-types.js';
import { hasControlCharacters } from '../../domain/validators.js';
import { integerInRange, optionalId, requireText } from '../common/validation.js';

/** Most seeds a plan holds (engagementPlan computes at most 50). */
export const MAX_ACTIONS = 50;
/** Longest window. */
export const MAX_WINDOW_DAYS = 366;
/** Largest segment a plan records as its comparison group. */
export const MAX_SEGMENT = 50_000;
/** Longest note on an action. */
export const MAX_ACTION_NOTE = 500;
/** Latest due day of an edited action, in days after the plan's last day (late actions may be rescheduled). */
export const MAX_DUE_AFTER_END_DAYS = 366;
const DAY_MS = 86_400_000;

const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);

/** The window as epoch ms [start, end): the end is the day after endsOn. */
export function windowOf(plan: Pick<store.PlanRecord, 'startsOn' | 'endsOn'>): { start: number; end: number } {
  return { start: dayOf(plan.startsOn), end: dayOf(plan.endsOn) + DAY_MS };
}

function checkedPlan(input: SaveEngagementPlanInput, createdBy: string | null): store.NewPlan {
  const name = requireText('input.name', input.name);
  if (input.startsOn < '1900-01-01') throw badInput('input.startsOn', 'must not be before 1900');
  if (input.endsOn < input.startsOn) throw badInput('input.endsOn', 'must not be before startsOn');
  if ((dayOf(input.endsOn) - dayOf(input.startsOn)) / DAY_MS > MAX_WINDOW_DAYS)
    throw badInput('input.endsOn', `the window must be at most ${MAX_WINDOW_DAYS} days`);
  if (input.actions.length === 0 || input.actions.length > MAX_ACTIONS)
    throw badInput('input.actions', `must list 1 to ${MAX_ACTIONS} seeds, got ${input.actions.length}`);
  const owner = optionalId('input.owner', input.owner);
  const seen = new Set<string>();
  const actions = input.actions.map((a, i) => {
    const stakeholder = optionalId(`input.actions[${i}].stakeholder`, a.stakeholder);
    if (stakeholder === null) throw badInput(`input.actions[${i}].stakeholder`, 'is required');
    if (seen.has(stakeholder)) throw badInput(`input.actions[${i}].stakeholder`, 'is listed twice');
    seen.add(stakeholder);
    const due = a.due ?? input.endsOn;
    if (due < input.startsOn || due > input.endsOn)
      throw badInput(`input.actions[${i}].due`, 'must fall inside the window (startsOn … endsOn)');
    return { stakeholder, owner: optionalId(`input.actions[${i}].owner`, a.owner) ?? owner, due };
  });
  const reach = input.expectedReach ?? null;
  if (reach !== null && (!Number.isFinite(reach) || reach < 0 || reach > 1e9))
    throw badInput('input.expectedReach', 'must be a number ≥ 0');
  const roles = input.segment?.roles && input.segment.roles.length > 0 ? [...new Set(input.segment.roles)] : null;
  return {
    name,
    segment: {
      roles,
      roleMatch: input.segment?.roleMatch ?? 'ANY',
      community: optionalId('input.segment.community', input.segment?.community),
    },
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    expectedReach: reach,
    createdBy,
    actions,
  };
}

/** The change an update asks for, checked; a field left out of the input stays undefined (unchanged). */
function checkedChange(input: UpdateEngagementActionInput): store.ActionChange {
  const change: store.ActionChange = {};
  if (input.owner !== undefined)
    change.owner = input.owner === null || input.owner.trim() === '' ? null : optionalId('input.owner', input.owner);
  if (input.due === null) throw badInput('input.due', 'a due day can be moved, not removed');
  if (input.due !== undefined) change.due = input.due;
  if (input.status === null) throw badInput('input.status', 'must be OPEN, DONE or DROPPED');
  if (input.status !== undefined) change.status = input.status;
  if (input.note !== undefined) {
    const note = input.note?.trim() || null;
    if (note !== null && note.length > MAX_ACTION_NOTE)
      throw badInput('input.note', `must be at most ${MAX_ACTION_NOTE} characters, got ${note.length}`);
    if (note !== null && hasControlCharacters(note, true)) throw badInput('input.note', 'must not contain control characters');
    change.note = note;
  }
  if (Object.keys(change).length === 0) throw badInput('input', 'names nothing to change (owner, due, status or note)');
  return change;
}

const today = (): string => new Date().toISOString().slice(0, 10);

async function stakeholder(context: GraphQLContext, id: string) {
  const found = await context.loaders.stakeholder.load(id);
  if (!found) throw notFound('Stakeholder', id);
  return found;
}

export const engagementResolvers: Resolvers = {
  Query: {
    engagementPlans: async (_, { first }, { db }) => store.listPlans(db, integerInRange('first', first, 20, 0, 100)),
    savedEngagementPlan: (_, { id }, { db }) => store.findPlan(db, id),
  },
  Mutation: {
    saveEngagementPlan: async (_, { input }, context) => {
      const plan = checkedPlan(input, context.viewer?.name ?? null);
      const outcome = await store.savePlan(context.db, plan, MAX_SEGMENT);
      if ('missing' in outcome) throw notFound('Stakeholder', outcome.missing);
      if ('missingCommunity' in outcome)
        throw badInput('input.segment.community', `community '${outcome.missingCommunity}' does not exist`);
      if ('segmentTooLarge' in outcome)
        throw badInput(
          'input.segment',
          `holds ${outcome.segmentTooLarge} stakeholders; a plan's segment may hold at most ${MAX_SEGMENT}`,
        );
      context.audit.counts = { actions: outcome.plan.actions.length, segment: outcome.plan.segmentSize };
      return outcome.plan;
    },
    updateEngagementAction: async (_, { id, input }, context) => {
      const actionId = optionalId('id', id);
      if (actionId === null) throw badInput('id', 'is required');
      const change = checkedChange(input);
      const outcome = await store.updateAction(context.db, actionId, change, MAX_DUE_AFTER_END_DAYS);
      if ('missingAction' in outcome) throw notFound('EngagementAction', actionId);
      if ('missingOwner' in outcome)
        throw badInput('input.owner', `stakeholder '${shorten(outcome.missingOwner)}' does not exist`);
      if ('dueOutside' in outcome)
        throw badInput(
          'input.due',
          `must fall from the plan's first day (${outcome.dueOutside.startsOn}) to ${MAX_DUE_AFTER_END_DAYS} days after its last (${outcome.dueOutside.latest})`,
        );
      // Which fields changed, and the status: no personal value (the note's text stays out of the trail).
      context.audit.counts = { changed: Object.keys(change).join(','), ...(change.status ? { status: change.status } : {}) };
      return outcome.plan;
    },
  },
  SavedEngagementPlan: {
    segment: (plan): store.SavedSegmentRecord => ({ ...plan.segment, members: plan.segmentSize }),
    progress: (plan) => {
      const done = plan.actions.filter((a) => a.status === 'DONE').length;
      const dropped = plan.actions.filter((a) => a.status === 'DROPPED').length;
      const now = today();
      const pursued = plan.actions.length - dropped;
      return {
        actions: plan.actions.length,
        done,
        dropped,
        open: pursued - done,
        overdue: plan.actions.filter((a) => a.status === 'OPEN' && a.due < now).length,
        share: pursued === 0 ? 0 : done / pursued,
      };
    },
    closed: (plan) => windowOf(plan).end <= Date.now(),
    effect: async (plan, _, { db }) => {
      const { start, end } = windowOf(plan);
      if (end > Date.now()) return null;
      const evidence = await store.planEvidence(db, plan.id, end);
      const seeds = new Set(plan.actions.map((a) => a.stakeholder));
      const engaged = plan.actions.filter((a) => a.status === 'DONE').map((a) => a.stakeholder);
      const notEngaged = evidence.segment.filter((id) => !seeds.has(id));
      return planEffect(engaged, notEngaged, evidence.interactions, start, end);
    },
  },
  SavedSegment: {
    roles: (s) => s.roles ?? [],
    community: (s, _, context) => (s.community === null ? null : context.loaders.community.load(s.community)),
  },
  EngagementAction: {
    stakeholder: (a, _, context) => stakeholder(context, a.stakeholder),
    owner: (a, _, context) => (a.owner === null ? null : context.loaders.stakeholder.load(a.owner)),
    completedBy: (a, _, { db }) => (a.interaction === null ? null : interaction(db, a.interaction)),
  },
};
