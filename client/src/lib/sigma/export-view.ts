// Exports of what the map draws: the current view as GEXF, and the map as PNG with its legend.
import { drawOnCanvas } from '@sigma/export-image';
import type Sigma from 'sigma';
import { drawLegend, type LegendBlock } from '../act/legend-image';
import { writeGexf, type GexfEdge, type GexfNode } from '../act/gexf';
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

/** The drawn nodes and ties (after filters) as GEXF, with positions, sizes and colours as displayed. */
export function currentViewGexf(sigma: AtlasSigma, description: string): string {
  const graph = sigma.getGraph();
  const nodes: GexfNode[] = [];
  const shown = new Set<string>();
  graph.forEachNode((node, attrs) => {
    const d = sigma.getNodeDisplayData(node);
    if (d === undefined || d.hidden) return;
    shown.add(node);
    nodes.push({
      id: node,
      label: attrs.label,
      x: attrs.x,
      y: attrs.y,
      size: d.size,
      colour: d.color,
      attributes: {
        kind: attrs.kind,
        roles: attrs.roles.join('+'),
        communities: attrs.communities.join(';'),
        degree: attrs.degree,
      },
    });
  });
  const edges: GexfEdge[] = [];
  graph.forEachEdge((edge, attrs, source, target) => {
    const d = sigma.getEdgeDisplayData(edge);
    if (!shown.has(source) || !shown.has(target) || d === undefined || d.hidden) return;
    edges.push({ source, target, weight: attrs.weight, attributes: { type: attrs.tieType, since: attrs.since } });
  });
  return writeGexf({
    nodes,
    edges,
    nodeColumns: { kind: 'string', roles: 'string', communities: 'string', degree: 'integer' },
    edgeColumns: { type: 'string', since: 'string' },
    description,
    date: new Date(Date.now()).toISOString().slice(0, 10),
  });
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
