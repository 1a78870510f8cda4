// Reads and writes stakeholders, their role facts, ties and source records in Neo4j.
import { randomUUID } from 'node:crypto';
import { execute, int, run, type Database, type Tx } from '../db/database.js';
import { writeData } from './data-version.js';
import { ROLES, ROLE_LABEL, TIE_TYPES, type KindName, type RoleName, type TieTypeName } from '../domain/vocabulary.js';
import type { Page, PageRequest, RoleCombination, RoleFact, Stakeholder, Tie } from '../domain/models.js';
import { toPage } from './pages.js';
import { ANY_TIE, REFRESH_DEGREE, REFRESH_ROLES, STAKEHOLDER_PROJECTION, roleLabelPredicate } from './fragments.js';

export interface StakeholderFilter {
  roles?: RoleName[] | null;
  roleMatch?: 'ANY' | 'ALL' | null;
  community?: string | null;
  kind?: KindName | null;
  text?: string | null;
}

export type StakeholderOrder = 'NAME' | 'DEGREE' | 'RELEVANCE';

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/** Turns free text into a Lucene query: every word must match, as a prefix. */
export function fullTextQuery(text: string): string | undefined {
  const words = text
    .trim()
    .split(/\s+/)
    .map((word) => word.replace(LUCENE_SPECIAL, (c) => `\\${c}`))
    .filter((word) => word.length > 0);
  return words.length === 0 ? undefined : words.map((word) => `${word}*`).join(' AND ');
}

interface MatchClause {
  cypher: string;
  params: Record<string, unknown>;
  hasScore: boolean;
}

/**
 * The MATCH … WHERE that selects stakeholders for a filter, binding `s` (and `score` with text). Without
 * `personal`, free text searches names and organisations only, so e-mail addresses cannot be probed.
 */
export function stakeholderMatch(filter: StakeholderFilter | null | undefined, personal = true): MatchClause {
  const params: Record<string, unknown> = {};
  const where: string[] = [];
  let cypher: string;
  const query = filter?.text ? fullTextQuery(filter.text) : undefined;
  if (query) {
    params.text = query;
    const index = personal ? 'stakeholder_search' : 'stakeholder_search_public';
    cypher = `CALL db.index.fulltext.queryNodes('${index}', $text) YIELD node AS s, score`;
  } else if (filter?.community) {
    cypher = 'MATCH (:Community {id: $community})<-[:MEMBER_OF]-(s:Stakeholder)';
  } else {
    cypher = 'MATCH (s:Stakeholder)';
  }
  if (filter?.community) {
    params.community = filter.community;
    if (query) where.push('EXISTS { (s)-[:MEMBER_OF]->(:Community {id: $community}) }');
  }
  if (filter?.roles && filter.roles.length > 0) {
    where.push(roleLabelPredicate('s', filter.roles, filter.roleMatch ?? 'ANY'));
  }
  if (filter?.kind) {
    params.kind = filter.kind;
    where.push('s.kind = $kind');
  }
  if (where.length > 0) cypher += `\nWHERE ${where.join(' AND ')}`;
  return { cypher, params, hasScore: query !== undefined };
}

/** Adds a condition to a MATCH clause from stakeholderMatch (which has a WHERE or not). */
function withCondition(cypher: string, condition: string): string {
  return cypher.includes('\nWHERE ') ? cypher.replace('\nWHERE ', `\nWHERE ${condition} AND `) : `${cypher}\nWHERE ${condition}`;
}

/** True when no stakeholder is stored (a first start: the demo may be loaded). */
export async function noStakeholders(db: Database): Promise<boolean> {
  const rows = await execute<{ n: number }>(db, 'MATCH (s:Stakeholder) WITH s LIMIT 1 RETURN count(s) AS n');
  return (rows[0]?.n ?? 0) === 0;
}

export async function findStakeholdersByIds(db: Database, ids: string[]): Promise<Map<string, Stakeholder>> {
  const rows = await execute<{ s: Stakeholder }>(
    db,
    `UNWIND $ids AS sid MATCH (s:Stakeholder {id: sid}) RETURN ${STAKEHOLDER_PROJECTION} AS s`,
    { ids },
  );
  return new Map(rows.map((row) => [row.s.id, row.s]));
}

export async function listStakeholders(
  db: Database,
  filter: StakeholderFilter | null | undefined,
  orderBy: StakeholderOrder,
  request: PageRequest,
  personal = true,
  withTotal = false,
): Promise<Page<Stakeholder>> {
  const match = stakeholderMatch(filter, personal);
  const byName = !(orderBy === 'RELEVANCE' && match.hasScore) && orderBy !== 'DEGREE';
  const order =
    orderBy === 'RELEVANCE' && match.hasScore
      ? 'score DESC, s.id'
      : orderBy === 'DEGREE'
        ? 's.degree DESC, s.id'
        : 's.name, s.id';
  // Every stakeholder has a name; saying so lets a scan of all stakeholders read the name index
  // in order and stop after the page (PartialTop) instead of sorting every match.
  const scansAll = !match.hasScore && !filter?.community;
  const pageOf = `${byName && scansAll ? withCondition(match.cypher, 's.name IS NOT NULL') : match.cypher}
     WITH s${match.hasScore ? ', score' : ''} ORDER BY ${order} SKIP $skip LIMIT $limit`;
  // One role and nothing else: the role label's count comes from the count store.
  const onlyRole = scansAll && !filter?.kind && filter?.roles?.length === 1 ? filter.roles[0] : undefined;
  const countCypher = onlyRole
    ? `MATCH (s:${ROLE_LABEL[onlyRole]}) RETURN count(s) AS n`
    : `${match.cypher}\nRETURN count(s) AS n`;
  const params = { ...match.params, skip: int(request.offset), limit: int(request.limit + 1) };
  if (withTotal) {
    // Asked for with the page: both in one round trip.
    const rows = await execute<{ n: number; page: Stakeholder[] }>(
      db,
      `CALL () { ${countCypher} }
       CALL () { ${pageOf} RETURN collect(${STAKEHOLDER_PROJECTION}) AS page }
       RETURN n, page`,
      params,
    );
    const total = rows[0]?.n ?? 0;
    return toPage(rows[0]?.page ?? [], request, () => Promise.resolve(total));
  }
  const rows = await execute<{ s: Stakeholder }>(db, `${pageOf}\n     RETURN ${STAKEHOLDER_PROJECTION} AS s`, params);
  // Read once, when first asked for; a failed read (a cancelled request) is forgotten, since a cached
  // page outlives the request that loaded it.
  let total: Promise<number> | undefined;
  const totalCount = (): Promise<number> => {
    if (!total) {
      const read = execute<{ n: number }>(db, countCypher, match.params).then((r) => r[0]?.n ?? 0);
      read.catch(() => {
        if (total === read) total = undefined;
      });
      total = read;
    }
    return total;
  };
  return toPage(
    rows.map((row) => row.s),
    request,
    totalCount,
  );
}

function rolesKey(roles: readonly RoleName[]): string {
  return ROLES.filter((role) => roles.includes(role)).join('|');
}

export async function roleCombinations(db: Database): Promise<RoleCombination[]> {
  const rows = await execute<{ key: string; count: number }>(
    db,
    `MATCH (s:Stakeholder) WHERE s.rolesKey IS NOT NULL AND s.rolesKey <> ''
     RETURN s.rolesKey AS key, count(*) AS count ORDER BY count DESC, key`,
  );
  return rows.map((row) => ({ roles: row.key.split('|') as RoleName[], count: row.count }));
}

export async function combinationMembers(db: Database, roles: RoleName[], request: PageRequest): Promise<Page<Stakeholder>> {
  const key = rolesKey(roles);
  const rows = await execute<{ s: Stakeholder }>(
    db,
    `MATCH (s:Stakeholder {rolesKey: $key}) WITH s ORDER BY s.name, s.id SKIP $skip LIMIT $limit
     RETURN ${STAKEHOLDER_PROJECTION} AS s`,
    { key, skip: int(request.offset), limit: int(request.limit + 1) },
  );
  let total: Promise<number> | undefined;
  return toPage(
    rows.map((row) => row.s),
    request,
    () =>
      (total ??= execute<{ n: number }>(db, 'MATCH (s:Stakeholder {rolesKey: $key}) RETURN count(s) AS n', { key }).then(
        (r) => r[0]?.n ?? 0,
      )),
  );
}

function tiePattern(direction: 'IN' | 'OUT' | 'BOTH', types: readonly TieTypeName[] | null | undefined): string {
  const rel = `[t:${(types && types.length > 0 ? types : TIE_TYPES).join('|')}]`;
  if (direction === 'OUT') return `(s:Stakeholder {id: $id})-${rel}->(o:Stakeholder)`;
  if (direction === 'IN') return `(s:Stakeholder {id: $id})<-${rel}-(o:Stakeholder)`;
  return `(s:Stakeholder {id: $id})-${rel}-(o:Stakeholder)`;
}

const TIE_PROJECTION = '{ source: startNode(t).id, target: endNode(t).id, type: type(t), weight: t.weight, since: t.since }';

export async function stakeholderTies(
  db: Database,
  id: string,
  direction: 'IN' | 'OUT' | 'BOTH',
  types: TieTypeName[] | null | undefined,
  request: PageRequest,
): Promise<Page<Tie>> {
  const pattern = tiePattern(direction, types);
  const rows = await execute<{ t: Tie }>(
    db,
    `MATCH ${pattern} WITH t ORDER BY t.weight DESC, elementId(t) SKIP $skip LIMIT $limit RETURN ${TIE_PROJECTION} AS t`,
    { id, skip: int(request.offset), limit: int(request.limit + 1) },
  );
  let total: Promise<number> | undefined;
  return toPage(
    rows.map((row) => row.t),
    request,
    () => (total ??= execute<{ n: number }>(db, `MATCH ${pattern} RETURN count(t) AS n`, { id }).then((r) => r[0]?.n ?? 0)),
  );
}

export interface SourceRecordRow {
  key: string;
  source: string;
  externalId: string;
  email: string | null;
  matchedOn: string;
  importedAt: string;
}

export async function sourceRecords(db: Database, id: string): Promise<SourceRecordRow[]> {
  const rows = await execute<{ r: SourceRecordRow }>(
    db,
    `MATCH (:Stakeholder {id: $id})-[:HAS_RECORD]->(r:SourceRecord)
     RETURN r { .key, .source, .externalId, .email, .matchedOn, .importedAt } AS r ORDER BY r.importedAt, r.key`,
    { id },
  );
  return rows.map((row) => row.r);
}

// ---------------------------------------------------------------- writes

export interface StakeholderFields {
  kind?: KindName | null;
  name?: string | null;
  email?: string | null;
  organisation?: string | null;
  title?: string | null;
  country?: string | null;
}

export async function createStakeholder(
  db: Database,
  input: StakeholderFields & { id?: string | null; kind: KindName; name: string; roles?: RoleFact[] },
): Promise<string | null> {
  const id = input.id ?? `sh-${randomUUID()}`;
  return writeData(db, async (tx) => {
    const created = await run<{ id: string }>(
      tx,
      `OPTIONAL MATCH (existing:Stakeholder {id: $id})
       WITH existing WHERE existing IS NULL
       CREATE (s:Stakeholder {id: $id, kind: $kind, name: $name, email: $email, organisation: $organisation,
         title: $title, country: $country, degree: 0, roles: [], rolesKey: '',
         createdAt: datetime(), updatedAt: datetime()})
       RETURN s.id AS id`,
      {
        id,
        kind: input.kind,
        name: input.name,
        email: input.email ?? null,
        organisation: input.organisation ?? null,
        title: input.title ?? null,
        country: input.country ?? null,
      },
    );
    if (created.length === 0) return null;
    for (const role of input.roles ?? []) await mergeRoleFact(tx, id, role);
    await run(tx, REFRESH_ROLES, { ids: [id] });
    return id;
  });
}

async function mergeRoleFact(tx: Tx, id: string, fact: RoleFact): Promise<void> {
  await run(
    tx,
    `MATCH (s:Stakeholder {id: $id})
     MERGE (f:RoleFact {id: $id + '|' + $role})
     SET f.role = $role, f.since = date($since), f.until = date($until), f.source = $source,
         f.value = $value, f.tier = $tier
     MERGE (s)-[:HAS_ROLE]->(f)
     SET s.updatedAt = datetime()`,
    { id, ...fact },
  );
}

/** Returns false when the stakeholder does not exist. */
export async function updateStakeholder(db: Database, id: string, fields: StakeholderFields): Promise<boolean> {
  const set = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key]) => `s.${key} = $fields.${key}`);
  const rows = await writeData(db, (tx) =>
    run<{ id: string }>(
      tx,
      `MATCH (s:Stakeholder {id: $id}) SET ${[...set, 's.updatedAt = datetime()'].join(', ')} RETURN s.id AS id`,
      { id, fields },
    ),
  );
  return rows.length > 0;
}

/** Deletes the stakeholder with its ties, memberships, role facts and source records, in one transaction. */
export async function deleteStakeholder(db: Database, id: string): Promise<boolean> {
  return writeData(db, async (tx) => {
    const neighbours = await run<{ ids: string[] }>(
      tx,
      `MATCH (s:Stakeholder {id: $id})
       OPTIONAL MATCH (s)-[:${ANY_TIE}]-(o:Stakeholder) WHERE o <> s
       RETURN collect(DISTINCT o.id) AS ids`,
      { id },
    );
    const deleted = await run<{ n: number }>(
      tx,
      `MATCH (s:Stakeholder {id: $id})
       OPTIONAL MATCH (s)-[:HAS_ROLE|HAS_RECORD|HAS_ASSESSMENT]->(owned)
       DETACH DELETE owned
       WITH DISTINCT s
       DETACH DELETE s
       RETURN count(*) AS n`,
      { id },
    );
    if ((deleted[0]?.n ?? 0) === 0) return false;
    await run(tx, REFRESH_DEGREE, { ids: neighbours[0]?.ids ?? [] });
    return true;
  });
}

export async function addRole(db: Database, id: string, fact: RoleFact): Promise<boolean> {
  return writeData(db, async (tx) => {
    const exists = await run(tx, 'MATCH (s:Stakeholder {id: $id}) RETURN s.id AS id', { id });
    if (exists.length === 0) return false;
    await mergeRoleFact(tx, id, fact);
    await run(tx, REFRESH_ROLES, { ids: [id] });
    return true;
  });
}

export async function removeRole(db: Database, id: string, role: RoleName): Promise<boolean> {
  return writeData(db, async (tx) => {
    const exists = await run(tx, 'MATCH (s:Stakeholder {id: $id}) RETURN s.id AS id', { id });
    if (exists.length === 0) return false;
    await run(tx, `MATCH (:Stakeholder {id: $id})-[:HAS_ROLE]->(f:RoleFact {role: $role}) DETACH DELETE f`, { id, role });
    await run(tx, REFRESH_ROLES, { ids: [id] });
    return true;
  });
}

/** Creates or updates the tie of that type; returns the missing endpoint id when one is absent. */
export async function addTie(db: Database, tie: Tie): Promise<{ tie: Tie } | { missing: string }> {
  return writeData(db, async (tx) => {
    const found = await run<{ id: string }>(tx, 'UNWIND $ids AS sid MATCH (s:Stakeholder {id: sid}) RETURN s.id AS id', {
      ids: [tie.source, tie.target],
    });
    const present = new Set(found.map((row) => row.id));
    for (const id of [tie.source, tie.target]) if (!present.has(id)) return { missing: id };
    // The type comes from the TieType enum (validated by GraphQL), so interpolating it is safe.
    const rows = await run<{ t: Tie }>(
      tx,
      `MATCH (a:Stakeholder {id: $source}), (b:Stakeholder {id: $target})
       MERGE (a)-[t:${tie.type}]->(b)
       SET t.weight = $weight, t.since = date($since)
       RETURN ${TIE_PROJECTION} AS t`,
      { ...tie },
    );
    await run(tx, REFRESH_DEGREE, { ids: [tie.source, tie.target] });
    const written = rows[0];
    if (!written) throw new Error('tie was not written');
    return { tie: written.t };
  });
}

export async function removeTie(db: Database, key: { source: string; target: string; type: TieTypeName }): Promise<boolean> {
  return writeData(db, async (tx) => {
    const rows = await run<{ n: number }>(
      tx,
      `MATCH (:Stakeholder {id: $source})-[t:${key.type}]->(:Stakeholder {id: $target}) DELETE t RETURN count(*) AS n`,
      { ...key },
    );
    await run(tx, REFRESH_DEGREE, { ids: [key.source, key.target] });
    return (rows[0]?.n ?? 0) > 0;
  });
}
