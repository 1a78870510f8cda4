// The source systems whose exports make up the bundle, and the role that each of them knows.
import type { RoleName } from '../../server/src/domain/vocabulary.js';

export const SOURCES = ['crm', 'hr', 'captable', 'procurement', 'partners'] as const;
export type Source = (typeof SOURCES)[number];

/** The source system that knows each role: a role row always refers to a record of that source. */
export const SOURCE_OF_ROLE: Record<RoleName, Source> = {
  CUSTOMER: 'crm',
  EMPLOYEE: 'hr',
  SUPPLIER: 'procurement',
  PARTNER: 'partners',
  SHAREHOLDER: 'captable',
};
