// Unit tests for the network file loaders: the GML parser, SNAP edge lists, CSV ties, GEXF and GraphML.
import { describe, expect, it } from 'vitest';
import {
  inferFormat,
  parseEdgeList,
  parseGml,
  parseGmlTree,
  parseGraph,
  parseTiesCsv,
  parseCircles,
} from '../../../server/src/import/graph-files.js';

const newmanStyle = `Creator "Mark Newman on Fri Jul 21 12:44:53 2006"
graph
[
  # a comment line
  directed 0
  node
  [
    id 0
    label "Myriel"
  ]
  node [ id 1 label "Mlle Baptistine" ]
  node
  [
    id 2
    label "Mme&#233; &quot;M&quot;"
    graphics [ x -1.5e2 y 3 ]
  ]
  edge
  [
    source 1
    target 0
    value 8
  ]
  edge [ source 2 target 0 value 10.5 ]
]
`;

describe('GML parser', () => {
  it('parses Newman-style nested lists, quoted strings and numbers', () => {
    const g = parseGml(newmanStyle);
    expect(g.type).toBe('undirected');
    expect(g.order).toBe(3);
    expect(g.size).toBe(2);
    expect(g.getNodeAttribute('1', 'label')).toBe('Mlle Baptistine');
    expect(g.getNodeAttribute('2', 'label')).toBe('Mmeé "M"');
    expect(g.getNodeAttribute('2', 'graphics')).toEqual([
      ['x', -150],
      ['y', 3],
    ]);
    expect(g.getEdgeAttribute(g.edge('0', '1') as string, 'value')).toBe(8);
    expect(g.getEdgeAttribute(g.edge('0', '2') as string, 'value')).toBe(10.5);
    expect(g.getAttribute('Creator')).toBeUndefined(); // top-level keys outside graph are not graph attributes
  });

  it('honours the directed flag and builds a multi graph only for repeated pairs', () => {
    const directed = parseGml(
      'graph [ directed 1 node [ id 1 ] node [ id 2 ] edge [ source 1 target 2 ] edge [ source 2 target 1 ] ]',
    );
    expect(directed.type).toBe('directed');
    expect(directed.multi).toBe(false);
    expect(directed.size).toBe(2);
    const multi = parseGml('graph [ node [ id 1 ] node [ id 2 ] edge [ source 1 target 2 ] edge [ source 2 target 1 ] ]');
    expect(multi.multi).toBe(true);
    expect(multi.size).toBe(2);
  });

  it('reports malformed input', () => {
    expect(() => parseGmlTree('graph [ node [ id 1 ]')).toThrow(/missing closing/);
    expect(() => parseGmlTree('graph [ label "open ]')).toThrow(/unterminated string/);
    expect(() => parseGml('graph [ edge [ source 1 ] ]')).toThrow(/source\/target/);
    expect(() => parseGml('foo 1')).toThrow(/no graph/);
  });
});

describe('edge lists', () => {
  const text = '# Directed graph\n# FromNodeId\tToNodeId\n0 1\n1 0\n1\t2\n\n2 2\n';
  it('parses undirected by default, merging both listings of a tie', () => {
    const g = parseEdgeList(text);
    expect(g.type).toBe('undirected');
    expect([g.order, g.size, g.selfLoopCount]).toEqual([3, 3, 1]);
  });
  it('parses directed lists and weights', () => {
    const g = parseEdgeList(text, { directed: true });
    expect([g.order, g.size]).toEqual([3, 4]);
    const w = parseEdgeList('a b 2\nb a 3\n', { duplicates: 'sum' });
    expect(w.getEdgeAttribute(w.edge('a', 'b') as string, 'weight')).toBe(5);
    expect(() => parseEdgeList('a b x\n')).toThrow(/line 1/);
  });
});

describe('CSV ties', () => {
  it('reads from,to,weight and sums repeated pairs', () => {
    const g = parseTiesCsv('from,to,weight,type\nann,bob,2,works_with\nbob,ann,1.5,mentions\nann,cid,,follows\n');
    expect(g.order).toBe(3);
    expect(g.getEdgeAttribute(g.edge('ann', 'bob') as string, 'weight')).toBe(3.5);
    expect(g.getEdgeAttribute(g.edge('ann', 'cid') as string, 'weight')).toBe(1);
    expect(g.getEdgeAttribute(g.edge('ann', 'bob') as string, 'type')).toBe('works_with');
    const d = parseTiesCsv('source,target\nx,y\ny,x\n', { directed: true });
    expect(d.size).toBe(2);
    expect(() => parseTiesCsv('a,b\n1,2\n')).toThrow(/from/);
  });
});

describe('GEXF, GraphML and format inference', () => {
  it('parses through graphology-gexf and graphology-graphml', () => {
    const gexf = `<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph defaultedgetype="undirected">
<nodes><node id="a" label="A"/><node id="b" label="B"/></nodes>
<edges><edge id="0" source="a" target="b" weight="2"/></edges></graph></gexf>`;
    const g1 = parseGraph(gexf, { format: 'gexf' });
    expect([g1.order, g1.size]).toEqual([2, 1]);
    const graphml = `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">
<node id="n0"/><node id="n1"/><edge source="n0" target="n1"/></graph></graphml>`;
    const g2 = parseGraph(graphml, { format: 'graphml' });
    expect([g2.order, g2.size, g2.type]).toEqual([2, 1, 'directed']);
  });

  it('infers formats from extensions', () => {
    expect(['x.gml', 'x.GEXF', 'x.graphml', 'x.csv', 'x.txt', 'x.edges'].map(inferFormat)).toEqual([
      'gml',
      'gexf',
      'graphml',
      'csv',
      'edgelist',
      'edgelist',
    ]);
  });

  it('reads ego circles', () => {
    expect([...parseCircles('circle0\t1\t2\ncircle1\t3\n')]).toEqual([
      ['circle0', ['1', '2']],
      ['circle1', ['3']],
    ]);
  });
});
