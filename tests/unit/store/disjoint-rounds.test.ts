// The write lanes of the full recomputation: every pair written once, and the lanes of one round never share a
// stakeholder (so they never wait on each other's locks).
import { expect, it } from 'vitest';
import { createRandom } from '../../../server/src/domain/random.js';
import { disjointRounds } from '../../../server/src/store/relationship-recompute.js';

const randomPairs = (n: number, people: number, seed: number): Array<{ ia: number; ib: number }> => {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => {
    const ia = Math.floor(random() * people);
    return { ia, ib: (ia + 1 + Math.floor(random() * (people - 1))) % people };
  });
};

it.each([1, 2, 3, 4])('with %i lanes, writes every pair once and no two lanes of a round share a stakeholder', (lanes) => {
  const pairs = randomPairs(5_000, 300, lanes);
  const rounds = disjointRounds(pairs, lanes);
  expect(rounds.every((round) => round.length === lanes)).toBe(true);
  const written = rounds.flat(2);
  expect(written).toHaveLength(pairs.length);
  expect(new Set(written).size).toBe(pairs.length);
  for (const round of rounds) {
    const owner = new Map<number, number>();
    round.forEach((group, lane) => {
      for (const { ia, ib } of group) {
        for (const person of [ia, ib]) {
          expect(owner.get(person) ?? lane).toBe(lane);
          owner.set(person, lane);
        }
      }
    });
  }
});

it('spreads the pairs over the lanes of each round', () => {
  const rounds = disjointRounds(randomPairs(20_000, 1_000, 9), 2);
  expect(rounds).toHaveLength(4);
  for (const round of rounds) {
    const [a, b] = round.map((group) => group.length);
    expect(Math.min(a!, b!) / Math.max(a!, b!)).toBeGreaterThan(0.8);
  }
});
