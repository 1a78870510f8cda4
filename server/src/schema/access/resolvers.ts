// Users, tokens, the caller, the audit trail and personal-data rights (erasure, export): thin
// resolvers over auth/ and store/. Who may call what is decided by @auth in the schema, not here.
import { badInput, apiError, notFound } from '../../errors.js';
import { passwordProblem, hashPassword, verifyPassword } from '../../auth/passwords.js';
import { apiTokenOwner, findUser, listUsers, setPasswordHash } from '../../store/access.js';
import { listAuditEvents } from '../../store/audit.js';
import { eraseStakeholder, stakeholderData } from '../../store/erasure.js';
import type { GraphQLContext } from '../../context.js';
import type { AccessRole, Resolvers } from '../generated/resolvers-types.js';
import { connectionResolvers, pageRequest } from '../common/pagination.js';
import { integerInRange, optionalId, requireText } from '../common/validation.js';

const upper = (role: string): AccessRole => role.toUpperCase() as AccessRole;

/** The caller as a local user (tokens and passwords belong to User nodes; OIDC subjects have none). */
function localUser(context: GraphQLContext): string {
  const viewer = context.viewer;
  if (!viewer?.local) throw apiError('FORBIDDEN', 'Only local users have API tokens and passwords.');
  return viewer.name;
}

function requiredId(field: string, value: string): string {
  const id = optionalId(field, value);
  if (!id) throw badInput(field, 'must not be empty');
  return id;
}

export const accessResolvers: Resolvers = {
  Query: {
    me: (_, __, { viewer }) => (viewer?.role ? viewer : null),
    auditEvents: (_, args, { db, config }) =>
      listAuditEvents(
        db,
        {
          action: args.action ? requireText('action', args.action, 100) : null,
          actor: args.actor ? requireText('actor', args.actor, 200) : null,
          since: args.since ?? null,
          until: args.until ?? null,
        },
        pageRequest(args.first, args.after, config.maxPageSize),
      ),
    users: (_, __, { db }) => listUsers(db),
    stakeholderDataExport: async (_, { id }, context) => {
      const key = requiredId('id', id);
      const data = await stakeholderData(context.db, key);
      if (!data) throw notFound('Stakeholder', key.slice(0, 200));
      await context.recordAudit({
        actor: context.viewer?.name ?? '(anonymous)',
        action: 'stakeholderDataExport',
        targets: [key],
        outcome: 'ok',
      });
      return data;
    },
  },
  Mutation: {
    createApiToken: async (_, { name, expiresInDays }, context) => {
      const user = localUser(context);
      const label = requireText('name', name, 100);
      const days =
        expiresInDays === null || expiresInDays === undefined ? null : integerInRange('expiresInDays', expiresInDays, 0, 1, 3650);
      const created = await context.auth.createToken(user, label, days);
      if (!created) throw apiError('FORBIDDEN', 'Your user no longer exists.');
      return created;
    },
    revokeApiToken: async (_, { id }, context) => {
      const key = requiredId('id', id);
      const owner = await apiTokenOwner(context.db, key);
      // Someone else's token is NOT_FOUND to a non-admin: token ids are not confirmed to strangers.
      if (!owner || (owner !== context.viewer?.name && context.viewer?.role !== 'admin'))
        throw notFound('ApiToken', key.slice(0, 200));
      return context.auth.revokeToken(key);
    },
    setPassword: async (_, { current, password }, context) => {
      const name = localUser(context);
      const problem = passwordProblem(password);
      if (problem) throw badInput('password', problem);
      const user = await findUser(context.db, name);
      if (!user) throw apiError('FORBIDDEN', 'Your user no longer exists.');
      const firstFromLink = !user.passwordHash && context.viewer?.via === 'link';
      if (!firstFromLink && !(typeof current === 'string' && (await verifyPassword(current, user.passwordHash)))) {
        throw badInput('current', 'is not your current password');
      }
      return setPasswordHash(context.db, name, await hashPassword(password));
    },
    eraseStakeholder: async (_, { id }, context) => {
      const key = requiredId('id', id);
      const counts = await eraseStakeholder(context.db, key);
      if (!counts) throw notFound('Stakeholder', key.slice(0, 200));
      context.loaders.stakeholder.clear(key);
      context.audit.counts = { ...counts };
      return true;
    },
    recordExport: (_, { kind, count }, context) => {
      if (!/^[a-z0-9-]{1,20}$/.test(kind))
        throw badInput('kind', 'must be 1 to 20 lower-case letters, digits or dashes (csv, gexf, png …)');
      context.audit.counts = { kind, count: integerInRange('count', count, 0, 0, 10_000_000) };
      return true;
    },
  },
  Viewer: { role: (viewer) => upper(viewer.role ?? 'viewer') },
  User: { role: (user) => upper(user.role) },
  AuditEventConnection: connectionResolvers,
};
