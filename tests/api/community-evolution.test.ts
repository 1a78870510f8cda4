// communityEvolution through the GraphQL app on the demo ecosystem: two real analysis runs at different resolutions,
// flows that account for every core member (checked against the stored memberships), events that follow the rule,
// a run compared with itself, and the error paths.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../server/src/demo.js';
import { execute } from '../../server/src/db/database.js';
import { waitForRun } from '../../server/src/runner/run-analysis.js';
import { EVOLUTION_RULES } from '../../server/src/analytics/community-evolution.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { createTestClient } from '../helpers/app.js';

let t: TestDatabase;
let client: ReturnType<typeof createTestClient>;
let viewer: ReturnType<typeof createTestClient>;
let coarse: string;
let fine: string;

async function run(resolution: number): Promise<string> {
  const { runAnalysis } = await client.data<{ runAnalysis: { id: string } }>(
    'mutation($input: AnalysisInput) { runAnalysis(input: $input) { id } }',
    { input: { resolution, seed: 5 } },
  );
  await waitForRun(t.db, runAnalysis.id);
  return runAnalysis.id;
}

beforeAll(async () => {
  t = await openTestDatabase();
  await t.clear();
  await loadDemo(t.db);
  client = createTestClient(t, { role: 'analyst' });
  viewer = createTestClient(t, { role: 'viewer', app: client.app });
  coarse = await run(0.4);
  fine = await run(2.5);
}, 300_000);
afterAll(async () => t.close());

const EVOLUTION = `query($from: ID!, $to: ID!) { communityEvolution(from: $from, to: $to) {
  from { id } to { id }
  rules { minimumSize minimumShared jaccard share sizeChange }
  fromCommunities { community { id run } members }
  toCommunities { community { id run } members }
  flows { from { id } to { id } members }
  events { kind from { id } to { id } membersBefore membersAfter sharedMembers }
} }`;

interface Evolution {
  communityEvolution: {
    from: { id: string };
    to: { id: string };
    rules: { minimumSize: number; minimumShared: number; jaccard: number; share: number; sizeChange: number };
    fromCommunities: Array<{ community: { id: string; run: string }; members: number }>;
    toCommunities: Array<{ community: { id: string; run: string }; members: number }>;
    flows: Array<{ from: { id: string } | null; to: { id: string } | null; members: number }>;
    events: Array<{
      kind: string;
      from: Array<{ id: string }>;
      to: Array<{ id: string }>;
      membersBefore: number;
      membersAfter: number;
      sharedMembers: number;
    }>;
  };
}

describe('communityEvolution', () => {
  it('follows the communities of a coarse run into a finer one: flows match the stored core memberships', async () => {
    const { communityEvolution: e } = await viewer.data<Evolution>(EVOLUTION, { from: coarse, to: fine });
    expect(e.from.id).toBe(coarse);
    expect(e.to.id).toBe(fine);
    expect(e.rules).toEqual({
      minimumSize: EVOLUTION_RULES.minTrackedSize,
      minimumShared: EVOLUTION_RULES.minShared,
      jaccard: EVOLUTION_RULES.matchJaccard,
      share: EVOLUTION_RULES.matchShare,
      sizeChange: EVOLUTION_RULES.sizeChange,
    });
    expect(e.fromCommunities.every((c) => c.community.run === coarse && c.members >= EVOLUTION_RULES.minTrackedSize)).toBe(true);
    expect(e.toCommunities.every((c) => c.community.run === fine)).toBe(true);
    // A finer resolution gives more communities.
    expect(e.toCommunities.length).toBeGreaterThan(e.fromCommunities.length);

    // Every band between two followed communities is the count of stakeholders in both, read straight from Neo4j.
    const stored = await execute<{ a: string; b: string; n: number }>(
      t.db,
      `MATCH (s:Stakeholder)-[:MEMBER_OF {run: $from, core: true}]->(a:Community), (s)-[:MEMBER_OF {run: $to, core: true}]->(b:Community)
       RETURN a.id AS a, b.id AS b, count(s) AS n`,
      { from: coarse, to: fine },
    );
    const storedCount = new Map(stored.map((r) => [`${r.a}>${r.b}`, r.n]));
    for (const f of e.flows.filter((x) => x.from !== null && x.to !== null)) {
      expect(f.members).toBe(storedCount.get(`${f.from!.id}>${f.to!.id}`));
    }
    // Each followed community's bands add up to its members.
    for (const c of e.fromCommunities) {
      const out = e.flows.filter((f) => f.from?.id === c.community.id).reduce((s, f) => s + f.members, 0);
      expect(out).toBe(c.members);
    }
    for (const c of e.toCommunities) {
      const inflow = e.flows.filter((f) => f.to?.id === c.community.id).reduce((s, f) => s + f.members, 0);
      expect(inflow).toBe(c.members);
    }
    // Splitting into finer communities: at least one split, each naming two or more later communities.
    const splits = e.events.filter((x) => x.kind === 'SPLIT');
    expect(splits.length).toBeGreaterThan(0);
    for (const s of splits) {
      expect(s.from).toHaveLength(1);
      expect(s.to.length).toBeGreaterThanOrEqual(2);
      expect(s.sharedMembers).toBeLessThanOrEqual(s.membersBefore);
    }
  });

  it('compares a run with itself as continuations only', async () => {
    const { communityEvolution: e } = await viewer.data<Evolution>(EVOLUTION, { from: fine, to: fine });
    expect(e.events.length).toBe(e.fromCommunities.length);
    expect(new Set(e.events.map((x) => x.kind))).toEqual(new Set(['CONTINUATION']));
    expect(e.events.every((x) => x.membersBefore === x.membersAfter && x.sharedMembers === x.membersBefore)).toBe(true);
  });

  it('refuses unknown runs (NOT_FOUND) and anonymous callers', async () => {
    const missing = await viewer.gql(EVOLUTION, { from: coarse, to: 'no-such-run' });
    expect(missing.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const anonymous = createTestClient(t, { role: null, app: client.app });
    const refused = await anonymous.gql(EVOLUTION, { from: coarse, to: fine });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
