// Legend counts and filter counts agree (issue 11: the legend said 254 where the filter said 261): a community's
// legend entry counts its members on the map with overlapping memberships, which is what its filter lets through.
import { describe, expect, it } from 'vitest';
import { detectedMemberCounts } from '../../../client/src/lib/graph/analytics-filters';
import {
  COMMUNITY_PALETTE,
  communityEncoding,
  detectedEncoding,
  legendMembers,
  otherCommunitiesLabel,
  roleEncoding,
} from '../../../client/src/lib/graph/encodings';
import { buildGraph, type WireNetwork } from '../../../client/src/lib/graph/model';
import { buildReducerContext, countVisibleNodes } from '../../../client/src/lib/sigma/reducers';
import { initialView } from '../../../client/src/lib/state/view-transitions';
import { wireNetwork } from './fixtures';

/** The fixture with detected memberships that overlap: a in d1 and d2 (d1 strongest), b in d1, c in d2, e in d2 and d1. */
function overlapping(): ReturnType<typeof buildGraph> {
  const g = buildGraph(wireNetwork());
  g.mergeNodeAttributes('a', {
    detected: [
      { community: 'd1', strength: 0.7 },
      { community: 'd2', strength: 0.3 },
    ],
  });
  g.mergeNodeAttributes('b', { detected: [{ community: 'd1', strength: 1 }] });
  g.mergeNodeAttributes('c', { detected: [{ community: 'd2', strength: 1 }] });
  g.mergeNodeAttributes('d', { detected: [] });
  g.mergeNodeAttributes('e', {
    detected: [
      { community: 'd2', strength: 0.6 },
      { community: 'd1', strength: 0.4 },
    ],
  });
  return g;
}

describe('legend counts and filter counts', () => {
  it('counts each detected community as its filter does (overlapping members included)', () => {
    const g = overlapping();
    const enc = detectedEncoding(g, [
      { id: 'd1', name: 'One' },
      { id: 'd2', name: 'Two' },
    ]);
    const filterCounts = detectedMemberCounts(g);
    for (const id of ['d1', 'd2']) {
      const entry = enc.entries.find((e) => e.key === id);
      const shown = countVisibleNodes(g, buildReducerContext(g, { ...initialView(), detected: id }, enc));
      expect(entry?.count, id).toBe(filterCounts.get(id));
      expect(entry?.count, id).toBe(shown);
    }
    expect(enc.entries.find((e) => e.key === 'd1')?.count).toBe(3);
    // Each node still takes one colour: its strongest membership.
    expect(enc.keyOf(g.getNodeAttributes('e'))).toBe('d2');
  });

  it('counts each declared community as its filter does', () => {
    const g = buildGraph(wireNetwork());
    const enc = communityEncoding(g, []);
    for (const entry of enc.entries.filter((e) => e.key !== 'OTHER' && e.key !== 'NONE')) {
      const shown = countVisibleNodes(g, buildReducerContext(g, { ...initialView(), community: entry.key }, enc));
      expect(entry.count, entry.key).toBe(shown);
    }
  });

  it('an entry highlights as many stakeholders as it counts, in every colour mode', () => {
    const g = overlapping();
    const encodings = [
      roleEncoding(g),
      communityEncoding(g, []),
      detectedEncoding(g, [
        { id: 'd1', name: 'One' },
        { id: 'd2', name: 'Two' },
      ]),
    ];
    for (const enc of encodings) {
      for (const entry of enc.entries) expect(legendMembers(g, enc, entry.key).size, `${enc.by} ${entry.key}`).toBe(entry.count);
    }
    // A detected community's members include those it holds second (a in d2 as well as d1).
    expect([...legendMembers(g, encodings[2]!, 'd2')].sort()).toEqual(['a', 'c', 'e']);
    expect([...legendMembers(g, encodings[2]!, 'NONE')]).toEqual(['d']);
  });

  it('says how many smaller communities share the grey, and counts their stakeholders', () => {
    const n = COMMUNITY_PALETTE.length + 4;
    const nodes: WireNetwork['nodes'] = [];
    for (let k = 0; k < n; k++) {
      for (let m = 0; m < n - k; m++) {
        nodes.push({
          key: `c${k}-${m}`,
          attributes: { label: 'x', kind: 'PERSON', roles: [], communities: [`c${k}`], degree: 1 },
        });
      }
    }
    const g = buildGraph({ attributes: { truncated: false, totalNodes: nodes.length, totalEdges: 0 }, nodes, edges: [] });
    const other = communityEncoding(g, []).entries.at(-1);
    expect(other?.label).toBe('Other: 4 smaller communities');
    expect(other?.count).toBe(4 + 3 + 2 + 1);
    expect(otherCommunitiesLabel(1, 'detected ')).toBe('Other: 1 smaller detected community');
  });
});
