// Saved engagement plans and their actions: (:EngagementPlan)-[:HAS_ACTION]->(:EngagementAction)-[:FOR]->(seed),
// (action)-[:OWNED_BY]->(owner), and (plan)-[:IN_SEGMENT]->(member) for the segment as it was when the plan was
// saved (the comparison group of its measured effect). An action is completed by the first interaction with its
// seed inside the plan's window; editors change its owner, due day, status (DROPPED included) and note. Erasing a stakeholder deletes the actions for it (store/erasure.ts); the
// relationships to it go with it.
import { randomUUID } from 'node:crypto';
import { execute, int, run, type Database, type Tx } from '../db/database.js';
import type { RoleName } from '../domain/vocabulary.js';
import type { MemberInteraction } from '../domain/models.js';
import { writeData } from './data-version.js';
import { roleLabelPredicate } from './fragments.js';

export type ActionStatus = 'OPEN' | 'DONE' | 'DROPPED';

export interface PlanSegment {
  roles: RoleName[] | null;
  roleMatch: 'ANY' | 'ALL';
  community: string | null;
}

/** A plan's segment with the number of members it recorded. */
export interface SavedSegmentRecord extends PlanSegment {
  members: number;
}

export interface NewPlan {
  name: string;
  segment: PlanSegment;
  /** The window, ISO days, inclusive. */
  startsOn: string;
  endsOn: string;
  expectedReach: number | null;
  createdBy: string | null;
  actions: Array<{ stakeholder: string; owner: string | null; due: string }>;
}

export interface ActionRecord {
  id: string;
  rank: number;
  stakeholder: string;
  owner: string | null;
  due: string;
  status: ActionStatus;
  completedAt: string | null;
  interaction: string | null;
  note: string | null;
}

export interface PlanRecord {
  id: string;
  name: string;
  segment: PlanSegment;
  startsOn: string;
  endsOn: string;
  expectedReach: number | null;
  createdAt: string;
  createdBy: string | null;
  segmentSize: number;
  actions: ActionRecord[];
}

const PLAN_PROJECTION = `p { .id, .name, .expectedReach, .createdBy, startsOn: toString(p.startsOn), endsOn: toString(p.endsOn),
  createdAt: toString(p.createdAt), segment: p.segment,
  segmentSize: COUNT { (p)-[:IN_SEGMENT]->(:Stakeholder) },
  actions: COLLECT { MATCH (p)-[:HAS_ACTION]->(a:EngagementAction)-[:FOR]->(s:Stakeholder)
    RETURN a { .id, .rank, .status, .interaction, .note, stakeholder: s.id, due: toString(a.due), completedAt: toString(a.completedAt),
               owner: [(a)-[:OWNED_BY]->(o:Stakeholder) | o.id][0] } ORDER BY a.rank } }`;

interface StoredPlan extends Omit<PlanRecord, 'segment'> {
  segment: string;
}

function toRecord(p: StoredPlan): PlanRecord {
  return { ...p, segment: JSON.parse(p.segment) as PlanSegment };
}

function segmentWhere(segment: PlanSegment): string {
  const where = ['true'];
  if (segment.roles && segment.roles.length > 0) where.push(roleLabelPredicate('s', segment.roles, segment.roleMatch));
  if (segment.community !== null) where.push('EXISTS { (s)-[:MEMBER_OF]->(:Community {id: $community}) }');
  return where.join(' AND ');
}

export type SaveOutcome = { plan: PlanRecord } | { missing: string } | { missingCommunity: string } | { segmentTooLarge: number };

/**
 * Saves a plan with one action per seed and its segment's members, in one transaction; actions whose seed already
 * had an interaction inside the window are completed at once. Nothing is written when an id is unknown or the
 * segment holds more than `maxSegment` stakeholders.
 */
export async function savePlan(db: Database, plan: NewPlan, maxSegment: number): Promise<SaveOutcome> {
  return writeData(
    db,
    async (tx) => {
      const ids = [...new Set(plan.actions.flatMap((a) => [a.stakeholder, ...(a.owner ? [a.owner] : [])]))];
      const found = await run<{ id: string }>(tx, 'UNWIND $ids AS sid MATCH (s:Stakeholder {id: sid}) RETURN s.id AS id', {
        ids,
      });
      const present = new Set(found.map((r) => r.id));
      const missing = ids.find((id) => !present.has(id));
      if (missing !== undefined) return { missing };
      const community = plan.segment.community;
      if (community !== null) {
        const [c] = await run<{ n: number }>(tx, 'MATCH (c:Community {id: $id}) RETURN count(c) AS n', { id: community });
        if ((c?.n ?? 0) === 0) return { missingCommunity: community };
      }
      const where = segmentWhere(plan.segment);
      const [size] = await run<{ n: number }>(tx, `MATCH (s:Stakeholder) WHERE ${where} RETURN count(s) AS n`, { community });
      if ((size?.n ?? 0) > maxSegment) return { segmentTooLarge: size?.n ?? 0 };
      const id = randomUUID();
      await run(
        tx,
        `CREATE (p:EngagementPlan {id: $id, name: $name, segment: $segment, startsOn: date($startsOn), endsOn: date($endsOn),
         startsAt: datetime($startsOn), endsAt: datetime($endsOn) + duration('P1D'),
         expectedReach: $expectedReach, createdAt: datetime(), createdBy: $createdBy})
       WITH p
       MATCH (s:Stakeholder) WHERE ${where}
       CREATE (p)-[:IN_SEGMENT]->(s)`,
        { ...plan, id, segment: JSON.stringify(plan.segment), community },
      );
      await run(
        tx,
        `MATCH (p:EngagementPlan {id: $id})
       UNWIND range(0, size($actions) - 1) AS i
       WITH p, i, $actions[i] AS action
       MATCH (s:Stakeholder {id: action.stakeholder})
       CREATE (p)-[:HAS_ACTION]->(a:EngagementAction {id: randomUUID(), rank: i + 1, due: date(action.due), status: 'OPEN'})-[:FOR]->(s)
       WITH a, action WHERE action.owner IS NOT NULL
       MATCH (o:Stakeholder {id: action.owner})
       CREATE (a)-[:OWNED_BY]->(o)`,
        { id, actions: plan.actions },
      );
      // Interactions already logged inside the window (a plan saved after it started) count.
      await run(
        tx,
        `MATCH (p:EngagementPlan {id: $id})-[:HAS_ACTION]->(a:EngagementAction {status: 'OPEN'})-[:FOR]->(s:Stakeholder)
       CALL (p, s) {
         MATCH (s)<-[:WITH]-(i:Interaction) WHERE i.at >= p.startsAt AND i.at < p.endsAt
         RETURN i ORDER BY i.at, i.id LIMIT 1
       }
       SET a.status = 'DONE', a.completedAt = i.at, a.interaction = i.id`,
        { id },
      );
      const [saved] = await run<{ p: StoredPlan }>(tx, `MATCH (p:EngagementPlan {id: $id}) RETURN ${PLAN_PROJECTION} AS p`, {
        id,
      });
      if (!saved) throw new Error('engagement plan was not written');
      return { plan: toRecord(saved.p) };
    },
    'other',
  );
}

/** Deletes the actions for a stakeholder being erased, in the erasure's transaction. */
export async function deleteActionsFor(tx: Tx, stakeholder: string): Promise<void> {
  await run(tx, 'MATCH (:Stakeholder {id: $id})<-[:FOR]-(a:EngagementAction) DETACH DELETE a', { id: stakeholder });
}

/**
 * Completes the open actions for these stakeholders whose plan's window holds `at`: called in the transaction
 * that logs an interaction with them. Returns how many were completed.
 */
export async function completeActions(tx: Tx, stakeholders: readonly string[], at: string, interaction: string): Promise<number> {
  const [row] = await run<{ n: number }>(
    tx,
    `UNWIND $ids AS sid
     MATCH (:Stakeholder {id: sid})<-[:FOR]-(a:EngagementAction {status: 'OPEN'})<-[:HAS_ACTION]-(p:EngagementPlan)
     WHERE p.startsAt <= datetime($at) AND datetime($at) < p.endsAt
     SET a.status = 'DONE', a.completedAt = datetime($at), a.interaction = $interaction
     RETURN count(a) AS n`,
    { ids: [...stakeholders], at, interaction },
  );
  return row?.n ?? 0;
}

/** A change to one action; a field left undefined stays as it is (owner and note: null clears). */
export interface ActionChange {
  owner?: string | null;
  due?: string;
  status?: ActionStatus;
  note?: string | null;
}

export type ActionUpdateOutcome =
  | { plan: PlanRecord }
  | { missingAction: true }
  | { missingOwner: string }
  | { dueOutside: { startsOn: string; latest: string } };

const DAY_MS = 86_400_000;

/**
 * Changes one action in one transaction and answers its plan. Nothing is written when the action or the owner does
 * not exist, or the due day falls before the plan's first day or more than `maxDaysAfterEnd` after its last.
 * Marked DONE by hand, an action is completed now without an interaction; OPEN or DROPPED clears its completion.
 */
export async function updateAction(
  db: Database,
  id: string,
  change: ActionChange,
  maxDaysAfterEnd: number,
): Promise<ActionUpdateOutcome> {
  return writeData(
    db,
    async (tx) => {
      const [found] = await run<{ plan: string; startsOn: string; endsOn: string; status: ActionStatus }>(
        tx,
        `MATCH (p:EngagementPlan)-[:HAS_ACTION]->(a:EngagementAction {id: $id})
       RETURN p.id AS plan, toString(p.startsOn) AS startsOn, toString(p.endsOn) AS endsOn, a.status AS status`,
        { id },
      );
      if (!found) return { missingAction: true };
      if (change.due !== undefined) {
        const latest = new Date(Date.parse(`${found.endsOn}T00:00:00Z`) + maxDaysAfterEnd * DAY_MS).toISOString().slice(0, 10);
        if (change.due < found.startsOn || change.due > latest) return { dueOutside: { startsOn: found.startsOn, latest } };
      }
      if (typeof change.owner === 'string') {
        const [owner] = await run<{ n: number }>(tx, 'MATCH (s:Stakeholder {id: $owner}) RETURN count(s) AS n', {
          owner: change.owner,
        });
        if ((owner?.n ?? 0) === 0) return { missingOwner: change.owner };
      }
      if (change.owner !== undefined) {
        await run(
          tx,
          `MATCH (a:EngagementAction {id: $id})
         CALL (a) { MATCH (a)-[o:OWNED_BY]->() DELETE o }
         WITH a WHERE $owner IS NOT NULL
         MATCH (s:Stakeholder {id: $owner})
         CREATE (a)-[:OWNED_BY]->(s)`,
          { id, owner: change.owner },
        );
      }
      if (change.due !== undefined) {
        await run(tx, 'MATCH (a:EngagementAction {id: $id}) SET a.due = date($due)', { id, due: change.due });
      }
      if (change.note !== undefined) {
        await run(tx, 'MATCH (a:EngagementAction {id: $id}) SET a.note = $note', { id, note: change.note });
      }
      if (change.status !== undefined && change.status !== found.status) {
        // Completion belongs to DONE: by hand it is now and no interaction; any other status has none.
        await run(
          tx,
          `MATCH (a:EngagementAction {id: $id})
         SET a.status = $status, a.interaction = null,
             a.completedAt = CASE WHEN $status = 'DONE' THEN datetime() ELSE null END`,
          { id, status: change.status },
        );
      }
      const [saved] = await run<{ p: StoredPlan }>(tx, `MATCH (p:EngagementPlan {id: $id}) RETURN ${PLAN_PROJECTION} AS p`, {
        id: found.plan,
      });
      if (!saved) throw new Error('the plan of the action was not read back');
      return { plan: toRecord(saved.p) };
    },
    // An action's change is not data an analysis reads: the map does not say "the data changed" after it.
    'other',
  );
}

export async function findPlan(db: Database, id: string): Promise<PlanRecord | null> {
  const rows = await execute<{ p: StoredPlan }>(db, `MATCH (p:EngagementPlan {id: $id}) RETURN ${PLAN_PROJECTION} AS p`, { id });
  return rows[0] ? toRecord(rows[0].p) : null;
}

/** Newest first. */
export async function listPlans(db: Database, first: number): Promise<PlanRecord[]> {
  const rows = await execute<{ p: StoredPlan }>(
    db,
    `MATCH (p:EngagementPlan) WITH p ORDER BY p.createdAt DESC, p.id LIMIT $first RETURN ${PLAN_PROJECTION} AS p`,
    { first: int(first) },
  );
  return rows.map((r) => toRecord(r.p));
}

/** Every interaction of the plan's segment members and seeds before `until` (epoch ms), by member. */
export async function planEvidence(
  db: Database,
  id: string,
  until: number,
): Promise<{ segment: string[]; interactions: Map<string, MemberInteraction[]> }> {
  const [plan] = await execute<{ segment: string[]; seeds: string[] }>(
    db,
    `MATCH (p:EngagementPlan {id: $id})
     RETURN [(p)-[:IN_SEGMENT]->(s:Stakeholder) | s.id] AS segment,
            [(p)-[:HAS_ACTION]->(:EngagementAction)-[:FOR]->(s:Stakeholder) | s.id] AS seeds`,
    { id },
  );
  if (!plan) return { segment: [], interactions: new Map() };
  const ids = [...new Set([...plan.segment, ...plan.seeds])];
  const rows = await execute<{ member: string } & MemberInteraction>(
    db,
    `UNWIND $ids AS sid
     MATCH (:Stakeholder {id: sid})<-[w:WITH]-(i:Interaction) WHERE i.at.epochMillis < $until
     RETURN sid AS member, i.at.epochMillis AS at, i.channel AS channel, i.sentiment AS sentiment,
            coalesce(i.participants, 2) AS participants, coalesce(w.initiator, false) AS initiator,
            [(i)-[o:WITH]->(x:Stakeholder) WHERE x.id <> sid | [x.id, coalesce(o.initiator, false)]] AS others`,
    { ids, until },
  );
  const interactions = new Map<string, MemberInteraction[]>();
  for (const { member, ...interaction } of rows) {
    const list = interactions.get(member);
    if (list) list.push(interaction);
    else interactions.set(member, [interaction]);
  }
  return { segment: plan.segment, interactions };
}
