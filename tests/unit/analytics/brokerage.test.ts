// Unit tests for brokerage: Burt's constraint/effective size on textbook shapes, Gould–Fernandez roles on a 5-node example, brokersBetween.
import { describe, expect, it } from 'vitest';
import Graph from 'graphology';
import { brokerageRole, brokerageRoles, brokersBetween, structuralHoles } from '../../../server/src/analytics/brokerage.js';

function directed(edges: Array<[string, string, number?]>): Graph {
  const g = new Graph({ type: 'directed', multi: true });
  for (const [s, t, w] of edges) {
    g.mergeNode(s);
    g.mergeNode(t);
    g.addEdge(s, t, { weight: w ?? 1 });
  }
  return g;
}

describe('structuralHoles (Burt)', () => {
  it('star: centre constraint 1/n and effective size n; leaves 1 and 1', () => {
    const g = directed([
      ['o', 'a'],
      ['o', 'b'],
      ['c', 'o'],
      ['o', 'd'],
    ]);
    const s = structuralHoles(g);
    expect(s.get('o')!.constraint).toBeCloseTo(1 / 4, 12);
    expect(s.get('o')!.effectiveSize).toBeCloseTo(4, 12);
    expect(s.get('o')!.efficiency).toBeCloseTo(1, 12);
    expect(s.get('a')!.constraint).toBeCloseTo(1, 12);
    expect(s.get('a')!.effectiveSize).toBeCloseTo(1, 12);
  });

  it('triangle: constraint (1/2 + 1/4)² · 2 = 1.125, effective size 1', () => {
    const g = directed([
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'a'],
    ]);
    for (const v of structuralHoles(g).values()) {
      expect(v.constraint).toBeCloseTo(1.125, 12);
      expect(v.effectiveSize).toBeCloseTo(1, 12);
      expect(v.efficiency).toBeCloseTo(0.5, 12);
    }
  });

  it('weighted ego, reciprocal and parallel ties summed', () => {
    // i–j weight 2 (1 each way), i–q 1, j–q 1.
    const g = directed([
      ['i', 'j', 1],
      ['j', 'i', 1],
      ['i', 'q', 1],
      ['j', 'q', 1],
    ]);
    const c = structuralHoles(g).get('i')!.constraint!;
    // (2/3 + 1/3·1/2)² + (1/3 + 2/3·1/3)²
    expect(c).toBeCloseTo((5 / 6) ** 2 + (5 / 9) ** 2, 12);
    // effective size: j: 1 − p_iq·m_jq = 1 − 1/3·(1/2) ; q: 1 − p_ij·m_qj = 1 − 2/3·1
    expect(structuralHoles(g).get('i')!.effectiveSize).toBeCloseTo(1 - 1 / 6 + (1 - 2 / 3), 12);
  });

  it('isolates get null', () => {
    const g = new Graph();
    g.addNode('x');
    expect(structuralHoles(g).get('x')).toEqual({ degree: 0, constraint: null, effectiveSize: null, efficiency: null });
  });
});

describe('Gould–Fernandez brokerage roles', () => {
  const groups: Record<string, string> = { a1: 'A', a2: 'A', a3: 'A', b1: 'B', c1: 'C' };
  const edges: Array<[string, string]> = [
    ['a1', 'a2'],
    ['a2', 'a3'], // a1→a2→a3: coordinator a2
    ['a1', 'b1'],
    ['b1', 'a3'], // a1→b1→a3: itinerant b1
    ['a3', 'c1'], // a2→a3→c1: representative a3; b1→a3→c1: liaison a3
    ['b1', 'a1'], // b1→a1→a2: gatekeeper a1
  ];

  it('classifies every open two-path of the 5-node example', () => {
    const r = brokerageRoles(directed(edges), (n) => groups[n]);
    const pick = (n: string) => {
      const c = r.roles.get(n)!;
      return {
        coordinator: c.coordinator,
        itinerant: c.itinerant,
        representative: c.representative,
        gatekeeper: c.gatekeeper,
        liaison: c.liaison,
        total: c.total,
      };
    };
    expect(pick('a1')).toEqual({ coordinator: 0, itinerant: 0, representative: 0, gatekeeper: 1, liaison: 0, total: 1 });
    expect(pick('a2')).toEqual({ coordinator: 1, itinerant: 0, representative: 0, gatekeeper: 0, liaison: 0, total: 1 });
    expect(pick('a3')).toEqual({ coordinator: 0, itinerant: 0, representative: 1, gatekeeper: 0, liaison: 1, total: 2 });
    expect(pick('b1')).toEqual({ coordinator: 0, itinerant: 1, representative: 0, gatekeeper: 0, liaison: 0, total: 1 });
    expect(pick('c1').total).toBe(0);
    expect(r.sampledBrokers).toEqual([]);
  });

  it('a direct a→c tie closes the two-path', () => {
    const r = brokerageRoles(directed([...edges, ['a1', 'a3']]), (n) => groups[n]);
    expect(r.roles.get('a2')!.coordinator).toBe(0);
    expect(r.roles.get('b1')!.itinerant).toBe(0);
  });

  it('splits a multi-group broker fractionally, each two-path summing to 1', () => {
    const g = directed([
      ['x', 'm'],
      ['m', 'y'],
    ]);
    const r = brokerageRoles(g, (n) => (n === 'm' ? ['A', 'B'] : n === 'x' ? 'A' : 'B'));
    const m = r.roles.get('m')!;
    expect(m.representative).toBeCloseTo(0.5);
    expect(m.gatekeeper).toBeCloseTo(0.5);
    expect(m.total).toBe(1);
    expect(brokerageRole('A', 'B', 'C')).toBe('liaison');
  });

  it('samples above the pair cap, deterministically, with unbiased totals', () => {
    const e: Array<[string, string]> = [];
    for (let i = 0; i < 30; i++) e.push([`s${i}`, 'hub'], ['hub', `t${i}`]);
    const g = directed(e);
    const groupOf = (n: string) => (n === 'hub' ? 'H' : n[0]!);
    const exact = brokerageRoles(g, groupOf).roles.get('hub')!;
    expect(exact.liaison).toBe(900);
    const a = brokerageRoles(g, groupOf, { maxPairsPerBroker: 200, seed: 3 });
    const b = brokerageRoles(g, groupOf, { maxPairsPerBroker: 200, seed: 3 });
    expect(a.sampledBrokers).toEqual(['hub']);
    expect(a.roles.get('hub')).toEqual(b.roles.get('hub'));
    expect(a.roles.get('hub')!.total).toBeCloseTo(900, 6);
  });
});

describe('brokersBetween', () => {
  it('ranks who connects suppliers to customers', () => {
    const roles: Record<string, string[]> = {
      s1: ['SUPPLIER'],
      s2: ['SUPPLIER'],
      c1: ['CUSTOMER'],
      c2: ['CUSTOMER'],
      m: ['EMPLOYEE'],
      p: ['PARTNER', 'CUSTOMER'],
    };
    const g = directed([
      ['s1', 'm', 2],
      ['s2', 'm', 1],
      ['m', 'c1', 3],
      ['m', 'c2', 1],
      ['s1', 'p', 1],
      ['p', 'c1', 1],
      ['s2', 'c2', 1], // closes s2→m→c2
    ]);
    const rows = brokersBetween(g, (n) => roles[n], 'SUPPLIER', 'CUSTOMER', 5);
    expect(rows.map((r) => r.node)).toEqual(['m', 'p']);
    expect(rows[0]).toMatchObject({ twoPaths: 3, sources: 2, targets: 2, rank: 1, groups: ['EMPLOYEE'] });
    // weights: s1→m→c1 min(2,3)=2, s1→m→c2 1, s2→m→c1 1
    expect(rows[0]!.weight).toBe(4);
    expect(rows[1]).toMatchObject({ twoPaths: 1, groups: ['PARTNER', 'CUSTOMER'] });
    const all = brokersBetween(g, (n) => roles[n], 'SUPPLIER', 'CUSTOMER', 5, { requireOpen: false });
    expect(all[0]!.twoPaths).toBe(4);
    expect(brokersBetween(g, (n) => roles[n], 'SUPPLIER', 'NOBODY', 5)).toEqual([]);
  });
});
