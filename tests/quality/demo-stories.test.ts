// Quality: the three stories planted in the demo's three years of interactions (seeds/demo, ground-truth-stories.csv)
// are there, measured with the one strength formula and the partition a run uses: (a) a partner community cools,
// (b) an engaged customer segment warms up after its engagement date while the rest of the segment does not,
// (c) a broker leaves and the two halves of the community stop talking to each other. Each story is checked on the
// files as dated and as the demo loads them on a clock years later (moved to end yesterday, decision 104).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Graph from 'graphology';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import {
  relationshipStrength,
  type InteractionChannel,
  type PairInteraction,
} from '../../server/src/domain/relationship-strength.js';
import { detectPartition } from '../../server/src/analytics/partition.js';
import { normaliseEmail } from '../../server/src/import/identity.js';
import { readImportInput } from '../../server/src/import/read-input.js';
import { shiftDay, shiftToYesterday } from '../../server/src/import/shift-dates.js';
import { INTERACTIONS_UNTIL } from '../../seeds/ecosystem/interactions.js';

const DAY = 86_400_000;
const DEMO = fileURLToPath(new URL('../../seeds/demo', import.meta.url));
const table = (file: string): Array<Record<string, string>> => parse(readFileSync(`${DEMO}/${file}`, 'utf8'), { columns: true });

// People by the primary key the ground truth uses; participants named by e-mail are mapped back to it.
const truth = table('ground-truth.csv');
const communityOf = new Map(truth.map((r) => [r.stakeholder!, r.community!]));
const keyOfEmail = new Map<string, string>();
for (const r of table('stakeholders.csv')) {
  const key = `${r.source}:${r.external_id}`;
  const email = r.email ? normaliseEmail(r.email) : undefined;
  if (email !== undefined && communityOf.has(key)) keyOfEmail.set(email, key);
}
const person = (ref: string): string => (ref.includes('@') ? (keyOfEmail.get(normaliseEmail(ref) ?? '') ?? ref) : ref);

interface Interaction {
  at: number;
  channel: InteractionChannel;
  sentiment: number | null;
  initiator: string | null;
  people: string[];
}

// The bundle as the demo loader reads it (without the future check: it moves the dates before writing).
const parsed = await readImportInput(DEMO, { now: Number.POSITIVE_INFINITY });
const stories = table('ground-truth-stories.csv');
const part = (story: string, name: string): Set<string> =>
  new Set(stories.filter((r) => r.story === story && r.part === name).map((r) => r.stakeholder!));

/** The demo's interactions, its story dates and its "as of" day: as dated in the files (today null) or moved. */
function demoOn(today: number | null) {
  const { bundle, days } = today === null ? { bundle: parsed.bundle, days: 0 } : shiftToYesterday(parsed.bundle, today);
  const all: Interaction[] = bundle.interactions.map((x) => ({
    at: x.at,
    channel: x.channel,
    sentiment: x.sentiment ?? null,
    initiator: x.initiator ?? null,
    people: x.participants.map(person),
  }));
  const day = (iso: string): number => Date.parse(`${shiftDay(iso, days)}T00:00:00Z`);
  return {
    all,
    asOf: day(INTERACTIONS_UNTIL),
    dateOf: (story: string): number => day(stories.find((r) => r.story === story)!.date!),
  };
}

const meanStrength = (pairs: Map<string, PairInteraction[]>, at: number): number => {
  let sum = 0;
  for (const list of pairs.values()) sum += relationshipStrength(list, 0, at).strength;
  return sum / Math.max(1, pairs.size);
};

const figures: Array<Record<string, string | number>> = [];
afterAll(() => console.table(figures));

const CLOCKS = [
  { clock: 'as the files are dated', today: null },
  { clock: 'loaded on 2029-07-04', today: Date.parse('2029-07-04T10:00:00Z') },
];

describe.each(CLOCKS)('the demo interactions tell their planted stories, $clock', ({ clock, today }) => {
  const { all, asOf, dateOf } = demoOn(today);

  /** Each pair of `members` who shared an interaction, with the interactions as the formula sees them. */
  function pairsWithin(members: (id: string) => boolean): Map<string, PairInteraction[]> {
    const pairs = new Map<string, PairInteraction[]>();
    for (const x of all) {
      const inside = [...new Set(x.people)].filter(members).sort();
      for (let i = 0; i < inside.length; i++) {
        for (let j = i + 1; j < inside.length; j++) {
          const [a, b] = [inside[i]!, inside[j]!];
          const key = `${a} ${b}`;
          const list = pairs.get(key) ?? [];
          list.push({
            at: x.at,
            channel: x.channel,
            sentiment: x.sentiment,
            participants: x.people.length,
            initiator: x.initiator === a ? 'a' : x.initiator === b ? 'b' : null,
          });
          pairs.set(key, list);
        }
      }
    }
    return pairs;
  }

  it('holds three years of interactions, up to the demo date', () => {
    const times = all.map((x) => x.at);
    const latest = times.reduce((a, b) => Math.max(a, b), 0);
    expect(all.length).toBeGreaterThan(9_000);
    expect(latest).toBeLessThanOrEqual(asOf + DAY);
    // Moved, the latest interaction falls on the day before the clock's.
    if (today !== null) expect(Math.floor(latest / DAY)).toBe(Math.floor(today / DAY) - 1);
    expect(times.reduce((a, b) => Math.min(a, b), Infinity)).toBeLessThan(asOf - 2.9 * 365 * DAY);
    expect(all.every((x) => new Set(x.people).size >= 2)).toBe(true);
  });

  it('(a) a partner community cools: its strength falls over the last 6 months, elsewhere it holds', () => {
    const members = part('cooling-partners', 'member');
    const community = stories.find((r) => r.story === 'cooling-partners')!.community!;
    const cooling = pairsWithin((id) => members.has(id));
    const others = pairsWithin((id) => communityOf.has(id) && communityOf.get(id) !== community);
    // Pairs of other communities count only when both are in the same one.
    for (const key of [...others.keys()]) {
      const [a, b] = key.split(' ');
      if (communityOf.get(a!) !== communityOf.get(b!)) others.delete(key);
    }
    const before = asOf - 180 * DAY;
    const coolingRatio = meanStrength(cooling, asOf) / meanStrength(cooling, before);
    const othersRatio = meanStrength(others, asOf) / meanStrength(others, before);
    const falling = [...cooling.values()].filter(
      (l) => relationshipStrength(l, 0, asOf).strength < relationshipStrength(l, 0, before).strength,
    );
    figures.push({
      clock,
      story: '(a) cooling',
      pairs: cooling.size,
      'strength now / 6 months ago': +coolingRatio.toFixed(3),
      'other communities': +othersRatio.toFixed(3),
    });
    expect(cooling.size).toBeGreaterThan(50);
    expect(coolingRatio).toBeLessThan(0.5);
    expect(othersRatio).toBeGreaterThan(0.8);
    expect(falling.length / cooling.size).toBeGreaterThan(0.9);
  });

  it('(b) an engaged customer segment warms up after the engagement date; the rest of the segment does not', () => {
    const date = dateOf('won-segment');
    const window = 180 * DAY;
    const measure = (people: Set<string>) => {
      const involving = all.filter((x) => x.people.some((p) => people.has(p)));
      const span = (from: number, to: number) => {
        const inside = involving.filter((x) => x.at >= from && x.at < to);
        const rated = inside.filter((x) => x.sentiment !== null);
        return { count: inside.length, sentiment: rated.reduce((s, x) => s + x.sentiment!, 0) / Math.max(1, rated.length) };
      };
      return { before: span(date - window, date), after: span(date, date + window) };
    };
    const engaged = measure(part('won-segment', 'engaged'));
    const rest = measure(part('won-segment', 'not-engaged'));
    figures.push({
      clock,
      story: '(b) engaged',
      'interactions before → after': `${engaged.before.count} → ${engaged.after.count}`,
      'sentiment before → after': `${engaged.before.sentiment.toFixed(2)} → ${engaged.after.sentiment.toFixed(2)}`,
    });
    figures.push({
      clock,
      story: '(b) not engaged',
      'interactions before → after': `${rest.before.count} → ${rest.after.count}`,
      'sentiment before → after': `${rest.before.sentiment.toFixed(2)} → ${rest.after.sentiment.toFixed(2)}`,
    });
    expect(engaged.before.count).toBeGreaterThan(10);
    expect(engaged.after.count).toBeGreaterThan(2 * engaged.before.count);
    expect(engaged.after.sentiment - engaged.before.sentiment).toBeGreaterThan(1);
    expect(rest.after.count / Math.max(1, rest.before.count)).toBeLessThan(1.6);
    expect(Math.abs(rest.after.sentiment - rest.before.sentiment)).toBeLessThan(0.6);
  });

  it('(c) a broker leaves: no interaction after the date, and the community splits between the year before and after', () => {
    const date = dateOf('broker-leaves');
    const broker = [...part('broker-leaves', 'broker')][0]!;
    const sideA = part('broker-leaves', 'side-a');
    const sideB = part('broker-leaves', 'side-b');
    const side = (id: string): 'a' | 'b' | null => (sideA.has(id) ? 'a' : sideB.has(id) ? 'b' : null);
    expect(all.some((x) => x.at >= date && x.people.includes(broker))).toBe(false);
    expect(all.filter((x) => x.at < date && x.people.includes(broker)).length).toBeGreaterThan(100);

    const windowOf = (from: number, to: number) => {
      const graph = new Graph({ type: 'undirected' });
      let cross = 0;
      let within = 0;
      for (const x of all) {
        if (x.at < from || x.at >= to) continue;
        const inside = [...new Set(x.people)].filter((p) => side(p) !== null || p === broker);
        for (let i = 0; i < inside.length; i++) {
          for (let j = i + 1; j < inside.length; j++) {
            const [a, b] = [inside[i]!, inside[j]!];
            if (graph.hasEdge(a, b)) graph.updateEdgeAttribute(a, b, 'weight', (w: number | undefined) => (w ?? 0) + 1);
            else graph.mergeEdge(a, b, { weight: 1 });
            if (side(a) !== null && side(b) !== null) {
              if (side(a) === side(b)) within++;
              else cross++;
            }
          }
        }
      }
      const partition = detectPartition(graph, { seed: 1 });
      // Purity: the share of side members whose detected community's majority is their own side.
      const counts = new Map<number, { a: number; b: number }>();
      for (const [node, c] of partition.communities) {
        const s = side(node);
        if (s === null) continue;
        const entry = counts.get(c) ?? { a: 0, b: 0 };
        entry[s]++;
        counts.set(c, entry);
      }
      let majority = 0;
      let total = 0;
      for (const { a, b } of counts.values()) {
        majority += Math.max(a, b);
        total += a + b;
      }
      return { cross: cross / Math.max(1, cross + within), purity: majority / Math.max(1, total), communities: partition.count };
    };
    const earlier = windowOf(date - 365 * DAY, date);
    const later = windowOf(date, asOf + DAY);
    figures.push({
      clock,
      story: '(c) year before',
      'cross-side share': +earlier.cross.toFixed(3),
      purity: +earlier.purity.toFixed(3),
      communities: earlier.communities,
    });
    figures.push({
      clock,
      story: '(c) year after',
      'cross-side share': +later.cross.toFixed(3),
      purity: +later.purity.toFixed(3),
      communities: later.communities,
    });
    expect(earlier.cross).toBeGreaterThan(0.3);
    expect(later.cross).toBe(0);
    expect(later.purity).toBe(1);
    expect(earlier.purity).toBeLessThan(0.85);
  });
});
