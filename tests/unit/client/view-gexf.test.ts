// The exported GEXF of the view reads back through the importer's GEXF parser with the same stakeholders, roles and
// ties (roles were once joined with "+", which the importer rejects), in the encoding's real colours, and a highlight
// or hover changes neither the colours nor the ties exported.
import { describe, expect, it } from 'vitest';
import { hexToRgb } from '../../../client/src/lib/act/gexf';
import { viewGexf } from '../../../client/src/lib/act/view-gexf';
import { roleEncoding } from '../../../client/src/lib/graph/encodings';
import { buildGraph } from '../../../client/src/lib/graph/model';
import { buildReducerContext } from '../../../client/src/lib/sigma/reducers';
import { initialView, type ViewSnapshot } from '../../../client/src/lib/state/view-transitions';
import { parseGraphFile } from '../../../server/src/import/graph-formats';
import { wireNetwork } from './fixtures';

const graph = buildGraph(wireNetwork());
const encoding = roleEncoding(graph);
const exportView = (view: Partial<ViewSnapshot> = {}) =>
  viewGexf(graph, buildReducerContext(graph, { ...initialView(), ...view }, encoding), 'test', '2026-01-01');

describe('GEXF of the view → importer', () => {
  it('imports again with the same stakeholders, roles and ties', () => {
    const parsed = parseGraphFile('GEXF', exportView(), { fileName: 'view.gexf' });
    expect(parsed.errors).toEqual([]);
    const { records, roles, ties } = parsed.bundle;
    expect(records.map((r) => [r.externalId, r.name, r.kind]).sort()).toEqual(
      graph.mapNodes((key, a) => [key, a.label, a.kind]).sort(),
    );
    const heldRoles = roles.map((r) => `${r.stakeholder.split(':')[1]}:${r.role}`).sort();
    expect(heldRoles).toEqual(
      graph.reduceNodes<string[]>((acc, key, a) => [...acc, ...a.roles.map((r) => `${key}:${r}`)], []).sort(),
    );
    expect(heldRoles).toContain('a:PARTNER');
    expect(heldRoles).toContain('a:CUSTOMER');
    const tie = (from: string, to: string, type: string, weight: number) => `${from}>${to}:${type}:${weight}`;
    expect(ties.map((t) => tie(t.from.split(':')[1] ?? '', t.to.split(':')[1] ?? '', t.type, t.weight)).sort()).toEqual(
      graph.mapEdges((_e, a, s, t) => tie(s, t, a.tieType, a.weight)).sort(),
    );
  });

  it('keeps real colours and every tie of the view under a highlight or a hover', () => {
    const plain = exportView();
    const highlighted = exportView({ highlight: { key: 'test', label: 'Ada and Ben', nodes: new Set(['a', 'b']) } });
    const hovered = exportView({ hovered: 'd' });
    expect(highlighted).toBe(plain);
    expect(hovered).toBe(plain);
    const [r, g, b] = hexToRgb(encoding.colourOf(graph.getNodeAttributes('c')));
    expect(plain).toContain(`<viz:color r="${r}" g="${g}" b="${b}"/>`);
    expect(plain.match(/<edge /g)?.length).toBe(graph.size);
  });

  it('leaves out what the filters leave out, and the ties to it', () => {
    const suppliersOut = parseGraphFile('GEXF', exportView({ roles: ['CUSTOMER', 'PARTNER'] }));
    expect(suppliersOut.bundle.records.map((r) => r.externalId).sort()).toEqual(['a', 'b', 'c']);
    expect(suppliersOut.bundle.ties).toHaveLength(4);
    const worksWith = parseGraphFile('GEXF', exportView({ tieTypes: ['WORKS_WITH'] }));
    expect(worksWith.bundle.ties.map((t) => t.type)).toEqual(['WORKS_WITH']);
  });
});
