// createApp({ db, config }) → the graphql-yoga app: schema, context, error masking, limits,
// health and readiness. Tests call app.fetch in-process; main.ts puts it behind an HTTP server.
import { createYoga, useReadinessCheck } from 'graphql-yoga';
import { useDepthLimit } from '@envelop/depth-limit';
import type { AppConfig } from './config.js';
import { createLoaders, type GraphQLContext } from './context.js';
import type { Database } from './db/database.js';
import { buildSchema } from './schema/index.js';

export interface AppDependencies {
  db: Database;
  config: AppConfig;
}

export function createApp({ db, config }: AppDependencies) {
  return createYoga({
    schema: buildSchema(),
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    graphiql: { title: 'Stakeholder Atlas API' },
    maskedErrors: true,
    logging: config.logLevel,
    context: (): GraphQLContext => ({ db, config, loaders: createLoaders(db) }),
    plugins: [
      useDepthLimit({ maxDepth: config.maxQueryDepth }),
      useReadinessCheck({
        endpoint: '/ready',
        check: async () => {
          try {
            await db.driver.verifyConnectivity({ database: db.name });
            return true;
          } catch {
            return false;
          }
        },
      }),
    ],
  });
}

export type AtlasApp = ReturnType<typeof createApp>;
