// Generates the people and organisations of each planted community, reporting lines, activity, hubs and brokers.
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
} from '../names.js';
import type { Draws } from '../draws.js';
import { AS_OF_DAY, COMPANY, dateBetween, FOUNDED_DAY, toDay } from './company.js';
import { apportion, at } from './lists.js';
import type { Category, Entity } from './model.js';
import {
  ENGINEERING_OFFICES,
  PRODUCTS,
  REGIONS,
  type PlantedCommunity,
  type Region,
  type Weighted,
} from './planted-communities.js';
import {
  ANGEL_TITLES,
  CONTACTS_PER_ORG,
  CUSTOMER_TITLES,
  CUSTOMER_TITLES_BY_PRODUCT,
  CUSTOMER_TITLES_SENIOR,
  DEPARTMENTS_BY_KIND,
  EXECUTIVES,
  PARTNER_INDUSTRIES,
  PARTNER_TITLES,
  PEOPLE_MIX,
  ROUNDS,
  SUPPLIER_INDUSTRIES,
  SUPPLIER_TITLES,
  TITLES,
} from './population-tables.js';

/**
 * Populates the planted communities one by one (organisations, contacts, angels, employees), then
 * links them: reporting lines to the executives, heavy-tailed activity with hubs, and brokers.
 */
export class PopulationBuilder {
  readonly entities: Entity[] = [];
  readonly names = new UniqueNames();
  readonly emails = new UniqueNames();
  private executives: number[] = [];

  constructor(
    readonly rng: Draws,
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
        org.start = dateBetween(this.rng, toDay('2013-06-01'), AS_OF_DAY - 60, 0.8);
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
        p.start = dateBetween(this.rng, org.start, AS_OF_DAY - 14, 0.9);
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
      p.start = dateBetween(this.rng, toDay('2012-09-01'), toDay('2016-06-30'));
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
        p.start = this.executives.length < 2 ? FOUNDED_DAY : dateBetween(this.rng, FOUNDED_DAY + 200, toDay('2021-01-01'));
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
    lead.start = dateBetween(this.rng, FOUNDED_DAY + 100, toDay('2020-01-01'));
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
        p.start = dateBetween(this.rng, lead.start, AS_OF_DAY - 700);
        managers.push(p);
      } else {
        const junior = rng.chance(0.4);
        p.seniority = junior ? 0 : 1;
        p.title = rng.pick(junior ? bands[0] : bands[1]);
        const boss = managers.length > 0 && rng.chance(0.85) ? rng.pick(managers) : lead;
        p.manager = boss.index;
        p.start = dateBetween(this.rng, Math.max(boss.start, FOUNDED_DAY + 60), AS_OF_DAY - 20, junior ? 0.5 : 0.8);
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
}
