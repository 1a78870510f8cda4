// What the Import panel says about a running import job: "312,000 of 1,200,000 rows · 41,000 rows/s · 26 %".
import { formatCount } from '../components/format';

export interface ImportJobProgress {
  status: 'RUNNING' | 'DONE' | 'FAILED' | 'CANCELLED';
  phase: string;
  rowsDone: number;
  rowsTotal: number;
  rowsPerSecond: number;
  percent: number;
  cancelRequested: boolean;
}

/** Polling interval of a running job (ms). */
export const IMPORT_POLL_MS = 500;

/** The counts line: rows once the import is planned, else what it is doing first. */
export function importProgressLabel(job: ImportJobProgress): string {
  if (job.rowsTotal <= 0) return job.phase === 'reading' ? 'Reading the file…' : 'Checking the rows and matching identities…';
  return `${formatCount(job.rowsDone)} of ${formatCount(job.rowsTotal)} rows · ${formatCount(job.rowsPerSecond)} rows/s · ${job.percent} %`;
}

/** The phase line under the bar. */
export function importPhaseLabel(job: ImportJobProgress): string {
  if (job.phase === 'undoing') return 'Cancelling: removing what was written…';
  if (job.cancelRequested) return 'Cancelling at the next batch…';
  if (job.phase === 'planned') return 'Planned; writing starts';
  if (job.phase === 'reading' || job.phase === 'resolving') return 'Preparing';
  return `Writing ${job.phase}`;
}
