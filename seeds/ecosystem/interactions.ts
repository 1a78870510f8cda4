// Three years of interactions (meetings, calls, e-mails, events, deals, notes) along the person–person ties, with
// three planted stories the quality tier checks (tests/quality/demo-stories.test.ts):
//  (a) cooling: a partner community whose interactions almost stop in the last 6 months (strength falls);
//  (b) won over: half of a customer segment is engaged from an engagement date on: more interactions, warmer;
//  (c) a broker leaves: a community's hub stops interacting and its two halves stop talking to each other.
import { Draws } from '../draws.js';
import { AS_OF_DAY, fromDay, toDay } from './company.js';
import { at } from './lists.js';
import { primaryKey, type Ecosystem, type Entity } from './model.js';

/** The demo's interactions end here (the "now" of their strengths) and start three years before. */
export const INTERACTIONS_UNTIL = '2026-11-27';
const UNTIL_DAY = toDay(INTERACTIONS_UNTIL);
const FROM_DAY = UNTIL_DAY - 3 * 365;
/** (a) cooling starts 6 months before the end; (b) the engagement date; (c) the broker leaves a year before the end. */
export const COOLING_DAY = UNTIL_DAY - 182;
export const ENGAGEMENT_DAY = UNTIL_DAY - 200;
export const LEAVE_DAY = UNTIL_DAY - 365;
const DAY_MS = 86_400_000;

export type Channel = 'MEETING' | 'CALL' | 'EMAIL' | 'EVENT' | 'DEAL' | 'NOTE';
const CHANNELS: ReadonlyArray<readonly [Channel, number]> = [
  ['EMAIL', 40],
  ['MEETING', 22],
  ['CALL', 18],
  ['NOTE', 8],
  ['EVENT', 6],
  ['DEAL', 6],
];

export interface GeneratedInteraction {
  id: string;
  /** Epoch milliseconds. */
  at: number;
  channel: Channel;
  /** References as the bundle writes them: the primary record key, or (now and then) the person's e-mail. */
  participants: string[];
  owner: string | null;
  initiator: string | null;
  sentiment: number | null;
}

export interface StoryMember {
  story: 'cooling-partners' | 'won-segment' | 'broker-leaves';
  stakeholder: string;
  part: 'member' | 'engaged' | 'not-engaged' | 'broker' | 'side-a' | 'side-b';
  community: string;
  date: string;
}

export interface InteractionsResult {
  interactions: GeneratedInteraction[];
  stories: StoryMember[];
}

/** A person–person tie the interactions follow (entity indices and the tie's weight). */
export interface PersonTie {
  u: number;
  v: number;
  weight: number;
}

interface Stories {
  cooling: number;
  segment: number;
  broker: number;
  brokerCommunity: number;
  engaged: Set<number>;
  notEngaged: Set<number>;
  side: Map<number, 0 | 1>;
}

const peopleOf = (eco: Ecosystem, community: number): Entity[] =>
  eco.entities.filter((e) => e.kind === 'PERSON' && e.communities[0] === community);

/** The three stories' communities and people, chosen by rules over the model (deterministic for a seed). */
function chooseStories(eco: Ecosystem, ties: readonly PersonTie[], rng: Draws): Stories {
  const count = (community: number, category: Entity['category']): number =>
    peopleOf(eco, community).filter((e) => e.category === category).length;
  const byCount = (category: Entity['category'], exclude: number[]): number => {
    let best = -1;
    for (const c of eco.planted) {
      if (exclude.includes(c.index)) continue;
      if (best < 0 || count(c.index, category) > count(best, category)) best = c.index;
    }
    return best;
  };
  const cooling = byCount('partner', []);
  const segment = byCount('customer', [cooling]);
  const brokerCommunity = byCount('employee', [cooling, segment]);
  // The broker: the employee of that community with the most ties inside it.
  const inside = new Map<number, number>();
  for (const t of ties) {
    const u = at(eco.entities, t.u);
    const v = at(eco.entities, t.v);
    if (u.communities[0] !== brokerCommunity || v.communities[0] !== brokerCommunity) continue;
    inside.set(t.u, (inside.get(t.u) ?? 0) + 1);
    inside.set(t.v, (inside.get(t.v) ?? 0) + 1);
  }
  let broker = -1;
  for (const e of peopleOf(eco, brokerCommunity)) {
    if (e.category !== 'employee' || e.end < AS_OF_DAY) continue;
    if (broker < 0 || (inside.get(e.index) ?? 0) > (inside.get(broker) ?? 0)) broker = e.index;
  }
  const side = new Map<number, 0 | 1>();
  const members = rng.shuffle(peopleOf(eco, brokerCommunity).filter((e) => e.index !== broker));
  members.forEach((e, i) => side.set(e.index, i < members.length / 2 ? 0 : 1));
  const customers = rng.shuffle(peopleOf(eco, segment).filter((e) => e.category === 'customer' && e.end >= AS_OF_DAY));
  const engaged = new Set(customers.slice(0, Math.ceil(customers.length / 2)).map((e) => e.index));
  const notEngaged = new Set(customers.slice(Math.ceil(customers.length / 2)).map((e) => e.index));
  return { cooling, segment, broker, brokerCommunity, engaged, notEngaged, side };
}

/** Last day an entity can interact: people still active at the ecosystem's as-of date go on to the end. */
const lastDay = (e: Entity): number => (e.end >= AS_OF_DAY ? UNTIL_DAY : e.end);

/**
 * Draws `count` interactions along the ties (a tie's share ∝ its weight), dated uniformly where both people are
 * active in the three years, then applies the stories by rejection and by extra interactions. Sorted by date.
 */
export function generateInteractions(eco: Ecosystem, ties: readonly PersonTie[], count: number): InteractionsResult {
  const rng = new Draws(eco.seed, 'interactions');
  const { entities } = eco;
  const target = Math.max(0, Math.floor(count));
  const usable = ties.filter((t) => {
    const u = at(entities, t.u);
    const v = at(entities, t.v);
    return Math.min(lastDay(u), lastDay(v)) > Math.max(u.start, v.start, FROM_DAY);
  });
  if (target === 0 || usable.length === 0) return { interactions: [], stories: [] };
  const stories = chooseStories(eco, usable, rng);
  const cumulative = new Float64Array(usable.length);
  let total = 0;
  usable.forEach((t, i) => (cumulative[i] = total += t.weight));
  const pickTie = (): PersonTie => {
    const r = rng.next() * total;
    let lo = 0;
    let hi = usable.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return at(usable, lo);
  };
  const members = new Map<number, number[]>();
  for (const e of entities) {
    if (e.kind !== 'PERSON') continue;
    const c = e.communities[0] ?? -1;
    const list = members.get(c);
    if (list) list.push(e.index);
    else members.set(c, [e.index]);
  }
  const ref = (e: Entity): string => (e.email !== '' && rng.chance(0.05) ? e.email : primaryKey(e));
  const sentiment = (shift: number): number | null =>
    rng.chance(0.55) ? Math.max(-2, Math.min(2, Math.round(rng.normal() * 0.9 + 0.6 + shift))) : null;

  const cooled = (e: Entity): boolean => e.communities[0] === stories.cooling;
  const inBrokerCommunity = (e: Entity): boolean => e.communities[0] === stories.brokerCommunity;
  /** Whether the stories allow these people to meet on this day (and the sentiment shift they give it). */
  const allowed = (people: Entity[], day: number): { ok: boolean; shift: number } => {
    let shift = 0;
    if (day >= LEAVE_DAY) {
      if (people.some((e) => e.index === stories.broker)) return { ok: false, shift };
      const sides = new Set(people.filter(inBrokerCommunity).map((e) => stories.side.get(e.index)));
      if (sides.size > 1) return { ok: false, shift };
    }
    if (day >= COOLING_DAY && people.filter(cooled).length >= 2) {
      if (!rng.chance(0.08)) return { ok: false, shift };
      shift -= 1;
    }
    // The engagement concerns the engaged half only: a meeting that also has people of the other half is left as it is.
    if (people.some((e) => stories.engaged.has(e.index)) && !people.some((e) => stories.notEngaged.has(e.index))) {
      if (day < ENGAGEMENT_DAY) {
        if (!rng.chance(0.45)) return { ok: false, shift };
        shift -= 1;
      } else shift += 1;
    }
    return { ok: true, shift };
  };

  const drawn: Array<Omit<GeneratedInteraction, 'id'>> = [];
  const emit = (people: Entity[], day: number, channel: Channel, shift: number): void => {
    const employee = people.find((e) => e.category === 'employee');
    const a = at(people, 0);
    const b = at(people, 1);
    const initiator = channel === 'NOTE' || (channel === 'MEETING' && rng.chance(0.5)) ? null : rng.chance(0.5) ? a : b;
    drawn.push({
      at: day * DAY_MS + Math.floor(rng.next() * 10 + 8) * 3_600_000,
      channel,
      participants: people.map(ref),
      owner: employee ? primaryKey(employee) : null,
      initiator: initiator ? primaryKey(initiator) : null,
      sentiment: sentiment(shift),
    });
  };
  const dayFor = (people: Entity[], from = FROM_DAY, to = UNTIL_DAY): number | null => {
    const lo = Math.max(from, ...people.map((e) => e.start));
    const hi = Math.min(to, ...people.map(lastDay));
    return hi <= lo ? null : lo + Math.floor(rng.next() * (hi - lo));
  };

  // (b) The engagement: from its date on, employees seek out the engaged customers (about 3 % of all interactions).
  const engagedList = [...stories.engaged];
  const employeesOfSegment = (members.get(stories.segment) ?? []).filter((i) => at(entities, i).category === 'employee');
  const engagementExtra = engagedList.length > 0 && employeesOfSegment.length > 0 ? Math.round(target * 0.03) : 0;
  // (c) Before leaving, the broker is the community's busiest connector (about 2 %).
  const brokerMembers = (members.get(stories.brokerCommunity) ?? []).filter((i) => i !== stories.broker);
  const brokerExtra = stories.broker >= 0 && brokerMembers.length > 0 ? Math.round(target * 0.02) : 0;
  const regular = target - engagementExtra - brokerExtra;

  for (let made = 0, attempts = 0; made < regular && attempts < regular * 20; attempts++) {
    const tie = pickTie();
    const people = [at(entities, tie.u), at(entities, tie.v)];
    const channel = rng.weightedPick(CHANNELS);
    // A deal needs a customer; meetings and events sometimes bring colleagues of the same community.
    const kind: Channel = channel === 'DEAL' && !people.some((e) => e.category === 'customer') ? 'MEETING' : channel;
    if ((kind === 'MEETING' || kind === 'EVENT') && rng.chance(0.3)) {
      const pool = members.get(at(people, 0).communities[0] ?? -1) ?? [];
      for (let k = rng.int(1, 3); k > 0 && pool.length > 0; k--) {
        const extra = at(entities, rng.pick(pool));
        if (!people.includes(extra)) people.push(extra);
      }
    }
    const day = dayFor(people);
    if (day === null) continue;
    const { ok, shift } = allowed(people, day);
    if (!ok) continue;
    emit(people, day, kind, shift);
    made++;
  }
  for (let k = 0; k < engagementExtra; k++) {
    const people = [at(entities, rng.pick(employeesOfSegment)), at(entities, rng.pick(engagedList))];
    const day = dayFor(people, ENGAGEMENT_DAY);
    if (day === null) continue;
    emit(people, day, rng.chance(0.5) ? 'MEETING' : rng.chance(0.5) ? 'CALL' : 'EMAIL', 1);
  }
  for (let k = 0; k < brokerExtra; k++) {
    const people = [at(entities, stories.broker), at(entities, rng.pick(brokerMembers))];
    const day = dayFor(people, FROM_DAY, LEAVE_DAY);
    if (day === null) continue;
    emit(people, day, rng.weightedPick(CHANNELS) === 'EMAIL' ? 'EMAIL' : 'MEETING', 0);
  }

  drawn.sort((x, y) => x.at - y.at);
  const width = String(drawn.length).length;
  const interactions = drawn.map((x, i) => ({ id: `I-${String(i + 1).padStart(Math.max(6, width), '0')}`, ...x }));

  const storyRows: StoryMember[] = [];
  const community = (index: number): string => at(eco.planted, index).id;
  const add = (story: StoryMember['story'], e: number, part: StoryMember['part'], c: number, day: number): void => {
    storyRows.push({ story, stakeholder: primaryKey(at(entities, e)), part, community: community(c), date: fromDay(day) });
  };
  for (const i of members.get(stories.cooling) ?? []) add('cooling-partners', i, 'member', stories.cooling, COOLING_DAY);
  for (const i of stories.engaged) add('won-segment', i, 'engaged', stories.segment, ENGAGEMENT_DAY);
  for (const i of stories.notEngaged) add('won-segment', i, 'not-engaged', stories.segment, ENGAGEMENT_DAY);
  if (stories.broker >= 0) add('broker-leaves', stories.broker, 'broker', stories.brokerCommunity, LEAVE_DAY);
  for (const [i, s] of stories.side) add('broker-leaves', i, s === 0 ? 'side-a' : 'side-b', stories.brokerCommunity, LEAVE_DAY);
  storyRows.sort((x, y) => (x.story + x.part + x.stakeholder < y.story + y.part + y.stakeholder ? -1 : 1));
  return { interactions, stories: storyRows };
}
