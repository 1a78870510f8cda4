// The reads the page and scripts use, each written three ways for the same answer: our GraphQL API, the best
// single Cypher through the bare driver (the engine's limit), and @neo4j/graphql 7's generated API where it can
// express the read. Each answer is reduced to a summary (ids, counts) so that the three can be checked to agree.
import { int } from '../../server/src/db/database.js';
import { ROLE_LABEL, TIE_TYPES, type RoleName } from '../../server/src/domain/vocabulary.js';

export type Target = 'ours' | 'bare' | 'peer';
export const TARGETS: readonly Target[] = ['ours', 'bare', 'peer'];
export const TARGET_LABEL: Record<Target, string> = {
  ours: 'ours (GraphQL)',
  bare: 'bare driver (one Cypher)',
  peer: '@neo4j/graphql 7',
};

/** One request, serialisable for the forked load generator: a GraphQL body, or a Cypher with its parameters. */
export type Call = { body: string } | { cypher: string; params: Record<string, unknown>; ints: string[] };

/** What an answer must agree on; a null field is one the target's query cannot express and is not compared. */
export interface Summary {
  ids: string[];
  count: number | null;
  detail: string | null;
}

export type OperationName = 'byId' | 'page' | 'ego1' | 'ego2' | 'slice';

export interface Operation {
  name: OperationName;
  label: string;
  /** Single-client p50 floor: ours ≤ ratio × the bare driver (undefined: no floor stated). */
  p50Ratio: number | undefined;
  /** Throughput at 20 clients is measured (and compared with the peer where it has the read). */
  throughput: boolean;
  /** The three calls for one drawn input (no peer call when @neo4j/graphql cannot express the read). */
  calls(input: Input): Partial<Record<Target, Call>>;
  /** Reduces a target's answer (GraphQL data, or the bare driver's rows) to what the three must agree on. */
  summarise(target: Target, answer: unknown): Summary;
}

export interface Input {
  id: string;
  filter: PageFilter;
  /** Row the page starts after (-1: the first page). */
  after: number;
}

export interface PageFilter {
  roles: RoleName[];
  roleMatch: 'ANY' | 'ALL';
}

export const PAGE_FILTERS: readonly PageFilter[] = [
  { roles: ['CUSTOMER'], roleMatch: 'ANY' },
  { roles: ['EMPLOYEE'], roleMatch: 'ANY' },
  { roles: ['SHAREHOLDER'], roleMatch: 'ANY' },
  { roles: ['PARTNER', 'SUPPLIER'], roleMatch: 'ANY' },
  { roles: ['EMPLOYEE', 'SHAREHOLDER'], roleMatch: 'ALL' },
];

export const EGO_LIMIT = 2000;
/** What the page asks for the network slice (client/src/lib/state/data-state.svelte.ts NETWORK_LIMIT), unfiltered. */
export const SLICE_LIMIT = 100_000;
const PAGE_SIZE = 50;
const TIES = TIE_TYPES.join('|');

/** @neo4j/graphql's relationship fields: one per tie type (a @relationship names one type), queried undirected. */
export const TIE_FIELDS = TIE_TYPES.map((type) => ({
  type,
  field: type.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()),
}));

const gql = (query: string, variables: Record<string, unknown>): Call => ({ body: JSON.stringify({ query, variables }) });
const cypher = (text: string, params: Record<string, unknown>, ints: string[] = []): Call => ({ cypher: text, params, ints });

/** Parameters for the driver, integers marked as such (a JavaScript number goes out as a float, which LIMIT refuses). */
export function boltParams(call: { params: Record<string, unknown>; ints: string[] }): Record<string, unknown> {
  const params = { ...call.params };
  for (const name of call.ints) params[name] = int(params[name] as number);
  return params;
}

type Json = Record<string, unknown>;
const field = (value: unknown, key: string): unknown => (value as Json | null | undefined)?.[key];
const rows = (answer: unknown): Json[] => answer as Json[];
const sorted = (ids: Iterable<string>): string[] => [...new Set(ids)].sort();

// ---------------------------------------------------------------- stakeholder by id

// A role fact's value is @personal, masked for the viewer the bench signs in as: none of the three asks for it.
const OURS_BY_ID = `query Stakeholder($id: ID!) {
  stakeholder(id: $id) { id name roles { role since until source tier } degree }
}`;
const PEER_BY_ID = `query Stakeholder($id: ID!) {
  stakeholders(where: { id: { eq: $id } }) { id name degree roleFacts { role since until source tier } }
}`;
const BARE_BY_ID = `MATCH (s:Stakeholder {id: $id})
RETURN s.id AS id, s.name AS name, coalesce(s.degree, 0) AS degree,
  [(s)-[:HAS_ROLE]->(f:RoleFact) | f { .role, since: toString(f.since), until: toString(f.until), .source, .tier }] AS roles`;

function byIdSummary(record: unknown, facts: unknown): Summary {
  const roles = ((facts ?? []) as Json[]).map((f) =>
    [f.role, f.since, f.until, f.source, f.tier].map((v) => (v === undefined ? null : v)).join('|'),
  );
  return {
    ids: record ? [String(field(record, 'id'))] : [],
    count: Number(field(record, 'degree') ?? -1),
    detail: `${String(field(record, 'name'))}: ${roles.sort().join(', ')}`,
  };
}

const byId: Operation = {
  name: 'byId',
  label: 'stakeholder by id, with role facts and degree',
  p50Ratio: 1.5,
  throughput: true,
  calls: ({ id }) => ({
    ours: gql(OURS_BY_ID, { id }),
    bare: cypher(BARE_BY_ID, { id }),
    peer: gql(PEER_BY_ID, { id }),
  }),
  summarise(target, answer) {
    if (target === 'bare') return byIdSummary(rows(answer)[0], rows(answer)[0]?.roles);
    if (target === 'ours') {
      const s = field(answer, 'stakeholder');
      return byIdSummary(s, field(s, 'roles'));
    }
    const s = (field(answer, 'stakeholders') as unknown[])[0];
    return byIdSummary(s, field(s, 'roleFacts'));
  },
};

// ---------------------------------------------------------------- filtered page of 50, by name

const OURS_PAGE = `query Page($filter: StakeholderFilter, $after: String) {
  stakeholders(filter: $filter, orderBy: NAME, first: ${PAGE_SIZE}, after: $after) {
    totalCount
    edges { cursor node { id name kind roles { role } degree } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const PEER_PAGE = `query Page($where: StakeholderWhere, $after: String) {
  stakeholdersConnection(where: $where, sort: [{ name: ASC }, { id: ASC }], first: ${PAGE_SIZE}, after: $after) {
    totalCount
    edges { cursor node { id name kind degree roleFacts { role } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

function rolePredicate(filter: PageFilter): string {
  return `(${filter.roles.map((r) => `s:${ROLE_LABEL[r]}`).join(filter.roleMatch === 'ALL' ? ' AND ' : ' OR ')})`;
}

/** The page and its total in one round trip; one role alone is counted from the count store, as ours does. */
function barePage(filter: PageFilter): string {
  const only = filter.roles.length === 1 ? filter.roles[0] : undefined;
  const count = only
    ? `MATCH (s:${ROLE_LABEL[only]}) RETURN count(s) AS total`
    : `MATCH (s:Stakeholder) WHERE ${rolePredicate(filter)} RETURN count(s) AS total`;
  return `CALL () { ${count} }
CALL () {
  MATCH (s:Stakeholder) WHERE ${rolePredicate(filter)} AND s.name IS NOT NULL
  WITH s ORDER BY s.name, s.id SKIP $skip LIMIT $limit
  RETURN collect(s { .id, .name, .kind, roles: coalesce(s.roles, []), degree: coalesce(s.degree, 0) }) AS page
}
RETURN total, page`;
}

function peerWhere(filter: PageFilter): Json {
  const parts = filter.roles.map((role) => ({ roles: { includes: role } }));
  if (parts.length === 1) return parts[0] as Json;
  return filter.roleMatch === 'ALL' ? { AND: parts } : { OR: parts };
}

const ourCursor = (offset: number): string => Buffer.from(`o:${offset}`).toString('base64url');
const peerCursor = (offset: number): string => Buffer.from(`arrayconnection:${offset}`).toString('base64');

function pageSummary(total: unknown, nodes: Json[], roles: (node: Json) => string[], hasNext: boolean): Summary {
  return {
    ids: nodes.map((n) => String(n.id)),
    count: Number(total),
    detail: `${hasNext ? 'more' : 'last'}; ${nodes.map((n) => `${String(n.kind)}/${String(n.degree)}/${roles(n).sort().join('+')}`).join(' ')}`,
  };
}

const page: Operation = {
  name: 'page',
  label: 'filtered page of 50 (roles filter, by name), with totalCount',
  p50Ratio: 1.5,
  throughput: true,
  calls: ({ filter, after }) => ({
    ours: gql(OURS_PAGE, { filter, after: after < 0 ? null : ourCursor(after) }),
    bare: cypher(barePage(filter), { skip: after + 1, limit: PAGE_SIZE + 1 }, ['skip', 'limit']),
    peer: gql(PEER_PAGE, { where: peerWhere(filter), after: after < 0 ? null : peerCursor(after) }),
  }),
  summarise(target, answer) {
    if (target === 'bare') {
      const row = rows(answer)[0] as Json;
      const all = row.page as Json[];
      return pageSummary(row.total, all.slice(0, PAGE_SIZE), (n) => n.roles as string[], all.length > PAGE_SIZE);
    }
    const connection = field(answer, target === 'ours' ? 'stakeholders' : 'stakeholdersConnection');
    const nodes = (field(connection, 'edges') as Json[]).map((e) => e.node as Json);
    const roleList = (n: Json): string[] =>
      ((target === 'ours' ? n.roles : n.roleFacts) as Json[]).map((f) => String(f.role)).filter((r, i, a) => a.indexOf(r) === i);
    return pageSummary(
      field(connection, 'totalCount'),
      nodes,
      roleList,
      Boolean(field(field(connection, 'pageInfo'), 'hasNextPage')),
    );
  },
};

// ---------------------------------------------------------------- ego network

const NETWORK_FIELDS = `attributes { truncated totalNodes totalEdges }
    nodes { key attributes { label kind roles communities degree } }
    edges { source target attributes { type weight since } }`;
const oursEgo = (depth: number): string => `query Ego($id: ID!) {
  egoNetwork(id: $id, depth: ${depth}, limit: ${EGO_LIMIT}) {
    ${NETWORK_FIELDS}
  }
}`;

const PEER_NODE = 'id name kind roles degree memberOf(where: { kind: { eq: "DECLARED" } }) { id }';
const PEER_ONE_HOP = `query OneHop($id: ID!) {
  stakeholders(where: { id: { eq: $id } }) {
    ${PEER_NODE}
    ${TIE_FIELDS.map(({ field: f }) => `${f}Connection { edges { properties { weight since } node { ${PEER_NODE} } } }`).join('\n    ')}
  }
}`;

/**
 * The ego network in one query, with our semantics: breadth-first levels, each ordered by the strongest tie into
 * it (then id) and cut at the limit; the second level is read only when the first was not cut, so "not a first
 * level neighbour" is a relationship check on the ego rather than a list scan. Then the ties among the reached
 * stakeholders (strongest first, at most the limit), and the node projection the map uses.
 */
const BARE_EGO = `MATCH (ego:Stakeholder {id: $id})
CALL (ego) {
  MATCH (ego)-[t:${TIES}]-(n:Stakeholder) WHERE n <> ego
  WITH n, max(t.weight) AS w ORDER BY w DESC, n.id LIMIT $limit
  RETURN collect(n) AS first
}
WITH ego, first[0..$limit - 1] AS first, size(first) >= $limit AS cut1
CALL (ego, first, cut1) {
  UNWIND CASE WHEN cut1 OR $depth < 2 THEN [] ELSE first END AS f
  MATCH (f)-[t:${TIES}]-(n:Stakeholder)
  WHERE n <> ego AND NOT EXISTS { (n)-[:${TIES}]-(ego) }
  WITH n, max(t.weight) AS w ORDER BY w DESC, n.id LIMIT $limit
  RETURN collect(n) AS second
}
WITH [ego] + first + second[0..$limit - 1 - size(first)] AS reached, cut1 OR size(second) >= $limit - size(first) AS cut
CALL (reached) {
  UNWIND reached AS a
  MATCH (a)-[t:${TIES}]->(b) WHERE b IN reached
  WITH a, t, b ORDER BY t.weight DESC LIMIT $limit + 1
  RETURN collect({ source: a.id, target: b.id, attributes: { type: type(t), weight: t.weight, since: toString(t.since) } }) AS edges
}
RETURN cut OR size(edges) > $limit AS truncated, edges[0..$limit] AS edges,
  [s IN reached | { key: s.id, attributes: { label: s.name, kind: s.kind, roles: coalesce(s.roles, []), degree: coalesce(s.degree, 0),
    communities: [(s)-[:MEMBER_OF]->(c:Community {kind: 'DECLARED'}) | c.id] } }] AS nodes`;

function graphSummary(nodes: Json[], edges: Json[] | null): Summary {
  return {
    ids: sorted(nodes.map((n) => String(n.key))),
    count: edges === null ? null : edges.length,
    detail: null,
  };
}

function ego(depth: 1 | 2): Operation {
  return {
    name: depth === 1 ? 'ego1' : 'ego2',
    label: `ego network depth ${depth}, limit ${EGO_LIMIT.toLocaleString('en-US')}`,
    p50Ratio: 2,
    throughput: true,
    calls: ({ id }) => ({
      ours: gql(oursEgo(depth), { id }),
      bare: cypher(BARE_EGO, { id, depth, limit: EGO_LIMIT }, ['depth', 'limit']),
      // @neo4j/graphql has one hop (the ego and its neighbours, with the ties from the ego); not the ties among them.
      ...(depth === 1 ? { peer: gql(PEER_ONE_HOP, { id }) } : {}),
    }),
    summarise(target, answer) {
      if (target === 'bare') {
        const row = rows(answer)[0];
        return row ? graphSummary(row.nodes as Json[], row.edges as Json[]) : graphSummary([], []);
      }
      if (target === 'ours') {
        const graph = field(answer, 'egoNetwork');
        return graphSummary(field(graph, 'nodes') as Json[], field(graph, 'edges') as Json[]);
      }
      const s = (field(answer, 'stakeholders') as Json[])[0];
      if (!s) return graphSummary([], null);
      const neighbours = TIE_FIELDS.flatMap(({ field: f }) =>
        (field(s[`${f}Connection`], 'edges') as Json[]).map((e) => e.node as Json),
      );
      return graphSummary(
        [s, ...neighbours].map((n) => ({ key: n.id })),
        null,
      );
    },
  };
}

// ---------------------------------------------------------------- the network slice the page loads

const OURS_SLICE = `query Network {
  network(limit: ${SLICE_LIMIT}) {
    ${NETWORK_FIELDS}
  }
}`;
/**
 * The strongest ties (weight, then element id, as ours breaks ties) and, when the limit cut some, only their
 * endpoints, else every stakeholder: the answer `network` gives, in one round trip (one row, two lists).
 */
const BARE_SLICE = `MATCH (:Stakeholder)-[t:${TIES}]->(:Stakeholder)
WITH t ORDER BY t.weight DESC, elementId(t) LIMIT $limit + 1
WITH collect(t) AS strongest
WITH strongest[..$limit] AS ties, size(strongest) > $limit AS truncated
CALL (ties, truncated) {
  WITH ties WHERE truncated
  UNWIND ties AS t
  UNWIND [startNode(t), endNode(t)] AS s
  RETURN DISTINCT s
  UNION
  WITH truncated WHERE NOT truncated
  MATCH (s:Stakeholder)
  RETURN s
}
WITH ties, collect(s { key: s.id, attributes: { label: s.name, kind: s.kind, roles: coalesce(s.roles, []),
  degree: coalesce(s.degree, 0), communities: [(s)-[:MEMBER_OF]->(c:Community {kind: 'DECLARED'}) | c.id] } }) AS nodes
RETURN nodes, [t IN ties | { source: startNode(t).id, target: endNode(t).id,
  attributes: { type: type(t), weight: t.weight, since: toString(t.since) } }] AS edges`;

const slice: Operation = {
  name: 'slice',
  label: `network slice the page loads (unfiltered, limit ${SLICE_LIMIT.toLocaleString('en-US')})`,
  p50Ratio: undefined,
  throughput: false,
  calls: () => ({ ours: gql(OURS_SLICE, {}), bare: cypher(BARE_SLICE, { limit: SLICE_LIMIT }, ['limit']) }),
  summarise(target, answer) {
    if (target === 'bare') {
      const row = rows(answer)[0] as Json;
      return graphSummary(row.nodes as Json[], row.edges as Json[]);
    }
    const graph = field(answer, 'network');
    return graphSummary(field(graph, 'nodes') as Json[], field(graph, 'edges') as Json[]);
  },
};

export const OPERATIONS: readonly Operation[] = [byId, page, ego(1), ego(2), slice];

/** Seeded inputs, the same list for the three targets. */
export function drawInputs(ids: readonly string[], count: number, random: () => number): Input[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  return Array.from({ length: count }, () => ({
    id: pick(ids),
    filter: pick(PAGE_FILTERS),
    // The first five pages: from the start (one time in six), or after a random row in them.
    after: Math.max(-1, Math.floor(random() * 6 * PAGE_SIZE) - PAGE_SIZE),
  }));
}

/** Null fields are what a target cannot express: compared only where both have them. */
export function disagreement(a: Summary, b: Summary): string | undefined {
  if (a.ids.join(',') !== b.ids.join(','))
    return `ids differ (${a.ids.length} vs ${b.ids.length}; first ${a.ids.slice(0, 3).join(',')} vs ${b.ids.slice(0, 3).join(',')})`;
  if (a.count !== null && b.count !== null && a.count !== b.count) return `counts differ (${a.count} vs ${b.count})`;
  if (a.detail !== null && b.detail !== null && a.detail !== b.detail)
    return `fields differ (${a.detail.slice(0, 120)} vs ${b.detail.slice(0, 120)})`;
  return undefined;
}
