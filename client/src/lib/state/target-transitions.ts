// Pure transitions of the target list, and reading it back from storage.

export interface Target {
  id: string;
  name: string;
  /** Where it was added from (panel, search, selection, leaderboard, plan). */
  from: string;
  /** Why it was added there, when the source says (the engagement plan's expected gain and summary). */
  reason?: string;
  addedAt: string;
}

/** Adds a target at the end; adding one already on the list changes nothing. */
export function addTarget(items: readonly Target[], target: Target): readonly Target[] {
  return items.some((t) => t.id === target.id) ? items : [...items, target];
}

export function removeTarget(items: readonly Target[], id: string): readonly Target[] {
  return items.some((t) => t.id === id) ? items.filter((t) => t.id !== id) : items;
}

/** Parses the stored list; anything malformed is dropped (duplicates too). */
export function parseTargets(text: string | null): Target[] {
  if (text === null) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  const out: Target[] = [];
  const seen = new Set<string>();
  for (const item of raw) {
    if (typeof item !== 'object' || item === null) continue;
    const { id, name, from, reason, addedAt } = item as Record<string, unknown>;
    if (typeof id !== 'string' || id === '' || seen.has(id)) continue;
    seen.add(id);
    out.push({
      id,
      name: typeof name === 'string' ? name : id,
      from: typeof from === 'string' ? from : 'unknown',
      ...(typeof reason === 'string' && reason !== '' ? { reason: reason.slice(0, 500) } : {}),
      addedAt: typeof addedAt === 'string' ? addedAt : '',
    });
  }
  return out;
}

/** Where the list of one database is kept; a server without a database id (older API) keeps the one shared list. */
export function targetsStorageKey(databaseId: string | null): string {
  return databaseId === null ? 'atlas:targets' : `atlas:targets:${databaseId}`;
}
