// The first-run tour's steps and whether a user dismissed it (kept per user in the browser).
import type { KeyValueStore } from '../graph/positions';

export interface TourStep {
  title: string;
  text: string;
  /** The tab the step is about (opened when the step shows). */
  tab: 'explore' | 'analyse' | 'act';
}

export const TOUR_STEPS: readonly TourStep[] = [
  {
    title: 'What the map shows',
    text: 'Each dot is a stakeholder — a person or an organisation — coloured by role or community and sized by ties. Lines are ties. Hover to see a neighbourhood, click for details. Explore holds search, the legend and filters.',
    tab: 'explore',
  },
  {
    title: 'Where the analyses are',
    text: 'Analyse runs community detection and influence scores, keeps the history of runs (compare two, show an older one on the map) and answers “what if these people leave?”.',
    tab: 'analyse',
  },
  {
    title: 'Where to act',
    text: 'Act turns it into work: who connects two groups, engagement plans, warm introductions, and a target list to export.',
    tab: 'act',
  },
];

export function tourStorageKey(user: string): string {
  return `atlas.tour.dismissed:${user}`;
}

export function tourDismissed(store: KeyValueStore | null, user: string): boolean {
  try {
    return store?.getItem(tourStorageKey(user)) === '1';
  } catch {
    return false;
  }
}

export function dismissTour(store: KeyValueStore | null, user: string): void {
  try {
    store?.setItem(tourStorageKey(user), '1');
  } catch {
    // Storage blocked: the tour shows again next time, nothing else breaks.
  }
}
