// Robustness: every Query and Mutation field, read by introspection (so new fields are covered without
// editing this file), gets malformed and oversized arguments, and the API gets requests hostile in
// shape. After each: the process still answers /health, nothing was written, and every error is a
// client error (no masked internal error, no 5xx).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { IntrospectionQuery } from 'graphql';
import { readImportInput } from '../../server/src/import/read-input.js';
import { importParsed } from '../../server/src/import/import-bundle.js';
import { openTestDatabase, snapshot, type TestDatabase } from '../helpers/database.js';
import { createTestClient } from '../helpers/app.js';
import {
  hostileRequests,
  INTROSPECTION_QUERY,
  schemaFromIntrospection,
  type HostileRequest,
} from '../helpers/hostile-requests.js';

const VALID_BUNDLE = fileURLToPath(new URL('../fixtures/import/valid-bundle', import.meta.url));

let t: TestDatabase;
let client: ReturnType<typeof createTestClient>;
beforeAll(async () => {
  t = await openTestDatabase();
  await t.clear();
  const report = await importParsed(t.db, await readImportInput(VALID_BUNDLE));
  expect(report.ok).toBe(true);
  client = createTestClient(t);
});
afterAll(async () => t.close());

interface Outcome {
  status: number;
  codes: string[];
}

/** Longest a hostile request may take: the limits must bound every one of them. */
const REQUEST_TIME_LIMIT_MS = 30_000;

async function send(request: HostileRequest): Promise<Outcome> {
  const response = await client.app.fetch('http://atlas.test/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      'content-length': String(Buffer.byteLength(request.body)),
      ...(await client.authHeaders()),
    },
    body: request.body,
    signal: AbortSignal.timeout(REQUEST_TIME_LIMIT_MS),
  });
  const text = await response.text();
  let codes: string[];
  try {
    const parsed = JSON.parse(text) as { errors?: Array<{ message?: string; extensions?: { code?: string } }> } | unknown[];
    const bodies = Array.isArray(parsed) ? parsed : [parsed];
    codes = bodies.flatMap((b) =>
      ((b as { errors?: Array<{ message?: string; extensions?: { code?: string } }> }).errors ?? []).map(
        // yoga masks unexpected errors as 'Unexpected error.' without a code of ours.
        (e) => e.extensions?.code ?? (e.message === 'Unexpected error.' ? 'INTERNAL_SERVER_ERROR' : 'NO_CODE'),
      ),
    );
  } catch {
    codes = response.status >= 400 ? [] : ['NOT_JSON'];
  }
  return { status: response.status, codes };
}

/** Where two snapshots part, with a little context, to say what a request wrote. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i += 1;
  return `…${b.slice(Math.max(0, i - 80), i + 80)}…`;
}

async function healthy(): Promise<boolean> {
  const response = await client.app.fetch('http://atlas.test/health');
  return response.status === 200;
}

describe('hostile arguments and requests', () => {
  it('answers every one with a client error, keeps serving and writes nothing (as an admin)', { timeout: 900_000 }, async () => {
    const introspection = await client.data<IntrospectionQuery>(INTROSPECTION_QUERY);
    const requests = hostileRequests(schemaFromIntrospection(introspection));
    expect(requests.length).toBeGreaterThanOrEqual(2000);
    expect(requests.filter((r) => r.mutation).length).toBeGreaterThan(100);

    const before = await snapshot(t.db);
    const problems: string[] = [];
    let sent = 0;
    const slowest: Array<{ label: string; ms: number }> = [];
    for (const request of requests) {
      const started = performance.now();
      const outcome = await send(request).catch((error: unknown): Outcome => {
        const timedOut = error instanceof Error && error.name === 'TimeoutError';
        return { status: timedOut ? 599 : 598, codes: [timedOut ? 'TOOK_TOO_LONG' : `THREW ${String(error)}`] };
      });
      slowest.push({ label: request.label, ms: Math.round(performance.now() - started) });
      sent += 1;
      if (sent % 250 === 0) console.log(`robustness: ${sent}/${requests.length} sent, ${problems.length} problems`);
      if (outcome.status >= 500) problems.push(`${request.label}: HTTP ${outcome.status}`);
      const bad = outcome.codes.filter(
        (c) => c === 'INTERNAL_SERVER_ERROR' || c === 'NOT_JSON' || c === 'TOOK_TOO_LONG' || c.startsWith('THREW'),
      );
      if (bad.length > 0) problems.push(`${request.label}: ${bad.join(', ')}`);
      if (!(await healthy())) problems.push(`${request.label}: /health stopped answering`);
      const after = await snapshot(t.db);
      if (after !== before) {
        problems.push(`${request.label}: the database changed (${firstDifference(before, after)})`);
        break; // later comparisons would all differ
      }
    }
    slowest.sort((a, b) => b.ms - a.ms);
    console.log(`robustness: ${sent} hostile requests, ${problems.length} problems; slowest:`, slowest.slice(0, 8));
    expect(problems).toEqual([]);
    expect(await snapshot(t.db)).toBe(before);
  });
});
