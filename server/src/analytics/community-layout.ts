// A community-aware layout of a whole analysed graph: communities placed first (as discs that do not overlap), then
// each community's members inside its disc, so that a page can draw 100,000 stakeholders without a force layout.
//
// graphology has the two layouts the community graph needs (ForceAtlas2 and Noverlap); what is written here is
// what no package does: the disc sizes, the guarantee that no two discs overlap (Noverlap stops after a bounded
// number of iterations and may leave some), the packing of unlinked communities in rings around the rest, and the
// placement of members inside their disc (a short ForceAtlas2 of a small community's own ties, scaled into the
// disc; a golden-angle spiral by rank for the others). See docs/decisions/087-community-aware-layout.md.
import Graph, { UndirectedGraph } from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import noverlap from 'graphology-layout-noverlap';
import type { RunLayout } from '../domain/models.js';
import { createRandom, deriveSeed } from '../domain/random.js';

/** A disc's radius per √member: a member then has about one unit of area (spacing ≈ 1 between neighbours). */
export const RADIUS_PER_ROOT_MEMBER = 0.6;
/** The gap kept between two discs. */
export const DISC_GAP = 1;
/** Communities up to this size are laid out by a force layout of their own ties; larger ones by the spiral. */
export const SMALL_COMMUNITY = 120;
/** Work allowed to the small communities' force layouts (sum of (members² + overhead) × iterations): bounds the phase. */
const SMALL_LAYOUT_BUDGET = 3e7;
const SMALL_ITERATIONS = 30;
/** Below this size the spiral is as readable as a force layout. */
const SMALL_FORCE_MIN = 8;
/** A force layout's fixed cost (building its graph and matrices), in pair-interactions per iteration. */
const SMALL_LAYOUT_OVERHEAD = 10_000;
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

export interface LayoutTies {
  source: Int32Array;
  target: Int32Array;
  weight: Float64Array;
}

export interface CommunityLayoutInput {
  /** The community of each node (0 … communities − 1): its strongest detected membership. */
  community: Int32Array;
  communities: number;
  /**
   * Every tie by node index (parallel ties and both directions as they are; self-loops are ignored), or, when only
   * the community graph is known (a Graph Data Science run), its links: then every community gets the spiral.
   */
  ties: LayoutTies | { links: CommunityLinks };
  /** Members are ranked by it inside a community, highest nearest the centre (PageRank). */
  rank: Float64Array;
  seed: number;
}

/** Links between two different communities: ties counted and weights summed, `source` < `target`. */
export interface CommunityLinks {
  source: Int32Array;
  target: Int32Array;
  ties: Int32Array;
  weight: Float64Array;
}

/** The layout of RunLayout without the role counts (which the run adds). */
export type CommunityLayout = Omit<RunLayout, 'roleCounts'>;

/** Non-finite weights count 1 and negative ones 0, as in the tie indexes. */
function cleanWeight(w: number): number {
  return Number.isFinite(w) ? Math.max(0, w) : 1;
}

/** The ties between different communities, aggregated per unordered pair, in (source, target) order. */
export function communityLinks(community: Int32Array, communities: number, ties: LayoutTies): CommunityLinks {
  const slot = new Map<number, number>();
  const pairs: number[] = [];
  const count: number[] = [];
  const weight: number[] = [];
  for (let e = 0; e < ties.source.length; e++) {
    const a = community[ties.source[e]!]!;
    const b = community[ties.target[e]!]!;
    if (a === b) continue;
    const key = a < b ? a * communities + b : b * communities + a;
    let i = slot.get(key);
    if (i === undefined) {
      i = pairs.length;
      slot.set(key, i);
      pairs.push(key);
      count.push(0);
      weight.push(0);
    }
    count[i]!++;
    weight[i]! += cleanWeight(ties.weight[e]!);
  }
  const order = Array.from(pairs.keys()).sort((i, j) => pairs[i]! - pairs[j]!);
  return {
    source: Int32Array.from(order, (i) => Math.floor(pairs[i]! / communities)),
    target: Int32Array.from(order, (i) => pairs[i]! % communities),
    ties: Int32Array.from(order, (i) => count[i]!),
    weight: Float64Array.from(order, (i) => weight[i]!),
  };
}

interface Disc {
  c: number;
  x: number;
  y: number;
  r: number;
}

/** Pairs of discs closer than their radii plus the gap (a sweep along x); at most `limit` reported. */
export function overlappingDiscs(discs: readonly Disc[], gap = 0, limit = Infinity): Array<[Disc, Disc]> {
  const sorted = [...discs].sort((a, b) => a.x - a.r - (b.x - b.r));
  const found: Array<[Disc, Disc]> = [];
  for (let i = 0; i < sorted.length && found.length < limit; i++) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j]!;
      if (b.x - b.r >= a.x + a.r + gap) break;
      const reach = a.r + b.r + gap;
      const dx = a.x - b.x;
      const dy = a.y - b.y;
      if (dx * dx + dy * dy < reach * reach) found.push([a, b]);
    }
  }
  return found;
}

/** Places discs (largest first) in rings around a circle of radius `inner` centred at (cx, cy), without overlap. */
function packInRings(discs: Disc[], cx: number, cy: number, inner: number): void {
  const sorted = [...discs].sort((a, b) => b.r - a.r || a.c - b.c);
  let i = 0;
  let ringInner = inner;
  while (i < sorted.length) {
    const width = 2 * sorted[i]!.r; // the largest disc left sets the ring's width
    const ring = ringInner + DISC_GAP + width / 2;
    let angle = 0;
    let previous = 0;
    let first = true;
    const start = i;
    while (i < sorted.length) {
      const d = sorted[i]!;
      const step = first ? 0 : 2 * Math.asin(Math.min(1, (previous + d.r + DISC_GAP) / (2 * ring)));
      // The last disc of the ring must also clear the first one.
      const closing = 2 * Math.asin(Math.min(1, (d.r + sorted[start]!.r + DISC_GAP) / (2 * ring)));
      if (!first && angle + step + closing > 2 * Math.PI) break;
      angle += step;
      d.x = cx + ring * Math.cos(angle);
      d.y = cy + ring * Math.sin(angle);
      previous = d.r;
      first = false;
      i++;
    }
    ringInner = ring + width / 2;
  }
}

/** The smallest circle around (cx, cy) holding every disc. */
function enclosingRadius(discs: readonly Disc[], cx: number, cy: number): number {
  let r = 0;
  for (const d of discs) r = Math.max(r, Math.hypot(d.x - cx, d.y - cy) + d.r);
  return r;
}

function centroid(discs: readonly Disc[]): { x: number; y: number } {
  let x = 0;
  let y = 0;
  for (const d of discs) {
    x += d.x;
    y += d.y;
  }
  return discs.length === 0 ? { x: 0, y: 0 } : { x: x / discs.length, y: y / discs.length };
}

/** ForceAtlas2 on the linked communities, scaled to the discs' total area, then Noverlap; overlaps left are removed by spreading. */
function placeLinkedDiscs(discs: Disc[], links: CommunityLinks, seed: number): void {
  if (discs.length === 0) return;
  const graph = new UndirectedGraph();
  const random = createRandom(deriveSeed(seed, 'community-layout'));
  const side = Math.sqrt(discs.length) * 10;
  for (const d of discs) {
    d.x = random() * side;
    d.y = random() * side;
    graph.addNode(d.c, { x: d.x, y: d.y, size: d.r });
  }
  for (let l = 0; l < links.source.length; l++) {
    const a = links.source[l]!;
    const b = links.target[l]!;
    if (graph.hasNode(a) && graph.hasNode(b)) graph.addEdge(a, b, { weight: links.weight[l]! });
  }
  const k = graph.order;
  const settings = { ...forceAtlas2.inferSettings(k), barnesHutOptimize: k > 1_000 };
  // Fewer iterations on large community graphs: ForceAtlas2 settles communities early; Noverlap does the rest.
  const iterations = k <= 100 ? 300 : k <= 1_000 ? 100 : k <= 5_000 ? 50 : 30;
  forceAtlas2.assign(graph, { iterations, settings, getEdgeWeight: 'weight' });
  // Should ForceAtlas2 ever diverge (two nodes on one spot), the seeded start stands in for its result.
  if (discs.every((d) => Number.isFinite(graph.getNodeAttribute(d.c, 'x')) && Number.isFinite(graph.getNodeAttribute(d.c, 'y'))))
    for (const d of discs) {
      d.x = graph.getNodeAttribute(d.c, 'x') as number;
      d.y = graph.getNodeAttribute(d.c, 'y') as number;
    }
  // Same spread as the discs would take packed: radius of gyration ≈ that of a disc of their total area.
  const centre = centroid(discs);
  let area = 0;
  let spread = 0;
  for (const d of discs) {
    area += Math.PI * (d.r + DISC_GAP) ** 2;
    spread += (d.x - centre.x) ** 2 + (d.y - centre.y) ** 2;
  }
  const target = Math.sqrt(area / Math.PI) * 0.8;
  const current = Math.sqrt(spread / discs.length);
  const scale = current > 0 ? target / current : 1;
  for (const d of discs) graph.mergeNodeAttributes(d.c, { x: (d.x - centre.x) * scale, y: (d.y - centre.y) * scale });
  // Noverlap's iterations cost about k·(discs per grid cell); the separation below finishes what it leaves.
  noverlap.assign(graph, {
    maxIterations: k <= 2_000 ? 50 : 20,
    settings: { margin: DISC_GAP / 2 + 0.01, ratio: 1, gridSize: 20 },
  });
  for (const d of discs) {
    d.x = graph.getNodeAttribute(d.c, 'x') as number;
    d.y = graph.getNodeAttribute(d.c, 'y') as number;
  }
  // Noverlap may stop with overlaps left: push the pairs still overlapping apart; where that does not settle (a dense
  // cluster), spread the centres a little from the centroid and push again; past that, pack the discs in rings.
  for (let attempt = 0; attempt < 30; attempt++) {
    if (separate(discs, 100)) return;
    const c = centroid(discs);
    for (const d of discs) {
      d.x = c.x + (d.x - c.x) * 1.05;
      d.y = c.y + (d.y - c.y) * 1.05;
    }
  }
  packInRings(discs, 0, 0, 0);
}

/**
 * Pushes every overlapping pair apart along the line between their centres by the missing distance, the smaller disc
 * moving more; repeated until no pair overlaps (true) or the rounds run out (false). Deterministic: pairs come in
 * sweep order, and two centres on one spot part along an angle derived from their indexes.
 */
function separate(discs: Disc[], rounds: number): boolean {
  for (let round = 0; round < rounds; round++) {
    const pairs = overlappingDiscs(discs, DISC_GAP);
    if (pairs.length === 0) return true;
    for (const [a, b] of pairs) {
      let dx = b.x - a.x;
      let dy = b.y - a.y;
      let d = Math.hypot(dx, dy);
      if (d === 0) {
        dx = Math.cos(a.c * 7 + b.c);
        dy = Math.sin(a.c * 7 + b.c);
        d = 1;
      }
      const missing = a.r + b.r + DISC_GAP * 1.001 - Math.hypot(b.x - a.x, b.y - a.y);
      if (missing <= 0) continue; // an earlier push in this round separated them
      const share = (b.r * b.r) / (a.r * a.r + b.r * b.r); // a's part: small when a is the larger disc
      a.x -= (dx / d) * missing * share;
      a.y -= (dy / d) * missing * share;
      b.x += (dx / d) * missing * (1 - share);
      b.y += (dy / d) * missing * (1 - share);
    }
  }
  return overlappingDiscs(discs, DISC_GAP, 1).length === 0;
}

/** Member positions relative to a disc's centre, on a golden-angle spiral in rank order (rank 0 at the centre). */
function spiral(members: readonly number[], r: number, x: Float64Array, y: Float64Array, cx: number, cy: number): void {
  const n = members.length;
  for (let i = 0; i < n; i++) {
    const rho = r * Math.sqrt(i / n) * 0.95;
    const theta = i * GOLDEN_ANGLE;
    x[members[i]!] = cx + rho * Math.cos(theta);
    y[members[i]!] = cy + rho * Math.sin(theta);
  }
}

/** A short ForceAtlas2 of a community's own ties (starting from the spiral), scaled into its disc. */
function forceInside(
  members: readonly number[],
  inside: Array<[number, number, number]>,
  r: number,
  x: Float64Array,
  y: Float64Array,
  cx: number,
  cy: number,
): void {
  spiral(members, r, x, y, cx, cy);
  const graph = new Graph({ type: 'undirected', multi: false });
  for (const v of members) graph.addNode(v, { x: x[v]! - cx, y: y[v]! - cy });
  for (const [a, b, w] of inside) graph.updateUndirectedEdge(a, b, (attr) => ({ weight: ((attr.weight as number) ?? 0) + w }));
  forceAtlas2.assign(graph, {
    iterations: SMALL_ITERATIONS,
    settings: { ...forceAtlas2.inferSettings(members.length), adjustSizes: false },
    getEdgeWeight: 'weight',
  });
  let mx = 0;
  let my = 0;
  for (const v of members) {
    mx += graph.getNodeAttribute(v, 'x') as number;
    my += graph.getNodeAttribute(v, 'y') as number;
  }
  mx /= members.length;
  my /= members.length;
  let far = 0;
  for (const v of members)
    far = Math.max(
      far,
      Math.hypot((graph.getNodeAttribute(v, 'x') as number) - mx, (graph.getNodeAttribute(v, 'y') as number) - my),
    );
  if (!(far > 0) || !Number.isFinite(far)) return; // keep the spiral
  const scale = (r * 0.95) / far;
  for (const v of members) {
    x[v] = cx + ((graph.getNodeAttribute(v, 'x') as number) - mx) * scale;
    y[v] = cy + ((graph.getNodeAttribute(v, 'y') as number) - my) * scale;
  }
}

/** The layout: deterministic for the same input (seeded start, no other randomness). */
export function communityLayout(input: CommunityLayoutInput): CommunityLayout {
  const { community, communities: k, ties, rank } = input;
  const n = community.length;
  // Members of each community in rank order (highest first, then node index).
  const members = new Int32Array(k);
  for (let v = 0; v < n; v++) members[community[v]!]!++;
  const start = new Int32Array(k + 1);
  for (let c = 0; c < k; c++) start[c + 1] = start[c]! + members[c]!;
  const fill = start.slice(0, k);
  const byCommunity = new Int32Array(n);
  for (let v = 0; v < n; v++) byCommunity[fill[community[v]!]!++] = v;
  const memberTies = 'links' in ties ? null : ties;
  const links = 'links' in ties ? ties.links : communityLinks(community, k, ties);

  const radius = new Float64Array(k).fill(NaN);
  const centreX = new Float64Array(k).fill(NaN);
  const centreY = new Float64Array(k).fill(NaN);
  const linked = new Uint8Array(k);
  for (let l = 0; l < links.source.length; l++) linked[links.source[l]!] = linked[links.target[l]!] = 1;
  const withLinks: Disc[] = [];
  const alone: Disc[] = [];
  for (let c = 0; c < k; c++) {
    if (members[c] === 0) continue;
    radius[c] = RADIUS_PER_ROOT_MEMBER * Math.sqrt(members[c]!);
    (linked[c] ? withLinks : alone).push({ c, x: 0, y: 0, r: radius[c]! });
  }
  placeLinkedDiscs(withLinks, links, input.seed);
  const centre = centroid(withLinks);
  packInRings(alone, centre.x, centre.y, withLinks.length > 0 ? enclosingRadius(withLinks, centre.x, centre.y) : 0);
  for (const d of [...withLinks, ...alone]) {
    centreX[d.c] = d.x;
    centreY[d.c] = d.y;
  }

  // Ties inside each community (for the small ones' force layouts).
  const insideTies: Array<Array<[number, number, number]>> = Array.from({ length: memberTies ? k : 0 }, () => []);
  if (memberTies) {
    for (let e = 0; e < memberTies.source.length; e++) {
      const a = memberTies.source[e]!;
      const b = memberTies.target[e]!;
      const c = community[a]!;
      if (a !== b && c === community[b] && members[c]! <= SMALL_COMMUNITY)
        insideTies[c]!.push([a, b, cleanWeight(memberTies.weight[e]!)]);
    }
  }
  // Unranked (NaN) members go last.
  const score = (v: number): number => (Number.isFinite(rank[v]!) ? rank[v]! : -Infinity);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  let budget = SMALL_LAYOUT_BUDGET;
  // Smallest communities first, so that the budget goes to as many as it can.
  const order = Array.from({ length: k }, (_, c) => c).sort((a, b) => members[a]! - members[b]! || a - b);
  for (const c of order) {
    const size = members[c]!;
    if (size === 0) continue;
    const list = Array.from(byCommunity.subarray(start[c]!, start[c + 1]!)).sort((a, b) => score(b) - score(a) || a - b);
    const cost = (size * size + SMALL_LAYOUT_OVERHEAD) * SMALL_ITERATIONS;
    const inside = insideTies[c];
    if (size >= SMALL_FORCE_MIN && size <= SMALL_COMMUNITY && inside && inside.length > 0 && cost <= budget) {
      budget -= cost;
      forceInside(list, inside, radius[c]!, x, y, centreX[c]!, centreY[c]!);
    } else {
      spiral(list, radius[c]!, x, y, centreX[c]!, centreY[c]!);
    }
  }
  return { x, y, members, centreX, centreY, radius, links };
}
