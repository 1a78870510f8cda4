// Warm-introduction sources: employees by default, or chosen people; the introductionPaths variables they give.
import { describe, expect, it } from 'vitest';
import * as t from '../../../client/src/lib/state/intro-sources';

const ada = { id: 'a', name: 'Ada' };
const ben = { id: 'b', name: 'Ben' };
const cy = { id: 'c', name: 'Cy' };

describe('source set transitions', () => {
  it('starts from our employees with nobody chosen', () => {
    expect(t.initialSources()).toEqual({ mode: 'employees', people: [] });
    expect(t.sourcesLabel(t.initialSources())).toBe('our employees');
  });

  it('adding people switches to the chosen set, keeps the order and skips duplicates', () => {
    const s = t.addSources(t.initialSources(), [ada, ben]);
    expect(s.mode).toBe('chosen');
    const again = t.addSources(s, [ben, cy, ada]);
    expect(again.people.map((p) => p.id)).toEqual(['a', 'b', 'c']);
    expect(t.addSources(again, [ada])).toBe(again);
  });

  it('caps the set at MAX_SOURCES', () => {
    const many = Array.from({ length: t.MAX_SOURCES + 25 }, (_, i) => ({ id: `p${i}`, name: `P ${i}` }));
    const s = t.addSources(t.initialSources(), many);
    expect(s.people).toHaveLength(t.MAX_SOURCES);
    expect(t.addSources(s, [{ id: 'late', name: 'Late' }])).toBe(s);
  });

  it('keeps the chosen people when switching back to employees, and removes or clears them', () => {
    const s = t.addSources(t.initialSources(), [ada, ben]);
    const employees = t.setSourceMode(s, 'employees');
    expect(employees.people).toHaveLength(2);
    expect(t.setSourceMode(employees, 'employees')).toBe(employees);
    // Re-adding someone already chosen still switches to the chosen set.
    expect(t.addSources(employees, [ada]).mode).toBe('chosen');
    expect(t.removeSource(s, 'a').people).toEqual([ben]);
    expect(t.removeSource(s, 'zz')).toBe(s);
    expect(t.clearSources(s).people).toEqual([]);
  });

  it('never mutates its input', () => {
    const s = Object.freeze(t.addSources(t.initialSources(), [ada]));
    expect(() => t.removeSource(t.addSources(s, [ben]), 'a')).not.toThrow();
    expect(s.people).toEqual([ada]);
  });
});

describe('introductionPaths variables', () => {
  it('ask from the EMPLOYEE role by default', () => {
    expect(t.introVariables(t.initialSources(), 'x', 3)).toEqual({ fromRoles: ['EMPLOYEE'], to: 'x', k: 3, maxHops: 4 });
  });

  it('ask from the chosen people, leaving the target out', () => {
    const s = t.addSources(t.initialSources(), [ada, ben, cy]);
    expect(t.introVariables(s, 'b', 2)).toEqual({ from: ['a', 'c'], to: 'b', k: 2, maxHops: 4 });
    expect(t.sourcesLabel(s, 'b')).toBe('Ada and 1 other');
    expect(t.sourcesLabel(s)).toBe('Ada and 2 others');
  });

  it('give nothing to ask when the chosen set is empty or only holds the target', () => {
    const empty = t.setSourceMode(t.initialSources(), 'chosen');
    expect(t.introVariables(empty, 'x', 3)).toBeNull();
    expect(t.sourcesLabel(empty)).toBe('nobody yet');
    const onlyTarget = t.addSources(t.initialSources(), [ada]);
    expect(t.introVariables(onlyTarget, 'a', 3)).toBeNull();
    expect(t.sourcesLabel(onlyTarget)).toBe('Ada');
  });

  it('clamp k to 1–10', () => {
    expect(t.introVariables(t.initialSources(), 'x', 0)?.k).toBe(1);
    expect(t.introVariables(t.initialSources(), 'x', 42)?.k).toBe(10);
    expect(t.introVariables(t.initialSources(), 'x', Number.NaN)?.k).toBe(3);
  });
});
