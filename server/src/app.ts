// createApp({ db, config }) → the graphql-yoga app: schema, context, error masking, limits,
// health and readiness. Tests call app.fetch in-process; main.ts puts it behind an HTTP server.
import { createYoga, maskError, useReadinessCheck } from 'graphql-yoga';
import { apiError } from './errors.js';
import { useDepthLimit } from '@envelop/depth-limit';
import { useContentEncoding } from '@whatwg-node/server';
import type { AppConfig } from './config.js';
import { createLoaders, type GraphQLContext } from './context.js';
import type { Database } from './db/database.js';
import { buildSchema } from './schema/index.js';
import { databaseReachable, isDatabaseUnavailable } from './store/health.js';

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
        if (isDatabaseUnavailable((error as { originalError?: unknown }).originalError)) {
          return apiError('UNAVAILABLE', 'The database is unreachable; try again shortly.');
        }
        return maskError(error, message, isDev);
      },
    },
    logging: config.logLevel,
    context: ({ request }): GraphQLContext => ({ db, config, loaders: createLoaders(db), signal: request.signal }),
    plugins: [
      // gzip/deflate responses when the client accepts them: network answers shrink ~5x.
      useContentEncoding(),
      useDepthLimit({ maxDepth: config.maxQueryDepth }),
      useReadinessCheck({
        endpoint: '/ready',
        check: () => databaseReachable(db),
      }),
    ],
  });
}

export type AtlasApp = ReturnType<typeof createApp>;
