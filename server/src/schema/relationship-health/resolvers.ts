// Health lists: cooling relationships, single-threaded key accounts, stakeholders nobody owns (paged; viewers read them
// with the personal fields of each stakeholder masked). The Cypher is in store/relationship-health.ts.
import { badInput, notFound } from '../../errors.js';
import { isRole, type RoleName } from '../../domain/vocabulary.js';
import * as store from '../../store/relationship-health.js';
import type { GraphQLContext } from '../../context.js';
import { connectionResolvers, pageRequest } from '../common/pagination.js';
import type { Resolvers } from '../generated/resolvers-types.js';

async function stakeholderOrThrow(context: GraphQLContext, id: string) {
  const stakeholder = await context.loaders.stakeholder.load(id);
  if (!stakeholder) throw notFound('Stakeholder', id);
  return stakeholder;
}

export const relationshipHealthResolvers: Resolvers = {
  Query: {
    coolingRelationships: (_, { first, after, minDrop }, { db, config }) => {
      const drop = minDrop ?? 0.05;
      if (!Number.isFinite(drop) || drop < 0 || drop > 1) throw badInput('minDrop', `must be between 0 and 1, got ${drop}`);
      return store.coolingRelationships(db, drop, pageRequest(first, after, config.maxPageSize));
    },
    singleThreadedAccounts: (_, { first, after }, { db, config }) =>
      store.singleThreadedAccounts(db, pageRequest(first, after, config.maxPageSize)),
    unownedStakeholders: (_, { first, after, roles }, { db, config }) => {
      const chosen: readonly RoleName[] = roles && roles.length > 0 ? [...new Set(roles)] : store.OWNED_ROLES;
      chosen.forEach((role, i) => {
        if (!isRole(role)) throw badInput(`roles[${i}]`, `unknown role '${String(role)}'`);
      });
      return store.unownedStakeholders(db, chosen, pageRequest(first, after, config.maxPageSize));
    },
  },
  CoolingRelationship: {
    stakeholder: (cooling, _, context) => stakeholderOrThrow(context, cooling.stakeholder),
  },
  CoolingRelationshipConnection: connectionResolvers,
  SingleThreadedAccount: {
    account: (row, _, context) => stakeholderOrThrow(context, row.account),
    employee: (row, _, context) => stakeholderOrThrow(context, row.employee),
  },
  SingleThreadedAccountConnection: connectionResolvers,
};
