// Read network files (GML, SNAP edge lists, GEXF, GraphML, CSV of ties) into graphology graphs for the analyze CLI and the quality tests.
//
// GML has no graphology parser, so a small one lives here: it covers the subset Newman's files
// use (nested `key [ ... ]` lists, numbers, quoted strings, `#` comments). GEXF and GraphML go
// through graphology-gexf / graphology-graphml. Edge lists go through the byte-level reader of
// ./edge-list.ts; CSV through csv-parse. For both, the subtlety is how duplicates are merged.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { parse as parseCsv } from 'csv-parse/sync';
import { parseEdgeListBytes, readEdgeListFile, type DuplicatePolicy, type EdgeList } from './edge-list.js';

export type { DuplicatePolicy } from './edge-list.js';

export type GraphFormat = 'edgelist' | 'gml' | 'gexf' | 'graphml' | 'csv';

export interface LoadOptions {
  /** Format; inferred from the file extension when absent. */
  format?: GraphFormat;
  /** Edge lists and CSV: build a directed graph (default false = undirected). GML: overrides the file's `directed` flag. */
  directed?: boolean;
  /** Edge lists and CSV: merge policy for repeated pairs (edge list default 'first': SNAP lists undirected ties both ways; CSV default 'sum'). */
  duplicates?: DuplicatePolicy;
}

/** Infers the format from a file name: .gml, .gexf, .graphml, .csv; anything else (.txt, .edges, .tsv) is an edge list. */
export function inferFormat(file: string): GraphFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.gml') return 'gml';
  if (ext === '.gexf') return 'gexf';
  if (ext === '.graphml' || ext === '.xml') return 'graphml';
  if (ext === '.csv') return 'csv';
  return 'edgelist';
}

/** Reads a file and parses it into a graphology graph (the one I/O entry point of this module). */
export function loadGraphFile(file: string, options: LoadOptions = {}): Graph {
  const format = options.format ?? inferFormat(file);
  // Edge lists are streamed as bytes, never held as one string.
  if (format === 'edgelist') return edgeListGraph(readEdgeListFile(file, options));
  const text = readFileSync(file, 'utf8');
  return parseGraph(text, { ...options, format });
}

/** Parses text in the given format into a graphology graph. */
export function parseGraph(text: string, options: LoadOptions & { format: GraphFormat }): Graph {
  switch (options.format) {
    case 'gml':
      return parseGml(text, options);
    case 'edgelist':
      return parseEdgeList(text, options);
    case 'csv':
      return parseTiesCsv(text, options);
    case 'gexf':
      return parseGexf(Graph, text, { addMissingNodes: true });
    case 'graphml':
      return parseGraphml(Graph, text, { addMissingNodes: true });
  }
}

// ---------------------------------------------------------------------------------------------
// GML

/** A GML value: a number, a string, or a nested list of key/value pairs (keys may repeat). */
export type GmlValue = number | string | GmlList;
export type GmlList = Array<[string, GmlValue]>;

type GmlToken = { kind: 'key' | 'string' | 'number' | 'open' | 'close'; text: string; pos: number };

function tokenizeGml(text: string): GmlToken[] {
  const tokens: GmlToken[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
    } else if (c === '[' || c === ']') {
      tokens.push({ kind: c === '[' ? 'open' : 'close', text: c, pos: i });
      i++;
    } else if (c === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) throw new Error(`GML: unterminated string at offset ${i}`);
      tokens.push({ kind: 'string', text: decodeGmlEntities(text.slice(i + 1, end)), pos: i });
      i = end + 1;
    } else {
      let j = i;
      while (j < n && !/[\s[\]"]/.test(text[j] as string)) j++;
      const word = text.slice(i, j);
      const kind = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(word) ? 'number' : 'key';
      tokens.push({ kind, text: word, pos: i });
      i = j;
    }
  }
  return tokens;
}

function decodeGmlEntities(s: string): string {
  return s
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Parses GML text into its generic key/value tree. */
export function parseGmlTree(text: string): GmlList {
  const tokens = tokenizeGml(text);
  let p = 0;
  function parseList(nested: boolean): GmlList {
    const list: GmlList = [];
    while (p < tokens.length) {
      const tok = tokens[p] as GmlToken;
      if (tok.kind === 'close') {
        if (!nested) throw new Error(`GML: unexpected ']' at offset ${tok.pos}`);
        p++;
        return list;
      }
      if (tok.kind !== 'key') throw new Error(`GML: expected a key at offset ${tok.pos}, got ${JSON.stringify(tok.text)}`);
      p++;
      const val = tokens[p];
      if (!val) throw new Error(`GML: key '${tok.text}' without a value at end of input`);
      p++;
      if (val.kind === 'open') list.push([tok.text, parseList(true)]);
      else if (val.kind === 'number') list.push([tok.text, Number(val.text)]);
      else if (val.kind === 'string' || val.kind === 'key') list.push([tok.text, val.text]);
      else throw new Error(`GML: unexpected ']' after key '${tok.text}' at offset ${val.pos}`);
    }
    if (nested) throw new Error('GML: missing closing ]');
    return list;
  }
  return parseList(false);
}

function gmlAttributes(list: GmlList, skip: ReadonlySet<string>): Record<string, GmlValue> {
  const attrs: Record<string, GmlValue> = {};
  for (const [k, v] of list) if (!skip.has(k)) attrs[k] = v;
  return attrs;
}

/**
 * Parses GML (`graph [ directed 0|1 node [ id … ] edge [ source … target … value … ] ]`) into a graph.
 * Node keys are the `id`s as strings; other node/edge fields become attributes (`value` stays `value`;
 * use `getEdgeWeight: 'value'` downstream). A multi graph is built only if the file repeats a pair.
 */
export function parseGml(text: string, options: LoadOptions = {}): Graph {
  const tree = parseGmlTree(text);
  const graphEntry = tree.find(([k, v]) => k === 'graph' && Array.isArray(v));
  if (!graphEntry) throw new Error('GML: no graph [ ... ] block');
  const body = graphEntry[1] as GmlList;
  const directedFlag = body.find(([k]) => k === 'directed')?.[1];
  const directed = options.directed ?? directedFlag === 1;
  const nodes: Array<{ key: string; attrs: Record<string, GmlValue> }> = [];
  const edges: Array<{ source: string; target: string; attrs: Record<string, GmlValue> }> = [];
  const graphAttrs: Record<string, GmlValue> = {};
  for (const [k, v] of body) {
    if (k === 'node' && Array.isArray(v)) {
      const id = v.find(([kk]) => kk === 'id')?.[1];
      if (id === undefined || Array.isArray(id)) throw new Error('GML: node without a scalar id');
      nodes.push({ key: String(id), attrs: gmlAttributes(v, new Set(['id'])) });
    } else if (k === 'edge' && Array.isArray(v)) {
      const s = v.find(([kk]) => kk === 'source')?.[1];
      const t = v.find(([kk]) => kk === 'target')?.[1];
      if (s === undefined || t === undefined || Array.isArray(s) || Array.isArray(t))
        throw new Error('GML: edge without scalar source/target');
      edges.push({ source: String(s), target: String(t), attrs: gmlAttributes(v, new Set(['source', 'target'])) });
    } else if (!Array.isArray(v)) {
      graphAttrs[k] = v;
    }
  }
  const seen = new Set<string>();
  let multi = false;
  for (const e of edges) {
    const key = directed || e.source < e.target ? `${e.source}\u0000${e.target}` : `${e.target}\u0000${e.source}`;
    if (seen.has(key)) {
      multi = true;
      break;
    }
    seen.add(key);
  }
  const graph = new Graph({ type: directed ? 'directed' : 'undirected', multi });
  graph.replaceAttributes(graphAttrs);
  for (const n of nodes) graph.mergeNode(n.key, n.attrs);
  for (const e of edges) graph.addEdge(e.source, e.target, e.attrs);
  return graph;
}

// ---------------------------------------------------------------------------------------------
// Edge lists and CSV

function addTie(graph: Graph, source: string, target: string, weight: number | undefined, policy: DuplicatePolicy): void {
  graph.mergeNode(source);
  graph.mergeNode(target);
  const existing = graph.edge(source, target);
  if (existing === undefined) {
    graph.addEdge(source, target, weight === undefined ? {} : { weight });
  } else if (policy === 'sum') {
    graph.updateEdgeAttribute(existing, 'weight', (w: unknown) => (typeof w === 'number' ? w : 1) + (weight ?? 1));
  }
}

/** A graphology graph of a parsed edge list: nodes in order of first appearance, a `weight` attribute where the list gave one. */
export function edgeListGraph(list: EdgeList): Graph {
  const graph = new Graph({ type: list.directed ? 'directed' : 'undirected', multi: false });
  for (const node of list.nodes) graph.addNode(node);
  const { nodes, source, target, weight } = list;
  for (let i = 0; i < source.length; i++) {
    const w = weight ? (weight[i] as number) : NaN;
    graph.addEdge(nodes[source[i] as number], nodes[target[i] as number], Number.isNaN(w) ? {} : { weight: w });
  }
  return graph;
}

/**
 * Parses a SNAP-style edge list: one `source target [weight]` per line, whitespace separated,
 * `#` or `%` comment lines ignored. Undirected by default; repeated pairs keep the first line.
 */
export function parseEdgeList(text: string, options: LoadOptions = {}): Graph {
  return edgeListGraph(parseEdgeListBytes(Buffer.from(text, 'utf8'), options));
}

/**
 * Parses a CSV of ties with a header naming `from`/`to` (or `source`/`target`) and optionally
 * `weight`; other columns become edge attributes of the first occurrence. Repeated pairs sum their weights by default.
 */
export function parseTiesCsv(text: string, options: LoadOptions = {}): Graph {
  const directed = options.directed ?? false;
  const policy = options.duplicates ?? 'sum';
  const rows = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Array<Record<string, string>>;
  const graph = new Graph({ type: directed ? 'directed' : 'undirected', multi: false });
  rows.forEach((row, i) => {
    const s = row['from'] ?? row['source'];
    const t = row['to'] ?? row['target'];
    if (!s || !t) throw new Error(`CSV row ${i + 2}: needs 'from' and 'to' (or 'source' and 'target') columns with values`);
    const rawWeight = row['weight'];
    let weight: number | undefined;
    if (rawWeight !== undefined && rawWeight !== '') {
      weight = Number(rawWeight);
      if (!Number.isFinite(weight)) throw new Error(`CSV row ${i + 2}: weight '${rawWeight}' is not a number`);
    }
    const existed = graph.hasNode(s) && graph.hasNode(t) && graph.hasEdge(s, t);
    addTie(graph, s, t, weight ?? 1, policy);
    if (!existed) {
      const extra: Record<string, string> = {};
      for (const [k, v] of Object.entries(row)) if (!['from', 'to', 'source', 'target', 'weight'].includes(k)) extra[k] = v;
      if (Object.keys(extra).length > 0) graph.mergeEdgeAttributes(s, t, extra);
    }
  });
  return graph;
}

// ---------------------------------------------------------------------------------------------
// Ground-truth side files

/** Reads `node group` lines (SNAP community files such as email-eu-core departments) into node → group. */
export function parseNodeLabels(text: string): Map<string, string> {
  const labels = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line[0] === '#') continue;
    const [node, group] = line.split(/\s+/);
    if (node !== undefined && group !== undefined) labels.set(node, group);
  }
  return labels;
}

/** Reads SNAP ego `.circles` files (`circleName<TAB>id id …`) into circle name → member ids. */
export function parseCircles(text: string): Map<string, string[]> {
  const circles = new Map<string, string[]>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const [name, ...members] = line.split(/\s+/);
    if (name !== undefined) circles.set(name, members);
  }
  return circles;
}
