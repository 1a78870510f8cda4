// Interactions (dated meetings, calls, e-mails … with their participants) and the relationships they measure:
// (:Interaction)-[:WITH {initiator, owner}]->(:Stakeholder) for every person involved (the owner too), and one
// (a)-[:RELATES]->(b) per pair (a.id < b.id) holding the strength of domain/relationship-strength.ts as of `updatedAt`.
import { randomUUID } from 'node:crypto';
import { execute, int, run, type Database, type Tx } from '../db/database.js';
import { writeData } from './data-version.js';
import type { Page, PageRequest } from '../domain/models.js';
import {
  MAX_PAIRED_PARTICIPANTS,
  relationshipStrength,
  type InteractionChannel,
  type PairInteraction,
} from '../domain/relationship-strength.js';
import { completeActions } from './engagement-plans.js';
import { ANY_TIE } from './fragments.js';
import { toPage } from './pages.js';

const DAY_MS = 86_400_000;
/** `strengthBefore` is the strength this long before `updatedAt`: the window that tells a cooling relationship. */
export const COOLING_WINDOW_DAYS = 90;
/** `recentInteractionCount` counts the interactions of this window. */
export const RECENT_WINDOW_DAYS = 180;

export interface InteractionRecord {
  id: string;
  at: string;
  channel: InteractionChannel;
  sentiment: number | null;
  summary: string | null;
  owner: string | null;
  participants: ParticipantRecord[];
  loggedBy: string | null;
}

export interface ParticipantRecord {
  stakeholder: string;
  initiator: boolean;
}

export interface NewInteraction {
  at: string;
  channel: InteractionChannel;
  /** Stakeholder ids (the owner may be among them or not). */
  participants: string[];
  initiator: string | null;
  owner: string | null;
  sentiment: number | null;
  summary: string | null;
  loggedBy: string | null;
}

export interface RelationshipRecord {
  /** The pair, a < b. */
  a: string;
  b: string;
  strength: number;
  strengthBefore: number;
  interactionCount: number;
  recentInteractionCount: number;
  firstInteractionAt: string | null;
  lastInteractionAt: string | null;
  reciprocity: number;
  sentiment: number | null;
  owner: string | null;
  updatedAt: string;
}

export type InteractionPage = Page<InteractionRecord>;

/** A relationship seen from one of its two stakeholders: `other` is the one across. */
export interface RelationshipView extends RelationshipRecord {
  other: string;
}

export const seenFrom = (record: RelationshipRecord, stakeholder: string): RelationshipView => ({
  ...record,
  other: record.a === stakeholder ? record.b : record.a,
});

/** A pair's relationship, as logInteraction answers it. */
export interface RelationshipPairRecord {
  a: string;
  b: string;
  previousStrength: number;
  relationship: RelationshipView;
}

export interface LoggedInteraction {
  interaction: InteractionRecord;
  relationships: RelationshipPairRecord[];
}

export interface InteractionFilter {
  since: string | null;
  until: string | null;
  channel: InteractionChannel | null;
}

const INTERACTION_PROJECTION = `i { .id, .channel, .sentiment, .summary, .loggedBy, at: toString(i.at),
  owner: [(i)-[:WITH {owner: true}]->(o:Stakeholder) | o.id][0],
  participants: [(i)-[w:WITH]->(p:Stakeholder) | {stakeholder: p.id, initiator: coalesce(w.initiator, false)}] }`;

/** A relationship `x` from `a` to `b` as a RelationshipRecord. */
export const RELATIONSHIP_PROJECTION = `{ a: a.id, b: b.id, strength: x.strength, strengthBefore: x.strengthBefore,
  interactionCount: x.interactionCount, recentInteractionCount: x.recentInteractionCount,
  firstInteractionAt: toString(x.firstAt), lastInteractionAt: toString(x.lastAt), reciprocity: x.reciprocity,
  sentiment: x.sentiment, owner: x.owner, updatedAt: toString(x.updatedAt) }`;

/** The people an interaction relates in pairs: everyone up to MAX_PAIRED_PARTICIPANTS, else only those paired with its owner or initiator. */
export function pairsOf(people: readonly string[], hubs: readonly string[]): Array<[string, string]> {
  const unique = [...new Set(people)].sort();
  const pairs: Array<[string, string]> = [];
  const broadcast = unique.length > MAX_PAIRED_PARTICIPANTS;
  for (let i = 0; i < unique.length; i++) {
    for (let j = i + 1; j < unique.length; j++) {
      const a = unique[i]!;
      const b = unique[j]!;
      if (broadcast && !hubs.includes(a) && !hubs.includes(b)) continue;
      pairs.push([a, b]);
    }
  }
  return pairs;
}

/** Ids among `ids` that are no stakeholder. */
async function missingStakeholders(tx: Tx, ids: string[]): Promise<string[]> {
  const found = await run<{ id: string }>(tx, 'UNWIND $ids AS sid MATCH (s:Stakeholder {id: sid}) RETURN s.id AS id', { ids });
  const present = new Set(found.map((row) => row.id));
  return ids.filter((id) => !present.has(id));
}

/**
 * Writes the interaction and, in the same transaction, recomputes the relationships of every pair it relates
 * (incremental: only those pairs, from all their interactions). Returns the missing ids instead when a
 * participant or the owner is not a stakeholder (nothing written).
 */
export async function logInteraction(
  db: Database,
  input: NewInteraction,
  now: Date,
): Promise<LoggedInteraction | { missing: string[] }> {
  const people = [...new Set([...input.participants, ...(input.owner ? [input.owner] : [])])];
  // Every data write bumps the data version (cached answers may come to show relationships).
  return writeData(db, async (tx) => {
    const missing = await missingStakeholders(tx, people);
    if (missing.length > 0) return { missing };
    const hubs = [input.owner, input.initiator].filter((x): x is string => x !== null);
    const pairs = pairsOf(people, hubs);
    const previous = new Map((await readPairs(tx, pairs, now)).map((e) => [`${e.a}\u0000${e.b}`, measure(e, now).strength]));
    const id = randomUUID();
    await run(
      tx,
      `CREATE (i:Interaction {id: $id, at: datetime($at), channel: $channel, sentiment: $sentiment, summary: $summary,
                              participants: size($people), loggedBy: $loggedBy, loggedAt: datetime($now)})
       WITH i
       UNWIND $people AS pid
       MATCH (p:Stakeholder {id: pid})
       CREATE (i)-[:WITH {initiator: pid = $initiator, owner: pid = $owner}]->(p)`,
      { ...input, id, people, now: now.toISOString() },
    );
    const relationships = await refreshPairs(tx, pairs, now);
    // An interaction with a seed of a saved engagement plan, inside its window, completes the seed's open action.
    await completeActions(tx, input.participants, input.at, id);
    const [interaction] = await run<{ i: InteractionRecord }>(
      tx,
      `MATCH (i:Interaction {id: $id}) RETURN ${INTERACTION_PROJECTION} AS i`,
      { id },
    );
    if (!interaction) throw new Error('interaction was not written');
    return {
      interaction: interaction.i,
      relationships: relationships.map((r) => ({
        a: r.a,
        b: r.b,
        previousStrength: previous.get(`${r.a}\u0000${r.b}`) ?? 0,
        relationship: seenFrom(r, r.a),
      })),
    };
  });
}

export interface PairEvidence {
  a: string;
  b: string;
  interactions: Array<PairInteraction & { owner: string | null }>;
  tieWeight: number;
}

/** Reads every interaction and the summed tie weight of each pair, in one transaction. */
async function readPairs(tx: Tx, pairs: Array<[string, string]>, now: Date): Promise<PairEvidence[]> {
  if (pairs.length === 0) return [];
  const rows = await run<PairEvidence>(
    tx,
    `UNWIND $pairs AS p
     MATCH (a:Stakeholder {id: p[0]}), (b:Stakeholder {id: p[1]})
     CALL (a, b) {
       OPTIONAL MATCH (a)<-[wa:WITH]-(i:Interaction)-[wb:WITH]->(b)
       // A broadcast relates a pair only through its owner or initiator (pairsOf, as the full recomputation reads it).
       WHERE i.at <= datetime($now)
         AND (COUNT { (i)-[:WITH]->(:Stakeholder) } <= $maxPaired OR wa.owner OR wa.initiator OR wb.owner OR wb.initiator)
       RETURN collect(CASE WHEN i IS NULL THEN null ELSE {
         at: i.at.epochMillis, channel: i.channel, sentiment: i.sentiment, participants: i.participants,
         initiator: CASE WHEN wa.initiator THEN 'a' WHEN wb.initiator THEN 'b' ELSE null END,
         owner: [(i)-[:WITH {owner: true}]->(o:Stakeholder) | o.id][0] } END) AS interactions
     }
     CALL (a, b) {
       OPTIONAL MATCH (a)-[t:${ANY_TIE}]-(b)
       RETURN coalesce(sum(t.weight), 0) AS tieWeight
     }
     RETURN a.id AS a, b.id AS b, interactions, tieWeight`,
    { pairs, now: now.toISOString(), maxPaired: int(MAX_PAIRED_PARTICIPANTS) },
  );
  return rows;
}

/** A pair's relationship as numbers (dates as epoch milliseconds): what the full recomputation writes. */
export interface MeasuredPair {
  strength: number;
  strengthBefore: number;
  interactionCount: number;
  recentInteractionCount: number;
  firstAt: number | null;
  lastAt: number | null;
  reciprocity: number;
  sentiment: number | null;
  owner: string | null;
}

/** The relationship of one pair from its evidence, as of `now`, in numbers. */
export function measurePair(interactions: PairEvidence['interactions'], tieWeight: number, now: Date): MeasuredPair {
  const t = now.getTime();
  const current = relationshipStrength(interactions, tieWeight, t);
  const before = relationshipStrength(interactions, tieWeight, t - COOLING_WINDOW_DAYS * DAY_MS);
  let first: number | null = null;
  let last: number | null = null;
  let owner: string | null = null;
  let ownerAt = -Infinity;
  let recent = 0;
  for (const interaction of interactions) {
    if (first === null || interaction.at < first) first = interaction.at;
    if (last === null || interaction.at > last) last = interaction.at;
    if (interaction.owner !== null && interaction.at > ownerAt) {
      owner = interaction.owner;
      ownerAt = interaction.at;
    }
    if (interaction.at >= t - RECENT_WINDOW_DAYS * DAY_MS) recent++;
  }
  return {
    strength: current.strength,
    strengthBefore: before.strength,
    interactionCount: interactions.length,
    recentInteractionCount: recent,
    firstAt: first,
    lastAt: last,
    reciprocity: current.reciprocity,
    sentiment: current.sentiment,
    owner,
  };
}

/** The relationship of one pair from its evidence, as of `now`. */
export function measure(evidence: PairEvidence, now: Date): RelationshipRecord {
  const m = measurePair(evidence.interactions, evidence.tieWeight, now);
  return {
    a: evidence.a,
    b: evidence.b,
    strength: m.strength,
    strengthBefore: m.strengthBefore,
    interactionCount: m.interactionCount,
    recentInteractionCount: m.recentInteractionCount,
    firstInteractionAt: m.firstAt === null ? null : new Date(m.firstAt).toISOString(),
    lastInteractionAt: m.lastAt === null ? null : new Date(m.lastAt).toISOString(),
    reciprocity: m.reciprocity,
    sentiment: m.sentiment,
    owner: m.owner,
    updatedAt: now.toISOString(),
  };
}

const WRITE_RELATIONSHIPS = `
  UNWIND $rows AS r
  MATCH (a:Stakeholder {id: r.a}), (b:Stakeholder {id: r.b})
  MERGE (a)-[x:RELATES]->(b)
  SET x.strength = r.strength, x.strengthBefore = r.strengthBefore, x.interactionCount = r.interactionCount,
      x.recentInteractionCount = r.recentInteractionCount, x.firstAt = datetime(r.firstInteractionAt),
      x.lastAt = datetime(r.lastInteractionAt), x.reciprocity = r.reciprocity, x.sentiment = r.sentiment,
      x.owner = r.owner, x.updatedAt = datetime(r.updatedAt)`;

async function refreshPairs(tx: Tx, pairs: Array<[string, string]>, now: Date): Promise<RelationshipRecord[]> {
  const measured = (await readPairs(tx, pairs, now)).map((evidence) => measure(evidence, now));
  const rows = measured.filter((r) => r.interactionCount > 0);
  if (rows.length > 0) await run(tx, WRITE_RELATIONSHIPS, { rows });
  return measured;
}

export async function interaction(db: Database, id: string): Promise<InteractionRecord | null> {
  const rows = await execute<{ i: InteractionRecord }>(
    db,
    `MATCH (i:Interaction {id: $id}) RETURN ${INTERACTION_PROJECTION} AS i`,
    { id },
  );
  return rows[0]?.i ?? null;
}

/** A stakeholder's interactions (taken part in or owned), newest first. */
export async function interactionsOf(
  db: Database,
  stakeholder: string,
  filter: InteractionFilter,
  page: PageRequest,
): Promise<Page<InteractionRecord>> {
  const where = `($since IS NULL OR i.at >= datetime($since)) AND ($until IS NULL OR i.at <= datetime($until))
                 AND ($channel IS NULL OR i.channel = $channel)`;
  const params = { id: stakeholder, ...filter };
  const rows = await execute<{ i: InteractionRecord }>(
    db,
    `MATCH (:Stakeholder {id: $id})<-[:WITH]-(i:Interaction) WHERE ${where}
     WITH i ORDER BY i.at DESC, i.id SKIP $offset LIMIT $limit
     RETURN ${INTERACTION_PROJECTION} AS i`,
    { ...params, offset: int(page.offset), limit: int(page.limit + 1) },
  );
  return toPage(
    rows.map((row) => row.i),
    page,
    async () => {
      const [count] = await execute<{ n: number }>(
        db,
        `MATCH (:Stakeholder {id: $id})<-[:WITH]-(i:Interaction) WHERE ${where} RETURN count(i) AS n`,
        params,
      );
      return count?.n ?? 0;
    },
  );
}

/** A stakeholder's measured relationships, strongest first. */
export async function relationshipsOf(db: Database, stakeholder: string, first: number): Promise<RelationshipView[]> {
  const rows = await execute<{ r: RelationshipRecord }>(
    db,
    `MATCH (s:Stakeholder {id: $id})-[x:RELATES]-(o:Stakeholder)
     WITH x, startNode(x) AS a, endNode(x) AS b ORDER BY x.strength DESC, o.id LIMIT $first
     RETURN ${RELATIONSHIP_PROJECTION} AS r`,
    { id: stakeholder, first: int(first) },
  );
  return rows.map((row) => seenFrom(row.r, stakeholder));
}

/** The relationship of each consecutive pair of a path (a warm introduction), seen from the earlier one; null where none. */
export async function relationshipsAlong(db: Database, path: readonly string[]): Promise<Array<RelationshipView | null>> {
  const pairs = path.slice(1).map((id, i): [string, string] => [path[i]!, id]);
  if (pairs.length === 0) return [];
  const rows = await execute<{ i: number; r: RelationshipRecord }>(
    db,
    `UNWIND range(0, size($pairs) - 1) AS i
     MATCH (:Stakeholder {id: $pairs[i][0]})-[x:RELATES]-(:Stakeholder {id: $pairs[i][1]})
     WITH i, x, startNode(x) AS a, endNode(x) AS b
     RETURN i, ${RELATIONSHIP_PROJECTION} AS r`,
    { pairs },
  );
  const found = new Map(rows.map((row) => [row.i, row.r]));
  return pairs.map(([from], i) => {
    const record = found.get(i);
    return record ? seenFrom(record, from) : null;
  });
}
