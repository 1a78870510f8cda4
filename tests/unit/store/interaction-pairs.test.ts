// Which pairs one interaction relates: all of a small group; of a broadcast, only those with its owner or initiator.
import { expect, it } from 'vitest';
import { pairsOf } from '../../../server/src/store/interactions.js';
import { MAX_PAIRED_PARTICIPANTS } from '../../../server/src/domain/relationship-strength.js';

it('relates every pair of a small group once, in id order', () => {
  expect(pairsOf(['c', 'a', 'b', 'a'], [])).toEqual([
    ['a', 'b'],
    ['a', 'c'],
    ['b', 'c'],
  ]);
});

it('relates only the owner and initiator to the others in a broadcast', () => {
  const people = Array.from({ length: MAX_PAIRED_PARTICIPANTS + 1 }, (_, i) => `p${String(i).padStart(3, '0')}`);
  const pairs = pairsOf(people, ['p007']);
  expect(pairs).toHaveLength(MAX_PAIRED_PARTICIPANTS);
  expect(pairs.every(([a, b]) => a === 'p007' || b === 'p007')).toBe(true);
});
