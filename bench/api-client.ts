// Load generator for the API benchmark, run as a child process (fork) so that client work stays off the server's event loop.
import http from 'node:http';
import { post } from './http-post.js';
import { createRandom } from '../server/src/domain/random.js';

export type OperationName = 'stakeholder' | 'filteredPage' | 'egoNetwork';

export interface ClientJob {
  port: number;
  /** A personal API token, sent as Authorization: Bearer (the API needs a signed-in caller). */
  token: string;
  operation: OperationName;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  maxRequests: number;
  ids: string[];
  communities: string[];
  seed: number;
}

export interface ClientResult {
  operation: OperationName;
  latenciesMs: number[];
  errors: number;
  errorSamples: string[];
  elapsedMs: number;
  bytes: number;
}

const STAKEHOLDER = `query Stakeholder($id: ID!) {
  stakeholder(id: $id) { id name roles { role since until source value tier } degree }
}`;

const FILTERED_PAGE = `query Page($filter: StakeholderFilter, $after: String) {
  stakeholders(filter: $filter, first: 50, after: $after) {
    totalCount
    edges { cursor node { id name kind roles { role } degree } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const EGO_NETWORK = `query Ego($id: ID!) {
  egoNetwork(id: $id, depth: 2, limit: 2000) {
    attributes { truncated totalNodes totalEdges }
    nodes { key attributes { label kind roles communities degree } }
    edges { source target attributes { type weight since } }
  }
}`;

const cursor = (offset: number): string => Buffer.from(`o:${offset}`).toString('base64url');

function requestBuilder(job: ClientJob, random: () => number): () => string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  if (job.operation === 'stakeholder') return () => JSON.stringify({ query: STAKEHOLDER, variables: { id: pick(job.ids) } });
  if (job.operation === 'egoNetwork') return () => JSON.stringify({ query: EGO_NETWORK, variables: { id: pick(job.ids) } });
  const filters: Array<() => Record<string, unknown>> = [
    () => ({ roles: ['CUSTOMER'] }),
    () => ({ roles: ['EMPLOYEE'] }),
    () => ({ roles: ['SHAREHOLDER'] }),
    () => ({ roles: ['PARTNER', 'SUPPLIER'] }),
    () => ({ roles: ['EMPLOYEE', 'SHAREHOLDER'], roleMatch: 'ALL' }),
    () => ({ community: pick(job.communities) }),
    () => ({ roles: ['CUSTOMER'], community: pick(job.communities) }),
    () => ({ roles: ['PARTNER'], kind: 'PERSON' }),
  ];
  return () => {
    // The first five pages: no cursor, or the cursor of a random row in them.
    const offset = Math.floor(random() * 6 * 50) - 50;
    return JSON.stringify({
      query: FILTERED_PAGE,
      variables: { filter: pick(filters)(), after: offset < 0 ? null : cursor(offset) },
    });
  };
}

export async function runClientJob(job: ClientJob): Promise<ClientResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
  const random = createRandom(job.seed); // seeded, so runs draw the same requests
  const next = requestBuilder(job, random);
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let bytes = 0;

  const phase = async (durationMs: number, maxRequests: number, record: boolean): Promise<number> => {
    const started = performance.now();
    const deadline = started + durationMs;
    let issued = 0;
    const loop = async (): Promise<void> => {
      while (performance.now() < deadline && issued < maxRequests) {
        issued += 1;
        const body = next();
        const t0 = performance.now();
        let failure: string | undefined;
        try {
          const res = await post(agent, job.port, job.token, body);
          const parsed = JSON.parse(res.text) as { errors?: Array<{ message: string }>; data?: unknown };
          if (res.status !== 200 || parsed.errors || !parsed.data)
            failure = `${res.status} ${parsed.errors?.[0]?.message ?? 'no data'}`;
          if (record) bytes += res.text.length;
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

  await phase(job.warmupMs, Number.POSITIVE_INFINITY, false);
  const elapsedMs = await phase(job.durationMs, job.maxRequests, true);
  agent.destroy();
  return { operation: job.operation, latenciesMs: latencies, errors, errorSamples, elapsedMs, bytes };
}

// As a forked child: one job per message, one result back, then exit when the parent disconnects.
if (process.send) {
  process.on('message', (job: ClientJob) => {
    runClientJob(job).then(
      (result) => process.send?.(result),
      (error: unknown) => process.send?.({ error: String(error) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
}
