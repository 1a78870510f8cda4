// The Audit view's state: filters, the rows loaded so far, "load more" by cursor, loading and errors.
import { AuditEventsDocument, type AuditEventNode } from '../graphql/auth-types';
import { describeError, request } from '../graphql/client';
import { appendEvents, auditVariables, emptyAuditFilters, rangeProblem, type AuditFilters } from './audit-transitions';

export class AuditLog {
  filters = $state<AuditFilters>({ ...emptyAuditFilters });
  rows = $state.raw<AuditEventNode[]>([]);
  total = $state<number | null>(null);
  cursor = $state<string | null>(null);
  hasMore = $state(false);
  loading = $state(false);
  error = $state<string | null>(null);

  #controller: AbortController | null = null;
  /** The filters of the rows shown: "Load more" continues them, even when the form has been edited since. */
  #applied: AuditFilters = { ...emptyAuditFilters };

  /** Loads the first page for the current filters (replacing the rows). */
  search = async (): Promise<void> => {
    const problem = rangeProblem(this.filters);
    if (problem !== null) {
      this.error = problem;
      return;
    }
    this.#applied = { ...this.filters };
    await this.#load(null);
  };

  loadMore = async (): Promise<void> => {
    if (this.hasMore && !this.loading) await this.#load(this.cursor);
  };

  clearFilters = async (): Promise<void> => {
    this.filters = { ...emptyAuditFilters };
    await this.search();
  };

  async #load(after: string | null): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.loading = true;
    this.error = null;
    try {
      const { auditEvents } = await request(AuditEventsDocument, auditVariables(this.#applied, after), {
        signal: controller.signal,
      });
      if (controller.signal.aborted) return;
      const page = auditEvents.edges.map((e) => e.node);
      this.rows = after === null ? page : appendEvents(this.rows, page);
      this.total = auditEvents.totalCount;
      this.cursor = auditEvents.pageInfo.endCursor;
      this.hasMore = auditEvents.pageInfo.hasNextPage;
    } catch (error) {
      if (controller.signal.aborted) return;
      this.error = describeError(error);
    } finally {
      if (!controller.signal.aborted) this.loading = false;
    }
  }

  dispose = (): void => {
    this.#controller?.abort();
  };
}
