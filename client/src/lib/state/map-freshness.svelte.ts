// Watches whether the map still shows the newest analysis of the newest data: asks the server every few seconds while
// the page is visible (one small query) and exposes the notices (docs/decisions/109-community-map-analyses-and-freshness.md).
import { request } from '../graphql/client';
import { MapFreshnessDocument } from '../graphql/generated/graphql';
import { FRESH, freshnessOf, type Freshness } from './freshness';

export class MapFreshness {
  current = $state.raw<Freshness>(FRESH);

  #shown: string | null = null;
  #olderOnPurpose = false;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #controller: AbortController | null = null;

  readonly #pollMs: number;

  constructor(pollMs: number) {
    this.#pollMs = pollMs;
  }

  /** Watches the run a map shows (null: none); `olderOnPurpose` when the user chose an older run from the history. */
  watch = (shown: string | null, olderOnPurpose: boolean): void => {
    if (shown === this.#shown && olderOnPurpose === this.#olderOnPurpose) return;
    this.#shown = shown;
    this.#olderOnPurpose = olderOnPurpose;
    this.current = FRESH;
    this.#stop();
    if (shown !== null) void this.check();
  };

  /** Asks now (and again after the poll interval). */
  check = async (): Promise<void> => {
    this.#stop();
    const shown = this.#shown;
    if (shown === null) return;
    const controller = new AbortController();
    this.#controller = controller;
    try {
      if (typeof document === 'undefined' || document.visibilityState !== 'hidden') {
        const answer = await request(MapFreshnessDocument, { shown }, { signal: controller.signal });
        if (controller.signal.aborted || shown !== this.#shown) return;
        this.current = freshnessOf(shown, answer, this.#olderOnPurpose);
      }
    } catch {
      // A failed check says nothing new: the next one may answer.
    }
    if (controller.signal.aborted || shown !== this.#shown) return;
    this.#timer = setTimeout(() => void this.check(), this.#pollMs);
  };

  #stop(): void {
    this.#controller?.abort();
    this.#controller = null;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  dispose = (): void => {
    this.#shown = null;
    this.#stop();
  };
}
