// Who warm introductions start from: our employees (the default) or a chosen set of people; pure transitions.
import type { IntroductionPathsQueryVariables, Role } from '../graphql/generated/graphql';

export interface Person {
  id: string;
  name: string;
}

export type SourceMode = 'employees' | 'chosen';

export interface IntroSources {
  mode: SourceMode;
  /** The chosen people, in the order they were added (kept while the mode is "employees", for switching back). */
  people: readonly Person[];
}

/** At most this many chosen people (the server searches from every one of them). */
export const MAX_SOURCES = 200;
export const MAX_HOPS = 4;
/** The role the default source set holds. */
export const EMPLOYEE_ROLES: readonly Role[] = ['EMPLOYEE'];

export function initialSources(): IntroSources {
  return { mode: 'employees', people: [] };
}

export function setSourceMode(s: IntroSources, mode: SourceMode): IntroSources {
  return s.mode === mode ? s : { ...s, mode };
}

/** Adds people not already chosen (up to MAX_SOURCES) and switches to the chosen set. */
export function addSources(s: IntroSources, people: readonly Person[]): IntroSources {
  const held = new Set(s.people.map((p) => p.id));
  const added: Person[] = [];
  for (const p of people) {
    if (held.has(p.id) || s.people.length + added.length >= MAX_SOURCES) continue;
    held.add(p.id);
    added.push({ id: p.id, name: p.name });
  }
  if (added.length === 0) return s.mode === 'chosen' || people.length === 0 ? s : { ...s, mode: 'chosen' };
  return { mode: 'chosen', people: [...s.people, ...added] };
}

export function removeSource(s: IntroSources, id: string): IntroSources {
  return s.people.some((p) => p.id === id) ? { ...s, people: s.people.filter((p) => p.id !== id) } : s;
}

export function clearSources(s: IntroSources): IntroSources {
  return s.people.length === 0 ? s : { ...s, people: [] };
}

/** The chosen people a search for `target` starts from (the target itself is left out). */
export function effectiveSources(s: IntroSources, target: string): Person[] {
  return s.people.filter((p) => p.id !== target);
}

/**
 * The introductionPaths variables for a target: fromRoles EMPLOYEE by default, else `from` the chosen people
 * (without the target). Null when the chosen set is empty, so nothing is asked.
 */
export function introVariables(
  s: IntroSources,
  target: string,
  k: number,
  maxHops = MAX_HOPS,
): IntroductionPathsQueryVariables | null {
  const kk = Math.min(10, Math.max(1, Math.round(Number.isFinite(k) ? k : 3)));
  if (s.mode === 'employees') return { fromRoles: [...EMPLOYEE_ROLES], to: target, k: kk, maxHops };
  const from = effectiveSources(s, target).map((p) => p.id);
  return from.length === 0 ? null : { from, to: target, k: kk, maxHops };
}

/** "our employees", "Ada Lovelace", "Ada Lovelace and 2 others". */
export function sourcesLabel(s: IntroSources, target?: string): string {
  if (s.mode === 'employees') return 'our employees';
  const people = target === undefined ? [...s.people] : effectiveSources(s, target);
  const [first] = people;
  if (first === undefined) return 'nobody yet';
  if (people.length === 1) return first.name;
  return `${first.name} and ${people.length - 1} other${people.length === 2 ? '' : 's'}`;
}
