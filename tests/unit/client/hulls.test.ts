// Community hulls: convex hull geometry, one hull per coloured community of the encoding, the toggle and the URL.
import { describe, expect, it } from 'vitest';
import { communityEncoding, detectedEncoding, roleEncoding } from '../../../client/src/lib/graph/encodings';
import { communityHulls, convexHull, hullsApply, trimOutliers, withAlpha, type Point } from '../../../client/src/lib/graph/hulls';
import { buildGraph, type AtlasGraph } from '../../../client/src/lib/graph/model';
import { decodeUrlState, defaultUrlView, encodeUrlState, urlViewOf } from '../../../client/src/lib/state/url-state';
import { initialView, setHulls } from '../../../client/src/lib/state/view-transitions';
import { wireNetwork } from './fixtures';

describe('convex hull', () => {
  it('keeps the corners of a square and drops inner, repeated and collinear points', () => {
    const points: Point[] = [
      [0, 0],
      [2, 0],
      [2, 2],
      [0, 2],
      [1, 1],
      [1, 0],
      [0, 0],
      [2, 2],
    ];
    const hull = convexHull(points);
    expect(hull).toHaveLength(4);
    expect(new Set(hull.map((p) => p.join(',')))).toEqual(new Set(['0,0', '2,0', '2,2', '0,2']));
  });

  it('is counter-clockwise (positive area)', () => {
    const hull = convexHull([
      [0, 0],
      [4, 0],
      [4, 3],
      [0, 3],
      [2, 1],
    ]);
    let twiceArea = 0;
    hull.forEach((p, i) => {
      const q = hull[(i + 1) % hull.length] as Point;
      twiceArea += p[0] * q[1] - q[0] * p[1];
    });
    expect(twiceArea / 2).toBe(12);
  });

  it('returns fewer than three distinct points as they are', () => {
    expect(convexHull([])).toEqual([]);
    expect(
      convexHull([
        [1, 1],
        [1, 1],
      ]),
    ).toEqual([[1, 1]]);
    // All on one line: the two ends.
    expect(
      convexHull([
        [0, 0],
        [1, 1],
        [2, 2],
      ]),
    ).toEqual([
      [0, 0],
      [2, 2],
    ]);
  });
});

/** Six nodes: a, b, c in declared c1 (a triangle); d, e in c2 (too few); f in c1 far away, dropped by a filter. */
function graph(): AtlasGraph {
  const wire = wireNetwork();
  wire.nodes = [
    ...['a', 'b', 'c', 'f'].map((key) => ({
      key,
      attributes: { label: key, kind: 'PERSON' as const, roles: ['CUSTOMER' as const], communities: ['c1'], degree: 1 },
    })),
    ...['d', 'e'].map((key) => ({
      key,
      attributes: { label: key, kind: 'PERSON' as const, roles: ['PARTNER' as const], communities: ['c2'], degree: 1 },
    })),
  ];
  wire.edges = [];
  const g = buildGraph(wire);
  const at: Record<string, [number, number]> = { a: [0, 0], b: [10, 0], c: [0, 10], d: [50, 50], e: [60, 50], f: [100, 100] };
  for (const [key, [x, y]] of Object.entries(at)) g.mergeNodeAttributes(key, { x, y });
  return g;
}

describe('outliers', () => {
  it('drop the farthest tenth of a large set, keep small sets whole', () => {
    const cluster: Point[] = Array.from({ length: 18 }, (_, i) => [Math.cos(i), Math.sin(i)] as const);
    const far: Point[] = [
      [100, 100],
      [-80, 5],
    ];
    const kept = trimOutliers([...cluster, ...far], 0.1);
    expect(kept).toHaveLength(18);
    expect(kept).not.toContainEqual([100, 100]);
    expect(kept).not.toContainEqual([-80, 5]);
    expect(trimOutliers(far, 0.1)).toEqual(far);
    expect(trimOutliers([...cluster, ...far], 0)).toHaveLength(20);
  });
});

describe('community hulls', () => {
  const names = [
    { id: 'c1', name: 'One' },
    { id: 'c2', name: 'Two' },
  ];

  it('draw one hull per declared community with at least three drawn members, in its legend colour', () => {
    const g = graph();
    const encoding = communityEncoding(g, names);
    const hulls = communityHulls(g, encoding);
    expect(hulls.map((h) => [h.key, h.members, h.points.length])).toEqual([['c1', 4, 4]]);
    expect(hulls[0]?.colour).toBe(encoding.entries.find((e) => e.key === 'c1')?.colour);
  });

  it('leave out nodes that are not drawn', () => {
    const g = graph();
    const hulls = communityHulls(g, communityEncoding(g, names), (node) => node !== 'f');
    expect(hulls[0]?.points).toHaveLength(3);
    expect(communityHulls(g, communityEncoding(g, names), (node) => node === 'a' || node === 'b')).toEqual([]);
  });

  it('follow detected communities when the map is coloured by them, and none when coloured by role', () => {
    const g = graph();
    for (const key of ['a', 'b', 'd']) g.mergeNodeAttributes(key, { detected: [{ community: 'r:1', strength: 1 }] });
    const hulls = communityHulls(g, detectedEncoding(g, [{ id: 'r:1', name: 'Detected one' }]));
    expect(hulls.map((h) => [h.key, h.members])).toEqual([['r:1', 3]]);
    expect(hullsApply(roleEncoding(g))).toBe(false);
    expect(communityHulls(g, roleEncoding(g))).toEqual([]);
  });

  it('turn a legend colour into a canvas rgba()', () => {
    expect(withAlpha('#0072B2', 0.5)).toBe('rgba(0, 114, 178, 0.5)');
    expect(withAlpha('teal', 0.1)).toBe('rgba(128, 128, 128, 0.1)');
  });
});

describe('hull toggle', () => {
  it('is off by default, and the URL keeps it as hulls=1', () => {
    expect(initialView().hulls).toBe(false);
    expect(defaultUrlView().hulls).toBe(false);
    const on = setHulls(initialView(), true);
    expect(setHulls(on, true)).toBe(on);
    const text = encodeUrlState({ view: urlViewOf(on), camera: null });
    expect(text).toBe('hulls=1');
    expect(decodeUrlState(text).view.hulls).toBe(true);
    expect(decodeUrlState('hulls=yes').view.hulls).toBe(false);
  });
});
