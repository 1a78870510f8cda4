// Import jobs: an import started from the page (startImport) runs in this server process while the page polls
// its progress (phase, rows, rows/s, percent) and may cancel it (docs/decisions/106-import-jobs.md).
// One job runs at a time; finished jobs are kept an hour, at most KEEP_FINISHED of them, in memory only.
import { randomUUID } from 'node:crypto';
import { detached } from '../db/cancellation.js';
import { ImportCancelledError, type ImportControl, type ImportProgress, type ImportReport } from './import-bundle.js';

export type ImportJobStatus = 'RUNNING' | 'DONE' | 'FAILED' | 'CANCELLED';

/** A job as the API shows it: counts and phase names only, no imported values. */
export interface ImportJob {
  readonly id: string;
  /** The user who started it (they or an admin may cancel it). */
  readonly startedBy: string | null;
  /** ISO timestamps. */
  readonly startedAt: string;
  finishedAt: string | null;
  status: ImportJobStatus;
  phase: string;
  rowsDone: number;
  /** Rows to write, known once the import is planned (0 before). */
  rowsTotal: number;
  rowsPerSecond: number;
  cancelRequested: boolean;
  /** False once the import commits or changes what existed before: from then on it runs to its end. */
  cancellable: boolean;
  /** When DONE: the import's report, the values that matched merged records masked. */
  report: ImportReport | null;
  /** When FAILED: what happened, in our words (the database's message may quote imported values). */
  error: string | null;
}

/** The work of one job: parse, validate and write, reporting through the hooks. */
export type ImportWork = (hooks: {
  setPhase: (phase: string) => void;
  onProgress: (progress: ImportProgress) => void;
  control: ImportControl;
}) => Promise<ImportReport>;

/** A second import asked for while one runs. */
export class ImportBusyError extends Error {
  constructor(readonly runningId: string) {
    super(`an import is already running (job ${runningId}); wait for it to finish or cancel it`);
    this.name = 'ImportBusyError';
  }
}

export const KEEP_FINISHED_MS = 60 * 60 * 1000;
export const KEEP_FINISHED = 20;
const MASK = '•••';

const FAILED_MESSAGE =
  'The import stopped on an error while writing. An import of up to 50,000 rows wrote nothing; a larger one keeps ' +
  'the batches written so far (importing the same file again completes it).';

/** 0–100: rows written of rows to write; 100 once done. */
export function percentOf(job: ImportJob): number {
  if (job.status === 'DONE') return 100;
  if (job.rowsTotal <= 0) return 0;
  return Math.min(100, Math.floor((job.rowsDone / job.rowsTotal) * 100));
}

export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>();

  constructor(
    private readonly keepMs = KEEP_FINISHED_MS,
    private readonly keepCount = KEEP_FINISHED,
  ) {}

  /** Starts `work` as a new job and returns it at once; throws ImportBusyError while another job runs. */
  start(work: ImportWork, startedBy: string | null): ImportJob {
    this.prune();
    const running = [...this.jobs.values()].find((job) => job.status === 'RUNNING');
    if (running) throw new ImportBusyError(running.id);
    const job: ImportJob = {
      id: `import-${randomUUID()}`,
      startedBy,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      status: 'RUNNING',
      phase: 'reading',
      rowsDone: 0,
      rowsTotal: 0,
      rowsPerSecond: 0,
      cancelRequested: false,
      cancellable: true,
      report: null,
      error: null,
    };
    this.jobs.set(job.id, job);
    // Outside the request that started it (its end must not cancel the import's transactions), and after
    // the answer went out: parsing a large file holds the event loop for a while.
    detached(() => setImmediate(() => void this.run(job, work)));
    return job;
  }

  get(id: string): ImportJob | null {
    this.prune();
    return this.jobs.get(id) ?? null;
  }

  /** Asks a running, still cancellable job to stop at its next batch boundary; false when it can no longer be. */
  requestCancel(job: ImportJob): boolean {
    if (job.status !== 'RUNNING' || !job.cancellable) return false;
    job.cancelRequested = true;
    return true;
  }

  private async run(job: ImportJob, work: ImportWork): Promise<void> {
    const control: ImportControl = {
      stopRequested: () => job.cancelRequested,
      pastUndo: () => {
        job.cancellable = false;
      },
    };
    try {
      const report = await work({
        setPhase: (phase) => {
          job.phase = phase;
        },
        onProgress: (progress) => {
          job.phase = progress.phase;
          job.rowsDone = progress.done;
          job.rowsTotal = progress.total;
          job.rowsPerSecond = progress.rowsPerSecond;
        },
        control,
      });
      // A cancel that came before any write (a dry run, a rejected file) leaves nothing to undo.
      if (job.cancelRequested && job.cancellable) {
        job.status = 'CANCELLED';
      } else {
        job.report = { ...report, merges: report.merges.map((merge) => ({ ...merge, value: MASK })) };
        job.status = 'DONE';
        job.phase = 'done';
        job.rowsDone = job.rowsTotal;
      }
    } catch (error) {
      if (error instanceof ImportCancelledError) {
        job.status = 'CANCELLED';
        job.phase = 'cancelled';
        job.rowsDone = 0;
      } else {
        job.status = 'FAILED';
        job.error = FAILED_MESSAGE;
        // The error's name only: its message may quote imported values (personal data stays out of logs).
        console.error(`import job ${job.id} failed: ${error instanceof Error ? error.name : typeof error}`);
      }
    } finally {
      job.cancellable = false;
      job.finishedAt = new Date().toISOString();
    }
  }

  /** Forgets finished jobs older than keepMs, and the oldest finished ones past keepCount. */
  private prune(): void {
    const now = Date.now();
    const finished = [...this.jobs.values()].filter((job) => job.finishedAt !== null);
    for (const job of finished) if (now - Date.parse(job.finishedAt!) > this.keepMs) this.jobs.delete(job.id);
    const kept = finished.filter((job) => this.jobs.has(job.id));
    for (const job of kept.slice(0, Math.max(0, kept.length - this.keepCount))) this.jobs.delete(job.id);
  }
}
