// Resolvers for stakeholders: thin calls into the repository, argument checks, error shaping.
import { badInput, notFound } from '../../errors.js';
import type { GraphQLContext } from '../../context.js';
import type { RoleFact, Stakeholder } from '../../domain/models.js';
import type { Resolvers, RoleFactInput } from '../generated/resolvers-types.js';
import { connectionResolvers, pageRequest } from '../common/pagination.js';
import { optionalDate, optionalEmail, optionalId, optionalText, requireText, searchText, weight } from '../common/validation.js';
import { stakeholderMemberships } from '../../store/communities.js';
import * as repository from '../../store/stakeholders.js';
import { listAnswerBytes, maskingLevel } from '../common/answer-cache.js';
import { selectedFields } from '../common/selection.js';

function roleFact(field: string, input: RoleFactInput): RoleFact {
  const since = optionalDate(`${field}.since`, input.since);
  const until = optionalDate(`${field}.until`, input.until);
  if (since && until && until < since) throw badInput(`${field}.until`, `${until} is before since (${since})`);
  if (input.value !== undefined && input.value !== null && !Number.isFinite(input.value)) {
    throw badInput(`${field}.value`, 'must be a finite number');
  }
  return {
    role: input.role,
    since,
    until,
    source: optionalText(`${field}.source`, input.source, 100) ?? null,
    value: input.value ?? null,
    tier: optionalText(`${field}.tier`, input.tier, 100) ?? null,
  };
}

async function loadOrThrow(context: GraphQLContext, id: string): Promise<Stakeholder> {
  context.loaders.stakeholder.clear(id);
  const stakeholder = await context.loaders.stakeholder.load(id);
  if (!stakeholder) throw notFound('Stakeholder', id);
  return stakeholder;
}

export const stakeholderResolvers: Resolvers = {
  Query: {
    stakeholder: (_, { id }, { loaders }) => loaders.stakeholder.load(id),
    stakeholders: (_, { filter, orderBy, first, after }, { db, config, viewer, answers }, info) => {
      searchText('filter.text', filter?.text);
      // Viewers may not see e-mail addresses, so their text search must not match on them either.
      const level = maskingLevel(viewer);
      const page = pageRequest(first, after, config.maxPageSize);
      const order = orderBy ?? 'NAME';
      // A total asked for with the page is read in the same round trip.
      const withTotal = selectedFields(info, [])?.has('totalCount') ?? false;
      return answers.get({
        kind: 'stakeholders',
        key: [filter ?? null, order, page.offset, page.limit, withTotal],
        level,
        size: (answer) => listAnswerBytes(answer.items),
        load: () => repository.listStakeholders(db, filter, order, page, level === 'personal', withTotal),
      });
    },
    roleOverlaps: (_, __, { db }) => repository.roleCombinations(db),
  },
  Stakeholder: {
    ties: (stakeholder, { direction, types, first, after }, { db, config }) =>
      repository.stakeholderTies(db, stakeholder.id, direction ?? 'BOTH', types, pageRequest(first, after, config.maxPageSize)),
    communities: (stakeholder, _, { db }) => stakeholderMemberships(db, stakeholder.id),
    sourceRecords: (stakeholder, _, { db }) => repository.sourceRecords(db, stakeholder.id),
  },
  Tie: {
    source: (tie, _, context) => loadOrThrow(context, tie.source),
    target: (tie, _, context) => loadOrThrow(context, tie.target),
  },
  RoleCombination: {
    members: (combination, { first, after }, { db, config }) =>
      repository.combinationMembers(db, combination.roles, pageRequest(first, after, config.maxPageSize)),
  },
  StakeholderConnection: connectionResolvers,
  TieConnection: connectionResolvers,
  Mutation: {
    createStakeholder: async (_, { input }, context) => {
      const roles = (input.roles ?? []).map((role, i) => roleFact(`input.roles[${i}]`, role));
      const seen = new Set<string>();
      roles.forEach((fact, i) => {
        if (seen.has(fact.role)) throw badInput(`input.roles[${i}].role`, `${fact.role} is listed twice`);
        seen.add(fact.role);
      });
      const id = await repository.createStakeholder(context.db, {
        id: optionalId('input.id', input.id),
        kind: input.kind,
        name: requireText('input.name', input.name),
        email: optionalEmail('input.email', input.email),
        organisation: optionalText('input.organisation', input.organisation),
        title: optionalText('input.title', input.title),
        country: optionalText('input.country', input.country),
        roles,
      });
      if (id === null) throw badInput('input.id', `a stakeholder with id '${input.id}' already exists`);
      return loadOrThrow(context, id);
    },
    updateStakeholder: async (_, { id, input }, context) => {
      const found = await repository.updateStakeholder(context.db, id, {
        kind: input.kind ?? undefined,
        name: input.name === undefined ? undefined : requireText('input.name', input.name),
        email: optionalEmail('input.email', input.email),
        organisation: optionalText('input.organisation', input.organisation),
        title: optionalText('input.title', input.title),
        country: optionalText('input.country', input.country),
      });
      if (!found) throw notFound('Stakeholder', id);
      return loadOrThrow(context, id);
    },
    deleteStakeholder: async (_, { id }, { db }) => {
      if (!(await repository.deleteStakeholder(db, id))) throw notFound('Stakeholder', id);
      return id;
    },
    addRole: async (_, { id, role }, context) => {
      if (!(await repository.addRole(context.db, id, roleFact('role', role)))) throw notFound('Stakeholder', id);
      return loadOrThrow(context, id);
    },
    removeRole: async (_, { id, role }, context) => {
      if (!(await repository.removeRole(context.db, id, role))) throw notFound('Stakeholder', id);
      return loadOrThrow(context, id);
    },
    addTie: async (_, { input }, { db }) => {
      if (input.source === input.target) throw badInput('input.target', 'a tie needs two different stakeholders');
      const result = await repository.addTie(db, {
        source: input.source,
        target: input.target,
        type: input.type,
        weight: weight('input.weight', input.weight),
        since: optionalDate('input.since', input.since),
      });
      if ('missing' in result) {
        throw notFound('Stakeholder', result.missing);
      }
      return result.tie;
    },
    removeTie: (_, { input }, { db }) => repository.removeTie(db, input),
  },
};
