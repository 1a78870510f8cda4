// Saved layouts: order-independent node-set hash, exact restore, refusal of mismatched layouts, bounded storage.
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../client/src/lib/graph/model';
import {
  applySerialisedPositions,
  MAX_SAVED_LAYOUTS,
  nodeSetHash,
  POSITIONS_INDEX,
  restorePositions,
  savePositions,
  serialisePositions,
  type KeyValueStore,
} from '../../../client/src/lib/graph/positions';
import { wireNetwork } from './fixtures';

function memoryStore(): KeyValueStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

function placed() {
  const g = buildGraph(wireNetwork());
  g.forEachNode((n, _a) => g.mergeNodeAttributes(n, { x: n.charCodeAt(0) * 1.5, y: -n.charCodeAt(0) }));
  return g;
}

describe('saved positions', () => {
  it('hashes a node set independently of order', () => {
    expect(nodeSetHash(['a', 'b', 'c'])).toBe(nodeSetHash(['c', 'a', 'b']));
    expect(nodeSetHash(['a', 'b', 'c'])).not.toBe(nodeSetHash(['a', 'b', 'd']));
    expect(nodeSetHash(['a', 'b'])).not.toBe(nodeSetHash(['a', 'b', 'c']));
  });

  it('restores exactly what was saved for the same node set', () => {
    const store = memoryStore();
    const g = placed();
    expect(savePositions(g, store)).toBe(true);
    const fresh = buildGraph(wireNetwork());
    expect(restorePositions(fresh, store)).toBe(true);
    fresh.forEachNode((n, a) => {
      expect(a.x).toBeCloseTo(g.getNodeAttribute(n, 'x'), 2);
      expect(a.y).toBeCloseTo(g.getNodeAttribute(n, 'y'), 2);
    });
  });

  it('does not restore onto another node set or from malformed text', () => {
    const store = memoryStore();
    savePositions(placed(), store);
    const other = buildGraph({ ...wireNetwork(), nodes: wireNetwork().nodes.slice(0, 4), edges: [] });
    expect(restorePositions(other, store)).toBe(false);
    const g = buildGraph(wireNetwork());
    expect(applySerialisedPositions(g, 'not json')).toBe(false);
    expect(applySerialisedPositions(g, JSON.stringify({ v: 1, keys: ['a'], xy: [1, 2] }))).toBe(false);
    expect(applySerialisedPositions(g, serialisePositions(other))).toBe(false);
  });

  it('keeps only the most recent layouts', () => {
    const store = memoryStore();
    const base = wireNetwork();
    for (let i = 0; i < MAX_SAVED_LAYOUTS + 3; i++) {
      const g = buildGraph({
        ...base,
        nodes: [
          ...base.nodes,
          { key: `extra-${i}`, attributes: { label: 'x', kind: 'PERSON', roles: [], communities: [], degree: 0 } },
        ],
      });
      savePositions(g, store);
    }
    const index = JSON.parse(store.getItem(POSITIONS_INDEX) ?? '[]') as string[];
    expect(index).toHaveLength(MAX_SAVED_LAYOUTS);
    expect(store.map.size).toBe(MAX_SAVED_LAYOUTS + 1);
  });

  it('gives up quietly when storage is full', () => {
    const store = memoryStore();
    const full: KeyValueStore = {
      ...store,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(savePositions(placed(), full)).toBe(false);
    expect(restorePositions(buildGraph(wireNetwork()), null)).toBe(false);
  });
});
