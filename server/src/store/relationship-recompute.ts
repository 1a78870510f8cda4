// The full recomputation of every relationship (decision 063), as of one instant: every interaction is streamed once
// and grouped by pair in memory, the ties' weights are added from one pass over the ties, then each pair's RELATES is
// created (a pair without one) or overwritten by element id (a pair with one, known from a first pass over them), in
// lanes that never share a stakeholder; relationships whose pair has no interaction left are deleted.
// Why it is written this way, with figures: docs/decisions/113-full-recomputation-writes.md.
import { execute, stream, type Database } from '../db/database.js';
import type { InteractionChannel } from '../domain/relationship-strength.js';
import { bumpDataVersionAlone } from './data-version.js';
import { ANY_TIE } from './fragments.js';
import { measurePair, pairsOf, type PairEvidence } from './interactions.js';

export interface RecomputeSummary {
  interactions: number;
  relationships: number;
}

export const RECOMPUTE_PHASES = ['existing', 'interactions', 'ties', 'write', 'remove'] as const;
export type RecomputePhase = (typeof RECOMPUTE_PHASES)[number];

export interface RecomputeOptions {
  /** Called as each phase ends (the benchmark splits CPU time by phase). */
  onPhase?: (phase: RecomputePhase) => void;
  /** Pairs per write transaction. */
  batchSize?: number;
  /** Write transactions in flight at once; two lanes never touch the same stakeholder. */
  lanes?: number;
}

export const DEFAULT_BATCH_SIZE = 10_000;
export const DEFAULT_LANES = 2;
export const MAX_BATCH_SIZE = 100_000;
export const MAX_LANES = 8;

/** A pair key from the interned indexes of its two stakeholders (a < b by id): exact while both are below 2^26. */
const PAIR_KEY_SHIFT = 2 ** 26;

/** Stakeholder ids as small integers, so that a pair is one number (a Map keyed by numbers, no string per pair). */
class Interned {
  readonly ids: string[] = [];
  private readonly index = new Map<string, number>();

  of(id: string): number {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.ids.length;
      if (i >= PAIR_KEY_SHIFT) throw new Error('too many stakeholders for one recomputation');
      this.index.set(id, i);
      this.ids.push(id);
    }
    return i;
  }

  find(id: string): number | undefined {
    return this.index.get(id);
  }
}

interface Pair extends PairEvidence {
  /** Interned indexes of a and b. */
  ia: number;
  ib: number;
  /** The element id of the pair's RELATES, when it has one. */
  existing: string | null;
}

const READ_EXISTING = `MATCH (a:Stakeholder)-[x:RELATES]->(b:Stakeholder) RETURN a.id AS a, b.id AS b, elementId(x) AS x`;

// Each interaction once, its people with their initiator and owner flags (one expansion per interaction).
const READ_INTERACTIONS = `MATCH (i:Interaction) WHERE i.at <= datetime($now)
  RETURN i.at.epochMillis AS at, i.channel AS channel, i.sentiment AS sentiment,
         [(i)-[w:WITH]->(p:Stakeholder) | [p.id, coalesce(w.initiator, false), coalesce(w.owner, false)]] AS people`;

const READ_TIES = `MATCH (a:Stakeholder)-[t:${ANY_TIE}]->(b:Stakeholder) RETURN a.id AS a, b.id AS b, t.weight AS w`;

// A relationship's properties from the k-th entry of each column parameter (columns, not maps: no key strings per row).
const PROPERTIES: ReadonlyArray<[string, string]> = [
  ['strength', '$strength[k]'],
  ['strengthBefore', '$strengthBefore[k]'],
  ['interactionCount', '$interactionCount[k]'],
  ['recentInteractionCount', '$recentInteractionCount[k]'],
  ['firstAt', 'datetime({epochMillis: toInteger($firstAt[k])})'],
  ['lastAt', 'datetime({epochMillis: toInteger($lastAt[k])})'],
  ['reciprocity', '$reciprocity[k]'],
  ['sentiment', '$sentiment[k]'],
  ['owner', '$owner[k]'],
  ['updatedAt', 'datetime($now)'],
];
const PROPERTY_MAP = `{${PROPERTIES.map(([name, value]) => `${name}: ${value}`).join(', ')}}`;
const PROPERTY_SETS = PROPERTIES.map(([name, value]) => `x.${name} = ${value}`).join(', ');

const ENDPOINTS = `UNWIND range(0, size($a) - 1) AS k
  MATCH (a:Stakeholder {id: $a[k]}), (b:Stakeholder {id: $b[k]})`;

// CREATE, not MERGE: the first pass says which pairs have none. A relationship logged for the pair since then is left
// as it is (fresher), not doubled.
const CREATE_RELATIONSHIPS = `${ENDPOINTS} WHERE NOT EXISTS { (a)-[:RELATES]->(b) } CREATE (a)-[:RELATES ${PROPERTY_MAP}]->(b)`;

const UPDATE_BY_ELEMENT_ID = `UNWIND range(0, size($x) - 1) AS k
  MATCH ()-[x:RELATES]->() WHERE elementId(x) = $x[k]
  SET ${PROPERTY_SETS}`;

// Relationships of the first pass whose pair has no interaction left, unless logged since `now` (a newer strength).
const REMOVE_BY_ELEMENT_ID = `UNWIND $x AS id
  MATCH ()-[x:RELATES]->() WHERE elementId(x) = id AND x.updatedAt < datetime($now)
  DELETE x`;

/**
 * Recomputes every relationship from all interactions up to `now`, as of `now`: the same values as logging each of
 * them would store (same formula, same evidence per pair).
 */
export async function recomputeAllRelationships(
  db: Database,
  now: Date,
  options: RecomputeOptions = {},
): Promise<RecomputeSummary> {
  const batchSize = Math.min(MAX_BATCH_SIZE, Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE)));
  const lanes = Math.min(MAX_LANES, Math.max(1, Math.floor(options.lanes ?? DEFAULT_LANES)));
  const phase = options.onPhase ?? (() => undefined);
  const nowText = now.toISOString();
  const people = new Interned();
  const pairs = new Map<number, Pair>();
  const pairOf = (a: string, b: string): Pair => {
    const ia = people.of(a);
    const ib = people.of(b);
    const key = ia * PAIR_KEY_SHIFT + ib;
    let pair = pairs.get(key);
    if (!pair) {
      pair = { a, b, ia, ib, interactions: [], tieWeight: 0, existing: null };
      pairs.set(key, pair);
    }
    return pair;
  };

  // Existing relationships by pair; a pair's extra ones (never written so, but possible) are removed.
  const existing = new Map<number, string>();
  const stale: string[] = [];
  await stream<{ a: string; b: string; x: string }>(db, READ_EXISTING, {}, (row) => {
    const key = people.of(row.a) * PAIR_KEY_SHIFT + people.of(row.b);
    if (existing.has(key)) stale.push(row.x);
    else existing.set(key, row.x);
  });
  phase('existing');

  let interactions = 0;
  const addInteraction = (
    at: number,
    channel: InteractionChannel,
    sentiment: number | null,
    ids: string[],
    initiator: string | null,
    owner: string | null,
  ): void => {
    interactions++;
    const hubs = [owner, initiator].filter((x): x is string => x !== null);
    for (const [a, b] of pairsOf(ids, hubs)) {
      pairOf(a, b).interactions.push({
        at,
        channel,
        sentiment,
        participants: ids.length,
        initiator: initiator === a ? 'a' : initiator === b ? 'b' : null,
        owner,
      });
    }
  };
  await stream<{ at: number; channel: InteractionChannel; sentiment: number | null; people: Array<[string, boolean, boolean]> }>(
    db,
    READ_INTERACTIONS,
    { now: nowText },
    (row) => {
      const ids = row.people.map(([id]) => id);
      const owner = row.people.find(([, , isOwner]) => isOwner)?.[0] ?? null;
      const initiator = row.people.find(([, isInitiator]) => isInitiator)?.[0] ?? null;
      addInteraction(row.at, row.channel, row.sentiment, ids, initiator, owner);
    },
  );
  phase('interactions');

  // The tie weights of those pairs, from one pass over the ties (a lookup per batch of pairs walks the same ties).
  await stream<{ a: string; b: string; w: number | null }>(db, READ_TIES, {}, (row) => {
    const ia = people.find(row.a < row.b ? row.a : row.b);
    const ib = people.find(row.a < row.b ? row.b : row.a);
    if (ia === undefined || ib === undefined) return;
    const pair = pairs.get(ia * PAIR_KEY_SHIFT + ib);
    if (pair) pair.tieWeight += row.w ?? 0;
  });
  phase('ties');

  for (const [key, pair] of pairs) {
    const x = existing.get(key);
    if (x !== undefined) {
      pair.existing = x;
      existing.delete(key);
    }
  }
  for (const x of existing.values()) stale.push(x); // not spread: hundreds of thousands of arguments overflow the stack
  const writeBatch = async (batch: Pair[]): Promise<void> => {
    const created = batch.filter((pair) => pair.existing === null);
    const updated = batch.filter((pair) => pair.existing !== null);
    if (created.length > 0) {
      await execute(
        db,
        CREATE_RELATIONSHIPS,
        { ...columnsOf(created, now), a: created.map((p) => p.a), b: created.map((p) => p.b), now: nowText },
        { mode: 'WRITE' },
      );
    }
    if (updated.length > 0) {
      await execute(
        db,
        UPDATE_BY_ELEMENT_ID,
        { ...columnsOf(updated, now), x: updated.map((p) => p.existing), now: nowText },
        { mode: 'WRITE' },
      );
    }
  };
  for (const round of disjointRounds([...pairs.values()], lanes)) {
    await Promise.all(
      round.map(async (group) => {
        for (let start = 0; start < group.length; start += batchSize) await writeBatch(group.slice(start, start + batchSize));
      }),
    );
  }
  phase('write');

  for (let start = 0; start < stale.length; start += batchSize) {
    await execute(db, REMOVE_BY_ELEMENT_ID, { x: stale.slice(start, start + batchSize), now: nowText }, { mode: 'WRITE' });
  }
  await bumpDataVersionAlone(db);
  phase('remove');
  return { interactions, relationships: pairs.size };
}

/** The measured values of `pairs` as one column per property. */
function columnsOf(pairs: readonly Pair[], now: Date): Record<string, unknown[]> {
  const columns: Record<string, unknown[]> = {
    strength: [],
    strengthBefore: [],
    interactionCount: [],
    recentInteractionCount: [],
    firstAt: [],
    lastAt: [],
    reciprocity: [],
    sentiment: [],
    owner: [],
  };
  for (const pair of pairs) {
    const m = measurePair(pair.interactions, pair.tieWeight, now);
    columns.strength!.push(m.strength);
    columns.strengthBefore!.push(m.strengthBefore);
    columns.interactionCount!.push(m.interactionCount);
    columns.recentInteractionCount!.push(m.recentInteractionCount);
    columns.firstAt!.push(m.firstAt);
    columns.lastAt!.push(m.lastAt);
    columns.reciprocity!.push(m.reciprocity);
    columns.sentiment!.push(m.sentiment);
    columns.owner!.push(m.owner);
  }
  return columns;
}

/**
 * The pairs in rounds of `lanes` groups that share no stakeholder, so that the lanes of a round never wait on each
 * other's locks (nor deadlock). Stakeholders fall into 2·lanes parts; the blocks of pairs between two parts are
 * scheduled as a round-robin tournament of the parts (each round pairs every part with another once), then the
 * blocks inside one part, two parts per lane.
 */
export function disjointRounds<T extends { ia: number; ib: number }>(pairs: readonly T[], lanes: number): T[][][] {
  if (lanes <= 1) return [[[...pairs]]];
  const parts = 2 * lanes;
  const blocks = new Map<number, T[]>();
  for (const pair of pairs) {
    const p = pair.ia % parts;
    const q = pair.ib % parts;
    const key = Math.min(p, q) * parts + Math.max(p, q);
    let block = blocks.get(key);
    if (!block) blocks.set(key, (block = []));
    block.push(pair);
  }
  const block = (p: number, q: number): T[] => blocks.get(Math.min(p, q) * parts + Math.max(p, q)) ?? [];
  const rounds: T[][][] = [];
  // Circle method: part parts-1 stays, the others rotate.
  for (let r = 0; r < parts - 1; r++) {
    const round: T[][] = [block(parts - 1, r)];
    for (let i = 1; i < parts / 2; i++) round.push(block((r + i) % (parts - 1), (r - i + parts - 1) % (parts - 1)));
    rounds.push(round);
  }
  rounds.push(Array.from({ length: lanes }, (_, lane) => [...block(2 * lane, 2 * lane), ...block(2 * lane + 1, 2 * lane + 1)]));
  return rounds;
}
