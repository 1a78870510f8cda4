// Layout helpers (deterministic start placement, settle measure, budget) and the UpSet rows.
import { describe, expect, it } from 'vitest';
import {
  BUDGET_STRETCH,
  CALM_SAMPLES,
  MIN_ITERATIONS,
  layoutBudget,
  layoutSettings,
  layoutVerdict,
  MIN_LAYOUT_MS,
  relativeMovement,
  seedPositions,
  snapshotPositions,
} from '../../../client/src/lib/graph/layout';
import { buildGraph } from '../../../client/src/lib/graph/model';
import { comboLabel, overlapRows } from '../../../client/src/lib/graph/overlaps';
import { wireNetwork } from './fixtures';

describe('start placement', () => {
  it('is reproducible, finite and puts no two nodes on one spot', () => {
    const g1 = buildGraph(wireNetwork());
    const g2 = buildGraph(wireNetwork());
    seedPositions(g1);
    seedPositions(g2);
    expect(snapshotPositions(g1)).toEqual(snapshotPositions(g2));
    const spots = new Set<string>();
    g1.forEachNode((_n, a) => {
      expect(Number.isFinite(a.x) && Number.isFinite(a.y)).toBe(true);
      spots.add(`${a.x},${a.y}`);
    });
    expect(spots.size).toBe(g1.order);
  });

  it('starts the members of a declared community together', () => {
    const g = buildGraph(wireNetwork());
    seedPositions(g);
    const byGroup = new Map<string, Array<{ x: number; y: number }>>();
    g.forEachNode((_n, a) => {
      const key = a.communities[0] ?? '';
      byGroup.set(key, [...(byGroup.get(key) ?? []), { x: a.x, y: a.y }]);
    });
    expect(byGroup.size).toBeGreaterThan(1);
    // On average, two members of one group start nearer each other than two nodes of different groups.
    const groups = [...byGroup.values()];
    let within = 0;
    let withinPairs = 0;
    let between = 0;
    let betweenPairs = 0;
    groups.forEach((ps, g) => {
      groups.forEach((qs, h) => {
        for (const p of ps)
          for (const q of qs) {
            if (p === q) continue;
            const d = Math.hypot(p.x - q.x, p.y - q.y);
            if (g === h) [within, withinPairs] = [within + d, withinPairs + 1];
            else [between, betweenPairs] = [between + d, betweenPairs + 1];
          }
      });
    });
    expect(withinPairs).toBeGreaterThan(0);
    expect(within / withinPairs).toBeLessThan(between / betweenPairs);
  });
});

describe('settle measure', () => {
  it('is zero without movement and scale-free', () => {
    const a = Float64Array.from([0, 0, 10, 0, 10, 10]);
    expect(relativeMovement(a, a)).toBe(0);
    const moved = Float64Array.from([1, 0, 11, 0, 11, 10]);
    const big = Float64Array.from(a, (v) => v * 100);
    const bigMoved = Float64Array.from(moved, (v) => v * 100);
    expect(relativeMovement(a, moved)).toBeCloseTo(relativeMovement(big, bigMoved));
    expect(relativeMovement(a, moved)).toBeCloseTo(1 / Math.hypot(10, 10));
  });

  it('handles empty and single-point layouts', () => {
    expect(relativeMovement(new Float64Array(), new Float64Array())).toBe(0);
    expect(relativeMovement(Float64Array.from([0, 0]), Float64Array.from([0, 0]))).toBe(0);
  });
});

describe('budget and settings', () => {
  it('grows with the graph and is capped', () => {
    expect(layoutBudget(10)).toBeLessThan(layoutBudget(1000));
    expect(layoutBudget(1e7)).toBe(15_000);
  });

  it('uses Barnes–Hut on large graphs only', () => {
    expect(layoutSettings(100).barnesHutOptimize).toBe(false);
    expect(layoutSettings(5000).barnesHutOptimize).toBe(true);
  });
});

describe('UpSet rows', () => {
  it('sorts largest first, drops empty combinations and scales bars to the largest', () => {
    const rows = overlapRows([
      { roles: ['PARTNER', 'CUSTOMER'], count: 5 },
      { roles: ['CUSTOMER'], count: 20 },
      { roles: [], count: 2 },
      { roles: ['SUPPLIER'], count: 0 },
    ]);
    expect(rows.map((r) => r.key)).toEqual(['CUSTOMER', 'CUSTOMER+PARTNER', 'NONE']);
    expect(rows.map((r) => r.fraction)).toEqual([1, 0.25, 0.1]);
    expect(rows[1]?.roles).toEqual(['CUSTOMER', 'PARTNER']);
  });

  it('labels combinations', () => {
    expect(comboLabel(['PARTNER', 'CUSTOMER'])).toBe('Customer + Partner');
    expect(comboLabel([])).toBe('No role');
  });

  it('is empty without data', () => {
    expect(overlapRows([])).toEqual([]);
  });
});

describe('layout verdict', () => {
  const base = { elapsedMs: 5000, budgetMs: 10_000, started: true, calmSamples: 0, iterations: 500 };

  it('keeps going while nodes still move', () => {
    expect(layoutVerdict(base)).toBeNull();
  });

  it('settles after enough calm samples once the worker has started', () => {
    expect(layoutVerdict({ ...base, calmSamples: CALM_SAMPLES })).toBe('settled');
  });

  it('does not mistake a worker that has not started yet for a settled layout', () => {
    expect(layoutVerdict({ ...base, started: false, calmSamples: 10 })).toBeNull();
    expect(layoutVerdict({ ...base, elapsedMs: MIN_LAYOUT_MS - 1, calmSamples: 10 })).toBeNull();
  });

  it('stops at the budget once enough iterations ran', () => {
    expect(layoutVerdict({ ...base, elapsedMs: 10_000 })).toBe('budget');
  });

  it('stretches the budget on a slow machine, up to a hard cap', () => {
    const slow = { ...base, iterations: MIN_ITERATIONS - 1 };
    expect(layoutVerdict({ ...slow, elapsedMs: 10_000 })).toBeNull();
    expect(layoutVerdict({ ...slow, elapsedMs: 10_000 * BUDGET_STRETCH })).toBe('budget');
    expect(layoutVerdict({ ...slow, started: false, elapsedMs: 10_000 * BUDGET_STRETCH })).toBe('budget');
  });
});
