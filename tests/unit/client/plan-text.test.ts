// How a saved plan's progress and its actions read: dropped actions counted apart, overdue only for open ones.
import { expect, it } from 'vitest';
import { actionStatusText, progressText } from '../../../client/src/lib/components/plan-text.js';

it('counts done, dropped and open apart, and says how many are overdue', () => {
  expect(progressText({ done: 7, dropped: 2, open: 11, overdue: 0 })).toBe('7 done · 2 dropped · 11 open');
  expect(progressText({ done: 0, dropped: 0, open: 3, overdue: 0 })).toBe('0 done · 3 open');
  expect(progressText({ done: 1, dropped: 0, open: 2, overdue: 2 })).toBe('1 done · 2 open, 2 overdue');
});

it('reads an action as done on its day, dropped, overdue or due', () => {
  const today = '2026-11-30';
  expect(actionStatusText({ status: 'DONE', due: '2026-12-01', completedAt: '2026-11-20T10:00:00Z' }, today)).toBe(
    'done 20 Nov 2026',
  );
  expect(actionStatusText({ status: 'DROPPED', due: '2026-11-01' }, today)).toBe('dropped');
  expect(actionStatusText({ status: 'OPEN', due: '2026-11-29' }, today)).toBe('overdue since 29 Nov 2026');
  expect(actionStatusText({ status: 'OPEN', due: '2026-11-30' }, today)).toBe('due 30 Nov 2026');
});
