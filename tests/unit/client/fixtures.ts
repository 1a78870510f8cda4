// A small wire-shaped network shared by the client unit tests.
import type { WireNetwork } from '../../../client/src/lib/graph/model';

/** a–b–c triangle of customers/partners, d an isolated supplier, e with no role; a→b twice (parallel ties). */
export function wireNetwork(): WireNetwork {
  return {
    attributes: { truncated: false, totalNodes: 5, totalEdges: 5 },
    nodes: [
      {
        key: 'a',
        attributes: { label: 'Ada', kind: 'PERSON', roles: ['PARTNER', 'CUSTOMER'], communities: ['c1', 'c2'], degree: 9 },
      },
      { key: 'b', attributes: { label: 'Ben', kind: 'PERSON', roles: ['CUSTOMER'], communities: ['c1'], degree: 4 } },
      { key: 'c', attributes: { label: 'Contoso', kind: 'ORGANISATION', roles: ['PARTNER'], communities: ['c2'], degree: 1 } },
      { key: 'd', attributes: { label: 'Dora', kind: 'PERSON', roles: ['SUPPLIER'], communities: [], degree: 0 } },
      { key: 'e', attributes: { label: 'Eve', kind: 'PERSON', roles: [], communities: ['c3'], degree: 0 } },
    ],
    edges: [
      { source: 'a', target: 'b', attributes: { type: 'WORKS_WITH', weight: 1, since: '2020-01-01' } },
      { source: 'a', target: 'b', attributes: { type: 'MENTIONS', weight: 0.25, since: null } },
      { source: 'b', target: 'c', attributes: { type: 'BUYS_FROM', weight: 0.5, since: null } },
      { source: 'c', target: 'a', attributes: { type: 'SUPPLIES', weight: 0.5, since: null } },
    ],
  };
}
