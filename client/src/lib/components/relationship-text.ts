// How a relationship reads in the panel: "last met 12 days ago", and whether it is cooling.

const DAY_MS = 86_400_000;
/** A fall of at least this much strength over the cooling window (90 days) marks a relationship as cooling. */
export const COOLING_DROP = 0.05;

/** "today", "yesterday", "12 days ago", "5 months ago", "2 years ago". */
export function daysAgoText(iso: string, now: number = Date.now()): string {
  const days = Math.floor((now - Date.parse(iso)) / DAY_MS);
  if (!Number.isFinite(days)) return '';
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 60) return `${days} days ago`;
  if (days < 730) return `${Math.round(days / 30.44)} months ago`;
  return `${Math.floor(days / 365.25)} years ago`;
}

export function isCooling(r: { strength: number; strengthBefore: number }): boolean {
  return r.strengthBefore - r.strength >= COOLING_DROP;
}

/** One relationship in words: "last met 12 days ago · 9 interactions in 6 months · owner Erin Cole". */
export function relationshipText(
  r: { lastInteractionAt?: string | null; recentInteractionCount: number; owner?: { name: string } | null },
  now: number = Date.now(),
): string {
  const parts: string[] = [];
  if (r.lastInteractionAt) parts.push(`last met ${daysAgoText(r.lastInteractionAt, now)}`);
  parts.push(`${r.recentInteractionCount} ${r.recentInteractionCount === 1 ? 'interaction' : 'interactions'} in 6 months`);
  if (r.owner) parts.push(`owner ${r.owner.name}`);
  return parts.join(' · ');
}
