// The alluvial chart between two analysis runs as SVG geometry: one column of communities per run, stacked by
// member count, and a band per flow from the earlier column to the later one (drawn from the flows, no layout
// library: with two columns the order is the size order; docs/decisions/097-community-evolution.md).

export interface AlluvialCommunity {
  id: string;
  name: string;
  members: number;
}

export interface AlluvialFlow {
  /** Null: not in a followed community of that run. */
  from: string | null;
  to: string | null;
  members: number;
}

export interface AlluvialNode {
  /** A community id, or OTHER for everything not drawn as its own block. */
  key: string;
  side: 'from' | 'to';
  name: string;
  members: number;
  x: number;
  y: number;
  height: number;
  /** Index among the drawn communities of its column (colour), -1 for OTHER. */
  index: number;
}

export interface AlluvialBand {
  from: string;
  to: string;
  members: number;
  /** SVG path of the band. */
  path: string;
  /** Index of the earlier block (colour), -1 for OTHER. */
  index: number;
}

export interface AlluvialLayout {
  nodes: AlluvialNode[];
  bands: AlluvialBand[];
  width: number;
  height: number;
}

export const OTHER = '__other__';

export interface AlluvialOptions {
  width: number;
  height: number;
  /** Communities drawn per column; the rest (and members outside any followed community) form one "other" block. */
  maxPerSide?: number;
  nodeWidth?: number;
  gap?: number;
}

const round = (n: number): number => Math.round(n * 10) / 10;

/** Lays the chart out; an empty evolution gives no nodes and no bands. */
export function alluvialLayout(
  from: readonly AlluvialCommunity[],
  to: readonly AlluvialCommunity[],
  flows: readonly AlluvialFlow[],
  options: AlluvialOptions,
): AlluvialLayout {
  const { width, height } = options;
  const maxPerSide = options.maxPerSide ?? 10;
  const nodeWidth = options.nodeWidth ?? 10;
  const gap = options.gap ?? 4;
  const drawnFrom = [...from].sort((a, b) => b.members - a.members).slice(0, maxPerSide);
  const drawnTo = [...to].sort((a, b) => b.members - a.members).slice(0, maxPerSide);
  const keyIn = (drawn: readonly AlluvialCommunity[], id: string | null): string =>
    id !== null && drawn.some((c) => c.id === id) ? id : OTHER;

  // Aggregate the flows onto the drawn blocks; OTHER → OTHER is nobody's story and is left out.
  const bandTotals = new Map<string, { from: string; to: string; members: number }>();
  for (const f of flows) {
    if (f.members <= 0) continue;
    const a = keyIn(drawnFrom, f.from);
    const b = keyIn(drawnTo, f.to);
    if (a === OTHER && b === OTHER) continue;
    const key = `${a}\u0000${b}`;
    const band = bandTotals.get(key);
    if (band) band.members += f.members;
    else bandTotals.set(key, { from: a, to: b, members: f.members });
  }
  const totals = (side: 'from' | 'to'): Map<string, number> => {
    const m = new Map<string, number>();
    for (const band of bandTotals.values()) {
      const key = side === 'from' ? band.from : band.to;
      m.set(key, (m.get(key) ?? 0) + band.members);
    }
    return m;
  };
  const fromTotals = totals('from');
  const toTotals = totals('to');
  const column = (drawn: readonly AlluvialCommunity[], sums: Map<string, number>) => [
    ...drawn
      .filter((c) => (sums.get(c.id) ?? 0) > 0)
      .map((c, i) => ({ key: c.id, name: c.name, members: sums.get(c.id)!, index: i })),
    ...((sums.get(OTHER) ?? 0) > 0 ? [{ key: OTHER, name: 'Other / not in run', members: sums.get(OTHER)!, index: -1 }] : []),
  ];
  const left = column(drawnFrom, fromTotals);
  const right = column(drawnTo, toTotals);
  if (left.length === 0 && right.length === 0) return { nodes: [], bands: [], width, height };
  const leftSum = left.reduce((s, c) => s + c.members, 0);
  const rightSum = right.reduce((s, c) => s + c.members, 0);
  const maxGaps = Math.max(left.length, right.length) - 1;
  const scale = (height - gap * maxGaps) / Math.max(1, leftSum, rightSum);

  const place = (col: typeof left, side: 'from' | 'to'): AlluvialNode[] => {
    let y = 0;
    return col.map((c) => {
      const node: AlluvialNode = {
        ...c,
        side,
        x: side === 'from' ? 0 : width - nodeWidth,
        y: round(y),
        height: round(Math.max(1, c.members * scale)),
      };
      y += c.members * scale + gap;
      return node;
    });
  };
  const leftNodes = place(left, 'from');
  const rightNodes = place(right, 'to');
  const leftAt = new Map(leftNodes.map((n) => [n.key, n]));
  const rightAt = new Map(rightNodes.map((n) => [n.key, n]));

  // Bands leave each earlier block in the order of their later blocks, and enter each later block in the order
  // of their earlier blocks, so that they cross as little as two stacked columns allow.
  const bandList = [...bandTotals.values()];
  const outOffset = new Map<string, number>();
  const inOffset = new Map<string, number>();
  const sourceY = new Map<string, number>();
  for (const band of [...bandList].sort((a, b) => rightAt.get(a.to)!.y - rightAt.get(b.to)!.y)) {
    const offset = outOffset.get(band.from) ?? 0;
    sourceY.set(`${band.from}\u0000${band.to}`, leftAt.get(band.from)!.y + offset);
    outOffset.set(band.from, offset + band.members * scale);
  }
  const bands: AlluvialBand[] = [];
  for (const band of [...bandList].sort((a, b) => leftAt.get(a.from)!.y - leftAt.get(b.from)!.y)) {
    const offset = inOffset.get(band.to) ?? 0;
    const y1 = rightAt.get(band.to)!.y + offset;
    inOffset.set(band.to, offset + band.members * scale);
    const y0 = sourceY.get(`${band.from}\u0000${band.to}`)!;
    const h = Math.max(0.5, band.members * scale);
    const x0 = nodeWidth;
    const x1 = width - nodeWidth;
    const xm = (x0 + x1) / 2;
    const path =
      `M${round(x0)},${round(y0)} C${round(xm)},${round(y0)} ${round(xm)},${round(y1)} ${round(x1)},${round(y1)} ` +
      `L${round(x1)},${round(y1 + h)} C${round(xm)},${round(y1 + h)} ${round(xm)},${round(y0 + h)} ${round(x0)},${round(y0 + h)} Z`;
    bands.push({ from: band.from, to: band.to, members: band.members, path, index: leftAt.get(band.from)!.index });
  }
  bands.sort((a, b) => b.members - a.members);
  return { nodes: [...leftNodes, ...rightNodes], bands, width, height };
}
