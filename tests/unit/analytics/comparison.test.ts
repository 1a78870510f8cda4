// Unit tests for partition and cover comparison (NMI, ARI, overlapping NMI, best-match F1) and community labelling.
import { describe, expect, it } from 'vitest';
import {
  ari,
  bestMatchF1,
  contingencyTable,
  labelCommunities,
  nmi,
  overlappingNmi,
  partitionToCover,
} from '../../../server/src/analytics/comparison.js';
import { createRandom } from '../../../server/src/domain/random.js';

const p = (labels: Array<string | number>): Map<string, string | number> => new Map(labels.map((l, i) => [`n${i}`, l]));

describe('contingencyTable', () => {
  it('counts co-occurrences over common nodes only', () => {
    const a = p(['x', 'x', 'y', 'y']);
    const b = new Map([
      ['n0', 1],
      ['n1', 2],
      ['n2', 2],
      ['other', 1],
    ]);
    const t = contingencyTable(a, b);
    expect(t.n).toBe(3);
    expect(t.rows).toEqual(['x', 'y']);
    expect(t.columns).toEqual([1, 2]);
    expect(t.counts).toEqual([
      [1, 1],
      [0, 1],
    ]);
    expect(t.rowTotals).toEqual([2, 1]);
    expect(t.columnTotals).toEqual([1, 2]);
  });
});

describe('nmi (arithmetic normalisation) and ari', () => {
  it('is 1 for identical partitions, whatever the label names', () => {
    const a = p([0, 0, 1, 1, 2, 2, 2]);
    const b = p(['c', 'c', 'a', 'a', 'b', 'b', 'b']);
    expect(nmi(a, b)).toBeCloseTo(1, 12);
    expect(ari(a, b)).toBeCloseTo(1, 12);
    expect(nmi(p([1, 1, 1]), p([5, 5, 5]))).toBe(1);
  });

  it('matches hand-computed values (also scikit-learn’s documented ones)', () => {
    // H(a)=ln2, H(b)=ln3, I=ln2·... worked out: NMI 0.5158037, ARI 0.2424242 (8/33).
    expect(nmi(p([0, 0, 0, 1, 1, 1]), p([0, 0, 1, 1, 2, 2]))).toBeCloseTo(0.5158037429793888, 10);
    expect(ari(p([0, 0, 0, 1, 1, 1]), p([0, 0, 1, 1, 2, 2]))).toBeCloseTo(8 / 33, 12);
    // b refines a: I = H(a) = ln 2, H(b) = 1.5 ln 2 → NMI = ln2 / (1.25 ln2) = 0.8; ARI = 4/7.
    expect(nmi(p([0, 0, 1, 1]), p([0, 0, 1, 2]))).toBeCloseTo(0.8, 12);
    expect(ari(p([0, 0, 1, 1]), p([0, 0, 1, 2]))).toBeCloseTo(4 / 7, 12);
  });

  it('is about 0 for independent partitions', () => {
    const rnd = createRandom(3);
    const n = 20_000;
    const a = new Map<string, number>();
    const b = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      a.set(String(i), Math.floor(rnd() * 5));
      b.set(String(i), Math.floor(rnd() * 7));
    }
    expect(nmi(a, b)).toBeLessThan(0.005);
    expect(Math.abs(ari(a, b))).toBeLessThan(0.005);
  });
});

describe('overlapping comparison', () => {
  const x = [new Set(['a', 'b', 'c']), new Set(['c', 'd', 'e'])];

  it('overlappingNmi is 1 for identical covers and 0 for unrelated ones', () => {
    expect(
      overlappingNmi(x, [
        ['c', 'd', 'e'],
        ['a', 'b', 'c'],
      ]),
    ).toBeCloseTo(1, 12);
    const universe = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    // One community against its complement-ish random counterpart shares no information.
    expect(overlappingNmi([['a', 'b', 'c', 'd']], [['a', 'b', 'e', 'f']], { universe })).toBe(0);
    // Coarser cover scores between 0 and 1.
    const v = overlappingNmi(x, [['a', 'b', 'c', 'd', 'e']], { universe });
    expect(v).toBeGreaterThan(0);
    expect(v).toBeLessThan(1);
  });

  it('bestMatchF1 matches a hand computation', () => {
    // x vs y = {a,b}, {c,d,e,f}: best F1 for x1 = 2·2/(3+2)=0.8, x2 = 2·2/(3+4)=4/7 (c,d,e ∩ → 3: 2·3/7=6/7).
    const y = [
      ['a', 'b'],
      ['c', 'd', 'e', 'f'],
    ];
    // x1={a,b,c}: with y1 → 2·2/5 = 0.8; with y2 → 2·1/7. x2={c,d,e}: with y2 → 2·3/7 = 6/7.
    // y1: best 0.8; y2: best 6/7.
    const expected = ((0.8 + 6 / 7) / 2 + (0.8 + 6 / 7) / 2) / 2;
    expect(bestMatchF1(x, y)).toBeCloseTo(expected, 12);
    expect(bestMatchF1(x, x)).toBe(1);
  });

  it('partitionToCover groups by label', () => {
    expect(partitionToCover(p([0, 1, 0])).map((s) => [...s])).toEqual([['n0', 'n2'], ['n1']]);
  });
});

describe('labelCommunities', () => {
  it('names communities by dominant roles and declared groups with shares', () => {
    const detected = new Map([
      ['a', 0],
      ['b', 0],
      ['c', 0],
      ['d', 0],
      ['e', 1],
      ['f', 1],
    ]);
    const facets = new Map([
      ['a', { roles: ['employee', 'shareholder'], groups: ['Berlin user group'] }],
      ['b', { roles: ['employee', 'shareholder'], groups: ['Berlin user group'] }],
      ['c', { roles: ['employee'], groups: ['Berlin user group'] }],
      ['d', { roles: ['customer'], groups: [] }],
      ['e', { roles: ['supplier'] }],
      ['f', { roles: ['partner'] }],
    ]);
    const labels = labelCommunities(detected, facets);
    expect(labels[0]).toMatchObject({ community: 0, size: 4, label: 'Employees + Shareholders · Berlin user group' });
    expect(labels[0]?.roles[0]).toEqual({ role: 'employee', share: 0.75 });
    expect(labels[0]?.groups).toEqual([{ group: 'Berlin user group', share: 0.75 }]);
    expect(labels[1]?.label).toBe('Partners + Suppliers');
  });

  it('accepts overlapping memberships', () => {
    const detected = new Map([
      ['a', [{ community: 0 }, { community: 1 }]],
      ['b', [{ community: 1 }]],
    ]);
    const labels = labelCommunities(detected, () => ({ roles: ['customer'] }));
    expect(labels.map((l) => [l.community, l.size, l.label])).toEqual([
      [0, 1, 'Customers #2'],
      [1, 2, 'Customers #1'],
    ]);
  });

  it('sets apart communities the dominant roles would name alike, by their most over-represented facet', () => {
    const detected = new Map<string, number>();
    const facets = new Map<string, { roles: string[]; groups: string[] }>();
    // 3 communities of 10 customers each; community 0 leans to the Nordic user group, 1 to partners, 2 to nothing.
    for (let c = 0; c < 3; c++) {
      for (let i = 0; i < 10; i++) {
        const node = `n${c}-${i}`;
        detected.set(node, c);
        const roles = ['customer', ...(c === 1 && i < 4 ? ['partner'] : [])];
        const groups = c === 0 && i < 4 ? ['Nordic user group'] : c === 2 && i === 0 ? ['Nordic user group'] : [];
        facets.set(node, { roles, groups });
      }
    }
    const labels = labelCommunities(detected, facets);
    expect(labels.map((l) => l.label)).toEqual(['Customers (Nordic user group 40%)', 'Customers (Partners 40%)', 'Customers']);
    expect(new Set(labels.map((l) => l.label)).size).toBe(3);
  });
});
