// The in-memory ecosystem model: stakeholders (entities), their source records and role facts, and the keys ties use.
import type { KindName, RoleName } from '../../server/src/domain/vocabulary.js';
import type { CountryCode } from '../names.js';
import { at } from './lists.js';
import type { PlantedCommunity } from './planted-communities.js';
import type { Pools } from './sampling-pools.js';
import type { Source } from './sources.js';

export type Category = 'employee' | 'customer' | 'partner' | 'supplier' | 'angel' | 'fund';

export interface RoleFact {
  role: RoleName;
  since: number;
  until: number | null;
  value: number | null;
  tier: string;
}

/** One row of stakeholders.csv plus the role that its source knows. */
export interface SourceRecord {
  source: Source;
  /** Prefix of the external id ("C", "E", "SH" …); the number is assigned once all records exist. */
  prefix: string;
  externalId: string;
  name: string;
  email: string;
  organisation: string;
  domain: string;
  title: string;
  country: string;
  role: RoleFact;
}

export interface Entity {
  index: number;
  kind: KindName;
  category: Category;
  name: string;
  /** Canonical e-mail (people) — the identity key; records may spell it differently. */
  email: string;
  /** Canonical domain (organisations). */
  domain: string;
  country: CountryCode;
  title: string;
  department: string;
  seniority: number;
  /** Tier of an organisation (customer: bronze…platinum, supplier: approved…strategic, fund: share class). */
  tier: string;
  /** Investment vehicle of an angel ("Lindqvist Invest"). */
  affiliation: string;
  /** Employer organisation entity (-1 for employees of the company and independent investors). */
  org: number;
  /** Contacts of an organisation entity. */
  contacts: number[];
  /** Planted communities: the first is the primary one (the ground truth); brokers have 2–3. */
  communities: number[];
  /** Tendency to start ties (out-degree) — heavy-tailed. */
  activity: number;
  /** Tendency to receive ties (in-degree). */
  popularity: number;
  start: number;
  end: number;
  manager: number;
  hub: boolean;
  records: SourceRecord[];
}

export const recordKey = (r: SourceRecord): string => `${r.source}:${r.externalId}`;
/** The record that ties, memberships and the ground truth use for this stakeholder. */
export const primaryKey = (e: Entity): string => recordKey(at(e.records, 0));

export interface Ecosystem {
  seed: number;
  entities: Entity[];
  planted: PlantedCommunity[];
  pools: Pools;
}
