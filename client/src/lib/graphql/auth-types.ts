// Typed documents for the trust operations (sign-in identity, audit, users and tokens, personal data).
// TO BE REPLACED BY GENERATED TYPES AFTER MERGE: once the server's schema has these types, `npm run codegen`
// emits the same names (MeDocument, AuditEventsQuery, …) into generated/graphql.ts; then import them from there
// and delete this file. The operations themselves live in operations/{auth,audit,users,privacy}.graphql.
/// <reference types="vite/client" />
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Kind, parse, type DefinitionNode } from 'graphql';
import auditSource from './operations/audit.graphql?raw';
import authSource from './operations/auth.graphql?raw';
import privacySource from './operations/privacy.graphql?raw';
import usersSource from './operations/users.graphql?raw';

/** The server's `AccessRole` enum, lowest first. */
export type AccessRole = 'VIEWER' | 'ANALYST' | 'EDITOR' | 'ADMIN';

export interface Viewer {
  name: string;
  role: AccessRole;
  /** How this request was authenticated (session, token, oidc, …). */
  via: string;
}

export type MeQuery = { me: Viewer | null };
export type MeQueryVariables = Record<string, never>;

export type SetPasswordMutation = { setPassword: boolean };
export type SetPasswordMutationVariables = { current?: string | null; password: string };

export type RecordExportMutation = { recordExport: boolean };
export type RecordExportMutationVariables = { kind: string; count: number };

export interface AuditEventNode {
  id: string;
  /** ISO date-time. */
  at: string;
  actor: string;
  action: string;
  targets: string[];
  /** Free-form counts (JSON scalar), e.g. `{ "nodes": 120 }`. */
  counts: unknown;
  outcome: string;
}
export type AuditEventsQuery = {
  auditEvents: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ cursor: string; node: AuditEventNode }>;
  };
};
export type AuditEventsQueryVariables = {
  first?: number | null;
  after?: string | null;
  action?: string | null;
  actor?: string | null;
  since?: string | null;
  until?: string | null;
};

export interface ApiTokenRow {
  id: string;
  name: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revoked: boolean;
}
export interface UserRow {
  name: string;
  role: AccessRole;
  createdAt: string;
  tokens: ApiTokenRow[];
}
export type UsersQuery = { users: UserRow[] };
export type UsersQueryVariables = Record<string, never>;

export type CreateApiTokenMutation = { createApiToken: { token: string; apiToken: ApiTokenRow } };
export type CreateApiTokenMutationVariables = { name: string; expiresInDays?: number | null };

export type RevokeApiTokenMutation = { revokeApiToken: boolean };
export type RevokeApiTokenMutationVariables = { id: string };

export type StakeholderDataExportQuery = { stakeholderDataExport: unknown };
export type StakeholderDataExportQueryVariables = { id: string };

export type EraseStakeholderMutation = { eraseStakeholder: boolean };
export type EraseStakeholderMutationVariables = { id: string };

/** One named operation of a .graphql file as its own document (as codegen emits it: one operation per document). */
function operation<TResult, TVars>(source: string, name: string): TypedDocumentNode<TResult, TVars> {
  const definitions: DefinitionNode[] = parse(source).definitions.filter(
    (d) => d.kind !== Kind.OPERATION_DEFINITION || d.name?.value === name,
  );
  if (!definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION)) throw new Error(`No operation ${name}`);
  return { kind: Kind.DOCUMENT, definitions } as TypedDocumentNode<TResult, TVars>;
}

export const MeDocument = operation<MeQuery, MeQueryVariables>(authSource, 'Me');
export const SetPasswordDocument = operation<SetPasswordMutation, SetPasswordMutationVariables>(authSource, 'SetPassword');
export const RecordExportDocument = operation<RecordExportMutation, RecordExportMutationVariables>(authSource, 'RecordExport');
export const AuditEventsDocument = operation<AuditEventsQuery, AuditEventsQueryVariables>(auditSource, 'AuditEvents');
export const UsersDocument = operation<UsersQuery, UsersQueryVariables>(usersSource, 'Users');
export const CreateApiTokenDocument = operation<CreateApiTokenMutation, CreateApiTokenMutationVariables>(
  usersSource,
  'CreateApiToken',
);
export const RevokeApiTokenDocument = operation<RevokeApiTokenMutation, RevokeApiTokenMutationVariables>(
  usersSource,
  'RevokeApiToken',
);
export const StakeholderDataExportDocument = operation<StakeholderDataExportQuery, StakeholderDataExportQueryVariables>(
  privacySource,
  'StakeholderDataExport',
);
export const EraseStakeholderDocument = operation<EraseStakeholderMutation, EraseStakeholderMutationVariables>(
  privacySource,
  'EraseStakeholder',
);
