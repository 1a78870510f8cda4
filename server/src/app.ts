// createApp({ db, config }) → the graphql-yoga app: schema, context, error masking, limits,
// secure defaults, health and readiness. Tests call app.fetch in-process; main.ts puts it behind an HTTP server.
import { createYoga, maskError, useReadinessCheck } from 'graphql-yoga';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { characterLimitPlugin } from '@escape.tech/graphql-armor-character-limit';
import type { GraphQLError, ValidationContext } from 'graphql';
import { apiError } from './errors.js';
import { useContentEncoding } from '@whatwg-node/server';
import { useGraphQlJit } from '@envelop/graphql-jit';
import type { AppConfig } from './config.js';
import { createLoaders, type GraphQLContext } from './context.js';
import type { Database } from './db/database.js';
import { useHttpSafety } from './http/http-safety.js';
import { renderLocalGraphiQL, useGraphiQLAssets } from './http/graphiql-page.js';
import { useBodySizeLimit } from './limits/body-size.js';
import { useOperationLimits } from './limits/limits-plugin.js';
import { OperationGates } from './limits/operation-gates.js';
import { buildSchema } from './schema/index.js';
import { databaseReachable, isDatabaseUnavailable, isTransactionTimeout } from './store/health.js';
import { AuthService } from './auth/service.js';
import { AnswerCache } from './schema/common/answer-cache.js';
import { useAuthRoutes } from './auth/routes.js';
import { useGraphiQLGate } from './auth/graphiql-gate.js';
import { writeAuditEvent } from './store/audit.js';
import { ImportJobs } from './import/import-jobs.js';

export interface AppDependencies {
  db: Database;
  config: AppConfig;
  /** The heavy-operation permits; tests pass their own to hold one. */
  gates?: OperationGates;
}

/** The headers a browser page must send with a non-JSON request (yoga's CSRF prevention). */
export const CSRF_HEADERS = ['x-graphql-yoga-csrf', 'apollo-require-preflight'];

// graphql-armor's validation rules report through the context (a 400 validation error) instead of throwing.
const report = {
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
};

export function createApp({ db, config, gates = new OperationGates(config.limits.heavyConcurrency) }: AppDependencies) {
  const { limits } = config;
  // One per app: its caches are this process's; sessions and tokens themselves live in Neo4j.
  const auth = new AuthService(db, config.auth);
  // Per app too; what it holds is checked against the data version in Neo4j, which every app's writes bump.
  const answers = new AnswerCache(db, config.answerCacheBytes);
  // Per app: a job lives in the process that runs it, and the page polls the same server.
  const importJobs = new ImportJobs();
  return createYoga({
    schema: buildSchema(),
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    // Only for signed-in users (anonymous browsers get useGraphiQLGate's page instead).
    graphiql: async (request) =>
      (await auth.authenticate(request.headers).catch(() => null)) !== null ? { title: 'Stakeholder Atlas API' } : false,
    // Served from this app's own files, under the app's CSP: nothing is loaded from another origin.
    renderGraphiQL: renderLocalGraphiQL,
    // Closed unless origins are named; never credentials for a reflected Origin.
    cors: config.corsOrigins.length > 0 ? { origin: config.corsOrigins, credentials: false } : false,
    // No Upload scalar exists; multipart bodies are only a way round the CSRF check.
    multipart: false,
    maskedErrors: {
      // The database being down is worth telling apart from a bug; neither leaks details.
      maskError: (error, message, isDev) => {
        const cause = (error as { originalError?: { code?: string } }).originalError;
        if (isDatabaseUnavailable(cause)) {
          return apiError('UNAVAILABLE', 'The database is unreachable; try again shortly.');
        }
        if (isTransactionTimeout(cause)) {
          return apiError(
            'UNAVAILABLE',
            `The query ran past its ${Math.round(config.txTimeoutMs / 1000)} s time limit; ask for less (a smaller limit or depth) or retry.`,
          );
        }
        return maskError(error, message, isDev);
      },
    },
    logging: config.logLevel,
    context: async ({ request }): Promise<GraphQLContext> => ({
      db,
      config,
      loaders: createLoaders(db),
      signal: request.signal,
      viewer: await auth.authenticate(request.headers).catch((error: unknown) => {
        if (isDatabaseUnavailable(error)) throw apiError('UNAVAILABLE', 'The database is unreachable; try again shortly.');
        throw error;
      }),
      auth,
      answers,
      importJobs,
      audit: {},
      recordAudit: (event) => writeAuditEvent(db, event),
    }),
    plugins: [
      useHttpSafety({ config }),
      useBodySizeLimit(limits.maxBodyBytes),
      useCSRFPrevention({ requestHeaders: CSRF_HEADERS }),
      // gzip/deflate responses when the client accepts them: network answers shrink ~5x.
      useContentEncoding(),
      // /auth/sign-in, /auth/sign-out, /auth/link/<token>
      useAuthRoutes(auth),
      useGraphiQLGate(auth),
      useGraphiQLAssets(),
      // The token limit replaces the parser; the character limit wraps that, so it must come second.
      maxTokensPlugin({ n: limits.maxTokens }),
      characterLimitPlugin({ maxLength: limits.maxQueryChars }),
      maxDepthPlugin({ n: config.maxQueryDepth, flattenFragments: true, ...report }),
      maxAliasesPlugin({ n: limits.maxAliases, ...report }),
      maxDirectivesPlugin({ n: limits.maxDirectives, ...report }),
      // Large answers (networks, ego networks, pages) are mostly field resolution: compiled, a fraction of the time.
      // Before the limits: they wrap whichever execute function is set when their turn comes.
      ...(config.graphqlJit ? [useGraphQlJit()] : []),
      useOperationLimits({ limits, gates }),
      useReadinessCheck({
        endpoint: '/ready',
        check: () => databaseReachable(db),
      }),
    ],
  });
}

export type AtlasApp = ReturnType<typeof createApp>;
