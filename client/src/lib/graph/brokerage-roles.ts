// Gould–Fernandez brokerage roles in the page: their names and meanings, and each stakeholder's main role (the role with
// the most brokered pairs) from the network's brokerage columns.

export type BrokerageRole = 'coordinator' | 'itinerant' | 'representative' | 'gatekeeper' | 'liaison';
export const BROKERAGE_ROLES: readonly BrokerageRole[] = ['coordinator', 'itinerant', 'representative', 'gatekeeper', 'liaison'];

/** Name and one line on what the broker b does on a two-path a → b → c (groups: primary roles). */
export const BROKERAGE_ROLE_TEXT: Record<BrokerageRole, { label: string; meaning: string }> = {
  coordinator: { label: 'Coordinator', meaning: 'connects two people of its own group' },
  itinerant: { label: 'Itinerant', meaning: 'connects two people of one other group' },
  representative: { label: 'Representative', meaning: 'passes from its own group to another' },
  gatekeeper: { label: 'Gatekeeper', meaning: 'lets another group into its own' },
  liaison: { label: 'Liaison', meaning: 'connects two groups, neither its own' },
};

export type BrokerageCounts = Record<BrokerageRole, number | null>;

/** The role with the most brokered pairs (the first in BROKERAGE_ROLES on a tie); null when it brokers nothing or has no counts. */
export function mainBrokerageRole(counts: BrokerageCounts): BrokerageRole | null {
  let best: BrokerageRole | null = null;
  let most = 0;
  for (const role of BROKERAGE_ROLES) {
    const n = counts[role];
    if (n !== null && n > most) {
      most = n;
      best = role;
    }
  }
  return best;
}

export interface BrokerageColumnsInput {
  ids: readonly string[];
  scores: { [K in BrokerageRole]: ReadonlyArray<number | null> } | null | undefined;
}

/** Stakeholders grouped by their main brokerage role; null when the run computed no brokerage roles at all. */
export function groupByMainRole(columns: BrokerageColumnsInput): Map<BrokerageRole, Set<string>> | null {
  const scores = columns.scores;
  if (scores === null || scores === undefined) return null;
  const groups = new Map<BrokerageRole, Set<string>>(BROKERAGE_ROLES.map((r) => [r, new Set<string>()]));
  let counted = false;
  columns.ids.forEach((id, i) => {
    const counts = Object.fromEntries(BROKERAGE_ROLES.map((r) => [r, scores[r][i] ?? null])) as BrokerageCounts;
    if (BROKERAGE_ROLES.some((r) => counts[r] !== null)) counted = true;
    const main = mainBrokerageRole(counts);
    if (main !== null) groups.get(main)!.add(id);
  });
  return counted ? groups : null;
}
