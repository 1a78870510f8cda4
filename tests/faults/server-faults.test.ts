// Faults under a running server (a child process with its own store): Neo4j killed → restarted and
// serving again; an unhandled rejection → logged, still serving; the server killed with its watchdog
// during an analysis run → the next start stops the orphan, the previous run stays current and the
// interrupted one is FAILED; SIGTERM right after Neo4j died → a clean stop.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  adminTokenOf,
  alive,
  embeddedEnv,
  eventually,
  readPidFile,
  startAtlasProcess,
  type AtlasProcess,
} from '../helpers/atlas-process.js';

const home = mkdtempSync(join(tmpdir(), 'atlas-faults-server-'));
const preload = [join(import.meta.dirname, 'reject-on-signal.mjs')];
const started: AtlasProcess[] = [];
let server: AtlasProcess;
let url = '';
let token = '';

async function startServer(): Promise<AtlasProcess> {
  const child = startAtlasProcess('server/src/main.ts', [], embeddedEnv(home), preload);
  started.push(child);
  url = (await child.waitFor(/Stakeholder Atlas is ready: (http:\/\/127\.0\.0\.1:\d+)\//))[1]!;
  // Users live in the database: one token serves every later start on the same store.
  if (token === '') token = await adminTokenOf(child, home);
  return child;
}

async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data;
}

const ready = async (): Promise<number> => (await fetch(`${url}/ready`)).status;
const stakeholderCount = async (): Promise<number> =>
  (await gql<{ stakeholders: { totalCount: number } }>('{ stakeholders(first: 1) { totalCount } }')).stakeholders.totalCount;

interface Run {
  id: string;
  status: string;
}
const startRun = async (): Promise<Run> =>
  (await gql<{ runAnalysis: Run }>('mutation { runAnalysis(input: { seed: 7 }) { id status } }')).runAnalysis;
const findRun = async (id: string): Promise<(Run & { phase: string | null; error: string | null }) | null> =>
  (
    await gql<{ analysisRun: (Run & { phase: string | null; error: string | null }) | null }>(
      'query ($id: ID!) { analysisRun(id: $id) { id status phase error } }',
      { id },
    )
  ).analysisRun;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  for (const child of started) if (child.child.exitCode === null) child.child.kill('SIGKILL');
  const jvm = readPidFile(home)?.pid;
  if (jvm !== undefined && alive(jvm)) process.kill(jvm, 'SIGKILL');
  rmSync(home, { recursive: true, force: true });
});

it('restarts a Neo4j killed under the running app, which then answers again without a restart', async () => {
  const before = await stakeholderCount();
  expect(before).toBeGreaterThan(0); // the demo was loaded into the empty store
  const killed = readPidFile(home)!.pid;
  process.kill(killed, 'SIGKILL');
  await server.waitFor(new RegExp(`Neo4j \\(pid ${killed}\\) exited unexpectedly`));
  expect(await ready()).toBe(503);
  await server.waitFor(/Neo4j is back on bolt:\/\/127\.0\.0\.1:\d+ \(pid (\d+)\)/);
  await eventually('/ready answers 200 again', async () => (await ready()) === 200);
  expect(await stakeholderCount()).toBe(before);
  expect(readPidFile(home)!.pid).not.toBe(killed);
  expect(alive(killed)).toBe(false);
});

it('logs an unhandled rejection without request data and keeps serving', async () => {
  server.child.kill('SIGUSR2');
  await server.waitFor(/Unhandled rejection \(still serving\): Error: faults tier: an unhandled rejection\n\s+at /);
  expect((await fetch(`${url}/health`)).status).toBe(200);
  expect(await stakeholderCount()).toBeGreaterThan(0);
});

it('after a kill -9 during an analysis run, the next start stops the orphan, keeps the previous run current and fails the interrupted one', async () => {
  const complete = await startRun();
  await eventually('the first run ends', async () => (await findRun(complete.id))?.status !== 'RUNNING', 400_000);
  expect(await findRun(complete.id)).toMatchObject({ status: 'COMPLETE', error: null });
  const interrupted = await startRun();
  expect(interrupted.status).toBe('RUNNING');

  // Kill the watchdog too, so the JVM is left behind as an orphan for the next start to recognise.
  const { pid: orphan, watchdog } = readPidFile(home)!;
  if (watchdog !== undefined) process.kill(-watchdog, 'SIGKILL');
  server.child.kill('SIGKILL');
  await server.exited;
  expect(alive(orphan)).toBe(true);

  server = await startServer();
  expect(server.output()).toMatch(new RegExp(`Stopping Neo4j pid ${orphan}, left running`));
  expect(server.output()).toMatch(new RegExp(`Marked 1 interrupted analysis run\\(s\\) as FAILED: ${interrupted.id}`));
  expect(alive(orphan)).toBe(false);
  const current = await gql<{ currentAnalysisRun: Run | null }>('{ currentAnalysisRun { id status } }');
  expect(current.currentAnalysisRun).toEqual({ id: complete.id, status: 'COMPLETE' });
  expect((await findRun(interrupted.id))?.status).toBe('FAILED');
});

it('stops cleanly on SIGTERM right after Neo4j died, leaving no process and no pid file', async () => {
  const jvm = readPidFile(home)!.pid;
  process.kill(jvm, 'SIGKILL');
  await server.waitFor(/exited unexpectedly/);
  server.child.kill('SIGTERM');
  expect(await server.exited).toBe(0);
  expect(server.output()).toMatch(/SIGTERM: shutting down…\n(.|\n)*Stopped\./);
  expect(server.output()).not.toMatch(/ReferenceError|Unhandled rejection|Uncaught exception/);
  expect(existsSync(join(home, 'run', 'atlas-neo4j.json'))).toBe(false);
  const after = readPidFile(home);
  expect(after === undefined || !alive(after.pid)).toBe(true);
});
