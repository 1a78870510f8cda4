// Community evolution between two analysis runs: communities matched by member overlap, and the events that the
// matches describe (continuation, growth, shrinkage, merge, split, birth, death), with member counts.
//
// Written here because no graphology package follows communities across partitions. The rule is Greene, Doyle &
// Cunningham's (2010) overlap matching, with a share criterion added so that a small community absorbed by a large
// one still counts as merged (see docs/decisions/097-community-evolution.md):
// - only communities of at least MIN_TRACKED_SIZE members are followed (singletons and pairs are noise);
// - an earlier community A and a later community B are matched when they share at least MIN_SHARED members and
//   Jaccard(A, B) ≥ MATCH_JACCARD, or the shared members are at least MATCH_SHARE of A or of B;
// - a later community matched by two or more earlier ones is a merge, an earlier one matched by two or more later
//   ones a split; an unmatched earlier one dies, an unmatched later one is born; a one-to-one match is growth or
//   shrinkage when the size changed by at least SIZE_CHANGE (relative), else a continuation.

export const EVOLUTION_RULES = {
  minTrackedSize: 3,
  minShared: 2,
  matchJaccard: 0.3,
  matchShare: 0.5,
  sizeChange: 0.1,
} as const;

export type EvolutionRules = { readonly [K in keyof typeof EVOLUTION_RULES]: number };

/** A community of one run with its member count in that run. */
export interface RunCommunity {
  id: string;
  size: number;
}

/** Members who belong to `from` in the earlier run and to `to` in the later one. */
export interface MemberFlow {
  from: string;
  to: string;
  count: number;
}

export type EvolutionEventKind = 'CONTINUATION' | 'GROWTH' | 'SHRINKAGE' | 'MERGE' | 'SPLIT' | 'BIRTH' | 'DEATH';

export interface EvolutionEvent {
  kind: EvolutionEventKind;
  /** Earlier communities (empty for a birth). */
  from: string[];
  /** Later communities (empty for a death). */
  to: string[];
  /** Members of the earlier communities, and of the later ones. */
  membersBefore: number;
  membersAfter: number;
  /** Members that went along the matches (from one of `from` to one of `to`). */
  sharedMembers: number;
}

/** A band of the alluvial chart; a null end is "not in a followed community of that run" (absent, or too small). */
export interface EvolutionFlow {
  from: string | null;
  to: string | null;
  count: number;
}

export interface CommunityEvolution {
  /** Followed communities of each run, largest first. */
  from: RunCommunity[];
  to: RunCommunity[];
  flows: EvolutionFlow[];
  events: EvolutionEvent[];
  /** The matches: pairs (earlier, later) with their shared members and Jaccard index. */
  matches: Array<{ from: string; to: string; shared: number; jaccard: number }>;
}

const bySizeThenId = (a: RunCommunity, b: RunCommunity): number => b.size - a.size || a.id.localeCompare(b.id);

/**
 * Follows the communities of an earlier run into a later one. `flows` counts the members present in both runs by
 * (earlier community, later community); a community's `size` counts all its members in its own run, so members that
 * joined or left the ecosystem between the runs show as flows with a null end.
 */
export function communityEvolution(
  earlier: readonly RunCommunity[],
  later: readonly RunCommunity[],
  flows: readonly MemberFlow[],
  rules: EvolutionRules = EVOLUTION_RULES,
): CommunityEvolution {
  const from = earlier.filter((c) => c.size >= rules.minTrackedSize).sort(bySizeThenId);
  const to = later.filter((c) => c.size >= rules.minTrackedSize).sort(bySizeThenId);
  const fromSize = new Map(from.map((c) => [c.id, c.size]));
  const toSize = new Map(to.map((c) => [c.id, c.size]));

  // Bands between followed communities; everything else is gathered on the null ends.
  const bands = new Map<string, EvolutionFlow>();
  const add = (a: string | null, b: string | null, count: number): void => {
    if (count <= 0 || (a === null && b === null)) return;
    const key = `${a ?? ''}\u0000${b ?? ''}`;
    const band = bands.get(key);
    if (band) band.count += count;
    else bands.set(key, { from: a, to: b, count });
  };
  const outOf = new Map<string, number>();
  const into = new Map<string, number>();
  const shared = new Map<string, number>();
  for (const f of flows) {
    if (f.count <= 0) continue;
    const a = fromSize.has(f.from) ? f.from : null;
    const b = toSize.has(f.to) ? f.to : null;
    add(a, b, f.count);
    if (a !== null) outOf.set(a, (outOf.get(a) ?? 0) + f.count);
    if (b !== null) into.set(b, (into.get(b) ?? 0) + f.count);
    if (a !== null && b !== null) shared.set(`${a}\u0000${b}`, (shared.get(`${a}\u0000${b}`) ?? 0) + f.count);
  }
  // Members not in the other run at all: the community's size minus what flowed.
  for (const c of from) add(c.id, null, c.size - (outOf.get(c.id) ?? 0));
  for (const c of to) add(null, c.id, c.size - (into.get(c.id) ?? 0));

  const matches: CommunityEvolution['matches'] = [];
  for (const [key, n] of shared) {
    const [a, b] = key.split('\u0000') as [string, string];
    const sa = fromSize.get(a)!;
    const sb = toSize.get(b)!;
    const jaccard = n / (sa + sb - n);
    if (n >= rules.minShared && (jaccard >= rules.matchJaccard || n >= rules.matchShare * sa || n >= rules.matchShare * sb)) {
      matches.push({ from: a, to: b, shared: n, jaccard });
    }
  }
  matches.sort((x, y) => y.shared - x.shared || x.from.localeCompare(y.from) || x.to.localeCompare(y.to));

  const successors = new Map<string, string[]>();
  const predecessors = new Map<string, string[]>();
  for (const m of matches) {
    successors.set(m.from, [...(successors.get(m.from) ?? []), m.to]);
    predecessors.set(m.to, [...(predecessors.get(m.to) ?? []), m.from]);
  }
  const sharedOf = (as: readonly string[], bs: readonly string[]): number =>
    matches.filter((m) => as.includes(m.from) && bs.includes(m.to)).reduce((sum, m) => sum + m.shared, 0);
  const total = (ids: readonly string[], sizes: ReadonlyMap<string, number>): number =>
    ids.reduce((sum, id) => sum + (sizes.get(id) ?? 0), 0);
  const event = (kind: EvolutionEventKind, a: string[], b: string[]): EvolutionEvent => ({
    kind,
    from: a,
    to: b,
    membersBefore: total(a, fromSize),
    membersAfter: total(b, toSize),
    sharedMembers: sharedOf(a, b),
  });

  const events: EvolutionEvent[] = [];
  for (const c of to) {
    const before = predecessors.get(c.id) ?? [];
    if (before.length >= 2) events.push(event('MERGE', before, [c.id]));
  }
  for (const c of from) {
    const after = successors.get(c.id) ?? [];
    if (after.length === 0) events.push(event('DEATH', [c.id], []));
    else if (after.length >= 2) events.push(event('SPLIT', [c.id], after));
    else {
      const next = after[0]!;
      // One-to-one only: a part of a merge is reported by the merge.
      if ((predecessors.get(next) ?? []).length !== 1) continue;
      const change = (toSize.get(next)! - c.size) / c.size;
      const kind = change >= rules.sizeChange ? 'GROWTH' : change <= -rules.sizeChange ? 'SHRINKAGE' : 'CONTINUATION';
      events.push(event(kind, [c.id], [next]));
    }
  }
  for (const c of to) if (!predecessors.has(c.id)) events.push(event('BIRTH', [], [c.id]));

  const order: Record<EvolutionEventKind, number> = {
    MERGE: 0,
    SPLIT: 1,
    BIRTH: 2,
    DEATH: 3,
    GROWTH: 4,
    SHRINKAGE: 5,
    CONTINUATION: 6,
  };
  events.sort(
    (x, y) =>
      order[x.kind] - order[y.kind] || Math.max(y.membersBefore, y.membersAfter) - Math.max(x.membersBefore, x.membersAfter),
  );
  const flowList = [...bands.values()].sort((x, y) => y.count - x.count);
  return { from, to, flows: flowList, events, matches };
}
