// The community-aware layout: deterministic for a seed, every member inside its community's disc, no two discs
// overlapping, links that count the ties between communities, and the highest-ranked member of a spiral at its centre.
import { describe, expect, it } from 'vitest';
import {
  communityLayout,
  communityLinks,
  DISC_GAP,
  RADIUS_PER_ROOT_MEMBER,
  SMALL_COMMUNITY,
  type CommunityLayoutInput,
  type LayoutTies,
} from '../../../server/src/analytics/community-layout.js';
import { createRandom } from '../../../server/src/domain/random.js';

/**
 * Planted communities of very different sizes (2 to 900 members, some over SMALL_COMMUNITY), 90 % of ties inside,
 * parallel and reciprocal ties, self-loops, a few isolates (singleton communities without links) and an empty community.
 */
function planted(seed: number): CommunityLayoutInput & { ties: LayoutTies } {
  const random = createRandom(seed);
  const sizes = [900, 400, 150, 80, 40, 12, 5, 2, 1, 1, 1, 0, 60, 30];
  const community: number[] = [];
  sizes.forEach((size, c) => {
    for (let i = 0; i < size; i++) community.push(c);
  });
  const n = community.length;
  const byCommunity = sizes.map((_, c) => community.flatMap((cc, v) => (cc === c ? [v] : [])));
  const source: number[] = [];
  const target: number[] = [];
  const weight: number[] = [];
  for (let e = 0; e < 12_000; e++) {
    const s = Math.floor(random() * n);
    const c = community[s]!;
    if (sizes[c]! <= 1) continue; // isolates stay isolated
    const pool = random() < 0.9 ? byCommunity[c]! : byCommunity[Math.floor(random() * 8)]!;
    const t = pool[Math.floor(random() * pool.length)]!;
    if (sizes[community[t]!]! <= 1) continue;
    source.push(s);
    target.push(random() < 0.01 ? s : t);
    weight.push(random() < 0.02 ? Number.NaN : 1 + Math.floor(random() * 5));
  }
  return {
    community: Int32Array.from(community),
    communities: sizes.length,
    ties: { source: Int32Array.from(source), target: Int32Array.from(target), weight: Float64Array.from(weight) },
    rank: Float64Array.from({ length: n }, () => random()),
    seed: 7,
  };
}

describe('communityLayout', () => {
  const input = planted(3);
  const layout = communityLayout(input);
  const n = input.community.length;

  it('gives the same positions for the same input and seed, other positions for another seed', () => {
    const again = communityLayout(planted(3));
    expect(Array.from(again.x)).toEqual(Array.from(layout.x));
    expect(Array.from(again.y)).toEqual(Array.from(layout.y));
    expect(Array.from(again.centreX)).toEqual(Array.from(layout.centreX));
    const other = communityLayout({ ...planted(3), seed: 8 });
    expect(Array.from(other.centreX)).not.toEqual(Array.from(layout.centreX));
  });

  it('places every node inside the disc of its community, discs sized by √members', () => {
    for (let v = 0; v < n; v++) {
      const c = input.community[v]!;
      expect(Number.isFinite(layout.x[v]!) && Number.isFinite(layout.y[v]!)).toBe(true);
      const d = Math.hypot(layout.x[v]! - layout.centreX[c]!, layout.y[v]! - layout.centreY[c]!);
      expect(d, `node ${v} of community ${c}`).toBeLessThanOrEqual(layout.radius[c]! + 1e-9);
    }
    for (let c = 0; c < input.communities; c++) {
      const members = input.community.filter((x) => x === c).length;
      expect(layout.members[c]).toBe(members);
      if (members === 0) expect(layout.radius[c]).toBeNaN();
      else expect(layout.radius[c]).toBeCloseTo(RADIUS_PER_ROOT_MEMBER * Math.sqrt(members), 12);
    }
  });

  it('keeps the discs apart (every pair checked)', () => {
    const placed = Array.from({ length: input.communities }, (_, c) => c).filter((c) => layout.members[c]! > 0);
    for (let i = 0; i < placed.length; i++) {
      for (let j = i + 1; j < placed.length; j++) {
        const a = placed[i]!;
        const b = placed[j]!;
        const d = Math.hypot(layout.centreX[a]! - layout.centreX[b]!, layout.centreY[a]! - layout.centreY[b]!);
        expect(d, `communities ${a} and ${b}`).toBeGreaterThanOrEqual(layout.radius[a]! + layout.radius[b]! + DISC_GAP * 0.99);
      }
    }
  });

  it('links count and weigh every tie between two different communities, once per pair', () => {
    const expected = new Map<string, { ties: number; weight: number }>();
    const { source, target, weight } = input.ties;
    for (let e = 0; e < source.length; e++) {
      const a = input.community[source[e]!]!;
      const b = input.community[target[e]!]!;
      if (a === b) continue;
      const key = `${Math.min(a, b)}-${Math.max(a, b)}`;
      const entry = expected.get(key) ?? { ties: 0, weight: 0 };
      entry.ties++;
      entry.weight += Number.isFinite(weight[e]!) ? weight[e]! : 1;
      expected.set(key, entry);
    }
    const links = layout.links;
    expect(links.source.length).toBe(expected.size);
    for (let l = 0; l < links.source.length; l++) {
      expect(links.source[l]!).toBeLessThan(links.target[l]!);
      const truth = expected.get(`${links.source[l]}-${links.target[l]}`)!;
      expect(links.ties[l]).toBe(truth.ties);
      expect(links.weight[l]).toBeCloseTo(truth.weight, 9);
    }
  });

  it('puts the highest-ranked member of a large community at its centre', () => {
    const c = 0; // 900 members: above SMALL_COMMUNITY, so the spiral
    expect(layout.members[c]!).toBeGreaterThan(SMALL_COMMUNITY);
    let best = -1;
    for (let v = 0; v < n; v++) if (input.community[v] === c && (best < 0 || input.rank[v]! > input.rank[best]!)) best = v;
    expect(Math.hypot(layout.x[best]! - layout.centreX[c]!, layout.y[best]! - layout.centreY[c]!)).toBeLessThan(1e-9);
  });

  it('lays out from given links alone (a Graph Data Science run): same discs rule, every community a spiral', () => {
    const fromLinks = communityLayout({ ...planted(3), ties: { links: layout.links } });
    expect(fromLinks.links).toBe(layout.links);
    expect(Array.from(fromLinks.centreX)).toEqual(Array.from(layout.centreX)); // the same community graph, the same seed
    for (let v = 0; v < n; v++) {
      const c = input.community[v]!;
      const d = Math.hypot(fromLinks.x[v]! - fromLinks.centreX[c]!, fromLinks.y[v]! - fromLinks.centreY[c]!);
      expect(d).toBeLessThanOrEqual(fromLinks.radius[c]! + 1e-9);
    }
  });

  it('handles a graph without ties and an empty graph', () => {
    const community = Int32Array.from([0, 1, 2, 2]);
    const none = { source: new Int32Array(0), target: new Int32Array(0), weight: new Float64Array(0) };
    const alone = communityLayout({ community, communities: 3, ties: none, rank: new Float64Array(4), seed: 1 });
    expect(alone.links.source.length).toBe(0);
    expect(Array.from(alone.x).every(Number.isFinite)).toBe(true);
    const empty = communityLayout({
      community: new Int32Array(0),
      communities: 0,
      ties: none,
      rank: new Float64Array(0),
      seed: 1,
    });
    expect(empty.x.length).toBe(0);
    expect(communityLinks(new Int32Array(0), 0, none).source.length).toBe(0);
  });
});
