// Community evolution on constructed cases: each event kind, the share rule for unequal merges, small communities
// left out, and flows that account for every member of both runs.
import { describe, expect, it } from 'vitest';
import {
  communityEvolution,
  EVOLUTION_RULES,
  type MemberFlow,
  type RunCommunity,
} from '../../../server/src/analytics/community-evolution.js';

const c = (id: string, size: number): RunCommunity => ({ id, size });
const f = (from: string, to: string, count: number): MemberFlow => ({ from, to, count });
const kinds = (e: ReturnType<typeof communityEvolution>) =>
  e.events.map((x) => `${x.kind}:${x.from.join('+')}>${x.to.join('+')}`);

describe('communityEvolution', () => {
  it('reads one-to-one matches as continuation, growth or shrinkage by the size change', () => {
    const e = communityEvolution(
      [c('a', 20), c('b', 20), c('d', 20)],
      [c('A', 21), c('B', 30), c('D', 12)],
      [f('a', 'A', 20), f('b', 'B', 20), f('d', 'D', 12)],
    );
    expect(kinds(e).sort()).toEqual(['CONTINUATION:a>A', 'GROWTH:b>B', 'SHRINKAGE:d>D']);
    const growth = e.events.find((x) => x.kind === 'GROWTH')!;
    expect(growth).toMatchObject({ membersBefore: 20, membersAfter: 30, sharedMembers: 20 });
  });

  it('finds a merge, also of a small community into a large one (share rule, Jaccard alone would miss it)', () => {
    const e = communityEvolution([c('big', 90), c('small', 10)], [c('M', 100)], [f('big', 'M', 90), f('small', 'M', 10)]);
    expect(kinds(e)).toEqual(['MERGE:big+small>M']);
    expect(e.events[0]).toMatchObject({ membersBefore: 100, membersAfter: 100, sharedMembers: 100 });
    const small = e.matches.find((m) => m.from === 'small')!;
    expect(small.jaccard).toBeLessThan(EVOLUTION_RULES.matchJaccard);
  });

  it('finds a split, with the members that went each way', () => {
    const e = communityEvolution([c('a', 60)], [c('L', 30), c('R', 28)], [f('a', 'L', 30), f('a', 'R', 28)]);
    expect(kinds(e)).toEqual(['SPLIT:a>L+R']);
    expect(e.events[0]).toMatchObject({ membersBefore: 60, membersAfter: 58, sharedMembers: 58 });
    expect(e.flows).toContainEqual({ from: 'a', to: null, count: 2 });
  });

  it('reports births and deaths when overlap is too small to match', () => {
    const e = communityEvolution(
      [c('old', 40), c('kept', 40)],
      [c('new', 40), c('kept2', 40)],
      [f('old', 'new', 5), f('old', 'kept2', 3), f('kept', 'kept2', 37)],
    );
    expect(kinds(e).sort()).toEqual(['BIRTH:>new', 'CONTINUATION:kept>kept2', 'DEATH:old>']);
  });

  it('leaves communities below the minimum size out of events, and gathers their members on the null ends', () => {
    const e = communityEvolution(
      [c('a', 10), c('tiny', 2)],
      [c('A', 10), c('speck', 1)],
      [f('a', 'A', 9), f('tiny', 'A', 1), f('a', 'speck', 1)],
    );
    expect(e.from.map((x) => x.id)).toEqual(['a']);
    expect(e.to.map((x) => x.id)).toEqual(['A']);
    expect(kinds(e)).toEqual(['CONTINUATION:a>A']);
    expect(e.flows).toContainEqual({ from: null, to: 'A', count: 1 });
    expect(e.flows).toContainEqual({ from: 'a', to: null, count: 1 });
  });

  it('accounts for every member of each followed community in the flows', () => {
    const earlier = [c('a', 50), c('b', 30), c('x', 12)];
    const later = [c('A', 45), c('B', 40), c('N', 9)];
    const flows = [f('a', 'A', 40), f('a', 'B', 8), f('b', 'B', 29), f('x', 'N', 4), f('x', 'A', 2)];
    const e = communityEvolution(earlier, later, flows);
    for (const community of e.from) {
      const out = e.flows.filter((fl) => fl.from === community.id).reduce((s, fl) => s + fl.count, 0);
      expect(out).toBe(community.size);
    }
    for (const community of e.to) {
      const inflow = e.flows.filter((fl) => fl.to === community.id).reduce((s, fl) => s + fl.count, 0);
      expect(inflow).toBe(community.size);
    }
  });

  it('is empty for two empty runs, and the same run compared with itself only continues', () => {
    expect(communityEvolution([], [], [])).toEqual({ from: [], to: [], flows: [], events: [], matches: [] });
    const same = communityEvolution([c('a', 5), c('b', 7)], [c('a', 5), c('b', 7)], [f('a', 'a', 5), f('b', 'b', 7)]);
    expect(same.events.every((x) => x.kind === 'CONTINUATION')).toBe(true);
  });
});
