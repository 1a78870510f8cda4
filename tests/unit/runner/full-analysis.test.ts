// The full analysis as a pure function over a compact projection: every column filled, memberships consistent with the partition, comparison against declared groups, determinism.
import { describe, expect, it } from 'vitest';
import { toGraph } from '../../../server/src/runner/compact-projection.js';
import type { CompactProjection } from '../../../server/src/domain/models.js';
import { maskOfRoles } from '../../../server/src/domain/vocabulary.js';
import { runFullAnalysis } from '../../../server/src/runner/full-analysis.js';
import { METRIC_NAMES } from '../../../server/src/domain/metrics.js';
import { DEFAULT_PARAMETERS, validateRunParameters, ParameterError } from '../../../server/src/runner/parameters.js';

/** Two 6-cliques joined by one tie; clique A are employees in group "g-a", clique B customers in "g-b"; one isolate. */
function twoCliques(): CompactProjection {
  const ids = [...Array.from({ length: 12 }, (_, i) => `s${i}`), 'lonely'];
  const source: number[] = [];
  const target: number[] = [];
  for (const base of [0, 6])
    for (let i = 0; i < 6; i++)
      for (let j = 0; j < 6; j++) {
        if (i === j) continue;
        source.push(base + i);
        target.push(base + j);
      }
  source.push(5);
  target.push(6);
  const communityIds: string[] = [];
  const communityStart = [0];
  ids.forEach((_, v) => {
    if (v < 6) communityIds.push('g-a');
    else if (v < 12) communityIds.push('g-b');
    communityStart.push(communityIds.length);
  });
  return {
    ids,
    names: ids.map((id) => `Name ${id}`),
    roleMasks: Uint8Array.from(ids.map((_, v) => maskOfRoles(v < 6 ? ['EMPLOYEE'] : v < 12 ? ['CUSTOMER'] : []))),
    communityStart: Int32Array.from(communityStart),
    communityIds,
    source: Int32Array.from(source),
    target: Int32Array.from(target),
    weight: Float64Array.from(source.map(() => 2)),
    type: Uint8Array.from(source.map(() => 6)),
  };
}

describe('runFullAnalysis', () => {
  it('finds the two cliques, labels them by role and group, and agrees perfectly with the declared groups', () => {
    const phases: string[] = [];
    const r = runFullAnalysis(twoCliques(), DEFAULT_PARAMETERS, { 'g-a': 'Group A', 'g-b': 'Group B' }, (phase) =>
      phases.push(phase),
    );
    expect(phases).toEqual([
      'index',
      'communities',
      'influence',
      'structural-holes',
      'brokerage',
      'labels',
      'components',
      'layout',
      'collect',
    ]);
    expect(r.summary).toMatchObject({
      nodes: 13,
      ties: 61,
      communities: 3,
      labelledNodes: 12,
      unlabelledNodes: 1,
      nmi: 1,
      ari: 1,
    });
    expect(r.core[0]).toBe(r.core[5]);
    expect(r.core[6]).toBe(r.core[11]);
    expect(r.core[0]).not.toBe(r.core[6]);
    const labels = r.communities.map((c) => c.label).sort();
    expect(labels).toEqual(expect.arrayContaining(['Customers · Group B', 'Employees · Group A']));
    const groupIds = r.communities.flatMap((c) => c.groups.map((g) => g.group));
    expect(groupIds).toEqual(expect.arrayContaining(['g-a', 'g-b']));
    for (const c of METRIC_NAMES) expect(r.scores[c]).toHaveLength(13);
    expect(r.scores.outDegree[5]).toBe(6);
    expect(Number.isNaN(r.scores.constraint[12]!)).toBe(true); // isolate
    // the bridge ends are the only brokers between the cliques
    expect(r.scores.betweenness[5]).toBeGreaterThan(r.scores.betweenness[0]!);
    // every node has its core community among its memberships
    for (let v = 0; v < 13; v++) {
      const own = Array.from(r.membershipCommunity.subarray(r.membershipStart[v]!, r.membershipStart[v + 1]!));
      expect(own).toContain(r.core[v]);
    }
    expect(r.contingency.cells.reduce((s, [, , n]) => s + n, 0)).toBe(12);
  });

  it('is deterministic for given parameters', () => {
    const a = runFullAnalysis(twoCliques(), { ...DEFAULT_PARAMETERS, seed: 9 }, {});
    const b = runFullAnalysis(twoCliques(), { ...DEFAULT_PARAMETERS, seed: 9 }, {});
    expect(Array.from(a.core)).toEqual(Array.from(b.core));
    expect(Array.from(a.scores.pagerank)).toEqual(Array.from(b.scores.pagerank));
    expect(a.summary.modularity).toBe(b.summary.modularity);
  });

  it('builds the graphology projection with roles, communities and typed ties', () => {
    const g = toGraph(twoCliques());
    expect(g.order).toBe(13);
    expect(g.size).toBe(61);
    expect(g.getNodeAttributes('s0')).toEqual({ name: 'Name s0', roles: ['EMPLOYEE'], communities: ['g-a'] });
    expect(g.getEdgeAttributes(g.edges('s5', 's6')[0]!)).toEqual({ type: 'INTERACTS', weight: 2 });
  });
});

describe('validateRunParameters', () => {
  it('fills defaults and names the failing field', () => {
    expect(validateRunParameters({})).toEqual(DEFAULT_PARAMETERS);
    expect(validateRunParameters({ roles: ['EMPLOYEE', 'EMPLOYEE'], tieTypes: [] })).toMatchObject({
      roles: ['EMPLOYEE'],
      tieTypes: null,
    });
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ resolution: -1 }, 'input.resolution'],
      [{ threshold: Number.NaN }, 'input.threshold'],
      [{ seed: 1.5 }, 'input.seed'],
      [{ pivots: 100_001 }, 'input.pivots'],
      [{ roles: ['ALIEN'] }, 'input.roles[0]'],
      [{ tieTypes: ['LIKES'] }, 'input.tieTypes[0]'],
      [{ since: '2024-02-30' }, 'input.since'],
    ];
    for (const [input, field] of cases) {
      try {
        validateRunParameters(input);
        expect.unreachable(JSON.stringify(input));
      } catch (error) {
        expect(error).toBeInstanceOf(ParameterError);
        expect((error as ParameterError).field).toBe(field);
      }
    }
  });
});
