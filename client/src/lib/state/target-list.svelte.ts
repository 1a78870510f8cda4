// The target list as a small rune class: people added from anywhere, persisted in localStorage.
import type { KeyValueStore } from '../graph/positions';
import { addTarget, parseTargets, removeTarget, type Target } from './target-transitions';

export const TARGETS_KEY = 'atlas:targets';

/** The current instant as ISO text (a plain value, nothing reactive). */
function nowIso(): string {
  return new Date(Date.now()).toISOString();
}

export class TargetList {
  items = $state.raw<readonly Target[]>([]);
  #store: KeyValueStore | null;

  constructor(store: KeyValueStore | null) {
    this.#store = store;
    try {
      this.items = parseTargets(store?.getItem(TARGETS_KEY) ?? null);
    } catch {
      this.items = [];
    }
  }

  has = (id: string): boolean => this.items.some((t) => t.id === id);

  add = (target: Omit<Target, 'addedAt'>): void => {
    this.#set(addTarget(this.items, { ...target, addedAt: nowIso() }));
  };

  remove = (id: string): void => this.#set(removeTarget(this.items, id));

  toggle = (target: Omit<Target, 'addedAt'>): void => (this.has(target.id) ? this.remove(target.id) : this.add(target));

  clear = (): void => this.#set([]);

  #set(items: readonly Target[]): void {
    this.items = items;
    try {
      this.#store?.setItem(TARGETS_KEY, JSON.stringify(items));
    } catch {
      // Storage full or blocked: the list still works for this session.
    }
  }
}
