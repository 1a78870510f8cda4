// The target list as a small rune class: people added from anywhere, persisted in localStorage per database (a list
// made on one database does not show up on another).
import type { KeyValueStore } from '../graph/positions';
import { addTarget, parseTargets, removeTarget, targetsStorageKey, type Target } from './target-transitions';

/** The current instant as ISO text (a plain value, nothing reactive). */
function nowIso(): string {
  return new Date(Date.now()).toISOString();
}

export class TargetList {
  items = $state.raw<readonly Target[]>([]);
  #store: KeyValueStore | null;
  /** Null until the database is known: nothing is read or written before. */
  #key: string | null = null;

  constructor(store: KeyValueStore | null) {
    this.#store = store;
  }

  /** Switches to the list kept for this database (null: a server that does not say which database it uses). */
  useDatabase = (databaseId: string | null): void => {
    this.#key = targetsStorageKey(databaseId);
    try {
      this.items = parseTargets(this.#store?.getItem(this.#key) ?? null);
    } catch {
      this.items = [];
    }
  };

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
      if (this.#key !== null) this.#store?.setItem(this.#key, JSON.stringify(items));
    } catch {
      // Storage full or blocked: the list still works for this session.
    }
  }
}
