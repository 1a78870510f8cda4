// Idempotent indexes and constraints of analysis runs (run ids, the current run, per-run score lookups), created once per database connection.
import { execute, type Database } from '../db/database.js';

/** Score properties a ranking may sort by (an allow-list: they are interpolated into Cypher). */
export const RANKED_METRICS = [
  'pagerank',
  'hub',
  'authority',
  'inDegree',
  'outDegree',
  'weightedInDegree',
  'weightedOutDegree',
  'coreNumber',
  'betweenness',
  'constraint',
  'effectiveSize',
] as const;
export type RankedMetric = (typeof RANKED_METRICS)[number];

export const ANALYSIS_MIGRATIONS: readonly string[] = [
  'CREATE CONSTRAINT analysis_run_id IF NOT EXISTS FOR (r:AnalysisRun) REQUIRE r.id IS UNIQUE',
  'CREATE INDEX analysis_run_current IF NOT EXISTS FOR (r:AnalysisRun) ON (r.current)',
  'CREATE INDEX score_set_run_stakeholder IF NOT EXISTS FOR (x:ScoreSet) ON (x.run, x.stakeholder)',
  'CREATE INDEX community_run IF NOT EXISTS FOR (c:Community) ON (c.run)',
  // Earlier versions kept one (run, metric) index per ranked metric: 11 index entries per score set
  // more than doubled the write-back of a run, for rankings a sort over one run's score sets serves.
  ...RANKED_METRICS.map((m) => `DROP INDEX score_set_run_${m.toLowerCase()} IF EXISTS`),
];

const ensured = new WeakMap<Database, Promise<void>>();

/** Creates the analysis indexes (once per Database object) and waits for them to come online. */
export function ensureAnalysisSchema(db: Database): Promise<void> {
  let done = ensured.get(db);
  if (!done) {
    done = (async () => {
      for (const statement of ANALYSIS_MIGRATIONS) await execute(db, statement, {}, { mode: 'WRITE' });
      await execute(db, 'CALL db.awaitIndexes(300)', {}, { mode: 'READ' });
    })();
    done.catch(() => ensured.delete(db));
    ensured.set(db, done);
  }
  return done;
}
