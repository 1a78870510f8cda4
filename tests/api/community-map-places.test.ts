// The community map with the Analyse and Act tabs (decision 109), through the API on the demo: where stakeholders are
// on a run's map (communityMapPlaces: each one's strongest detected membership, as the network's columns order them),
// and the version of the analysed data (Query.dataVersion, AnalysisRun.dataVersion) that tells the page the data
// changed since the run it shows — moved by edits of the data, not by run results or assessments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../server/src/demo.js';
import { waitForRun } from '../../server/src/runner/run-analysis.js';
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
}, 600_000);
afterAll(async () => t.close());

const code = (body: { errors?: Array<{ extensions?: { code?: string } }> }) => body.errors?.[0]?.extensions?.code;

interface Place {
  stakeholder: string;
  community: string;
}
const PLACES = `query($ids: [ID!]!, $run: ID) { communityMapPlaces(ids: $ids, run: $run) { stakeholder community } }`;

describe('before any analysis run', () => {
  it('places nobody, and the data version is known', async () => {
    const data = await viewer.data<{ communityMapPlaces: Place[]; dataVersion: string | null }>(
      `query($ids: [ID!]!) { communityMapPlaces(ids: $ids) { stakeholder community } dataVersion }`,
      { ids: ['anyone'] },
    );
    expect(data.communityMapPlaces).toEqual([]);
    expect(data.dataVersion).toMatch(/^[0-9a-f-]+:\d+$/);
  });
});

describe('after an analysis run', () => {
  let run: string;
  let before: string;
  beforeAll(async () => {
    before = (await viewer.data<{ dataVersion: string }>(`{ dataVersion }`)).dataVersion;
    run = (await admin.data<{ runAnalysis: { id: string } }>(`mutation { runAnalysis(input: { seed: 5 }) { id } }`)).runAnalysis
      .id;
    await waitForRun(t.db, run);
  }, 240_000);

  it("places each stakeholder in its strongest detected membership (the map's first), leaving unknown ids out", async () => {
    const { network } = await viewer.data<{
      network: {
        columns: { communities: string[]; nodes: { ids: string[]; detected: { counts: number[]; communities: number[] } } };
      };
    }>(`{ network(limit: 100000) { columns { communities nodes { ids detected { counts communities } } } } }`);
    const { ids, detected } = network.columns.nodes;
    const strongest = new Map<string, string>();
    let at = 0;
    ids.forEach((id, i) => {
      const count = detected.counts[i]!;
      if (count > 0) strongest.set(id, network.columns.communities[detected.communities[at]!]!);
      at += count;
    });
    const asked = ids.slice(0, 300);
    const { communityMapPlaces } = await viewer.data<{ communityMapPlaces: Place[] }>(PLACES, {
      ids: [...asked, 'no-such-stakeholder', asked[0]],
      run,
    });
    const expected = asked.filter((id) => strongest.has(id)).map((id) => [id, strongest.get(id)]);
    expect(expected.length).toBeGreaterThan(250);
    expect(new Map(communityMapPlaces.map((p) => [p.stakeholder, p.community]))).toEqual(
      new Map(expected as Array<[string, string]>),
    );
    expect(communityMapPlaces).toHaveLength(expected.length);
    // Every place is a community of the map.
    const { communityMap } = await viewer.data<{ communityMap: { communities: Array<{ id: string }> } }>(
      `{ communityMap { communities { id } } }`,
    );
    const onMap = new Set(communityMap.communities.map((c) => c.id));
    expect(communityMapPlaces.every((p) => onMap.has(p.community))).toBe(true);
  });

  it('refuses more than 5,000 ids and an empty id, and an unknown run', async () => {
    const many = Array.from({ length: 5_001 }, (_, i) => `s${i}`);
    expect(code((await viewer.gql(PLACES, { ids: many })).body)).toBe('BAD_USER_INPUT');
    expect(code((await viewer.gql(PLACES, { ids: ['  '] })).body)).toBe('BAD_USER_INPUT');
    expect(code((await viewer.gql(PLACES, { ids: ['x'], run: 'ghost' })).body)).toBe('NOT_FOUND');
  });

  it('records the data version the run read; run results and assessments leave it, an edit moves it', async () => {
    const read = async () =>
      viewer.data<{ dataVersion: string; analysisRun: { dataVersion: string | null } }>(
        `query($id: ID!) { dataVersion analysisRun(id: $id) { dataVersion } }`,
        { id: run },
      );
    const afterRun = await read();
    expect(afterRun.analysisRun.dataVersion).toBe(before);
    expect(afterRun.dataVersion).toBe(before);

    const { network } = await viewer.data<{ network: { columns: { nodes: { ids: string[] } } } }>(
      `{ network(limit: 10) { columns { nodes { ids } } } }`,
    );
    const someone = network.columns.nodes.ids[0]!;
    await admin.data(
      `mutation($id: ID!) { assessStakeholder(stakeholder: $id, input: { power: 4, interest: 3, attitude: 3 }) { id } }`,
      { id: someone },
    );
    expect((await read()).dataVersion).toBe(before);

    await admin.data(`mutation($id: ID!) { updateStakeholder(id: $id, input: { title: "Head of data versions" }) { id } }`, {
      id: someone,
    });
    const edited = await read();
    expect(edited.dataVersion).not.toBe(before);
    expect(edited.analysisRun.dataVersion).toBe(before);
  });
});
