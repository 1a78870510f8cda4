// Interactions and the relationships they measure: logging one, reading a stakeholder's log and relationships,
// recomputing every strength. Arguments are checked here; the Cypher is in store/interactions.ts and
// store/relationship-recompute.ts.
import { badInput, notFound } from '../../errors.js';
import { SENTIMENT_MAX, SENTIMENT_MIN } from '../../domain/relationship-strength.js';
import { hasControlCharacters, isIsoDate, isValidId, MAX_TEXT_LENGTH } from '../../domain/validators.js';
import * as store from '../../store/interactions.js';
import { recomputeAllRelationships } from '../../store/relationship-recompute.js';
import { connectionResolvers, pageRequest } from '../common/pagination.js';
import type { GraphQLContext } from '../../context.js';
import type { Resolvers } from '../generated/resolvers-types.js';

/** Most people one logged interaction may name. */
export const MAX_PARTICIPANTS = 200;
/** An interaction may be logged up to a day ahead (time zones, a meeting booked for tonight), no further. */
const FUTURE_TOLERANCE_MS = 86_400_000;
const EARLIEST = Date.UTC(1900, 0, 1);
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A date (YYYY-MM-DD, taken as midnight UTC) or an ISO 8601 instant with its zone, as an ISO instant. */
export function instant(field: string, value: string): string {
  const text = value.trim();
  const ok = isIsoDate(text) || INSTANT.test(text);
  const time = ok ? Date.parse(isIsoDate(text) ? `${text}T00:00:00Z` : text) : NaN;
  if (!Number.isFinite(time)) {
    throw badInput(field, `'${text.slice(0, 40)}' is not a date (YYYY-MM-DD) or an ISO 8601 instant with a time zone`);
  }
  if (time < EARLIEST) throw badInput(field, 'must not be before 1900');
  return new Date(time).toISOString();
}

function stakeholderId(field: string, value: string): string {
  if (!isValidId(value)) throw badInput(field, 'is not a valid stakeholder id');
  return value;
}

function loggedInteraction(
  input: {
    at: string;
    channel: store.NewInteraction['channel'];
    participants: readonly string[];
    initiator?: string | null;
    owner?: string | null;
    sentiment?: number | null;
    summary?: string | null;
  },
  loggedBy: string | null,
  now: Date,
): store.NewInteraction {
  const at = instant('input.at', input.at);
  if (Date.parse(at) > now.getTime() + FUTURE_TOLERANCE_MS)
    throw badInput('input.at', 'must not be more than a day in the future');
  if (input.participants.length === 0 || input.participants.length > MAX_PARTICIPANTS) {
    throw badInput('input.participants', `must list 1 to ${MAX_PARTICIPANTS} stakeholders, got ${input.participants.length}`);
  }
  const participants = input.participants.map((id, i) => stakeholderId(`input.participants[${i}]`, id));
  const duplicate = participants.findIndex((id, i) => participants.indexOf(id) !== i);
  if (duplicate >= 0) throw badInput(`input.participants[${duplicate}]`, 'is listed twice');
  const owner = input.owner ? stakeholderId('input.owner', input.owner) : null;
  if (new Set([...participants, ...(owner ? [owner] : [])]).size < 2) {
    throw badInput('input.participants', 'an interaction needs two people: another participant or an owner');
  }
  const initiator = input.initiator ?? null;
  if (initiator !== null && !participants.includes(initiator))
    throw badInput('input.initiator', 'must be one of the participants');
  const sentiment = input.sentiment ?? null;
  if (sentiment !== null && (!Number.isInteger(sentiment) || sentiment < SENTIMENT_MIN || sentiment > SENTIMENT_MAX)) {
    throw badInput('input.sentiment', `must be an integer from ${SENTIMENT_MIN} to ${SENTIMENT_MAX}, got ${sentiment}`);
  }
  const summary = input.summary?.trim() || null;
  if (summary !== null && summary.length > MAX_TEXT_LENGTH) {
    throw badInput('input.summary', `must be at most ${MAX_TEXT_LENGTH} characters, got ${summary.length}`);
  }
  if (summary !== null && hasControlCharacters(summary, true))
    throw badInput('input.summary', 'must not contain control characters');
  return { at, channel: input.channel, participants, initiator, owner, sentiment, summary, loggedBy };
}

async function stakeholderOrThrow(context: GraphQLContext, id: string) {
  const stakeholder = await context.loaders.stakeholder.load(id);
  if (!stakeholder) throw notFound('Stakeholder', id);
  return stakeholder;
}

const optionalStakeholder = (context: GraphQLContext, id: string | null) =>
  id === null ? null : context.loaders.stakeholder.load(id);

export const interactionResolvers: Resolvers = {
  Query: {
    interaction: (_, { id }, { db }) => store.interaction(db, id),
  },
  Stakeholder: {
    interactions: (stakeholder, { first, after, since, until, channel }, { db, config }) =>
      store.interactionsOf(
        db,
        stakeholder.id,
        {
          since: since ? instant('since', since) : null,
          until: until ? instant('until', until) : null,
          channel: channel ?? null,
        },
        pageRequest(first, after, config.maxPageSize),
      ),
    relationships: (stakeholder, { first }, { db, config }) => {
      const limit = first ?? 20;
      if (!Number.isInteger(limit) || limit < 0 || limit > config.maxPageSize) {
        throw badInput('first', `must be between 0 and ${config.maxPageSize}, got ${limit}`);
      }
      return store.relationshipsOf(db, stakeholder.id, limit);
    },
  },
  Interaction: {
    owner: (interaction, _, context) => optionalStakeholder(context, interaction.owner),
  },
  InteractionParticipant: {
    stakeholder: (participant, _, context) => stakeholderOrThrow(context, participant.stakeholder),
  },
  InteractionConnection: connectionResolvers,
  IntroductionPath: {
    relationships: (path, _, { db }) => store.relationshipsAlong(db, path.stakeholders),
  },
  Relationship: {
    stakeholder: (relationship, _, context) => stakeholderOrThrow(context, relationship.other),
    owner: (relationship, _, context) => optionalStakeholder(context, relationship.owner),
  },
  RelationshipPair: {
    a: (pair, _, context) => stakeholderOrThrow(context, pair.a),
    b: (pair, _, context) => stakeholderOrThrow(context, pair.b),
  },
  Mutation: {
    logInteraction: async (_, { input }, context) => {
      const now = new Date();
      const interaction = loggedInteraction(input, context.viewer?.name ?? null, now);
      const result = await store.logInteraction(context.db, interaction, now);
      if ('missing' in result) throw notFound('Stakeholder', result.missing[0]!);
      context.audit.counts = { participants: interaction.participants.length, relationships: result.relationships.length };
      return result;
    },
    recomputeRelationshipStrengths: async (_, __, context) => {
      const started = performance.now();
      const summary = await recomputeAllRelationships(context.db, new Date());
      context.audit.counts = { ...summary };
      return { ...summary, durationMs: Math.round(performance.now() - started) };
    },
  },
};
