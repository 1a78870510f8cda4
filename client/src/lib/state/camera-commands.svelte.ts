// Camera requests from outside the map (search, panels) as state; CameraController carries them out.

export type CameraCommand = { kind: 'focus'; node: string } | { kind: 'reset' };

export class CameraCommands {
  /** The latest request with a sequence number, so repeating the same request still fires. */
  pending = $state.raw<{ seq: number; command: CameraCommand } | null>(null);
  #seq = 0;

  focus = (node: string): void => {
    this.pending = { seq: ++this.#seq, command: { kind: 'focus', node } };
  };

  reset = (): void => {
    this.pending = { seq: ++this.#seq, command: { kind: 'reset' } };
  };
}
