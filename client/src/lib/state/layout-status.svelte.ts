// Whether the layout is running and how it last ended, for the header and the layout button.
import type { LayoutEnd } from '../graph/layout';

export class LayoutStatus {
  running = $state(false);
  lastEnd = $state<LayoutEnd | null>(null);
  /** Iterations of the last run, known when it ends. */
  iterations = $state(0);
  /** Whether the positions shown came from a saved layout (the layout did not run). */
  restored = $state(false);
  /** Whether the positions shown came from the server (the run's map; the layout did not run). */
  fromServer = $state(false);
  /** Whether the last run's positions were saved. */
  saved = $state(false);
  /** Bumped to ask the LayoutController to run again. */
  runRequests = $state(0);
  /** Bumped to ask the LayoutController to stop. */
  stopRequests = $state(0);

  requestRun = (): void => {
    this.restored = false;
    this.fromServer = false;
    this.runRequests++;
  };
  requestStop = (): void => {
    this.stopRequests++;
  };
}
