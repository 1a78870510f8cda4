// Fetches what the target-list CSV says about each person: details always, scores and best path when the analysis API answers.
import { request } from '../graphql/client';
import { TargetDetailsDocument, TargetPathDocument, TargetScoresDocument } from '../graphql/generated/graphql';
import type { Target } from '../state/target-transitions';
import type { TargetReasons } from './target-csv';

/** Runs `fn` over items with at most `limit` in flight, keeping order. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

async function optional<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch {
    return null;
  }
}

/** Reasons for one target; a stakeholder deleted since it was added keeps its stored name. */
export async function targetReasons(t: Target, signal?: AbortSignal): Promise<TargetReasons> {
  const [details, scores, path] = await Promise.all([
    optional(request(TargetDetailsDocument, { id: t.id }, { signal })),
    optional(request(TargetScoresDocument, { id: t.id }, { signal })),
    optional(request(TargetPathDocument, { id: t.id }, { signal })),
  ]);
  const s = details?.stakeholder ?? null;
  const sc = scores?.stakeholder ?? null;
  const best = path?.introductionPaths[0] ?? null;
  return {
    id: t.id,
    name: s?.name ?? t.name,
    email: s?.email ?? null,
    organisation: s?.organisation ?? null,
    roles: s?.roles.map((r) => r.role) ?? [],
    communities: s?.communities.map((m) => ({ name: m.community.name, strength: m.strength })) ?? [],
    degree: s?.degree ?? null,
    pagerank: sc?.scores?.pagerank ?? null,
    betweenness: sc?.scores?.betweenness ?? null,
    detected:
      sc === null
        ? null
        : sc.detectedCommunities.map((m) => ({ name: m.community.label ?? m.community.name, strength: m.strength })),
    bestPath: best === null ? null : { names: best.stakeholders.map((x) => x.name), score: best.score },
    from: t.from,
    reason: t.reason ?? null,
    addedAt: t.addedAt,
  };
}

export function allTargetReasons(targets: readonly Target[], signal?: AbortSignal): Promise<TargetReasons[]> {
  return mapLimited(targets, 6, (t) => targetReasons(t, signal));
}
