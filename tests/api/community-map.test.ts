// The run's community-aware layout through the API (demo ecosystem): communityMap (members sum to the run's
// population, links agree with the ties Cypher counts between communities, discs apart) and the positions column of
// network / egoNetwork (every analysed node placed inside its community's disc, read only when selected).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../server/src/demo.js';
import { waitForRun } from '../../server/src/runner/run-analysis.js';
import { execute } from '../../server/src/db/database.js';
import { TIE_TYPES } from '../../server/src/domain/vocabulary.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { createTestClient } from '../helpers/app.js';

let t: TestDatabase;
let admin: ReturnType<typeof createTestClient>;
let viewer: ReturnType<typeof createTestClient>;
beforeAll(async () => {
  t = await openTestDatabase();
  await t.clear();
  await loadDemo(t.db);
  admin = createTestClient(t);
  viewer = createTestClient(t, { role: 'viewer' });
});
afterAll(async () => t.close());

const code = (body: { errors?: Array<{ extensions?: { code?: string } }> }) => body.errors?.[0]?.extensions?.code;

interface MapNode {
  id: string;
  name: string;
  members: number;
  roleMix: Array<{ role: string; count: number }>;
  x: number;
  y: number;
  radius: number;
}
interface CommunityMap {
  run: string | null;
  communities: MapNode[];
  links: Array<{ source: string; target: string; ties: number; weight: number }>;
}
const MAP = `run communities { id name members roleMix { role count } x y radius } links { source target ties weight }`;

interface Columns {
  nodes: {
    ids: string[];
    detected: { counts: number[]; communities: number[] } | null;
    positions: { x: Array<number | null>; y: Array<number | null> } | null;
  };
  communities: string[];
}
const COLUMNS = `columns { communities nodes { ids detected { counts communities } positions { x y } } }`;

describe('before any analysis run', () => {
  it('the map is empty and names no run; positions are null', async () => {
    const data = await viewer.data<{ communityMap: CommunityMap; network: { columns: Columns } }>(
      `{ communityMap { ${MAP} } network(limit: 100) { ${COLUMNS} } }`,
    );
    expect(data.communityMap).toEqual({ run: null, communities: [], links: [] });
    expect(data.network.columns.nodes.positions).toBeNull();
    expect(code((await viewer.gql(`{ communityMap(run: "ghost") { run } }`)).body)).toBe('NOT_FOUND');
  });
});

describe('after an analysis run', () => {
  let run: string;
  let map: CommunityMap;
  beforeAll(async () => {
    run = (await admin.data<{ runAnalysis: { id: string } }>(`mutation { runAnalysis(input: { seed: 5 }) { id } }`)).runAnalysis
      .id;
    await waitForRun(t.db, run);
    map = (await viewer.data<{ communityMap: CommunityMap }>(`{ communityMap { ${MAP} } }`)).communityMap;
  }, 240_000);

  it('has every detected community with members, summing to the run population, with its role mix', async () => {
    const summary = await viewer.data<{ analysisRun: { summary: { nodes: number; communities: number } } }>(
      `query($id: ID!) { analysisRun(id: $id) { summary { nodes communities } } }`,
      { id: run },
    );
    expect(map.run).toBe(run);
    expect(map.communities.length).toBeGreaterThan(1);
    expect(map.communities.length).toBeLessThanOrEqual(summary.analysisRun.summary.communities);
    expect(map.communities.reduce((s, c) => s + c.members, 0)).toBe(summary.analysisRun.summary.nodes);
    // Each stakeholder counts in its strongest detected membership (strength, then the community's index).
    const strongest = await execute<{ community: string; members: number; roles: string[][] }>(
      t.db,
      `MATCH (s:Stakeholder)-[m:MEMBER_OF {run: $run}]->(c:Community)
       WITH s, c ORDER BY m.strength DESC, c.index
       WITH s, collect(c.id)[0] AS community
       RETURN community, count(s) AS members, collect(s.roles) AS roles`,
      { run },
    );
    const byId = new Map(map.communities.map((c) => [c.id, c]));
    expect(byId.size).toBe(strongest.length);
    for (const row of strongest) {
      const node = byId.get(row.community)!;
      expect(node.members).toBe(row.members);
      const counts = new Map<string, number>();
      for (const roles of row.roles) for (const r of roles) counts.set(r, (counts.get(r) ?? 0) + 1);
      expect(new Map(node.roleMix.map((m) => [m.role, m.count]))).toEqual(counts);
      expect(node.radius).toBeGreaterThan(0);
      expect(node.name.length).toBeGreaterThan(0);
    }
  });

  it('links carry the ties Cypher counts between members of two different communities', async () => {
    const rows = await execute<{ a: string; b: string; ties: number; weight: number }>(
      t.db,
      `MATCH (s:Stakeholder)-[m:MEMBER_OF {run: $run}]->(c:Community)
       WITH s, c ORDER BY m.strength DESC, c.index
       WITH s, collect(c)[0] AS home
       MATCH (s)-[t:${TIE_TYPES.join('|')}]->(o:Stakeholder)-[n:MEMBER_OF {run: $run}]->(d:Community)
       WITH s, home, t, o, d ORDER BY n.strength DESC, d.index
       WITH home, t, collect(d)[0] AS other WHERE home <> other
       WITH CASE WHEN home.index < other.index THEN [home.id, other.id] ELSE [other.id, home.id] END AS pair, t
       RETURN pair[0] AS a, pair[1] AS b, count(t) AS ties, sum(t.weight) AS weight`,
      { run },
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(map.links).toHaveLength(rows.length);
    const links = new Map(map.links.map((l) => [`${l.source} ${l.target}`, l]));
    for (const row of rows) {
      const link = links.get(`${row.a} ${row.b}`);
      expect(link, `${row.a} ${row.b}`).toBeDefined();
      expect(link!.ties).toBe(row.ties);
      expect(link!.weight).toBeCloseTo(row.weight, 6);
    }
  });

  it('keeps the discs apart', () => {
    const cs = map.communities;
    for (let i = 0; i < cs.length; i++)
      for (let j = i + 1; j < cs.length; j++)
        expect(Math.hypot(cs[i]!.x - cs[j]!.x, cs[i]!.y - cs[j]!.y)).toBeGreaterThan(cs[i]!.radius + cs[j]!.radius);
  });

  it('network and egoNetwork place every analysed node inside the disc of its strongest community', async () => {
    const hub = (
      await execute<{ id: string }>(t.db, 'MATCH (s:Stakeholder) RETURN s.id AS id ORDER BY s.degree DESC, s.id LIMIT 1')
    )[0]!.id;
    const data = await viewer.data<{ network: { columns: Columns }; egoNetwork: { columns: Columns } }>(
      `query($id: ID!) { network(limit: 100000) { ${COLUMNS} } egoNetwork(id: $id) { ${COLUMNS} } }`,
      { id: hub },
    );
    const discs = new Map(map.communities.map((c) => [c.id, c]));
    const whole = data.network.columns;
    expect(whole.nodes.ids).toHaveLength(2000);
    const placed = new Map<string, [number, number]>();
    for (const columns of [whole, data.egoNetwork.columns]) {
      const { ids, detected, positions } = columns.nodes;
      expect(positions).not.toBeNull();
      let at = 0;
      ids.forEach((id, i) => {
        const x = positions!.x[i]!;
        const y = positions!.y[i]!;
        expect(x === null || y === null, id).toBe(false);
        const first = columns.communities[detected!.communities[at]!]!; // strongest first
        at += detected!.counts[i]!;
        const disc = discs.get(first)!;
        // Positions travel rounded to 0.01.
        expect(Math.hypot(x - disc.x, y - disc.y), id).toBeLessThanOrEqual(disc.radius + 0.01);
        if (placed.has(id)) expect(placed.get(id)).toEqual([x, y]);
        placed.set(id, [x, y]);
      });
    }
    expect(placed.size).toBe(2000);
  });

  it('answers the same map again (cached by data version) and refuses a run that is not complete', async () => {
    const again = (
      await viewer.data<{ communityMap: CommunityMap }>(`query($run: ID) { communityMap(run: $run) { ${MAP} } }`, { run })
    ).communityMap;
    expect(again).toEqual(map);
    const started = (await admin.data<{ runAnalysis: { id: string } }>(`mutation { runAnalysis(input: { seed: 6 }) { id } }`))
      .runAnalysis.id;
    const running = await viewer.gql(`query($run: ID) { communityMap(run: $run) { run } }`, { run: started });
    if (running.body.errors) expect(running.body.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'run' });
    await waitForRun(t.db, started);
    expect(code((await admin.gql(`{ communityMap { run } }`, {}, {})).body)).toBe('UNAUTHENTICATED');
  }, 240_000);
});
