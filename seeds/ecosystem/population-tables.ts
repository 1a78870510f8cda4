// Data tables for staffing the planted communities: departments and titles, contact titles, industries, people mix, rounds.
import type { IndustryKey } from '../names.js';
import type { Category } from './model.js';
import type { PlantedKind, ProductKey, Weighted } from './planted-communities.js';

type Department =
  | 'Executive'
  | 'Engineering'
  | 'Product'
  | 'Sales'
  | 'Customer Success'
  | 'Solutions Engineering'
  | 'Marketing'
  | 'Developer Relations'
  | 'Partnerships'
  | 'Finance'
  | 'Legal'
  | 'People'
  | 'IT'
  | 'Procurement'
  | 'Operations'
  | 'Investor Relations';

type TitleBands = readonly [readonly string[], readonly string[], readonly string[]];

export const TITLES: Record<Exclude<Department, 'Executive'>, TitleBands> = {
  Engineering: [
    ['Software Engineer', 'QA Engineer', 'Data Engineer', 'Frontend Engineer'],
    [
      'Senior Software Engineer',
      'Site Reliability Engineer',
      'Senior Data Engineer',
      'Security Engineer',
      'Machine Learning Engineer',
    ],
    ['Staff Engineer', 'Principal Engineer', 'Engineering Manager'],
  ],
  Product: [
    ['Associate Product Manager', 'Product Designer', 'UX Researcher'],
    ['Product Manager', 'Senior Product Designer', 'Technical Writer'],
    ['Senior Product Manager', 'Group Product Manager', 'Design Lead'],
  ],
  Sales: [
    ['Sales Development Representative', 'Business Development Representative'],
    ['Account Executive', 'Enterprise Account Executive'],
    ['Senior Account Executive', 'Sales Manager', 'Regional Sales Director'],
  ],
  'Customer Success': [
    ['Support Engineer', 'Onboarding Specialist'],
    ['Customer Success Manager', 'Implementation Consultant', 'Technical Account Manager'],
    ['Senior Customer Success Manager', 'Customer Success Lead'],
  ],
  'Solutions Engineering': [
    ['Solutions Engineer'],
    ['Senior Solutions Engineer', 'Solutions Architect'],
    ['Principal Solutions Architect', 'Solutions Engineering Manager'],
  ],
  Marketing: [
    ['Marketing Coordinator', 'Content Marketer'],
    ['Field Marketing Manager', 'Product Marketing Manager', 'Community Manager', 'Events Manager'],
    ['Head of Field Marketing', 'Marketing Director'],
  ],
  'Developer Relations': [
    ['Developer Advocate'],
    ['Senior Developer Advocate', 'Developer Community Manager'],
    ['Head of Developer Relations'],
  ],
  Partnerships: [
    ['Partner Development Representative'],
    ['Partner Manager', 'Channel Sales Manager'],
    ['Alliances Director', 'Head of Partnerships'],
  ],
  Finance: [
    ['Financial Analyst', 'Accounts Payable Specialist'],
    ['Senior Financial Analyst', 'Controller', 'Revenue Accountant'],
    ['Head of FP&A', 'Finance Director'],
  ],
  Legal: [['Paralegal'], ['Legal Counsel', 'Privacy Counsel'], ['Senior Legal Counsel', 'Head of Legal']],
  People: [
    ['Recruiter', 'People Coordinator'],
    ['People Partner', 'Senior Recruiter', 'Learning & Development Manager'],
    ['Head of Talent', 'People Director'],
  ],
  IT: [['IT Support Specialist'], ['IT Operations Engineer', 'Systems Administrator'], ['IT Manager', 'Head of IT']],
  Procurement: [
    ['Procurement Specialist', 'Purchasing Assistant'],
    ['Vendor Manager', 'Category Manager'],
    ['Procurement Manager', 'Head of Procurement'],
  ],
  Operations: [
    ['Operations Coordinator', 'Logistics Coordinator'],
    ['Operations Manager', 'Facilities Manager', 'Supply Chain Analyst'],
    ['Director of Operations'],
  ],
  'Investor Relations': [['Investor Relations Analyst'], ['Investor Relations Manager'], ['Head of Investor Relations']],
};

export const DEPARTMENTS_BY_KIND: Record<PlantedKind, Weighted<Exclude<Department, 'Executive'>>> = {
  regional: [
    ['Sales', 34],
    ['Customer Success', 28],
    ['Solutions Engineering', 16],
    ['Marketing', 10],
    ['Partnerships', 12],
  ],
  product: [
    ['Engineering', 56],
    ['Product', 18],
    ['Customer Success', 8],
    ['Developer Relations', 8],
    ['Solutions Engineering', 5],
    ['Marketing', 5],
  ],
  corporate: [
    ['Finance', 30],
    ['Legal', 12],
    ['People', 24],
    ['IT', 10],
    ['Marketing', 16],
    ['Investor Relations', 8],
  ],
  supply: [
    ['Procurement', 36],
    ['Operations', 36],
    ['IT', 18],
    ['Finance', 10],
  ],
};

export const EXECUTIVES: readonly (readonly [string, string])[] = [
  ['Chief Executive Officer', 'CEO'],
  ['Chief Technology Officer', 'CTO'],
  ['Chief Financial Officer', 'CFO'],
  ['Chief Revenue Officer', 'CRO'],
  ['Chief Product Officer', 'CPO'],
  ['Chief Operating Officer', 'COO'],
  ['General Counsel', 'GC'],
  ['Chief People Officer', 'CPeO'],
];

export const CUSTOMER_TITLES_SENIOR = [
  'Chief Technology Officer',
  'Chief Information Officer',
  'Chief Data Officer',
  'VP Engineering',
  'Head of Data',
  'IT Director',
  'Head of Digital',
  'Chief Financial Officer',
];
export const CUSTOMER_TITLES = [
  'Data Engineer',
  'Analytics Lead',
  'Business Intelligence Analyst',
  'Data Scientist',
  'Platform Engineer',
  'Procurement Manager',
  'Operations Manager',
  'Solutions Architect',
  'IT Manager',
  'Product Owner',
  'Enterprise Architect',
  'Data Analyst',
  'Head of Reporting',
];
export const CUSTOMER_TITLES_BY_PRODUCT: Record<ProductKey, readonly string[]> = {
  dataPlatform: ['Data Platform Engineer', 'Head of Data Engineering', 'Data Architect'],
  analytics: ['Analytics Engineer', 'Head of Analytics', 'Insights Manager'],
  integrations: ['Mobile Developer', 'Integration Engineer', 'Backend Developer', 'API Product Manager'],
  security: ['Security Architect', 'Chief Information Security Officer', 'Compliance Officer', 'Risk Manager'],
};
export const SUPPLIER_TITLES = [
  'Account Manager',
  'Key Account Director',
  'Customer Success Lead',
  'Sales Engineer',
  'Delivery Manager',
  'Billing Specialist',
  'Service Manager',
  'Managing Director',
  'Logistics Coordinator',
];
export const PARTNER_TITLES = [
  'Partner Account Manager',
  'Solutions Architect',
  'Implementation Lead',
  'Managing Director',
  'Alliance Manager',
  'Senior Consultant',
  'Practice Lead',
  'Data Consultant',
  'Technical Lead',
];
export const ANGEL_TITLES = [
  'Angel investor',
  'Managing Partner',
  'Founder & angel investor',
  'Non-executive director',
  'Board member',
];

export const SUPPLIER_INDUSTRIES: Record<PlantedKind, readonly IndustryKey[]> = {
  regional: ['facilities', 'agency', 'recruitment', 'consulting', 'logistics'],
  product: ['cloud', 'hardware', 'security', 'consulting', 'recruitment'],
  corporate: ['consulting', 'recruitment', 'facilities', 'finance', 'agency'],
  supply: ['hardware', 'logistics', 'cloud', 'facilities', 'hardware'],
};
export const PARTNER_INDUSTRIES: Record<PlantedKind, readonly IndustryKey[]> = {
  regional: ['integrator', 'reseller', 'consulting'],
  product: ['integrator', 'software', 'consulting'],
  corporate: ['consulting', 'integrator'],
  supply: ['reseller', 'integrator'],
};

/** Share of each category among the people of a community, by the community's kind. */
export const PEOPLE_MIX: Record<PlantedKind, Record<Exclude<Category, 'fund'>, number>> = {
  regional: { employee: 0.16, customer: 0.59, partner: 0.15, supplier: 0.09, angel: 0.01 },
  product: { employee: 0.39, customer: 0.42, partner: 0.1, supplier: 0.08, angel: 0.01 },
  corporate: { employee: 0.45, customer: 0.1, partner: 0.05, supplier: 0.12, angel: 0.28 },
  supply: { employee: 0.22, customer: 0.15, partner: 0.08, supplier: 0.55, angel: 0 },
};
/** People per organisation, on average (sets the number of organisations). */
export const CONTACTS_PER_ORG = { customer: 6, partner: 5, supplier: 4 } as const;

export const ROUNDS: readonly (readonly [string, string])[] = [
  ['Seed Preferred', '2013-05-14'],
  ['Series A Preferred', '2015-09-22'],
  ['Series B Preferred', '2018-03-06'],
  ['Series C Preferred', '2021-11-17'],
];
