// The shape of `window.__atlas`, the read-only probe e2e tests use to see what the map draws.

export interface AtlasTestHook {
  order(): number;
  size(): number;
  /** Nodes sigma draws after the reducers (filters applied). */
  visibleNodes(): number;
  /** Drawn nodes in the current highlight (0 without one). */
  highlightedNodes(): number;
  highlightKey(): string | null;
  /** Drawn nodes shown as pies of their overlapping detected memberships. */
  pieNodes(): number;
  /** Drawn nodes of the highlight whose centre is inside the map's viewport. */
  highlightedInView(): number;
  selected(): string | null;
  layoutRunning(): boolean;
  /** Whether ties are still being added after the first frame (large networks). */
  tiesLoading(): boolean;
  /** How the last layout run ended: settled, budget or stopped (null while running). */
  layoutEnd(): string | null;
  /** Iterations the last finished layout run made. */
  layoutIterations(): number;
  camera(): { x: number; y: number; ratio: number; angle: number };
  /** A node's layout position (graph coordinates). */
  nodePosition(node: string): { x: number; y: number } | null;
  /** Where a node is drawn, in pixels from the map's top left (null when it is not drawn). */
  nodeInViewport(node: string): { x: number; y: number } | null;
  /** The node under the pointer, as the map's hover sees it. */
  hovered(): string | null;
  /** The n best-connected stakeholders on the map. */
  topNodes(n: number): Array<{ key: string; label: string }>;
  /**
   * The thickest drawn tie between two stakeholders (either direction): its size as sigma draws it and its pair's
   * relationship strength; null when no tie between them is drawn.
   */
  tieBetween(a: string, b: string): { size: number; strength: number } | null;
}

declare global {
  interface Window {
    __atlas?: AtlasTestHook;
  }
}
