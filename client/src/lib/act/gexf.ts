// A small GEXF 1.3 writer for the current view. graphology-gexf is not a client dependency (and would bring an XML
// DOM library for one export); the view is a flat list of nodes and ties, which a string builder writes exactly.

export interface GexfNode {
  id: string;
  label: string;
  x: number;
  y: number;
  size: number;
  /** #RRGGBB */
  colour: string;
  attributes: Record<string, string | number>;
}

export interface GexfEdge {
  source: string;
  target: string;
  weight: number;
  attributes: Record<string, string | number | null>;
}

export interface GexfGraph {
  nodes: readonly GexfNode[];
  edges: readonly GexfEdge[];
  /** Attribute columns (name → GEXF type) declared for nodes and edges. */
  nodeColumns: Record<string, 'string' | 'integer' | 'double'>;
  edgeColumns: Record<string, 'string' | 'integer' | 'double'>;
  description: string;
  /** ISO day for lastmodifieddate. */
  date: string;
}

/** Escapes text for XML attribute values and content; drops characters XML 1.0 cannot carry. */
export function xmlEscape(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- the point is to remove control characters
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replaceAll('&', '&amp;')
      .replaceAll('<', '&lt;')
      .replaceAll('>', '&gt;')
      .replaceAll('"', '&quot;')
      .replaceAll("'", '&apos;')
  );
}

/** "#RRGGBB" → [r, g, b]; anything else → mid grey. */
export function hexToRgb(colour: string): [number, number, number] {
  const m = /^#([0-9a-f]{6})$/i.exec(colour);
  if (m === null) return [128, 128, 128];
  const n = Number.parseInt(m[1] ?? '808080', 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function num(n: number): string {
  return Number.isFinite(n) ? String(Math.round(n * 1e4) / 1e4) : '0';
}

function columns(kind: 'node' | 'edge', cols: GexfGraph['nodeColumns']): string[] {
  const names = Object.keys(cols);
  if (names.length === 0) return [];
  return [
    `    <attributes class="${kind}">`,
    ...names.map((name, i) => `      <attribute id="${i}" title="${xmlEscape(name)}" type="${cols[name] ?? 'string'}"/>`),
    '    </attributes>',
  ];
}

function attvalues(cols: GexfGraph['nodeColumns'], values: Record<string, string | number | null>, indent: string): string[] {
  const names = Object.keys(cols);
  const present = names
    .map((name, i) => ({ i, value: values[name] }))
    .filter((v): v is { i: number; value: string | number } => v.value !== null && v.value !== undefined);
  if (present.length === 0) return [];
  return [
    `${indent}<attvalues>`,
    ...present.map((v) => `${indent}  <attvalue for="${v.i}" value="${xmlEscape(String(v.value))}"/>`),
    `${indent}</attvalues>`,
  ];
}

/** The GEXF document (directed, with viz positions, sizes and colours as drawn). */
export function writeGexf(g: GexfGraph): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">',
    `  <meta lastmodifieddate="${xmlEscape(g.date)}">`,
    '    <creator>Stakeholder Atlas</creator>',
    `    <description>${xmlEscape(g.description)}</description>`,
    '  </meta>',
    '  <graph defaultedgetype="directed" mode="static">',
    ...columns('node', g.nodeColumns),
    ...columns('edge', g.edgeColumns),
    '    <nodes>',
  ];
  for (const n of g.nodes) {
    const [r, gr, b] = hexToRgb(n.colour);
    out.push(
      `      <node id="${xmlEscape(n.id)}" label="${xmlEscape(n.label)}">`,
      ...attvalues(g.nodeColumns, n.attributes, '        '),
      `        <viz:color r="${r}" g="${gr}" b="${b}"/>`,
      `        <viz:position x="${num(n.x)}" y="${num(n.y)}" z="0"/>`,
      `        <viz:size value="${num(n.size)}"/>`,
      '      </node>',
    );
  }
  out.push('    </nodes>', '    <edges>');
  g.edges.forEach((e, i) => {
    const attrs = attvalues(g.edgeColumns, e.attributes, '        ');
    const open = `      <edge id="${i}" source="${xmlEscape(e.source)}" target="${xmlEscape(e.target)}" weight="${num(e.weight)}"`;
    if (attrs.length === 0) out.push(`${open}/>`);
    else out.push(`${open}>`, ...attrs, '      </edge>');
  });
  out.push('    </edges>', '  </graph>', '</gexf>', '');
  return out.join('\n');
}
