// Pure pieces of the run history: a run's parameters in one line, and two runs' figures side by side.
import type { RunFieldsFragment } from '../graphql/generated/graphql';
import { ROLE_LABELS } from '../graph/model';
import { formatCount, tieLabel } from '../components/format';

type Run = Pick<RunFieldsFragment, 'parameters' | 'summary'>;

/** "resolution 1 · threshold 0.2 · seed 42", then the filters the run had (roles, tie types, dates). */
export function parametersLabel(run: Pick<RunFieldsFragment, 'parameters'>): string {
  const p = run.parameters;
  const parts = [`resolution ${p.resolution}`, `threshold ${p.threshold}`, `seed ${p.seed}`];
  if (p.roles && p.roles.length > 0) parts.push(`roles ${p.roles.map((r) => ROLE_LABELS[r]).join(', ')}`);
  if (p.tieTypes && p.tieTypes.length > 0) parts.push(`ties ${p.tieTypes.map(tieLabel).join(', ')}`);
  if (p.since || p.until) parts.push(`dated ${p.since ?? '…'} – ${p.until ?? '…'}`);
  // Tie weights are the default; a run weighted by measured relationships says so.
  if (p.weight !== 'TIES')
    parts.push(`weights ${p.weight === 'RELATIONSHIPS' ? 'relationship strength' : 'ties and relationships blended'}`);
  return parts.join(' · ');
}

export interface FigureRow {
  label: string;
  a: string;
  b: string;
  /** b − a, signed; null when either is missing or they are equal. */
  change: string | null;
}

interface Figure {
  label: string;
  value: (s: NonNullable<Run['summary']>) => number | null | undefined;
  digits: number;
}

const FIGURES: readonly Figure[] = [
  { label: 'Stakeholders', value: (s) => s.nodes, digits: 0 },
  { label: 'Ties', value: (s) => s.ties, digits: 0 },
  { label: 'Communities', value: (s) => s.communities, digits: 0 },
  { label: 'Modularity', value: (s) => s.modularity, digits: 3 },
  { label: 'Overlapping members', value: (s) => s.overlappingNodes, digits: 0 },
  { label: 'Components', value: (s) => s.components, digits: 0 },
  { label: 'NMI (declared vs detected)', value: (s) => s.nmi, digits: 3 },
  { label: 'ARI (declared vs detected)', value: (s) => s.ari, digits: 3 },
];

function show(x: number | null | undefined, digits: number): string {
  if (x === null || x === undefined) return '—';
  return digits === 0 ? formatCount(x) : x.toFixed(digits);
}

/** The figures of two runs side by side, with the change from a to b. */
export function compareFigures(a: Run, b: Run): FigureRow[] {
  return FIGURES.map((f) => {
    const x = a.summary ? f.value(a.summary) : null;
    const y = b.summary ? f.value(b.summary) : null;
    let change: string | null = null;
    if (x !== null && x !== undefined && y !== null && y !== undefined) {
      const d = Number((y - x).toFixed(f.digits));
      if (d !== 0) change = `${d > 0 ? '+' : '−'}${show(Math.abs(d), f.digits)}`;
    }
    return { label: f.label, a: show(x, f.digits), b: show(y, f.digits), change };
  });
}

export interface ComparedRuns {
  first: string | null;
  second: string | null;
}

/**
 * The two runs the history compares (complete runs, newest first): the ones the user picked while they are still
 * complete, else the run before the latest and the latest, chosen again after every new run until the user picks (a
 * run that finished while the panel was open was left out of the comparison).
 */
export function comparedRuns(complete: ReadonlyArray<{ id: string }>, picked: ComparedRuns | null): ComparedRuns {
  const kept = (id: string | null | undefined): string | null =>
    id !== null && id !== undefined && complete.some((r) => r.id === id) ? id : null;
  return {
    first: kept(picked?.first) ?? complete[1]?.id ?? complete[0]?.id ?? null,
    second: kept(picked?.second) ?? complete[0]?.id ?? null,
  };
}
