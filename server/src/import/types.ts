// The shape every import format is parsed into, before identity resolution and writing.
// Parsers (csv, json, gexf, graphml) produce an ImportBundle plus problems; the writer consumes it.
import type { KindName, RoleName, TieTypeName } from '../domain/vocabulary.js';

/** One record from one source system; its key is `${source}:${externalId}`. */
export interface SourceRecordRow {
  source: string;
  externalId: string;
  kind: KindName;
  name: string;
  email?: string;
  organisation?: string;
  /** Web domain of an organisation (matching key for organisations). */
  domain?: string;
  title?: string;
  country?: string;
}

export interface RoleRow {
  /** Record key `source:externalId`. */
  stakeholder: string;
  role: RoleName;
  since?: string; // YYYY-MM-DD
  until?: string; // YYYY-MM-DD
  /** Source system of the role fact; defaults to the record's source. */
  source?: string;
  value?: number;
  tier?: string;
}

export interface TieRow {
  from: string; // record key
  to: string; // record key
  type: TieTypeName;
  weight: number;
  since?: string; // YYYY-MM-DD
}

export interface CommunityRow {
  id: string;
  name: string;
  category?: string;
  description?: string;
}

export interface MembershipRow {
  stakeholder: string; // record key
  community: string; // community id
  strength: number; // [0, 1]
  since?: string;
}

export interface ImportBundle {
  records: SourceRecordRow[];
  roles: RoleRow[];
  ties: TieRow[];
  communities: CommunityRow[];
  memberships: MembershipRow[];
}

/** A problem found in the input: what is wrong and where. `row` is 1-based over data rows (header excluded). */
export interface ImportProblem {
  file: string;
  row?: number;
  column?: string;
  message: string;
}

export interface ParseResult {
  bundle: ImportBundle;
  errors: ImportProblem[];
  warnings: ImportProblem[];
}

export const recordKey = (source: string, externalId: string): string => `${source}:${externalId}`;
