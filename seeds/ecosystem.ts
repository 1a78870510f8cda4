// The demo ecosystem model: planted communities, people, organisations, records, roles; streamed ties and memberships.
import {
  capitalise,
  COUNTRIES,
  emailLocalPart,
  organisationName,
  personName,
  slugify,
  UniqueNames,
  type CountryCode,
  type IndustryKey,
} from './names.js';
import { Random } from './random.js';

// ---------------------------------------------------------------------------------------------
// Vocabulary of the import format (kept local: seeds/ must not depend on server internals)

export const ROLES = ['CUSTOMER', 'EMPLOYEE', 'SUPPLIER', 'PARTNER', 'SHAREHOLDER'] as const;
export type Role = (typeof ROLES)[number];
export const TIE_TYPES = ['WORKS_WITH', 'REPORTS_TO', 'BUYS_FROM', 'SUPPLIES', 'FOLLOWS', 'MENTIONS', 'INTERACTS'] as const;
export type TieType = (typeof TIE_TYPES)[number];
export const SOURCES = ['crm', 'hr', 'captable', 'procurement', 'partners'] as const;
export type Source = (typeof SOURCES)[number];
export const COMMUNITY_CATEGORIES = [
  'user_group',
  'partner_programme',
  'supplier_council',
  'employee_network',
  'event',
  'forum',
] as const;
export type CommunityCategory = (typeof COMMUNITY_CATEGORIES)[number];

/** The source system that knows each role: a role row always refers to a record of that source. */
export const SOURCE_OF_ROLE: Record<Role, Source> = {
  CUSTOMER: 'crm',
  EMPLOYEE: 'hr',
  SUPPLIER: 'procurement',
  PARTNER: 'partners',
  SHAREHOLDER: 'captable',
};

export const COMPANY = { name: 'Corvane Systems', domain: 'corvane.io', country: 'NL' as CountryCode };
export const FOUNDED = '2012-03-01';
export const AS_OF = '2025-06-30';

const DAY_MS = 86_400_000;
export const toDay = (iso: string): number => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
const FOUNDED_DAY = toDay(FOUNDED);
const AS_OF_DAY = toDay(AS_OF);
const DATE_CACHE_FROM = toDay('2000-01-01');
const DATE_CACHE: string[] = [];
/** Day number → "YYYY-MM-DD" (cached: ties format a million dates). */
export const fromDay = (day: number): string => {
  const i = day - DATE_CACHE_FROM;
  if (i < 0 || i > 20_000) return new Date(day * DAY_MS).toISOString().slice(0, 10);
  return (DATE_CACHE[i] ??= new Date(day * DAY_MS).toISOString().slice(0, 10));
};

function at<T>(items: readonly T[], i: number): T {
  const v = items[i];
  if (v === undefined) throw new Error(`index ${i} out of range (${items.length})`);
  return v;
}

// ---------------------------------------------------------------------------------------------
// Regions, products, planted communities

type Weighted<T> = readonly (readonly [T, number])[];

interface Region {
  name: string;
  countries: Weighted<CountryCode>;
  office: CountryCode;
}

const REGIONS = {
  nordics: {
    name: 'Nordics',
    countries: [
      ['SE', 40],
      ['NO', 20],
      ['DK', 22],
      ['FI', 18],
    ],
    office: 'SE',
  },
  dach: {
    name: 'DACH',
    countries: [
      ['DE', 70],
      ['AT', 14],
      ['CH', 16],
    ],
    office: 'DE',
  },
  uki: {
    name: 'UK & Ireland',
    countries: [
      ['GB', 80],
      ['IE', 20],
    ],
    office: 'GB',
  },
  benelux: {
    name: 'France & Benelux',
    countries: [
      ['FR', 42],
      ['NL', 33],
      ['BE', 20],
      ['LU', 5],
    ],
    office: 'NL',
  },
  iberiaLatam: {
    name: 'Iberia & Latin America',
    countries: [
      ['ES', 32],
      ['PT', 14],
      ['BR', 26],
      ['MX', 14],
      ['CL', 7],
      ['CO', 7],
    ],
    office: 'ES',
  },
  southern: {
    name: 'Southern Europe',
    countries: [
      ['IT', 60],
      ['GR', 15],
      ['TR', 25],
    ],
    office: 'IT',
  },
  cee: {
    name: 'Central & Eastern Europe',
    countries: [
      ['PL', 50],
      ['CZ', 28],
      ['RO', 22],
    ],
    office: 'PL',
  },
  naEast: {
    name: 'North America East',
    countries: [
      ['US', 85],
      ['CA', 15],
    ],
    office: 'US',
  },
  naWest: {
    name: 'North America West',
    countries: [
      ['US', 82],
      ['CA', 18],
    ],
    office: 'US',
  },
  apac: {
    name: 'APAC',
    countries: [
      ['SG', 22],
      ['AU', 28],
      ['JP', 20],
      ['KR', 10],
      ['NZ', 6],
      ['IN', 14],
    ],
    office: 'SG',
  },
  mea: {
    name: 'Middle East & Africa',
    countries: [
      ['AE', 40],
      ['ZA', 30],
      ['NG', 15],
      ['KE', 15],
    ],
    office: 'AE',
  },
  global: {
    name: 'Global',
    countries: [
      ['US', 24],
      ['GB', 10],
      ['DE', 10],
      ['NL', 6],
      ['FR', 6],
      ['SE', 4],
      ['ES', 4],
      ['IN', 8],
      ['SG', 4],
      ['AU', 4],
      ['JP', 4],
      ['CA', 4],
      ['BR', 4],
      ['PL', 4],
      ['IE', 2],
      ['CH', 2],
    ],
    office: 'NL',
  },
  supply: {
    name: 'Supply chain',
    countries: [
      ['PL', 18],
      ['CZ', 10],
      ['DE', 16],
      ['NL', 12],
      ['TW', 12],
      ['CN', 10],
      ['VN', 6],
      ['US', 10],
      ['IN', 6],
    ],
    office: 'PL',
  },
  hq: {
    name: 'Headquarters',
    countries: [
      ['NL', 55],
      ['GB', 12],
      ['US', 15],
      ['DE', 8],
      ['SE', 5],
      ['CH', 5],
    ],
    office: 'NL',
  },
} as const satisfies Record<string, Region>;

type RegionKey = keyof typeof REGIONS;

const PRODUCTS = {
  dataPlatform: 'Data Platform',
  analytics: 'Analytics Cloud',
  integrations: 'Connect',
  security: 'Shield',
} as const;
type ProductKey = keyof typeof PRODUCTS;

/** Offices where product/engineering staff sit (global communities). */
const ENGINEERING_OFFICES: Weighted<CountryCode> = [
  ['NL', 40],
  ['PL', 20],
  ['PT', 15],
  ['IN', 15],
  ['SE', 10],
];

type PlantedKind = 'regional' | 'product' | 'corporate' | 'supply';

interface PlantedSpec {
  id: string;
  name: string;
  kind: PlantedKind;
  region: RegionKey;
  product: ProductKey | null;
  industries: readonly IndustryKey[];
  /** Relative size. */
  weight: number;
}

/** The curated hidden communities of the default demo, most important first (small runs take a prefix). */
const CURATED: readonly PlantedSpec[] = [
  {
    id: 'leadership-finance',
    name: 'Leadership, finance & investors',
    kind: 'corporate',
    region: 'hq',
    product: null,
    industries: ['finance', 'software'],
    weight: 0.6,
  },
  {
    id: 'data-platform',
    name: 'Data Platform builders',
    kind: 'product',
    region: 'global',
    product: 'dataPlatform',
    industries: ['software', 'retail', 'finance', 'telecom'],
    weight: 1.3,
  },
  {
    id: 'nordic-retail',
    name: 'Nordic retail & logistics',
    kind: 'regional',
    region: 'nordics',
    product: null,
    industries: ['retail', 'logistics', 'food'],
    weight: 1.1,
  },
  {
    id: 'dach-manufacturing',
    name: 'DACH manufacturing & automotive',
    kind: 'regional',
    region: 'dach',
    product: null,
    industries: ['manufacturing', 'automotive', 'energy'],
    weight: 1.3,
  },
  {
    id: 'uki-financial-services',
    name: 'UK & Ireland financial services',
    kind: 'regional',
    region: 'uki',
    product: null,
    industries: ['finance', 'insurance'],
    weight: 1.2,
  },
  {
    id: 'na-healthcare',
    name: 'North American healthcare',
    kind: 'regional',
    region: 'naEast',
    product: null,
    industries: ['healthcare', 'insurance'],
    weight: 1.2,
  },
  {
    id: 'analytics-cloud',
    name: 'Analytics Cloud power users',
    kind: 'product',
    region: 'global',
    product: 'analytics',
    industries: ['retail', 'media', 'finance', 'healthcare'],
    weight: 1.0,
  },
  {
    id: 'hardware-supply-chain',
    name: 'Hardware & supply chain',
    kind: 'supply',
    region: 'supply',
    product: null,
    industries: ['manufacturing', 'logistics'],
    weight: 0.7,
  },
  {
    id: 'benelux-public-sector',
    name: 'France & Benelux public sector',
    kind: 'regional',
    region: 'benelux',
    product: null,
    industries: ['public', 'education'],
    weight: 0.9,
  },
  {
    id: 'iberia-latam-energy',
    name: 'Iberia & Latin America energy',
    kind: 'regional',
    region: 'iberiaLatam',
    product: null,
    industries: ['energy', 'telecom'],
    weight: 0.9,
  },
  {
    id: 'integrations-developers',
    name: 'Integrations & developer ecosystem',
    kind: 'product',
    region: 'global',
    product: 'integrations',
    industries: ['software', 'media', 'retail'],
    weight: 0.9,
  },
  {
    id: 'na-west-software',
    name: 'North American West Coast software',
    kind: 'regional',
    region: 'naWest',
    product: null,
    industries: ['software', 'media'],
    weight: 1.0,
  },
  {
    id: 'apac-telecom',
    name: 'APAC telecom & media',
    kind: 'regional',
    region: 'apac',
    product: null,
    industries: ['telecom', 'media'],
    weight: 0.8,
  },
  {
    id: 'security-compliance',
    name: 'Security & compliance',
    kind: 'product',
    region: 'global',
    product: 'security',
    industries: ['finance', 'healthcare', 'public'],
    weight: 0.8,
  },
];

const INDUSTRY_LABEL: Partial<Record<IndustryKey, string>> = {
  retail: 'retail',
  manufacturing: 'manufacturing',
  finance: 'financial services',
  insurance: 'insurance',
  public: 'public sector',
  energy: 'energy',
  healthcare: 'healthcare',
  software: 'software',
  telecom: 'telecom',
  logistics: 'logistics',
  media: 'media',
  education: 'education',
  automotive: 'automotive',
  food: 'food & beverage',
};

const EXTRA_REGIONS: readonly RegionKey[] = [
  'dach',
  'nordics',
  'uki',
  'benelux',
  'naEast',
  'naWest',
  'apac',
  'iberiaLatam',
  'southern',
  'cee',
  'mea',
];
const EXTRA_INDUSTRIES: readonly IndustryKey[] = [
  'retail',
  'finance',
  'manufacturing',
  'healthcare',
  'energy',
  'public',
  'telecom',
  'software',
  'logistics',
  'insurance',
  'media',
  'education',
  'automotive',
  'food',
];

/** Planted communities beyond the curated ones, for large runs: region × industry, product × region. */
function* extraSpecs(): Generator<PlantedSpec> {
  const products = Object.keys(PRODUCTS) as ProductKey[];
  let n = 0;
  for (const industry of EXTRA_INDUSTRIES) {
    for (const region of EXTRA_REGIONS) {
      n++;
      if (n % 5 === 0) {
        const product = at(products, (n / 5) % products.length);
        yield {
          id: `${slugify(PRODUCTS[product])}-${slugify(REGIONS[region].name)}`,
          name: `${PRODUCTS[product]} builders, ${REGIONS[region].name}`,
          kind: 'product',
          region,
          product,
          industries: [industry, 'software'],
          weight: 1,
        };
      }
      const label = INDUSTRY_LABEL[industry] ?? industry;
      yield {
        id: `${slugify(REGIONS[region].name)}-${slugify(label)}`,
        name: `${REGIONS[region].name} ${label}`,
        kind: 'regional',
        region,
        product: null,
        industries: [industry],
        weight: 1,
      };
    }
  }
}

export interface PlantedCommunity extends PlantedSpec {
  index: number;
  /** Number of stakeholders (people and organisations) planted in it. */
  size: number;
}

// ---------------------------------------------------------------------------------------------
// Entities and records

export type Category = 'employee' | 'customer' | 'partner' | 'supplier' | 'angel' | 'fund';
export type Kind = 'PERSON' | 'ORGANISATION';

export interface RoleFact {
  role: Role;
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
  kind: Kind;
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

// ---------------------------------------------------------------------------------------------
// Titles

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

const TITLES: Record<Exclude<Department, 'Executive'>, TitleBands> = {
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

const DEPARTMENTS_BY_KIND: Record<PlantedKind, Weighted<Exclude<Department, 'Executive'>>> = {
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

const EXECUTIVES: readonly (readonly [string, string])[] = [
  ['Chief Executive Officer', 'CEO'],
  ['Chief Technology Officer', 'CTO'],
  ['Chief Financial Officer', 'CFO'],
  ['Chief Revenue Officer', 'CRO'],
  ['Chief Product Officer', 'CPO'],
  ['Chief Operating Officer', 'COO'],
  ['General Counsel', 'GC'],
  ['Chief People Officer', 'CPeO'],
];

const CUSTOMER_TITLES_SENIOR = [
  'Chief Technology Officer',
  'Chief Information Officer',
  'Chief Data Officer',
  'VP Engineering',
  'Head of Data',
  'IT Director',
  'Head of Digital',
  'Chief Financial Officer',
];
const CUSTOMER_TITLES = [
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
const CUSTOMER_TITLES_BY_PRODUCT: Record<ProductKey, readonly string[]> = {
  dataPlatform: ['Data Platform Engineer', 'Head of Data Engineering', 'Data Architect'],
  analytics: ['Analytics Engineer', 'Head of Analytics', 'Insights Manager'],
  integrations: ['Mobile Developer', 'Integration Engineer', 'Backend Developer', 'API Product Manager'],
  security: ['Security Architect', 'Chief Information Security Officer', 'Compliance Officer', 'Risk Manager'],
};
const SUPPLIER_TITLES = [
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
const PARTNER_TITLES = [
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
const ANGEL_TITLES = ['Angel investor', 'Managing Partner', 'Founder & angel investor', 'Non-executive director', 'Board member'];

const SUPPLIER_INDUSTRIES: Record<PlantedKind, readonly IndustryKey[]> = {
  regional: ['facilities', 'agency', 'recruitment', 'consulting', 'logistics'],
  product: ['cloud', 'hardware', 'security', 'consulting', 'recruitment'],
  corporate: ['consulting', 'recruitment', 'facilities', 'finance', 'agency'],
  supply: ['hardware', 'logistics', 'cloud', 'facilities', 'hardware'],
};
const PARTNER_INDUSTRIES: Record<PlantedKind, readonly IndustryKey[]> = {
  regional: ['integrator', 'reseller', 'consulting'],
  product: ['integrator', 'software', 'consulting'],
  corporate: ['consulting', 'integrator'],
  supply: ['reseller', 'integrator'],
};

/** Share of each category among the people of a community, by the community's kind. */
const PEOPLE_MIX: Record<PlantedKind, Record<Exclude<Category, 'fund'>, number>> = {
  regional: { employee: 0.16, customer: 0.59, partner: 0.15, supplier: 0.09, angel: 0.01 },
  product: { employee: 0.39, customer: 0.42, partner: 0.1, supplier: 0.08, angel: 0.01 },
  corporate: { employee: 0.45, customer: 0.1, partner: 0.05, supplier: 0.12, angel: 0.28 },
  supply: { employee: 0.22, customer: 0.15, partner: 0.08, supplier: 0.55, angel: 0 },
};
/** People per organisation, on average (sets the number of organisations). */
const CONTACTS_PER_ORG = { customer: 6, partner: 5, supplier: 4 } as const;

const ROUNDS: readonly (readonly [string, string])[] = [
  ['Seed Preferred', '2013-05-14'],
  ['Series A Preferred', '2015-09-22'],
  ['Series B Preferred', '2018-03-06'],
  ['Series C Preferred', '2021-11-17'],
];

// ---------------------------------------------------------------------------------------------
// Building the model

export interface ModelOptions {
  stakeholders: number;
  seed: number;
}

/** Number of planted communities for a given size: 14 for the 2,000-stakeholder demo, √-scaled. */
export function plantedCount(stakeholders: number): number {
  return Math.max(3, Math.round(14 * Math.sqrt(stakeholders / 2000)));
}

/** Splits `total` into integer parts proportional to `weights` (largest remainder), exact sum. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (sum > 0 ? (total * w) / sum : 0));
  const parts = raw.map(Math.floor);
  let rest = total - parts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) {
    const i = at(order, k)[1];
    parts[i] = at(parts, i) + 1;
  }
  return parts;
}

class ModelBuilder {
  readonly entities: Entity[] = [];
  readonly names = new UniqueNames();
  readonly emails = new UniqueNames();
  private executives: number[] = [];

  constructor(
    readonly rng: Random,
    readonly planted: PlantedCommunity[],
  ) {
    this.names.claim(COMPANY.name.toLowerCase());
    this.emails.claim(`domain:${COMPANY.domain}`);
  }

  private newEntity(init: Partial<Entity> & Pick<Entity, 'kind' | 'category' | 'name' | 'country'>): Entity {
    const e: Entity = {
      index: this.entities.length,
      email: '',
      domain: '',
      title: '',
      department: '',
      seniority: 1,
      tier: '',
      affiliation: '',
      org: -1,
      contacts: [],
      communities: [],
      activity: 1,
      popularity: 1,
      start: FOUNDED_DAY,
      end: AS_OF_DAY,
      manager: -1,
      hub: false,
      records: [],
      ...init,
    };
    this.entities.push(e);
    return e;
  }

  private dateBetween(from: number, to: number, bias = 1): number {
    if (to <= from) return from;
    return from + Math.floor(Math.pow(this.rng.next(), bias) * (to - from));
  }

  private uniqueOrganisation(country: CountryCode, industry: IndustryKey): { name: string; domain: string } {
    const tld = COUNTRIES[country].tld;
    for (let attempt = 0; ; attempt++) {
      const candidate = organisationName(this.rng, country, industry);
      let { name, domainStem } = candidate;
      if (attempt >= 12) {
        // Crowded name space (very large runs): disambiguate like real firms do.
        const suffix = `${COUNTRIES[country].name} ${attempt - 11}`;
        name = `${name} ${suffix}`;
        domainStem = `${domainStem}-${slugify(suffix)}`;
      }
      const domain = `${domainStem}.${tld}`;
      if (domainStem.length === 0) continue;
      if (this.names.claim(name.toLowerCase())) {
        if (this.emails.claim(`domain:${domain}`)) return { name, domain };
      }
    }
  }

  private uniqueEmail(local: string, domain: string): string {
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? `${local}@${domain}` : `${local}${n}@${domain}`;
      if (this.emails.claim(candidate)) return candidate;
    }
  }

  private person(
    category: Exclude<Category, 'fund'>,
    community: PlantedCommunity,
    country: CountryCode,
    domain: string,
    org: number,
  ): Entity {
    const name = personName(this.rng, country);
    const email = this.uniqueEmail(emailLocalPart(name), domain);
    return this.newEntity({
      kind: 'PERSON',
      category,
      name: `${name.first} ${name.last}`,
      email,
      country,
      org,
      communities: [community.index],
    });
  }

  private organisation(category: Category, community: PlantedCommunity, industry: IndustryKey, country: CountryCode): Entity {
    const { name, domain } = this.uniqueOrganisation(country, industry);
    return this.newEntity({
      kind: 'ORGANISATION',
      category,
      name,
      domain,
      country,
      communities: [community.index],
      department: industry,
    });
  }

  /** Creates the organisations and people of one planted community. */
  populate(c: PlantedCommunity): void {
    const rng = this.rng;
    const region: Region = REGIONS[c.region];
    const mix = PEOPLE_MIX[c.kind];
    const orgsPerPerson =
      mix.customer / CONTACTS_PER_ORG.customer +
      mix.partner / CONTACTS_PER_ORG.partner +
      mix.supplier / CONTACTS_PER_ORG.supplier +
      (c.kind === 'corporate' ? 0.06 : 0);
    const people = Math.max(1, Math.round(c.size / (1 + orgsPerPerson)));
    const [employees = 0, customers = 0, partners = 0, suppliers = 0, angels = 0] = apportion(people, [
      mix.employee,
      mix.customer,
      mix.partner,
      mix.supplier,
      mix.angel,
    ]);
    const orgCount = (n: number, per: number): number => (n === 0 ? 0 : Math.max(1, Math.round(n / per)));
    const customerOrgs = orgCount(customers, CONTACTS_PER_ORG.customer);
    const partnerOrgs = orgCount(partners, CONTACTS_PER_ORG.partner);
    const supplierOrgs = orgCount(suppliers, CONTACTS_PER_ORG.supplier);
    let funds = c.kind === 'corporate' ? Math.max(2, Math.round(c.size * 0.05)) : 0;
    // Exact size: absorb the rounding into the employees (or funds, if nobody is left to absorb it).
    let employeeCount = employees + (c.size - (people + customerOrgs + partnerOrgs + supplierOrgs + funds));
    if (employeeCount < 0) {
      funds = Math.max(0, funds + employeeCount);
      employeeCount = 0;
    }
    const countryOf = (): CountryCode => rng.weightedPick(region.countries);

    const makeOrgs = (category: 'customer' | 'partner' | 'supplier', n: number, industries: readonly IndustryKey[]): Entity[] => {
      const out: Entity[] = [];
      for (let i = 0; i < n; i++) {
        const org = this.organisation(category, c, rng.pick(industries), countryOf());
        org.activity = 0.3 * rng.pareto(2.5, 10);
        org.start = this.dateBetween(toDay('2013-06-01'), AS_OF_DAY - 60, 0.8);
        out.push(org);
      }
      return out;
    };
    const customerOrgList = makeOrgs('customer', customerOrgs, c.industries);
    const partnerOrgList = makeOrgs('partner', partnerOrgs, PARTNER_INDUSTRIES[c.kind]);
    const supplierOrgList = makeOrgs('supplier', supplierOrgs, SUPPLIER_INDUSTRIES[c.kind]);
    for (let i = 0; i < funds; i++) {
      const org = this.organisation(
        'fund',
        c,
        'fund',
        rng.weightedPick<CountryCode>([
          ['NL', 20],
          ['GB', 25],
          ['US', 35],
          ['SE', 10],
          ['DE', 10],
        ]),
      );
      org.activity = 0.3 * rng.pareto(2.5, 10);
      const round = at(ROUNDS, Math.min(ROUNDS.length - 1, Math.floor((i / Math.max(1, funds)) * ROUNDS.length)));
      org.start = toDay(round[1]);
      org.tier = round[0];
    }

    // Contacts, assigned to organisations with heavy-tailed sizes (one big account, many small ones).
    const contactsOf = (category: 'customer' | 'partner' | 'supplier', orgs: Entity[], n: number): void => {
      if (orgs.length === 0) return;
      const weights = orgs.map(() => rng.pareto(1.6, 25));
      for (let i = 0; i < n; i++) {
        const org = i < orgs.length ? at(orgs, i) : at(orgs, rng.weightedIndex(weights));
        const country = rng.chance(0.85) ? org.country : countryOf();
        const p = this.person(category, c, country, org.domain, org.index);
        org.contacts.push(p.index);
        p.start = this.dateBetween(org.start, AS_OF_DAY - 14, 0.9);
        p.title = this.contactTitle(category, c, p);
      }
    };
    contactsOf('customer', customerOrgList, customers);
    contactsOf('partner', partnerOrgList, partners);
    contactsOf('supplier', supplierOrgList, suppliers);

    for (let i = 0; i < angels; i++) {
      const country = countryOf();
      const name = personName(rng, country);
      const holding = capitalise(`${name.last} ${rng.pick(['Invest', 'Holding', 'Capital'])}`);
      const domain = `${slugify(holding)}.${COUNTRIES[country].tld}`;
      const p = this.newEntity({
        kind: 'PERSON',
        category: 'angel',
        name: `${name.first} ${name.last}`,
        email: this.uniqueEmail(emailLocalPart(name), domain),
        country,
        communities: [c.index],
        title: rng.pick(ANGEL_TITLES),
        affiliation: holding,
        seniority: 3,
      });
      p.start = this.dateBetween(toDay('2012-09-01'), toDay('2016-06-30'));
    }

    // Employees: a lead, a few managers, their teams.
    const offices: Weighted<CountryCode> =
      c.kind === 'product'
        ? ENGINEERING_OFFICES
        : [[region.office, 70], ...region.countries.map(([cc, w]) => [cc, w * 0.3] as const)];
    const team: Entity[] = [];
    let execSlots = c.kind === 'corporate' && this.executives.length === 0 ? Math.min(EXECUTIVES.length, employeeCount) : 0;
    for (let i = 0; i < employeeCount; i++) {
      const country = rng.weightedPick(offices);
      const p = this.person('employee', c, country, COMPANY.domain, -1);
      if (execSlots > 0) {
        const [title] = at(EXECUTIVES, this.executives.length);
        p.title = title;
        p.department = 'Executive';
        p.seniority = 4;
        p.start = this.executives.length < 2 ? FOUNDED_DAY : this.dateBetween(FOUNDED_DAY + 200, toDay('2021-01-01'));
        p.country = this.executives.length < 3 ? 'NL' : country;
        this.executives.push(p.index);
        execSlots--;
        continue;
      }
      team.push(p);
    }
    this.staff(c, team);
  }

  private contactTitle(category: 'customer' | 'partner' | 'supplier', c: PlantedCommunity, p: Entity): string {
    const rng = this.rng;
    if (category === 'partner') return rng.pick(PARTNER_TITLES);
    if (category === 'supplier') return rng.pick(SUPPLIER_TITLES);
    if (rng.chance(0.2)) {
      p.seniority = 3;
      return rng.pick(CUSTOMER_TITLES_SENIOR);
    }
    if (c.product !== null && rng.chance(0.5)) return rng.pick(CUSTOMER_TITLES_BY_PRODUCT[c.product]);
    return rng.pick(CUSTOMER_TITLES);
  }

  /** Titles, hire dates and reporting lines of one community's employees. */
  private staff(c: PlantedCommunity, team: Entity[]): void {
    const rng = this.rng;
    if (team.length === 0) return;
    const lead = at(team, 0);
    lead.seniority = 3;
    lead.department =
      c.kind === 'product' ? 'Engineering' : c.kind === 'supply' ? 'Operations' : c.kind === 'corporate' ? 'Finance' : 'Sales';
    lead.title =
      c.kind === 'product'
        ? `Director of Engineering, ${c.product === null ? c.name : PRODUCTS[c.product]}`
        : c.kind === 'supply'
          ? 'Director of Supply Chain'
          : c.kind === 'corporate'
            ? 'VP Finance'
            : `Regional Vice President, ${REGIONS[c.region].name}`;
    lead.start = this.dateBetween(FOUNDED_DAY + 100, toDay('2020-01-01'));
    lead.hub = true;
    const managerCount = Math.max(0, Math.min(team.length - 1, Math.round(Math.sqrt(team.length) / 1.6)));
    const managers: Entity[] = [];
    for (let i = 1; i < team.length; i++) {
      const p = at(team, i);
      const dept = rng.weightedPick(DEPARTMENTS_BY_KIND[c.kind]);
      p.department = dept;
      const bands = TITLES[dept];
      if (i <= managerCount) {
        p.seniority = 2;
        p.title = rng.pick(bands[2]);
        p.manager = lead.index;
        p.start = this.dateBetween(lead.start, AS_OF_DAY - 700);
        managers.push(p);
      } else {
        const junior = rng.chance(0.4);
        p.seniority = junior ? 0 : 1;
        p.title = rng.pick(junior ? bands[0] : bands[1]);
        const boss = managers.length > 0 && rng.chance(0.85) ? rng.pick(managers) : lead;
        p.manager = boss.index;
        p.start = this.dateBetween(Math.max(boss.start, FOUNDED_DAY + 60), AS_OF_DAY - 20, junior ? 0.5 : 0.8);
      }
    }
  }

  /** Once every community exists: reporting lines of leads to the executives, hubs, brokers. */
  finish(): void {
    const rng = this.rng;
    const execs = this.executives.map((i) => at(this.entities, i));
    const execByCode = new Map<string, Entity>();
    execs.forEach((e, i) => execByCode.set(at(EXECUTIVES, i)[1], e));
    const ceo = execByCode.get('CEO');
    for (const e of execs) {
      if (e !== ceo && ceo) e.manager = ceo.index;
      e.hub = true;
    }
    for (const e of this.entities) {
      if (e.category !== 'employee' || e.department === 'Executive' || e.manager !== -1) continue;
      const c = at(this.planted, at(e.communities, 0));
      const boss =
        (c.kind === 'regional'
          ? execByCode.get('CRO')
          : c.kind === 'product'
            ? rng.chance(0.5)
              ? execByCode.get('CTO')
              : execByCode.get('CPO')
            : c.kind === 'supply'
              ? execByCode.get('COO')
              : execByCode.get('CFO')) ?? ceo;
      if (boss && boss !== e) e.manager = boss.index;
    }

    // Activity (out-degree) and popularity (in-degree): heavy-tailed, with explicit hubs.
    for (const e of this.entities) {
      if (e.kind === 'ORGANISATION') {
        e.popularity = 1 + 0.8 * e.contacts.length;
        continue;
      }
      let a = rng.pareto(2.1, 30);
      if (e.category === 'employee') a *= 1.3;
      if (e.hub) a *= rng.float(4, 7);
      else if (e.department === 'Developer Relations' || e.title === 'Community Manager' || rng.chance(0.004)) {
        e.hub = true;
        a *= rng.float(6, 10);
      }
      e.activity = Math.min(60, a);
      e.popularity = Math.min(60, e.activity * rng.float(0.7, 1.3));
    }

    // Brokers: people who belong to 2–3 planted communities.
    if (this.planted.length > 1) {
      for (const e of this.entities) {
        if (e.kind !== 'PERSON') continue;
        const bridging = ['Partnerships', 'Solutions Engineering', 'Developer Relations'].includes(e.department);
        const p = e.department === 'Executive' ? 0.6 : bridging ? 0.12 : e.category === 'partner' ? 0.05 : 0.012;
        if (!rng.chance(p)) continue;
        const extra = rng.chance(0.3) ? 2 : 1;
        const home = at(this.planted, at(e.communities, 0));
        for (let k = 0; k < extra && e.communities.length < this.planted.length; k++) {
          // Prefer crossing kinds: regional people bridge into product lines and vice versa.
          const candidates = this.planted.filter(
            (c) => !e.communities.includes(c.index) && (c.kind !== home.kind || rng.chance(0.3)),
          );
          const pool = candidates.length > 0 ? candidates : this.planted.filter((c) => !e.communities.includes(c.index));
          e.communities.push(rng.pick(pool).index);
        }
      }
    }
  }

  /** Source records and role facts, including the overlaps that identity resolution must merge. */
  records(): void {
    const rng = this.rng;
    const orgOf = (e: Entity): Entity | undefined => (e.org >= 0 ? this.entities[e.org] : undefined);
    const alsoCustomerOrg = new Set<number>();
    const add = (e: Entity, source: Source, prefix: string, role: RoleFact, variant: boolean): void => {
      let name = e.name;
      let email = e.email;
      if (variant && e.kind === 'ORGANISATION' && rng.chance(0.5)) name = stripLegalForm(e.name, e.country);
      if (variant && e.kind === 'PERSON') email = emailVariant(rng, e.email, source);
      const org = orgOf(e);
      e.records.push({
        source,
        prefix,
        externalId: '',
        name,
        email,
        organisation: e.kind === 'PERSON' ? (org?.name ?? (e.category === 'angel' ? e.affiliation : COMPANY.name)) : '',
        domain: e.kind === 'ORGANISATION' ? e.domain : '',
        title: e.kind === 'PERSON' ? e.title : '',
        country: COUNTRIES[e.country].name,
        role,
      });
    };
    const fact = (
      role: Role,
      since: number,
      tier: string,
      value: number | null = null,
      until: number | null = null,
    ): RoleFact => ({ role, since, until, value, tier });

    for (const e of this.entities) {
      switch (e.category) {
        case 'customer': {
          if (e.kind === 'ORGANISATION') {
            const arr = Math.round(rng.logNormal(60_000, 1.1) / 100) * 100;
            e.tier = arr >= 500_000 ? 'platinum' : arr >= 150_000 ? 'gold' : arr >= 40_000 ? 'silver' : 'bronze';
            add(e, 'crm', 'A', fact('CUSTOMER', e.start, e.tier, arr), false);
          } else {
            add(e, 'crm', 'C', fact('CUSTOMER', e.start, orgOf(e)?.tier ?? ''), false);
          }
          break;
        }
        case 'partner': {
          if (e.kind === 'ORGANISATION') {
            const revenue = Math.round(rng.logNormal(90_000, 1.0) / 1000) * 1000;
            e.tier = revenue >= 400_000 ? 'platinum' : revenue >= 120_000 ? 'gold' : revenue >= 30_000 ? 'silver' : 'registered';
            add(e, 'partners', 'P', fact('PARTNER', e.start, e.tier, revenue), false);
            if (rng.chance(0.3)) {
              // Resellers and integrators that run the product themselves.
              alsoCustomerOrg.add(e.index);
              const since = this.dateBetween(e.start, AS_OF_DAY - 30);
              const arr = Math.round(rng.logNormal(25_000, 0.8) / 100) * 100;
              add(e, 'crm', 'A', fact('CUSTOMER', since, arr >= 40_000 ? 'silver' : 'bronze', arr), true);
            }
            if (rng.chance(0.12)) {
              const since = this.dateBetween(e.start, AS_OF_DAY - 30);
              add(
                e,
                'procurement',
                'V',
                fact('SUPPLIER', since, 'approved', Math.round(rng.logNormal(40_000, 0.8) / 100) * 100),
                true,
              );
            }
          } else {
            const org = orgOf(e);
            add(e, 'partners', 'PC', fact('PARTNER', e.start, org?.tier ?? ''), false);
            if (org && alsoCustomerOrg.has(org.index) && rng.chance(0.55)) {
              const crm = org.records.find((r) => r.source === 'crm');
              add(e, 'crm', 'C', fact('CUSTOMER', Math.max(e.start, crm?.role.since ?? e.start), crm?.role.tier ?? ''), true);
            }
          }
          break;
        }
        case 'supplier': {
          if (e.kind === 'ORGANISATION') {
            const spend = Math.round(rng.logNormal(45_000, 1.1) / 100) * 100;
            e.tier = spend >= 250_000 ? 'strategic' : spend >= 60_000 ? 'preferred' : 'approved';
            add(e, 'procurement', 'V', fact('SUPPLIER', e.start, e.tier, spend), false);
            if (rng.chance(0.15)) {
              alsoCustomerOrg.add(e.index);
              const since = this.dateBetween(e.start, AS_OF_DAY - 30);
              const arr = Math.round(rng.logNormal(30_000, 0.9) / 100) * 100;
              add(e, 'crm', 'A', fact('CUSTOMER', since, arr >= 40_000 ? 'silver' : 'bronze', arr), true);
            }
          } else {
            const org = orgOf(e);
            add(e, 'procurement', 'VC', fact('SUPPLIER', e.start, org?.tier ?? ''), false);
            if (org && alsoCustomerOrg.has(org.index) && rng.chance(0.4)) {
              const crm = org.records.find((r) => r.source === 'crm');
              add(e, 'crm', 'C', fact('CUSTOMER', Math.max(e.start, crm?.role.since ?? e.start), crm?.role.tier ?? ''), true);
            }
          }
          break;
        }
        case 'fund': {
          const shares = Math.round(rng.logNormal(900_000, 0.6) / 1000) * 1000;
          add(e, 'captable', 'SH', fact('SHAREHOLDER', e.start, e.tier, shares), false);
          break;
        }
        case 'angel': {
          const shares = Math.round(rng.logNormal(30_000, 0.6) / 100) * 100;
          const round = e.start < toDay(ROUNDS[1]?.[1] ?? '2015-09-22') ? 'Seed Preferred' : 'Series A Preferred';
          add(e, 'captable', 'SH', fact('SHAREHOLDER', e.start, round, shares), false);
          break;
        }
        case 'employee': {
          const band =
            e.department === 'Executive'
              ? 'E' + rng.int(1, 2)
              : e.seniority >= 3
                ? 'M' + rng.int(3, 4)
                : e.seniority === 2
                  ? 'M' + rng.int(1, 2)
                  : 'IC' + (e.seniority === 0 ? rng.int(1, 2) : rng.int(3, 5));
          let until: number | null = null;
          if (e.department !== 'Executive' && e.seniority < 3 && rng.chance(0.04) && AS_OF_DAY - e.start > 400) {
            until = this.dateBetween(e.start + 300, AS_OF_DAY - 30);
            e.end = until;
          }
          add(e, 'hr', 'E', fact('EMPLOYEE', e.start, band, null, until), false);
          const equity =
            e.department === 'Executive'
              ? 1
              : e.seniority >= 3
                ? 0.9
                : e.seniority === 2
                  ? 0.5
                  : e.start < toDay('2019-01-01')
                    ? 0.3
                    : 0.1;
          if (rng.chance(equity)) {
            const founder = e.department === 'Executive' && e.start === FOUNDED_DAY;
            const grant = founder ? FOUNDED_DAY : Math.min(AS_OF_DAY - 10, e.start + rng.int(180, 900));
            const shares = founder
              ? Math.round(rng.logNormal(1_800_000, 0.2) / 1000) * 1000
              : Math.round(rng.logNormal(e.seniority >= 3 ? 40_000 : 6_000, 0.7) / 50) * 50;
            const tier = founder ? 'Common' : rng.chance(0.6) ? 'Options (vested)' : 'Common';
            add(e, 'captable', 'SH', fact('SHAREHOLDER', grant, tier, shares), true);
          }
          break;
        }
      }
    }
    // Customer executives who invested early (angels who are also customers).
    for (const e of this.entities) {
      if (e.kind !== 'PERSON' || e.category !== 'customer' || e.seniority < 3 || !rng.chance(0.06)) continue;
      const since = this.dateBetween(Math.max(e.start, toDay('2015-01-01')), AS_OF_DAY - 30);
      add(
        e,
        'captable',
        'SH',
        fact(
          'SHAREHOLDER',
          since,
          since < toDay('2018-03-06') ? 'Series A Preferred' : 'Series B Preferred',
          Math.round(rng.logNormal(8_000, 0.6) / 100) * 100,
        ),
        true,
      );
    }
  }

  /** External ids: numbered per prefix in a shuffled order, so ids reveal nothing about the model. */
  assignIds(): void {
    const byPrefix = new Map<string, SourceRecord[]>();
    for (const e of this.entities) {
      for (const r of e.records) {
        const list = byPrefix.get(r.prefix) ?? [];
        list.push(r);
        byPrefix.set(r.prefix, list);
      }
    }
    for (const [prefix, list] of [...byPrefix].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const numbers = this.rng.shuffle(list.map((_, i) => i + 1));
      const width = Math.max(5, String(list.length).length);
      list.forEach((r, i) => {
        r.externalId = `${prefix}-${String(at(numbers, i) + (prefix === 'E' ? 1000 : 0)).padStart(width, '0')}`;
      });
    }
  }
}

const LEGAL_SUFFIX =
  /\s+(AB|AS|ASA|A\/S|ApS|Oy|Oyj|GmbH & Co\. KG|GmbH|AG|SE|Ltd\.?|plc|LLP|DAC|SA|SAS|SARL|NV|BV|B\.V\.|N\.V\.|S\.A\.|S\.à r\.l\.|S\.L\.|Lda\.|S\.p\.A\.|S\.r\.l\.|Sp\. z o\.o\.|s\.r\.o\.|a\.s\.|S\.R\.L\.|IKE|A\.Ş\.|Ltd\. Şti\.|Inc\.|LLC|Corp\.|S\.A\. de C\.V\.|S\. de R\.L\.|S\.R\.L\.|SpA|S\.A\.S\.|Pte\. Ltd\.|Pty Ltd|Limited|K\.K\.|G\.K\.|Co\., Ltd\.|Pvt\. Ltd\.|FZ-LLC|\(Pty\) Ltd|JSC)$/;

/** "Northgate Logistics AB" → "Northgate Logistics" (how another system might spell it). */
function stripLegalForm(name: string, _country: CountryCode): string {
  const stripped = name.replace(LEGAL_SUFFIX, '');
  return stripped.length > 0 ? stripped : name;
}

/** Same mailbox, spelt as another system stores it: capitalised, or with a +tag. */
function emailVariant(rng: Random, email: string, source: Source): string {
  const r = rng.next();
  if (r < 0.5) return email;
  const [local = '', domain = ''] = email.split('@');
  if (r < 0.78) {
    const cap = local
      .split('.')
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join('.');
    return `${cap}@${domain.charAt(0).toUpperCase()}${domain.slice(1)}`;
  }
  const tag = source === 'captable' ? 'equity' : source === 'crm' ? 'crm' : source === 'procurement' ? 'billing' : 'partners';
  return `${local}+${tag}@${domain}`;
}

// ---------------------------------------------------------------------------------------------
// Sampling pools (for ties)

/** Weighted sampling over a fixed set of entities: cumulative weights and binary search. */
export class WeightedPool {
  readonly ids: Int32Array;
  private readonly cumulative: Float64Array;
  readonly total: number;

  constructor(ids: readonly number[], weight: (id: number) => number) {
    this.ids = Int32Array.from(ids);
    this.cumulative = new Float64Array(ids.length);
    let sum = 0;
    ids.forEach((id, i) => {
      sum += Math.max(0, weight(id));
      this.cumulative[i] = sum;
    });
    this.total = sum;
  }

  get size(): number {
    return this.ids.length;
  }

  sample(rng: Random): number {
    const n = this.ids.length;
    if (n === 0) return -1;
    const r = rng.next() * this.total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] ?? 0) > r) hi = mid;
      else lo = mid + 1;
    }
    return this.ids[lo] ?? -1;
  }
}

interface Pools {
  people: WeightedPool[];
  orgs: WeightedPool[];
  employees: WeightedPool[];
  allPeople: WeightedPool;
  allOrgs: WeightedPool;
}

function buildPools(entities: readonly Entity[], planted: readonly PlantedCommunity[]): Pools {
  const people: number[][] = planted.map(() => []);
  const orgs: number[][] = planted.map(() => []);
  const employees: number[][] = planted.map(() => []);
  for (const e of entities) {
    for (const c of e.communities) {
      (e.kind === 'PERSON' ? people : orgs)[c]?.push(e.index);
      if (e.category === 'employee') employees[c]?.push(e.index);
    }
  }
  const pop = (id: number): number => at(entities, id).popularity;
  return {
    people: people.map((ids) => new WeightedPool(ids, pop)),
    orgs: orgs.map((ids) => new WeightedPool(ids, pop)),
    employees: employees.map((ids) => new WeightedPool(ids, pop)),
    allPeople: new WeightedPool(
      entities.filter((e) => e.kind === 'PERSON').map((e) => e.index),
      pop,
    ),
    allOrgs: new WeightedPool(
      entities.filter((e) => e.kind === 'ORGANISATION').map((e) => e.index),
      pop,
    ),
  };
}

/** Builds the whole in-memory model (O(stakeholders)); ties and memberships are streamed from it. */
export function buildEcosystem(options: ModelOptions): Ecosystem {
  const n = Math.max(20, Math.floor(options.stakeholders));
  const rng = new Random(options.seed, 'model');
  const k = plantedCount(n);
  const specs: PlantedSpec[] = [];
  const seen = new Set<string>();
  const extras = extraSpecs();
  for (const s of CURATED) if (specs.length < k) specs.push(s);
  while (specs.length < k) {
    const next = extras.next();
    if (next.done) throw new Error(`no more planted community templates (${k} asked)`);
    if (!seen.has(next.value.id) && !CURATED.some((s) => s.id === next.value.id)) specs.push(next.value);
    seen.add(next.value.id);
  }
  const weights = specs.map((s) => s.weight * rng.logNormal(1, 0.25));
  const sizes = apportion(n, weights);
  const planted: PlantedCommunity[] = specs.map((s, index) => ({ ...s, index, size: at(sizes, index) }));
  const builder = new ModelBuilder(rng, planted);
  for (const c of planted) builder.populate(c);
  builder.finish();
  builder.records();
  builder.assignIds();
  return { seed: options.seed, entities: builder.entities, planted, pools: buildPools(builder.entities, planted) };
}

// ---------------------------------------------------------------------------------------------
// Ties

export interface Tie {
  from: string;
  to: string;
  /** Entity indices of both ends (for summaries and tests). */
  fromIndex: number;
  toIndex: number;
  type: TieType;
  weight: number;
  since: string;
}

const TYPE_INDEX: Record<TieType, number> = Object.fromEntries(TIE_TYPES.map((t, i) => [t, i])) as Record<TieType, number>;
const TYPE_BASE_WEIGHT: Record<TieType, number> = {
  WORKS_WITH: 8,
  REPORTS_TO: 10,
  BUYS_FROM: 6,
  SUPPLIES: 6,
  FOLLOWS: 1.2,
  MENTIONS: 2,
  INTERACTS: 5,
};

function chooseType(rng: Random, u: Entity, v: Entity): TieType {
  if (u.kind === 'ORGANISATION' && v.kind === 'ORGANISATION') {
    const buyer = u.category === 'customer' || (u.category === 'partner' && v.category === 'supplier');
    const seller = u.category === 'supplier' || (u.category === 'partner' && v.category === 'customer');
    if (buyer && (v.category === 'supplier' || v.category === 'partner')) return 'BUYS_FROM';
    if (seller && (v.category === 'customer' || v.category === 'partner')) return 'SUPPLIES';
    return 'INTERACTS';
  }
  if (u.kind === 'ORGANISATION') return rng.chance(0.6) ? 'MENTIONS' : 'INTERACTS';
  if (v.kind === 'ORGANISATION') {
    if (u.category === 'customer' && (v.category === 'partner' || v.category === 'supplier') && rng.chance(0.3))
      return 'BUYS_FROM';
    const r = rng.next();
    return r < 0.65 ? 'FOLLOWS' : r < 0.85 ? 'MENTIONS' : 'INTERACTS';
  }
  const r = rng.next();
  if (u.category === 'employee' && v.category === 'employee')
    return r < 0.7 ? 'WORKS_WITH' : r < 0.85 ? 'INTERACTS' : r < 0.95 ? 'MENTIONS' : 'FOLLOWS';
  if (u.org >= 0 && u.org === v.org) return r < 0.75 ? 'WORKS_WITH' : r < 0.95 ? 'INTERACTS' : 'MENTIONS';
  if (u.category === 'employee' || v.category === 'employee') {
    if (u.category === 'partner' || v.category === 'partner')
      return r < 0.35 ? 'WORKS_WITH' : r < 0.85 ? 'INTERACTS' : 'MENTIONS';
    return r < 0.7 ? 'INTERACTS' : r < 0.9 ? 'MENTIONS' : 'FOLLOWS';
  }
  return r < 0.45 ? 'INTERACTS' : r < 0.75 ? 'FOLLOWS' : 'MENTIONS';
}

export interface TieOptions {
  ties: number;
  /** Probability that a tie stays inside the community it is drawn for (people). */
  inside?: number;
}

/**
 * Streams `ties` ties in a shuffled order of source stakeholders. Each source's out-degree is its
 * share of the total activity (exact sum); duplicates are avoided with a per-source set, so memory
 * stays O(stakeholders + max degree) and time O(ties · log stakeholders).
 */
export function* generateTies(eco: Ecosystem, options: TieOptions): Generator<Tie> {
  const rng = new Random(eco.seed, 'ties');
  const { entities, pools } = eco;
  const inside = options.inside ?? 0.9;
  const order = rng.shuffle(entities.map((e) => e.index));
  // The busiest stakeholder goes last: it absorbs what earlier ones could not place (the carry),
  // so the total is exact.
  let busiest = 0;
  order.forEach((ui, i) => {
    if (at(entities, ui).activity > at(entities, at(order, busiest)).activity) busiest = i;
  });
  order.push(...order.splice(busiest, 1));
  const last = at(order, order.length - 1);
  let totalActivity = 0;
  for (const e of entities) totalActivity += e.activity;
  const keys = entities.map(primaryKey);
  const target = Math.max(0, Math.floor(options.ties));
  let cumulative = 0;
  let allotted = 0;
  let carry = 0;
  const local = new Set<number>();

  for (const ui of order) {
    const u = at(entities, ui);
    cumulative += u.activity;
    const upTo = ui === last ? target : Math.floor((target * cumulative) / totalActivity);
    let quota = upTo - allotted + carry;
    allotted = upTo;
    if (quota <= 0) {
      carry = quota;
      continue;
    }
    local.clear();
    const uKey = at(keys, ui);
    const emit = (v: Entity, type: TieType, inner: boolean): Tie | null => {
      const key = v.index * 8 + TYPE_INDEX[type];
      if (v.index === ui || local.has(key)) return null;
      const lo = Math.max(u.start, v.start);
      const hi = Math.min(u.end, v.end);
      if (hi < lo) return null;
      local.add(key);
      const w = TYPE_BASE_WEIGHT[type] * (inner ? 1 : 0.4) * rng.logNormal(1, 0.55);
      return {
        from: uKey,
        to: at(keys, v.index),
        fromIndex: ui,
        toIndex: v.index,
        type,
        weight: Math.max(0.1, Math.round(w * 10) / 10),
        since: fromDay(lo + Math.floor(rng.next() * (hi - lo + 1))),
      };
    };

    if (u.manager >= 0) {
      const tie = emit(at(entities, u.manager), 'REPORTS_TO', true);
      if (tie) {
        yield tie;
        quota--;
      }
    }
    const org = u.org >= 0 ? at(entities, u.org) : null;
    let attempts = ui === last ? quota * 50 + 200 : quota * 4 + 8;
    while (quota > 0 && attempts-- > 0) {
      const c = u.communities.length === 1 || rng.chance(0.45) ? at(u.communities, 0) : rng.pick(u.communities);
      const inner = rng.chance(u.kind === 'PERSON' ? inside : inside - 0.07);
      const wantOrg = u.kind === 'ORGANISATION' ? rng.chance(0.7) : rng.chance(0.06);
      let vi = -1;
      if (inner) {
        if (wantOrg) vi = at(pools.orgs, c).sample(rng);
        else if (org && org.contacts.length > 1 && rng.chance(0.3)) vi = rng.pick(org.contacts);
        else if (u.category === 'employee' && rng.chance(0.3)) vi = at(pools.employees, c).sample(rng);
        else vi = at(pools.people, c).sample(rng);
      } else {
        const pool = wantOrg ? pools.allOrgs : pools.allPeople;
        for (let t = 0; t < 4; t++) {
          const cand = pool.sample(rng);
          if (cand >= 0 && !at(entities, cand).communities.some((x) => u.communities.includes(x))) {
            vi = cand;
            break;
          }
        }
      }
      if (vi < 0) continue;
      const v = at(entities, vi);
      const tie = emit(v, chooseType(rng, u, v), inner);
      if (tie) {
        yield tie;
        quota--;
      }
    }
    carry = quota;
  }
}

// ---------------------------------------------------------------------------------------------
// Declared communities and memberships

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

interface MembershipContext {
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

export interface Membership {
  stakeholder: string;
  community: string;
  strength: number;
  since: string;
}

/** Streams memberships of the declared communities, stakeholder by stakeholder. */
export function* generateMemberships(eco: Ecosystem): Generator<Membership> {
  const rng = new Random(eco.seed, 'memberships');
  const ctx: MembershipContext = {
    planted: eco.planted,
    inPlanted: (e, test) => e.communities.some((i) => test(at(eco.planted, i))),
  };
  for (const e of eco.entities) {
    const key = primaryKey(e);
    for (const d of DECLARED) {
      const p = d.chance(e, ctx);
      if (p <= 0 || !rng.chance(p)) continue;
      const opens = toDay(d.opens);
      let since: number;
      if (d.eventDay !== undefined) {
        const day = toDay(d.eventDay);
        if (e.start > day || e.end < day) continue;
        since = Math.max(opens, day - rng.int(1, 120));
      } else {
        const lo = Math.max(opens, e.start);
        const hi = e.end;
        if (hi < lo) continue;
        since = lo + Math.floor(Math.pow(rng.next(), 1.3) * (hi - lo + 1));
      }
      const strength =
        d.eventDay !== undefined
          ? rng.chance(0.8)
            ? 1
            : 0.5
          : Math.min(1, Math.max(0.05, Math.round(rng.float(0.15, 1) * (e.hub ? 1.3 : 1) * 100) / 100));
      yield { stakeholder: key, community: d.id, strength, since: fromDay(since) };
    }
  }
}

/** The identity key of a person's e-mail as the importer normalises it: lowercase, no +tag. */
export const emailIdentity = (email: string): string => {
  const [local = '', domain = ''] = email.trim().toLowerCase().split('@');
  return `${local.split('+')[0] ?? ''}@${domain}`;
};
