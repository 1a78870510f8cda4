// Assembles the executable schema from every module's schema.graphql and resolvers.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSchema } from 'graphql-yoga';
import type { GraphQLContext } from '../context.js';
import type { Resolvers } from './generated/resolvers-types.js';
import { commonResolvers } from './common/resolvers.js';
import { stakeholderResolvers } from './stakeholders/resolvers.js';
import { communityResolvers } from './communities/resolvers.js';
import { networkResolvers } from './network/resolvers.js';
import { importResolvers } from './imports/resolvers.js';
import { analysisResolvers } from './analysis/resolvers.js';
import { accessResolvers } from './access/resolvers.js';
import { interactionResolvers } from './interactions/resolvers.js';
import { communityMapResolvers } from './community-map/resolvers.js';
import { applyAccessRules } from '../auth/rules.js';

const SCHEMA_DIR = fileURLToPath(new URL('.', import.meta.url));

export function loadTypeDefs(): string[] {
  return readdirSync(SCHEMA_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(SCHEMA_DIR, entry.name, 'schema.graphql')))
    .map((entry) => entry.name)
    .sort((a, b) => (a === 'common' ? -1 : b === 'common' ? 1 : a.localeCompare(b)))
    .map((name) => readFileSync(join(SCHEMA_DIR, name, 'schema.graphql'), 'utf8'));
}

export const resolverModules: Resolvers[] = [
  commonResolvers,
  stakeholderResolvers,
  communityResolvers,
  networkResolvers,
  importResolvers,
  analysisResolvers,
  accessResolvers,
  interactionResolvers,
  communityMapResolvers,
];

/** The executable schema with the access rules (@auth, @personal, mutation audit) applied to it. */
export function buildSchema() {
  return applyAccessRules(
    createSchema<GraphQLContext>({
      typeDefs: loadTypeDefs(),
      // graphql-tools merges an array of resolver maps module by module.
      resolvers: resolverModules as never,
    }),
  );
}
