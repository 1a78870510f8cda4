// Erasure of one person (with suppression entries so re-imports do not bring them back) and the
// export of everything held about one person.
import { run, execute, type Database } from '../db/database.js';
import { writeData } from './data-version.js';
import { ANY_TIE, REFRESH_DEGREE } from './fragments.js';
import { addSuppressions } from './suppressions.js';
import { deleteActionsFor } from './engagement-plans.js';

export interface ErasureCounts {
  records: number;
  roles: number;
  ties: number;
  memberships: number;
  scoreSets: number;
  assessments: number;
  suppressions: number;
}

/** Erases the stakeholder and everything attached to it in one transaction; null when there is no such stakeholder. */
export async function eraseStakeholder(db: Database, id: string): Promise<ErasureCounts | null> {
  return writeData(db, async (tx) => {
    const found = await run<{
      keys: string[];
      emails: string[];
      neighbours: string[];
      roles: number;
      ties: number;
      memberships: number;
      assessments: number;
    }>(
      tx,
      `MATCH (s:Stakeholder {id: $id})
       RETURN [(s)-[:HAS_RECORD]->(r:SourceRecord) | r.key] AS keys,
              [e IN [(s)-[:HAS_RECORD]->(r:SourceRecord) WHERE r.emailKey IS NOT NULL | r.emailKey]
                 + CASE WHEN s.email IS NULL THEN [] ELSE [toLower(trim(s.email))] END | e] AS emails,
              [(s)-[:${ANY_TIE}]-(o:Stakeholder) WHERE o <> s | o.id] AS neighbours,
              COUNT { (s)-[:HAS_ROLE]->() } AS roles,
              COUNT { (s)-[:${ANY_TIE}]-() } AS ties,
              COUNT { (s)-[:MEMBER_OF]->() } AS memberships,
              COUNT { (s)-[:HAS_ASSESSMENT]->() } AS assessments`,
      { id },
    );
    const row = found[0];
    if (!row) return null;
    const scoreSets = await run<{ n: number }>(
      tx,
      `MATCH (s:Stakeholder {id: $id})
       OPTIONAL MATCH (s)-[:HAS_SCORES]->(x:ScoreSet)
       DETACH DELETE x
       RETURN count(x) AS n`,
      { id },
    );
    await deleteActionsFor(tx, id);
    await run(
      tx,
      `MATCH (s:Stakeholder {id: $id})
       OPTIONAL MATCH (s)-[:HAS_ROLE|HAS_RECORD|HAS_ASSESSMENT]->(owned)
       DETACH DELETE owned
       WITH DISTINCT s
       DETACH DELETE s`,
      { id },
    );
    await run(tx, REFRESH_DEGREE, { ids: [...new Set(row.neighbours)] });
    const suppressions = await addSuppressions(tx, row.keys, [...new Set(row.emails)]);
    return {
      records: row.keys.length,
      roles: row.roles,
      ties: row.ties,
      memberships: row.memberships,
      scoreSets: scoreSets[0]?.n ?? 0,
      assessments: row.assessments,
      suppressions,
    };
  });
}

/** Everything held about one stakeholder, as plain JSON; null when there is no such stakeholder. */
export async function stakeholderData(db: Database, id: string): Promise<Record<string, unknown> | null> {
  const rows = await execute<{ data: Record<string, unknown> }>(
    db,
    `MATCH (s:Stakeholder {id: $id})
     RETURN {
       stakeholder: properties(s),
       roles: [(s)-[:HAS_ROLE]->(f:RoleFact) | properties(f)],
       sourceRecords: [(s)-[:HAS_RECORD]->(r:SourceRecord) | properties(r)],
       ties: [(s)-[t:${ANY_TIE}]-(o:Stakeholder) |
         {type: type(t), direction: CASE WHEN startNode(t) = s THEN 'OUT' ELSE 'IN' END, other: o.id,
          weight: t.weight, since: t.since}],
       memberships: [(s)-[m:MEMBER_OF]->(c:Community) |
         {community: c.id, communityName: c.name, kind: c.kind, strength: m.strength, since: m.since, run: m.run}],
       scores: [(s)-[:HAS_SCORES]->(x:ScoreSet) | properties(x)],
       assessments: [(s)-[:HAS_ASSESSMENT]->(a:Assessment) | properties(a)]
     } AS data`,
    { id },
  );
  return rows[0]?.data ?? null;
}
