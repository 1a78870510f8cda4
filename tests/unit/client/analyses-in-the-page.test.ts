// The page's analyses as pure pieces: brokerage roles (main role, grouping), the run history's figures and parameters,
// the tour's dismissal per user, the what-if list and its before/after scene, and the run kept in the URL.
import { describe, expect, it } from 'vitest';
import { groupByMainRole, mainBrokerageRole } from '../../../client/src/lib/graph/brokerage-roles';
import { compareFigures, comparedRuns, parametersLabel } from '../../../client/src/lib/state/run-history';
import { dismissTour, tourDismissed, TOUR_STEPS } from '../../../client/src/lib/state/tour';
import { CUT_OFF_COLOUR, REMOVED_COLOUR, whatIfScene } from '../../../client/src/lib/graph/what-if-scene';
import { decodeUrlState, defaultUrlView, encodeUrlState, historyAction } from '../../../client/src/lib/state/url-state';
import { buildGraph, type WireNetwork } from '../../../client/src/lib/graph/model';
import { heatColour, heatText } from '../../../client/src/lib/graph/community-overlap';
import type { KeyValueStore } from '../../../client/src/lib/graph/positions';

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

describe('brokerage roles', () => {
  it('takes the role with the most brokered pairs, the first on a tie, none without pairs', () => {
    expect(mainBrokerageRole({ coordinator: 3, itinerant: 0, representative: 5, gatekeeper: 5, liaison: null })).toBe(
      'representative',
    );
    expect(mainBrokerageRole({ coordinator: 0, itinerant: 0, representative: 0, gatekeeper: 0, liaison: 0 })).toBeNull();
  });

  it('groups the map by main role; a run without brokerage roles gives null', () => {
    const groups = groupByMainRole({
      ids: ['a', 'b', 'c'],
      scores: {
        coordinator: [1, 0, null],
        itinerant: [0, 0, null],
        representative: [0, 2, null],
        gatekeeper: [0, 0, null],
        liaison: [2, 0, null],
      },
    });
    expect([...groups!.get('liaison')!]).toEqual(['a']);
    expect([...groups!.get('representative')!]).toEqual(['b']);
    expect(groups!.get('coordinator')!.size).toBe(0);
    const none = { coordinator: [null], itinerant: [null], representative: [null], gatekeeper: [null], liaison: [null] };
    expect(groupByMainRole({ ids: ['a'], scores: none })).toBeNull();
  });
});

describe('run history', () => {
  const parameters = {
    resolution: 1,
    threshold: 0.2,
    seed: 42,
    weight: 'TIES' as const,
    roles: null,
    tieTypes: null,
    since: null,
    until: null,
  };
  const summary = {
    nodes: 2000,
    ties: 20000,
    communities: 14,
    modularity: 0.61234,
    overlappingNodes: 40,
    nmi: 0.5,
    ari: 0.3,
    components: 1,
    warnings: [],
  };
  it('puts two runs side by side with the signed change', () => {
    const rows = compareFigures(
      { parameters, summary },
      { parameters, summary: { ...summary, communities: 11, modularity: 0.6, nmi: null } },
    );
    expect(rows.find((r) => r.label === 'Communities')).toEqual({ label: 'Communities', a: '14', b: '11', change: '−3' });
    expect(rows.find((r) => r.label === 'Modularity')).toEqual({ label: 'Modularity', a: '0.612', b: '0.600', change: '−0.012' });
    expect(rows.find((r) => r.label === 'Stakeholders')?.change).toBeNull();
    expect(rows.find((r) => r.label.startsWith('NMI'))).toMatchObject({ b: '—', change: null });
  });

  it('compares the two latest runs, again after a new run, until the user picks two', () => {
    const one = [{ id: 'r1' }];
    const two = [{ id: 'r2' }, { id: 'r1' }];
    const first = comparedRuns(one, null);
    expect(first).toEqual({ first: 'r1', second: 'r1' });
    // A run finished while the panel was open: the comparison moves to it (it stayed on r1 against r1).
    expect(comparedRuns(two, null)).toEqual({ first: 'r1', second: 'r2' });
    expect(comparedRuns([{ id: 'r3' }, ...two], null)).toEqual({ first: 'r2', second: 'r3' });
    // Picked runs stay while they exist; one that is gone falls back to the default.
    expect(comparedRuns([{ id: 'r3' }, ...two], { first: 'r1', second: 'r2' })).toEqual({ first: 'r1', second: 'r2' });
    expect(comparedRuns(two, { first: 'gone', second: 'r1' })).toEqual({ first: 'r1', second: 'r1' });
    expect(comparedRuns([], null)).toEqual({ first: null, second: null });
  });

  it('says a run’s parameters and filters in one line', () => {
    expect(parametersLabel({ parameters })).toBe('resolution 1 · threshold 0.2 · seed 42');
    expect(parametersLabel({ parameters: { ...parameters, roles: ['PARTNER'], since: '2020-01-01' } })).toBe(
      'resolution 1 · threshold 0.2 · seed 42 · roles Partner · dated 2020-01-01 – …',
    );
    expect(parametersLabel({ parameters: { ...parameters, weight: 'RELATIONSHIPS' } })).toBe(
      'resolution 1 · threshold 0.2 · seed 42 · weights relationship strength',
    );
  });

  it('keeps the run shown on the map in the URL (absent: the current run), a change of run is a new history entry', () => {
    const search = encodeUrlState({ view: defaultUrlView(), camera: null, run: 'run-7' });
    expect(search).toBe('run=run-7');
    expect(decodeUrlState(search).run).toBe('run-7');
    expect('run' in decodeUrlState('')).toBe(false);
    expect(historyAction('', search)).toBe('push');
  });
});

describe('first-run tour', () => {
  it('has three steps (map, analyses, act) and stays dismissed per user', () => {
    expect(TOUR_STEPS.map((s) => s.tab)).toEqual(['explore', 'analyse', 'act']);
    const store = memoryStore();
    expect(tourDismissed(store, 'ana')).toBe(false);
    dismissTour(store, 'ana');
    expect(tourDismissed(store, 'ana')).toBe(true);
    expect(tourDismissed(store, 'bo')).toBe(false);
    expect(tourDismissed(null, 'ana')).toBe(false);
  });
});

describe('what-if before/after scene', () => {
  // Community X: a–b–c–d, a path, and g apart; removing b cuts a off from c–d (g was apart already). Y: e–f, untouched.
  const nodes: WireNetwork['nodes'] = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((key) => ({
    key,
    attributes: {
      label: key.toUpperCase(),
      kind: 'PERSON',
      roles: ['CUSTOMER'],
      communities: key < 'e' || key === 'g' ? ['X'] : ['Y'],
      degree: 1,
    },
  }));
  const edges: WireNetwork['edges'] = [
    ['a', 'b'],
    ['b', 'c'],
    ['c', 'd'],
    ['e', 'f'],
  ].map(([source, target]) => ({ source: source!, target: target!, attributes: { type: 'WORKS_WITH', weight: 1, since: null } }));
  const graph = buildGraph({ attributes: { truncated: false, totalNodes: 7, totalEdges: 4, run: null }, nodes, edges });
  const members = (id: string) => new Set(graph.filterNodes((_n, a) => a.communities.includes(id)));

  it('marks the leaver before, drops it after and marks who is cut off from the largest piece', () => {
    const scene = whatIfScene(graph, ['b'], ['X'], members);
    expect(scene.before.order).toBe(5);
    expect(scene.after.getNodeAttribute('g', 'color')).not.toBe(CUT_OFF_COLOUR);
    expect(scene.before.getNodeAttribute('b', 'color')).toBe(REMOVED_COLOUR);
    expect(scene.after.hasNode('b')).toBe(false);
    expect(scene.after.getNodeAttribute('a', 'color')).toBe(CUT_OFF_COLOUR);
    expect(scene.after.getNodeAttribute('c', 'color')).not.toBe(CUT_OFF_COLOUR);
    expect(scene.cutOff).toBe(1);
    expect(scene.before.size).toBe(3);
    expect(scene.after.size).toBe(1);
  });

  it('draws the largest communities first within its budget and says so', () => {
    const scene = whatIfScene(graph, ['b'], ['Y', 'X'], members, 6);
    expect(scene.communities.map((c) => c.id)).toEqual(['X']);
    expect(scene.truncated).toBe(true);
  });
});

describe('heat cells text colour', () => {
  const luminance = (rgb: number[]): number => {
    const lin = (c: number): number => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(rgb[0]!) + 0.7152 * lin(rgb[1]!) + 0.0722 * lin(rgb[2]!);
  };
  const parse = (css: string): number[] =>
    css.startsWith('#') ? [1, 3, 5].map((i) => parseInt(css.slice(i, i + 2), 16)) : css.match(/\d+/g)!.map(Number);

  it('reads at 4.5:1 or better on every shade of the declared-vs-detected table', () => {
    for (let v = 0; v <= 1.0001; v += 0.01) {
      const bg = luminance(parse(heatColour(v)));
      const fg = luminance(parse(heatText(v)));
      const ratio = (Math.max(bg, fg) + 0.05) / (Math.min(bg, fg) + 0.05);
      expect(ratio, `value ${v.toFixed(2)}`).toBeGreaterThanOrEqual(4.5);
    }
  });
});
