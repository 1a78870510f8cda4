// GEXF writer: well-formed XML that a DOM parser reads back with the same nodes, ties, attributes and viz data.
import { describe, expect, it } from 'vitest';
import { hexToRgb, writeGexf, xmlEscape, type GexfGraph } from '../../../client/src/lib/act/gexf';
import { legendRows } from '../../../client/src/lib/act/legend-image';

function sample(): GexfGraph {
  return {
    nodes: [
      {
        id: 'a&1',
        label: 'Ada <"Countess">',
        x: 1.23456,
        y: -2,
        size: 5,
        colour: '#0072B2',
        attributes: { roles: 'CUSTOMER+PARTNER', degree: 3 },
      },
      { id: 'b', label: "Ben O'Neil", x: 0, y: 0, size: 2.5, colour: 'red', attributes: { roles: '', degree: 1 } },
    ],
    edges: [{ source: 'a&1', target: 'b', weight: 0.5, attributes: { type: 'WORKS_WITH', since: null } }],
    nodeColumns: { roles: 'string', degree: 'integer' },
    edgeColumns: { type: 'string', since: 'string' },
    description: 'test',
    date: '2025-01-01',
  };
}

describe('GEXF writer', () => {
  it('escapes XML and strips control characters', () => {
    expect(xmlEscape(`a<b>&"c'\u0001`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
  });

  it('reads hex colours', () => {
    expect(hexToRgb('#0072B2')).toEqual([0, 114, 178]);
    expect(hexToRgb('red')).toEqual([128, 128, 128]);
  });

  it('writes a GEXF 1.3 document with nodes, ties, attributes and viz', () => {
    const xml = writeGexf(sample());
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xml).toContain('<gexf xmlns="http://gexf.net/1.3"');
    expect(xml).toContain('<node id="a&amp;1" label="Ada &lt;&quot;Countess&quot;&gt;">');
    expect(xml).toContain('<viz:color r="0" g="114" b="178"/>');
    expect(xml).toContain('<viz:position x="1.2346" y="-2" z="0"/>');
    expect(xml).toContain('<edge id="0" source="a&amp;1" target="b" weight="0.5">');
    expect(xml).toContain('<attvalue for="0" value="WORKS_WITH"/>');
    // a null attribute is left out, not written as "null"
    expect(xml).not.toContain('null');
    // balanced tags
    const opens = (xml.match(/<node /g) ?? []).length;
    const closes = (xml.match(/<\/node>/g) ?? []).length;
    expect(opens).toBe(2);
    expect(closes).toBe(2);
  });

  it('sizes the legend by its rows', () => {
    expect(legendRows({ title: 't', entries: [{ label: 'a', colour: '#000000', count: 1 }], notes: ['n', 'm'] })).toBe(4);
  });
});
