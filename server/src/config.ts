// Every environment variable the server reads, parsed and validated once, with clear errors.
import type { Neo4jPlugin } from './db/neo4j-plugins.js';

export interface Neo4jRemoteConfig {
  uri: string;
  username: string;
  password: string;
  database: string;
}

export interface AppConfig {
  /** HTTP port; 0 picks a free one. */
  port: number;
  /** Interface the HTTP server binds to. */
  host: string;
  /** Remote Neo4j; undefined means "launch the embedded one". */
  neo4j: Neo4jRemoteConfig | undefined;
  /** Database name used for queries (remote or embedded). */
  database: string;
  embedded: {
    version: string;
    /** Where Maven copies the Neo4j jars (outside the repository). */
    cacheDir: string;
    /** Neo4j home: data, logs, run. */
    dataDir: string;
    boltPort: number;
    heap: string;
    pageCache: string;
    /** Optional plugins on the embedded engine (ATLAS_NEO4J_GDS, ATLAS_NEO4J_APOC). */
    plugins: Neo4jPlugin[];
  };
  /** Load the demo ecosystem into an empty database at start. */
  loadDemo: boolean;
  /** Largest page any list returns. */
  maxPageSize: number;
  /** Memory for cached answers (network, ego networks, pages, a run's lists), in bytes; 0 disables the cache. */
  answerCacheBytes: number;
  /** Execute operations through graphql-jit (compiled once per document) instead of graphql-js's interpreter. */
  graphqlJit: boolean;
  /** Deepest query the API accepts. */
  maxQueryDepth: number;
  /** The URL users reach the app at (behind a proxy); its host is the only Host header accepted. */
  publicUrl: URL | undefined;
  /** Origins allowed to call the API from a browser (CORS); empty: same origin only. */
  corsOrigins: string[];
  /** Neo4j transaction timeouts: reads, and writes/imports. */
  txTimeoutMs: number;
  writeTxTimeoutMs: number;
  limits: RequestLimits;
  /** Which engine runs an analysis (ATLAS_ANALYSIS_ENGINE, ATLAS_GDS_MIN_TIES, ATLAS_GDS_TIMEOUT_MS). */
  analysis: AnalysisEngineSettings;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Sign-in: OIDC (ATLAS_OIDC_*), session length, Secure cookies when ATLAS_PUBLIC_URL is https. */
  auth: {
    oidc: { issuer: string; audience: string; roleClaim: string } | undefined;
    secureCookies: boolean;
    sessionHours: number;
  };
}

/** Request limits (see README, Configuration); every one answers a 4xx-class error when exceeded. */
export interface RequestLimits {
  /** Largest request body, in bytes (imports travel in the body). */
  maxBodyBytes: number;
  /** Longest query document, in characters. */
  maxQueryChars: number;
  /** Most lexical tokens in a query document. */
  maxTokens: number;
  /** Most aliases in one operation. */
  maxAliases: number;
  /** Most field selections in one operation, fragments expanded. */
  maxFields: number;
  /** Most directives in one operation. */
  maxDirectives: number;
  /** Highest estimated cost of one operation (fields × list sizes × depth). */
  maxCost: number;
  /** Longest list in any argument. */
  maxListLength: number;
  /** Longest string in any argument (import content excepted: the body limit bounds it). */
  maxStringLength: number;
  /** Heavy operations (network, egoNetwork, plans, what-if, paths, runs) running at once, per operation. */
  heavyConcurrency: number;
}

export interface AnalysisEngineSettings {
  /** auto: Graph Data Science when Neo4j has it and the ecosystem has more than gdsMinTies ties; else Node. */
  engine: 'auto' | 'node' | 'gds';
  gdsMinTies: number;
  /** Timeout of each Graph Data Science step (projection, one algorithm, the result stream). */
  gdsTimeoutMs: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got '${raw}'`);
  }
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got '${env[name]}'`);
}

function memorySize(env: Env, name: string, fallback: string): string {
  const raw = env[name] ?? fallback;
  if (!/^\d+[kmg]$/i.test(raw)) throw new ConfigError(`${name} must look like 512m or 2g, got '${raw}'`);
  return raw.toLowerCase();
}

function analysisSettings(env: Env): AnalysisEngineSettings {
  const engine = (env.ATLAS_ANALYSIS_ENGINE?.trim() || 'auto').toLowerCase();
  if (engine !== 'auto' && engine !== 'node' && engine !== 'gds') {
    throw new ConfigError(`ATLAS_ANALYSIS_ENGINE must be auto, node or gds, got '${env.ATLAS_ANALYSIS_ENGINE}'`);
  }
  return {
    engine,
    // Above a million ties the Node engine needs ~3 GiB and minutes (README, bench); below, it computes every metric.
    gdsMinTies: integer(env, 'ATLAS_GDS_MIN_TIES', 1_000_000, 0, 2_000_000_000),
    gdsTimeoutMs: integer(env, 'ATLAS_GDS_TIMEOUT_MS', 900_000, 1_000, 86_400_000),
  };
}

function publicUrl(env: Env): URL | undefined {
  const raw = env.ATLAS_PUBLIC_URL?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`ATLAS_PUBLIC_URL must be a URL such as https://atlas.example.org, got '${raw}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`ATLAS_PUBLIC_URL must start with http:// or https://, got '${raw}'`);
  }
  return url;
}

function origins(env: Env): string[] {
  const raw = env.ATLAS_CORS_ORIGINS?.trim();
  if (!raw) return [];
  return raw.split(',').map((entry) => {
    const text = entry.trim();
    let url: URL | undefined;
    try {
      url = new URL(text);
    } catch {
      url = undefined;
    }
    // An origin is scheme://host[:port] and nothing else; '*' is refused on purpose.
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== text.replace(/\/$/, '')) {
      throw new ConfigError(
        `ATLAS_CORS_ORIGINS must list origins like https://app.example.org, separated by commas; got '${text}'`,
      );
    }
    return url.origin;
  });
}

function authConfig(env: Env): AppConfig['auth'] {
  const issuer = env.ATLAS_OIDC_ISSUER?.trim();
  const audience = env.ATLAS_OIDC_AUDIENCE?.trim();
  if (issuer && !/^https?:\/\//.test(issuer)) throw new ConfigError(`ATLAS_OIDC_ISSUER must be an http(s) URL, got '${issuer}'`);
  if (issuer && !audience) throw new ConfigError('ATLAS_OIDC_AUDIENCE must be set when ATLAS_OIDC_ISSUER is');
  return {
    oidc: issuer && audience ? { issuer, audience, roleClaim: env.ATLAS_OIDC_ROLE_CLAIM?.trim() || 'atlas_role' } : undefined,
    secureCookies: (env.ATLAS_PUBLIC_URL ?? '').trim().toLowerCase().startsWith('https://'),
    sessionHours: integer(env, 'ATLAS_SESSION_HOURS', 12, 1, 24 * 90),
  };
}

export function loadConfig(env: Env = process.env): AppConfig {
  const home = env.HOME ?? '/tmp';
  const version = env.ATLAS_NEO4J_VERSION ?? '5.26.30';
  if (!/^5\.26\.\d+$/.test(version)) {
    throw new ConfigError(`ATLAS_NEO4J_VERSION must be a 5.26.x release (Java 17), got '${version}'`);
  }
  const uri = env.NEO4J_URI?.trim();
  const database = env.NEO4J_DATABASE?.trim() || 'neo4j';
  let neo4j: Neo4jRemoteConfig | undefined;
  if (uri) {
    if (!/^(neo4j|bolt)(\+s|\+ssc)?:\/\//.test(uri)) {
      throw new ConfigError(`NEO4J_URI must start with neo4j://, neo4j+s://, bolt:// or bolt+s://, got '${uri}'`);
    }
    neo4j = {
      uri,
      username: env.NEO4J_USERNAME ?? 'neo4j',
      password: env.NEO4J_PASSWORD ?? '',
      database,
    };
  }
  const logLevel = (env.LOG_LEVEL ?? 'info').toLowerCase();
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be debug, info, warn or error, got '${env.LOG_LEVEL}'`);
  }
  return {
    port: integer(env, 'PORT', 4000, 0, 65535),
    host: env.HOST?.trim() || '127.0.0.1',
    neo4j,
    database,
    embedded: {
      version,
      cacheDir: env.ATLAS_NEO4J_CACHE ?? `${env.XDG_CACHE_HOME ?? `${home}/.cache`}/stakeholder-atlas/neo4j-${version}`,
      dataDir: env.ATLAS_DATA_DIR ?? '.data/neo4j',
      boltPort: integer(env, 'ATLAS_NEO4J_BOLT_PORT', 7687, 0, 65535),
      heap: memorySize(env, 'ATLAS_NEO4J_HEAP', '2g'),
      pageCache: memorySize(env, 'ATLAS_NEO4J_PAGECACHE', '1g'),
      plugins: [
        ...(boolean(env, 'ATLAS_NEO4J_GDS', false) ? (['gds'] as const) : []),
        ...(boolean(env, 'ATLAS_NEO4J_APOC', false) ? (['apoc'] as const) : []),
      ],
    },
    loadDemo: boolean(env, 'ATLAS_LOAD_DEMO', true),
    maxPageSize: integer(env, 'ATLAS_MAX_PAGE_SIZE', 500, 1, 10_000),
    answerCacheBytes: integer(env, 'ATLAS_ANSWER_CACHE_MB', 64, 0, 65_536) * 1024 * 1024,
    graphqlJit: boolean(env, 'ATLAS_GRAPHQL_JIT', true),
    maxQueryDepth: integer(env, 'ATLAS_MAX_QUERY_DEPTH', 10, 2, 50),
    publicUrl: publicUrl(env),
    corsOrigins: origins(env),
    // The embedded Neo4j's own db.transaction.timeout (15 min) is the backstop above both.
    txTimeoutMs: integer(env, 'ATLAS_TX_TIMEOUT_MS', 30_000, 1_000, 900_000),
    writeTxTimeoutMs: integer(env, 'ATLAS_WRITE_TX_TIMEOUT_MS', 300_000, 1_000, 900_000),
    limits: {
      maxBodyBytes: integer(env, 'ATLAS_MAX_BODY_BYTES', 32 * 1024 * 1024, 64 * 1024, 1024 * 1024 * 1024),
      maxQueryChars: 50_000,
      maxTokens: 5_000,
      maxAliases: 100,
      maxFields: 2_000,
      maxDirectives: 50,
      maxCost: integer(env, 'ATLAS_MAX_QUERY_COST', 10_000_000, 1_000, 1_000_000_000),
      maxListLength: 1_000,
      maxStringLength: 10_000,
      heavyConcurrency: integer(env, 'ATLAS_HEAVY_CONCURRENCY', 4, 1, 64),
    },
    analysis: analysisSettings(env),
    logLevel: logLevel as AppConfig['logLevel'],
    auth: authConfig(env),
  };
}
