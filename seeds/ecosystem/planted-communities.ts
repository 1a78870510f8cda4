// Templates of the planted (hidden) communities: regions, product lines, the curated ones and the extras of large runs.
import { slugify, type CountryCode, type IndustryKey } from '../names.js';
import { at } from './lists.js';

export type Weighted<T> = readonly (readonly [T, number])[];

export interface Region {
  name: string;
  countries: Weighted<CountryCode>;
  office: CountryCode;
}

export const REGIONS = {
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

export const PRODUCTS = {
  dataPlatform: 'Data Platform',
  analytics: 'Analytics Cloud',
  integrations: 'Connect',
  security: 'Shield',
} as const;
export type ProductKey = keyof typeof PRODUCTS;

/** Offices where product/engineering staff sit (global communities). */
export const ENGINEERING_OFFICES: Weighted<CountryCode> = [
  ['NL', 40],
  ['PL', 20],
  ['PT', 15],
  ['IN', 15],
  ['SE', 10],
];

export type PlantedKind = 'regional' | 'product' | 'corporate' | 'supply';

export interface PlantedSpec {
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

/** Number of planted communities for a given size: 14 for the 2,000-stakeholder demo, √-scaled. */
export function plantedCount(stakeholders: number): number {
  return Math.max(3, Math.round(14 * Math.sqrt(stakeholders / 2000)));
}

/** The first `count` templates: the curated ones, then region × industry and product × region combinations. */
export function plantedSpecs(count: number): PlantedSpec[] {
  const specs: PlantedSpec[] = [];
  const seen = new Set<string>();
  const extras = extraSpecs();
  for (const s of CURATED) if (specs.length < count) specs.push(s);
  while (specs.length < count) {
    const next = extras.next();
    if (next.done) throw new Error(`no more planted community templates (${count} asked)`);
    if (!seen.has(next.value.id) && !CURATED.some((s) => s.id === next.value.id)) specs.push(next.value);
    seen.add(next.value.id);
  }
  return specs;
}
