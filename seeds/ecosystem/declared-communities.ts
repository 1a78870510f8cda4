// The twenty declared communities (user groups, programmes, networks, events, forums) and the rules of their membership.
import type { CountryCode } from '../names.js';
import { toDay } from './company.js';
import type { Entity } from './model.js';
import type { PlantedCommunity, ProductKey } from './planted-communities.js';

export const COMMUNITY_CATEGORIES = [
  'user_group',
  'partner_programme',
  'supplier_council',
  'employee_network',
  'event',
  'forum',
] as const;
export type CommunityCategory = (typeof COMMUNITY_CATEGORIES)[number];

export interface DeclaredCommunity {
  id: string;
  name: string;
  category: CommunityCategory;
  description: string;
  /** Membership rule: probability that the stakeholder is a member (0 = never). */
  chance: (e: Entity, ctx: MembershipContext) => number;
  /** Earliest membership date, and whether memberships cluster just before it (events). */
  opens: string;
  eventDay?: string;
}

export interface MembershipContext {
  planted: readonly PlantedCommunity[];
  inPlanted: (e: Entity, test: (c: PlantedCommunity) => boolean) => boolean;
}

const inCountries = (e: Entity, codes: readonly CountryCode[]): boolean => codes.includes(e.country);
const externalPerson = (e: Entity): boolean =>
  e.kind === 'PERSON' && (e.category === 'customer' || e.category === 'partner' || e.category === 'supplier');
const regionalUserGroup = (e: Entity, codes: readonly CountryCode[]): number => {
  if (e.kind !== 'PERSON') return 0;
  const local = inCountries(e, codes);
  const base =
    e.category === 'customer'
      ? 0.34
      : e.category === 'partner'
        ? 0.3
        : e.category === 'supplier'
          ? 0.1
          : e.category === 'employee'
            ? ['Customer Success', 'Solutions Engineering', 'Marketing'].includes(e.department)
              ? 0.3
              : 0.03
            : 0;
  return local ? base : base * 0.02;
};
const isProduct =
  (p: ProductKey) =>
  (c: PlantedCommunity): boolean =>
    c.product === p;

export const DECLARED: readonly DeclaredCommunity[] = [
  {
    id: 'ug-nordics',
    name: 'Corvane User Group Nordics',
    category: 'user_group',
    description: 'Customers and partners in Sweden, Norway, Denmark and Finland; quarterly meet-ups in Stockholm and Copenhagen.',
    opens: '2016-09-01',
    chance: (e) => regionalUserGroup(e, ['SE', 'NO', 'DK', 'FI']),
  },
  {
    id: 'ug-dach',
    name: 'Corvane User Group DACH',
    category: 'user_group',
    description: 'German-speaking user group (Germany, Austria, Switzerland); meets in Berlin, Munich and Zurich.',
    opens: '2017-03-01',
    chance: (e) => regionalUserGroup(e, ['DE', 'AT', 'CH']),
  },
  {
    id: 'ug-uki',
    name: 'Corvane User Group UK & Ireland',
    category: 'user_group',
    description: 'London and Dublin chapters of the user group.',
    opens: '2017-06-01',
    chance: (e) => regionalUserGroup(e, ['GB', 'IE']),
  },
  {
    id: 'ug-north-america',
    name: 'Corvane User Group North America',
    category: 'user_group',
    description: 'Virtual and in-person chapters across the United States and Canada.',
    opens: '2018-01-15',
    chance: (e) => regionalUserGroup(e, ['US', 'CA']),
  },
  {
    id: 'ug-apac',
    name: 'Corvane User Group APAC',
    category: 'user_group',
    description: 'Singapore, Sydney and Tokyo chapters.',
    opens: '2019-04-01',
    chance: (e) => regionalUserGroup(e, ['SG', 'AU', 'NZ', 'JP', 'KR', 'IN']),
  },
  {
    id: 'ug-analytics-power-users',
    name: 'Analytics Cloud Power Users',
    category: 'user_group',
    description: 'Product user group for heavy users of Analytics Cloud: roadmap previews and beta programmes.',
    opens: '2019-10-01',
    chance: (e, ctx) =>
      e.kind !== 'PERSON'
        ? 0
        : ctx.inPlanted(e, isProduct('analytics'))
          ? e.category === 'customer'
            ? 0.45
            : e.category === 'employee'
              ? 0.2
              : 0.15
          : e.category === 'customer'
            ? 0.035
            : 0,
  },
  {
    id: 'partner-network',
    name: 'Corvane Partner Network',
    category: 'partner_programme',
    description:
      'The partner programme: resellers, systems integrators and technology partners, with registered, silver, gold and platinum tiers.',
    opens: '2016-04-01',
    chance: (e) =>
      e.category === 'partner' ? (e.kind === 'ORGANISATION' ? 1 : 0.75) : e.department === 'Partnerships' ? 0.9 : 0,
  },
  {
    id: 'supplier-council',
    name: 'Supplier Sustainability Council',
    category: 'supplier_council',
    description: 'Strategic and preferred suppliers working with procurement on sustainability and resilience targets.',
    opens: '2021-09-01',
    chance: (e) =>
      e.category === 'supplier'
        ? e.kind === 'ORGANISATION'
          ? e.tier === 'strategic'
            ? 1
            : e.tier === 'preferred'
              ? 0.5
              : 0.05
          : 0.22
        : e.department === 'Procurement'
          ? 0.6
          : e.department === 'Operations'
            ? 0.15
            : 0,
  },
  {
    id: 'erg-women-in-tech',
    name: 'Women in Tech @ Corvane',
    category: 'employee_network',
    description: 'Employee resource group for women and allies in engineering and product roles.',
    opens: '2019-03-08',
    chance: (e) =>
      e.category !== 'employee' ? 0 : ['Engineering', 'Product', 'Developer Relations', 'IT'].includes(e.department) ? 0.2 : 0.06,
  },
  {
    id: 'erg-pride',
    name: 'Pride @ Corvane',
    category: 'employee_network',
    description: 'LGBTQ+ employee network and allies.',
    opens: '2020-06-01',
    chance: (e) => (e.category === 'employee' ? 0.07 : 0),
  },
  {
    id: 'erg-early-careers',
    name: 'Early Careers Network',
    category: 'employee_network',
    description: 'Graduates, interns and people in their first years at Corvane.',
    opens: '2021-09-01',
    chance: (e) =>
      e.category !== 'employee' ? 0 : e.seniority === 0 && e.start >= toDay('2022-01-01') ? 0.6 : e.seniority === 0 ? 0.15 : 0.01,
  },
  {
    id: 'erg-parents-carers',
    name: 'Parents & Carers Network',
    category: 'employee_network',
    description: 'Support network for working parents and carers.',
    opens: '2020-11-01',
    chance: (e) => (e.category === 'employee' ? (e.seniority >= 2 ? 0.18 : 0.09) : 0),
  },
  {
    id: 'event-summit-2024',
    name: 'Corvane Summit 2024 (Amsterdam)',
    category: 'event',
    description: 'Annual customer and partner conference, 15–16 October 2024, Amsterdam.',
    opens: '2024-06-01',
    eventDay: '2024-10-15',
    chance: (e) =>
      e.kind !== 'PERSON' || e.category === 'supplier'
        ? 0
        : Math.min(
            0.9,
            (e.category === 'employee' ? 0.05 : 0.06) *
              Math.sqrt(e.activity) *
              (inCountries(e, ['NL', 'BE', 'DE', 'GB', 'FR']) ? 1.8 : 1),
          ),
  },
  {
    id: 'event-summit-2025',
    name: 'Corvane Summit 2025 (Lisbon)',
    category: 'event',
    description: 'Annual customer and partner conference, 20–21 May 2025, Lisbon.',
    opens: '2025-01-15',
    eventDay: '2025-05-20',
    chance: (e) =>
      e.kind !== 'PERSON' || e.category === 'supplier'
        ? 0
        : Math.min(
            0.9,
            (e.category === 'employee' ? 0.05 : 0.06) *
              Math.sqrt(e.activity) *
              (inCountries(e, ['PT', 'ES', 'BR', 'FR', 'IT']) ? 2 : 1),
          ),
  },
  {
    id: 'event-data-days-berlin',
    name: 'Data Days Berlin 2024',
    category: 'event',
    description: 'Regional data engineering conference co-hosted with partners, 12 June 2024, Berlin.',
    opens: '2024-02-01',
    eventDay: '2024-06-12',
    chance: (e, ctx) =>
      e.kind !== 'PERSON'
        ? 0
        : inCountries(e, ['DE', 'AT', 'CH'])
          ? 0.3
          : ctx.inPlanted(e, isProduct('dataPlatform'))
            ? 0.08
            : 0.005,
  },
  {
    id: 'event-partner-kickoff-2025',
    name: 'Partner Kick-off 2025',
    category: 'event',
    description: 'Yearly enablement and planning event for the partner network, 4 February 2025.',
    opens: '2024-11-01',
    eventDay: '2025-02-04',
    chance: (e) =>
      e.kind !== 'PERSON'
        ? 0
        : e.category === 'partner'
          ? 0.4
          : e.department === 'Partnerships'
            ? 0.85
            : e.department === 'Sales' || e.department === 'Solutions Engineering'
              ? 0.15
              : 0,
  },
  {
    id: 'forum-integrations',
    name: 'Integrations & SDK forum',
    category: 'forum',
    description: 'Online forum for Connect: APIs, SDKs, webhooks and custom connectors.',
    opens: '2018-05-01',
    chance: (e, ctx) =>
      e.kind !== 'PERSON'
        ? 0
        : ctx.inPlanted(e, isProduct('integrations'))
          ? 0.4
          : e.category === 'partner'
            ? 0.08
            : e.department === 'Engineering'
              ? 0.06
              : externalPerson(e)
                ? 0.015
                : 0,
  },
  {
    id: 'forum-data-platform',
    name: 'Data Platform community forum',
    category: 'forum',
    description: 'Questions, answers and recipes for Data Platform users.',
    opens: '2017-11-01',
    chance: (e, ctx) =>
      e.kind !== 'PERSON'
        ? 0
        : ctx.inPlanted(e, isProduct('dataPlatform'))
          ? 0.38
          : e.category === 'customer'
            ? 0.05
            : e.category === 'employee' && e.department === 'Engineering'
              ? 0.1
              : 0.01,
  },
  {
    id: 'forum-developer-discord',
    name: 'Corvane Developers Discord',
    category: 'forum',
    description: 'Chat community for developers building on Corvane.',
    opens: '2020-02-01',
    chance: (e, ctx) =>
      e.kind !== 'PERSON'
        ? 0
        : e.department === 'Developer Relations'
          ? 1
          : e.department === 'Engineering'
            ? 0.25
            : ctx.inPlanted(e, (c) => c.product === 'integrations' || c.product === 'dataPlatform')
              ? 0.15
              : e.category === 'partner'
                ? 0.05
                : 0.004,
  },
  {
    id: 'forum-security-circle',
    name: 'Security & Compliance Circle',
    category: 'forum',
    description: 'Invitation-only forum for security, risk and compliance leads among customers.',
    opens: '2021-03-01',
    chance: (e, ctx) =>
      e.kind !== 'PERSON'
        ? 0
        : ctx.inPlanted(e, isProduct('security'))
          ? 0.35
          : e.category === 'customer' && e.seniority >= 3
            ? 0.05
            : e.category === 'employee' && e.title === 'Security Engineer'
              ? 0.5
              : 0,
  },
];
