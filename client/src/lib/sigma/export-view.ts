// Exports of what the map draws: the map as PNG with its legend (the GEXF of the view is act/view-gexf.ts).
import { drawOnCanvas } from '@sigma/export-image';
import type Sigma from 'sigma';
import { drawLegend, imageLayout, legendSize, type LegendBlock } from '../act/legend-image';
import { HULL_LAYER, type AtlasSigma } from './context';

/** How many stakeholders the map draws (after filters): the count an export's audit event records. */
export function drawnNodeCount(sigma: AtlasSigma): number {
  let n = 0;
  sigma.getGraph().forEachNode((node) => {
    const d = sigma.getNodeDisplayData(node);
    if (d !== undefined && !d.hidden) n++;
  });
  return n;
}

/**
 * The map as drawn (community hulls, ties, nodes with their pies, labels) with the legend in a strip beside it, as a
 * PNG blob. Sigma's exporter redraws its own layers in a temporary renderer; the hull layer is ours, so it is laid
 * under them here.
 */
export async function mapPngWithLegend(sigma: AtlasSigma, legend: LegendBlock): Promise<Blob> {
  // The exporter is typed for untyped-attribute sigma; ours only narrows the attributes.
  const drawn = await drawOnCanvas(sigma as unknown as Sigma, { backgroundColor: 'transparent' });
  const out = document.createElement('canvas');
  const ctx = out.getContext('2d');
  if (ctx === null) throw new Error('The browser gave no 2D canvas for the PNG');
  const scale = drawn.width / Math.max(1, sigma.getContainer().offsetWidth);
  const layout = imageLayout(drawn, legendSize(ctx, legend, scale));
  out.width = layout.width;
  out.height = layout.height;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  const hulls = sigma.getCanvases()[HULL_LAYER];
  if (hulls !== undefined) ctx.drawImage(hulls, layout.map.x, layout.map.y, drawn.width, drawn.height);
  ctx.drawImage(drawn, layout.map.x, layout.map.y);
  drawLegend(ctx, legend, scale, layout.legend.x, layout.legend.y);
  return new Promise((resolve, reject) => {
    out.toBlob(
      (blob) => (blob === null ? reject(new Error('The browser could not encode the PNG')) : resolve(blob)),
      'image/png',
    );
  });
}
