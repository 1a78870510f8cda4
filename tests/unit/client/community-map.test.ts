// The community map's pure parts: which map opens, names cut and distinct, colours for many communities, members
// decoded at the server's positions (or placed inside their community), and the graph with communities expanded.
import { describe, expect, it } from 'vitest';
import {
  buildCommunityMapGraph,
  COMMUNITY_MAP_ABOVE,
  COMMUNITY_MAP_ABOVE_KEY,
  communityMapAbove,
  communityNodeKey,
  communityOfNodeKey,
  decodeMembers,
  expandAfterClick,
  mapColouring,
  mapExtent,
  membersCover,
  otherLabel,
  resolveMapMode,
  ROLE_PIE_PROGRAM,
  shortNames,
  type CommunityMapData,
  type MapCommunity,
  type MemberColumns,
} from '../../../client/src/lib/graph/community-map';
import { COMMUNITY_PALETTE, MULTI_ROLE_COLOUR, OTHER_COLOUR, ROLE_COLOURS } from '../../../client/src/lib/graph/encodings';

function store(entries: Record<string, string>): { getItem(k: string): string | null; setItem(): void; removeItem(): void } {
  return { getItem: (k) => entries[k] ?? null, setItem: () => undefined, removeItem: () => undefined };
}

const community = (id: string, members: number, x = 0, y = 0, radius = 10): MapCommunity => ({
  id,
  name: `Community ${id}`,
  members,
  roleMix: [
    { role: 'CUSTOMER', count: Math.ceil(members / 2) },
    { role: 'PARTNER', count: Math.floor(members / 2) },
  ],
  x,
  y,
  radius,
});

/** a (3 members) and b (2 members), 4 ties between them. */
function smallMap(): CommunityMapData {
  return {
    run: 'run-1',
    communities: [community('a', 3, 0, 0, 10), community('b', 2, 100, 0, 5)],
    links: [{ source: 'a', target: 'b', ties: 4, weight: 2.5 }],
  };
}

/**
 * Members of a and b: s1, s2 in a (s2 also in b, more weakly), s3 in b only. Ties s1–s2, s1–s3 twice (two types),
 * s2–s3. Positions from the run's layout (s1, s2 inside a; s3 inside b) or none.
 */
function members(positions: boolean): MemberColumns {
  return {
    attributes: { truncated: false, totalNodes: 3, totalEdges: 4 },
    columns: {
      communities: ['a', 'b'],
      nodes: {
        ids: ['s1', 's2', 's3'],
        labels: ['Ada', 'Ben', 'Cy'],
        roleMasks: [1, 1 | 8, 0],
        degrees: [5, 2, 1],
        detected: { counts: [1, 2, 1], communities: [0, 0, 1, 1] },
        positions: positions ? { x: [1, -2, 101], y: [4, 5, -1] } : null,
      },
      // (0,1), (0,2), (0,2), (1,2): source deltas 0,0,0,1; target deltas 1,1,0,2 (same source: delta; new: itself).
      ties: { sourceDeltas: [0, 0, 0, 1], targetDeltas: [1, 1, 0, 2], weights: [1, 0.5, 0.25, 2] },
    },
  };
}

describe('which map opens', () => {
  it('opens the community map above the threshold, stakeholders at or below it, and follows an explicit choice', () => {
    expect(resolveMapMode('auto', COMMUNITY_MAP_ABOVE + 1, COMMUNITY_MAP_ABOVE, false)).toBe('communities');
    expect(resolveMapMode('auto', COMMUNITY_MAP_ABOVE, COMMUNITY_MAP_ABOVE, false)).toBe('stakeholders');
    expect(resolveMapMode('auto', null, COMMUNITY_MAP_ABOVE, false)).toBe('unknown');
    expect(resolveMapMode('stakeholders', 1_000_000, COMMUNITY_MAP_ABOVE, false)).toBe('stakeholders');
    expect(resolveMapMode('communities', 10, COMMUNITY_MAP_ABOVE, false)).toBe('communities');
    expect(resolveMapMode('communities', 1_000_000, COMMUNITY_MAP_ABOVE, true)).toBe('stakeholders');
  });

  it('reads the threshold from storage when it is a positive integer', () => {
    expect(communityMapAbove(null)).toBe(COMMUNITY_MAP_ABOVE);
    expect(communityMapAbove(store({ [COMMUNITY_MAP_ABOVE_KEY]: '100' }))).toBe(100);
    expect(communityMapAbove(store({ [COMMUNITY_MAP_ABOVE_KEY]: '-3' }))).toBe(COMMUNITY_MAP_ABOVE);
    expect(communityMapAbove(store({ [COMMUNITY_MAP_ABOVE_KEY]: 'many' }))).toBe(COMMUNITY_MAP_ABOVE);
  });
});

describe('names on the map', () => {
  it('keeps short names, cuts long ones at a word boundary', () => {
    const [short, long] = shortNames(['Suppliers', 'Customers of the northern retail region and friends'], 30);
    expect(short).toBe('Suppliers');
    expect(long!.length).toBeLessThanOrEqual(30);
    expect(long).toBe('Customers of the northern…');
  });

  it('keeps names distinct that a cut would make the same (five "Customers (Corvane User Gr…")', () => {
    const names = [1, 2, 3, 4, 5].map((i) => `Customers (Corvane User Group ${i} ${20 + i}%)`);
    const labels = shortNames(names, 24);
    expect(new Set(labels).size).toBe(5);
    for (const label of labels) expect(label.length).toBeLessThanOrEqual(24);
    labels.forEach((label, i) => expect(label).toContain(`${20 + i + 1}%)`));
  });

  it('numbers identical names', () => {
    expect(shortNames(['Partners', 'Partners', 'Partners'])).toEqual(['Partners', 'Partners (2)', 'Partners (3)']);
  });
});

describe('colours for many communities', () => {
  it('gives the largest communities the palette and groups the rest as "other", saying how many and how large', () => {
    const many = Array.from({ length: 75 }, (_, i) => community(`c${i}`, 1000 - i * 10));
    const colouring = mapColouring(many);
    expect(colouring.ranked.slice(0, 3)).toEqual(['c0', 'c1', 'c2']);
    const own = many.filter((c) => colouring.coloured(c.id));
    expect(own.map((c) => c.id)).toEqual(many.slice(0, COMMUNITY_PALETTE.length).map((c) => c.id));
    expect(new Set(own.map((c) => colouring.colourOf(c.id))).size).toBe(COMMUNITY_PALETTE.length);
    expect(colouring.colourOf('c74')).toBe(OTHER_COLOUR);
    const rest = many.slice(COMMUNITY_PALETTE.length);
    expect(colouring.other).toEqual({ communities: rest.length, members: rest.reduce((s, c) => s + c.members, 0) });
    expect(otherLabel({ communities: 61, members: 4210 })).toBe('Other: 61 smaller communities (4,210 members)');
  });
});

describe('members of expanded communities', () => {
  it('decodes ids, roles, memberships and delta-coded ties at the run positions', () => {
    const set = decodeMembers(['a', 'b'], members(true));
    expect([...set.x]).toEqual([1, -2, 101]);
    expect(set.roles).toEqual([['CUSTOMER'], ['CUSTOMER', 'PARTNER'], []]);
    expect(set.memberships).toEqual([['a'], ['a', 'b'], ['b']]);
    expect([...set.sources]).toEqual([0, 0, 0, 1]);
    expect([...set.targets]).toEqual([1, 2, 2, 2]);
    expect(membersCover(set, ['b', 'a'])).toBe(true);
    expect(membersCover(set, ['a', 'c'])).toBe(false);
    expect(membersCover(null, ['a'])).toBe(false);
  });

  it('refuses a tie that refers to a node the answer does not list', () => {
    const bad = members(true);
    bad.columns.ties = { sourceDeltas: [0], targetDeltas: [7], weights: [1] };
    expect(() => decodeMembers(['a', 'b'], bad)).toThrow(/tie 0/);
  });
});

describe('the community map graph', () => {
  const labels = new Map([
    ['a', 'A'],
    ['b', 'B'],
  ]);

  it('draws each community as a role-mix pie sized by members, and one link weighted by ties', () => {
    const map = smallMap();
    const graph = buildCommunityMapGraph({
      map,
      members: null,
      expanded: [],
      colourBy: 'role',
      colouring: mapColouring(map.communities),
      labels,
    });
    expect(graph.order).toBe(2);
    expect(graph.size).toBe(1);
    const a = graph.getNodeAttributes(communityNodeKey('a'));
    const b = graph.getNodeAttributes(communityNodeKey('b'));
    expect(a.type).toBe(ROLE_PIE_PROGRAM);
    expect(a.label).toBe('A');
    expect(a.size).toBeGreaterThan(b.size);
    expect(a['pie0c']).toBe(ROLE_COLOURS.CUSTOMER);
    expect(a['pie0v']).toBe(2);
    expect(a['pie3v']).toBe(1);
    expect(graph.getEdgeAttribute(graph.edges()[0]!, 'ties')).toBe(4);
  });

  it('colours communities by their own colour when not by role', () => {
    const map = smallMap();
    const colouring = mapColouring(map.communities);
    const graph = buildCommunityMapGraph({ map, members: null, expanded: [], colourBy: 'community', colouring, labels });
    const a = graph.getNodeAttributes(communityNodeKey('a'));
    expect(a.type).toBe('circle');
    expect(a.color).toBe(COMMUNITY_PALETTE[0]);
  });

  it('shows an expanded community as its members in place, and gives the node back on collapse', () => {
    const map = smallMap();
    const set = decodeMembers(['a', 'b'], members(true));
    const input = { map, members: set, colourBy: 'community' as const, colouring: mapColouring(map.communities), labels };
    const onlyA = buildCommunityMapGraph({ ...input, expanded: ['a'] });
    expect(onlyA.hasNode(communityNodeKey('a'))).toBe(false);
    expect(onlyA.hasNode(communityNodeKey('b'))).toBe(true);
    expect(onlyA.filterNodes((_n, attrs) => attrs.kind === 'member').sort()).toEqual(['s1', 's2']);
    expect(onlyA.getNodeAttributes('s2')).toMatchObject({ x: -2, y: 5, community: 'a', color: COMMUNITY_PALETTE[0] });
    // s1–s2 only (s3 is in b, collapsed); the link to b went with a's node.
    expect(onlyA.size).toBe(1);
    const collapsed = buildCommunityMapGraph({ ...input, expanded: [] });
    expect(collapsed.hasNode(communityNodeKey('a'))).toBe(true);
    expect(collapsed.filterNodes((_n, attrs) => attrs.kind === 'member')).toEqual([]);
  });

  it('draws the ties between two expanded communities, each member in its strongest expanded community', () => {
    const map = smallMap();
    const set = decodeMembers(['a', 'b'], members(true));
    const colouring = mapColouring(map.communities);
    const both = buildCommunityMapGraph({ map, members: set, expanded: ['b', 'a'], colourBy: 'role', colouring, labels });
    expect(both.filterNodes((_n, attrs) => attrs.kind === 'community')).toEqual([]);
    expect(both.getNodeAttribute('s2', 'community')).toBe('a');
    expect(both.getNodeAttribute('s3', 'community')).toBe('b');
    expect(both.getNodeAttribute('s2', 'color')).toBe(MULTI_ROLE_COLOUR);
    // s1–s2, s1–s3 (two ties, one line), s2–s3: the last two cross from a to b.
    expect(both.size).toBe(3);
  });

  it('places a member inside the community it is drawn in when its main one is collapsed or it has no position', () => {
    const map = smallMap();
    const colouring = mapColouring(map.communities);
    const b = map.communities[1]!;
    const inside = (g: ReturnType<typeof buildCommunityMapGraph>, key: string): boolean =>
      Math.hypot(g.getNodeAttribute(key, 'x') - b.x, g.getNodeAttribute(key, 'y') - b.y) <= b.radius;
    // s2's layout position is in a; with only b expanded it is drawn in b, inside b's disc.
    const onlyB = buildCommunityMapGraph({
      map,
      members: decodeMembers(['a', 'b'], members(true)),
      expanded: ['b'],
      colourBy: 'community',
      colouring,
      labels,
    });
    expect(onlyB.getNodeAttribute('s2', 'community')).toBe('b');
    expect(inside(onlyB, 's2')).toBe(true);
    expect(onlyB.getNodeAttributes('s3')).toMatchObject({ x: 101, y: -1 });
    // Without a layout every member is placed in its disc, the best connected nearest the centre.
    const unplaced = buildCommunityMapGraph({
      map,
      members: decodeMembers(['a', 'b'], members(false)),
      expanded: ['b'],
      colourBy: 'community',
      colouring,
      labels,
    });
    expect(inside(unplaced, 's2')).toBe(true);
    expect(inside(unplaced, 's3')).toBe(true);
    const distance = (key: string): number =>
      Math.hypot(unplaced.getNodeAttribute(key, 'x') - b.x, unplaced.getNodeAttribute(key, 'y') - b.y);
    expect(distance('s2')).toBeLessThan(distance('s3'));
  });

  it('keeps one extent whatever is expanded, and round-trips community keys', () => {
    expect(mapExtent(smallMap())).toEqual({ x: [-10, 105], y: [-10, 10] });
    expect(communityOfNodeKey(communityNodeKey('x:1'))).toBe('x:1');
    expect(communityOfNodeKey('s1')).toBeNull();
  });

  it('expands one community on a click, several with a modifier, and collapses on a second click', () => {
    expect(expandAfterClick([], 'a', false)).toEqual(['a']);
    expect(expandAfterClick(['a'], 'b', false)).toEqual(['b']);
    expect(expandAfterClick(['a'], 'a', false)).toEqual([]);
    expect(expandAfterClick(['a'], 'b', true)).toEqual(['a', 'b']);
    expect(expandAfterClick(['a', 'b'], 'a', true)).toEqual(['b']);
  });
});
