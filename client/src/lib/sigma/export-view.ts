// Exports of what the map draws: the map as PNG with its legend (the GEXF of the view is act/view-gexf.ts).
import { drawOnCanvas } from '@sigma/export-image';
import type Sigma from 'sigma';
import { drawLegend, type LegendBlock } from '../act/legend-image';
import type { AtlasSigma } from './context';

/** How many stakeholders the map draws (after filters): the count an export's audit event records. */
export function drawnNodeCount(sigma: AtlasSigma): number {
  let n = 0;
  sigma.getGraph().forEachNode((node) => {
    const d = sigma.getNodeDisplayData(node);
    if (d !== undefined && !d.hidden) n++;
  });
  return n;
}

/** The map as drawn (ties, nodes, labels) with the legend painted in its corner, as a PNG blob. */
export async function mapPngWithLegend(sigma: AtlasSigma, legend: LegendBlock): Promise<Blob> {
  // The exporter is typed for untyped-attribute sigma; ours only narrows the attributes.
  const canvas = await drawOnCanvas(sigma as unknown as Sigma, { backgroundColor: '#ffffff' });
  const ctx = canvas.getContext('2d');
  if (ctx !== null) {
    const scale = canvas.width / Math.max(1, sigma.getContainer().offsetWidth);
    drawLegend(ctx, legend, scale);
  }
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => (blob === null ? reject(new Error('The browser could not encode the PNG')) : resolve(blob)),
      'image/png',
    );
  });
}
