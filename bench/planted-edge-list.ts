// A seeded LFR-like network written as a SNAP edge list: heavy-tailed degrees and community sizes, a share of ties leaving their community.
//
// Stands in for SNAP email-Enron (36,692 nodes / 183,831 undirected ties, 4 MB) in the Louvain
// benchmark: that file is not on this machine, so the bench writes a graph of the same size and
// shape (each undirected tie listed both ways, sorted by source, as SNAP does).
import { writeFileSync } from 'node:fs';
import { createRandom } from '../server/src/domain/random.js';

export interface PlantedEdgeListOptions {
  nodes: number;
  /** Distinct undirected ties (no loops, no repeats). */
  ties: number;
  seed?: number;
  /** Share of ties whose second end is drawn from the whole network instead of the first end's community (default 0.3). */
  mixing?: number;
}

/** Cumulative sums of `values` (for proportional draws by binary search). */
function cumulative(values: Float64Array): Float64Array {
  const acc = new Float64Array(values.length);
  let s = 0;
  for (let i = 0; i < values.length; i++) acc[i] = s += values[i]!;
  return acc;
}

/** Index i in [from, to) with acc[i-1] < x ≤ acc[i] (acc cumulative over a slice). */
function search(acc: Float64Array, from: number, to: number, x: number): number {
  let lo = from;
  let hi = to - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (acc[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Generates the network and returns its undirected ties as pairs (s < t). Communities are
 * contiguous id ranges with Pareto sizes (α = 1.5, 10..2,000); node activity is Pareto (α = 2.1,
 * capped at 400), and both ends of a tie are drawn proportionally to activity.
 */
export function plantedTies(options: PlantedEdgeListOptions): { sources: Uint32Array; targets: Uint32Array } {
  const { nodes, ties } = options;
  const mixing = options.mixing ?? 0.3;
  if (!Number.isInteger(nodes) || nodes < 2 || nodes > 2 ** 25) throw new RangeError('nodes must be an integer in [2, 2^25]');
  if (!Number.isInteger(ties) || ties < 0 || ties > (nodes * (nodes - 1)) / 4) throw new RangeError('ties out of range');
  const random = createRandom(options.seed ?? 1);

  // Community boundaries: start[c] .. start[c+1].
  const starts: number[] = [0];
  while (starts[starts.length - 1]! < nodes) {
    const size = Math.min(2000, Math.round(10 * Math.pow(1 - random(), -1 / 1.5)));
    starts.push(Math.min(nodes, starts[starts.length - 1]! + size));
  }
  const communityOf = new Uint32Array(nodes);
  for (let c = 0; c + 1 < starts.length; c++) communityOf.fill(c, starts[c]!, starts[c + 1]!);
  const activity = new Float64Array(nodes);
  for (let i = 0; i < nodes; i++) activity[i] = Math.min(400, Math.pow(1 - random(), -1 / 1.1));
  const acc = cumulative(activity);
  const total = acc[nodes - 1]!;
  const inCommunity = (c: number): number => {
    const from = starts[c]!;
    const to = starts[c + 1]!;
    const base = from === 0 ? 0 : acc[from - 1]!;
    return search(acc, from, to, base + random() * (acc[to - 1]! - base));
  };

  const seen = new Set<number>();
  const sources = new Uint32Array(ties);
  const targets = new Uint32Array(ties);
  let added = 0;
  // First every node gets a tie inside its community (as in LFR, nobody is isolated), then the rest.
  let next = 0;
  while (added < ties) {
    const first = next < nodes;
    const s = first ? next++ : search(acc, 0, nodes, random() * total);
    const t = !first && random() < mixing ? search(acc, 0, nodes, random() * total) : inCommunity(communityOf[s]!);
    if (s === t) continue;
    const a = Math.min(s, t);
    const b = Math.max(s, t);
    const key = a * nodes + b;
    if (seen.has(key)) continue;
    seen.add(key);
    sources[added] = a;
    targets[added] = b;
    added++;
  }
  return { sources, targets };
}

/** Writes the network to `path` as a SNAP edge list (`s<TAB>t`, each tie both ways, sorted, no header); returns the byte size. */
export function writePlantedEdgeList(path: string, options: PlantedEdgeListOptions): number {
  const { sources, targets } = plantedTies(options);
  const lines: Array<[number, number]> = [];
  for (let i = 0; i < sources.length; i++) {
    lines.push([sources[i]!, targets[i]!], [targets[i]!, sources[i]!]);
  }
  lines.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  // No comment header: igraph's edge-list reader takes numbers only.
  const text = lines.map(([s, t]) => `${s}\t${t}`).join('\n') + '\n';
  writeFileSync(path, text);
  return Buffer.byteLength(text);
}
