import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGraphFile } from '../../../server/src/import/graph-formats.js';
import { fixture } from './fixtures.js';

const gexfText = readFileSync(fixture('valid.gexf'), 'utf8');
const graphmlText = readFileSync(fixture('valid.graphml'), 'utf8');

const EXPECTED = {
  records: [
    { source: 'crm', externalId: 'C001', kind: 'PERSON', name: 'Alice Martin', email: 'alice.martin@acme.com' },
    { source: 'crm', externalId: 'C010', kind: 'ORGANISATION', name: 'Acme Ltd', domain: 'acme.com' },
    { source: 'hr', externalId: 'E101', kind: 'PERSON', name: 'Erin Cole', email: 'erin.cole@atlas.example' },
    { source: 'social', externalId: 'n4', kind: 'PERSON', name: 'Zed Quinn' },
  ],
  roles: [
    { stakeholder: 'crm:C001', role: 'CUSTOMER', source: 'crm' },
    { stakeholder: 'crm:C010', role: 'CUSTOMER', source: 'crm' },
    { stakeholder: 'crm:C010', role: 'SHAREHOLDER', source: 'crm' },
    { stakeholder: 'hr:E101', role: 'EMPLOYEE', source: 'hr' },
    { stakeholder: 'hr:E101', role: 'SHAREHOLDER', source: 'hr' },
  ],
  ties: [
    { from: 'crm:C001', to: 'hr:E101', type: 'WORKS_WITH', weight: 0.8, since: '2021-05-01' },
    { from: 'crm:C001', to: 'hr:E101', type: 'INTERACTS', weight: 2 },
    { from: 'crm:C001', to: 'crm:C010', type: 'INTERACTS', weight: 1 },
    // The undirected edge: one tie, source → target as written.
    { from: 'social:n4', to: 'hr:E101', type: 'FOLLOWS', weight: 1 },
  ],
  communities: [],
  memberships: [],
  interactions: [],
};

describe('parseGraphFile', () => {
  it('reads GEXF nodes as records (with roles) and edges as ties', () => {
    const r = parseGraphFile('GEXF', gexfText, { defaultSource: 'social', fileName: 'valid.gexf' });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.bundle).toEqual(EXPECTED);
  });

  it('reads the same content from GraphML into the same bundle', () => {
    const r = parseGraphFile('GRAPHML', graphmlText, { defaultSource: 'social', fileName: 'valid.graphml' });
    expect(r.errors).toEqual([]);
    expect(r.bundle).toEqual(EXPECTED);
  });

  it('defaults the source to the format name', () => {
    const r = parseGraphFile('GRAPHML', graphmlText);
    expect(r.bundle.records[3]?.source).toBe('graphml');
    expect(r.bundle.ties[3]?.from).toBe('graphml:n4');
  });

  it('reports malformed XML with the parser message and position', () => {
    const broken = gexfText.replace('<node id="C010" label="Acme Ltd">', '<node id="C010 label="Acme Ltd">');
    const r = parseGraphFile('GEXF', broken, { fileName: 'broken.gexf' });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.file).toBe('broken.gexf');
    expect(r.errors[0]?.message).toMatch(/^malformed XML: .*\(line \d+, column \d+\)/);
    expect(parseGraphFile('GRAPHML', 'not xml at all').errors[0]?.message).toMatch(/^malformed XML/);
  });

  it('rejects a document of the other format', () => {
    const r = parseGraphFile('GRAPHML', gexfText, { fileName: 'x.graphml' });
    expect(r.errors).toEqual([{ file: 'x.graphml', message: 'expected a <graphml> document, found <gexf>' }]);
  });

  it('reports bad attribute values and edges to undeclared nodes by node/edge position', () => {
    const text = graphmlText
      .replace('<data key="d5">customer</data>', '<data key="d5">customer, investor</data>')
      .replace('<data key="e1">2</data>', '<data key="e1">-2</data>')
      .replace('<edge source="C001" target="C010"/>', '<edge source="C001" target="ghost"/>');
    const r = parseGraphFile('GRAPHML', text, { defaultSource: 'social', fileName: 'g.graphml' });
    expect(r.errors.map((e) => [e.file, e.row, e.column])).toEqual([
      ['g.graphml#nodes', 1, 'roles'],
      ['g.graphml#edges', 2, 'weight'],
      ['g.graphml#edges', 3, 'target'],
    ]);
    expect(r.errors[0]?.message).toContain("unknown role 'investor'");
    expect(r.errors[2]?.message).toBe("unknown stakeholder 'social:ghost'");
    expect(r.bundle.records).toHaveLength(4); // the ghost node is not a record
  });
});
