// Draws the current legend onto an exported map image (the PNG says what its colours and sizes mean).

export interface LegendBlock {
  title: string;
  entries: ReadonlyArray<{ label: string; colour: string; count: number }>;
  /** Extra lines under the entries (size encoding, filters, ego view). */
  notes: readonly string[];
}

/** Rows a legend takes (title + entries + notes), to size the box. */
export function legendRows(block: LegendBlock): number {
  return 1 + block.entries.length + block.notes.length;
}

const font = (weight: number, size: number, scale: number): string =>
  `${weight} ${size * scale}px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif`;

/** The legend box's size in device pixels (its text measured with `ctx`), its margin included. */
export function legendSize(ctx: CanvasRenderingContext2D, block: LegendBlock, scale = 1): { width: number; height: number } {
  const row = 18 * scale;
  const pad = 10 * scale;
  ctx.save();
  ctx.font = font(500, 12, scale);
  const texts = [block.title, ...block.entries.map((e) => `${e.label} (${e.count})`), ...block.notes];
  const width = Math.max(...texts.map((t) => ctx.measureText(t).width)) + pad * 2 + 18 * scale;
  ctx.restore();
  return { width: width + pad * 2, height: legendRows(block) * row + pad * 4 };
}

export interface ImageLayout {
  width: number;
  height: number;
  /** Where the map goes (its top-left corner) and where the legend box goes. */
  map: { x: number; y: number };
  legend: { x: number; y: number };
}

/**
 * The exported image: the map as drawn, and the legend in a strip to its right, so it never covers the view's
 * subject (a legend painted over the map hid the highlighted community).
 */
export function imageLayout(map: { width: number; height: number }, legend: { width: number; height: number }): ImageLayout {
  return {
    width: map.width + legend.width,
    height: Math.max(map.height, legend.height),
    map: { x: 0, y: 0 },
    legend: { x: map.width, y: 0 },
  };
}

/** Paints the legend with its top-left corner at (x, y) of `ctx`, scaled by `scale` (device pixels per CSS pixel). */
export function drawLegend(ctx: CanvasRenderingContext2D, block: LegendBlock, scale = 1, x = 0, y0 = 0): void {
  const row = 18 * scale;
  const pad = 10 * scale;
  const size = legendSize(ctx, block, scale);
  const width = size.width - pad * 2;
  const height = size.height - pad * 2;
  ctx.save();
  ctx.translate(x, y0);
  ctx.fillStyle = 'rgba(255, 255, 255, 0.92)';
  ctx.strokeStyle = '#D1D5DB';
  ctx.lineWidth = scale;
  ctx.fillRect(pad, pad, width, height);
  ctx.strokeRect(pad, pad, width, height);
  let y = pad * 2 + row / 2;
  ctx.textBaseline = 'middle';
  ctx.fillStyle = '#111827';
  ctx.font = font(600, 12, scale);
  ctx.fillText(block.title, pad * 2, y);
  ctx.font = font(400, 12, scale);
  for (const e of block.entries) {
    y += row;
    ctx.fillStyle = e.colour;
    ctx.beginPath();
    ctx.arc(pad * 2 + 5 * scale, y, 5 * scale, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = '#1F2937';
    ctx.fillText(`${e.label} (${e.count})`, pad * 2 + 16 * scale, y);
  }
  ctx.fillStyle = '#4B5563';
  for (const note of block.notes) {
    y += row;
    ctx.fillText(note, pad * 2, y);
  }
  ctx.restore();
}
