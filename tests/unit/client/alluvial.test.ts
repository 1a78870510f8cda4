// The alluvial chart's geometry: blocks stacked by size, bands that add up to their blocks, the rest gathered as
// "other", and nothing for an empty evolution.
import { describe, expect, it } from 'vitest';
import { alluvialLayout, OTHER } from '../../../client/src/lib/graph/alluvial';

const c = (id: string, members: number) => ({ id, name: id.toUpperCase(), members });

describe('alluvialLayout', () => {
  it('stacks each column by size and gives every band its share of both blocks', () => {
    const layout = alluvialLayout(
      [c('a', 60), c('b', 40)],
      [c('x', 70), c('y', 30)],
      [
        { from: 'a', to: 'x', members: 50 },
        { from: 'a', to: 'y', members: 10 },
        { from: 'b', to: 'x', members: 20 },
        { from: 'b', to: 'y', members: 20 },
      ],
      { width: 200, height: 104, gap: 4 },
    );
    const left = layout.nodes.filter((n) => n.side === 'from');
    const right = layout.nodes.filter((n) => n.side === 'to');
    expect(left.map((n) => n.key)).toEqual(['a', 'b']);
    expect(right.map((n) => n.key)).toEqual(['x', 'y']);
    // 100 members in 104 - 4 px: one pixel each.
    expect(left.map((n) => [n.y, n.height])).toEqual([
      [0, 60],
      [64, 40],
    ]);
    expect(layout.bands).toHaveLength(4);
    expect(layout.bands[0]).toMatchObject({ from: 'a', to: 'x', members: 50 });
    for (const band of layout.bands) expect(band.path).toMatch(/^M[\d.]+,[\d.]+ C.* Z$/);
  });

  it('gathers communities past maxPerSide and members outside any followed community as "other"', () => {
    const layout = alluvialLayout(
      [c('a', 10), c('b', 5), c('c', 3)],
      [c('x', 12)],
      [
        { from: 'a', to: 'x', members: 9 },
        { from: 'c', to: 'x', members: 3 },
        { from: 'b', to: null, members: 5 },
        { from: 'a', to: null, members: 1 },
        { from: null, to: null, members: 7 },
      ],
      { width: 100, height: 100, maxPerSide: 2 },
    );
    const keys = layout.nodes.map((n) => `${n.side}:${n.key}`);
    expect(keys).toEqual(['from:a', 'from:b', `from:${OTHER}`, 'to:x', `to:${OTHER}`]);
    expect(layout.bands.find((b) => b.from === OTHER && b.to === 'x')?.members).toBe(3);
    expect(layout.bands.some((b) => b.from === OTHER && b.to === OTHER)).toBe(false);
  });

  it('draws nothing for an empty evolution', () => {
    expect(alluvialLayout([], [], [], { width: 100, height: 100 })).toEqual({ nodes: [], bands: [], width: 100, height: 100 });
  });
});
