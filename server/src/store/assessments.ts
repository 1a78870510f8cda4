// Assessments: a stakeholder's power, interest and attitude (1–5) as someone judged them on a date. History is kept:
// each assessment is a node of its own, (s:Stakeholder)-[:HAS_ASSESSMENT]->(a:Assessment), never overwritten. Also the
// reads of the power–interest grid: everyone's latest assessment, a run's score distribution, unrated brokers.
import { randomUUID } from 'node:crypto';
import { execute, int, run, type Database } from '../db/database.js';
import type { Page, PageRequest } from '../domain/models.js';
import type { NetworkPower } from '../domain/network-power.js';
import { writeData } from './data-version.js';
import { toPage } from './pages.js';

export interface AssessmentRecord {
  id: string;
  stakeholder: string;
  /** When the judgement was made (ISO instant). */
  at: string;
  power: number;
  interest: number;
  attitude: number;
  note: string | null;
  /** The user who recorded it. */
  author: string | null;
}

export type AssessmentPage = Page<AssessmentRecord>;

/** A stakeholder on the power–interest grid: their latest assessment and their network power in the run. */
export interface GridEntryRecord {
  stakeholder: string;
  assessment: AssessmentRecord;
  network: NetworkPower | null;
}

export interface UnratedBrokerRecord {
  stakeholder: string;
  network: NetworkPower;
}

export interface NewAssessment {
  at: string;
  power: number;
  interest: number;
  attitude: number;
  note: string | null;
  author: string | null;
}

const ASSESSMENT_PROJECTION = `a { .id, .power, .interest, .attitude, .note, .author, stakeholder: s.id, at: toString(a.at) }`;
/** Newest judgement first; two of the same instant by the order they were recorded. */
const NEWEST_FIRST = 'a.at DESC, a.recordedAt DESC, a.id';

/** Records an assessment; null when there is no such stakeholder (nothing written). */
export async function addAssessment(
  db: Database,
  stakeholder: string,
  input: NewAssessment,
  now: Date,
): Promise<AssessmentRecord | null> {
  return writeData(
    db,
    async (tx) => {
      const rows = await run<{ a: AssessmentRecord }>(
        tx,
        `MATCH (s:Stakeholder {id: $stakeholder})
       CREATE (s)-[:HAS_ASSESSMENT]->(a:Assessment {id: $id, at: datetime($at), power: $power, interest: $interest,
         attitude: $attitude, note: $note, author: $author, recordedAt: datetime($now)})
       RETURN ${ASSESSMENT_PROJECTION} AS a`,
        {
          stakeholder,
          id: randomUUID(),
          at: input.at,
          power: int(input.power),
          interest: int(input.interest),
          attitude: int(input.attitude),
          note: input.note,
          author: input.author,
          now: now.toISOString(),
        },
      );
      return rows[0]?.a ?? null;
    },
    'other',
  );
}

/** A stakeholder's assessments, newest first. */
export async function assessmentsOf(db: Database, stakeholder: string, page: PageRequest): Promise<AssessmentPage> {
  const rows = await execute<{ a: AssessmentRecord }>(
    db,
    `MATCH (s:Stakeholder {id: $id})-[:HAS_ASSESSMENT]->(a:Assessment)
     WITH s, a ORDER BY ${NEWEST_FIRST} SKIP $offset LIMIT $limit
     RETURN ${ASSESSMENT_PROJECTION} AS a`,
    { id: stakeholder, offset: int(page.offset), limit: int(page.limit + 1) },
  );
  return toPage(
    rows.map((r) => r.a),
    page,
    async () => {
      const [count] = await execute<{ n: number }>(
        db,
        'MATCH (:Stakeholder {id: $id})-[:HAS_ASSESSMENT]->(a:Assessment) RETURN count(a) AS n',
        { id: stakeholder },
      );
      return count?.n ?? 0;
    },
  );
}

/** The latest assessment of each of these stakeholders (absent: never assessed). */
export async function latestAssessments(db: Database, ids: readonly string[]): Promise<Map<string, AssessmentRecord>> {
  const rows = await execute<{ a: AssessmentRecord }>(
    db,
    `UNWIND $ids AS sid
     MATCH (s:Stakeholder {id: sid})-[:HAS_ASSESSMENT]->(a:Assessment)
     WITH s, a ORDER BY ${NEWEST_FIRST}
     WITH s, head(collect(a)) AS a
     RETURN ${ASSESSMENT_PROJECTION} AS a`,
    { ids: [...ids] },
  );
  return new Map(rows.map((r) => [r.a.stakeholder, r.a]));
}

/** Everyone assessed, each by their latest assessment, most powerful first (at most `limit`), and how many there are. */
export async function latestAssessmentOfEveryone(
  db: Database,
  limit: number,
): Promise<{ assessments: AssessmentRecord[]; total: number }> {
  const rows = await execute<{ a: AssessmentRecord }>(
    db,
    `MATCH (s:Stakeholder)-[:HAS_ASSESSMENT]->(a:Assessment)
     WITH s, a ORDER BY ${NEWEST_FIRST}
     WITH s, head(collect(a)) AS a
     WITH s, a ORDER BY a.power DESC, a.interest DESC, s.name, s.id LIMIT $limit
     RETURN ${ASSESSMENT_PROJECTION} AS a`,
    { limit: int(limit) },
  );
  const [count] = await execute<{ n: number }>(
    db,
    'MATCH (s:Stakeholder) WHERE EXISTS { (s)-[:HAS_ASSESSMENT]->(:Assessment) } RETURN count(s) AS n',
  );
  return { assessments: rows.map((r) => r.a), total: count?.n ?? 0 };
}

export interface ScoreDistribution {
  /** Every PageRank and betweenness of the run, ascending (for percentiles). */
  pagerank: Float64Array;
  betweenness: Float64Array;
}

/** The PageRank and betweenness of every stakeholder of a run, sorted. */
export async function scoreDistribution(db: Database, runId: string): Promise<ScoreDistribution> {
  const rows = await execute<{ pr: number[]; bt: number[] }>(
    db,
    `MATCH (x:ScoreSet) WHERE x.run = $run
     RETURN collect(coalesce(x.pagerank, 0.0)) AS pr, collect(coalesce(x.betweenness, 0.0)) AS bt`,
    { run: runId },
  );
  const sorted = (values: number[] | undefined): Float64Array => Float64Array.from(values ?? []).sort();
  return { pagerank: sorted(rows[0]?.pr), betweenness: sorted(rows[0]?.bt) };
}

export interface RunScore {
  stakeholder: string;
  pagerank: number;
  betweenness: number;
}

/** PageRank and betweenness of these stakeholders in a run (absent: not in it). */
export async function runScores(db: Database, runId: string, ids: readonly string[]): Promise<Map<string, RunScore>> {
  const rows = await execute<RunScore>(
    db,
    `UNWIND $ids AS sid MATCH (x:ScoreSet {run: $run, stakeholder: sid})
     RETURN x.stakeholder AS stakeholder, coalesce(x.pagerank, 0.0) AS pagerank, coalesce(x.betweenness, 0.0) AS betweenness`,
    { run: runId, ids: [...ids] },
  );
  return new Map(rows.map((r) => [r.stakeholder, r]));
}

/** The stakeholders of a run with the highest betweenness whom nobody has assessed, highest first. */
export async function unassessedByBetweenness(db: Database, runId: string, first: number): Promise<RunScore[]> {
  return execute<RunScore>(
    db,
    `MATCH (s:Stakeholder)-[:HAS_SCORES]->(x:ScoreSet)
     WHERE x.run = $run AND NOT EXISTS { (s)-[:HAS_ASSESSMENT]->(:Assessment) }
     WITH s, x ORDER BY x.betweenness DESC, s.id LIMIT $first
     RETURN s.id AS stakeholder, coalesce(x.pagerank, 0.0) AS pagerank, coalesce(x.betweenness, 0.0) AS betweenness`,
    { run: runId, first: int(first) },
  );
}
