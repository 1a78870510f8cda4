// Load generator for the comparison, forked as a child process like api-client.ts: it posts GraphQL bodies to a
// server (ours or @neo4j/graphql), or runs Cypher itself through the bare driver, in closed loops of N clients.
import http from 'node:http';
import { connect, execute, type Database } from '../../server/src/db/database.js';
import { post } from '../http-post.js';
import { boltParams, type Call } from './operations.js';

export type ClientTarget =
  | { kind: 'http'; port: number; token: string | null }
  | { kind: 'bolt'; uri: string; username: string; password: string; database: string };

export interface CompareJob {
  target: ClientTarget;
  /** Taken in turn by the clients (the same list for every target of an operation). */
  calls: Call[];
  concurrency: number;
  warmupCount: number;
  warmupMs: number;
  durationMs: number;
  maxRequests: number;
}

export interface CompareResult {
  latenciesMs: number[];
  errors: number;
  errorSamples: string[];
  elapsedMs: number;
}

type Send = (call: Call) => Promise<string | undefined>;

function httpSender(port: number, token: string | null, agent: http.Agent): Send {
  return async (call) => {
    if (!('body' in call)) throw new Error('a Cypher call sent to a GraphQL server');
    const res = await post(agent, port, token, call.body);
    const parsed = JSON.parse(res.text) as { errors?: Array<{ message: string }>; data?: unknown };
    return res.status !== 200 || parsed.errors || !parsed.data
      ? `${res.status} ${parsed.errors?.[0]?.message ?? 'no data'}`
      : undefined;
  };
}

function boltSender(db: Database): Send {
  return async (call) => {
    if (!('cypher' in call)) throw new Error('a GraphQL call sent to the driver');
    await execute(db, call.cypher, boltParams(call));
    return undefined;
  };
}

export async function runCompareJob(job: CompareJob): Promise<CompareResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
  const { target } = job;
  const db = target.kind === 'bolt' ? connect(target.uri, target.username, target.password, target.database) : undefined;
  const send = db
    ? boltSender(db)
    : httpSender((target as { port: number }).port, (target as { token: string | null }).token, agent);
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let next = 0;

  const phase = async (durationMs: number, maxRequests: number, record: boolean): Promise<number> => {
    const started = performance.now();
    const deadline = started + durationMs;
    let issued = 0;
    const loop = async (): Promise<void> => {
      while (performance.now() < deadline && issued < maxRequests) {
        issued += 1;
        const call = job.calls[next++ % job.calls.length] as Call;
        const t0 = performance.now();
        let failure: string | undefined;
        try {
          failure = await send(call);
        } catch (error) {
          failure = (error as Error).message;
        }
        const ms = performance.now() - t0;
        if (!record) continue;
        latencies.push(ms);
        if (failure !== undefined) {
          errors += 1;
          if (errorSamples.length < 3) errorSamples.push(failure.slice(0, 200));
        }
      }
    };
    await Promise.all(Array.from({ length: job.concurrency }, loop));
    return performance.now() - started;
  };

  try {
    await phase(job.warmupMs, job.warmupCount, false);
    const elapsedMs = await phase(job.durationMs, job.maxRequests, true);
    return { latenciesMs: latencies, errors, errorSamples, elapsedMs };
  } finally {
    agent.destroy();
    await db?.driver.close();
  }
}

// As a forked child: one job per message, one result back, then exit when the parent disconnects.
if (process.send) {
  process.on('message', (job: CompareJob) => {
    runCompareJob(job).then(
      (result) => process.send?.(result),
      (error: unknown) => process.send?.({ error: String(error) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
}
