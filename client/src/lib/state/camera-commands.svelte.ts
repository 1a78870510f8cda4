// Camera requests from outside the map (search, panels) as state; CameraController carries them out.

import type { UrlCamera } from './url-state';

export type CameraCommand =
  | { kind: 'focus'; node: string }
  | { kind: 'fit'; nodes: readonly string[] }
  | { kind: 'reset' }
  | { kind: 'set'; camera: UrlCamera };

export class CameraCommands {
  /** The latest request with a sequence number, so repeating the same request still fires. */
  pending = $state.raw<{ seq: number; command: CameraCommand } | null>(null);
  #seq = 0;

  focus = (node: string): void => {
    this.pending = { seq: ++this.#seq, command: { kind: 'focus', node } };
  };

  /** Brings these nodes into view (a highlight's or a drill-down's members). */
  fit = (nodes: readonly string[]): void => {
    this.pending = { seq: ++this.#seq, command: { kind: 'fit', nodes } };
  };

  /** The camera as last reported by the map (debounced); the URL carries it. */
  current = $state.raw<UrlCamera | null>(null);

  set = (camera: UrlCamera): void => {
    this.pending = { seq: ++this.#seq, command: { kind: 'set', camera } };
  };

  reset = (): void => {
    this.pending = { seq: ++this.#seq, command: { kind: 'reset' } };
  };
}
