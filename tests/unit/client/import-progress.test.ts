// The Import panel's words for a running import job: the counts line and the phase line.
import { describe, expect, it } from 'vitest';
import { importPhaseLabel, importProgressLabel, type ImportJobProgress } from '../../../client/src/lib/act/import-progress';

const job = (over: Partial<ImportJobProgress>): ImportJobProgress => ({
  status: 'RUNNING',
  phase: 'ties (new)',
  rowsDone: 312_000,
  rowsTotal: 1_200_000,
  rowsPerSecond: 41_000,
  percent: 26,
  cancelRequested: false,
  ...over,
});

describe('import progress', () => {
  it('says rows of the total, the rate and the percent', () => {
    expect(importProgressLabel(job({}))).toBe('312,000 of 1,200,000 rows · 41,000 rows/s · 26 %');
  });

  it('says what it does before the rows are known', () => {
    expect(importProgressLabel(job({ phase: 'reading', rowsDone: 0, rowsTotal: 0 }))).toBe('Reading the file…');
    expect(importProgressLabel(job({ phase: 'resolving', rowsDone: 0, rowsTotal: 0 }))).toBe(
      'Checking the rows and matching identities…',
    );
  });

  it('names the phase, and a cancel on its way', () => {
    expect(importPhaseLabel(job({}))).toBe('Writing ties (new)');
    expect(importPhaseLabel(job({ phase: 'planned' }))).toBe('Planned; writing starts');
    expect(importPhaseLabel(job({ cancelRequested: true }))).toBe('Cancelling at the next batch…');
    expect(importPhaseLabel(job({ phase: 'undoing', cancelRequested: true }))).toBe('Cancelling: removing what was written…');
  });
});
