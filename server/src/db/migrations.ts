// Every idempotent schema migration, run at every start: uniqueness constraints, lookup indexes, the
// full-text index and the analysis runs' indexes. Each statement uses IF NOT EXISTS / IF EXISTS, so
// running them twice changes nothing.
import { RANKED_METRICS } from '../domain/metrics.js';
import { execute, type Database } from './database.js';

export const MIGRATIONS: readonly string[] = [
  'CREATE CONSTRAINT stakeholder_id IF NOT EXISTS FOR (s:Stakeholder) REQUIRE s.id IS UNIQUE',
  'CREATE CONSTRAINT source_record_key IF NOT EXISTS FOR (r:SourceRecord) REQUIRE r.key IS UNIQUE',
  'CREATE CONSTRAINT role_fact_id IF NOT EXISTS FOR (f:RoleFact) REQUIRE f.id IS UNIQUE',
  'CREATE CONSTRAINT community_id IF NOT EXISTS FOR (c:Community) REQUIRE c.id IS UNIQUE',
  'CREATE INDEX stakeholder_name IF NOT EXISTS FOR (s:Stakeholder) ON (s.name)',
  'CREATE INDEX stakeholder_degree IF NOT EXISTS FOR (s:Stakeholder) ON (s.degree)',
  'CREATE INDEX stakeholder_kind IF NOT EXISTS FOR (s:Stakeholder) ON (s.kind)',
  'CREATE INDEX stakeholder_roles_key IF NOT EXISTS FOR (s:Stakeholder) ON (s.rolesKey)',
  'CREATE INDEX source_record_email IF NOT EXISTS FOR (r:SourceRecord) ON (r.emailKey)',
  'CREATE INDEX source_record_domain IF NOT EXISTS FOR (r:SourceRecord) ON (r.domainKey)',
  'CREATE INDEX community_kind IF NOT EXISTS FOR (c:Community) ON (c.kind)',
  `CREATE FULLTEXT INDEX stakeholder_search IF NOT EXISTS FOR (s:Stakeholder) ON EACH [s.name, s.email, s.organisation]
   OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'standard-no-stop-words' } }`,
  // The same search without e-mail addresses, for callers who may not see personal data (viewers).
  `CREATE FULLTEXT INDEX stakeholder_search_public IF NOT EXISTS FOR (s:Stakeholder) ON EACH [s.name, s.organisation]
   OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'standard-no-stop-words' } }`,
  // Analysis runs: run ids, the current run, per-run score lookups, a run's detected communities.
  'CREATE CONSTRAINT analysis_run_id IF NOT EXISTS FOR (r:AnalysisRun) REQUIRE r.id IS UNIQUE',
  // The one lock node every process's run claim merges on: unique, so concurrent claims lock the same node.
  'CREATE CONSTRAINT analysis_lock_id IF NOT EXISTS FOR (l:AnalysisLock) REQUIRE l.id IS UNIQUE',
  'CREATE INDEX analysis_run_current IF NOT EXISTS FOR (r:AnalysisRun) ON (r.current)',
  'CREATE INDEX score_set_run_stakeholder IF NOT EXISTS FOR (x:ScoreSet) ON (x.run, x.stakeholder)',
  'CREATE INDEX community_run IF NOT EXISTS FOR (c:Community) ON (c.run)',
  // Access and the audit trail: users by name, tokens, sessions and links by hash, events by time.
  'CREATE CONSTRAINT user_name IF NOT EXISTS FOR (u:User) REQUIRE u.name IS UNIQUE',
  'CREATE CONSTRAINT api_token_id IF NOT EXISTS FOR (t:ApiToken) REQUIRE t.id IS UNIQUE',
  'CREATE CONSTRAINT api_token_hash IF NOT EXISTS FOR (t:ApiToken) REQUIRE t.hash IS UNIQUE',
  'CREATE CONSTRAINT session_hash IF NOT EXISTS FOR (s:Session) REQUIRE s.hash IS UNIQUE',
  'CREATE CONSTRAINT sign_in_link_hash IF NOT EXISTS FOR (l:SignInLink) REQUIRE l.hash IS UNIQUE',
  'CREATE INDEX audit_event_at IF NOT EXISTS FOR (e:AuditEvent) ON (e.at)',
  'CREATE INDEX audit_event_action IF NOT EXISTS FOR (e:AuditEvent) ON (e.action)',
  'CREATE CONSTRAINT suppression_key IF NOT EXISTS FOR (x:Suppression) REQUIRE x.key IS UNIQUE',
  // The one data version node every data write bumps (store/data-version.ts): unique, so concurrent first bumps merge on one node.
  'CREATE CONSTRAINT data_version_id IF NOT EXISTS FOR (v:DataVersion) REQUIRE v.id IS UNIQUE',
  // Interactions by id and by date (date windows, a stakeholder's newest first).
  'CREATE CONSTRAINT interaction_id IF NOT EXISTS FOR (i:Interaction) REQUIRE i.id IS UNIQUE',
  'CREATE INDEX interaction_at IF NOT EXISTS FOR (i:Interaction) ON (i.at)',
  // Assessments by id (history is kept: one node per assessment).
  'CREATE CONSTRAINT assessment_id IF NOT EXISTS FOR (a:Assessment) REQUIRE a.id IS UNIQUE',
  // Saved engagement plans and their actions (store/engagement-plans.ts).
  'CREATE CONSTRAINT engagement_plan_id IF NOT EXISTS FOR (p:EngagementPlan) REQUIRE p.id IS UNIQUE',
  'CREATE CONSTRAINT engagement_action_id IF NOT EXISTS FOR (a:EngagementAction) REQUIRE a.id IS UNIQUE',
  // Earlier versions kept one (run, metric) index per ranked metric: 11 index entries per score set
  // more than doubled the write-back of a run, for rankings a sort over one run's score sets serves.
  ...RANKED_METRICS.map((m) => `DROP INDEX score_set_run_${m.toLowerCase()} IF EXISTS`),
];

export async function migrate(db: Database): Promise<void> {
  for (const statement of MIGRATIONS) await execute(db, statement, {}, { mode: 'WRITE' });
  // A database from before the data version (store/data-version.ts) gets one at start, so that its
  // answers are cached before its first write; an existing one is left as it is.
  await execute(
    db,
    "MERGE (v:DataVersion {id: 'data'}) ON CREATE SET v.epoch = randomUUID(), v.value = 0",
    {},
    { mode: 'WRITE' },
  );
  await execute(db, 'CALL db.awaitIndexes(300)', {}, { mode: 'READ' });
}
