// The shape every import format is parsed into, before identity resolution and writing.
// Parsers (csv, json, gexf, graphml) produce an ImportBundle plus problems; the writer consumes it.
import type { InteractionChannel } from '../domain/relationship-strength.js';
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

/** Where an interaction's rows came from, shared by every row of one file (for problems found after parsing). */
export interface InteractionOrigin {
  /** File of the interaction rows (interactions.csv, calendar.ics, mail.mbox). */
  file: string;
  /** File of the participant rows (interaction_participants.csv; the same file for .ics and .mbox). */
  participantsFile: string;
}

/**
 * One dated interaction. People are references, resolved to stakeholders after parsing: a record key
 * (`source:external_id`, of the bundle or already stored), a stored stakeholder's id, or an e-mail address.
 */
export interface InteractionRow {
  id: string;
  /** Epoch milliseconds. */
  at: number;
  channel: InteractionChannel;
  participants: string[];
  owner?: string;
  initiator?: string;
  sentiment?: number;
  summary?: string;
  origin: InteractionOrigin;
  /** Row of the interaction in origin.file (1-based; the event or message number for .ics and .mbox). */
  row: number;
  /** Row of each participant in origin.participantsFile. */
  participantRows: number[];
}

export interface ImportBundle {
  records: SourceRecordRow[];
  roles: RoleRow[];
  ties: TieRow[];
  communities: CommunityRow[];
  memberships: MembershipRow[];
  interactions: InteractionRow[];
}

export const emptyBundle = (): ImportBundle => ({
  records: [],
  roles: [],
  ties: [],
  communities: [],
  memberships: [],
  interactions: [],
});

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
