// The what-if removal as a small rune class: who leaves (from search, the selection, a highlight or "what if this person
// leaves"), which communities it is measured on, and the answer; the Analyse tab and the map's before/after share it.
import { describeError, request } from '../graphql/client';
import { WhatIfDocument, type WhatIfQuery } from '../graphql/generated/graphql';
import type { Person } from './intro-sources';

/** The API takes 1–100 stakeholders. */
export const MAX_REMOVED = 100;
export type WhatIfCommunities = 'declared' | 'detected';
export type WhatIfAnswer = WhatIfQuery['whatIf'];

/** Adds people not already on the list, up to MAX_REMOVED. */
export function addPeople(list: readonly Person[], people: readonly Person[]): readonly Person[] {
  // A throwaway lookup, nothing reactive about it.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  const held = new Set(list.map((p) => p.id));
  const out = [...list];
  for (const p of people) {
    if (held.has(p.id) || out.length >= MAX_REMOVED) continue;
    held.add(p.id);
    out.push({ id: p.id, name: p.name });
  }
  return out.length === list.length ? list : out;
}

export class WhatIfState {
  people = $state.raw<readonly Person[]>([]);
  communities = $state<WhatIfCommunities>('declared');
  answer = $state.raw<WhatIfAnswer | null>(null);
  /** What the answer was asked for: its people and communities (the list may have changed since). */
  askedFor = $state.raw<{ people: readonly Person[]; communities: WhatIfCommunities } | null>(null);
  busy = $state(false);
  error = $state<string | null>(null);
  /** Before/after side by side over the map. */
  compare = $state(false);
  /** Set by "what if this person leaves" elsewhere: the panel runs it when it shows. */
  pending = $state(false);
  #controller: AbortController | null = null;

  add = (people: readonly Person[]): void => void (this.people = addPeople(this.people, people));
  /** Asks about these people alone, as soon as the panel shows. */
  ask = (people: readonly Person[]): void => {
    this.clear();
    this.add(people);
    this.pending = true;
  };
  remove = (id: string): void => void (this.people = this.people.filter((p) => p.id !== id));
  clear = (): void => {
    this.#controller?.abort();
    this.people = [];
    this.answer = null;
    this.askedFor = null;
    this.compare = false;
    this.error = null;
    this.busy = false;
  };

  /** Asks the server; `run` is the run whose detected communities are used (null: declared communities). */
  run = async (run: string | null): Promise<void> => {
    if (this.people.length === 0) return;
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    const people = this.people;
    const communities = run === null ? 'declared' : this.communities;
    this.busy = true;
    this.error = null;
    try {
      const { whatIf } = await request(
        WhatIfDocument,
        { remove: people.map((p) => p.id), run: communities === 'detected' ? run : null },
        { signal: controller.signal },
      );
      if (controller.signal.aborted) return;
      this.answer = whatIf;
      this.askedFor = { people, communities };
    } catch (e) {
      if (!controller.signal.aborted) this.error = describeError(e);
    } finally {
      if (this.#controller === controller) this.busy = false;
    }
  };
}
