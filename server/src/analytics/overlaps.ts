// Overlaps between named sets of stakeholders (roles, declared communities): pairwise intersections and Jaccard, and the exact-combination table an UpSet chart draws.
//
// Written here because graphology works on graphs, not set systems; everything is one pass over
// node → set memberships, so cost is Σ memberships² per node, not |sets|² × |nodes|.

/** Named sets: set name → members. */
export type NamedSets = ReadonlyMap<string, Iterable<string>>;

export interface PairwiseOverlaps {
  /** Set names, in the order of the input (rows and columns of the matrices). */
  names: string[];
  sizes: number[];
  /** intersections[i][j] = |A_i ∩ A_j| (diagonal = sizes). */
  intersections: number[][];
  /** jaccard[i][j] = |A_i ∩ A_j| / |A_i ∪ A_j| (diagonal 1 for non-empty sets, 0 for empty ones). */
  jaccard: number[][];
}

/** Inverts named sets into node → the names of the sets that hold it (names in input order, members deduplicated). */
export function membershipsOf(sets: NamedSets): Map<string, string[]> {
  const byNode = new Map<string, string[]>();
  for (const [name, members] of sets)
    for (const node of new Set(members)) {
      let l = byNode.get(node);
      if (!l) byNode.set(node, (l = []));
      l.push(name);
    }
  return byNode;
}

/** Inverts node → labels (e.g. roles held) into named sets; names in first-seen order. */
export function setsFromMemberships(memberships: ReadonlyMap<string, Iterable<string>>): Map<string, string[]> {
  const sets = new Map<string, string[]>();
  for (const [node, labels] of memberships)
    for (const label of new Set(labels)) {
      let s = sets.get(label);
      if (!s) sets.set(label, (s = []));
      s.push(node);
    }
  return sets;
}

/** Pairwise intersection counts and Jaccard indices between every two sets. */
export function pairwiseOverlaps(sets: NamedSets): PairwiseOverlaps {
  const names = [...sets.keys()];
  const index = new Map(names.map((name, i) => [name, i] as const));
  const k = names.length;
  const intersections = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const held of membershipsOf(sets).values())
    for (let a = 0; a < held.length; a++)
      for (let b = a; b < held.length; b++) {
        const i = index.get(held[a] as string) as number;
        const j = index.get(held[b] as string) as number;
        (intersections[i] as number[])[j]! += 1;
        if (i !== j) (intersections[j] as number[])[i]! += 1;
      }
  const sizes = names.map((_, i) => (intersections[i] as number[])[i] as number);
  const jaccard = intersections.map((row, i) =>
    row.map((inter, j) => {
      const union = (sizes[i] as number) + (sizes[j] as number) - inter;
      return union === 0 ? 0 : inter / union;
    }),
  );
  return { names, sizes, intersections, jaccard };
}

export interface Combination {
  /** The exact sets a member belongs to (input order); empty for members of none. */
  sets: string[];
  count: number;
  members: string[];
}

export interface CombinationOptions {
  /** All nodes to account for; those in no set form the empty combination. Default: members of some set only. */
  universe?: Iterable<string>;
  /** Drop combinations with fewer members (default 1). */
  minCount?: number;
}

/**
 * The full exact-combination table (UpSet): each distinct set of memberships → how many nodes hold
 * exactly that combination, and which. Sorted by count desc, then fewer sets first, then names.
 */
export function combinationTable(sets: NamedSets, options: CombinationOptions = {}): Combination[] {
  const byNode = membershipsOf(sets);
  const groups = new Map<string, Combination>();
  const add = (node: string, held: string[]): void => {
    const key = held.join('\u0000');
    let c = groups.get(key);
    if (!c) groups.set(key, (c = { sets: held, count: 0, members: [] }));
    c.count++;
    c.members.push(node);
  };
  for (const [node, held] of byNode) add(node, held);
  if (options.universe) for (const node of new Set(options.universe)) if (!byNode.has(node)) add(node, []);
  const minCount = options.minCount ?? 1;
  return [...groups.values()]
    .filter((c) => c.count >= minCount)
    .sort((a, b) => b.count - a.count || a.sets.length - b.sets.length || (a.sets.join(',') < b.sets.join(',') ? -1 : 1));
}
