// How a saved plan's progress and an action's status read in the Act tab's Saved plans.
import type { EngagementActionStatus } from '../graphql/generated/graphql';
import { formatDate } from './format';

export interface ProgressCounts {
  done: number;
  dropped: number;
  open: number;
  overdue: number;
}

/** "7 done · 2 dropped · 11 open, 3 overdue": dropped apart from done and open; nothing said about none dropped. */
export function progressText(p: ProgressCounts): string {
  const parts = [`${p.done} done`, ...(p.dropped > 0 ? [`${p.dropped} dropped`] : []), `${p.open} open`];
  return `${parts.join(' · ')}${p.overdue > 0 ? `, ${p.overdue} overdue` : ''}`;
}

/** An action's standing: done on its day, dropped, overdue since its due day, or due. `today` is YYYY-MM-DD. */
export function actionStatusText(
  a: { status: EngagementActionStatus; due: string; completedAt?: string | null },
  today: string,
): string {
  if (a.status === 'DONE') return a.completedAt ? `done ${formatDate(a.completedAt)}` : 'done';
  if (a.status === 'DROPPED') return 'dropped';
  return a.due < today ? `overdue since ${formatDate(a.due)}` : `due ${formatDate(a.due)}`;
}

export const ACTION_STATUS_LABELS: Record<EngagementActionStatus, string> = {
  OPEN: 'open',
  DONE: 'done',
  DROPPED: 'dropped',
};
