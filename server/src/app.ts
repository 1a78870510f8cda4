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
import { AuthService } from './auth/service.js';
import { useAuthRoutes } from './auth/routes.js';
import { writeAuditEvent } from './store/audit.js';

export interface AppDependencies {
  db: Database;
  config: AppConfig;
}

export function createApp({ db, config }: AppDependencies) {
  // One per app: its caches are this process's; sessions and tokens themselves live in Neo4j.
  const auth = new AuthService(db, config.auth);
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
    context: async ({ request }): Promise<GraphQLContext> => ({
      db,
      config,
      loaders: createLoaders(db),
      viewer: await auth.authenticate(request.headers).catch((error: unknown) => {
        if (isDatabaseUnavailable(error)) throw apiError('UNAVAILABLE', 'The database is unreachable; try again shortly.');
        throw error;
      }),
      auth,
      audit: {},
      recordAudit: (event) => writeAuditEvent(db, event),
    }),
    plugins: [
      // gzip/deflate responses when the client accepts them: network answers shrink ~5x.
      useContentEncoding(),
      // /auth/sign-in, /auth/sign-out, /auth/link/<token>
      useAuthRoutes(auth),
      useDepthLimit({ maxDepth: config.maxQueryDepth }),
      useReadinessCheck({
        endpoint: '/ready',
        check: () => databaseReachable(db),
      }),
    ],
  });
}

export type AtlasApp = ReturnType<typeof createApp>;
