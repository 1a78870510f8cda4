// The community map with the Analyse and Act tabs (decision 109): which communities a highlighted list expands and what
// it says about the rest, the links between collapsed communities faded while any is expanded, and the notices for a
// newer run or changed data.
import { describe, expect, it } from 'vitest';
import {
  buildCommunityMapGraph,
  communityNodeKey,
  decodeMembers,
  FADED_LINK_COLOUR,
  HIGHLIGHT_COMMUNITY_LIMIT,
  HIGHLIGHT_MEMBER_BUDGET,
  highlightExpansionNote,
  LINK_COLOUR,
  mapColouring,
  MEMBER_TIE_COLOUR,
  planHighlightExpansion,
  type CommunityMapData,
  type MapCommunity,
} from '../../../client/src/lib/graph/community-map';
import {
  FRESHNESS_POLL_KEY,
  FRESHNESS_POLL_MS,
  freshnessOf,
  freshnessPollMs,
  type FreshnessAnswer,
} from '../../../client/src/lib/state/freshness';

const community = (id: string, members: number, x: number): MapCommunity => ({
  id,
  name: `Community ${id}`,
  members,
  roleMix: [{ role: 'CUSTOMER', count: members }],
  x,
  y: 0,
  radius: 5,
});

/** a, b, c in a row; links a–b, b–c, a–c. */
function threeMap(): CommunityMapData {
  return {
    run: 'run-1',
    communities: [community('a', 2, 0), community('b', 1, 50), community('c', 1, 100)],
    links: [
      { source: 'a', target: 'b', ties: 3, weight: 3 },
      { source: 'b', target: 'c', ties: 1, weight: 1 },
      { source: 'a', target: 'c', ties: 2, weight: 2 },
    ],
  };
}

const membersOfA = decodeMembers(['a'], {
  attributes: { truncated: false, totalNodes: 2, totalEdges: 1 },
  columns: {
    communities: ['a'],
    nodes: {
      ids: ['s1', 's2'],
      labels: ['Ada', 'Ben'],
      roleMasks: [1, 1],
      degrees: [1, 1],
      detected: { counts: [1, 1], communities: [0, 0] },
      positions: { x: [1, -1], y: [0, 0] },
    },
    ties: { sourceDeltas: [0], targetDeltas: [1], weights: [1] },
  },
});

describe('links between collapsed communities', () => {
  const map = threeMap();
  const input = {
    map,
    colourBy: 'community' as const,
    colouring: mapColouring(map.communities),
    labels: new Map<string, string>(),
  };
  const linkColours = (graph: ReturnType<typeof buildCommunityMapGraph>): string[] =>
    graph
      .filterEdges((_e, _a, _s, _t, sa, ta) => sa.kind === 'community' && ta.kind === 'community')
      .map((e) => graph.getEdgeAttribute(e, 'color'));

  it('are drawn in full when nothing is expanded', () => {
    const graph = buildCommunityMapGraph({ ...input, members: null, expanded: [] });
    expect(linkColours(graph)).toEqual([LINK_COLOUR, LINK_COLOUR, LINK_COLOUR]);
  });

  it('fade while a community is expanded (b–c stays, faded; the member tie keeps its colour) and come back on collapse', () => {
    const open = buildCommunityMapGraph({ ...input, members: membersOfA, expanded: ['a'] });
    expect(open.hasNode(communityNodeKey('a'))).toBe(false);
    expect(linkColours(open)).toEqual([FADED_LINK_COLOUR]);
    expect(open.edges('s1', 's2').map((e) => open.getEdgeAttribute(e, 'color'))).toEqual([MEMBER_TIE_COLOUR]);
    const closed = buildCommunityMapGraph({ ...input, members: membersOfA, expanded: [] });
    expect(linkColours(closed)).toEqual([LINK_COLOUR, LINK_COLOUR, LINK_COLOUR]);
  });

  it('stay full while the expanded members are still loading (nothing is drawn over them yet)', () => {
    const graph = buildCommunityMapGraph({ ...input, members: null, expanded: ['a'] });
    expect(linkColours(graph)).toEqual([LINK_COLOUR, LINK_COLOUR, LINK_COLOUR]);
  });
});

describe('a highlighted list on the community map', () => {
  const sizes = new Map([
    ['big', 9_000],
    ['mid', 6_000],
    ['small', 100],
    ['huge', 30_000],
  ]);

  it('expands the communities holding the list, the one holding most of it first', () => {
    const places = new Map([
      ['p1', 'small'],
      ['p2', 'mid'],
      ['p3', 'mid'],
      ['p4', 'big'],
    ]);
    const plan = planHighlightExpansion(4, places, sizes);
    expect(plan).toEqual({ expand: ['mid', 'small', 'big'], shown: 4, notShown: 0, outside: 0 });
    expect(highlightExpansionNote(plan)).toBeNull();
  });

  it('keeps within the member budget: the largest share first, the rest counted as not shown', () => {
    const budget = new Map([...sizes, ['large', 15_000]]);
    const places = new Map([
      ['p1', 'large'],
      ['p2', 'large'],
      ['p3', 'big'],
      ['p4', 'small'],
      ['p5', 'nowhere'], // a community not on this map
    ]);
    const plan = planHighlightExpansion(7, places, budget);
    // large (15,000) holds the most; big would pass the budget (24,100), small fits (15,100).
    expect(HIGHLIGHT_MEMBER_BUDGET).toBe(20_000);
    expect(plan).toEqual({ expand: ['large', 'small'], shown: 3, notShown: 1, outside: 3 });
    expect(highlightExpansionNote(plan)).toBe(
      `1 in other communities are not shown (expanding them would pass 20,000 members or ${HIGHLIGHT_COMMUNITY_LIMIT} communities); 3 are not on this run's map.`,
    );
  });

  it('expands the community holding most of the list even when it alone is over the budget', () => {
    const places = new Map([
      ['p1', 'huge'],
      ['p2', 'huge'],
      ['p3', 'small'],
    ]);
    expect(planHighlightExpansion(3, places, sizes)).toEqual({ expand: ['huge'], shown: 2, notShown: 1, outside: 0 });
  });

  it('expands at most the community limit', () => {
    const many = new Map(Array.from({ length: 40 }, (_, i) => [`c${i}`, 10] as const));
    const places = new Map(Array.from({ length: 40 }, (_, i) => [`p${i}`, `c${i}`] as const));
    const plan = planHighlightExpansion(40, places, many, { members: 1_000_000, communities: 5 });
    expect(plan.expand).toHaveLength(5);
    expect(plan).toMatchObject({ shown: 5, notShown: 35, outside: 0 });
  });

  it('expands nothing for a list with no stakeholder on the map', () => {
    expect(planHighlightExpansion(3, new Map(), sizes)).toEqual({ expand: [], shown: 0, notShown: 0, outside: 3 });
  });
});

describe('a newer run or changed data', () => {
  const answer = (over: Partial<FreshnessAnswer> = {}): FreshnessAnswer => ({
    dataVersion: 'e:5',
    currentAnalysisRun: { id: 'run-1', finishedAt: '2026-11-30T04:00:00Z', startedAt: '2026-11-30T03:59:00Z' },
    shownRun: { id: 'run-1', dataVersion: 'e:5' },
    ...over,
  });

  it('says nothing when the map shows the current run of the current data', () => {
    expect(freshnessOf('run-1', answer(), false)).toEqual({ newerRun: null, dataChanged: false });
  });

  it('offers a newer current run with its date, unless an older run is shown on purpose', () => {
    const newer = answer({ currentAnalysisRun: { id: 'run-2', finishedAt: '2026-11-30T05:00:00Z', startedAt: 'x' } });
    expect(freshnessOf('run-1', newer, false).newerRun).toEqual({ id: 'run-2', at: '2026-11-30T05:00:00Z' });
    expect(freshnessOf('run-1', newer, true).newerRun).toBeNull();
  });

  it('warns when the analysed data moved since the shown run read it; runs without a version say nothing', () => {
    expect(freshnessOf('run-1', answer({ dataVersion: 'e:6' }), false).dataChanged).toBe(true);
    expect(
      freshnessOf('run-1', answer({ dataVersion: 'e:6', shownRun: { id: 'run-1', dataVersion: null } }), false).dataChanged,
    ).toBe(false);
    expect(freshnessOf('run-1', answer({ dataVersion: null }), false).dataChanged).toBe(false);
  });

  it('polls every 15 s unless storage sets another interval (at least 200 ms)', () => {
    const store = (v: string | null) => ({ getItem: () => v, setItem: () => undefined, removeItem: () => undefined });
    expect(freshnessPollMs(null)).toBe(FRESHNESS_POLL_MS);
    expect(freshnessPollMs(store('500'))).toBe(500);
    expect(freshnessPollMs(store('50'))).toBe(FRESHNESS_POLL_MS);
    expect(FRESHNESS_POLL_KEY).toBe('atlas:freshness-poll-ms');
  });
});
