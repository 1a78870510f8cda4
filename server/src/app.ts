// createApp({ db, config }) → the graphql-yoga app: schema, context, error masking, limits,
// health and readiness. Tests call app.fetch in-process; main.ts puts it behind an HTTP server.
import { createYoga, maskError, useReadinessCheck } from 'graphql-yoga';
import neo4j from 'neo4j-driver';
import { apiError } from './errors.js';
import { useDepthLimit } from '@envelop/depth-limit';
import { useContentEncoding } from '@whatwg-node/server';
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
    maskedErrors: {
      // The database being down is worth telling apart from a bug; neither leaks details.
      maskError: (error, message, isDev) => {
        const cause = (error as { originalError?: { code?: string } }).originalError;
        if (cause?.code === neo4j.error.SERVICE_UNAVAILABLE || cause?.code === neo4j.error.SESSION_EXPIRED) {
          return apiError('UNAVAILABLE', 'The database is unreachable; try again shortly.');
        }
        return maskError(error, message, isDev);
      },
    },
    logging: config.logLevel,
    context: (): GraphQLContext => ({ db, config, loaders: createLoaders(db) }),
    plugins: [
      // gzip/deflate responses when the client accepts them: network answers shrink ~5x.
      useContentEncoding(),
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
