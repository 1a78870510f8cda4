// On-demand analytics run in a worker pool: the server answers while a heavy plan computes, and a
// burst beyond the pool's queue is told to retry (UNAVAILABLE) instead of piling up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../server/src/demo.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { createTestClient } from '../helpers/app.js';

let t: TestDatabase;
let client: ReturnType<typeof createTestClient>;
beforeAll(async () => {
  t = await openTestDatabase();
  await t.clear();
  await loadDemo(t.db);
  client = createTestClient(t);
});
afterAll(async () => t.close());

const HEAVY_PLAN = `{ engagementPlan(k: 50, simulations: 10000) { expectedReach } }`;

describe('on-demand analytics off the main thread', () => {
  it('answers /health while a heavy engagement plan computes, and serves lookups beside it', async () => {
    const finished: string[] = [];
    const plan = client.gql(HEAVY_PLAN).then((r) => {
      finished.push('plan');
      return r;
    });
    // Give the plan time to reach the worker, then ask the main thread for other work.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const health = await client.app.fetch('http://atlas.test/health');
    finished.push('health');
    expect(finished, 'the plan must still be computing: make it heavier if this fails').toEqual(['health']);
    const lookup = await client.gql(`{ stakeholders(first: 1) { totalCount } }`);
    expect(health.status).toBe(200);
    expect(lookup.body.errors).toBeUndefined();
    const answer = await plan;
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toMatchObject({ engagementPlan: { expectedReach: expect.any(Number) } });
  });

  it('tells a burst beyond the queue to retry, and serves the rest', async () => {
    const answers = await Promise.all(
      Array.from({ length: 14 }, () => client.gql(`{ engagementPlan(k: 20, simulations: 2000) { expectedReach } }`)),
    );
    const codes = answers.map((a) => a.body.errors?.[0]?.extensions?.code ?? 'OK');
    expect(codes.filter((c) => c === 'OK').length).toBeGreaterThan(0);
    expect(codes.filter((c) => c === 'UNAVAILABLE').length).toBeGreaterThan(0);
    expect(codes.every((c) => c === 'OK' || c === 'UNAVAILABLE')).toBe(true);
  });
});
