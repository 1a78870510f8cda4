// Issue 12 §1: for each read the page and scripts use, ours through GraphQL, the best single Cypher through the bare
// driver, and @neo4j/graphql 7, over one database. Checks that the answers agree, then measures single-client
// p50/p95 and throughput at 20 clients (forked load generator), and compares them with the floors.
import { fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { execute, type Database } from '../../server/src/db/database.js';
import { createRandom } from '../../server/src/domain/random.js';
import { createHttpServer } from '../../server/src/http-server.js';
import { findStakeholdersByIds, listStakeholders } from '../../server/src/store/stakeholders.js';
import { loadEgoNetwork, loadNetwork } from '../../server/src/store/network.js';
import { percentile } from '../api-bench.js';
import { createBenchToken } from '../bench-user.js';
import { post } from '../http-post.js';
import { fmtInt, fmtMs, loadAverage, type Floor, type Table } from '../report.js';
import type { ClientTarget, CompareJob, CompareResult } from './compare-client.js';
import { startNeo4jGraphQL, type PeerServer } from './neo4j-graphql-server.js';
import {
  OPERATIONS,
  TARGET_LABEL,
  TARGETS,
  boltParams,
  disagreement,
  drawInputs,
  type Call,
  type Input,
  type Operation,
  type Summary,
  type Target,
} from './operations.js';
import http from 'node:http';

export interface CompareOptions {
  /** Sequential requests per target after `sequentialWarmup` (bounded by `sequentialMs`). */
  sequential: number;
  sequentialWarmup: number;
  sequentialMs: number;
  /** For the network slice, whose answer is the whole graph. */
  sliceSequential: number;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  maxRequests: number;
  /** Drawn inputs whose three answers are checked to agree before timing. */
  agreementSamples: number;
}

export interface Bolt {
  uri: string;
  username: string;
  password: string;
}

interface Measured {
  p50: number;
  p95: number;
  count: number;
  throughput: number;
  errors: number;
  load: string;
}

function runInChild(job: CompareJob): Promise<CompareResult> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./compare-client.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    child.once('message', (message: CompareResult | { error: string }) => {
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

function stats(result: CompareResult, load: string): Measured {
  const sorted = [...result.latenciesMs].sort((a, b) => a - b);
  if (result.errors > 0) console.log(`      ${result.errors} errors: ${result.errorSamples.join('; ')}`);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    count: sorted.length,
    // Answers per second: a failed request is not one.
    throughput: (sorted.length - result.errors) / (result.elapsedMs / 1000),
    errors: result.errors,
    load,
  };
}

/** The same answer from each target, asked from this process, reduced to ids and counts. */
async function answer(
  target: Target,
  call: Call,
  db: Database,
  ports: Record<'ours' | 'peer', number>,
  token: string,
  agent: http.Agent,
): Promise<unknown> {
  if ('cypher' in call) return execute(db, call.cypher, boltParams(call));
  const port = target === 'ours' ? ports.ours : ports.peer;
  const res = await post(agent, port, target === 'ours' ? token : null, call.body);
  const parsed = JSON.parse(res.text) as { data?: unknown; errors?: Array<{ message: string }> };
  if (parsed.errors || !parsed.data)
    throw new Error(`${TARGET_LABEL[target]}: ${parsed.errors?.[0]?.message ?? `status ${res.status}`}`);
  return parsed.data;
}

/** Time in our store functions alone (the Cypher round trips), in process, sequential: the rest of ours is GraphQL, auth and HTTP. */
async function storeP50(op: Operation, db: Database, inputs: Input[], count: number): Promise<number> {
  const once = async (input: Input): Promise<void> => {
    if (op.name === 'byId') await findStakeholdersByIds(db, [input.id]);
    else if (op.name === 'page') {
      const page = await listStakeholders(db, input.filter, 'NAME', { offset: input.after + 1, limit: 50 });
      await page.totalCount();
    } else if (op.name === 'slice') await loadNetwork(db, null, 100_000);
    else await loadEgoNetwork(db, input.id, op.name === 'ego1' ? 1 : 2, 2000, null);
  };
  const times: number[] = [];
  const warmup = Math.min(5, count);
  for (let i = 0; i < count + warmup; i++) {
    const t0 = performance.now();
    await once(inputs[i % inputs.length] as Input);
    if (i >= warmup) times.push(performance.now() - t0);
  }
  return percentile(
    times.sort((a, b) => a - b),
    50,
  );
}

export async function runCompareBench(
  db: Database,
  bolt: Bolt,
  options: CompareOptions,
): Promise<{ tables: Table[]; floors: Floor[]; notes: string[] }> {
  const base = loadConfig();
  // Port 0: the Host check accepts loopback on any port. Heavy operations (the ego network) may run as many at
  // once as there are clients: the other two servers have no such gate, and a 503 is not an answer.
  const config = {
    ...base,
    port: 0,
    logLevel: 'error' as const,
    limits: { ...base.limits, heavyConcurrency: Math.max(base.limits.heavyConcurrency, options.concurrency) },
  };
  const server = createHttpServer(createApp({ db, config }), undefined);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  let peer: PeerServer | undefined;
  const agent = new http.Agent({ keepAlive: true });
  try {
    peer = await startNeo4jGraphQL(bolt.uri, bolt, db.name);
    const ports = { ours: (server.address() as AddressInfo).port, peer: peer.port };
    console.log(`Compare: ours on :${ports.ours}, @neo4j/graphql on :${ports.peer}, bare driver in the load generator`);
    const token = await createBenchToken(db, 'viewer');
    const ids = (await execute<{ id: string }>(db, 'MATCH (s:Stakeholder) RETURN s.id AS id ORDER BY s.id')).map((r) => r.id);
    const inputs = drawInputs(ids, 500, createRandom(12));
    const targets: Record<Target, ClientTarget> = {
      ours: { kind: 'http', port: ports.ours, token },
      bare: { kind: 'bolt', uri: bolt.uri, username: bolt.username, password: bolt.password, database: db.name },
      peer: { kind: 'http', port: ports.peer, token: null },
    };

    const rows: string[][] = [];
    const floors: Floor[] = [];
    const notes: string[] = [];
    for (const op of OPERATIONS) {
      const has = (t: Target): boolean => op.calls(inputs[0] as Input)[t] !== undefined;
      const present = TARGETS.filter(has);
      const opInputs = op.name === 'slice' ? inputs.slice(0, 1) : inputs;
      const calls = (t: Target): Call[] => opInputs.map((input) => op.calls(input)[t] as Call);

      // A comparison of different answers is void: check them first.
      const samples = op.name === 'slice' ? 1 : options.agreementSamples;
      let agreed = 0;
      const disagreements: string[] = [];
      for (const input of opInputs.slice(0, samples)) {
        const summaries = new Map<Target, Summary>();
        const failures: string[] = [];
        for (const t of present) {
          try {
            summaries.set(t, op.summarise(t, await answer(t, op.calls(input)[t] as Call, db, ports, token, agent)));
          } catch (error) {
            failures.push(`${TARGET_LABEL[t]} failed: ${(error as Error).message.split('\n')[0]?.slice(0, 200)}`);
          }
        }
        if (failures.length > 0) {
          if (disagreements.length < 2) disagreements.push(...failures);
          continue;
        }
        const ours = summaries.get('ours') as Summary;
        const differs = present
          .filter((t) => t !== 'ours')
          .map((t) => [t, disagreement(ours, summaries.get(t) as Summary)] as const)
          .filter(([, d]) => d !== undefined);
        if (differs.length === 0) agreed += 1;
        else if (disagreements.length < 2)
          disagreements.push(...differs.map(([t, d]) => `${TARGET_LABEL[t]} on ${JSON.stringify(input)}: ${d}`));
      }
      const agree = agreed === samples;
      console.log(
        `  ${op.label}: answers agree on ${agreed} / ${samples} inputs${agree ? '' : ` — ${disagreements.join(' | ')}`}`,
      );
      if (!agree) notes.push(`${op.label}: answers disagree (${disagreements.join(' | ')}); its figures are void.`);

      const sequentialCount = op.name === 'slice' ? options.sliceSequential : options.sequential;
      const single = new Map<Target, Measured>();
      const loaded = new Map<Target, Measured>();
      for (const t of present) {
        const load = loadAverage();
        const result = await runInChild({
          target: targets[t],
          calls: calls(t),
          concurrency: 1,
          warmupCount: op.name === 'slice' ? 2 : options.sequentialWarmup,
          warmupMs: options.sequentialMs,
          durationMs: options.sequentialMs,
          maxRequests: sequentialCount,
        });
        single.set(t, stats(result, load));
        const s = single.get(t) as Measured;
        console.log(
          `    ${TARGET_LABEL[t]}: 1 client, ${s.count} requests, p50 ${fmtMs(s.p50)} ms, p95 ${fmtMs(s.p95)} ms; load ${load}`,
        );
      }
      if (op.throughput) {
        for (const t of present) {
          const load = loadAverage();
          const result = await runInChild({
            target: targets[t],
            calls: calls(t),
            concurrency: options.concurrency,
            warmupCount: 1_000_000_000, // bounded by time (Infinity does not survive the IPC message)
            warmupMs: options.warmupMs,
            durationMs: options.durationMs,
            maxRequests: options.maxRequests,
          });
          loaded.set(t, stats(result, load));
          const s = loaded.get(t) as Measured;
          console.log(
            `    ${TARGET_LABEL[t]}: ${options.concurrency} clients, ${fmtInt(s.throughput)}/s, p50 ${fmtMs(s.p50)} ms, p95 ${fmtMs(s.p95)} ms; load ${load}`,
          );
        }
      }
      const store = await storeP50(op, db, opInputs, Math.min(sequentialCount, 100));

      const ours = single.get('ours') as Measured;
      const bare = single.get('bare') as Measured;
      const ratio = ours.p50 / bare.p50;
      const errors = [...single.values(), ...loaded.values()].reduce((n, m) => n + m.errors, 0);
      const cause = `ours ${fmtMs(ours.p50)} ms = store queries ${fmtMs(store)} ms (in process) + GraphQL, auth, serialisation, HTTP ${fmtMs(ours.p50 - store)} ms; bare driver ${fmtMs(bare.p50)} ms`;
      if (op.p50Ratio !== undefined) {
        const pass = agree && errors === 0 && ratio <= op.p50Ratio;
        floors.push({
          name: `compare: ${op.label}, single-client p50 ours / bare driver`,
          target: `≤ ${op.p50Ratio}×`,
          measured: `${ratio.toFixed(2)}× (${fmtMs(ours.p50)} vs ${fmtMs(bare.p50)} ms)${pass ? '' : `; ${agree ? cause : 'answers disagree'}`}`,
          pass,
        });
      } else {
        notes.push(`${op.label}: no floor is stated; ours / bare driver p50 ${ratio.toFixed(2)}× (${cause}).`);
      }
      const peerLoaded = loaded.get('peer');
      const oursLoaded = loaded.get('ours');
      if (peerLoaded && oursLoaded) {
        const pass = agree && errors === 0 && oursLoaded.throughput >= peerLoaded.throughput;
        floors.push({
          name: `compare: ${op.label}, throughput at ${options.concurrency} clients ours / @neo4j/graphql`,
          target: '≥ 1×',
          measured:
            `${(oursLoaded.throughput / peerLoaded.throughput).toFixed(2)}× (${fmtInt(oursLoaded.throughput)} vs ${fmtInt(peerLoaded.throughput)}/s)` +
            (op.name === 'ego1' ? '; theirs is one hop without the ties among neighbours' : '') +
            (pass ? '' : `; ${cause}`),
          pass,
        });
      }
      for (const t of present) {
        const s = single.get(t) as Measured;
        const l = loaded.get(t);
        rows.push([
          op.label,
          TARGET_LABEL[t],
          agree ? 'yes' : 'NO',
          fmtMs(s.p50),
          fmtMs(s.p95),
          t === 'ours' ? `${ratio.toFixed(2)}×` : t === 'bare' ? '1.00×' : `${(s.p50 / bare.p50).toFixed(2)}×`,
          t === 'ours' ? fmtMs(store) : '',
          l ? fmtInt(l.throughput) : '',
          l ? fmtMs(l.p95) : '',
          String((s.errors ?? 0) + (l?.errors ?? 0)),
          s.load,
        ]);
      }
    }
    const table: Table = {
      title: `Compare: ours vs bare driver vs @neo4j/graphql 7, one database (1 client sequential; ${options.concurrency} clients for throughput)`,
      columns: [
        'read',
        'server',
        'agree',
        'p50 ms',
        'p95 ms',
        'p50 / bare',
        'ours: store p50',
        'req/s @20',
        'p95 @20',
        'errors',
        'load avg',
      ],
      numeric: [3, 4, 5, 6, 7, 8, 9],
      rows,
      notes: [
        `Single client: ${options.sequentialWarmup} warm-up then up to ${options.sequential} requests (slice: ${options.sliceSequential}) or ${options.sequentialMs / 1000} s; ` +
          `throughput: ${options.warmupMs / 1000} s warm-up, ${options.durationMs / 1000} s. The same seeded inputs for every server. ` +
          'Load generator forked (the bare driver runs in it, with our auto-commit read helper); ours and @neo4j/graphql served from the bench process, ' +
          'ours with a viewer token (auth and @personal rules) and its heavy-operation gate raised to the number of clients, @neo4j/graphql without authentication. ' +
          'Throughput counts answers (failed requests excluded). ' +
          "'ours: store p50' is our store functions alone, in process: the rest of ours is GraphQL execution, auth, serialisation and HTTP. " +
          '@neo4j/graphql has no ego network: its one hop returns the ego, its neighbours and the ties from the ego (not the ties among the neighbours); agreement is checked on the stakeholders.',
      ],
    };
    return { tables: [table], floors, notes };
  } finally {
    agent.destroy();
    await peer?.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
