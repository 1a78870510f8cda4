// The current view as GEXF, from the graph and the reducer context (pure, so a round trip through the importer is
// testable): the stakeholders the filters let through, in their real colours and sizes, and every tie between them,
// whatever the hover, selection or highlight dims or hides on screen.
import type { AtlasGraph } from '../graph/model';
import { isNodeVisible, type ReducerContext } from '../sigma/reducers';
import { passesTieFilters } from '../state/view-transitions';
import { writeGexf, type GexfEdge, type GexfNode } from './gexf';

/** The view's stakeholders and ties as GEXF; roles as a comma list, the importer's format. */
export function viewGexf(graph: AtlasGraph, ctx: ReducerContext, description: string, date: string): string {
  const nodes: GexfNode[] = [];
  const shown = new Set<string>();
  graph.forEachNode((node, attrs) => {
    if (!isNodeVisible(node, attrs, ctx)) return;
    shown.add(node);
    nodes.push({
      id: node,
      label: attrs.label,
      x: attrs.x,
      y: attrs.y,
      size: ctx.sizeOf === null ? attrs.size : ctx.sizeOf(attrs),
      colour: ctx.colourOf(attrs),
      attributes: {
        kind: attrs.kind,
        roles: attrs.roles.join(','),
        communities: attrs.communities.join(';'),
        degree: attrs.degree,
      },
    });
  });
  const edges: GexfEdge[] = [];
  graph.forEachEdge((_edge, attrs, source, target) => {
    if (!shown.has(source) || !shown.has(target)) return;
    if (ctx.tieEnds !== null && !passesTieFilters(attrs, ctx.view)) return;
    edges.push({ source, target, weight: attrs.weight, attributes: { type: attrs.tieType, since: attrs.since } });
  });
  return writeGexf({
    nodes,
    edges,
    nodeColumns: { kind: 'string', roles: 'string', communities: 'string', degree: 'integer' },
    edgeColumns: { type: 'string', since: 'string' },
    description,
    date,
  });
}
