// Labels of detected communities (dominant roles and declared groups) and the declared-vs-detected comparison,
// shared by both analysis engines: they need only each stakeholder's community, roles and declared groups.
import { ari, contingencyTable, labelCommunities, nmi } from '../analytics/comparison.js';
import type { RunResult } from '../domain/models.js';

export interface StakeholderFacets {
  /** Role names as stored (upper case). */
  roles: readonly string[];
  /** Declared community ids, strongest membership first. */
  groups: readonly string[];
}

export interface LabelsAndComparison {
  labels: ReturnType<typeof labelCommunities>;
  nmi: number | null;
  ari: number | null;
  labelled: number;
  contingency: RunResult['contingency'];
}

export function labelAndCompare(
  partition: ReadonlyMap<string, number>,
  facetsOf: (node: string) => StakeholderFacets,
  communityNames: Record<string, string>,
): LabelsAndComparison {
  // Labels read group names; the stored profile keeps group ids (so the API can link them), hence two passes.
  const labels = labelCommunities(partition, (node) => {
    const f = facetsOf(node);
    return { roles: f.roles.map((r) => r.toLowerCase()), groups: f.groups.map((id) => communityNames[id] ?? id) };
  });
  const profiles = labelCommunities(partition, (node) => ({ roles: [], groups: [...facetsOf(node).groups] }));
  labels.forEach((label, i) => (label.groups = profiles[i]?.groups ?? []));
  const declared = new Map<string, string>();
  for (const node of partition.keys()) {
    const strongest = facetsOf(node).groups[0];
    if (strongest !== undefined) declared.set(node, strongest);
  }
  const table = contingencyTable(declared, partition);
  const cells: Array<[number, number, number]> = [];
  table.counts.forEach((row, i) => row.forEach((count, j) => count > 0 && cells.push([i, j, count])));
  return {
    labels,
    nmi: declared.size > 0 ? nmi(declared, partition) : null,
    ari: declared.size > 0 ? ari(declared, partition) : null,
    labelled: declared.size,
    contingency: { declared: table.rows, detected: table.columns, cells },
  };
}
