// API benchmark: the GraphQL server over HTTP on the benchmark database, 20 concurrent clients per operation, latency percentiles.
import { fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { createApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { execute, type Database } from '../server/src/db/database.js';
import { createHttpServer } from '../server/src/http-server.js';
import type { ClientJob, ClientResult, OperationName } from './api-client.js';
import { createBenchToken } from './bench-user.js';
import { fmtInt, fmtMs, loadAverage, type Floor, type Table } from './report.js';

export interface ApiBenchOptions {
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  maxRequests: number;
}

export interface OperationStats {
  operation: OperationName;
  label: string;
  count: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  throughput: number;
  meanBytes: number;
  load: string;
  errorSamples: string[];
}

const OPERATIONS: Array<{ operation: OperationName; label: string; floorMs: number; floorName: string }> = [
  { operation: 'stakeholder', label: 'stakeholder(id) with roles and degree', floorMs: 10, floorName: 'stakeholder by id p95' },
  {
    operation: 'filteredPage',
    label: 'stakeholders(filter, first: 50, after)',
    floorMs: 30,
    floorName: 'filtered page of 50 p95',
  },
  {
    operation: 'egoNetwork',
    label: 'egoNetwork(id, depth: 2, limit: 2000)',
    floorMs: 150,
    floorName: 'egoNetwork depth 2, limit 2,000 p95',
  },
];

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

function runInChild(job: ClientJob): Promise<ClientResult> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./api-client.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    child.once('message', (message: ClientResult | { error: string }) => {
      child.disconnect();
      if ('error' in message) reject(new Error(message.error));
      else resolve(message);
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load generator exited with ${code}`));
    });
    child.send(job);
  });
}

export async function runApiBench(
  db: Database,
  options: ApiBenchOptions,
  only: readonly OperationName[] = OPERATIONS.map((o) => o.operation),
): Promise<{ stats: OperationStats[]; tables: Table[]; floors: Floor[] }> {
  const config = { ...loadConfig(), port: 0, logLevel: 'error' as const }; // port 0: the Host check accepts loopback on any port
  const server = createHttpServer(createApp({ db, config }), undefined);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  console.log(`API on http://127.0.0.1:${port}/graphql; ${options.concurrency} clients per operation`);
  try {
    const ids = (await execute<{ id: string }>(db, 'MATCH (s:Stakeholder) RETURN s.id AS id')).map((r) => r.id);
    const communities = (await execute<{ id: string }>(db, "MATCH (c:Community {kind: 'DECLARED'}) RETURN c.id AS id")).map(
      (r) => r.id,
    );
    const token = await createBenchToken(db, 'viewer');
    const stats: OperationStats[] = [];
    for (const [index, op] of OPERATIONS.entries()) {
      if (!only.includes(op.operation)) continue;
      const load = loadAverage();
      console.log(
        `  ${op.label}: warm-up ${options.warmupMs / 1000} s, then ${options.durationMs / 1000} s (≤ ${fmtInt(options.maxRequests)} requests); load ${load}`,
      );
      const result = await runInChild({
        port,
        token,
        operation: op.operation,
        concurrency: options.concurrency,
        warmupMs: options.warmupMs,
        durationMs: options.durationMs,
        maxRequests: options.maxRequests,
        ids,
        communities,
        seed: 1000 + index,
      });
      const sorted = [...result.latenciesMs].sort((a, b) => a - b);
      const s: OperationStats = {
        operation: op.operation,
        label: op.label,
        count: sorted.length,
        errors: result.errors,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
        max: sorted[sorted.length - 1] ?? Number.NaN,
        mean: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length),
        throughput: sorted.length / (result.elapsedMs / 1000),
        meanBytes: result.bytes / Math.max(1, sorted.length),
        load,
        errorSamples: result.errorSamples,
      };
      console.log(
        `    ${fmtInt(s.count)} requests, ${fmtInt(s.throughput)}/s, p50 ${fmtMs(s.p50)} ms, p95 ${fmtMs(s.p95)} ms, p99 ${fmtMs(s.p99)} ms, max ${fmtMs(s.max)} ms, ${s.errors} errors` +
          (s.errorSamples.length > 0 ? ` (${s.errorSamples.join('; ')})` : ''),
      );
      stats.push(s);
    }
    const table: Table = {
      title: `API over HTTP (${options.concurrency} concurrent clients per operation, keep-alive, after ${options.warmupMs / 1000} s warm-up)`,
      columns: [
        'operation',
        'count',
        'req/s',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'max ms',
        'errors',
        'mean response',
        'load avg at start',
      ],
      numeric: [1, 2, 3, 4, 5, 6, 7, 8],
      rows: stats.map((s) => [
        s.label,
        fmtInt(s.count),
        fmtInt(s.throughput),
        fmtMs(s.p50),
        fmtMs(s.p95),
        fmtMs(s.p99),
        fmtMs(s.max),
        String(s.errors),
        `${(s.meanBytes / 1024).toFixed(1)} KiB`,
        s.load,
      ]),
      notes: [
        'Random stakeholder ids drawn uniformly; filtered pages vary roles / community / kind filters and start at a random row of the first five pages; ' +
          'the load generator runs in a child process, the server in the benchmark process.',
      ],
    };
    const floors: Floor[] = stats.map((s) => {
      const op = OPERATIONS.find((o) => o.operation === s.operation);
      const floorMs = op?.floorMs ?? 0;
      return {
        name: op?.floorName ?? s.operation,
        target: `< ${floorMs} ms`,
        measured: `${fmtMs(s.p95)} ms (${fmtInt(s.count)} requests, ${s.errors} errors)`,
        pass: s.p95 < floorMs && s.errors === 0,
      };
    });
    return { stats, tables: [table], floors };
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
