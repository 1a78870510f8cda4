// Idempotent schema migrations run at every start: uniqueness constraints, lookup indexes and
// the full-text index. Each statement uses IF NOT EXISTS, so running them twice changes nothing.
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
];

export async function migrate(db: Database): Promise<void> {
  for (const statement of MIGRATIONS) await execute(db, statement, {}, { mode: 'WRITE' });
  await execute(db, 'CALL db.awaitIndexes(300)', {}, { mode: 'READ' });
}
