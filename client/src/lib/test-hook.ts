// The shape of `window.__atlas`, the read-only probe e2e tests use to see what the map draws.

export interface AtlasTestHook {
  order(): number;
  size(): number;
  /** Nodes sigma draws after the reducers (filters applied). */
  visibleNodes(): number;
  /** Drawn nodes in the current highlight (0 without one). */
  highlightedNodes(): number;
  highlightKey(): string | null;
  selected(): string | null;
  layoutRunning(): boolean;
  nodeViewportPosition(node: string): { x: number; y: number } | null;
}

declare global {
  interface Window {
    __atlas?: AtlasTestHook;
  }
}
