// Colour encodings and their legends: colour-blind-safe roles, ≥ 12 distinguishable communities.
import { describe, expect, it } from 'vitest';
import {
  COMMUNITY_PALETTE,
  communityEncoding,
  encodingFor,
  MULTI_ROLE_COLOUR,
  NONE_COLOUR,
  OTHER_COLOUR,
  ROLE_COLOURS,
  roleEncoding,
  roleKeyOf,
} from '../../../client/src/lib/graph/encodings';
import { buildGraph, ROLES, type WireNetwork } from '../../../client/src/lib/graph/model';
import { wireNetwork } from './fixtures';

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

describe('role encoding', () => {
  it('uses the Okabe–Ito colours, one per role, and a distinct one for several roles', () => {
    const okabeIto = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7'];
    const used = [...ROLES.map((r) => ROLE_COLOURS[r]), MULTI_ROLE_COLOUR];
    expect(new Set(used).size).toBe(used.length);
    for (const c of used) expect(okabeIto).toContain(c);
  });

  it('keys nodes by single role, MULTI or NONE', () => {
    expect(roleKeyOf(['SUPPLIER'])).toBe('SUPPLIER');
    expect(roleKeyOf(['CUSTOMER', 'PARTNER'])).toBe('MULTI');
    expect(roleKeyOf([])).toBe('NONE');
  });

  it('colours nodes and counts them in the legend', () => {
    const g = buildGraph(wireNetwork());
    const enc = roleEncoding(g);
    expect(enc.colourOf(g.getNodeAttributes('a'))).toBe(MULTI_ROLE_COLOUR);
    expect(enc.colourOf(g.getNodeAttributes('b'))).toBe(ROLE_COLOURS.CUSTOMER);
    expect(enc.colourOf(g.getNodeAttributes('e'))).toBe(NONE_COLOUR);
    const counts = Object.fromEntries(enc.entries.map((e) => [e.key, e.count]));
    expect(counts).toMatchObject({ CUSTOMER: 1, PARTNER: 1, SUPPLIER: 1, MULTI: 1, NONE: 1, EMPLOYEE: 0 });
  });

  it('shows "No role" only when some node has none', () => {
    const wire = wireNetwork();
    wire.nodes = wire.nodes.filter((n) => n.key !== 'e');
    expect(roleEncoding(buildGraph(wire)).entries.map((e) => e.key)).not.toContain('NONE');
  });
});

describe('community encoding', () => {
  it('has at least 12 distinct, clearly different colours', () => {
    expect(COMMUNITY_PALETTE.length).toBeGreaterThanOrEqual(12);
    expect(new Set(COMMUNITY_PALETTE.map((c) => c.toLowerCase())).size).toBe(COMMUNITY_PALETTE.length);
    for (let i = 0; i < COMMUNITY_PALETTE.length; i++) {
      for (let j = i + 1; j < COMMUNITY_PALETTE.length; j++) {
        const [r1, g1, b1] = hexToRgb(COMMUNITY_PALETTE[i] ?? '#000000');
        const [r2, g2, b2] = hexToRgb(COMMUNITY_PALETTE[j] ?? '#000000');
        expect(Math.hypot(r1 - r2, g1 - g2, b1 - b2), `${i} vs ${j}`).toBeGreaterThan(40);
      }
    }
    expect(COMMUNITY_PALETTE).not.toContain(OTHER_COLOUR);
    expect(COMMUNITY_PALETTE).not.toContain(NONE_COLOUR);
  });

  it('ranks communities by members on the map and colours a node by its best-ranked one', () => {
    const g = buildGraph(wireNetwork());
    const enc = communityEncoding(g, [
      { id: 'c1', name: 'Berlin users' },
      { id: 'c2', name: 'Alliance' },
      { id: 'c3', name: 'Summit' },
    ]);
    // c1 and c2 have 2 members each (tie broken by name: Alliance first), c3 has 1.
    expect(enc.entries.map((e) => e.key)).toEqual(['c2', 'c1', 'c3', 'NONE']);
    expect(enc.entries[0]).toMatchObject({ label: 'Alliance', colour: COMMUNITY_PALETTE[0], count: 2 });
    expect(enc.keyOf(g.getNodeAttributes('a'))).toBe('c2');
    expect(enc.keyOf(g.getNodeAttributes('d'))).toBe('NONE');
    expect(enc.colourOf(g.getNodeAttributes('d'))).toBe(NONE_COLOUR);
  });

  it('sends communities beyond the palette to "Other communities"', () => {
    const n = COMMUNITY_PALETTE.length + 3;
    // community k gets n - k members, so the ranking is c0, c1, …; each node is in one community
    const nodes: WireNetwork['nodes'] = [];
    for (let k = 0; k < n; k++) {
      for (let m = 0; m < n - k; m++) {
        const key = `c${k}-${m}`;
        nodes.push({ key, attributes: { label: key, kind: 'PERSON', roles: [], communities: [`c${k}`], degree: 1 } });
      }
    }
    const wire: WireNetwork = { attributes: { truncated: false, totalNodes: nodes.length, totalEdges: 0 }, nodes, edges: [] };
    const g = buildGraph(wire);
    const enc = communityEncoding(g, []);
    const keys = enc.entries.map((e) => e.key);
    expect(keys).toHaveLength(COMMUNITY_PALETTE.length + 1);
    expect(keys.slice(0, 3)).toEqual(['c0', 'c1', 'c2']);
    expect(keys.at(-1)).toBe('OTHER');
    expect(enc.entries.at(-1)?.count).toBe(3 + 2 + 1);
    const last = g.getNodeAttributes(`c${n - 1}-0`);
    expect(enc.keyOf(last)).toBe('OTHER');
    expect(enc.colourOf(last)).toBe(OTHER_COLOUR);
    // a node in a coloured and an "other" community takes the coloured one
    expect(enc.keyOf({ ...last, communities: [`c${n - 1}`, 'c5'] })).toBe('c5');
  });

  it('keeps legend and map in step: every node colour is a legend entry; role counts add up', () => {
    const g = buildGraph(wireNetwork());
    for (const by of ['role', 'community'] as const) {
      const enc = encodingFor(by, g, []);
      const colours = new Map(enc.entries.map((e) => [e.key, e.colour]));
      g.forEachNode((_n, a) => expect(colours.get(enc.keyOf(a))).toBe(enc.colourOf(a)));
      // A community's count is its members, overlapping ones included (as its filter counts: legend-counts.test.ts).
      if (by === 'role') expect(enc.entries.reduce((s, e) => s + e.count, 0)).toBe(g.order);
    }
  });
});
