// Parses GEXF and GraphML files into the import bundle: nodes become records, edges become ties.
import { createRequire } from 'node:module';
import Graph from 'graphology';
import * as gexf from 'graphology-gexf';
import * as graphml from 'graphology-graphml';
import type { Attributes } from 'graphology-types';
import type { ParseResult } from './types.js';
import { recordKey } from './types.js';
import { decodeUtf8 } from './csv-bundle.js';
import { BundleBuilder, type FieldGetter, type Section } from './validate.js';

export type GraphFormat = 'GEXF' | 'GRAPHML';

export interface GraphParseOptions {
  /** Source system for nodes without a `source` attribute; defaults to `gexf` / `graphml`. */
  defaultSource?: string;
  /** File name used in problems; defaults to `graph.gexf` / `graph.graphml`. */
  fileName?: string;
}

// The graphology parsers accept a Document that must come from *their* copy of xmldom (they test
// `instanceof Document`), so xmldom is loaded from where each parser resolves it. Our own
// DOMParser carries an error handler: the parsers' internal one would only log to the console.
interface XmlDom {
  DOMParser: new (options: { locator: object; errorHandler: (level: string, message: string) => void }) => {
    parseFromString(source: string, mime: string): XmlDocument | undefined;
  };
}
interface XmlElement {
  tagName: string;
  getAttribute(name: string): string | null;
}
interface XmlDocument {
  documentElement: XmlElement | null;
  getElementsByTagName(name: string): { length: number; [i: number]: XmlElement | undefined };
}
// The parsers are typed with DOM's Document, which the server (no DOM lib) does not have.
type XmlGraphParser = (
  graph: typeof Graph,
  source: XmlDocument,
  options: { addMissingNodes?: boolean; allowUndeclaredAttributes?: boolean },
) => Graph;

const requireHere = createRequire(import.meta.url);
const xmldomFor = (pkg: string): XmlDom => createRequire(requireHere.resolve(pkg))('@xmldom/xmldom') as XmlDom;

const PARSERS: Record<GraphFormat, { parse: XmlGraphParser; xmldom: XmlDom; root: string; ext: string }> = {
  GEXF: {
    parse: gexf.parse as unknown as XmlGraphParser,
    xmldom: xmldomFor('graphology-gexf'),
    root: 'gexf',
    ext: 'gexf',
  },
  GRAPHML: {
    parse: graphml.parse as unknown as XmlGraphParser,
    xmldom: xmldomFor('graphology-graphml'),
    root: 'graphml',
    ext: 'graphml',
  },
};

/** Column names reported for bundle fields, in the graph-file vocabulary. */
const GRAPH_COLUMNS: Record<string, string> = {
  'records.externalId': 'id',
  'records.name': 'label',
  'roles.stakeholder': 'id',
  'roles.role': 'roles',
  'ties.from': 'source',
  'ties.to': 'target',
};

/**
 * Nodes → records: source = `source` attribute or the default source; externalId = node id;
 * name = `label`, else `name`, else the id; kind = `kind` (default PERSON); email, organisation
 * (or organization), domain, title, country attributes; `roles` (comma/semicolon/pipe list) → roles.
 * Edges → ties: type = `type`, else `kind` (default INTERACTS); weight (default 1); since = `since`
 * or `date`. An undirected edge becomes one tie, source → target as written in the file: the
 * import format has no undirected ties, and doubling them would double-count weights.
 * Problems name `<file>#nodes` / `<file>#edges` and the 1-based node/edge position.
 */
export function parseGraphFile(format: GraphFormat, content: string | Uint8Array, opts: GraphParseOptions = {}): ParseResult {
  const spec = PARSERS[format];
  const fileName = opts.fileName ?? `graph.${spec.ext}`;
  const defaultSource = opts.defaultSource?.trim() || spec.ext;
  const files: Record<Section, string> = {
    records: `${fileName}#nodes`,
    roles: `${fileName}#nodes`,
    ties: `${fileName}#edges`,
    communities: fileName,
    memberships: fileName,
    interactions: fileName,
    participants: fileName,
  };
  const builder = new BundleBuilder({ files, columnOf: (s, f) => GRAPH_COLUMNS[`${s}.${f}`] ?? f });
  const p = builder.problems;
  const fail = (message: string): ParseResult => {
    p.error(fileName, undefined, undefined, message);
    return builder.finish();
  };

  let text: string;
  if (typeof content === 'string') text = content;
  else {
    const decoded = decodeUtf8(content);
    if (typeof decoded !== 'string') return fail(decoded.error);
    text = decoded;
  }

  // Parse the XML ourselves so that every xmldom complaint is an error we report.
  const xmlProblems: string[] = [];
  let doc: XmlDocument | undefined;
  try {
    doc = new spec.xmldom.DOMParser({
      locator: {},
      errorHandler: (_level, message) => xmlProblems.push(cleanXmlMessage(message)),
    }).parseFromString(text, 'application/xml');
  } catch (e) {
    xmlProblems.push(cleanXmlMessage((e as Error).message));
  }
  if (xmlProblems.length > 0) return fail(`malformed XML: ${xmlProblems.join('; ')}`);
  const root = doc?.documentElement;
  if (!doc || !root) return fail('malformed XML: no root element');
  if (root.tagName.toLowerCase() !== spec.root) return fail(`expected a <${spec.root}> document, found <${root.tagName}>`);
  if (!doc.getElementsByTagName('graph')[0])
    return fail(`no <graph> element in the ${format === 'GEXF' ? 'GEXF' : 'GraphML'} file`);

  // Nodes the file declares; edges to any other node become "unknown stakeholder" errors below
  // (addMissingNodes lets the parser go on instead of stopping at the first one).
  const declared = new Set<string>();
  const nodeElements = doc.getElementsByTagName('node');
  for (let i = 0; i < nodeElements.length; i++) {
    const id = nodeElements[i]?.getAttribute('id');
    if (id !== null && id !== undefined) declared.add(id);
  }

  let graph: Graph;
  try {
    graph = spec.parse(Graph, doc, { addMissingNodes: true, allowUndeclaredAttributes: true });
  } catch (e) {
    return fail(`invalid ${format === 'GEXF' ? 'GEXF' : 'GraphML'}: ${(e as Error).message}`);
  }

  // Record key of each node, as the records will be keyed (trimmed source attribute or default).
  const keyOf = (node: string, attrs: Attributes | undefined): string => {
    const raw = attrs?.['source'];
    const s = typeof raw === 'number' ? String(raw) : raw;
    const source = typeof s === 'string' && s.trim() !== '' ? s.trim() : defaultSource;
    return recordKey(source, node.trim());
  };

  // Nodes → records and roles, through one getter over the current node.
  let node = '';
  let attrs: Attributes = {};
  const nodeGet: FieldGetter = (field) => {
    switch (field) {
      case 'source':
        return nonEmpty(attrs['source']) ?? defaultSource;
      case 'externalId':
        return node;
      case 'name':
        return nonEmpty(attrs['label']) ?? nonEmpty(attrs['name']) ?? node;
      case 'kind':
        return nonEmpty(attrs['kind']) ?? 'PERSON';
      case 'organisation':
        return nonEmpty(attrs['organisation']) ?? attrs['organization'];
      default:
        return attrs[field];
    }
  };
  let roleName = '';
  let roleOwner = '';
  const roleGet: FieldGetter = (field) => (field === 'stakeholder' ? roleOwner : field === 'role' ? roleName : undefined);

  let row = 0;
  graph.forEachNode((key, a) => {
    if (!declared.has(key)) return; // added by addMissingNodes: not a record
    row++;
    node = key;
    attrs = a;
    builder.record(nodeGet, row);
    const roles = attrs['roles'];
    if (typeof roles === 'string') {
      roleOwner = keyOf(key, a);
      for (const r of roles.split(/[,;|]/)) {
        if (r.trim() === '') continue;
        roleName = r;
        builder.role(roleGet, row);
      }
    }
  });

  // Edges → ties.
  let from = '';
  let to = '';
  const edgeGet: FieldGetter = (field) => {
    switch (field) {
      case 'from':
        return from;
      case 'to':
        return to;
      case 'type':
        return nonEmpty(attrs['type']) ?? nonEmpty(attrs['kind']) ?? 'INTERACTS';
      case 'since':
        return nonEmpty(attrs['since']) ?? attrs['date'];
      default:
        return attrs[field];
    }
  };
  row = 0;
  graph.forEachEdge((_edge, a, source, target, sourceAttrs, targetAttrs) => {
    row++;
    attrs = a;
    from = keyOf(source, declared.has(source) ? sourceAttrs : undefined);
    to = keyOf(target, declared.has(target) ? targetAttrs : undefined);
    builder.tie(edgeGet, row);
  });

  return builder.finish();
}

function nonEmpty(v: unknown): unknown {
  return typeof v === 'string' && v.trim() === '' ? undefined : v;
}

// xmldom messages look like "[xmldom error]\t<text>\n@#[line:3,col:7]": keep the text and position.
function cleanXmlMessage(message: string): string {
  const text = message
    .replace(/^\[xmldom \w+\]\s*/, '')
    .replace(/\s*@#\[line:.*$/s, '')
    .trim();
  const pos = /@#\[line:(\d+),col:(\d+)\]/.exec(message);
  return pos ? `${text} (line ${pos[1]}, column ${pos[2]})` : text;
}
