// Declared-vs-detected community comparison: contingency table, NMI, ARI, overlapping NMI, best-match F1, and readable labels for detected communities.
//
// Written here because no graphology package compares partitions or covers. Conventions:
// - NMI uses arithmetic-mean normalisation, I(X;Y) / ((H(X)+H(Y))/2), as scikit-learn's default.
// - ARI is Hubert & Arabie's adjusted Rand index (scikit-learn's adjusted_rand_score).
// - Overlapping NMI is McDaid, Greene & Hurley (2011) "NMI_max": Lancichinetti et al.'s
//   conditional entropies with their constraint kept, not normalised per community, and
//   I(X:Y) / max(H(X), H(Y)) (the variant of Yang & Leskovec's and McDaid's onmi tools).
// - Best-match F1 is the symmetric average of best F1 matches (Yang & Leskovec 2013).
// Partition comparisons are over the nodes present in both partitions.

/** A partition: node → label. */
export type Partition<L = string | number> = ReadonlyMap<string, L>;
/** A cover: a list of (possibly overlapping) node sets. */
export type Cover = ReadonlyArray<ReadonlySet<string> | readonly string[]>;

export interface ContingencyTable<A = string | number, B = string | number> {
  rows: A[];
  columns: B[];
  /** counts[i][j] = nodes labelled rows[i] in the first partition and columns[j] in the second. */
  counts: number[][];
  rowTotals: number[];
  columnTotals: number[];
  /** Nodes in both partitions. */
  n: number;
}

/** Contingency table of two partitions over their common nodes; rows and columns in first-seen order. */
export function contingencyTable<A, B>(a: Partition<A>, b: Partition<B>): ContingencyTable<A, B> {
  const rowIndex = new Map<A, number>();
  const colIndex = new Map<B, number>();
  const cells = new Map<number, Map<number, number>>();
  let n = 0;
  for (const [node, la] of a) {
    if (!b.has(node)) continue;
    const lb = b.get(node) as B;
    let i = rowIndex.get(la);
    if (i === undefined) rowIndex.set(la, (i = rowIndex.size));
    let j = colIndex.get(lb);
    if (j === undefined) colIndex.set(lb, (j = colIndex.size));
    let row = cells.get(i);
    if (!row) cells.set(i, (row = new Map()));
    row.set(j, (row.get(j) ?? 0) + 1);
    n++;
  }
  const counts = Array.from({ length: rowIndex.size }, () => new Array<number>(colIndex.size).fill(0));
  const rowTotals = new Array<number>(rowIndex.size).fill(0);
  const columnTotals = new Array<number>(colIndex.size).fill(0);
  for (const [i, row] of cells)
    for (const [j, c] of row) {
      (counts[i] as number[])[j] = c;
      rowTotals[i]! += c;
      columnTotals[j]! += c;
    }
  return { rows: [...rowIndex.keys()], columns: [...colIndex.keys()], counts, rowTotals, columnTotals, n };
}

function entropyOfCounts(counts: readonly number[], n: number): number {
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n);
  return h;
}

/** Mutual information (nats) of two partitions over their common nodes. */
export function mutualInformation(a: Partition<unknown>, b: Partition<unknown>): number {
  const t = contingencyTable(a, b);
  let mi = 0;
  t.counts.forEach((row, i) =>
    row.forEach((c, j) => {
      if (c > 0) mi += (c / t.n) * Math.log((c * t.n) / ((t.rowTotals[i] as number) * (t.columnTotals[j] as number)));
    }),
  );
  return Math.max(0, mi);
}

/**
 * Normalised mutual information with arithmetic-mean normalisation (scikit-learn default):
 * I(X;Y) / ((H(X)+H(Y))/2). 1 for identical partitions (also when both are a single cluster), ~0 for independent ones.
 */
export function nmi(a: Partition<unknown>, b: Partition<unknown>): number {
  const t = contingencyTable(a, b);
  if (t.n === 0) return 0;
  // Both a single cluster: identical but zero-entropy labelings score 1, scikit-learn's convention.
  if (t.rows.length === 1 && t.columns.length === 1) return 1;
  const ha = entropyOfCounts(t.rowTotals, t.n);
  const hb = entropyOfCounts(t.columnTotals, t.n);
  const denom = (ha + hb) / 2;
  if (denom === 0) return 1;
  return Math.min(1, mutualInformation(a, b) / denom);
}

const choose2 = (x: number): number => (x * (x - 1)) / 2;

/** Adjusted Rand index (Hubert & Arabie 1985): 1 for identical partitions, ~0 in expectation for random ones, may go negative. */
export function ari(a: Partition<unknown>, b: Partition<unknown>): number {
  const t = contingencyTable(a, b);
  if (t.n < 2) return 1;
  let index = 0;
  for (const row of t.counts) for (const c of row) index += choose2(c);
  const sumRows = t.rowTotals.reduce((s, c) => s + choose2(c), 0);
  const sumCols = t.columnTotals.reduce((s, c) => s + choose2(c), 0);
  const expected = (sumRows * sumCols) / choose2(t.n);
  const max = (sumRows + sumCols) / 2;
  if (max === expected) return 1; // both trivial in the same way
  return (index - expected) / (max - expected);
}

// ---------------------------------------------------------------------------------------------
// Covers

/** Turns a partition into a cover (one set per label). */
export function partitionToCover(p: Partition<unknown>): Array<Set<string>> {
  const groups = new Map<unknown, Set<string>>();
  for (const [node, label] of p) {
    let s = groups.get(label);
    if (!s) groups.set(label, (s = new Set()));
    s.add(node);
  }
  return [...groups.values()];
}

/** Turns node → [{community}] memberships into a cover (one set per community id). */
export function membershipsToCover(memberships: ReadonlyMap<string, ReadonlyArray<{ community: number }>>): Array<Set<string>> {
  const groups = new Map<number, Set<string>>();
  for (const [node, list] of memberships)
    for (const { community } of list) {
      let s = groups.get(community);
      if (!s) groups.set(community, (s = new Set()));
      s.add(node);
    }
  return [...groups.values()];
}

function toSets(cover: Cover, universe?: ReadonlySet<string>): Array<Set<string>> {
  const sets: Array<Set<string>> = [];
  for (const c of cover) {
    const s = new Set<string>();
    for (const v of c) if (!universe || universe.has(v)) s.add(v);
    if (s.size > 0) sets.push(s);
  }
  return sets;
}

/** Intersection sizes between every set of x and every set of y that share a node (sparse: key = i * |y| + j). */
function intersections(x: Array<Set<string>>, y: Array<Set<string>>): Map<number, number> {
  const yIndex = new Map<string, number[]>();
  y.forEach((s, j) => {
    for (const v of s) {
      let l = yIndex.get(v);
      if (!l) yIndex.set(v, (l = []));
      l.push(j);
    }
  });
  const inter = new Map<number, number>();
  x.forEach((s, i) => {
    for (const v of s) {
      const l = yIndex.get(v);
      if (l) for (const j of l) inter.set(i * y.length + j, (inter.get(i * y.length + j) ?? 0) + 1);
    }
  });
  return inter;
}

export interface OverlappingNmiOptions {
  /** The node universe N (default: the union of both covers). Nodes outside it are ignored. */
  universe?: Iterable<string>;
}

/**
 * Overlapping NMI, McDaid et al. (2011) NMI_max: each community is a binary variable over the
 * universe; H(X|Y) = Σ_k min_l H(X_k|Y_l) over pairs meeting Lancichinetti's constraint
 * h(a)+h(d) > h(b)+h(c) (else H(X_k)); I = ½[H(X)−H(X|Y) + H(Y)−H(Y|X)]; NMI = I / max(H(X),H(Y)).
 * 1 for identical covers, 0 when nothing is shared.
 */
export function overlappingNmi(x: Cover, y: Cover, options: OverlappingNmiOptions = {}): number {
  let universe: Set<string>;
  if (options.universe) universe = new Set(options.universe);
  else {
    universe = new Set<string>();
    for (const c of x) for (const v of c) universe.add(v);
    for (const c of y) for (const v of c) universe.add(v);
  }
  const X = toSets(x, universe);
  const Y = toSets(y, universe);
  const N = universe.size;
  if (N === 0 || X.length === 0 || Y.length === 0) return X.length === Y.length ? 1 : 0;
  const h = (c: number): number => (c <= 0 ? 0 : -(c / N) * Math.log2(c / N));
  const hBinary = (size: number): number => h(size) + h(N - size);
  const inter = intersections(X, Y);
  const condTotal = (
    A: Array<Set<string>>,
    B: Array<Set<string>>,
    interAB: (i: number, j: number) => number,
  ): { hA: number; hAgivenB: number } => {
    let hA = 0;
    let hAgivenB = 0;
    A.forEach((ak, i) => {
      const hk = hBinary(ak.size);
      hA += hk;
      let best = Infinity;
      B.forEach((bl, j) => {
        const d = interAB(i, j);
        const c = ak.size - d;
        const b = bl.size - d;
        const a = N - ak.size - bl.size + d;
        if (h(a) + h(d) <= h(b) + h(c)) return; // Lancichinetti et al.'s constraint
        const cond = h(a) + h(b) + h(c) + h(d) - hBinary(bl.size);
        if (cond < best) best = cond;
      });
      hAgivenB += Number.isFinite(best) ? Math.min(best, hk) : hk;
    });
    return { hA, hAgivenB };
  };
  const xy = condTotal(X, Y, (i, j) => inter.get(i * Y.length + j) ?? 0);
  const yx = condTotal(Y, X, (j, i) => inter.get(i * Y.length + j) ?? 0);
  const maxH = Math.max(xy.hA, yx.hA);
  if (maxH === 0) return 1;
  const mi = 0.5 * (xy.hA - xy.hAgivenB + yx.hA - yx.hAgivenB);
  return Math.max(0, Math.min(1, mi / maxH));
}

/**
 * Best-match F1 between two covers (Yang & Leskovec 2013): ½ [mean over x of its best F1 in y +
 * mean over y of its best F1 in x]. 1 for identical covers.
 */
export function bestMatchF1(x: Cover, y: Cover, options: OverlappingNmiOptions = {}): number {
  const universe = options.universe ? new Set(options.universe) : undefined;
  const X = toSets(x, universe);
  const Y = toSets(y, universe);
  if (X.length === 0 || Y.length === 0) return X.length === Y.length ? 1 : 0;
  const inter = intersections(X, Y);
  const bestX = new Array<number>(X.length).fill(0);
  const bestY = new Array<number>(Y.length).fill(0);
  for (const [key, d] of inter) {
    const i = Math.floor(key / Y.length);
    const j = key % Y.length;
    const f1 = (2 * d) / ((X[i] as Set<string>).size + (Y[j] as Set<string>).size);
    if (f1 > bestX[i]!) bestX[i] = f1;
    if (f1 > bestY[j]!) bestY[j] = f1;
  }
  const mean = (v: number[]): number => v.reduce((s, t) => s + t, 0) / v.length;
  return (mean(bestX) + mean(bestY)) / 2;
}

// ---------------------------------------------------------------------------------------------
// Labelling detected communities

/** What is known about a node for labelling: roles held and declared groups. */
export interface NodeFacets {
  roles?: Iterable<string>;
  groups?: Iterable<string>;
}

export interface LabelOptions {
  /** A role or group is "dominant" when at least this share of the community holds it (default 0.5). */
  minShare?: number;
  /** At most this many roles and this many groups in a label (default 2). */
  maxItems?: number;
  /** Display name of a role (default: capitalised plural, "employee" → "Employees"). */
  formatRole?: (role: string) => string;
}

export interface CommunityLabel {
  community: number;
  size: number;
  /** Shares of members holding each role / in each declared group, descending. */
  roles: Array<{ role: string; share: number }>;
  groups: Array<{ group: string; share: number }>;
  /** e.g. "Employees + Shareholders · Berlin user group". */
  label: string;
}

const defaultFormatRole = (role: string): string => {
  const cap = role.charAt(0).toUpperCase() + role.slice(1);
  return cap.endsWith('s') ? cap : `${cap}s`;
};

function dominant(counts: Map<string, number>, size: number, minShare: number, maxItems: number, keepTop: boolean): string[] {
  return [...counts.entries()]
    .map(([key, c]) => ({ key, share: c / size }))
    .sort((p, q) => q.share - p.share || (p.key < q.key ? -1 : p.key > q.key ? 1 : 0))
    .filter((e, i) => i < maxItems && e.share > 0 && (e.share >= minShare || (keepTop && i === 0)))
    .map((e) => e.key);
}

/**
 * Labels each detected community by its dominant roles and declared groups, with their shares.
 * `detected` is a partition (node → community) or memberships (node → [{community}]).
 * The most common role always appears; further roles, and groups, appear when their share reaches `minShare`.
 * Labels are unique: see distinguishDuplicates.
 */
export function labelCommunities(
  detected: ReadonlyMap<string, number> | ReadonlyMap<string, ReadonlyArray<{ community: number }>>,
  nodeAttributes: ReadonlyMap<string, NodeFacets> | ((node: string) => NodeFacets | undefined),
  options: LabelOptions = {},
): CommunityLabel[] {
  const minShare = options.minShare ?? 0.5;
  const maxItems = options.maxItems ?? 2;
  const formatRole = options.formatRole ?? defaultFormatRole;
  const facetsOf = typeof nodeAttributes === 'function' ? nodeAttributes : (n: string) => nodeAttributes.get(n);
  const stats = new Map<number, { size: number; roles: Map<string, number>; groups: Map<string, number> }>();
  for (const [node, value] of detected as ReadonlyMap<string, number | ReadonlyArray<{ community: number }>>) {
    const communities = typeof value === 'number' ? [value] : value.map((m) => m.community);
    const facets = facetsOf(node);
    for (const c of new Set(communities)) {
      let s = stats.get(c);
      if (!s) stats.set(c, (s = { size: 0, roles: new Map(), groups: new Map() }));
      s.size++;
      for (const r of new Set(facets?.roles ?? [])) s.roles.set(r, (s.roles.get(r) ?? 0) + 1);
      for (const g of new Set(facets?.groups ?? [])) s.groups.set(g, (s.groups.get(g) ?? 0) + 1);
    }
  }
  const labels = [...stats.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([community, s]) => {
      const roles = [...s.roles.entries()]
        .map(([role, c]) => ({ role, share: c / s.size }))
        .sort((p, q) => q.share - p.share || (p.role < q.role ? -1 : 1));
      const groups = [...s.groups.entries()]
        .map(([group, c]) => ({ group, share: c / s.size }))
        .sort((p, q) => q.share - p.share || (p.group < q.group ? -1 : 1));
      const roleText = dominant(s.roles, s.size, minShare, maxItems, true).map(formatRole).join(' + ');
      const groupText = dominant(s.groups, s.size, minShare, maxItems, false).join(' + ');
      const label = [roleText, groupText].filter((t) => t !== '').join(' · ') || `Community ${community}`;
      return { community, size: s.size, roles, groups, label };
    });
  return distinguishDuplicates(labels, overallShares(detected, facetsOf), formatRole);
}

/** Share of all labelled nodes holding each role ("role:x") and in each group ("group:x"). */
function overallShares(
  detected: ReadonlyMap<string, unknown>,
  facetsOf: (node: string) => NodeFacets | undefined,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const node of detected.keys()) {
    const facets = facetsOf(node);
    for (const r of new Set(facets?.roles ?? [])) counts.set(`role:${r}`, (counts.get(`role:${r}`) ?? 0) + 1);
    for (const g of new Set(facets?.groups ?? [])) counts.set(`group:${g}`, (counts.get(`group:${g}`) ?? 0) + 1);
  }
  for (const [key, c] of counts) counts.set(key, c / Math.max(1, detected.size));
  return counts;
}

/**
 * Where the dominant roles give several communities the same label (in an ecosystem that is mostly
 * customers, most communities are "Customers"), each gets the facet that sets it apart most: the role or
 * group it holds most above the ecosystem's share (lift), with its share — "Customers (Nordic user group 41%)".
 * Communities still alike after that are numbered by size.
 */
function distinguishDuplicates(
  labels: CommunityLabel[],
  overall: ReadonlyMap<string, number>,
  formatRole: (role: string) => string,
): CommunityLabel[] {
  const byLabel = new Map<string, CommunityLabel[]>();
  for (const l of labels) byLabel.set(l.label, [...(byLabel.get(l.label) ?? []), l]);
  for (const [base, same] of byLabel) {
    if (same.length < 2) continue;
    for (const l of same) {
      const candidates = [
        ...l.groups.map((g) => ({ text: g.group, share: g.share, key: `group:${g.group}` })),
        ...l.roles.map((r) => ({ text: formatRole(r.role), share: r.share, key: `role:${r.role}` })),
      ]
        .filter((c) => c.share >= 0.2 && !base.includes(c.text))
        .map((c) => ({ ...c, lift: c.share / Math.max(overall.get(c.key) ?? 1, 1e-9) }))
        .filter((c) => c.lift >= 1.25)
        .sort((p, q) => q.lift - p.lift || q.share - p.share || (p.text < q.text ? -1 : 1));
      const best = candidates[0];
      if (best) l.label = `${base} (${best.text} ${Math.round(best.share * 100)}%)`;
    }
    const again = new Map<string, CommunityLabel[]>();
    for (const l of same) again.set(l.label, [...(again.get(l.label) ?? []), l]);
    for (const group of again.values()) {
      if (group.length < 2) continue;
      [...group]
        .sort((p, q) => q.size - p.size || p.community - q.community)
        .forEach((l, i) => (l.label = `${l.label} #${i + 1}`));
    }
  }
  return labels;
}
