// A small counting semaphore per heavy operation: past its permits a request is turned away at once ("busy, retry")
// instead of queueing behind work that can take seconds.

/** Root fields whose work is heavy: big reads, simulations, graph searches, imports and analysis runs. */
export const HEAVY_FIELDS = [
  'Query.network',
  'Query.egoNetwork',
  'Query.engagementPlan',
  'Query.whatIf',
  'Query.introductionPaths',
  'Query.brokersBetween',
  'Mutation.runAnalysis',
  'Mutation.importData',
];

export class OperationGates {
  private readonly running = new Map<string, number>();

  constructor(readonly permits: number) {}

  /**
   * Takes one permit of each named gate, all or none. Returns the release function, or the name of
   * the first gate that is full.
   */
  tryAcquire(names: readonly string[]): { release: () => void } | { busy: string } {
    const unique = [...new Set(names)];
    const full = unique.find((name) => (this.running.get(name) ?? 0) >= this.permits);
    if (full !== undefined) return { busy: full };
    for (const name of unique) this.running.set(name, (this.running.get(name) ?? 0) + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        for (const name of unique) this.running.set(name, (this.running.get(name) ?? 1) - 1);
      },
    };
  }

  inUse(name: string): number {
    return this.running.get(name) ?? 0;
  }
}
