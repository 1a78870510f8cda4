/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query ApiVersion {\n  apiVersion\n}": typeof types.ApiVersionDocument,
    "query Communities($kind: CommunityKind = DECLARED) {\n  communities(kind: $kind) {\n    id\n    name\n    kind\n    category\n    size\n  }\n}": typeof types.CommunitiesDocument,
    "query Network($filter: NetworkFilter, $limit: Int) {\n  network(filter: $filter, limit: $limit) {\n    attributes {\n      truncated\n      totalNodes\n      totalEdges\n    }\n    nodes {\n      key\n      attributes {\n        label\n        kind\n        roles\n        communities\n        degree\n      }\n    }\n    edges {\n      source\n      target\n      attributes {\n        type\n        weight\n        since\n      }\n    }\n  }\n}": typeof types.NetworkDocument,
    "query RoleOverlaps {\n  roleOverlaps {\n    roles\n    count\n  }\n}": typeof types.RoleOverlapsDocument,
    "query SearchStakeholders($text: String!, $first: Int = 8) {\n  stakeholders(filter: {text: $text}, orderBy: RELEVANCE, first: $first) {\n    totalCount\n    edges {\n      node {\n        id\n        name\n        kind\n        organisation\n        roles {\n          role\n        }\n      }\n    }\n  }\n}": typeof types.SearchStakeholdersDocument,
    "query Stakeholder($id: ID!, $ties: Int = 8) {\n  stakeholder(id: $id) {\n    id\n    kind\n    name\n    email\n    organisation\n    title\n    country\n    degree\n    roles {\n      role\n      since\n      until\n      source\n      value\n      tier\n    }\n    sourceRecords {\n      key\n      source\n      externalId\n      email\n      matchedOn\n      importedAt\n    }\n    communities {\n      strength\n      since\n      community {\n        id\n        name\n        category\n        kind\n      }\n    }\n    ties(direction: BOTH, first: $ties) {\n      totalCount\n      edges {\n        node {\n          type\n          weight\n          since\n          source {\n            id\n            name\n          }\n          target {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n}": typeof types.StakeholderDocument,
};
const documents: Documents = {
    "query ApiVersion {\n  apiVersion\n}": types.ApiVersionDocument,
    "query Communities($kind: CommunityKind = DECLARED) {\n  communities(kind: $kind) {\n    id\n    name\n    kind\n    category\n    size\n  }\n}": types.CommunitiesDocument,
    "query Network($filter: NetworkFilter, $limit: Int) {\n  network(filter: $filter, limit: $limit) {\n    attributes {\n      truncated\n      totalNodes\n      totalEdges\n    }\n    nodes {\n      key\n      attributes {\n        label\n        kind\n        roles\n        communities\n        degree\n      }\n    }\n    edges {\n      source\n      target\n      attributes {\n        type\n        weight\n        since\n      }\n    }\n  }\n}": types.NetworkDocument,
    "query RoleOverlaps {\n  roleOverlaps {\n    roles\n    count\n  }\n}": types.RoleOverlapsDocument,
    "query SearchStakeholders($text: String!, $first: Int = 8) {\n  stakeholders(filter: {text: $text}, orderBy: RELEVANCE, first: $first) {\n    totalCount\n    edges {\n      node {\n        id\n        name\n        kind\n        organisation\n        roles {\n          role\n        }\n      }\n    }\n  }\n}": types.SearchStakeholdersDocument,
    "query Stakeholder($id: ID!, $ties: Int = 8) {\n  stakeholder(id: $id) {\n    id\n    kind\n    name\n    email\n    organisation\n    title\n    country\n    degree\n    roles {\n      role\n      since\n      until\n      source\n      value\n      tier\n    }\n    sourceRecords {\n      key\n      source\n      externalId\n      email\n      matchedOn\n      importedAt\n    }\n    communities {\n      strength\n      since\n      community {\n        id\n        name\n        category\n        kind\n      }\n    }\n    ties(direction: BOTH, first: $ties) {\n      totalCount\n      edges {\n        node {\n          type\n          weight\n          since\n          source {\n            id\n            name\n          }\n          target {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n}": types.StakeholderDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ApiVersion {\n  apiVersion\n}"): (typeof documents)["query ApiVersion {\n  apiVersion\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Communities($kind: CommunityKind = DECLARED) {\n  communities(kind: $kind) {\n    id\n    name\n    kind\n    category\n    size\n  }\n}"): (typeof documents)["query Communities($kind: CommunityKind = DECLARED) {\n  communities(kind: $kind) {\n    id\n    name\n    kind\n    category\n    size\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Network($filter: NetworkFilter, $limit: Int) {\n  network(filter: $filter, limit: $limit) {\n    attributes {\n      truncated\n      totalNodes\n      totalEdges\n    }\n    nodes {\n      key\n      attributes {\n        label\n        kind\n        roles\n        communities\n        degree\n      }\n    }\n    edges {\n      source\n      target\n      attributes {\n        type\n        weight\n        since\n      }\n    }\n  }\n}"): (typeof documents)["query Network($filter: NetworkFilter, $limit: Int) {\n  network(filter: $filter, limit: $limit) {\n    attributes {\n      truncated\n      totalNodes\n      totalEdges\n    }\n    nodes {\n      key\n      attributes {\n        label\n        kind\n        roles\n        communities\n        degree\n      }\n    }\n    edges {\n      source\n      target\n      attributes {\n        type\n        weight\n        since\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RoleOverlaps {\n  roleOverlaps {\n    roles\n    count\n  }\n}"): (typeof documents)["query RoleOverlaps {\n  roleOverlaps {\n    roles\n    count\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SearchStakeholders($text: String!, $first: Int = 8) {\n  stakeholders(filter: {text: $text}, orderBy: RELEVANCE, first: $first) {\n    totalCount\n    edges {\n      node {\n        id\n        name\n        kind\n        organisation\n        roles {\n          role\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query SearchStakeholders($text: String!, $first: Int = 8) {\n  stakeholders(filter: {text: $text}, orderBy: RELEVANCE, first: $first) {\n    totalCount\n    edges {\n      node {\n        id\n        name\n        kind\n        organisation\n        roles {\n          role\n        }\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Stakeholder($id: ID!, $ties: Int = 8) {\n  stakeholder(id: $id) {\n    id\n    kind\n    name\n    email\n    organisation\n    title\n    country\n    degree\n    roles {\n      role\n      since\n      until\n      source\n      value\n      tier\n    }\n    sourceRecords {\n      key\n      source\n      externalId\n      email\n      matchedOn\n      importedAt\n    }\n    communities {\n      strength\n      since\n      community {\n        id\n        name\n        category\n        kind\n      }\n    }\n    ties(direction: BOTH, first: $ties) {\n      totalCount\n      edges {\n        node {\n          type\n          weight\n          since\n          source {\n            id\n            name\n          }\n          target {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query Stakeholder($id: ID!, $ties: Int = 8) {\n  stakeholder(id: $id) {\n    id\n    kind\n    name\n    email\n    organisation\n    title\n    country\n    degree\n    roles {\n      role\n      since\n      until\n      source\n      value\n      tier\n    }\n    sourceRecords {\n      key\n      source\n      externalId\n      email\n      matchedOn\n      importedAt\n    }\n    communities {\n      strength\n      since\n      community {\n        id\n        name\n        category\n        kind\n      }\n    }\n    ties(direction: BOTH, first: $ties) {\n      totalCount\n      edges {\n        node {\n          type\n          weight\n          since\n          source {\n            id\n            name\n          }\n          target {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;