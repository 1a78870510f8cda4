// Overlaps between named sets of stakeholders (roles, declared communities): pairwise intersections and Jaccard, for the API's overlaps field.
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
function membershipsOf(sets: NamedSets): Map<string, string[]> {
  const byNode = new Map<string, string[]>();
  for (const [name, members] of sets)
    for (const node of new Set(members)) {
      let l = byNode.get(node);
      if (!l) byNode.set(node, (l = []));
      l.push(name);
    }
  return byNode;
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
