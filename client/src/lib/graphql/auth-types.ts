// The trust operations' typed documents (generated from operations/{auth,audit,users,privacy}.graphql),
// with short names for the row types the panels use.
import type { AuditEventsQuery, MeQuery, UsersQuery } from './generated/graphql';

export {
  AuditEventsDocument,
  CreateApiTokenDocument,
  EraseStakeholderDocument,
  MeDocument,
  RecordExportDocument,
  RevokeApiTokenDocument,
  SetPasswordDocument,
  StakeholderDataExportDocument,
  UsersDocument,
} from './generated/graphql';
export type {
  AccessRole,
  AuditEventsQuery,
  AuditEventsQueryVariables,
  CreateApiTokenMutation,
  CreateApiTokenMutationVariables,
  EraseStakeholderMutation,
  MeQuery,
  RecordExportMutation,
  RevokeApiTokenMutation,
  SetPasswordMutation,
  StakeholderDataExportQuery,
  UsersQuery,
} from './generated/graphql';

/** Who is signed in. */
export type Viewer = NonNullable<MeQuery['me']>;
export type AuditEventNode = AuditEventsQuery['auditEvents']['edges'][number]['node'];
export type UserRow = UsersQuery['users'][number];
export type ApiTokenRow = UserRow['tokens'][number];
